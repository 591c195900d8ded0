/* The command line of 'precis' and 'precis batch': flags -> precis_cli_options, one option at
 * a time for batch lines, the --help text (its defaults read from precis_options_init()), and
 * the usage errors and number parsing every command shares. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <precis.h>

#include "cli.h"

/* ---- shared by every command ----------------------------------------------------------- */

int precis_cli_flush_stdout(void)
{
    if (fflush(stdout) == 0 && !ferror(stdout))
        return 0;
    if (errno == EPIPE)
        return 0; // the reader went away ('precis ... | head -1'): nothing to say
    precis_cli_error("standard output: %s\n", strerror(errno));
    return EXIT_INTERNAL;
}

bool precis_cli_parse_count(const char *s, unsigned long long lo, unsigned long long hi,
                            unsigned long long *out)
{
    if (*s < '0' || *s > '9') // strtoull would skip white space and take a sign
        return false;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (*end != '\0' || errno != 0 || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

bool precis_cli_parse_real(const char *s, double lo, double hi, bool lo_open, double *out)
{
    // A decimal number alone: strtod would also skip white space and take hexadecimal floats,
    // "inf" and "nan". Its ERANGE for a denormal (5e-324) is no reason to refuse a value that
    // is in range; an overflow or a nonzero number that underflows to 0 is.
    if (!((*s >= '0' && *s <= '9') || *s == '.' || *s == '-' || *s == '+') ||
        s[strspn(s, "0123456789.eE+-")] != '\0')
        return false;
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno == ERANGE && v != 0 && isfinite(v))
        errno = 0;
    if (end == s || *end != '\0' || errno != 0 || !isfinite(v) || v < lo || v > hi ||
        (lo_open && v == lo))
        return false;
    *out = v;
    return true;
}

/* ---- the names of option values -------------------------------------------------------- */

static const char *const order_names[] = {
    [PRECIS_ORDER_SOURCE] = "source",
    [PRECIS_ORDER_RANK] = "rank",
    [PRECIS_ORDER_TIME] = "time",
    [PRECIS_ORDER_AUTO] = "auto",
};

static const char *const graph_names[] = {
    [PRECIS_GRAPH_AUTO] = "auto",
    [PRECIS_GRAPH_DENSE] = "dense",
    [PRECIS_GRAPH_SPARSE] = "sparse",
    [PRECIS_GRAPH_PRUNED] = "pruned",
};

static const char *const format_names[] = {
    [PRECIS_CLI_TEXT] = "text",
    [PRECIS_CLI_JSON] = "json",
    [PRECIS_CLI_HTML] = "html",
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

const char *precis_cli_order_name(precis_order o)
{
    return (size_t)o < COUNT(order_names) ? order_names[o] : "source";
}

const char *precis_cli_query_status_name(precis_query_status q)
{
    static const char *const names[] = {
        [PRECIS_QUERY_NONE] = "none",
        [PRECIS_QUERY_USED] = "used",
        [PRECIS_QUERY_EMPTY] = "empty",
        [PRECIS_QUERY_ABSENT] = "absent",
    };
    return (size_t)q < COUNT(names) ? names[q] : "none";
}

/* The index of 'arg' in 'names', or -1. */
static int find_name(const char *const *names, size_t n, const char *arg)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(arg, names[i]) == 0)
            return (int)i;
    return -1;
}

/* The flag that sets a budget of kind 'k'. */
static char budget_flag(precis_budget_kind k)
{
    return k == PRECIS_BUDGET_WORDS   ? 'w'
           : k == PRECIS_BUDGET_BYTES ? 'b'
           : k == PRECIS_BUDGET_RATIO ? 'r'
                                      : 'n';
}

/* ---- --help ---------------------------------------------------------------------------- */

