/* 'precis rouge': finds each summary's references on disk (rouge_refs.c), scores them with the
 * library's ROUGE-1.5.5-compatible scorer (<precis_rouge.h>) and prints the mean over all
 * instances, as text or as JSON (jansson). */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include <precis.h>
#include <precis_rouge.h>

#include "cli.h"

typedef enum { MISSING_ERROR, MISSING_SKIP, MISSING_EMPTY } missing_mode;

static const char *const missing_names[] = {
    [MISSING_ERROR] = "error",
    [MISSING_SKIP] = "skip",
    [MISSING_EMPTY] = "empty",
};

/* The defaults shown are those of precis_rouge_options_init() and of 'struct cli' below. */
static void print_usage(void)
{
    precis_rouge_options d;
    precis_rouge_options_init(&d);
    printf(
        "Usage: precis rouge --refs REFS [OPTIONS] SYSTEM...\n"
        "Scores summaries as ROUGE-1.5.5 does (-f A): recall R, precision P and F of ROUGE-1..N,\n"
        "ROUGE-L and ROUGE-SU4, averaged over all scoring instances.\n"
        "\n"
        "SYSTEM is a directory of summaries named <cluster>.txt (one sentence per line) and REFS "
        "a\n"
        "data set laid out as REFS/<cluster>/refs/* (or REFS/<cluster>/*, or REFS/<cluster>.*);\n"
        "or SYSTEM is one summary file ('-' reads standard input) and REFS a directory of its\n"
        "reference files, or one reference file. Files starting with '.' and meta.json are not\n"
        "references.\n"
        "\n"
        "  -r, --refs REFS         the references (required)\n"
        "  -n, --max-n N           ROUGE-1 to ROUGE-N, 1 <= N <= 9 [default: %d]\n"
        "  -m, --stem              Porter stemmer with the WordNet exceptions (ROUGE -m)\n"
        "  -s, --remove-stopwords  drop the SMART stopwords (ROUGE -s)\n"
        "  -l, --words N           cut summaries and references after N words (ROUGE -l)\n"
        "  -b, --bytes N           cut them after N bytes instead (ROUGE -b)\n"
        "  -p, --alpha A           F = P*R / ((1-A)*P + A*R), 0 <= A <= 1 [default: %g]\n"
        "      --jackknife         with M > 1 references, score against each set of M-1 of them:\n"
        "                          M instances per cluster (NIST's DUC convention)\n"
        "      --per-cluster       also print every cluster's scores (with --jackknife, the mean\n"
        "                          of its instances)\n"
        "      --missing WHAT      a cluster without a summary: 'error', 'skip' it, or score it "
        "as\n"
        "                          'empty' [default: %s]\n"
        "      --json              print one JSON object (one line) per SYSTEM\n"
        "  -h, --help              print this help\n"
        "\n"
        "Output: one line per metric, 'ROUGE-2 R:0.09123 P:0.09011 F:0.09066'; with --per-cluster\n"
        "first one line per cluster and metric, 'd30001t ROUGE-2 R:... P:... F:...'. With several\n"
        "SYSTEMs every line starts with the SYSTEM argument and a space.\n",
        d.max_n, d.alpha, missing_names[MISSING_ERROR]);
}

struct cli {
    const char *refs;
    precis_rouge_options opt;
    bool per_cluster, json;
    missing_mode missing; // MISSING_ERROR unless --missing
};

enum { OPT_JACKKNIFE = 256, OPT_PER_CLUSTER, OPT_MISSING, OPT_JSON };

