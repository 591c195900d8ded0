/* Out of memory everywhere: the whole pipeline (corpus, summarize with explain, every graph
 * path and budget kind) and the ROUGE scorer run on a small input with allocation k made to
 * fail, for every k = 1, 2, ... until a run makes fewer than k allocations. Each run must return
 * PRECIS_ERR_NOMEM with nothing allocated for the caller, or (when the failed allocation was
 * one the library can do without) the very result of a run without failure. Leaks on those
 * paths are found by LeakSanitizer: 'make asan' builds this test with the hook
 * (-DPRECIS_FAULT_INJECTION) under AddressSanitizer. In a build without the hook it is skipped. */
#include <precis_rouge.h>

#include "internal.h"

#include "helpers.h"

#ifdef PRECIS_FAULT_INJECTION

/* Three small documents in the shapes the pipeline treats differently: a headline, a dateline,
 * quotes, a caption line, a near-duplicate across documents, non-ASCII text that needs NFC and
 * case folding, and CJK (character bigrams). */
static const char *const docs[] = {
    "Council Votes to Rebuild the Old Pier\n\n"
    "HARBOR TOWN, Maine -- The town council voted on Tuesday to rebuild the old pier after "
    "years of delay.\n\nMayor J. R. Ellis said the work would start in May. \"We have waited "
    "long enough,\" she said. Costs rose by 3.5 percent over the last year, officials said.\n"
    "PHOTO: the pier at dawn\n",
    "The town council voted on Tuesday to rebuild the old pier after years of delay, the mayor "
    "said.\r\nThe Cafe\xCC\x81 owners near the harbor welcomed the plan and the new jobs it "
    "brings. Fishermen said the STRASSE of boats would return. \xE6\xB8\xAF\xE3\x81\xAE\xE5\xB7"
    "\xA5\xE4\xBA\x8B\xE3\x81\x8C\xE5\xA7\x8B\xE3\x81\xBE\xE3\x81\xA3\xE3\x81\x9F\xE3\x80\x82\n",
    "Engineers warned that the pier's wooden piles had rotted through in several places.\n"
    "They asked the council to close the pier to heavy trucks until the work is done.\n"
    "Copyright 2024 Example News.\n",
};

/* Appends 'line' to the string 'out' ('*len' bytes, '*cap' allocated); returns it. */
static char *append(char *out, size_t *len, size_t *cap, const char *line)
{
    size_t l = strlen(line);
    if (*len + l + 1 > *cap) {
        *cap = 2 * (*len + l + 1);
        out = realloc(out, *cap);
        assert_non_null(out);
    }
    memcpy(out + *len, line, l + 1);
    *len += l;
    return out;
}

/* Everything a summary says, as one string, to compare runs. */
static char *describe(const precis_summary *s)
{
    size_t cap = 1024, len = 0;
    char *out = malloc(cap);
    assert_non_null(out);
    out[0] = '\0';
    for (size_t i = 0; i <= precis_summary_count(s) + precis_summary_trace_count(s); i++) {
        char line[1024];
        if (i < precis_summary_count(s)) {
            const precis_sentence *x = precis_summary_sentence(s, i);
            snprintf(line, sizeof line, "%zu %zu %.6f %zu %zu|%s\n", x->doc, x->index, x->score,
                     x->rank, x->n_support, x->text);
        } else if (i - precis_summary_count(s) < precis_summary_trace_count(s)) {
            const precis_trace *t = precis_summary_trace(s, i - precis_summary_count(s));
            snprintf(line, sizeof line, "t %zu %zu %s %d %zu|%s\n", t->doc, t->index,
                     t->dropped ? t->dropped : "-", t->chosen, t->duplicate_of, t->text);
        } else {
            snprintf(line, sizeof line, "%zu %zu\n", precis_summary_corpus_sentences(s),
                     precis_summary_candidates(s));
        }
        out = append(out, &len, &cap, line);
    }
    return out;
}

/* Every sentence precis_split_corpus() found, one line each, in a new string. */
static char *describe_split(const precis_sentences *sp)
{
    size_t cap = 64, len = 0;
    char *out = malloc(cap);
    assert_non_null(out);
    out[0] = '\0';
    for (size_t i = 0; i < precis_sentences_count(sp); i++) {
        const precis_split_sentence *x = precis_sentences_get(sp, i);
        char line[1024];
        snprintf(line, sizeof line, "%zu %zu %zu %zu %zu %s %s|%s\n", x->doc, x->paragraph,
                 x->index, x->offset, x->length, x->dropped ? x->dropped : "-",
                 x->dateline ? x->dateline : "-", x->text);
        out = append(out, &len, &cap, line);
    }
    return out;
}

