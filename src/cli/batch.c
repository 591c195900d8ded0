/* 'precis batch': JSON Lines in, JSON Lines out, for engines that shard work over processes
 * (GNU parallel --pipe, Hadoop Streaming, Spark's RDD.pipe). Each input line is one cluster,
 *
 *   {"id": ..., "documents": [{"name": ..., "text": ..., "date": ...}, ...], "query": "...",
 *    "options": {...}}
 *
 * and gives exactly one output line with its id, in input order:
 *
 *   {"id": ..., "result": <the --format json object>}   or   {"id": ..., "error": {...}}
 *
 * A bad line (not JSON, no documents, a bad option, text that is binary, a budget nothing fits
 * in) gives an error object and the batch goes on. One line is held in memory at a time, so
 * memory follows the largest cluster, not the length of the stream. */
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include <precis.h>

#include "cli.h"

enum { ERR_CAP = 512 };

/* A JSON string of 'message'. Messages quote the input, and snprintf may have cut them inside a
 * character: such a tail is dropped (the rest is valid UTF-8, as all JSON text is). */
static json_t *message_json(const char *message)
{
    size_t len = strlen(message);
    json_t *m = json_stringn(message, len);
    for (size_t cut = 1; m == NULL && cut <= 3 && cut <= len; cut++)
        m = json_stringn(message, len - cut);
    return m ? m : json_string("(the message was not valid UTF-8)");
}

/* {"id": id, "error": {"message": ...}}; a line without a usable id also says which line it
 * was ("line": N, counted from 1 in its input), since nothing else identifies it. */
static json_t *error_line(json_t *id, unsigned long line_no, const char *message)
{
    json_t *out = json_object();
    if (out == NULL || json_object_set(out, "id", id ? id : json_null()) != 0) {
        json_decref(out);
        return NULL;
    }
    json_t *e = json_object();
    // json_object_set_new() takes its value's reference whether it succeeds or not
    if (json_object_set_new(out, "error", e) != 0 ||
        (id == NULL && json_object_set_new(e, "line", json_integer((json_int_t)line_no)) != 0) ||
        json_object_set_new(e, "message", message_json(message)) != 0) {
        json_decref(out);
        return NULL;
    }
    return out;
}

/* A number option as the command line would give it: the shortest form that reads back the
 * same ("1.1", not "1.1000000000000001"). */
static bool option_text(const json_t *v, char *buf, size_t cap)
{
    if (json_is_integer(v)) {
        snprintf(buf, cap, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        return true;
    }
    if (!json_is_real(v))
        return false;
    double x = json_real_value(v);
    for (int digits = 15; digits <= 17; digits++) {
        snprintf(buf, cap, "%.*g", digits, x);
        if (strtod(buf, NULL) == x)
            break;
    }
    return true;
}

/* Options whose value the options keep pointing at (the language): a JSON string, which lives
 * as long as the line; a number would be formatted into a buffer that does not. */
static bool wants_string(const char *key)
{
    return strcmp(key, "lang") == 0 || strcmp(key, "language") == 0 || strcmp(key, "query") == 0;
}

/* The options of one line over the defaults; false with a reason in 'err'. */
static bool line_options(json_t *obj, precis_options *opt, char *err)
{
    if (obj == NULL)
        return true;
    if (!json_is_object(obj)) {
        snprintf(err, ERR_CAP, "'options' must be an object");
        return false;
    }
    int budget_flags = 0;
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v)
    {
        // A string is passed as it is: the options may keep pointing at it (the language),
        // and it lives as long as the line's JSON.
        char number[64];
        const char *value = json_is_string(v) ? json_string_value(v) : number;
        if (json_is_string(v) && strlen(value) != json_string_length(v)) {
            snprintf(err, ERR_CAP, "option '%.64s': the value holds a NUL character (\\u0000)",
                     key);
            return false;
        }
        if (!json_is_string(v) && (wants_string(key) || !option_text(v, number, sizeof number))) {
            snprintf(err, ERR_CAP, "option '%.64s': expected %s", key,
                     wants_string(key) ? "a string" : "a number or a string");
            return false;
        }
        if (precis_cli_set_option(opt, &budget_flags, key, value, err, ERR_CAP) != 0)
            return false;
    }
    if (budget_flags > 1) {
        snprintf(err, ERR_CAP, "give one length at a time (sentences, words, bytes or ratio)");
        return false;
    }
    return true;
}

