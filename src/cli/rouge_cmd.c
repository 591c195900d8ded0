/* 'precis rouge': finds each summary's references on disk, scores them with the library's
 * ROUGE-1.5.5-compatible scorer and prints the mean over all instances (text or JSON). */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <precis.h>
#include <precis_rouge.h>

#include "cli.h"

static const char usage_text[] =
    "Usage: precis rouge --refs REFS [OPTIONS] SYSTEM...\n"
    "Scores summaries as ROUGE-1.5.5 does (-f A): recall R, precision P and F of ROUGE-1..N,\n"
    "ROUGE-L and ROUGE-SU4, averaged over all scoring instances.\n"
    "\n"
    "SYSTEM is a directory of summaries named <cluster>.txt (one sentence per line) and REFS a\n"
    "data set laid out as REFS/<cluster>/refs/* (or REFS/<cluster>/*, or REFS/<cluster>.*);\n"
    "or SYSTEM is one summary file ('-' reads standard input) and REFS a directory of its\n"
    "reference files, or one reference file. Files starting with '.' and meta.json are not\n"
    "references.\n"
    "\n"
    "  -r, --refs REFS         the references (required)\n"
    "  -n, --max-n N           ROUGE-1 to ROUGE-N, 1 <= N <= 9 [default: 2]\n"
    "  -m, --stem              Porter stemmer with the WordNet exceptions (ROUGE -m)\n"
    "  -s, --remove-stopwords  drop the SMART stopwords (ROUGE -s)\n"
    "  -l, --words N           cut summaries and references after N words (ROUGE -l)\n"
    "  -b, --bytes N           cut them after N bytes instead (ROUGE -b)\n"
    "  -p, --alpha A           F = P*R / ((1-A)*P + A*R), 0 <= A <= 1 [default: 0.5]\n"
    "      --jackknife         with M > 1 references, score against each set of M-1 of them:\n"
    "                          M instances per cluster (NIST's DUC convention)\n"
    "      --per-cluster       also print every cluster's scores (with --jackknife, the mean\n"
    "                          of its instances)\n"
    "      --missing WHAT      a cluster without a summary: 'error', 'skip' it, or score it as\n"
    "                          'empty' [default: error]\n"
    "      --json              print one JSON object (one line) per SYSTEM\n"
    "  -h, --help              print this help\n"
    "\n"
    "Output: one line per metric, 'ROUGE-2 R:0.09123 P:0.09011 F:0.09066'; with --per-cluster\n"
    "first one line per cluster and metric, 'd30001t ROUGE-2 R:... P:... F:...'. With several\n"
    "SYSTEMs every line starts with the SYSTEM argument and a space.\n";

typedef enum { MISSING_ERROR, MISSING_SKIP, MISSING_EMPTY } missing_mode;

struct cli {
    const char *refs;
    precis_rouge_options opt;
    bool per_cluster, json;
    missing_mode missing;
};

enum { OPT_JACKKNIFE = 256, OPT_PER_CLUSTER, OPT_MISSING, OPT_JSON };

/* Prints "precis rouge: WHAT 'ARG'" (without ARG when it is NULL; nothing when WHAT is NULL)
 * and the hint; returns 2, the exit status for bad usage. */
static int usage_error(const char *what, const char *arg)
{
    if (what && arg)
        fprintf(stderr, "precis rouge: %s '%s'\n", what, arg);
    else if (what)
        fprintf(stderr, "precis rouge: %s\n", what);
    fputs("Try 'precis rouge --help'.\n", stderr);
    return 2;
}

/* Parses a whole decimal number in [lo, hi]; false if anything is left over or out of range. */
static bool parse_size(const char *s, long long lo, long long hi, size_t *out)
{
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi)
        return false;
    *out = (size_t)v;
    return true;
}

/* ---- files and directories --------------------------------------------------------------- */

typedef struct strlist {
    char **v;
    size_t n, cap;
} strlist;

static void strlist_free(strlist *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    memset(l, 0, sizeof *l);
}