static const char usage_commands[] =
    "Usage: precis [OPTIONS] [FILE...]\n"
    "       precis batch [OPTIONS] [FILE...]   JSON Lines: one cluster per line in, one JSON\n"
    "                                          result per line out (README, 'Batch mode')\n"
    "       precis split [OPTIONS] [FILE...]   every sentence found, one per line (see\n"
    "                                          'precis split --help')\n"
    "       precis extract [OPTIONS] FILE...   the article of each web page, as text or JSON\n"
    "                                          (see 'precis extract --help')\n"
    "       precis rouge --refs REFS [OPTIONS] SYSTEM...   (see 'precis rouge --help')\n"
    "Summarize one article or a cluster of articles about the same story: prints the\n"
    "sentences that matter most, each fact once, one sentence per line.\n"
    "Each FILE is one document; a directory means every regular file below it, sorted by\n"
    "path; '-' (or no FILE, when stdin is not a terminal) reads standard input.\n"
    "Input is UTF-8 text (a BOM is skipped; CRLF and CR line ends are fine), web pages\n"
    "(HTML: the article is read, see 'precis extract') or Markdown (--input markdown).\n"
    "\n";

/* The text is in three literals (ISO C promises string literals of 4,095 bytes only); the
 * defaults shown are those of precis_options_init(), so the text cannot go stale. */
static void print_usage(void)
{
    precis_options d;
    precis_options_init(&d);
    fputs(usage_commands, stdout);
    printf(
        "Length (one at a time) [default: -%c %g]:\n"
        "  -n, --sentences N       at most N sentences\n"
        "  -w, --words N           at most N words (never exceeded)\n"
        "  -b, --bytes N           at most N bytes of output, newlines included (never exceeded)\n"
        "  -r, --ratio R           this fraction of the candidate sentences (0 < R <= 1)\n"
        "Selection and ranking:\n"
        "      --dedup T           sentences with TF-IDF cosine >= T are duplicates: only the "
        "best\n"
        "                          is kept [default: %g]\n"
        "      --restate T         a sentence restates a chosen one when T (0 < T <= 1) of the\n"
        "                          shorter one's content, by TF-IDF weight, is in the other and\n"
        "                          no number disagrees: it is left out [default: %g]\n"
        "      --order ORDER       'source' (document order, then position), 'rank' (best\n"
        "                          first), 'time' (documents by date, then as 'source'; those\n"
        "                          without a date last) or 'auto' (time when every document has\n"
        "                          a date, else source) [default: %s]\n"
        "      --date FILE=DATE    the date of input FILE (its path as given or read from a\n"
        "                          directory, or the end of it after a '/'): ISO 8601\n"
        "                          YYYY-MM-DD[THH:MM[:SS][Z|+HH:MM]]; repeatable. Without it a\n"
        "                          document's date is the first full date (with a year) in its\n"
        "                          first lines, up to the end of its first sentence\n"
        "      --min-words N       never output sentences shorter than N words [default: %zu]\n"
        "      --damping D         TextRank damping factor, 0 < D < 1 [default: %g]\n"
        "      --position-prior P  weight (0..1) of the lead-position prior in TextRank's\n"
        "                          teleport vector [default: %g]\n"
        "      --edge-threshold T  drop graph edges below cosine T, 0 <= T < 1 [default: %g]\n"
        "      --graph KIND        similarity graph: 'dense' (all pairs, BLAS), 'sparse' (all\n"
        "                          pairs, inverted index), 'pruned' (50 to 4,096 neighbours per\n"
        "                          sentence, for large corpora) or 'auto' (dense up to 4,096\n"
        "                          sentences, pruned above) [default: %s]\n"
        "      --redundancy L      penalty (0..1) on similarity to sentences already chosen\n"
        "                          [default: %g]\n",
        budget_flag(d.budget_kind), d.budget, d.dedup, d.restate, precis_cli_order_name(d.order),
        d.min_words, d.damping, d.position_prior, d.edge_threshold, graph_names[d.graph],
        d.redundancy);
    printf(
        "Query:\n"
        "      --query TEXT        what the summary answers (a question or a topic): TextRank\n"
        "                          leans toward the sentences that share its words, and\n"
        "                          toward those central to them\n"
        "      --query-file FILE   the query read from FILE (UTF-8 text)\n"
        "      --query-mix M       how far (0..1) TextRank's teleport leans toward relevant\n"
        "                          sentences [default: %g]\n"
        "Input:\n"
        "      --input KIND        'text', 'html', 'markdown' or 'auto': HTML when a file opens\n"
        "                          with <!doctype html>, <html>, <head> or <body>, or is dense\n"
        "                          with tags; Markdown for *.md and *.markdown files; else\n"
        "                          text [default: auto]\n",
        d.query_mix);
    printf(
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
        "      --max-bytes N       refuse input larger than N bytes in all [default: %zu GiB]\n"
        "      --max-sentences N   refuse input with more than N sentences [default: %s]\n"
        "Output:\n"
        "  -f, --format FMT        'text' (one sentence per line), 'json' (the summary with its\n"
        "                          provenance, see README.md) or 'html' (a self-contained report)\n"
        "                          [default: %s]\n"
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
        "Errors are one line on stderr: 'precis: FILE: reason'.\n",
        PRECIS_CLI_MAX_INPUT_BYTES >> 30, PRECIS_CLI_MAX_SENTENCES_TEXT,
        format_names[PRECIS_CLI_TEXT]);
}

