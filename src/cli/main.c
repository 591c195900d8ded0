/* The precis command: reads files, directories or stdin, summarizes them as one corpus and
 * prints the summary (text, JSON or HTML); 'precis batch', 'precis split' and 'precis rouge'
 * are handed to their own files. Uses only the public API in <precis.h>. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <precis.h>

#include "cli.h"

/* A stopword list larger than this is not a word list; a query file larger than this is not a
 * question. */
#define MAX_STOPWORDS_BYTES ((size_t)64 << 20)
#define MAX_QUERY_BYTES ((size_t)1 << 20)

/* The progress line: on stderr, only when it is a terminal, only after the first second, and
 * at most ten times a second; erased when the run ends. */
typedef struct progress_line {
    struct timespec start, last;
    bool shown;
} progress_line;

static double seconds_since(const struct timespec *t)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t->tv_sec) + (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

static void show_progress(void *ctx, const char *stage, double done)
{
    progress_line *p = ctx;
    if (seconds_since(&p->start) < 1.0 || (p->shown && seconds_since(&p->last) < 0.1))
        return;
    clock_gettime(CLOCK_MONOTONIC, &p->last);
    fprintf(stderr, "\rprecis: %-8s %3.0f%%", stage, done * 100);
    p->shown = true;
}

static void end_progress(progress_line *p)
{
    if (p->shown)
        fprintf(stderr, "\r%30s\r", "");
}

/* --stopwords FILE into 'b', which the options then point at: UTF-8 text (reader.c). Returns 0
 * or the exit status. */
static int read_stopwords(precis_cli_options *c, precis_cli_buf *b)
{
    precis_cli_limit lim = {MAX_STOPWORDS_BYTES, "a stopword list is at most 64 MiB", true};
    int rc = precis_cli_read(c->stopwords_path, &lim, b);
    if (rc != 0)
        return rc;
    c->opt.stopwords = b->data;
    c->opt.stopwords_len = b->len;
    return 0;
}

/* --query-file FILE into 'b', which the options then point at: UTF-8 text without NUL bytes,
 * as the one reader checks it. Returns 0 or the exit status. */
static int read_query(precis_cli_options *c, precis_cli_buf *b)
{
    precis_cli_limit lim = {MAX_QUERY_BYTES, "a query file is at most 1 MiB", true};
    int rc = precis_cli_read(c->query_path, &lim, b);
    if (rc != 0)
        return rc;
    // The library reads the query up to its NUL: the reader's buffer has none.
    char *text = realloc(b->data, b->len + 1);
    if (text == NULL) {
        precis_cli_error("%s: %s", c->query_path, strerror(ENOMEM));
        return EXIT_INTERNAL;
    }
    text[b->len] = '\0';
    b->data = text;
    c->opt.query = text;
    return 0;
}

/* A query the summary could not answer: one warning line, and the generic summary follows. */
static void warn_query(const precis_summary *s, const precis_cli_options *c)
{
    precis_query_status q = precis_summary_query_status(s);
    if (q == PRECIS_QUERY_EMPTY || q == PRECIS_QUERY_ABSENT)
        precis_cli_error("warning: %s: %s: the summary is the generic one\n",
                         c->query_path ? c->query_path : "--query", precis_query_problem(q));
}

/* The summary on stdout in the format asked for. Returns the exit status. */
static int print_summary(const precis_summary *s, const precis_cli_options *c)
{
    if (c->format == PRECIS_CLI_JSON || c->format == PRECIS_CLI_HTML) {
        int rc = c->format == PRECIS_CLI_JSON ? precis_cli_json_print_pages(stdout, s, &c->opt)
                                              : precis_cli_html_print(stdout, s, &c->opt);
        if (rc != 0) {
            precis_cli_error("out of memory\n");
            return EXIT_INTERNAL;
        }
    } else {
        for (size_t i = 0; i < precis_summary_count(s); i++) {
            const precis_sentence *t = precis_summary_sentence(s, i);
            fwrite(t->text, 1, t->text_len, stdout);
            putchar('\n');
        }
        // Keywords: after a blank line, "Keywords: " and the keywords, best first, joined by
        // ", " (a keyword never holds a comma).
        size_t n_kw = precis_summary_keyword_count(s);
        for (size_t i = 0; i < n_kw; i++)
            printf("%s%s", i == 0 ? "\nKeywords: " : ", ", precis_summary_keyword(s, i)->text);
        if (n_kw > 0)
            putchar('\n');
    }
    return precis_cli_flush_stdout();
}

/* --explain on stderr, the documents' names escaped (a name may hold a newline or ESC[2J).
 * Returns 0 or the exit status. */
static int explain(const precis_summary *s, const precis_corpus *corpus,
                   const precis_cli_paths *files)
{
    size_t n = precis_corpus_count(corpus);
    char **names = calloc(n ? n : 1, sizeof *names);
    bool ok = names != NULL;
    for (size_t i = 0; ok && i < n; i++)
        ok = (names[i] = precis_cli_escaped(files->v[i])) != NULL;
    if (ok) {
        precis_cli_explain_pages(files);
        precis_cli_explain(s, n, names);
    } else {
        precis_cli_error("out of memory");
    }
    for (size_t i = 0; names && i < n; i++)
        free(names[i]);
    free(names);
    return ok ? 0 : EXIT_INTERNAL;
}

/* Reads the 'n' inputs 'args', summarizes them as one corpus and prints the summary. Returns
 * the exit status. */
static int summarize(precis_cli_options *c, int n, char **args)
{
    precis_corpus *corpus = NULL;
    precis_summary *summary = NULL;
    precis_cli_paths files = {0};
    size_t limit = c->opt.max_input_bytes ? c->opt.max_input_bytes : PRECIS_CLI_MAX_INPUT_BYTES;
    int rc;
    if (precis_corpus_new(&corpus) != PRECIS_OK) {
        precis_cli_error("out of memory\n");
        rc = EXIT_INTERNAL;
        goto done;
    }
    files.input = c->input;
    precis_cli_pages_register(&files); // the pages' metadata for JSON, HTML and --explain
    if ((rc = precis_cli_load(corpus, n, args, limit, &files)) != 0)
        goto done;
    if ((rc = precis_cli_apply_dates(corpus, &files, c->dates, c->n_dates)) >= 0)
        goto done;
    progress_line line = {.shown = false};
    clock_gettime(CLOCK_MONOTONIC, &line.start);
    if (!c->quiet && isatty(STDERR_FILENO)) {
        c->opt.progress = show_progress;
        c->opt.progress_ctx = &line;
    }
    if (c->format == PRECIS_CLI_HTML)
        c->opt.explain = 1; // the report shows every sentence with its score
    precis_status st = precis_summarize(corpus, &c->opt, &summary);
    end_progress(&line);
    if (st == PRECIS_ERR_UTF8 && c->opt.query != NULL) { // documents were checked when read
        precis_cli_error("%s: the query is not UTF-8 text\n",
                         c->query_path ? c->query_path : "--query");
        rc = EXIT_FAILURE;
        goto done;
    }
    if (st == PRECIS_ERR_LANGUAGE) {
        precis_cli_error("--lang %s: unsupported language (see --list-languages)\n",
                         c->opt.language ? c->opt.language : "en");
        rc = EXIT_FAILURE;
        goto done;
    }
    if (st != PRECIS_OK) {
        rc = precis_cli_input_failed(st, &files);
        goto done;
    }
    if (precis_summary_count(summary) == 0) {
        precis_cli_error("no sentence fits within the length budget\n");
        rc = EXIT_FAILURE;
        goto done;
    }
    warn_query(summary, c);
    if (c->explain && (rc = explain(summary, corpus, &files)) != 0)
        goto done;
    rc = print_summary(summary, c);
done:
    precis_summary_free(summary);
    precis_corpus_free(corpus);
    precis_cli_paths_free(&files);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "rouge") == 0)
        return precis_cli_rouge(argc - 1, argv + 1);
    if (argc > 1 && strcmp(argv[1], "split") == 0)
        return precis_cli_split(argc - 1, argv + 1);
    if (argc > 1 && strcmp(argv[1], "extract") == 0)
        return precis_cli_extract(argc - 1, argv + 1);
    // 'precis batch [OPTIONS] [FILE...]': the same options, as defaults for every line
    bool batch = argc > 1 && strcmp(argv[1], "batch") == 0;
    if (batch) {
        argc--;
        argv++;
    }
    precis_cli_options c;
    precis_cli_buf stop = {0}, query = {0};
    int first;
    int rc = precis_cli_options_parse(&c, argc, argv, &first);
    if (rc >= 0)
        goto done;
    if (first == argc && isatty(STDIN_FILENO)) {
        rc = precis_cli_usage_error(NULL, "no input: give FILEs, a directory, or '-' for "
                                          "standard input");
        goto done;
    }
    if (c.stopwords_path != NULL && (rc = read_stopwords(&c, &stop)) != 0)
        goto done;
    if (c.query_path != NULL && (rc = read_query(&c, &query)) != 0)
        goto done;
    if (!batch)
        rc = summarize(&c, argc - first, argv + first);
    else if (c.format != PRECIS_CLI_TEXT || c.explain || c.n_dates > 0)
        rc = precis_cli_usage_error(NULL, "batch writes JSON Lines: --format, --explain and "
                                          "--date do not apply (a document's \"date\" goes "
                                          "with it)");
    else
        rc = precis_cli_batch(&c.opt, argc - first, argv + first);
done:
    free(stop.data);
    free(query.data);
    precis_cli_options_destroy(&c);
    return rc;
}