/* Takes ownership of 's'; frees it and returns false when out of memory. */
static bool strlist_push(strlist *l, char *s)
{
    if (!s)
        return false;
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 16;
        char **v = realloc(l->v, cap * sizeof *v);
        if (!v) {
            free(s);
            return false;
        }
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = s;
    return true;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *join_path(const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    char *p = malloc(a + b + 2);
    if (!p)
        return NULL;
    memcpy(p, dir, a);
    p[a] = '/';
    memcpy(p + a + 1, name, b + 1);
    return p;
}

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The names in 'dir' (sorted, without '.'-names) that are directories ('dirs') or regular files
 * other than meta.json. Returns 0 or an errno value. */
static int list_dir(const char *dir, bool dirs, strlist *out)
{
    DIR *d = opendir(dir);
    if (!d)
        return errno;
    int err = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' || (!dirs && strcmp(e->d_name, "meta.json") == 0))
            continue;
        char *path = join_path(dir, e->d_name);
        if (!path) {
            err = ENOMEM;
            break;
        }
        bool keep = dirs ? is_dir(path) : is_file(path);
        free(path);
        if (keep && !strlist_push(out, strdup(e->d_name))) {
            err = ENOMEM;
            break;
        }
    }
    closedir(d);
    if (!err && out->n)
        qsort(out->v, out->n, sizeof *out->v, cmp_str);
    return err;
}

/* Reads all of 'path' ("-" = standard input) into '*buf' (NUL-terminated). 0 or errno. */
static int read_file(const char *path, char **buf, size_t *len)
{
    bool is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    *buf = NULL;
    *len = 0;
    if (!f)
        return errno;
    size_t cap = 0, n = 0;
    char *p = NULL;
    int err = 0;
    for (;;) {
        if (cap - n < 4096) {
            size_t ncap = cap ? 2 * cap : 65536;
            char *q = ncap > cap ? realloc(p, ncap + 1) : NULL;
            if (!q) {
                err = ENOMEM;
                break;
            }
            p = q;
            cap = ncap;
        }
        size_t got = fread(p + n, 1, cap - n, f);
        n += got;
        if (got == 0) {
            if (ferror(f))
                err = errno ? errno : EIO;
            break;
        }
    }
    if (!is_stdin)
        fclose(f);
    if (err) {
        free(p);
        return err;
    }
    if (!p && !(p = malloc(1)))
        return ENOMEM;
    p[n] = '\0';
    *buf = p;
    *len = n;
    return 0;
}

/* ---- the clusters to score --------------------------------------------------------------- */

typedef struct cluster {
    char *id;
    strlist refs; // paths
} cluster;

typedef struct dataset {
    cluster *v;
    size_t n;
} dataset;

static void dataset_free(dataset *ds)
{
    for (size_t i = 0; i < ds->n; i++) {
        free(ds->v[i].id);
        strlist_free(&ds->v[i].refs);
    }
    free(ds->v);
    memset(ds, 0, sizeof *ds);
}

static int add_cluster(dataset *ds, const char *id, size_t id_len, cluster **out)
{
    cluster *v = realloc(ds->v, (ds->n + 1) * sizeof *v);
    if (!v)
        return ENOMEM;
    ds->v = v;
    cluster *c = &ds->v[ds->n];
    memset(c, 0, sizeof *c);
    if (!(c->id = strndup(id, id_len)))
        return ENOMEM;
    ds->n++;
    *out = c;
    return 0;
}

/* Adds every file of 'names' (in 'dir') to 'refs'. */
static int add_paths(strlist *refs, const char *dir, const strlist *names)
{
    for (size_t i = 0; i < names->n; i++)
        if (!strlist_push(refs, join_path(dir, names->v[i])))
            return ENOMEM;
    return 0;
}

static int cmp_cluster(const void *a, const void *b)
{
    return strcmp(((const cluster *)a)->id, ((const cluster *)b)->id);
}

/* The clusters of data set 'root', as rouge.py finds them: each subdirectory with files in its
 * refs/ (or in itself); without subdirectories, files named <cluster>.<anything>. */
