/* Re-entrancy, through <precis.h> only: several threads build corpora and summarize them at the
 * same time, with different options and inner thread counts, 'explain' on; every result must
 * equal the one computed alone, single-threaded, beforehand. Run under ThreadSanitizer by
 * 'make tsan', which also reports any data race on the way; plain 'make test' checks the
 * results alone. Corpora: the bundled one (tests/data/kim-shoigu), subsets and reorderings of
 * it, and a generated one large enough for the library's own worker threads to start (split,
 * tokenize and the pruned graph run in parallel above 1 MB, 20,000 and 4,096 sentences). */
#include <precis.h>
#include <precis_rouge.h>

#include "helpers.h"

#include <dirent.h>
#include <pthread.h>

#define CORPUS_DIR "tests/data/kim-shoigu"
#define MAX_DOCS 16
#define N_THREADS 4
/* Rounds each thread makes over the cases: enough for every pair of cases to overlap in time. */
#define ROUNDS 3
/* The generated corpus: 21 documents of 1,000 sentences, about 1.4 MB in all. */
#define GEN_DOCS 21
#define GEN_SENTENCES 1000

typedef struct doc {
    char *name;
    char *data;
    size_t len;
} doc;

static doc docs[MAX_DOCS];
static size_t n_docs;
static doc gen[GEN_DOCS];

/* xorshift64: a fixed sequence, and state of the test's own rather than rand()'s. */
static uint64_t next_random(uint64_t *x)
{
    *x ^= *x << 13;
    *x ^= *x >> 7;
    *x ^= *x << 17;
    return *x;
}

/* Sentences of 6 to 17 words, two in five of them English function words (stopwords), the rest
 * made up from syllables, chosen among 20,000 with a skew (a few frequent, most rare, as in
 * text); five sentences a paragraph. */
static char *generate(uint64_t *x, size_t *len)
{
    static const char *const syl[] = {"ka", "lo", "mi", "tes", "ru", "van", "do", "pel",
                                      "sa", "ni", "gor", "e", "tu", "bra", "is", "mon"};
    static const char *const fn[] = {"the", "of", "and", "to", "in", "a", "was", "for", "on", "that"};
    size_t cap = (size_t)GEN_SENTENCES * 160, n = 0;
    char *out = malloc(cap);
    if (out == NULL)
        return NULL;
    for (size_t s = 0; s < GEN_SENTENCES; s++) {
        size_t words = 6 + next_random(x) % 12;
        for (size_t w = 0; w < words; w++) {
            char word[32];
            size_t wl = 0;
            if (next_random(x) % 5 < 2) { // a function word, as often as in English
                wl = (size_t)snprintf(word, sizeof word, "%s", fn[next_random(x) % 10]);
            } else {
                uint64_t a = next_random(x) % 20000, b = next_random(x) % 20000;
                uint64_t id = 16 + (a * b) / 20000; // skewed towards small ids
                for (; id > 0; id /= 16)
                    wl += (size_t)snprintf(word + wl, sizeof word - wl, "%s", syl[id % 16]);
            }
            if (w == 0)
                word[0] = (char)(word[0] - 'a' + 'A');
            n += (size_t)snprintf(out + n, cap - n, "%s%s", w ? " " : "", word);
        }
        n += (size_t)snprintf(out + n, cap - n, "%s", s % 5 == 4 ? ".\n\n" : ". ");
        if (cap - n < 200)
            return free(out), NULL;
    }
    *len = n;
    return out;
}

static int cmp_doc(const void *a, const void *b)
{
    return strcmp(((const doc *)a)->name, ((const doc *)b)->name);
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    size_t cap = 1 << 14, n = 0, k;
    char *buf = malloc(cap);
    while (buf != NULL && (k = fread(buf + n, 1, cap - n, f)) > 0) {
        n += k;
        if (n == cap) {
            char *bigger = realloc(buf, cap *= 2);
            if (bigger == NULL)
                free(buf);
            buf = bigger;
        }
    }
    fclose(f);
    *len = n;
    return buf;
}

