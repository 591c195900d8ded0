/* The precis command: reads files, directories or stdin, summarizes them as one corpus and
 * prints one sentence per line. Uses only the public API in <precis.h>. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <precis.h>

#include "cli.h"

static const char usage_text[] =
    "Usage: precis [OPTIONS] [FILE...]\n"
    "       precis batch [OPTIONS] [FILE...]   JSON Lines: one cluster per line in, one JSON\n"
    "                                          result per line out (README, 'Batch mode')\n"
    "       precis split [OPTIONS] [FILE...]   every sentence found, one per line (see\n"
    "                                          'precis split --help')\n"
    "       precis rouge --refs REFS [OPTIONS] SYSTEM...   (see 'precis rouge --help')\n"
    "Summarize one article or a cluster of articles about the same story: prints the\n"
    "sentences that matter most, each fact once, one sentence per line.\n"
    "Each FILE is one document; a directory means every regular file below it, sorted by\n"
    "path; '-' (or no FILE, when stdin is not a terminal) reads standard input.\n"
    "Input is UTF-8 text (a BOM is skipped; CRLF and CR line ends are fine), web pages\n"
    "(HTML: the article is read, see 'precis extract') or Markdown (--input markdown).\n"
    "\n";

/* The options, apart from the commands above: ISO C caps a string literal at 4,095 bytes. */
static const char usage_options[] =
    "Length (one at a time) [default: -n 5]:\n"
    "  -n, --sentences N       at most N sentences\n"
    "  -w, --words N           at most N words (never exceeded)\n"
    "  -b, --bytes N           at most N bytes of output, newlines included (never exceeded)\n"
    "  -r, --ratio R           this fraction of the candidate sentences (0 < R <= 1)\n"
    "Selection and ranking:\n"
    "      --dedup T           sentences with TF-IDF cosine >= T are duplicates: only the best\n"
    "                          is kept [default: 0.5]\n"
    "      --restate T         a sentence restates a chosen one when T (0 < T <= 1) of the\n"
    "                          shorter one's content, by TF-IDF weight, is in the other and\n"
    "                          no number disagrees: it is left out [default: 0.45]\n"
    "      --order ORDER       'source' (document order, then position), 'rank' (best\n"
    "                          first), 'time' (documents by date, then as 'source'; those\n"
    "                          without a date last) or 'auto' (time when every document has\n"
    "                          a date, else source) [default: auto]\n"
    "      --date FILE=DATE    the date of input FILE (its path as given or read from a\n"
    "                          directory, or the end of it after a '/'): ISO 8601\n"
    "                          YYYY-MM-DD[THH:MM[:SS][Z|+HH:MM]]; repeatable. Without it a\n"
    "                          document's date is the first full date (with a year) in its\n"
    "                          first lines, up to the end of its first sentence\n"
    "      --min-words N       never output sentences shorter than N words [default: 5]\n"
    "      --damping D         TextRank damping factor, 0 < D < 1 [default: 0.85]\n"
    "      --position-prior P  weight (0..1) of the lead-position prior in TextRank's\n"
    "                          teleport vector [default: 0.4]\n"
    "      --edge-threshold T  drop graph edges below cosine T, 0 <= T < 1 [default: 0]\n"
    "      --graph KIND        similarity graph: 'dense' (all pairs, BLAS), 'sparse' (all\n"
    "                          pairs, inverted index), 'pruned' (50 to 4,096 neighbours per\n"
    "                          sentence, for large corpora) or 'auto' (dense up to 4,096\n"
    "                          sentences, pruned above) [default: auto]\n"
    "      --redundancy L      penalty (0..1) on similarity to sentences already chosen\n"
    "                          [default: 0.4]\n";