static int load_dataset(const char *root, dataset *ds)
{
    strlist subdirs = {0}, names = {0};
    char *dir = NULL;
    int err = list_dir(root, true, &subdirs);
    for (size_t i = 0; !err && i < subdirs.n; i++) {
        free(dir);
        dir = join_path(root, subdirs.v[i]);
        char *refs = dir ? join_path(dir, "refs") : NULL;
        if (!refs) {
            err = ENOMEM;
            break;
        }
        if (is_dir(refs)) {
            free(dir);
            dir = refs;
        } else {
            free(refs);
        }
        strlist_free(&names);
        if ((err = list_dir(dir, false, &names)) != 0 || names.n == 0)
            continue;
        cluster *c;
        if (!(err = add_cluster(ds, subdirs.v[i], strlen(subdirs.v[i]), &c)))
            err = add_paths(&c->refs, dir, &names);
    }
    if (!err && subdirs.n == 0) {
        strlist_free(&names);
        err = list_dir(root, false, &names);
        // sorted names put each cluster's files together
        for (size_t i = 0; !err && i < names.n; i++) {
            const char *dot = strchr(names.v[i], '.');
            if (!dot || dot == names.v[i])
                continue;
            size_t id_len = (size_t)(dot - names.v[i]);
            cluster *c = ds->n ? &ds->v[ds->n - 1] : NULL;
            if (!c || strlen(c->id) != id_len || strncmp(c->id, names.v[i], id_len) != 0)
                err = add_cluster(ds, names.v[i], id_len, &c);
            if (!err && !strlist_push(&c->refs, join_path(root, names.v[i])))
                err = ENOMEM;
        }
        // "a.x" sorts after "a-b.x" but the clusters must come in id order, as rouge.py's do
        if (!err && ds->n > 1)
            qsort(ds->v, ds->n, sizeof *ds->v, cmp_cluster);
    }
    free(dir);
    strlist_free(&subdirs);
    strlist_free(&names);
    if (err)
        dataset_free(ds);
    return err;
}

/* The summary of cluster 'id' in 'sysdir' (rouge.py's order of guesses), or NULL. '*err' is
 * set when out of memory. */
static char *find_summary(const char *sysdir, const char *id, int *err)
{
    size_t id_len = strlen(id);
    char *name = malloc(id_len + 5);
    char *path = NULL;
    *err = 0;
    if (!name)
        goto nomem;
    memcpy(name, id, id_len);
    memcpy(name + id_len, ".txt", 5);
    if (!(path = join_path(sysdir, name)))
        goto nomem;
    if (is_file(path))
        goto found;
    free(path);
    if (!(path = join_path(sysdir, id)))
        goto nomem;
    if (is_file(path))
        goto found;
    if (is_dir(path)) { // a directory holding just one file
        strlist files = {0};
        char *one = NULL;
        if (list_dir(path, false, &files) == 0 && files.n == 1)
            one = join_path(path, files.v[0]);
        strlist_free(&files);
        if (one) {
            free(path);
            path = one;
            goto found;
        }
    }
    free(path);
    path = NULL;
    strlist all = {0};
    if (list_dir(sysdir, false, &all) == ENOMEM) {
        strlist_free(&all);
        goto nomem;
    }
    for (size_t i = 0; i < all.n && !path; i++)
        if (strncmp(all.v[i], id, id_len) == 0 && all.v[i][id_len] == '.')
            path = join_path(sysdir, all.v[i]);
    strlist_free(&all);
found:
    free(name);
    return path;
nomem:
    free(name);
    free(path);
    *err = ENOMEM;
    return NULL;
}

/* ---- scoring and output ------------------------------------------------------------------ */

typedef struct result {
    char *id;
    precis_rouge_score *mean; // per metric, over the cluster's instances
} result;

typedef struct system_scores {
    result *v;
    size_t n;
    size_t instances;
    precis_rouge_score *sum; // per metric, over all instances
    strlist missing;
} system_scores;

static void scores_free(system_scores *s)
{
    for (size_t i = 0; i < s->n; i++) {
        free(s->v[i].id);
        free(s->v[i].mean);
    }
    free(s->v);
    free(s->sum);
    strlist_free(&s->missing);
    memset(s, 0, sizeof *s);
}

/* Scores one summary ('summary' NULL: an empty one) against its references; adds the result to
 * 's'. On failure prints the error and returns false. */