/* What a batch document may say of itself, as a web page would (README, 'Batch mode'). */
static const char *const page_keys[] = {"title", "site", "author", "url"};

/* A document that gave any of page_keys gets them, with its date, as the "page" object a web
 * page's document has in the result. False when out of memory. */
static bool add_page_metadata(json_t *result, const json_t *docs)
{
    json_t *out = json_object_get(json_object_get(result, "corpus"), "documents");
    size_t i;
    json_t *d;
    json_array_foreach(docs, i, d)
    {
        bool any = false;
        for (size_t k = 0; k < sizeof page_keys / sizeof *page_keys; k++)
            any = any || json_is_string(json_object_get(d, page_keys[k]));
        if (!any)
            continue;
        json_t *page = json_object();
        if (page == NULL || json_object_set_new(json_array_get(out, i), "page", page) != 0)
            return false;
        static const char *const order[] = {"title", "site", "author", "date", "url"};
        for (size_t k = 0; k < sizeof order / sizeof *order; k++) {
            const json_t *v = json_object_get(d, order[k]);
            json_t *copy = json_is_string(v) ? json_stringn(json_string_value(v),
                                                             json_string_length(v))
                                             : json_null();
            if (json_object_set_new(page, order[k], copy) != 0)
                return false;
        }
    }
    return true;
}

/* Adds every document of the line to 'corpus'; false with a reason in 'err'. */
static bool line_documents(const json_t *docs, const precis_options *opt, precis_corpus *corpus,
                           char *err)
{
    if (!json_is_array(docs) || json_array_size(docs) == 0) {
        snprintf(err, ERR_CAP, "'documents' must be a non-empty array of {\"name\", \"text\"}");
        return false;
    }
    size_t limit = opt->max_input_bytes ? opt->max_input_bytes : PRECIS_CLI_MAX_INPUT_BYTES,
           total = 0;
    size_t i;
    json_t *d;
    json_array_foreach(docs, i, d)
    {
        const json_t *text = json_object_get(d, "text"), *name = json_object_get(d, "name");
        const json_t *date = json_object_get(d, "date");
        bool meta_ok = true; // what a web page would say of itself: strings, when given
        for (size_t k = 0; k < sizeof page_keys / sizeof *page_keys; k++) {
            const json_t *m = json_object_get(d, page_keys[k]);
            meta_ok = meta_ok && (m == NULL || json_is_string(m) || json_is_null(m));
        }
        if (!json_is_object(d) || !json_is_string(text) || (name && !json_is_string(name)) ||
            (date && (!json_is_string(date) ||
                      strlen(json_string_value(date)) != json_string_length(date))) ||
            !meta_ok) {
            snprintf(err, ERR_CAP,
                     "documents[%zu]: expected {\"name\", \"text\", \"date\", \"title\", "
                     "\"site\", \"author\", \"url\"} with string values (\"text\" required)",
                     i);
            return false;
        }
        char fallback[48];
        snprintf(fallback, sizeof fallback, "documents[%zu]", i);
        const char *doc_name = name ? json_string_value(name) : fallback;
        if (name != NULL && strlen(doc_name) != json_string_length(name)) {
            // a name is a C string: cut at the NUL it would silently be another name
            snprintf(err, ERR_CAP, "documents[%zu]: the name holds a NUL character (\\u0000)", i);
            return false;
        }
        size_t len = json_string_length(text);
        total += len;
        if (total > limit) {
            snprintf(err, ERR_CAP, "%s: input exceeds a limit (see max-bytes)", doc_name);
            return false;
        }
        precis_status st = precis_corpus_add(corpus, doc_name, json_string_value(text), len);
        if (st != PRECIS_OK) {
            const char *why = precis_corpus_error(corpus);
            snprintf(err, ERR_CAP, "%s: %s", doc_name, why && *why ? why : precis_strerror(st));
            return false;
        }
        if (date != NULL &&
            (st = precis_corpus_set_date(corpus, i, json_string_value(date))) != PRECIS_OK) {
            snprintf(err, ERR_CAP, "%s: invalid date '%.64s': %s", doc_name,
                     json_string_value(date),
                     st == PRECIS_ERR_DATE ? precis_corpus_error(corpus) : precis_strerror(st));
            return false;
        }
    }
    return true;
}