/* ---- the flags ------------------------------------------------------------------------- */

enum {
    OPT_DEDUP = 256,
    OPT_RESTATE,
    OPT_ORDER,
    OPT_MIN_WORDS,
    OPT_DAMPING,
    OPT_PRIOR,
    OPT_EDGE,
    OPT_REDUNDANCY,
    OPT_LANG,
    OPT_STOPWORDS,
    OPT_MAX_BYTES,
    OPT_MAX_SENTENCES,
    OPT_VERSION,
    OPT_EXPLAIN,
    OPT_GRAPH,
    OPT_THREADS,
    OPT_KEYWORDS,
    OPT_LIST_LANGUAGES,
    OPT_DATE,
    OPT_INPUT,
    OPT_QUERY,
    OPT_QUERY_FILE,
    OPT_QUERY_MIX,
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
    {"query", required_argument, NULL, OPT_QUERY},
    {"query-file", required_argument, NULL, OPT_QUERY_FILE},
    {"query-mix", required_argument, NULL, OPT_QUERY_MIX},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, OPT_VERSION},
    {NULL, 0, NULL, 0},
};

/* One run of option parsing: where the options go, and where an invalid value is reported. */
typedef struct parser {
    precis_cli_options *c;
    char *err; // set: errors go here (a batch line's) instead of stderr
    size_t err_cap;
} parser;

/* An invalid option value: on stderr as a usage error, or into p->err for a batch line. */
__attribute__((format(printf, 2, 3))) static int option_error(const parser *p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (p->err != NULL) {
        vsnprintf(p->err, p->err_cap, fmt, ap);
    } else {
        char msg[1024];
        vsnprintf(msg, sizeof msg, fmt, ap);
        precis_cli_usage_error(NULL, "%s", msg);
    }
    va_end(ap);
    return EXIT_USAGE;
}

/* -n, -w, -b, -r: the length of the summary. Returns -1 to go on, or the exit status. */
static int set_length(const parser *p, int ch, const char *arg, const char *flag)
{
    precis_options *o = &p->c->opt;
    if (ch == 'r') {
        double v;
        if (!precis_cli_parse_real(arg, 0, 1, true, &v))
            return option_error(p, "invalid value '%s' for %s: expected a fraction 0 < R <= 1", arg,
                                flag);
        o->budget_kind = PRECIS_BUDGET_RATIO;
        o->budget = v;
    } else {
        unsigned long long v;
        if (!precis_cli_parse_count(arg, 1, ch == 'n' ? 10000000ULL : 1000000000000ULL, &v))
            return option_error(p, "invalid value '%s' for %s: expected a whole number >= 1", arg,
                                flag);
        o->budget_kind = ch == 'n'   ? PRECIS_BUDGET_SENTENCES
                         : ch == 'w' ? PRECIS_BUDGET_WORDS
                                     : PRECIS_BUDGET_BYTES;
        o->budget = (double)v;
    }
    p->c->budget_flags++;
    return -1;
}

/* The options that take a number, apart from the length. Returns -1 to go on, or the exit
 * status. */