/* Parses one option into 'cli'. Returns -1 to go on, or the exit status. */
static int parse_option(struct cli *cli, int c, const char *arg, char **argv)
{
    unsigned long long n;
    switch (c) {
    case 'r': cli->refs = arg; return -1;
    case 'n':
        if (!precis_cli_parse_count(arg, 1, 9, &n))
            return precis_cli_usage_error("rouge", "-n needs a number from 1 to 9, not '%s'", arg);
        cli->opt.max_n = (int)n;
        return -1;
    case 'm': cli->opt.stem = 1; return -1;
    case 's': cli->opt.remove_stopwords = 1; return -1;
    case 'l':
    case 'b':
        if (!precis_cli_parse_count(arg, 0, LLONG_MAX, &n))
            return precis_cli_usage_error("rouge", "-%c needs a number of %s, not '%s'", c,
                                          c == 'l' ? "words" : "bytes", arg);
        *(c == 'l' ? &cli->opt.word_limit : &cli->opt.byte_limit) = (size_t)n;
        return -1;
    case 'p':
        if (!precis_cli_parse_real(arg, 0, 1, false, &cli->opt.alpha))
            return precis_cli_usage_error("rouge", "-p needs a number from 0 to 1, not '%s'", arg);
        return -1;
    case OPT_JACKKNIFE: cli->opt.jackknife = 1; return -1;
    case OPT_PER_CLUSTER: cli->per_cluster = true; return -1;
    case OPT_MISSING:
        for (size_t k = 0; k < sizeof missing_names / sizeof missing_names[0]; k++)
            if (strcmp(arg, missing_names[k]) == 0) {
                cli->missing = (missing_mode)k;
                return -1;
            }
        return precis_cli_usage_error("rouge", "--missing takes error, skip or empty, not '%s'",
                                      arg);
    case OPT_JSON: cli->json = true; return -1;
    case 'h': print_usage(); return precis_cli_flush_stdout();
    case ':': return precis_cli_usage_error("rouge", "option '%s' needs a value", argv[optind - 1]);
    default:
        if (optopt && optopt < 256)
            return precis_cli_usage_error("rouge", "unknown option '-%c'", optopt);
        return precis_cli_usage_error("rouge", "unknown option '%s'", argv[optind - 1]);
    }
}

/* Parses the command line into 'cli'. Returns -1 to go on with the SYSTEMs from optind, or the
 * exit status. */
static int parse_args(struct cli *cli, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"refs", required_argument, NULL, 'r'},
        {"max-n", required_argument, NULL, 'n'},
        {"stem", no_argument, NULL, 'm'},
        {"remove-stopwords", no_argument, NULL, 's'},
        {"words", required_argument, NULL, 'l'},
        {"bytes", required_argument, NULL, 'b'},
        {"alpha", required_argument, NULL, 'p'},
        {"jackknife", no_argument, NULL, OPT_JACKKNIFE},
        {"per-cluster", no_argument, NULL, OPT_PER_CLUSTER},
        {"missing", required_argument, NULL, OPT_MISSING},
        {"json", no_argument, NULL, OPT_JSON},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    precis_rouge_options_init(&cli->opt);
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":r:n:msl:b:p:h", longopts, NULL)) != -1) {
        int rc = parse_option(cli, c, optarg, argv);
        if (rc >= 0)
            return rc;
    }
    if (!cli->refs)
        return precis_cli_usage_error("rouge", "--refs REFS is required");
    if (optind >= argc)
        return precis_cli_usage_error("rouge", "no SYSTEM to score");
    if (cli->opt.word_limit && cli->opt.byte_limit)
        return precis_cli_usage_error("rouge", "give -l or -b, not both");
    return -1;
}

/* ---- scoring ------------------------------------------------------------------------------ */

typedef struct result {
    char *id;
    precis_rouge_score *mean; // per metric, over the cluster's instances
} result;

typedef struct system_scores {
    result *v;
    size_t n;
    size_t instances;
    precis_rouge_score *sum;  // per metric, over all instances
    precis_cli_paths missing; // the clusters without a summary
} system_scores;