/* The rest of the options, apart: C11 promises string literals of 4,095 bytes only. */
static const char usage_more[] =
    "Input:\n"
    "      --input KIND        'text', 'html', 'markdown' or 'auto': HTML when a file opens\n"
    "                          with <!doctype html>, <html>, <head> or <body>, or is dense\n"
    "                          with tags; Markdown for *.md and *.markdown files; else\n"
    "                          text [default: auto]\n"
    "Language:\n"
    "      --lang CODE         language of every document: ISO code or name, see\n"
    "                          --list-languages; 'auto' (the default): detected for each\n"
    "                          document\n"
    "      --list-languages    list the languages with their stemmer and word lists, and exit\n"
    "      --stopwords FILE    stopword list (one word per line, '#' comments) replacing\n"
    "                          the built-in list of every language\n"
    "Speed:\n"
    "      --threads N         threads for large inputs, 1 to 8; the summary does not\n"
    "                          depend on it [default: OPENBLAS_NUM_THREADS if set, else\n"
    "                          one per processor]\n"
    "Limits:\n"
    "      --max-bytes N       refuse input larger than N bytes in all [default: 2 GiB]\n"
    "      --max-sentences N   refuse input with more than N sentences [default: 20000000]\n"
    "Output:\n"
    "  -f, --format FMT        'text' (one sentence per line), 'json' (the summary with its\n"
    "                          provenance, see README.md) or 'html' (a self-contained report)\n"
    "                          [default: text]\n"
    "      --keywords N        also extract the corpus's N best TextRank keywords (text: a\n"
    "                          'Keywords:' line after a blank line)\n"
    "Other:\n"
    "  -q, --quiet             no progress line (it is drawn on stderr only when stderr is\n"
    "                          a terminal and the run takes more than a second)\n"
    "      --explain           on stderr: every sentence kept or dropped (and by which rule),\n"
    "                          the ranking with scores, and why a candidate was skipped (a\n"
    "                          duplicate or restatement of which chosen sentence, did not\n"
    "                          fit, not reached)\n"
    "  -h, --help              show this help and exit\n"
    "      --version           show the version and exit\n"
    "\n"
    "Exit status: 0 success; 1 bad input (unreadable, not UTF-8 text, over a limit, nothing\n"
    "to summarize); 2 bad usage; 3 internal error (out of memory, output not writable).\n"
    "Errors are one line on stderr: 'precis: FILE: reason'.\n";

typedef struct cli {
    precis_options opt;
    bool quiet;
    int budget_flags;
    const char *stopwords_path;
    precis_cli_format format;
    bool explain; // --explain given (HTML asks the library for the trace on its own)
    const char **dates; // --date FILE=DATE arguments, as given
    size_t n_dates;
    char *err;    // set: option errors go here instead of stderr (precis batch's lines)
    size_t err_cap;
    precis_input input; // --input
} cli;

/* One line saying what is wrong with the command line, then where to look. */
__attribute__((format(printf, 1, 2))) static void usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "precis: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\nTry 'precis --help'.\n");
    va_end(ap);
}

/* An invalid option value: on stderr as a usage error, or into c->err for a batch line. */
__attribute__((format(printf, 2, 3))) static void option_error(const cli *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (c->err != NULL) {
        vsnprintf(c->err, c->err_cap, fmt, ap);
    } else {
        fprintf(stderr, "precis: ");
        vfprintf(stderr, fmt, ap);
        fprintf(stderr, "\nTry 'precis --help'.\n");
    }
    va_end(ap);
}

/* Strict number parsing: the whole argument, finite, within [lo, hi]. */
static bool parse_double(const char *s, double lo, double hi, bool lo_open, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || *end != '\0' || errno != 0 || !isfinite(v) || v < lo || v > hi ||
        (lo_open && v == lo))
        return false;
    *out = v;
    return true;
}

static bool parse_count(const char *s, double lo, double hi, double *out)
{
    char *end;
    errno = 0;
    if (*s == '-' || *s == '+')
        return false;
    unsigned long long v = strtoull(s, &end, 10);
    if (end == s || *end != '\0' || errno != 0 || (double)v < lo || (double)v > hi)
        return false;
    *out = (double)v;
    return true;
}

