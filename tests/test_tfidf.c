/* Stage 5: the vocabulary, raw counts and the TF-IDF matrix: tf = 1 + ln(count), idf =
 * ln((1 + N) / (1 + df)) + 1, rows L2-normalized. */
#include "internal.h"

#include "helpers.h"

/* Adds a row from a literal list of term ids. */
static void add_row(precis_counts *c, const uint32_t *ids, size_t n)
{
    uint32_t tmp[64];
    assert_true(n <= 64);
    if (n > 0)
        memcpy(tmp, ids, n * sizeof *ids);
    assert_int_equal(precis_counts_add_row(c, tmp, n), PRECIS_OK);
}

static double row_norm(const precis_csr *x, size_t i)
{
    double s = 0;
    for (size_t k = x->ptr[i]; k < x->ptr[i + 1]; k++)
        s += (double)x->val[k] * x->val[k];
    return sqrt(s);
}

/* ---- vocabulary ------------------------------------------------------------------------- */

static void test_tfidf_vocab_ids_dense_and_stable(void **state)
{
    (void)state;
    precis_vocab v;
    precis_vocab_init(&v);
    assert_int_equal(precis_vocab_id(&v, "kim", 3), 0);
    assert_int_equal(precis_vocab_id(&v, "russia", 6), 1);
    assert_int_equal(precis_vocab_id(&v, "kim", 3), 0);
    assert_int_equal(precis_vocab_id(&v, "ki", 2), 2); // a prefix is another term
    assert_int_equal(precis_vocab_id(&v, "kimx", 3), 0); // only 'len' bytes count
    assert_int_equal(v.n, 3);
    assert_string_equal(v.terms[1], "russia");
    assert_int_equal(v.term_len[1], 6);
    precis_vocab_destroy(&v);
    assert_int_equal(v.n, 0);
}

static void test_tfidf_vocab_empty_and_binary_terms(void **state)
{
    (void)state;
    precis_vocab v;
    precis_vocab_init(&v);
    assert_int_equal(precis_vocab_id(&v, "", 0), 0);
    assert_int_equal(precis_vocab_id(&v, "a\0b", 3), 1);
    assert_int_equal(precis_vocab_id(&v, "a\0c", 3), 2);
    assert_int_equal(precis_vocab_id(&v, "a\0b", 3), 1);
    assert_int_equal(precis_vocab_id(&v, "", 0), 0);
    precis_vocab_destroy(&v);
}

static void test_tfidf_vocab_many_terms(void **state)
{
    (void)state;
    // Well past the first table size: every rehash keeps the ids.
    enum { N = 100000 };
    precis_vocab v;
    precis_vocab_init(&v);
    char term[32];
    for (uint32_t i = 0; i < N; i++) {
        int len = snprintf(term, sizeof term, "term%u", i);
        assert_int_equal(precis_vocab_id(&v, term, (size_t)len), i);
    }
    assert_int_equal(v.n, N);
    for (uint32_t i = 0; i < N; i += 7) {
        int len = snprintf(term, sizeof term, "term%u", i);
        assert_int_equal(precis_vocab_id(&v, term, (size_t)len), i);
        assert_int_equal(v.term_len[i], (uint32_t)len);
        assert_memory_equal(v.terms[i], term, (size_t)len);
    }
    assert_int_equal(v.n, N);
    precis_vocab_destroy(&v);
}

static void test_tfidf_vocab_destroy_twice(void **state)
{
    (void)state;
    precis_vocab v;
    precis_vocab_init(&v);
    precis_vocab_destroy(&v);
    precis_vocab_destroy(&v);
}

/* ---- counts ----------------------------------------------------------------------------- */

static void test_tfidf_counts_merge_repeats(void **state)
{
    (void)state;
    precis_counts c = {0};
    const uint32_t r0[] = {5, 2, 5, 9, 2, 5}, r1[] = {7};
    add_row(&c, r0, 6);
    add_row(&c, NULL, 0);
    add_row(&c, r1, 1);
    assert_int_equal(c.n_rows, 3);
    assert_int_equal(c.nnz, 4);
    const size_t ptr[] = {0, 3, 3, 4};
    const uint32_t col[] = {2, 5, 9, 7}, cnt[] = {2, 3, 1, 1};
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(c.ptr[i], ptr[i]);
    for (size_t k = 0; k < 4; k++) {
        assert_int_equal(c.col[k], col[k]);
        assert_int_equal(c.cnt[k], cnt[k]);
    }
    precis_counts_destroy(&c);
}

static void test_tfidf_counts_many_rows(void **state)
{
    (void)state;
    precis_counts c = {0};
    for (uint32_t i = 0; i < 20000; i++) {
        uint32_t ids[3] = {i % 50, (i * 7) % 50, i % 50};
        assert_int_equal(precis_counts_add_row(&c, ids, 3), PRECIS_OK);
    }
    assert_int_equal(c.n_rows, 20000);
    for (size_t i = 0; i < c.n_rows; i++) {
        assert_true(c.ptr[i + 1] > c.ptr[i]);
        for (size_t k = c.ptr[i] + 1; k < c.ptr[i + 1]; k++)
            assert_true(c.col[k - 1] < c.col[k]); // sorted, no repeats
    }
    precis_counts_destroy(&c);
}

