/* Query-focused summaries (query.c): the query's TF-IDF vector over the corpus's terms, each
 * candidate's relevance (its cosine with the query), and the teleport leaning toward relevant
 * candidates; and through the public API, the status of a query that cannot be used. */
#include "internal.h"

#include "helpers.h"

/* A corpus of three candidate rows over the stems "harbor" (0), "storm" (1), "vote" (2):
 *   row 0: harbor storm    row 1: vote    row 2: harbor harbor vote
 * (terms as the English tokenizer gives them), one English document. */
typedef struct fixture {
    precis_vocab vocab;
    precis_counts counts;
    precis_csr x;
    precis_candidates cd;
    uint8_t doc_lang[1];
    precis_options opt;
} fixture;

static void fixture_init(fixture *f)
{
    memset(f, 0, sizeof *f);
    precis_vocab_init(&f->vocab);
    assert_int_equal(precis_vocab_id(&f->vocab, "harbor", 6), 0);
    assert_int_equal(precis_vocab_id(&f->vocab, "storm", 5), 1);
    assert_int_equal(precis_vocab_id(&f->vocab, "vote", 4), 2);
    uint32_t r0[] = {0, 1}, r1[] = {2}, r2[] = {0, 0, 2};
    assert_int_equal(precis_counts_add_row(&f->counts, r0, 2), PRECIS_OK);
    assert_int_equal(precis_counts_add_row(&f->counts, r1, 1), PRECIS_OK);
    assert_int_equal(precis_counts_add_row(&f->counts, r2, 3), PRECIS_OK);
    assert_int_equal(precis_tfidf_build(&f->counts, f->vocab.n, &f->x), PRECIS_OK);
    size_t en;
    assert_true(precis_lang_find("en", &en));
    f->doc_lang[0] = (uint8_t)en;
    f->cd = (precis_candidates){.n_docs = 1, .doc_lang = f->doc_lang, .n = 3};
    precis_options_init(&f->opt);
}

static void fixture_destroy(fixture *f)
{
    precis_vocab_destroy(&f->vocab);
    precis_counts_destroy(&f->counts);
    precis_csr_destroy(&f->x);
}

/* The weight of term 't' in row 'i' of x (0 when absent). */
static double weight(const precis_csr *x, size_t i, uint32_t t)
{
    for (size_t k = x->ptr[i]; k < x->ptr[i + 1]; k++)
        if (x->col[k] == t)
            return x->val[k];
    return 0;
}

static void test_query_one_word_relevance_is_its_weight(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f);
    f.opt.query = "Harbors?"; // stemmed and case-folded as the corpus was
    precis_query q;
    assert_int_equal(precis_query_relevance(&f.cd, &f.vocab, &f.x, &f.opt, &q), PRECIS_OK);
    assert_int_equal(q.status, PRECIS_QUERY_USED);
    assert_int_equal(q.n_terms, 1);
    // A one-term query is the unit vector of that term: the cosine is the row's weight of it.
    for (size_t i = 0; i < 3; i++)
        assert_near(q.relevance[i], weight(&f.x, i, 0), 1e-6);
    assert_true(q.relevance[2] > q.relevance[0]); // "harbor" twice and one other word
    assert_near(q.relevance[1], 0, 0);
    precis_query_destroy(&q);
    fixture_destroy(&f);
}

static void test_query_two_words_cosine(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f);
    f.opt.query = "the storm and the vote";
    precis_query q;
    assert_int_equal(precis_query_relevance(&f.cd, &f.vocab, &f.x, &f.opt, &q), PRECIS_OK);
    assert_int_equal(q.n_terms, 2);
    // q = (0, idf(storm), idf(vote)) / norm, idf over the 3 rows: storm in 1, vote in 2.
    double ws = precis_idf(3, 1), wv = precis_idf(3, 2), n = sqrt(ws * ws + wv * wv);
    for (size_t i = 0; i < 3; i++)
        assert_near(q.relevance[i], (ws * weight(&f.x, i, 1) + wv * weight(&f.x, i, 2)) / n, 1e-6);
    precis_query_destroy(&q);
    fixture_destroy(&f);
}