static int read_stopwords(cli *c, precis_cli_buf *b)
{
    int fd = open(c->stopwords_path, O_RDONLY);
    if (fd < 0 || !precis_cli_read_all(fd, b, (size_t)64 << 20)) {
        fprintf(stderr, "precis: %s: %s\n", c->stopwords_path, strerror(errno));
        if (fd >= 0)
            close(fd);
        free(b->data);
        b->data = NULL;
        return 1;
    }
    close(fd);
    c->opt.stopwords = b->data ? b->data : "";
    c->opt.stopwords_len = b->len;
    return 0;
}

/* ---- options --------------------------------------------------------------------------- */

enum {
    OPT_DEDUP = 256, OPT_RESTATE, OPT_ORDER, OPT_MIN_WORDS, OPT_DAMPING, OPT_PRIOR, OPT_EDGE, OPT_REDUNDANCY,
    OPT_LANG, OPT_STOPWORDS, OPT_MAX_BYTES, OPT_MAX_SENTENCES, OPT_VERSION, OPT_EXPLAIN,
    OPT_GRAPH, OPT_THREADS, OPT_KEYWORDS,
    OPT_LIST_LANGUAGES, OPT_DATE, OPT_INPUT,
};

static const struct option long_opts[] = {
    {"quiet", no_argument, NULL, 'q'},
    {"sentences", required_argument, NULL, 'n'},
    {"words", required_argument, NULL, 'w'},
    {"bytes", required_argument, NULL, 'b'},
    {"ratio", required_argument, NULL, 'r'},
    {"dedup", required_argument, NULL, OPT_DEDUP},
    {"restate", required_argument, NULL, OPT_RESTATE},
    {"order", required_argument, NULL, OPT_ORDER},
    {"min-words", required_argument, NULL, OPT_MIN_WORDS},
    {"damping", required_argument, NULL, OPT_DAMPING},
    {"position-prior", required_argument, NULL, OPT_PRIOR},
    {"edge-threshold", required_argument, NULL, OPT_EDGE},
    {"redundancy", required_argument, NULL, OPT_REDUNDANCY},
    {"lang", required_argument, NULL, OPT_LANG},
    {"list-languages", no_argument, NULL, OPT_LIST_LANGUAGES},
    {"stopwords", required_argument, NULL, OPT_STOPWORDS},
    {"max-bytes", required_argument, NULL, OPT_MAX_BYTES},
    {"max-sentences", required_argument, NULL, OPT_MAX_SENTENCES},
    {"explain", no_argument, NULL, OPT_EXPLAIN},
    {"graph", required_argument, NULL, OPT_GRAPH},
    {"threads", required_argument, NULL, OPT_THREADS},
    {"format", required_argument, NULL, 'f'},
    {"keywords", required_argument, NULL, OPT_KEYWORDS},
    {"date", required_argument, NULL, OPT_DATE},
    {"input", required_argument, NULL, OPT_INPUT},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, OPT_VERSION},
    {NULL, 0, NULL, 0},
};