static bool score_cluster(precis_rouge *r, const char *id, const char *summary,
                          const strlist *refs, system_scores *s)
{
    size_t n_metrics = precis_rouge_metric_count(r), n_inst = precis_rouge_instance_count(r, refs->n);
    char *peer = NULL, **texts = calloc(refs->n, sizeof *texts);
    size_t peer_len = 0, *lens = calloc(refs->n, sizeof *lens);
    precis_rouge_score *sc = calloc(n_inst * n_metrics, sizeof *sc);
    precis_rouge_score *mean = calloc(n_metrics, sizeof *mean);
    char *id_copy = strdup(id);
    result *v = realloc(s->v, (s->n + 1) * sizeof *v);
    const char *where = summary ? summary : id;
    int err = 0;
    precis_status st = PRECIS_OK;
    bool ok = false;
    if (v)
        s->v = v;
    if (!texts || !lens || !sc || !mean || !id_copy || !v) {
        err = ENOMEM;
        goto done;
    }
    if (summary && (err = read_file(summary, &peer, &peer_len)) != 0)
        goto done;
    for (size_t k = 0; k < refs->n; k++) {
        if ((err = read_file(refs->v[k], &texts[k], &lens[k])) != 0) {
            where = refs->v[k];
            goto done;
        }
    }
    st = precis_rouge_score_instances(r, peer, peer_len, (const char *const *)texts, lens,
                                      refs->n, sc);
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
    ok = true;
done:
    if (err)
        fprintf(stderr, "precis: %s: %s\n", where, strerror(err));
    else if (st != PRECIS_OK)
        fprintf(stderr, "precis: %s: %s\n", where, precis_strerror(st));
    free(peer);
    for (size_t k = 0; texts && k < refs->n; k++)
        free(texts[k]);
    free(texts);
    free(lens);
    free(sc);
    free(mean);
    free(id_copy);
    return ok;
}

/* Writes 's' as a JSON string: escapes quotes, backslashes and control bytes, and replaces
 * bytes that are not UTF-8 (file names can hold any) by U+FFFD. */
static void json_string(FILE *f, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    fputc('"', f);
    while (*p) {
        unsigned char c = *p;
        if (c == '"' || c == '\\') {
            fprintf(f, "\\%c", c);
            p++;
        } else if (c < 0x20 || c == 0x7f) {
            fprintf(f, "\\u%04x", c);
            p++;
        } else if (c < 0x80) {
            fputc(c, f);
            p++;
        } else {
            // length of a well-formed UTF-8 sequence starting here, or 0
            size_t n = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3
                       : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
            for (size_t k = 1; k < n; k++)
                if ((p[k] & 0xc0) != 0x80)
                    n = 0;
            if (n == 3 && ((c == 0xe0 && p[1] < 0xa0) || (c == 0xed && p[1] > 0x9f)))
                n = 0; // overlong, or a surrogate
            if (n == 4 && ((c == 0xf0 && p[1] < 0x90) || (c == 0xf4 && p[1] > 0x8f)))
                n = 0; // overlong, or beyond U+10FFFF
            if (n) {
                fwrite(p, 1, n, f);
                p += n;
            } else {
                fputs("\\ufffd", f);
                p++;
            }
        }
    }
    fputc('"', f);
}

static void json_scores(FILE *f, const precis_rouge *r, const precis_rouge_score *sc, int digits)
{
    fputc('{', f);
    for (size_t m = 0; m < precis_rouge_metric_count(r); m++)
        fprintf(f, "%s\"%s\":{\"R\":%.*f,\"P\":%.*f,\"F\":%.*f}", m ? "," : "",
                precis_rouge_metric_name(r, m), digits, sc[m].recall, digits, sc[m].precision,
                digits, sc[m].f);
    fputc('}', f);
}