/* One whole run: corpus, documents, summary (or, with 'split_only', the split sentences).
 * Returns the status and, on success, the description of the result in '*desc'. */
static precis_status run_pipeline(const precis_options *opt, bool split_only, char **desc)
{
    *desc = NULL;
    precis_corpus *c = NULL;
    precis_status st = precis_corpus_new(&c);
    if (st != PRECIS_OK) {
        assert_null(c);
        return st;
    }
    for (size_t i = 0; i < sizeof docs / sizeof docs[0] && st == PRECIS_OK; i++) {
        st = precis_corpus_add(c, "doc", docs[i], strlen(docs[i]));
        assert_int_equal(precis_corpus_count(c), st == PRECIS_OK ? i + 1 : i);
    }
    precis_summary *s = (precis_summary *)&s; // must be reset on failure
    if (st == PRECIS_OK && split_only) {
        precis_sentences *sp = (precis_sentences *)&sp;
        st = precis_split_corpus(c, opt, &sp);
        if (st == PRECIS_OK) {
            *desc = describe_split(sp);
            precis_sentences_free(sp);
        } else {
            assert_null(sp);
        }
    } else if (st == PRECIS_OK) {
        st = precis_summarize(c, opt, &s);
        if (st == PRECIS_OK)
            *desc = describe(s);
        else
            assert_null(s);
        if (st == PRECIS_OK)
            precis_summary_free(s);
    }
    precis_corpus_free(c);
    return st;
}

/* The sweep: fail allocation k for k = 1.. until a run makes fewer than k allocations. */
static void sweep_pipeline(const precis_options *opt, bool split_only, const char *what)
{
    precis_fault_fail_at(0);
    char *want = NULL;
    assert_int_equal(run_pipeline(opt, split_only, &want), PRECIS_OK);
    unsigned long total = precis_fault_count();
    assert_true(total > 0);
    unsigned long k, failed = 0, recovered = 0;
    for (k = 1;; k++) {
        precis_fault_fail_at(k);
        char *got = NULL;
        precis_status st = run_pipeline(opt, split_only, &got);
        bool hit = precis_fault_hit();
        precis_fault_fail_at(0);
        if (!hit) {
            assert_int_equal(st, PRECIS_OK);
            assert_string_equal(got, want);
            free(got);
            break;
        }
        if (st == PRECIS_OK) { // an allocation the library could do without
            assert_string_equal(got, want);
            recovered++;
        } else if (st != PRECIS_ERR_NOMEM) {
            fail_msg("%s: allocation %lu failed: status %d (%s), want PRECIS_ERR_NOMEM", what, k,
                     (int)st, precis_strerror(st));
        } else {
            failed++;
        }
        free(got);
    }
    print_message("oom: %s: %lu allocations, %lu failing runs -> out of memory, %lu recovered\n",
                  what, total, failed, recovered);
    assert_true(k > total / 2); // the sweep went through the run, not stopped early
    free(want);
}

static void test_oom_split_corpus(void **state)
{
    (void)state;
    precis_options o;
    precis_options_init(&o);
    o.threads = 1;
    sweep_pipeline(&o, true, "precis_split_corpus");
}

static void test_oom_summarize_defaults(void **state)
{
    (void)state;
    precis_options o;
    precis_options_init(&o);
    o.threads = 1;
    o.explain = 1;
    o.keywords = 5; // the keyword graph too; languages are detected per document by default
    sweep_pipeline(&o, false, "defaults + explain + keywords");
}