/* Parses one option; returns -1 to go on, or an exit status. */
static int parse_option(cli *c, int ch, const char *arg, const char *flag)
{
    precis_options *o = &c->opt;
    double v;
    switch (ch) {
    case 'n':
    case 'w':
    case 'b':
        if (!parse_count(arg, 1, ch == 'n' ? 1e7 : 1e12, &v)) {
            option_error(c, "invalid value '%s' for %s: expected a whole number >= 1", arg, flag);
            return EXIT_USAGE;
        }
        o->budget_kind = ch == 'n' ? PRECIS_BUDGET_SENTENCES
                         : ch == 'w' ? PRECIS_BUDGET_WORDS : PRECIS_BUDGET_BYTES;
        o->budget = v;
        c->budget_flags++;
        return -1;
    case 'r':
        if (!parse_double(arg, 0, 1, true, &v)) {
            option_error(c, "invalid value '%s' for %s: expected a fraction 0 < R <= 1", arg, flag);
            return EXIT_USAGE;
        }
        o->budget_kind = PRECIS_BUDGET_RATIO;
        o->budget = v;
        c->budget_flags++;
        return -1;
    case OPT_DEDUP:
    case OPT_RESTATE:
        if (!parse_double(arg, 0, 1, true, ch == OPT_DEDUP ? &o->dedup : &o->restate)) {
            option_error(c, "invalid value '%s' for %s: expected 0 < T <= 1", arg, flag);
            return EXIT_USAGE;
        }
        return -1;
    case OPT_ORDER:
        if (strcmp(arg, "source") == 0)
            o->order = PRECIS_ORDER_SOURCE;
        else if (strcmp(arg, "rank") == 0)
            o->order = PRECIS_ORDER_RANK;
        else if (strcmp(arg, "time") == 0)
            o->order = PRECIS_ORDER_TIME;
        else if (strcmp(arg, "auto") == 0)
            o->order = PRECIS_ORDER_AUTO;
        else {
            option_error(c, "invalid value '%s' for %s: expected source, rank, time or auto", arg,
                         flag);
            return EXIT_USAGE;
        }
        return -1;
    case OPT_DATE: { // checked against the inputs once they are read (apply_dates)
        const char *eq = strrchr(arg, '=');
        if (eq == NULL || eq == arg || eq[1] == '\0') {
            option_error(c, "invalid value '%s' for %s: expected FILE=DATE", arg, flag);
            return EXIT_USAGE;
        }
        const char **grown = realloc(c->dates, (c->n_dates + 1) * sizeof *grown);
        if (grown == NULL) {
            fprintf(stderr, "precis: out of memory\n");
            return EXIT_INTERNAL;
        }
        c->dates = grown;
        c->dates[c->n_dates++] = arg;
        return -1;
    }
    case OPT_INPUT:
        if (!precis_cli_parse_input(arg, &c->input)) {
            option_error(c, "invalid value '%s' for %s: expected auto, text, html or markdown",
                         arg, flag);
            return EXIT_USAGE;
        }
        return -1;
    case OPT_MIN_WORDS:
        if (!parse_count(arg, 0, 1e6, &v)) {
            option_error(c, "invalid value '%s' for %s: expected a whole number", arg, flag);
            return EXIT_USAGE;
        }
        o->min_words = (size_t)v;
        return -1;
    case OPT_DAMPING:
        if (!parse_double(arg, 0, 1, true, &o->damping) || o->damping >= 1) {
            option_error(c, "invalid value '%s' for %s: expected 0 < D < 1", arg, flag);
            return EXIT_USAGE;
        }
        return -1;
    case OPT_PRIOR:
    case OPT_REDUNDANCY:
        if (!parse_double(arg, 0, 1, false, ch == OPT_PRIOR ? &o->position_prior : &o->redundancy)) {
            option_error(c, "invalid value '%s' for %s: expected 0 <= P <= 1", arg, flag);
            return EXIT_USAGE;
        }
        return -1;
    case OPT_EDGE:
        if (!parse_double(arg, 0, 1, false, &o->edge_threshold) || o->edge_threshold >= 1) {
            option_error(c, "invalid value '%s' for %s: expected 0 <= T < 1", arg, flag);
            return EXIT_USAGE;
        }
        return -1;
    case OPT_LANG:
        o->language = strcmp(arg, "auto") == 0 ? NULL : arg; // auto: detected per document
        return -1;
    case OPT_LIST_LANGUAGES:
        return precis_cli_list_languages();
    case OPT_GRAPH: {
        static const char *const kinds[] = {"auto", "dense", "sparse", "pruned"};
        for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
            if (strcmp(arg, kinds[k]) == 0) {
                o->graph = (precis_graph_kind)k;
                return -1;
            }
        option_error(c, "invalid value '%s' for %s: expected auto, dense, sparse or pruned", arg, flag);
        return EXIT_USAGE;
    }
    case OPT_STOPWORDS:
        c->stopwords_path = arg;
        return -1;
    case OPT_THREADS:
        if (!parse_count(arg, 1, 8, &v)) {
            option_error(c, "invalid value '%s' for %s: expected 1 to 8", arg, flag);
            return EXIT_USAGE;
        }
        o->threads = (size_t)v;
        return -1;
    case OPT_MAX_BYTES:
    case OPT_MAX_SENTENCES:
        if (!parse_count(arg, 1, 1e15, &v)) {
            option_error(c, "invalid value '%s' for %s: expected a whole number >= 1", arg, flag);
            return EXIT_USAGE;
        }
        if (ch == OPT_MAX_BYTES)
            o->max_input_bytes = (size_t)v;
        else
            o->max_sentences = (size_t)v;
        return -1;
    case 'q':
        c->quiet = true;
        return -1;
    case 'f':
        if (strcmp(arg, "text") == 0)
            c->format = PRECIS_CLI_TEXT;
        else if (strcmp(arg, "json") == 0)
            c->format = PRECIS_CLI_JSON;
        else if (strcmp(arg, "html") == 0)
            c->format = PRECIS_CLI_HTML;
        else {
            option_error(c, "invalid value '%s' for %s: expected text, json or html", arg, flag);
            return EXIT_USAGE;
        }
        return -1;
    case OPT_KEYWORDS:
        if (!parse_count(arg, 1, 1e6, &v)) {
            option_error(c, "invalid value '%s' for %s: expected a whole number >= 1", arg, flag);
            return EXIT_USAGE;
        }
        o->keywords = (size_t)v;
        return -1;
    case OPT_EXPLAIN:
        o->explain = 1;
        c->explain = true;
        return -1;
    case 'h':
        fputs(usage_text, stdout);
        fputs(usage_options, stdout);
        fputs(usage_more, stdout);
        return EXIT_SUCCESS;
    case OPT_VERSION:
        printf("precis %s\n", PRECIS_VERSION);
        return EXIT_SUCCESS;
    default:
        fprintf(stderr, "Try 'precis --help'.\n");
        return EXIT_USAGE;
    }
}