/* The output object of one parsed line (its id is valid): the result or the error. */
static json_t *run_line(json_t *root, json_t *id, const precis_options *defaults)
{
    char err[ERR_CAP] = "";
    const char *key;
    json_t *v;
    json_object_foreach(root, key, v)
    {
        if (strcmp(key, "id") != 0 && strcmp(key, "documents") != 0 &&
            strcmp(key, "options") != 0 && strcmp(key, "query") != 0) {
            snprintf(err, sizeof err,
                     "unknown key '%s' (expected id, documents, query, options)", key);
            return error_line(id, 0, err);
        }
    }
    precis_options opt = *defaults;
    if (!line_options(json_object_get(root, "options"), &opt, err))
        return error_line(id, 0, err);
    // The line's question: a string, as --query; it lives as long as the line's JSON.
    json_t *query = json_object_get(root, "query");
    if (query != NULL && !json_is_null(query)) {
        if (!json_is_string(query))
            return error_line(id, 0, "'query' must be a string");
        opt.query = json_string_value(query);
    }
    precis_corpus *corpus = NULL;
    precis_summary *summary = NULL;
    json_t *out = NULL;
    precis_status st = precis_corpus_new(&corpus);
    if (st != PRECIS_OK) {
        snprintf(err, sizeof err, "%s", precis_strerror(st));
    } else if (line_documents(json_object_get(root, "documents"), &opt, corpus, err)) {
        st = precis_summarize(corpus, &opt, &summary);
        if (st == PRECIS_ERR_UTF8 && opt.query != NULL) // the documents were checked when added
            snprintf(err, sizeof err, "the query is not UTF-8 text");
        else if (st == PRECIS_ERR_LANGUAGE)
            snprintf(err, sizeof err, "language '%s': unsupported", opt.language);
        else if (st == PRECIS_ERR_TOO_LARGE)
            snprintf(err, sizeof err, "input exceeds a limit (see max-bytes, max-sentences)");
        else if (st != PRECIS_OK)
            snprintf(err, sizeof err, "%s", precis_strerror(st));
        else if (precis_summary_count(summary) == 0)
            snprintf(err, sizeof err, "no sentence fits within the length budget");
        else {
            json_t *result = precis_cli_json_result(summary, &opt);
            out = json_object();
            if (result == NULL || out == NULL ||
                !add_page_metadata(result, json_object_get(root, "documents")) ||
                json_object_set(out, "id", id) != 0 ||
                json_object_set_new(out, "result", result) != 0) {
                if (out == NULL || json_object_get(out, "id") == NULL)
                    json_decref(result); // not handed over to 'out'
                json_decref(out);
                out = NULL;
                snprintf(err, sizeof err, "out of memory");
            }
        }
    }
    precis_summary_free(summary);
    precis_corpus_free(corpus);
    return out ? out : error_line(id, 0, err);
}

/* One input line -> its output object (NULL only when out of memory). */
static json_t *answer(const char *line, size_t len, unsigned long line_no,
                      const precis_options *defaults)
{
    char err[ERR_CAP];
    json_error_t je;
    // NUL is allowed inside strings so that a binary document gets the loader's own error
    json_t *root = json_loadb(line, len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &je);
    if (root == NULL) {
        snprintf(err, sizeof err, "line %lu: not JSON: %s (column %d)", line_no, je.text,
                 je.column);
        return error_line(NULL, line_no, err);
    }
    json_t *id = json_is_object(root) ? json_object_get(root, "id") : NULL;
    json_t *out;
    if (!json_is_object(root))
        snprintf(err, sizeof err, "line %lu: expected a JSON object", line_no);
    else if (!json_is_string(id) && !json_is_integer(id))
        snprintf(err, sizeof err, "line %lu: 'id' must be a string or an integer", line_no);
    if (!json_is_object(root) || (!json_is_string(id) && !json_is_integer(id)))
        out = error_line(NULL, line_no, err);
    else
        out = run_line(root, id, defaults);
    json_decref(root);
    return out;
}