static void scores_free(system_scores *s)
{
    for (size_t i = 0; i < s->n; i++) {
        free(s->v[i].id);
        free(s->v[i].mean);
    }
    free(s->v);
    free(s->sum);
    precis_cli_paths_free(&s->missing);
    memset(s, 0, sizeof *s);
}

/* The exit status of a failure with errno value 'err': 3 when out of memory, else 1. */
static int failed(int err) { return err == ENOMEM ? EXIT_INTERNAL : EXIT_FAILURE; }

/* A summary or a reference is short text: 16 MiB is far beyond any (ROUGE-L's table grows with
 * the product of two lengths). */
#define MAX_ROUGE_BYTES ((size_t)16 << 20)

/* Reads the file 'path' ('-': standard input) into 'b' (reader.c: bounded, UTF-8 text only).
 * Returns 0 or the exit status, the error said. */
static int read_text(const char *path, precis_cli_buf *b)
{
    precis_cli_limit lim = {MAX_ROUGE_BYTES, "a summary or reference is at most 16 MiB", true};
    return precis_cli_read(strcmp(path, "-") == 0 ? NULL : path, &lim, b);
}

/* Scores one summary ('summary' NULL: an empty one) against its references; adds the result to
 * 's'. On failure prints the error. Returns the exit status. */
static int score_cluster(precis_rouge *r, const char *id, const char *summary,
                         const precis_cli_paths *refs, system_scores *s)
{
    size_t n_metrics = precis_rouge_metric_count(r);
    size_t n_inst = precis_rouge_instance_count(r, refs->n);
    precis_cli_buf peer = {0}, *texts = calloc(refs->n, sizeof *texts);
    const char **data = calloc(refs->n, sizeof *data);
    size_t *lens = calloc(refs->n, sizeof *lens);
    precis_rouge_score *sc = calloc(n_inst * n_metrics, sizeof *sc);
    precis_rouge_score *mean = calloc(n_metrics, sizeof *mean);
    char *id_copy = strdup(id);
    result *v = realloc(s->v, (s->n + 1) * sizeof *v);
    const char *where = summary ? summary : id;
    int err = 0, rc = 0; // rc: a file could not be read (said by read_text())
    precis_status st = PRECIS_OK;
    if (v)
        s->v = v;
    if (!texts || !data || !lens || !sc || !mean || !id_copy || !v) {
        err = ENOMEM;
        goto done;
    }
    if (summary && (rc = read_text(summary, &peer)) != 0)
        goto done;
    for (size_t k = 0; k < refs->n; k++) {
        if ((rc = read_text(refs->v[k], &texts[k])) != 0)
            goto done;
        data[k] = texts[k].data;
        lens[k] = texts[k].len;
    }
    st = precis_rouge_score_instances(r, peer.data, peer.len, data, lens, refs->n, sc);
    if (st != PRECIS_OK)
        goto done;
    for (size_t i = 0; i < n_inst; i++) {
        for (size_t m = 0; m < n_metrics; m++) {
            const precis_rouge_score *x = &sc[i * n_metrics + m];
            s->sum[m].recall += x->recall;
            s->sum[m].precision += x->precision;
            s->sum[m].f += x->f;
            mean[m].recall += x->recall / (double)n_inst;
            mean[m].precision += x->precision / (double)n_inst;
            mean[m].f += x->f / (double)n_inst;
        }
    }
    s->instances += n_inst;
    s->v[s->n++] = (result){id_copy, mean};
    id_copy = NULL;
    mean = NULL;
done:
    if (err)
        precis_cli_error("%s: %s\n", where, strerror(err));
    else if (st != PRECIS_OK)
        precis_cli_error("%s: %s\n", where, precis_strerror(st));
    free(peer.data);
    for (size_t k = 0; texts && k < refs->n; k++)
        free(texts[k].data);
    free(texts);
    free(data);
    free(lens);
    free(sc);
    free(mean);
    free(id_copy);
    if (rc != 0)
        return rc;
    return err ? failed(err) : st == PRECIS_ERR_NOMEM ? EXIT_INTERNAL : st != PRECIS_OK;
}