/* The flag as the user wrote it, for messages. */
static const char *flag_name(int ch, int long_index, char *tmp, size_t cap)
{
    if (long_index >= 0)
        snprintf(tmp, cap, "--%s", long_opts[long_index].name);
    else
        snprintf(tmp, cap, "-%c", ch);
    return tmp;
}

/* Options a batch line may set: the summary's own, never a file to read or an output form. */
static bool batch_settable(int ch)
{
    return ch != OPT_STOPWORDS && ch != 'f' && ch != OPT_EXPLAIN && ch != 'q' && ch != 'h' &&
           ch != OPT_VERSION && ch != OPT_DATE && // a batch document carries its own "date"
           ch != OPT_INPUT;
}

int precis_cli_set_option(precis_options *opt, int *budget_flags, const char *name,
                          const char *value, char *err, size_t err_cap)
{
    char key[64];
    size_t len = strlen(name);
    if (len == 0 || len >= sizeof key) {
        snprintf(err, err_cap, "unknown option '%s'", name);
        return -1;
    }
    for (size_t i = 0; i <= len; i++) // "min_words" as in the JSON output, or "min-words"
        key[i] = name[i] == '_' ? '-' : name[i];
    if (strcmp(key, "language") == 0) // the JSON output's name for --lang
        strcpy(key, "lang");
    for (size_t i = 0; long_opts[i].name != NULL; i++) {
        if (strcmp(long_opts[i].name, key) != 0)
            continue;
        int ch = long_opts[i].val;
        if (!batch_settable(ch) || long_opts[i].has_arg != required_argument)
            break;
        cli c = {.opt = *opt, .budget_flags = *budget_flags, .err = err, .err_cap = err_cap};
        char flag[80];
        snprintf(flag, sizeof flag, "option '%s'", name);
        if (parse_option(&c, ch, value, flag) >= 0)
            return -1;
        *opt = c.opt;
        *budget_flags = c.budget_flags;
        return 0;
    }
    snprintf(err, err_cap, "unknown option '%s'", name);
    return -1;
}

/* --date FILE=DATE: the input FILE names (its path as read, or the end of it after a '/'),
 * given DATE. Returns -1 to go on, or the exit status (a usage error: 2). */