static int set_number(const parser *p, int ch, const char *arg, const char *flag)
{
    precis_options *o = &p->c->opt;
    unsigned long long n;
    switch (ch) {
    case OPT_DEDUP:
    case OPT_RESTATE:
        if (!precis_cli_parse_real(arg, 0, 1, true, ch == OPT_DEDUP ? &o->dedup : &o->restate))
            return option_error(p, "invalid value '%s' for %s: expected 0 < T <= 1", arg, flag);
        return -1;
    case OPT_DAMPING:
        if (!precis_cli_parse_real(arg, 0, 1, true, &o->damping) || o->damping >= 1)
            return option_error(p, "invalid value '%s' for %s: expected 0 < D < 1", arg, flag);
        return -1;
    case OPT_PRIOR:
    case OPT_REDUNDANCY:
    case OPT_QUERY_MIX:
        if (!precis_cli_parse_real(arg, 0, 1, false,
                                   ch == OPT_PRIOR       ? &o->position_prior
                                   : ch == OPT_REDUNDANCY ? &o->redundancy
                                                          : &o->query_mix))
            return option_error(p, "invalid value '%s' for %s: expected 0 <= P <= 1", arg, flag);
        return -1;
    case OPT_EDGE:
        if (!precis_cli_parse_real(arg, 0, 1, false, &o->edge_threshold) || o->edge_threshold >= 1)
            return option_error(p, "invalid value '%s' for %s: expected 0 <= T < 1", arg, flag);
        return -1;
    case OPT_MIN_WORDS:
        if (!precis_cli_parse_count(arg, 0, 1000000, &n))
            return option_error(p, "invalid value '%s' for %s: expected a whole number", arg, flag);
        o->min_words = (size_t)n;
        return -1;
    case OPT_THREADS:
        if (!precis_cli_parse_count(arg, 1, 8, &n))
            return option_error(p, "invalid value '%s' for %s: expected 1 to 8", arg, flag);
        o->threads = (size_t)n;
        return -1;
    case OPT_MAX_BYTES:
    case OPT_MAX_SENTENCES:
    case OPT_KEYWORDS:
        if (!precis_cli_parse_count(arg, 1, ch == OPT_KEYWORDS ? 1000000ULL : 1000000000000000ULL,
                                    &n))
            return option_error(p, "invalid value '%s' for %s: expected a whole number >= 1", arg,
                                flag);
        *(ch == OPT_MAX_BYTES       ? &o->max_input_bytes
          : ch == OPT_MAX_SENTENCES ? &o->max_sentences
                                    : &o->keywords) = (size_t)n;
        return -1;
    default: return option_error(p, "invalid value '%s' for %s", arg, flag); // not a number option
    }
}

/* --date FILE=DATE: kept as given, checked against the inputs once they are read
 * (precis_cli_apply_dates()). */
static int add_date(const parser *p, const char *arg, const char *flag)
{
    const char *eq = strrchr(arg, '=');
    if (eq == NULL || eq == arg || eq[1] == '\0')
        return option_error(p, "invalid value '%s' for %s: expected FILE=DATE", arg, flag);
    precis_cli_options *c = p->c;
    const char **grown = realloc(c->dates, (c->n_dates + 1) * sizeof *grown);
    if (grown == NULL) {
        precis_cli_error("out of memory\n");
        return EXIT_INTERNAL;
    }
    c->dates = grown;
    c->dates[c->n_dates++] = arg;
    return -1;
}

/* Parses one option: 'ch' as getopt_long() gives it, 'arg' its value, 'flag' as the user wrote
 * it. Returns -1 to go on, or an exit status. */