/* SYSTEM is one summary: its references are the files of REFS, or REFS itself. Returns the
 * exit status. */
static int score_one(const struct cli *cli, precis_rouge *r, const char *system, system_scores *s)
{
    struct stat st;
    if (strcmp(system, "-") != 0 && stat(system, &st) != 0) {
        precis_cli_error("%s: %s\n", system, strerror(errno));
        return EXIT_FAILURE;
    }
    precis_cli_paths refs = {0};
    int err = precis_cli_refs_list(cli->refs, &refs), rc;
    if (err) {
        precis_cli_error("%s: %s\n", cli->refs, strerror(err));
        rc = failed(err);
    } else if (refs.n == 0) {
        precis_cli_error("%s: no reference files\n", cli->refs);
        rc = EXIT_FAILURE;
    } else {
        rc = score_cluster(r, precis_cli_base_name(system), system, &refs, s);
    }
    precis_cli_paths_free(&refs);
    return rc;
}

/* SYSTEM is a directory of summaries, one per cluster of the data set '*ds' (loaded from --refs
 * on first use). Returns the exit status. */
static int score_dir(const struct cli *cli, precis_rouge *r, const char *system,
                     precis_cli_dataset *ds, system_scores *s)
{
    int err;
    if (!ds->v) {
        if ((err = precis_cli_dataset_load(cli->refs, ds)) != 0) {
            precis_cli_error("%s: %s\n", cli->refs, strerror(err));
            return failed(err);
        }
        if (ds->n == 0) {
            precis_cli_error("%s: no clusters with references found\n", cli->refs);
            return EXIT_FAILURE;
        }
    }
    // A summary without references (a typo in its name) is as wrong as references without a
    // summary: an error unless --missing says to go on (and then it is said, and not scored).
    precis_cli_paths orphans = {0};
    if ((err = precis_cli_orphan_summaries(system, ds, &orphans)) != 0) {
        precis_cli_paths_free(&orphans);
        precis_cli_error("%s: %s", system, strerror(err));
        return failed(err);
    }
    for (size_t i = 0; i < orphans.n; i++)
        precis_cli_error("%s: %s: %s summary has no references in %s%s", system, orphans.v[i],
                         cli->missing == MISSING_ERROR ? "a" : "warning: this", cli->refs,
                         cli->missing == MISSING_ERROR ? " (see --missing)" : "; not scored");
    bool orphaned = orphans.n > 0;
    precis_cli_paths_free(&orphans);
    if (orphaned && cli->missing == MISSING_ERROR)
        return EXIT_FAILURE;
    for (size_t i = 0; i < ds->n; i++) {
        const precis_cli_cluster *c = &ds->v[i];
        char *path = precis_cli_find_summary(system, c->id, &err);
        if (err) {
            precis_cli_error("%s: %s\n", system, strerror(err));
            return failed(err);
        }
        if (!path) {
            if (cli->missing == MISSING_ERROR) {
                precis_cli_error("%s: no summary for cluster %s (see --missing)\n", system,
                                 c->id);
                return EXIT_FAILURE;
            }
            if (!precis_cli_paths_push(&s->missing, c->id)) {
                precis_cli_error("%s\n", strerror(ENOMEM));
                return EXIT_INTERNAL;
            }
            if (cli->missing == MISSING_SKIP)
                continue;
        }
        int rc = score_cluster(r, c->id, path, &c->refs, s);
        free(path);
        if (rc != 0)
            return rc;
    }
    if (s->instances == 0) {
        precis_cli_error("%s: no summary for any cluster of %s\n", system, cli->refs);
        return EXIT_FAILURE;
    }
    if (s->missing.n)
        precis_cli_error("%s: %zu of %zu clusters have no summary (%s)\n", system, s->missing.n,
                         ds->n, cli->missing == MISSING_SKIP ? "skipped" : "scored empty");
    return 0;
}