static void print_json(const struct cli *cli, const precis_rouge *r, const char *system,
                       const system_scores *s, const precis_rouge_score *mean)
{
    const precis_rouge_options *o = &cli->opt;
    fputs("{\"system\":", stdout);
    json_string(stdout, system);
    printf(",\"clusters\":%zu,\"instances\":%zu,\"missing\":[", s->n, s->instances);
    for (size_t i = 0; i < s->missing.n; i++) {
        if (i)
            putchar(',');
        json_string(stdout, s->missing.v[i]);
    }
    printf("],\"options\":{\"n\":%d,\"stem\":%s,\"remove_stopwords\":%s,\"words\":%zu,"
           "\"bytes\":%zu,\"alpha\":%g,\"jackknife\":%s},\"metrics\":",
           o->max_n, o->stem ? "true" : "false", o->remove_stopwords ? "true" : "false",
           o->word_limit, o->byte_limit, o->alpha, o->jackknife ? "true" : "false");
    json_scores(stdout, r, mean, 6); // means: one digit more
    if (cli->per_cluster) {
        fputs(",\"per_cluster\":{", stdout);
        for (size_t i = 0; i < s->n; i++) {
            if (i)
                putchar(',');
            json_string(stdout, s->v[i].id);
            putchar(':');
            json_scores(stdout, r, s->v[i].mean, 5);
        }
        putchar('}');
    }
    puts("}");
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

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash && slash[1] ? slash + 1 : path;
}

/* Scores one SYSTEM argument and prints its result. Returns the exit status. '*ds' is the data
 * set of --refs, loaded on first use. */
static int score_system(const struct cli *cli, precis_rouge *r, const char *system,
                        bool prefix, dataset *ds)
{
    system_scores s = {0};
    strlist names = {0};
    precis_rouge_score *mean = NULL;
    int status = 1, err = 0;
    size_t n_metrics = precis_rouge_metric_count(r);
    if (!(s.sum = calloc(n_metrics, sizeof *s.sum)) ||
        !(mean = calloc(n_metrics, sizeof *mean))) {
        fprintf(stderr, "precis: %s\n", strerror(ENOMEM));
        goto done;
    }
    if (strcmp(system, "-") == 0 || !is_dir(system)) {
        // one summary; its references are the files of REFS, or REFS itself
        struct stat st;
        if (strcmp(system, "-") != 0 && stat(system, &st) != 0) {
            fprintf(stderr, "precis: %s: %s\n", system, strerror(errno));
            goto done;
        }
        strlist refs = {0};
        if (is_dir(cli->refs)) {
            if ((err = list_dir(cli->refs, false, &names)) == 0)
                err = add_paths(&refs, cli->refs, &names);
        } else if (!strlist_push(&refs, strdup(cli->refs))) {
            err = ENOMEM;
        }
        if (!err && refs.n == 0) {
            fprintf(stderr, "precis: %s: no reference files\n", cli->refs);
        } else if (err) {
            fprintf(stderr, "precis: %s: %s\n", cli->refs, strerror(err));
        } else if (score_cluster(r, base_name(system), system, &refs, &s)) {
            status = 0;
        }
        strlist_free(&refs);
        if (status)
            goto done;
    } else {
        if (!ds->v) {
            if ((err = load_dataset(cli->refs, ds)) != 0) {
                fprintf(stderr, "precis: %s: %s\n", cli->refs, strerror(err));
                goto done;
            }
            if (ds->n == 0) {
                fprintf(stderr, "precis: %s: no clusters with references found\n", cli->refs);
                goto done;
            }
        }
        for (size_t i = 0; i < ds->n; i++) {
            const cluster *c = &ds->v[i];
            char *path = find_summary(system, c->id, &err);
            if (err) {
                fprintf(stderr, "precis: %s: %s\n", system, strerror(err));
                goto done;
            }
            if (!path) {
                if (cli->missing == MISSING_ERROR) {
                    fprintf(stderr, "precis: %s: no summary for cluster %s (see --missing)\n",
                            system, c->id);
                    goto done;
                }
                if (!strlist_push(&s.missing, strdup(c->id))) {
                    fprintf(stderr, "precis: %s\n", strerror(ENOMEM));
                    goto done;
                }
                if (cli->missing == MISSING_SKIP)
                    continue;
            }
            bool ok = score_cluster(r, c->id, path, &c->refs, &s);
            free(path);
            if (!ok)
                goto done;
        }
        if (s.instances == 0) {
            fprintf(stderr, "precis: %s: no summary for any cluster of %s\n", system, cli->refs);
            goto done;
        }
        if (s.missing.n)
            fprintf(stderr, "precis: %s: %zu of %zu clusters have no summary (%s)\n", system,
                    s.missing.n, ds->n, cli->missing == MISSING_SKIP ? "skipped" : "scored empty");
        status = 0;
    }
    for (size_t m = 0; m < n_metrics; m++) {
        mean[m].recall = s.sum[m].recall / (double)s.instances;
        mean[m].precision = s.sum[m].precision / (double)s.instances;
        mean[m].f = s.sum[m].f / (double)s.instances;
    }
    if (cli->json)
        print_json(cli, r, system, &s, mean);
    else
        print_text(cli, r, prefix ? system : NULL, &s, mean);
done:
    strlist_free(&names);
    scores_free(&s);
    free(mean);
    return status;
}

