/* Times each pipeline stage and the whole of precis_summarize() on the files given.
 * Usage: build/bench [-r RUNS] [-w WORDS] [-t THREADS] [-q QUERY] [-f LIST] LABEL [FILE|DIR]...
 *        build/bench --openblas
 * A DIR means every regular file below it, sorted by path (as precis does); -f LIST reads one
 * path per line from LIST ('-' is stdin), for more files than a command line holds; -t sets
 * precis_options.threads (default 0: one per processor, as precis does); -q QUERY summarizes for
 * that query (precis_options.query), to weigh what a query costs against the same run without.
 * Prints the OpenBLAS core and threads, the corpus, one line per stage, e.g.
 *   stage=rank runs=10 median_ms=4.1 min_ms=3.9 mb_s=96.0
 * and the process's peak resident set size (getrusage: loading included). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#include <cblas.h> // Debian's libopenblas-dev: openblas_get_corename(), openblas_get_config()
#include <precis.h>

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *b = malloc(cap);
    size_t k;
    while (b != NULL && (k = fread(b + n, 1, cap - n, f)) > 0) {
        n += k;
        if (n == cap) {
            char *p = realloc(b, cap *= 2);
            if (p == NULL) {
                free(b);
                b = NULL;
            } else {
                b = p;
            }
        }
    }
    fclose(f);
    *len = n;
    return b;
}

typedef struct {
    char **v;
    size_t n, cap;
} paths;

static void push(paths *p, const char *s)
{
    if (p->n == p->cap) {
        p->cap = p->cap ? 2 * p->cap : 256;
        p->v = realloc(p->v, p->cap * sizeof *p->v);
    }
    if (p->v == NULL || (p->v[p->n++] = strdup(s)) == NULL) {
        fprintf(stderr, "bench: out of memory\n");
        exit(1);
    }
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Appends the regular files below 'dir' to 'out', sorted by path; symbolic links to
 * directories are not followed (no loops). */
static int walk(const char *dir, paths *out)
{
    DIR *d = opendir(dir);
    if (d == NULL) {
        perror(dir);
        return 1;
    }
    paths here = {0};
    struct dirent *e;
    size_t dl = strlen(dir);
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        size_t n = dl + strlen(e->d_name) + 2;
        char *p = malloc(n);
        if (p == NULL)
            return 1;
        snprintf(p, n, "%s%s%s", dir, dl && dir[dl - 1] == '/' ? "" : "/", e->d_name);
        push(&here, p);
        free(p);
    }
    closedir(d);
    qsort(here.v, here.n, sizeof *here.v, cmp_str);
    int rc = 0;
    for (size_t k = 0; k < here.n; k++) {
        struct stat sb, lb;
        if (rc == 0 && stat(here.v[k], &sb) == 0) {
            if (S_ISREG(sb.st_mode))
                push(out, here.v[k]);
            else if (S_ISDIR(sb.st_mode) && lstat(here.v[k], &lb) == 0 && !S_ISLNK(lb.st_mode))
                rc = walk(here.v[k], out);
        }
        free(here.v[k]);
    }
    free(here.v);
    return rc;
}

/* Adds the argument: a file, or every regular file below a directory. */
static int add_arg(const char *arg, paths *out)
{
    struct stat sb;
    if (stat(arg, &sb) == 0 && S_ISDIR(sb.st_mode))
        return walk(arg, out);
    push(out, arg);
    return 0;
}