static int setup(void **state)
{
    (void)state;
    DIR *d = opendir(CORPUS_DIR);
    if (d == NULL) {
        fprintf(stderr, "cannot open %s (run the tests from the repository root)\n", CORPUS_DIR);
        return -1;
    }
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n_docs < MAX_DOCS) {
        size_t l = strlen(e->d_name);
        if (l < 5 || strcmp(e->d_name + l - 4, ".txt") != 0)
            continue;
        char path[512];
        snprintf(path, sizeof path, "%s/%s", CORPUS_DIR, e->d_name);
        docs[n_docs].name = strdup(e->d_name);
        docs[n_docs].data = read_file(path, &docs[n_docs].len);
        if (docs[n_docs].name == NULL || docs[n_docs].data == NULL)
            return -1;
        n_docs++;
    }
    closedir(d);
    qsort(docs, n_docs, sizeof *docs, cmp_doc);
    uint64_t x = 0x9E3779B97F4A7C15u;
    for (size_t i = 0; i < GEN_DOCS; i++) {
        char name[32];
        snprintf(name, sizeof name, "generated-%02zu", i);
        gen[i].name = strdup(name);
        gen[i].data = generate(&x, &gen[i].len);
        if (gen[i].name == NULL || gen[i].data == NULL)
            return -1;
    }
    return n_docs >= 3 ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    for (size_t i = 0; i < n_docs; i++) {
        free(docs[i].name);
        free(docs[i].data);
    }
    n_docs = 0;
    for (size_t i = 0; i < GEN_DOCS; i++) {
        free(gen[i].name);
        free(gen[i].data);
    }
    return 0;
}

/* ---- cases ------------------------------------------------------------------------------ */

typedef struct test_case {
    const char *what;
    /* Documents in the order they are added, as indexes into docs[] (the first 'n' of them);
     * the generated documents instead when 'large' is set. */
    size_t order[MAX_DOCS];
    size_t n;
    int large;
    precis_options opt;
    /* The expected status when the options or input are meant to fail. */
    precis_status want;
    /* A document with invalid UTF-8 added first (and refused) when set. */
    int bad_doc;
    char *reference; // the result computed alone
} test_case;

static void with_all(test_case *tc, int reverse)
{
    tc->n = n_docs;
    for (size_t i = 0; i < n_docs; i++)
        tc->order[i] = reverse ? n_docs - 1 - i : i;
}

static size_t make_cases(test_case *cases)
{
    size_t k = 0;
    test_case *tc;

    tc = &cases[k++];
    tc->what = "all documents, defaults (dense graph through OpenBLAS)";
    with_all(tc, 0);

    tc = &cases[k++];
    tc->what = "reversed, 100 words, rank order, sparse graph";
    with_all(tc, 1);
    tc->opt.budget_kind = PRECIS_BUDGET_WORDS;
    tc->opt.budget = 100;
    tc->opt.order = PRECIS_ORDER_RANK;
    tc->opt.graph = PRECIS_GRAPH_SPARSE;

    tc = &cases[k++];
    tc->what = "three documents, ratio 0.2, pruned graph, no position prior";
    tc->n = 3;
    tc->order[0] = 0, tc->order[1] = 2, tc->order[2] = n_docs - 1;
    tc->opt.budget_kind = PRECIS_BUDGET_RATIO;
    tc->opt.budget = 0.2;
    tc->opt.graph = PRECIS_GRAPH_PRUNED;
    tc->opt.position_prior = 0;

    tc = &cases[k++];
    tc->what = "one document, 600 bytes, dedup 0.3, edge threshold 0.05, a refused document";
    tc->n = 1;
    tc->order[0] = 1;
    tc->opt.budget_kind = PRECIS_BUDGET_BYTES;
    tc->opt.budget = 600;
    tc->opt.dedup = 0.3;
    tc->opt.edge_threshold = 0.05;
    tc->bad_doc = 1;

    tc = &cases[k++];
    tc->what = "two documents, a language without a stopword list";
    tc->n = 2;
    tc->order[0] = 3, tc->order[1] = 4;
    tc->opt.language = "no-such-language";
    tc->want = PRECIS_ERR_LANGUAGE;

    tc = &cases[k++];
    tc->what = "two documents, a custom stopword list, damping 0.7";
    tc->n = 2;
    tc->order[0] = 4, tc->order[1] = 0;
    tc->opt.stopwords = "the\na\nof\nto\nin\nand\n# a comment\nsaid\n";
    tc->opt.stopwords_len = strlen(tc->opt.stopwords);
    tc->opt.damping = 0.7;
    tc->opt.min_words = 8;

    tc = &cases[k++];
    tc->what = "generated, large: the library's own threads run";
    tc->large = 1;
    tc->opt.graph = PRECIS_GRAPH_AUTO; // pruned, at this size
    tc->opt.budget = 8;
    return k;
}