static int apply_dates(const cli *c, precis_corpus *corpus, const precis_cli_paths *files)
{
    for (size_t i = 0; i < c->n_dates; i++) {
        const char *arg = c->dates[i], *date = strrchr(arg, '=') + 1;
        size_t name_len = (size_t)(date - 1 - arg), found = SIZE_MAX, matches = 0;
        for (size_t d = 0; d < files->n; d++) {
            const char *path = files->v[d];
            size_t len = strlen(path);
            if (len < name_len || memcmp(path + len - name_len, arg, name_len) != 0 ||
                (len > name_len && path[len - name_len - 1] != '/'))
                continue;
            if (len == name_len) { // the path itself beats one that merely ends with it
                found = d;
                matches = 1;
                break;
            }
            found = d;
            matches++;
        }
        if (matches != 1) {
            usage_error("invalid value '%s' for --date: %s input file is named '%.*s'", arg,
                        matches == 0 ? "no" : "more than one", (int)name_len, arg);
            return EXIT_USAGE;
        }
        precis_status st = precis_corpus_set_date(corpus, found, date);
        if (st == PRECIS_ERR_DATE) {
            usage_error("invalid value '%s' for --date: %s", arg, precis_corpus_error(corpus));
            return EXIT_USAGE;
        }
        if (st != PRECIS_OK) {
            fprintf(stderr, "precis: %s\n", precis_strerror(st));
            return EXIT_INTERNAL;
        }
    }
    return -1;
}

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

/* Why candidate 't' is not in the summary, for --explain. */
static void print_skip(const precis_summary *s, const precis_trace *t, char *const *names)
{
    const precis_trace *d = t->skipped == PRECIS_SKIP_DUPLICATE || t->skipped == PRECIS_SKIP_RESTATES
                                ? precis_summary_trace(s, t->duplicate_of)
                                : NULL;
    if (d != NULL && t->skipped == PRECIS_SKIP_DUPLICATE)
        fprintf(stderr, "duplicate of %s:%zu (cosine %.2f)", names[d->doc], d->index,
                t->similarity);
    else if (d != NULL)
        fprintf(stderr, "restates %s:%zu (%.0f%% of its content there)", names[d->doc],
                d->index, 100 * t->similarity);
    else if (t->skipped == PRECIS_SKIP_BUDGET)
        fputs("did not fit the budget", stderr);
    else if (t->skipped == PRECIS_SKIP_SHORT)
        fputs("shorter than --min-words", stderr);
    else if (t->skipped == PRECIS_SKIP_QUESTION)
        fputs("a question or interview marker", stderr);
    else if (t->skipped == PRECIS_SKIP_POINTS_BACK)
        fputs("points back to a sentence not in the summary", stderr);
    else if (t->skipped == PRECIS_SKIP_WEAK)
        fputs("too weak to fill the rest of the budget", stderr);
    else
        fputs("not reached", stderr);
}

/* --explain: each document's date and where it came from, then the order applied. */
static void explain_dates(const precis_summary *s, char *const *names)
{
    size_t n = precis_summary_document_count(s), undated = 0;
    for (size_t d = 0; d < n; d++) {
        const precis_document *doc = precis_summary_document(s, d);
        if (doc->date == NULL) {
            fprintf(stderr, "precis: %s: no date\n", names[d]);
            undated++;
        } else {
            const char *page = precis_cli_page_date_origin(d, doc->date); // a web page's own
            fprintf(stderr, "precis: %s: date %s (%s)\n", names[d], doc->date,
                    page                                     ? page
                    : doc->date_source == PRECIS_DATE_GIVEN ? "given"
                                                             : "found in the text");
        }
    }
    precis_order o = precis_summary_order(s);
    fprintf(stderr, "precis: order %s", o == PRECIS_ORDER_RANK   ? "rank"
                                        : o == PRECIS_ORDER_TIME ? "time"
                                                                 : "source");
    if (o == PRECIS_ORDER_TIME && undated > 0)
        fprintf(stderr, " (%zu document%s without a date last)", undated, undated == 1 ? "" : "s");
    else if (o != PRECIS_ORDER_RANK)
        fprintf(stderr, " (%zu of %zu documents dated)", n - undated, n);
    fputc('\n', stderr);
}

