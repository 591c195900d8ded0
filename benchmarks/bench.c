/* Times each pipeline stage and the whole of precis_summarize() on the files given.
 * Usage: build/bench [-r RUNS] [-w WORDS] LABEL FILE...
 * Prints one line per stage: stage=rank runs=10 median_ms=4.1 min_ms=3.9 mb_s=96.0 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

int main(int argc, char **argv)
{
    int runs = 10, i = 1;
    double words = 100;
    while (i + 1 < argc && argv[i][0] == '-') {
        if (strcmp(argv[i], "-r") == 0)
            runs = atoi(argv[i + 1]);
        else if (strcmp(argv[i], "-w") == 0)
            words = atof(argv[i + 1]);
        i += 2;
    }
    if (argc - i < 2 || runs < 1) {
        fprintf(stderr, "usage: bench [-r RUNS] [-w WORDS] LABEL FILE...\n");
        return 2;
    }
    const char *label = argv[i++];
    precis_corpus *c;
    if (precis_corpus_new(&c) != PRECIS_OK)
        return 1;
    size_t total = 0;
    double t0 = now_ms();
    for (; i < argc; i++) {
        size_t len;
        char *data = slurp(argv[i], &len);
        if (data == NULL || precis_corpus_add(c, argv[i], data, len) != PRECIS_OK) {
            fprintf(stderr, "bench: %s: cannot load\n", argv[i]);
            return 1;
        }
        total += len;
        free(data);
    }
    double load_ms = now_ms() - t0;
    precis_options opt;
    precis_options_init(&opt);
    opt.budget_kind = PRECIS_BUDGET_WORDS;
    opt.budget = words;
    size_t n_stages = precis_stage_count();
    double *ms = calloc((n_stages + 1) * (size_t)runs, sizeof *ms);
    size_t sentences = 0;
    for (int r = 0; r < runs; r++) {
        precis_summary *s;
        double t = now_ms();
        if (precis_summarize(c, &opt, &s) != PRECIS_OK) {
            fprintf(stderr, "bench: summarize failed\n");
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
    return 0;
}