/* ---- one run ---------------------------------------------------------------------------- */

typedef struct progress_check {
    pthread_t caller;
    int wrong_thread;
    size_t calls;
} progress_check;

static void on_progress(void *ctx, const char *stage, double done)
{
    progress_check *pc = ctx;
    (void)stage;
    (void)done;
    pc->calls++;
    if (!pthread_equal(pthread_self(), pc->caller))
        pc->wrong_thread = 1;
}

/* Everything a summary says, 'explain' trace included, as text; scores to the last bit. */
static void describe(FILE *f, const precis_summary *s)
{
    fprintf(f, "sentences=%zu candidates=%zu iterations=%zu\n",
            precis_summary_corpus_sentences(s), precis_summary_candidates(s),
            precis_summary_iterations(s));
    for (size_t i = 0; i < precis_summary_count(s); i++) {
        const precis_sentence *p = precis_summary_sentence(s, i);
        fprintf(f, "%zu:%zu @%zu+%zu score=%a rank=%zu %s\n", p->doc, p->index, p->offset,
                p->length, p->score, p->rank, p->text);
        for (size_t k = 0; k < p->n_support; k++)
            fprintf(f, "  support %zu:%zu %a\n", p->support[k].doc, p->support[k].index,
                    p->support[k].similarity);
    }
    for (size_t i = 0; i < precis_summary_trace_count(s); i++) {
        const precis_trace *t = precis_summary_trace(s, i);
        fprintf(f, "trace %zu:%zu %s score=%a rank=%zu chosen=%d dup=%zu sim=%a %s\n", t->doc,
                t->index, t->dropped ? t->dropped : "-", t->score, t->rank, t->chosen,
                t->duplicate_of == (size_t)-1 ? 0 : t->duplicate_of + 1, t->similarity, t->text);
    }
}

/* Builds the case's corpus (or uses 'shared'), summarizes it with 'threads' inner threads and
 * returns the description (malloc'ed), or NULL with '*err' set to what went wrong. */
static char *run_case(const test_case *tc, const precis_corpus *shared, size_t threads,
                      const char **err)
{
    precis_corpus *own = NULL;
    precis_summary *s = NULL;
    char *out = NULL;
    size_t out_len = 0;
    FILE *f = NULL;
    *err = NULL;
    const precis_corpus *c = shared;
    if (c == NULL) {
        if (precis_corpus_new(&own) != PRECIS_OK) {
            *err = "precis_corpus_new failed";
            goto done;
        }
        if (tc->bad_doc) {
            static const char bad[] = "Valid start. Then \xC3\x28 broken.";
            if (precis_corpus_add(own, "bad", bad, sizeof bad - 1) != PRECIS_ERR_UTF8 ||
                strstr(precis_corpus_error(own), "invalid UTF-8") == NULL ||
                precis_corpus_count(own) != 0) {
                *err = "invalid UTF-8 was not refused with its own message";
                goto done;
            }
        }
        for (size_t i = 0; i < (tc->large ? GEN_DOCS : tc->n); i++) {
            const doc *d = tc->large ? &gen[i] : &docs[tc->order[i]];
            if (precis_corpus_add(own, d->name, d->data, d->len) != PRECIS_OK) {
                *err = "precis_corpus_add failed";
                goto done;
            }
        }
        c = own;
    }
    precis_options opt = tc->opt;
    opt.threads = threads;
    opt.explain = 1;
    progress_check pc = {.caller = pthread_self()};
    opt.progress = on_progress;
    opt.progress_ctx = &pc;
    precis_status st = precis_summarize(c, &opt, &s);
    if (pc.wrong_thread) {
        *err = "the progress callback ran on another thread than the caller's";
        goto done;
    }
    f = open_memstream(&out, &out_len);
    if (f == NULL) {
        *err = "open_memstream failed";
        goto done;
    }
    fprintf(f, "status=%d (%s)\n", (int)st, precis_strerror(st));
    if (st == PRECIS_OK)
        describe(f, s);
    if (fclose(f) != 0) {
        *err = "writing the description failed";
        free(out);
        out = NULL;
    }
done:
    precis_summary_free(s);
    precis_corpus_free(own);
    return out;
}