/* Adds the paths listed in 'list', one a line. */
static int read_list(const char *list, paths *out)
{
    FILE *f = strcmp(list, "-") == 0 ? stdin : fopen(list, "r");
    if (f == NULL) {
        perror(list);
        return 1;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int rc = 0;
    while (rc == 0 && (n = getline(&line, &cap, f)) >= 0) {
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (n > 0)
            rc = add_arg(line, out);
    }
    free(line);
    if (f != stdin)
        fclose(f);
    return rc;
}

static void print_openblas(void)
{
    const char *th = getenv("OPENBLAS_NUM_THREADS");
    printf("openblas_core=%s openblas_threads=%d OPENBLAS_NUM_THREADS=%s openblas_config=\"%s\"\n",
           openblas_get_corename(), openblas_get_num_threads(), th ? th : "unset",
           openblas_get_config());
}

int main(int argc, char **argv)
{
    int runs = 10, i = 1, threads = 0;
    double words = 100;
    const char *list = NULL, *query = NULL;
    if (argc == 2 && strcmp(argv[1], "--openblas") == 0) {
        print_openblas();
        return 0;
    }
    while (i + 1 < argc && argv[i][0] == '-') {
        if (strcmp(argv[i], "-r") == 0)
            runs = atoi(argv[i + 1]);
        else if (strcmp(argv[i], "-w") == 0)
            words = atof(argv[i + 1]);
        else if (strcmp(argv[i], "-t") == 0)
            threads = atoi(argv[i + 1]);
        else if (strcmp(argv[i], "-f") == 0)
            list = argv[i + 1];
        else if (strcmp(argv[i], "-q") == 0)
            query = argv[i + 1];
        i += 2;
    }
    if (argc - i < (list ? 1 : 2) || runs < 1 || threads < 0) {
        fprintf(stderr,
                "usage: bench [-r RUNS] [-w WORDS] [-t THREADS] [-q QUERY] [-f LIST] LABEL "
                "[FILE|DIR]...\n"
                "       bench --openblas\n");
        return 2;
    }
    const char *label = argv[i++];
    paths files = {0};
    if (list != NULL && read_list(list, &files) != 0)
        return 1;
    for (; i < argc; i++)
        if (add_arg(argv[i], &files) != 0)
            return 1;
    if (files.n == 0) {
        fprintf(stderr, "bench: no input files\n");
        return 1;
    }
    print_openblas();
    precis_corpus *c;
    if (precis_corpus_new(&c) != PRECIS_OK)
        return 1;
    size_t total = 0;
    double t0 = now_ms();
    for (size_t f = 0; f < files.n; f++) {
        size_t len;
        char *data = slurp(files.v[f], &len);
        if (data == NULL || precis_corpus_add(c, files.v[f], data, len) != PRECIS_OK) {
            fprintf(stderr, "bench: %s: cannot load\n", files.v[f]);
            return 1;
        }
        total += len;
        free(data);
        free(files.v[f]);
    }
    free(files.v);
    double load_ms = now_ms() - t0;
    precis_options opt;
    precis_options_init(&opt);
    opt.budget_kind = PRECIS_BUDGET_WORDS;
    opt.budget = words;
    opt.threads = (size_t)threads;
    opt.query = query;
    size_t n_stages = precis_stage_count();
    double *ms = calloc((n_stages + 1) * (size_t)runs, sizeof *ms);
    size_t sentences = 0;
    for (int r = 0; r < runs; r++) {
        precis_summary *s;
        double t = now_ms();
        precis_status status = precis_summarize(c, &opt, &s);
        if (status != PRECIS_OK) {
            fprintf(stderr, "bench: summarize failed: %s\n", precis_strerror(status));
            return 1;
        }
        ms[n_stages * (size_t)runs + (size_t)r] = now_ms() - t;
        for (size_t st = 0; st < n_stages; st++)
            ms[st * (size_t)runs + (size_t)r] = precis_summary_stage_ms(s, st);
        sentences = precis_summary_corpus_sentences(s);
        precis_summary_free(s);
    }
    double mb = (double)total / 1e6;
    printf("corpus=%s docs=%zu bytes=%zu sentences=%zu load_ms=%.2f\n", label,
           precis_corpus_count(c), total, sentences, load_ms);
    for (size_t st = 0; st <= n_stages; st++) {
        double *v = ms + st * (size_t)runs;
        qsort(v, (size_t)runs, sizeof *v, cmp_double);
        double med = v[runs / 2];
        const char *name = st < n_stages ? precis_stage_name(st) : "total";
        if (st < n_stages && strcmp(name, "load") == 0)
            continue; // loading happens once, in precis_corpus_add(): load_ms above
        printf("stage=%-8s runs=%d median_ms=%.3f min_ms=%.3f mb_s=%.1f\n", name, runs, med, v[0],
               med > 0 ? mb / (med / 1e3) : 0.0);
    }
    free(ms);
    precis_corpus_free(c);
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) == 0)
        printf("peak_rss_kb=%ld\n", ru.ru_maxrss);
    return 0;
}