static void test_tfidf_cmp_u32(void **state)
{
    (void)state;
    uint32_t a = 1, b = 2, big = UINT32_MAX;
    assert_true(precis_cmp_u32(&a, &b) < 0);
    assert_true(precis_cmp_u32(&b, &a) > 0);
    assert_int_equal(precis_cmp_u32(&a, &a), 0);
    assert_true(precis_cmp_u32(&a, &big) < 0); // no overflow from a subtraction
    assert_true(precis_cmp_u32(&big, &a) > 0);
}

/* ---- TF-IDF ------------------------------------------------------------------------------- */

static void test_tfidf_toy_values(void **state)
{
    (void)state;
    // Terms a=0, b=1, c=2. Row 0: a a b. Row 1: b c. Row 2: nothing. N = 3.
    precis_counts c = {0};
    const uint32_t r0[] = {0, 1, 0}, r1[] = {2, 1};
    add_row(&c, r0, 3);
    add_row(&c, r1, 2);
    add_row(&c, NULL, 0);
    precis_csr x;
    assert_int_equal(precis_tfidf_build(&c, 3, &x), PRECIS_OK);
    assert_int_equal(x.n_rows, 3);
    assert_int_equal(x.n_cols, 3);
    assert_int_equal(x.nnz, 4);
    // df: a 1, b 2, c 1. idf(a) = idf(c) = ln(4/2) + 1 = 1.693147, idf(b) = ln(4/3) + 1 =
    // 1.287682. Row 0: a = (1 + ln 2) * 1.693147 = 2.866748, b = 1.287682; norm 3.142669 ->
    // 0.912202, 0.409742. Row 1: b = 1.287682, c = 1.693147; norm 2.127175 -> 0.605349, 0.795961.
    assert_int_equal(x.ptr[0], 0);
    assert_int_equal(x.ptr[1], 2);
    assert_int_equal(x.ptr[2], 4);
    assert_int_equal(x.ptr[3], 4); // the empty row stays empty
    assert_int_equal(x.col[0], 0);
    assert_int_equal(x.col[1], 1);
    assert_int_equal(x.col[2], 1);
    assert_int_equal(x.col[3], 2);
    assert_near(x.val[0], 0.9122016296, 1e-6);
    assert_near(x.val[1], 0.4097416100, 1e-6);
    assert_near(x.val[2], 0.6053485081, 1e-6);
    assert_near(x.val[3], 0.7959605416, 1e-6);
    // The same from the formulas, written out independently.
    double ia = log(4.0 / 2.0) + 1, ib = log(4.0 / 3.0) + 1;
    double wa = (1 + log(2.0)) * ia, wb = ib;
    assert_near(x.val[0], wa / sqrt(wa * wa + wb * wb), 1e-6);
    assert_near(row_norm(&x, 0), 1.0, 1e-6);
    assert_near(row_norm(&x, 1), 1.0, 1e-6);
    // Cosine of rows 0 and 1: they share only b.
    assert_near(precis_csr_dot(&x, 0, 1), 0.4097416100 * 0.6053485081, 1e-6);
    assert_near(precis_csr_dot(&x, 0, 2), 0.0, 0);
    assert_near(precis_csr_dot(&x, 1, 1), 1.0, 1e-6);
    precis_csr_destroy(&x);
    precis_counts_destroy(&c);
}

static void test_tfidf_term_in_every_row(void **state)
{
    (void)state;
    // idf = ln(1) + 1 = 1, never 0: a word found everywhere still counts.
    precis_counts c = {0};
    const uint32_t r[] = {0};
    add_row(&c, r, 1);
    add_row(&c, r, 1);
    precis_csr x;
    assert_int_equal(precis_tfidf_build(&c, 1, &x), PRECIS_OK);
    assert_near(x.val[0], 1.0, 1e-7);
    assert_near(x.val[1], 1.0, 1e-7);
    assert_near(precis_csr_dot(&x, 0, 1), 1.0, 1e-6);
    precis_csr_destroy(&x);
    precis_counts_destroy(&c);
}

static void test_tfidf_rarer_term_weighs_more(void **state)
{
    (void)state;
    // Row 0: common + rare, each once. common in 3 rows, rare in 1.
    precis_counts c = {0};
    const uint32_t r0[] = {0, 1}, r1[] = {0}, r2[] = {0};
    add_row(&c, r0, 2);
    add_row(&c, r1, 1);
    add_row(&c, r2, 1);
    precis_csr x;
    assert_int_equal(precis_tfidf_build(&c, 2, &x), PRECIS_OK);
    assert_true(x.val[1] > x.val[0]);
    // idf(common) = 1, idf(rare) = ln(4/2) + 1
    double r = log(2.0) + 1;
    assert_near(x.val[0], 1 / sqrt(1 + r * r), 1e-6);
    assert_near(x.val[1], r / sqrt(1 + r * r), 1e-6);
    precis_csr_destroy(&x);
    precis_counts_destroy(&c);
}