/* ---- the threads ------------------------------------------------------------------------ */

typedef struct worker {
    size_t id;
    test_case *cases;
    size_t n_cases;
    const precis_corpus *shared; // summarized by every thread in its last case, if set
    size_t shared_case;
    pthread_barrier_t *start;
    size_t runs, mismatches;
    char what[256];
} worker;

static void *work(void *arg)
{
    worker *w = arg;
    // All start together, so that the calls overlap from the first on, whatever the scheduler.
    pthread_barrier_wait(w->start);
    for (size_t round = 0; round < ROUNDS; round++)
        for (size_t k = 0; k < w->n_cases; k++) {
            // Each thread starts at another case, so different corpora are summarized at once.
            size_t ci = (k + w->id + round) % w->n_cases;
            const test_case *tc = &w->cases[ci];
            // Inner thread counts 1, 2, 3, 4 in turn: the result must not depend on them. The
            // large case, slow under ThreadSanitizer, runs in two of the threads, once each,
            // with 2 and 3 inner threads: two calls starting their own threads at once.
            size_t threads = 1 + (w->id + round + k) % 4;
            if (tc->large && (round > 0 || w->id >= 2))
                continue;
            if (tc->large)
                threads = 2 + w->id;
            const char *err;
            char *got = run_case(tc, NULL, threads, &err);
            w->runs++;
            if (got == NULL || strcmp(got, tc->reference) != 0) {
                if (w->mismatches++ == 0)
                    snprintf(w->what, sizeof w->what, "thread %zu, case '%s', %zu threads: %s",
                             w->id, tc->what, threads, err ? err : "result differs");
            }
            free(got);
        }
    if (w->shared != NULL) {
        const char *err;
        char *got = run_case(&w->cases[w->shared_case], w->shared, 1 + w->id % 2, &err);
        w->runs++;
        if (got == NULL || strcmp(got, w->cases[w->shared_case].reference) != 0) {
            if (w->mismatches++ == 0)
                snprintf(w->what, sizeof w->what, "thread %zu, one corpus shared: %s", w->id,
                         err ? err : "result differs");
        }
        free(got);
    }
    return NULL;
}

static void compute_references(test_case *cases, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        test_case *tc = &cases[k];
        const char *err;
        tc->reference = run_case(tc, NULL, 1, &err);
        if (tc->reference == NULL)
            fail_msg("case '%s' alone: %s", tc->what, err);
        char want[64];
        snprintf(want, sizeof want, "status=%d ", (int)tc->want);
        if (strncmp(tc->reference, want, strlen(want)) != 0)
            fail_msg("case '%s' alone: %.80s, expected status %d", tc->what, tc->reference,
                     (int)tc->want);
    }
}

static void init_cases(test_case *cases, size_t cap)
{
    memset(cases, 0, cap * sizeof *cases);
    // Only the first case uses the dense graph: OpenBLAS, which computes it, locks a mutex of
    // its own on every call, and ThreadSanitizer takes that lock as ordering everything each
    // thread did before it against everything the others do after it: with every case calling
    // OpenBLAS, races in the rest of the library could go unseen.
    for (size_t k = 0; k < cap; k++) {
        precis_options_init(&cases[k].opt);
        cases[k].opt.graph = k == 0 ? PRECIS_GRAPH_AUTO : PRECIS_GRAPH_SPARSE;
    }
}