/* Writes one output object as a line. Returns 0, or the exit status (said on stderr). */
static int write_answer(json_t *out)
{
    if (out == NULL ||
        json_dumpf(out, stdout,
                   JSON_COMPACT | JSON_PRESERVE_ORDER |
                       JSON_REAL_PRECISION(PRECIS_CLI_JSON_DIGITS)) != 0 ||
        putchar('\n') == EOF || fflush(stdout) == EOF) {
        json_decref(out);
        if (errno != EPIPE) // a reader that stopped early (| head) is not an error
            precis_cli_error("batch: %s",
                             out == NULL ? "out of memory" : "cannot write the output");
        return out == NULL ? EXIT_INTERNAL : 1;
    }
    json_decref(out);
    return 0;
}

/* Answers every line of 'in'; 0, or the exit status when reading or writing failed (said on
 * stderr): 1, or 3 when out of memory. A line is read through the bounded line reader
 * (reader.c): one longer than the limit ('defaults->max_input_bytes', else the default) is
 * answered with an error object, without being kept, and the batch goes on. */
static int run_stream(FILE *in, const char *name, const precis_options *defaults)
{
    size_t limit =
        defaults->max_input_bytes ? defaults->max_input_bytes : PRECIS_CLI_MAX_INPUT_BYTES;
    precis_cli_buf line = {0};
    size_t line_len;
    unsigned long line_no = 0;
    size_t offset = 0; // of the line in the stream
    int got, rc = 0;
    // JSON text never holds a raw NUL byte: one means binary input, refused where it is found
    // (as the other readers do from the first block), not read to the end (/dev/zero has none).
    while (rc == 0 && (got = precis_cli_read_line(in, &line, limit, true, &line_len)) > 0) {
        if (got == 2) {
            precis_cli_error("%s: binary data: control byte 0x00 at byte %zu", name,
                             offset + line_len);
            rc = 1;
            break;
        }
        offset += line_len + 1;
        line_no++;
        if (line_len > limit) {
            char err[ERR_CAP];
            snprintf(err, sizeof err,
                     "line %lu: %zu bytes, over the size limit of %zu (see --max-bytes)", line_no,
                     line_len, limit);
            rc = write_answer(error_line(NULL, line_no, err));
            continue;
        }
        size_t len = line.len, start = 0;
        // A UTF-8 byte-order mark opens the first line of a file written by some editors.
        if (line_no == 1 && len >= 3 && memcmp(line.data, "\xEF\xBB\xBF", 3) == 0)
            start = 3;
        while (len > start && line.data[len - 1] == '\r')
            len--;
        size_t blank = start;
        while (blank < len && (line.data[blank] == ' ' || line.data[blank] == '\t'))
            blank++;
        if (blank == len)
            continue; // blank lines carry no cluster: nothing to answer
        rc = write_answer(answer(line.data + start, len - start, line_no, defaults));
    }
    if (rc == 0 && got == -1) { // no room for the line: not the end
        precis_cli_error("%s: %s", name, strerror(ENOMEM));
        rc = EXIT_INTERNAL;
    } else if (rc == 0 && got == -2) {
        precis_cli_error("%s: %s", name, strerror(errno ? errno : EIO));
        rc = 1;
    }
    free(line.data);
    return rc;
}

int precis_cli_batch(const precis_options *defaults, int n, char **paths)
{
    // A reader that stops early (| head) makes writes fail with EPIPE: the batch then ends
    // quietly with status 1 instead of being killed by the signal.
    signal(SIGPIPE, SIG_IGN);
    if (n == 0)
        return run_stream(stdin, "(stdin)", defaults);
    for (int i = 0; i < n; i++) {
        bool is_stdin = strcmp(paths[i], "-") == 0;
        FILE *in = is_stdin ? stdin : fopen(paths[i], "r");
        if (in == NULL) {
            precis_cli_error("%s: %s\n", paths[i], strerror(errno));
            return EXIT_FAILURE;
        }
        int rc = run_stream(in, is_stdin ? "(stdin)" : paths[i], defaults);
        if (!is_stdin)
            fclose(in);
        if (rc != 0)
            return rc;
    }
    return EXIT_SUCCESS;
}