/* --explain: the fate of every sentence, on stderr, then the best-ranked candidates. */
static void print_explain(const precis_summary *s, const precis_corpus *c, char *const *names)
{
    size_t n = precis_summary_trace_count(s), n_top = 0;
    size_t top[10];
    fprintf(stderr, "precis: %zu sentences, %zu candidates, TextRank converged in %zu iterations\n",
            precis_summary_corpus_sentences(s), precis_summary_candidates(s),
            precis_summary_iterations(s));
    precis_cli_explain_languages(s, precis_corpus_count(c), names);
    explain_dates(s, names);
    for (size_t i = 0; i < n; i++) {
        const precis_trace *t = precis_summary_trace(s, i);
        fprintf(stderr, "%s:%zu ", names[t->doc], t->index);
        if (t->dropped) {
            fprintf(stderr, "dropped (%s)", t->dropped);
        } else if (t->chosen) {
            fprintf(stderr, "CHOSEN   rank %zu score %.5f", t->rank + 1, t->score);
        } else {
            fprintf(stderr, "skipped  rank %zu score %.5f: ", t->rank + 1, t->score);
            print_skip(s, t, names);
        }
        // At most 100 bytes, cut at a character boundary (Cyrillic, CJK: 2-3 bytes each).
        size_t cut = strlen(t->text);
        if (cut > 100)
            for (cut = 100; cut > 0 && ((unsigned char)t->text[cut] & 0xC0) == 0x80; cut--) {
            }
        fprintf(stderr, ": %.*s%s\n", (int)cut, t->text, t->text[cut] != '\0' ? "..." : "");
        if (!t->dropped && t->rank < sizeof top / sizeof top[0]) {
            top[t->rank] = i;
            n_top++;
        }
    }
    fprintf(stderr, "precis: top %zu by TextRank score:\n", n_top);
    for (size_t r = 0; r < n_top; r++) {
        const precis_trace *t = precis_summary_trace(s, top[r]);
        fprintf(stderr, "%3zu. %.5f %s:%zu ", r + 1, t->score, names[t->doc], t->index);
        if (t->chosen)
            fputs("chosen", stderr);
        else {
            fputs("skipped: ", stderr);
            print_skip(s, t, names);
        }
        fputc('\n', stderr);
    }
}