static void test_threads_match_single_threaded_reference(void **state)
{
    (void)state;
    test_case cases[8];
    init_cases(cases, 8);
    size_t n = make_cases(cases);
    assert_true(n <= 8);
    compute_references(cases, n);
    // The large case really is large enough for the library's threads.
    const test_case *large = &cases[n - 1];
    size_t sentences = 0;
    size_t candidates = 0;
    assert_int_equal(sscanf(large->reference, "status=0 (%*[^)]) sentences=%zu candidates=%zu",
                            &sentences, &candidates),
                     2);
    if (candidates < 20000)
        fail_msg("the large case has %zu sentences, %zu candidates", sentences, candidates);

    // One corpus built once and summarized by every thread at the same time (read only).
    precis_corpus *shared = NULL;
    assert_int_equal(precis_corpus_new(&shared), PRECIS_OK);
    for (size_t i = 0; i < cases[1].n; i++) {
        const doc *d = &docs[cases[1].order[i]];
        assert_int_equal(precis_corpus_add(shared, d->name, d->data, d->len), PRECIS_OK);
    }

    worker w[N_THREADS];
    pthread_t tid[N_THREADS];
    pthread_barrier_t start;
    assert_int_equal(pthread_barrier_init(&start, NULL, N_THREADS), 0);
    for (size_t t = 0; t < N_THREADS; t++) {
        w[t] = (worker){.id = t, .cases = cases, .n_cases = n, .shared = shared,
                        .shared_case = 1, .start = &start};
        assert_int_equal(pthread_create(&tid[t], NULL, work, &w[t]), 0);
    }
    size_t runs = 0;
    for (size_t t = 0; t < N_THREADS; t++) {
        assert_int_equal(pthread_join(tid[t], NULL), 0);
        runs += w[t].runs;
    }
    pthread_barrier_destroy(&start);
    precis_corpus_free(shared);
    for (size_t k = 0; k < n; k++)
        free(cases[k].reference);
    assert_int_equal(runs, N_THREADS * (ROUNDS * (n - 1) + 1) + 2);
    for (size_t t = 0; t < N_THREADS; t++)
        if (w[t].mismatches != 0)
            fail_msg("%zu of %zu runs differ from the reference; first: %s", w[t].mismatches,
                     w[t].runs, w[t].what);
}

/* ROUGE scorers are per object too: one per thread, the same scores as one alone. */
typedef struct rouge_worker {
    precis_rouge_score scores[8];
    precis_status st;
} rouge_worker;

static void *rouge_work(void *arg)
{
    rouge_worker *rw = arg;
    precis_rouge_options ro;
    precis_rouge_options_init(&ro);
    ro.stem = 1;
    ro.remove_stopwords = 1;
    precis_rouge *r = NULL;
    rw->st = precis_rouge_new(&ro, NULL, 0, &r);
    const char *refs[2] = {docs[0].data, docs[2].data};
    size_t lens[2] = {docs[0].len, docs[2].len};
    for (int round = 0; rw->st == PRECIS_OK && round < 5; round++)
        rw->st = precis_rouge_score_one(r, docs[1].data, docs[1].len, refs, lens, 2, rw->scores);
    precis_rouge_free(r);
    return NULL;
}

static void test_threads_rouge_scorers_are_independent(void **state)
{
    (void)state;
    rouge_worker alone = {0}, w[N_THREADS];
    rouge_work(&alone);
    assert_int_equal(alone.st, PRECIS_OK);
    assert_true(alone.scores[0].recall > 0);
    pthread_t tid[N_THREADS];
    memset(w, 0, sizeof w);
    for (size_t t = 0; t < N_THREADS; t++)
        assert_int_equal(pthread_create(&tid[t], NULL, rouge_work, &w[t]), 0);
    for (size_t t = 0; t < N_THREADS; t++) {
        assert_int_equal(pthread_join(tid[t], NULL), 0);
        assert_int_equal(w[t].st, PRECIS_OK);
        assert_memory_equal(w[t].scores, alone.scores, 4 * sizeof alone.scores[0]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_threads_match_single_threaded_reference),
        cmocka_unit_test(test_threads_rouge_scorers_are_independent),
    };
    return cmocka_run_group_tests_name("threads", tests, setup, teardown);
}