int precis_cli_rouge(int argc, char **argv)
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
    struct cli cli = {0};
    precis_rouge_options_init(&cli.opt);
    size_t n;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":r:n:msl:b:p:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'r':
            cli.refs = optarg;
            break;
        case 'n':
            if (!parse_size(optarg, 1, 9, &n))
                return usage_error("-n needs a number from 1 to 9, not", optarg);
            cli.opt.max_n = (int)n;
            break;
        case 'm':
            cli.opt.stem = 1;
            break;
        case 's':
            cli.opt.remove_stopwords = 1;
            break;
        case 'l':
            if (!parse_size(optarg, 0, LLONG_MAX, &cli.opt.word_limit))
                return usage_error("-l needs a number of words, not", optarg);
            break;
        case 'b':
            if (!parse_size(optarg, 0, LLONG_MAX, &cli.opt.byte_limit))
                return usage_error("-b needs a number of bytes, not", optarg);
            break;
        case 'p': {
            char *end;
            double a = strtod(optarg, &end);
            if (end == optarg || *end || !(a >= 0 && a <= 1))
                return usage_error("-p needs a number from 0 to 1, not", optarg);
            cli.opt.alpha = a;
            break;
        }
        case OPT_JACKKNIFE:
            cli.opt.jackknife = 1;
            break;
        case OPT_PER_CLUSTER:
            cli.per_cluster = true;
            break;
        case OPT_MISSING:
            if (strcmp(optarg, "error") == 0)
                cli.missing = MISSING_ERROR;
            else if (strcmp(optarg, "skip") == 0)
                cli.missing = MISSING_SKIP;
            else if (strcmp(optarg, "empty") == 0)
                cli.missing = MISSING_EMPTY;
            else
                return usage_error("--missing takes error, skip or empty, not", optarg);
            break;
        case OPT_JSON:
            cli.json = true;
            break;
        case 'h':
            fputs(usage_text, stdout);
            return 0;
        case ':':
            fprintf(stderr, "precis rouge: option '%s' needs a value\n", argv[optind - 1]);
            return usage_error(NULL, NULL);
        default:
            if (optopt && optopt < 256) {
                char opt[3] = {'-', (char)optopt, '\0'};
                return usage_error("unknown option", opt);
            }
            return usage_error("unknown option", argv[optind - 1]);
        }
    }
    if (!cli.refs)
        return usage_error("--refs REFS is required", NULL);
    if (optind >= argc)
        return usage_error("no SYSTEM to score", NULL);
    if (cli.opt.word_limit && cli.opt.byte_limit)
        return usage_error("give -l or -b, not both", NULL);

    precis_rouge *r;
    precis_status st = precis_rouge_new(&cli.opt, NULL, 0, &r);
    if (st != PRECIS_OK) {
        fprintf(stderr, "precis: rouge: %s\n", precis_strerror(st));
        return 1;
    }
    dataset ds = {0};
    int status = 0;
    bool several = argc - optind > 1;
    for (int i = optind; i < argc && status == 0; i++)
        status = score_system(&cli, r, argv[i], several, &ds);
    dataset_free(&ds);
    precis_rouge_free(r);
    if (fflush(stdout) != 0 && status == 0) {
        fprintf(stderr, "precis: standard output: %s\n", strerror(errno));
        status = 1;
    }
    return status;
}