static int print_summary(const precis_summary *s, const cli *c)
{
    if (c->format == PRECIS_CLI_JSON) {
        if (precis_cli_json_print_pages(stdout, s, &c->opt) != 0) {
            fprintf(stderr, "precis: out of memory\n");
            return 1;
        }
    } else if (c->format == PRECIS_CLI_HTML) {
        if (precis_cli_html_print(stdout, s, &c->opt) != 0) {
            fprintf(stderr, "precis: out of memory\n");
            return 1;
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
    if (fflush(stdout) != 0 || ferror(stdout)) {
        if (errno == EPIPE)
            return 0; // the reader went away ('precis ... | head -1'): nothing to say
        fprintf(stderr, "precis: standard output: %s\n", strerror(errno));
        return EXIT_INTERNAL;
    }
    return 0;
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
    cli c = {0};
    precis_options_init(&c.opt);
    int ch, long_index = -1, rc = EXIT_USAGE;
    precis_cli_buf stop = {0};
    precis_corpus *corpus = NULL;
    precis_summary *summary = NULL;
    precis_cli_paths files = {0};
    char flag[64];
    opterr = 0;
    while ((ch = getopt_long(argc, argv, ":n:w:b:r:f:hq", long_opts, &long_index)) != -1) {
        if (ch == '?') {
            const char *given = argv[optind - 1];
            if (strncmp(given, "--", 2) == 0 && strchr(given, '=') != NULL && optopt != 0)
                usage_error("option '%.*s' takes no value", (int)strcspn(given, "="), given);
            else if (optopt > 0 && optopt < 128 && strncmp(given, "--", 2) != 0)
                usage_error("unknown option '-%c'", optopt);
            else
                usage_error("unknown option '%s'", given);
            goto done;
        }
        if (ch == ':') {
            usage_error("option '%s' needs a value", argv[optind - 1]);
            goto done;
        }
        rc = parse_option(&c, ch, optarg, flag_name(ch, long_index, flag, sizeof flag));
        if (rc >= 0)
            goto done;
        long_index = -1;
    }
    rc = EXIT_USAGE;
    if (c.budget_flags > 1) {
        usage_error("give one length at a time (-n, -w, -b or -r)");
        goto done;
    }
    if (optind == argc && isatty(STDIN_FILENO)) {
        usage_error("no input: give FILEs, a directory, or '-' for standard input");
        goto done;
    }
    // Without --threads, a thread count set for OpenBLAS holds for precis's own threads too.
    const char *blas_threads = getenv("OPENBLAS_NUM_THREADS");
    double env_threads;
    if (c.opt.threads == 0 && blas_threads != NULL && parse_count(blas_threads, 1, 8, &env_threads))
        c.opt.threads = (size_t)env_threads;
    if (c.stopwords_path != NULL && read_stopwords(&c, &stop) != 0) {
        rc = EXIT_FAILURE;
        goto done;
    }
    if (batch) {
        if (c.format != PRECIS_CLI_TEXT || c.explain || c.n_dates > 0) {
            usage_error("batch writes JSON Lines: --format, --explain and --date do not apply "
                        "(a document's \"date\" goes with it)");
            goto done;
        }
        rc = precis_cli_batch(&c.opt, argc - optind, argv + optind);
        goto done;
    }
    size_t limit = c.opt.max_input_bytes ? c.opt.max_input_bytes : (size_t)2 << 30;
    rc = EXIT_FAILURE;
    if (precis_corpus_new(&corpus) != PRECIS_OK || false) {
        fprintf(stderr, "precis: out of memory\n");
        rc = EXIT_INTERNAL;
        goto done;
    }
    files.input = c.input;
    precis_cli_pages_register(&files);
    if ((rc = precis_cli_load(corpus, argc - optind, argv + optind, limit, &files)) != 0)
        goto done;
    if ((rc = apply_dates(&c, corpus, &files)) >= 0)
        goto done;
    rc = EXIT_FAILURE;
    progress_line line = {.shown = false};
    clock_gettime(CLOCK_MONOTONIC, &line.start);
    if (!c.quiet && isatty(STDERR_FILENO)) {
        c.opt.progress = show_progress;
        c.opt.progress_ctx = &line;
    }
    if (c.format == PRECIS_CLI_HTML)
        c.opt.explain = 1; // the report shows every sentence with its score
    precis_status st = precis_summarize(corpus, &c.opt, &summary);
    end_progress(&line);
    if (st != PRECIS_OK) {
        const char *what = files.n == 1 ? files.v[0] : "input";
        if (strcmp(what, "-") == 0)
            what = "(stdin)";
        if (st == PRECIS_ERR_LANGUAGE)
            fprintf(stderr, "precis: --lang %s: unsupported language (see --list-languages)\n",
                    c.opt.language ? c.opt.language : "en");
        else
            fprintf(stderr, "precis: %s: %s\n", what,
                    st == PRECIS_ERR_TOO_LARGE
                        ? "input exceeds a limit (see --max-bytes, --max-sentences)"
                        : precis_strerror(st));
        if (st == PRECIS_ERR_NOMEM)
            rc = EXIT_INTERNAL;
        goto done;
    }
    if (precis_summary_count(summary) == 0) {
        fprintf(stderr, "precis: no sentence fits within the length budget\n");
        goto done;
    }
    if (c.explain) {
        precis_cli_explain_pages(&files);
        print_explain(summary, corpus, files.v);
    }
    rc = print_summary(summary, &c);
done:
    precis_summary_free(summary);
    precis_corpus_free(corpus);
    precis_cli_paths_free(&files);
    free(stop.data);
    free(c.dates);
    return rc;
}