/* ---- output ------------------------------------------------------------------------------- */

/* 'v' as the text output rounds it, to 'decimals' places: the JSON holds the same numbers. */
static double rounded(double v, int decimals)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return strtod(buf, NULL);
}

/* Adds 'value' (a new reference, NULL when out of memory) under 'key', which need not be
 * UTF-8 (a cluster id is a file name); false on failure. */
static bool put(json_t *obj, const char *key, json_t *value)
{
    json_t *k = precis_cli_json_string(key);
    bool ok =
        k != NULL && value != NULL && json_object_set_new(obj, json_string_value(k), value) == 0;
    if (k == NULL)
        json_decref(value); // not handed to json_object_set_new(), which takes it in any case
    json_decref(k);
    return ok;
}

/* {"ROUGE-1": {"R": ..., "P": ..., "F": ...}, ...}, each score to 'decimals' places. */
static json_t *scores_json(const precis_rouge *r, const precis_rouge_score *sc, int decimals)
{
    json_t *o = json_object();
    for (size_t m = 0; o != NULL && m < precis_rouge_metric_count(r); m++) {
        json_t *x = json_pack("{s:f, s:f, s:f}", "R", rounded(sc[m].recall, decimals), "P",
                              rounded(sc[m].precision, decimals), "F", rounded(sc[m].f, decimals));
        if (!put(o, precis_rouge_metric_name(r, m), x)) {
            json_decref(o);
            o = NULL;
        }
    }
    return o;
}

static json_t *options_json(const precis_rouge_options *o)
{
    // alpha as "%g" printed it before jansson: a whole number stays an integer in the JSON
    json_t *alpha =
        o->alpha == floor(o->alpha) ? json_integer((json_int_t)o->alpha) : json_real(o->alpha);
    return json_pack("{s:i, s:b, s:b, s:I, s:I, s:o, s:b}", "n", o->max_n, "stem", o->stem,
                     "remove_stopwords", o->remove_stopwords, "words", (json_int_t)o->word_limit,
                     "bytes", (json_int_t)o->byte_limit, "alpha", alpha, "jackknife", o->jackknife);
}

/* The JSON object of one SYSTEM: its name, counts, options, the mean scores (6 decimals) and
 * with --per-cluster each cluster's (5 decimals, as the text shows them). NULL when out of
 * memory. */
static json_t *system_json(const struct cli *cli, const precis_rouge *r, const char *system,
                           const system_scores *s, const precis_rouge_score *mean)
{
    json_t *root = json_object(), *missing = json_array();
    bool ok = root != NULL && missing != NULL;
    for (size_t i = 0; ok && i < s->missing.n; i++) {
        json_t *id = precis_cli_json_string(s->missing.v[i]);
        ok = id != NULL && json_array_append_new(missing, id) == 0;
    }
    ok = ok && put(root, "system", precis_cli_json_string(system)) &&
         put(root, "clusters", json_integer((json_int_t)s->n)) &&
         put(root, "instances", json_integer((json_int_t)s->instances));
    if (ok) {
        ok = json_object_set_new(root, "missing", missing) == 0;
        missing = NULL;
    }
    ok = ok && put(root, "options", options_json(&cli->opt)) &&
         put(root, "metrics", scores_json(r, mean, 6)); // means: one digit more
    if (ok && cli->per_cluster) {
        json_t *per = json_object();
        ok = put(root, "per_cluster", per); // 'root' holds it from here on
        for (size_t i = 0; ok && i < s->n; i++)
            ok = put(per, s->v[i].id, scores_json(r, s->v[i].mean, 5));
    }
    json_decref(missing);
    if (!ok) {
        json_decref(root);
        return NULL;
    }
    return root;
}