static int parse_option(const parser *p, int ch, const char *arg, const char *flag)
{
    precis_cli_options *c = p->c;
    int k;
    switch (ch) {
    case 'n':
    case 'w':
    case 'b':
    case 'r': return set_length(p, ch, arg, flag);
    case OPT_ORDER:
        if ((k = find_name(order_names, COUNT(order_names), arg)) < 0)
            return option_error(p, "invalid value '%s' for %s: expected source, rank, time or auto",
                                arg, flag);
        c->opt.order = (precis_order)k;
        return -1;
    case OPT_GRAPH:
        if ((k = find_name(graph_names, COUNT(graph_names), arg)) < 0)
            return option_error(
                p, "invalid value '%s' for %s: expected auto, dense, sparse or pruned", arg, flag);
        c->opt.graph = (precis_graph_kind)k;
        return -1;
    case 'f':
        if ((k = find_name(format_names, COUNT(format_names), arg)) < 0)
            return option_error(p, "invalid value '%s' for %s: expected text, json or html", arg,
                                flag);
        c->format = (precis_cli_format)k;
        return -1;
    case OPT_DATE: return add_date(p, arg, flag);
    case OPT_INPUT:
        if (!precis_cli_parse_input(arg, &c->input))
            return option_error(p, "invalid value '%s' for %s: expected auto, text, html or markdown",
                                arg, flag);
        return -1;
    case OPT_QUERY: c->opt.query = arg; return -1;
    case OPT_QUERY_FILE: c->query_path = arg; return -1;
    case OPT_LANG:
        c->opt.language = strcmp(arg, "auto") == 0 ? NULL : arg; // auto: detected per document
        return -1;
    case OPT_LIST_LANGUAGES: return precis_cli_list_languages();
    case OPT_STOPWORDS: c->stopwords_path = arg; return -1;
    case 'q': c->quiet = true; return -1;
    case OPT_EXPLAIN:
        c->opt.explain = 1;
        c->explain = true;
        return -1;
    case 'h': print_usage(); return precis_cli_flush_stdout();
    case OPT_VERSION: printf("precis %s\n", PRECIS_VERSION); return precis_cli_flush_stdout();
    case OPT_DEDUP:
    case OPT_RESTATE:
    case OPT_DAMPING:
    case OPT_PRIOR:
    case OPT_REDUNDANCY:
    case OPT_QUERY_MIX:
    case OPT_EDGE:
    case OPT_MIN_WORDS:
    case OPT_THREADS:
    case OPT_MAX_BYTES:
    case OPT_MAX_SENTENCES:
    case OPT_KEYWORDS: return set_number(p, ch, arg, flag);
    default: fprintf(stderr, "Try 'precis --help'.\n"); return EXIT_USAGE;
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

int precis_cli_options_parse(precis_cli_options *out, int argc, char **argv, int *first_operand)
{
    memset(out, 0, sizeof *out);
    precis_options_init(&out->opt);
    parser p = {.c = out};
    int ch, long_index = -1;
    char flag[64];
    opterr = 0;
    while ((ch = getopt_long(argc, argv, ":n:w:b:r:f:hq", long_opts, &long_index)) != -1) {
        if (ch == '?') {
            const char *given = argv[optind - 1];
            if (strncmp(given, "--", 2) == 0 && strchr(given, '=') != NULL && optopt != 0)
                return precis_cli_usage_error(NULL, "option '%.*s' takes no value",
                                              (int)strcspn(given, "="), given);
            if (optopt > 0 && optopt < 128 && strncmp(given, "--", 2) != 0)
                return precis_cli_usage_error(NULL, "unknown option '-%c'", optopt);
            return precis_cli_usage_error(NULL, "unknown option '%s'", given);
        }
        if (ch == ':')
            return precis_cli_usage_error(NULL, "option '%s' needs a value", argv[optind - 1]);
        int rc = parse_option(&p, ch, optarg, flag_name(ch, long_index, flag, sizeof flag));
        if (rc >= 0)
            return rc;
        long_index = -1;
    }
    if (out->budget_flags > 1)
        return precis_cli_usage_error(NULL, "give one length at a time (-n, -w, -b or -r)");
    // Without --threads, a thread count set for OpenBLAS holds for precis's own threads too.
    const char *blas_threads = getenv("OPENBLAS_NUM_THREADS");
    unsigned long long env_threads;
    if (out->opt.threads == 0 && blas_threads != NULL &&
        precis_cli_parse_count(blas_threads, 1, 8, &env_threads))
        out->opt.threads = (size_t)env_threads;
    *first_operand = optind;
    return -1;
}

void precis_cli_options_destroy(precis_cli_options *o)
{
    free(o->dates);
    o->dates = NULL;
    o->n_dates = 0;
}

/* Options a batch line may set: the summary's own, never a file to read or an output form. */
static bool batch_settable(int ch)
{
    return ch != OPT_STOPWORDS && ch != 'f' && ch != OPT_EXPLAIN && ch != 'q' && ch != 'h' &&
           ch != OPT_VERSION && ch != OPT_DATE && // a batch document carries its own "date"
           ch != OPT_INPUT && ch != OPT_QUERY_FILE;
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
        precis_cli_options c = {.opt = *opt, .budget_flags = *budget_flags};
        parser p = {.c = &c, .err = err, .err_cap = err_cap};
        char flag[80];
        snprintf(flag, sizeof flag, "option '%s'", name);
        if (parse_option(&p, ch, value, flag) >= 0)
            return -1;
        *opt = c.opt;
        *budget_flags = c.budget_flags;
        return 0;
    }
    snprintf(err, err_cap, "unknown option '%s'", name);
    return -1;
}