static void test_query_unusable(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f);
    const char *empty[] = {"", "   ", "?!", "the and of", "What is it?"};
    for (size_t k = 0; k < sizeof empty / sizeof *empty; k++) {
        f.opt.query = empty[k];
        precis_query q;
        assert_int_equal(precis_query_relevance(&f.cd, &f.vocab, &f.x, &f.opt, &q), PRECIS_OK);
        assert_int_equal(q.status, PRECIS_QUERY_EMPTY);
        assert_null(q.relevance);
    }
    f.opt.query = "volcanic eruptions";
    precis_query q;
    assert_int_equal(precis_query_relevance(&f.cd, &f.vocab, &f.x, &f.opt, &q), PRECIS_OK);
    assert_int_equal(q.status, PRECIS_QUERY_ABSENT);
    assert_null(q.relevance);
    f.opt.query = NULL;
    assert_int_equal(precis_query_relevance(&f.cd, &f.vocab, &f.x, &f.opt, &q), PRECIS_OK);
    assert_int_equal(q.status, PRECIS_QUERY_NONE);
    fixture_destroy(&f);
}

static void test_query_teleport_mix(void **state)
{
    (void)state;
    double rel[3] = {0.6, 0.0, 0.2};
    precis_query q = {.relevance = rel, .n_terms = 1, .status = PRECIS_QUERY_USED};
    // A uniform generic teleport (NULL) becomes an allocated mix.
    double *t = NULL;
    assert_int_equal(precis_query_teleport(&q, 3, 0.8, &t), PRECIS_OK);
    assert_non_null(t);
    const double want[3] = {0.2 / 3 + 0.8 * 0.75, 0.2 / 3, 0.2 / 3 + 0.8 * 0.25};
    double sum = 0;
    for (size_t i = 0; i < 3; i++) {
        assert_near(t[i], want[i], 1e-12);
        sum += t[i];
    }
    assert_near(sum, 1, 1e-12);
    // A given teleport is mixed in place; mix 0 leaves it as it is.
    double g[3] = {0.5, 0.3, 0.2};
    double *gp = g;
    assert_int_equal(precis_query_teleport(&q, 3, 0, &gp), PRECIS_OK);
    assert_near(g[0], 0.5, 0);
    assert_int_equal(precis_query_teleport(&q, 3, 1, &gp), PRECIS_OK);
    assert_near(g[0], 0.75, 1e-12);
    assert_near(g[1], 0, 1e-12);
    free(t);
}

/* Through the public API: an unusable query gives the generic summary and says why. */
static void test_query_public_status(void **state)
{
    (void)state;
    precis_corpus *c;
    assert_int_equal(precis_corpus_new(&c), PRECIS_OK);
    // Two stories: the storm, told three times, is what the corpus is about; the school budget,
    // told twice, is what the query asks for.
    const char *a = "The storm destroyed the harbor pier and the fishing boats on Monday night.\n\n"
                    "Fishermen watched the storm wreck the pier where their boats were moored.\n\n"
                    "The city council will vote on the school budget next month.\n\n"
                    "Rebuilding the pier after the storm will take the harbor two years.\n\n"
                    "Teachers asked the council to raise the school budget for books.\n";
    assert_int_equal(precis_corpus_add(c, "a.txt", a, strlen(a)), PRECIS_OK);
    precis_options o;
    precis_options_init(&o);
    o.budget = 1;
    precis_summary *generic, *s;
    assert_int_equal(precis_summarize(c, &o, &generic), PRECIS_OK);
    assert_int_equal(precis_summary_query_status(generic), PRECIS_QUERY_NONE);
    o.query = "of the and";
    assert_int_equal(precis_summarize(c, &o, &s), PRECIS_OK);
    assert_int_equal(precis_summary_query_status(s), PRECIS_QUERY_EMPTY);
    assert_string_equal(precis_query_problem(PRECIS_QUERY_EMPTY),
                        "the query has no content word (only stopwords or punctuation)");
    assert_string_equal(precis_query_problem(PRECIS_QUERY_ABSENT),
                        "none of the query's words is in the documents");
    assert_null(precis_query_problem(PRECIS_QUERY_USED));
    assert_null(precis_query_problem(PRECIS_QUERY_NONE));
    assert_string_equal(precis_summary_sentence(s, 0)->text,
                        precis_summary_sentence(generic, 0)->text);
    precis_summary_free(s);
    o.query = "school budget";
    assert_int_equal(precis_summarize(c, &o, &s), PRECIS_OK);
    assert_int_equal(precis_summary_query_status(s), PRECIS_QUERY_USED);
    assert_non_null(strstr(precis_summary_sentence(generic, 0)->text, "storm"));
    assert_non_null(strstr(precis_summary_sentence(s, 0)->text, "budget"));
    assert_true(precis_summary_sentence(s, 0)->relevance > 0);
    precis_summary_free(s);
    precis_summary_free(generic);
    precis_corpus_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_query_one_word_relevance_is_its_weight),
        cmocka_unit_test(test_query_two_words_cosine),
        cmocka_unit_test(test_query_unusable),
        cmocka_unit_test(test_query_teleport_mix),
        cmocka_unit_test(test_query_public_status),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