/* One line of JSON. Returns 0, or EXIT_INTERNAL when out of memory. */
static int print_json(const struct cli *cli, const precis_rouge *r, const char *system,
                      const system_scores *s, const precis_rouge_score *mean)
{
    json_t *root = system_json(cli, r, system, s, mean);
    // Six significant digits print every score exactly as rounded (at most six decimals, all
    // below 1) and alpha as "%g" did.
    if (root == NULL ||
        json_dumpf(root, stdout, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6)) !=
            0) {
        json_decref(root);
        precis_cli_error("out of memory\n");
        return EXIT_INTERNAL;
    }
    json_decref(root);
    putchar('\n');
    return 0;
}

static void print_text(const struct cli *cli, const precis_rouge *r, const char *prefix,
                       const system_scores *s, const precis_rouge_score *mean)
{
    size_t n_metrics = precis_rouge_metric_count(r);
    for (size_t i = 0; cli->per_cluster && i < s->n; i++)
        for (size_t m = 0; m < n_metrics; m++)
            printf("%s%s%s %s R:%.5f P:%.5f F:%.5f\n", prefix ? prefix : "", prefix ? " " : "",
                   s->v[i].id, precis_rouge_metric_name(r, m), s->v[i].mean[m].recall,
                   s->v[i].mean[m].precision, s->v[i].mean[m].f);
    for (size_t m = 0; m < n_metrics; m++)
        printf("%s%s%s R:%.5f P:%.5f F:%.5f\n", prefix ? prefix : "", prefix ? " " : "",
               precis_rouge_metric_name(r, m), mean[m].recall, mean[m].precision, mean[m].f);
}

/* Scores one SYSTEM argument and prints its result. Returns the exit status. '*ds' is the data
 * set of --refs, loaded on first use. */
static int score_system(const struct cli *cli, precis_rouge *r, const char *system, bool prefix,
                        precis_cli_dataset *ds)
{
    system_scores s = {0};
    size_t n_metrics = precis_rouge_metric_count(r);
    precis_rouge_score *mean = calloc(n_metrics, sizeof *mean);
    int status;
    if (!(s.sum = calloc(n_metrics, sizeof *s.sum)) || !mean) {
        precis_cli_error("%s\n", strerror(ENOMEM));
        status = EXIT_INTERNAL;
        goto done;
    }
    if (strcmp(system, "-") == 0 || !precis_cli_is_dir(system))
        status = score_one(cli, r, system, &s);
    else
        status = score_dir(cli, r, system, ds, &s);
    if (status != 0)
        goto done;
    for (size_t m = 0; m < n_metrics; m++) {
        mean[m].recall = s.sum[m].recall / (double)s.instances;
        mean[m].precision = s.sum[m].precision / (double)s.instances;
        mean[m].f = s.sum[m].f / (double)s.instances;
    }
    if (cli->json)
        status = print_json(cli, r, system, &s, mean);
    else
        print_text(cli, r, prefix ? system : NULL, &s, mean);
done:
    scores_free(&s);
    free(mean);
    return status;
}

int precis_cli_rouge(int argc, char **argv)
{
    struct cli cli = {0};
    int status = parse_args(&cli, argc, argv);
    if (status >= 0)
        return status;
    precis_rouge *r;
    precis_status st = precis_rouge_new(&cli.opt, NULL, 0, &r);
    if (st != PRECIS_OK) {
        precis_cli_error("rouge: %s\n", precis_strerror(st));
        return st == PRECIS_ERR_NOMEM ? EXIT_INTERNAL : EXIT_FAILURE;
    }
    precis_cli_dataset ds = {0};
    bool several = argc - optind > 1;
    status = 0;
    for (int i = optind; i < argc && status == 0; i++)
        status = score_system(&cli, r, argv[i], several, &ds);
    precis_cli_dataset_free(&ds);
    precis_rouge_free(r);
    int out = precis_cli_flush_stdout(); // every write checked, the help's too
    return status != 0 ? status : out;
}