static void test_oom_summarize_graphs(void **state)
{
    (void)state;
    static const struct {
        precis_graph_kind graph;
        precis_budget_kind kind;
        double budget;
        const char *what;
    } cases[] = {
        {PRECIS_GRAPH_DENSE, PRECIS_BUDGET_WORDS, 60, "dense graph, 60 words"},
        {PRECIS_GRAPH_SPARSE, PRECIS_BUDGET_BYTES, 400, "sparse graph, 400 bytes"},
        {PRECIS_GRAPH_PRUNED, PRECIS_BUDGET_RATIO, 0.5, "pruned graph, ratio 0.5"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        precis_options o;
        precis_options_init(&o);
        o.threads = 1;
        o.explain = 1;
        o.graph = cases[i].graph;
        o.budget_kind = cases[i].kind;
        o.budget = cases[i].budget;
        o.order = PRECIS_ORDER_RANK;
        sweep_pipeline(&o, false, cases[i].what);
    }
}

static void test_oom_custom_stopwords(void **state)
{
    (void)state;
    static const char list[] = "# a short list\nthe\nand\nof\nto\n";
    precis_options o;
    precis_options_init(&o);
    o.threads = 1;
    o.stopwords = list;
    o.stopwords_len = sizeof list - 1;
    sweep_pipeline(&o, false, "custom stopword list");
}

/* ROUGE: a scorer with stemming, the built-in exception list and jackknifing; scores and the
 * token view. */
static precis_status run_rouge(double *sum)
{
    static const char peer[] = "The council voted to rebuild the pier.\nWork starts in May.\n";
    static const char *const refs[] = {
        "The town council voted on Tuesday to rebuild the old pier.\nWork begins in May.\n",
        "Officials said the pier would be rebuilt, starting in May.\n",
        "Rebuilding the pier was approved by the council.\n",
    };
    size_t lens[3];
    for (size_t i = 0; i < 3; i++)
        lens[i] = strlen(refs[i]);
    precis_rouge_options o;
    precis_rouge_options_init(&o);
    o.stem = 1;
    o.remove_stopwords = 1;
    o.jackknife = 1;
    o.max_n = 3;
    precis_rouge *r = NULL;
    precis_status st = precis_rouge_new(&o, NULL, 0, &r);
    if (st != PRECIS_OK) {
        assert_null(r);
        return st;
    }
    precis_rouge_score scores[8];
    assert_true(precis_rouge_metric_count(r) <= 8);
    st = precis_rouge_score_one(r, peer, sizeof peer - 1, refs, lens, 3, scores);
    *sum = 0;
    for (size_t m = 0; st == PRECIS_OK && m < precis_rouge_metric_count(r); m++)
        *sum += scores[m].recall + scores[m].precision + scores[m].f;
    char buf[256];
    size_t len = 0;
    if (st == PRECIS_OK)
        st = precis_rouge_tokens(r, peer, sizeof peer - 1, buf, sizeof buf, &len);
    if (st == PRECIS_OK)
        *sum += (double)len;
    precis_rouge_free(r);
    return st;
}

static void test_oom_rouge(void **state)
{
    (void)state;
    precis_fault_fail_at(0);
    double want = 0;
    assert_int_equal(run_rouge(&want), PRECIS_OK);
    unsigned long total = precis_fault_count(), k, failed = 0;
    for (k = 1;; k++) {
        precis_fault_fail_at(k);
        double got = -1;
        precis_status st = run_rouge(&got);
        bool hit = precis_fault_hit();
        precis_fault_fail_at(0);
        if (!hit) {
            assert_int_equal(st, PRECIS_OK);
            assert_near(got, want, 0);
            break;
        }
        if (st == PRECIS_OK)
            assert_near(got, want, 0);
        else if (st != PRECIS_ERR_NOMEM)
            fail_msg("rouge: allocation %lu failed: status %d (%s)", k, (int)st,
                     precis_strerror(st));
        else
            failed++;
    }
    print_message("oom: rouge: %lu allocations, %lu failing runs -> out of memory\n", total,
                  failed);
    assert_true(k > total / 2);
}

/* A tokenizer whose stemmer cannot be created reports out of memory, not an unknown language. */
static void test_oom_stemmer(void **state)
{
    (void)state;
    precis_tokenizer *t = NULL;
    for (unsigned long k = 1; k < 8; k++) {
        precis_fault_fail_at(k);
        precis_status st = precis_tokenizer_new("en", NULL, 0, &t);
        bool hit = precis_fault_hit();
        precis_fault_fail_at(0);
        if (!hit) {
            assert_int_equal(st, PRECIS_OK);
            break;
        }
        assert_int_equal(st, PRECIS_ERR_NOMEM);
        assert_null(t);
    }
    precis_tokenizer_free(t);
    assert_int_equal(precis_tokenizer_new("xx", NULL, 0, &t), PRECIS_ERR_LANGUAGE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_oom_summarize_defaults),
        cmocka_unit_test(test_oom_split_corpus),
        cmocka_unit_test(test_oom_summarize_graphs),
        cmocka_unit_test(test_oom_custom_stopwords),
        cmocka_unit_test(test_oom_rouge),
        cmocka_unit_test(test_oom_stemmer),
    };
    return cmocka_run_group_tests_name("oom", tests, NULL, NULL);
}

#else

static void test_oom_needs_hook(void **state)
{
    (void)state;
    skip(); // built without -DPRECIS_FAULT_INJECTION: 'make asan' runs these tests
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_oom_needs_hook)};
    return cmocka_run_group_tests_name("oom", tests, NULL, NULL);
}

#endif