static void test_tfidf_sublinear_tf(void **state)
{
    (void)state;
    // One row, term 0 three times and term 1 once; both in one row, so equal idf: the ratio of
    // weights is (1 + ln 3) / 1.
    precis_counts c = {0};
    const uint32_t r0[] = {0, 0, 1, 0};
    add_row(&c, r0, 4);
    precis_csr x;
    assert_int_equal(precis_tfidf_build(&c, 2, &x), PRECIS_OK);
    assert_near((double)x.val[0] / x.val[1], 1 + log(3.0), 1e-5);
    precis_csr_destroy(&x);
    precis_counts_destroy(&c);
}

static void test_tfidf_unused_terms(void **state)
{
    (void)state;
    // n_terms larger than the ids used: the extra columns stay empty.
    precis_counts c = {0};
    const uint32_t r0[] = {3};
    add_row(&c, r0, 1);
    precis_csr x;
    assert_int_equal(precis_tfidf_build(&c, 10, &x), PRECIS_OK);
    assert_int_equal(x.n_cols, 10);
    assert_int_equal(x.nnz, 1);
    assert_near(x.val[0], 1.0, 1e-7);
    precis_csr_destroy(&x);
    precis_counts_destroy(&c);
}

/* ---- hostile input ----------------------------------------------------------------------- */

static void test_tfidf_no_rows(void **state)
{
    (void)state;
    precis_counts c = {0};
    precis_csr x;
    assert_int_equal(precis_tfidf_build(&c, 0, &x), PRECIS_OK);
    assert_int_equal(x.n_rows, 0);
    assert_int_equal(x.nnz, 0);
    assert_int_equal(x.ptr[0], 0);
    precis_csr_destroy(&x);
    precis_csr_destroy(&x); // destroy leaves it empty
}

static void test_tfidf_all_rows_empty(void **state)
{
    (void)state;
    // the tokenize stage (token.c) passes a NULL id buffer when no term has been seen yet.
    precis_counts c = {0};
    for (int i = 0; i < 5; i++)
        assert_int_equal(precis_counts_add_row(&c, NULL, 0), PRECIS_OK);
    precis_csr x;
    assert_int_equal(precis_tfidf_build(&c, 0, &x), PRECIS_OK);
    assert_int_equal(x.n_rows, 5);
    for (size_t i = 0; i <= 5; i++)
        assert_int_equal(x.ptr[i], 0);
    precis_csr_destroy(&x);
    precis_counts_destroy(&c);
}

static void test_tfidf_many_rows_unit_norm(void **state)
{
    (void)state;
    // 100k one-term rows and a few long ones: every non-empty row has norm 1, no NaN.
    precis_counts c = {0};
    uint32_t ids[64];
    uint32_t seed = 12345;
    for (size_t i = 0; i < 100000; i++) {
        size_t n = i % 1000 == 0 ? 64 : 1;
        for (size_t k = 0; k < n; k++) {
            seed = seed * 1103515245u + 12345u;
            ids[k] = (seed >> 8) % 5000;
        }
        assert_int_equal(precis_counts_add_row(&c, ids, n), PRECIS_OK);
    }
    precis_csr x;
    assert_int_equal(precis_tfidf_build(&c, 5000, &x), PRECIS_OK);
    for (size_t i = 0; i < x.n_rows; i++) {
        assert_near(row_norm(&x, i), 1.0, 1e-5);
        for (size_t k = x.ptr[i]; k < x.ptr[i + 1]; k++)
            assert_true(isfinite(x.val[k]) && x.val[k] > 0);
    }
    precis_csr_destroy(&x);
    precis_counts_destroy(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tfidf_vocab_ids_dense_and_stable),
        cmocka_unit_test(test_tfidf_vocab_empty_and_binary_terms),
        cmocka_unit_test(test_tfidf_vocab_many_terms),
        cmocka_unit_test(test_tfidf_vocab_destroy_twice),
        cmocka_unit_test(test_tfidf_counts_merge_repeats),
        cmocka_unit_test(test_tfidf_counts_many_rows),
        cmocka_unit_test(test_tfidf_cmp_u32),
        cmocka_unit_test(test_tfidf_toy_values),
        cmocka_unit_test(test_tfidf_term_in_every_row),
        cmocka_unit_test(test_tfidf_rarer_term_weighs_more),
        cmocka_unit_test(test_tfidf_sublinear_tf),
        cmocka_unit_test(test_tfidf_unused_terms),
        cmocka_unit_test(test_tfidf_no_rows),
        cmocka_unit_test(test_tfidf_all_rows_empty),
        cmocka_unit_test(test_tfidf_many_rows_unit_norm),
    };
    return cmocka_run_group_tests_name("tfidf", tests, NULL, NULL);
}
