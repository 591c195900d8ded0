/* Stage 6: the cosine-similarity graph. The dense (BLAS) and sparse (inverted index) paths must
 * give the same edges. */
#include "internal.h"

#include "helpers.h"

/* A CSR matrix from a dense row-major 'rows' x 'cols' array (zeros left out), rows normalized
 * when 'normalize' is set. */
static void csr_from_dense(precis_csr *x, const double *a, size_t rows, size_t cols,
                           bool normalize)
{
    memset(x, 0, sizeof *x);
    size_t nnz = 0;
    for (size_t i = 0; i < rows * cols; i++)
        nnz += a[i] != 0;
    x->n_rows = rows;
    x->n_cols = cols;
    x->nnz = nnz;
    x->ptr = malloc((rows + 1) * sizeof *x->ptr);
    x->col = malloc((nnz ? nnz : 1) * sizeof *x->col);
    x->val = malloc((nnz ? nnz : 1) * sizeof *x->val);
    assert_true(x->ptr && x->col && x->val);
    size_t k = 0;
    x->ptr[0] = 0;
    for (size_t i = 0; i < rows; i++) {
        double norm = 0;
        for (size_t j = 0; j < cols; j++)
            norm += a[i * cols + j] * a[i * cols + j];
        norm = normalize && norm > 0 ? sqrt(norm) : 1;
        for (size_t j = 0; j < cols; j++)
            if (a[i * cols + j] != 0) {
                x->col[k] = (uint32_t)j;
                x->val[k++] = (float)(a[i * cols + j] / norm);
            }
        x->ptr[i + 1] = k;
    }
}

static uint32_t rng(uint32_t *s)
{
    *s = *s * 1664525u + 1013904223u;
    return *s >> 8;
}

/* 'rows' rows over 'cols' terms, 0..max_terms distinct terms each (some rows empty), random
 * positive weights, L2-normalized: like a TF-IDF matrix. */
static void csr_random(precis_csr *x, size_t rows, size_t cols, size_t max_terms, uint32_t seed)
{
    double *a = calloc(rows * cols, sizeof *a);
    assert_non_null(a);
    for (size_t i = 0; i < rows; i++) {
        size_t n = rng(&seed) % (max_terms + 1);
        for (size_t t = 0; t < n; t++)
            a[i * cols + rng(&seed) % cols] = 0.1 + (rng(&seed) % 1000) / 1000.0;
    }
    csr_from_dense(x, a, rows, cols, true);
    free(a);
}

/* The weight of edge (i, j), or -1 when there is none. */
static double edge(const precis_graph *g, size_t i, size_t j)
{
    for (size_t k = g->ptr[i]; k < g->ptr[i + 1]; k++)
        if (g->adj[k] == j)
            return g->w[k];
    return -1;
}

/* Structural checks every graph must pass. */
static void check_graph(const precis_graph *g, const precis_csr *x, double thr)
{
    assert_int_equal(g->n, x->n_rows);
    assert_int_equal(g->ptr[0], 0);
    for (size_t i = 0; i < g->n; i++) {
        assert_true(g->ptr[i] <= g->ptr[i + 1]);
        for (size_t k = g->ptr[i]; k < g->ptr[i + 1]; k++) {
            uint32_t j = g->adj[k];
            assert_true(j < g->n);
            assert_int_not_equal(j, i); // no self loops
            if (k > g->ptr[i])
                assert_true(g->adj[k - 1] < j); // sorted, no duplicates
            assert_true(isfinite(g->w[k]));
            assert_true(g->w[k] > 0);
            assert_true(g->w[k] >= (float)thr);
            assert_near(edge(g, j, i), g->w[k], 0); // symmetric
            assert_near(g->w[k], precis_csr_dot(x, i, j), 1e-5);
        }
    }
}

/* Every pair with a clear similarity has its edge, and no other pair does. */
static void check_complete(const precis_graph *g, const precis_csr *x, double thr)
{
    for (size_t i = 0; i < x->n_rows; i++)
        for (size_t j = i + 1; j < x->n_rows; j++) {
            double s = precis_csr_dot(x, i, j);
            double w = edge(g, i, j);
            if (s > 1e-4 && s >= thr + 1e-5)
                assert_true(w > 0);
            if (s < 1e-7 || s < thr - 1e-5)
                assert_true(w < 0);
        }
}

/* The same edges with the same weights, to the bit: the pruned path's variants (threads,
 * accumulator or merged runs) must not change a single sum. */
static void check_identical_graph(const precis_graph *a, const precis_graph *b)
{
    assert_int_equal(a->n, b->n);
    assert_memory_equal(a->ptr, b->ptr, (a->n + 1) * sizeof *a->ptr);
    assert_memory_equal(a->adj, b->adj, a->ptr[a->n] * sizeof *a->adj);
    assert_memory_equal(a->w, b->w, a->ptr[a->n] * sizeof *a->w);
}

static void check_same_graph(const precis_graph *a, const precis_graph *b)
{
    assert_int_equal(a->n, b->n);
    for (size_t i = 0; i <= a->n; i++)
        assert_int_equal(a->ptr[i], b->ptr[i]);
    for (size_t k = 0; k < a->ptr[a->n]; k++) {
        assert_int_equal(a->adj[k], b->adj[k]);
        assert_near(a->w[k], b->w[k], 1e-6);
    }
}

/* With few neighbours per sentence, each keeps at least its best ones, edges stay symmetric,
 * and weights are the exact cosines. */
static void test_graph_pruned_keeps_best_neighbours(void **state)
{
    (void)state;
    precis_csr x;
    csr_random(&x, 300, 400, 8, 7);
    precis_graph gd, gp;
    assert_int_equal(precis_graph_build_with(&x, 0.0, PRECIS_GRAPH_DENSE, 0, NULL, &gd), PRECIS_OK);
    precis_graph first;
    for (size_t run = 0; run < 4; run++) {
        // one and two threads, accumulator and merged runs: all the same graph
        precis_prune prune = {5, 1e12, 1 + run % 2, run < 2 ? 1000000 : 0};
        assert_int_equal(precis_graph_build_pruned(&x, 0.0, &prune, NULL, &gp), PRECIS_OK);
        check_graph(&gp, &x, 0.0);
        for (size_t i = 0; i < gd.n; i++) {
            // the 5th best weight of row i in the exact graph is a floor for what pruning kept
            float best[5] = {0};
            for (size_t k = gd.ptr[i]; k < gd.ptr[i + 1]; k++) {
                float w = gd.w[k];
                for (int b = 0; b < 5; b++)
                    if (w > best[b]) {
                        for (int c = 4; c > b; c--)
                            best[c] = best[c - 1];
                        best[b] = w;
                        break;
                    }
            }
            size_t kept_top = 0;
            for (size_t k = gp.ptr[i]; k < gp.ptr[i + 1]; k++) {
                assert_near(gp.w[k], precis_csr_dot(&x, i, gp.adj[k]), 1e-6);
                kept_top += gp.w[k] >= best[4] - 1e-6f;
            }
            size_t exact_deg = gd.ptr[i + 1] - gd.ptr[i];
            assert_true(kept_top >= (exact_deg < 5 ? exact_deg : 5));
            assert_true(gp.ptr[i + 1] - gp.ptr[i] <= exact_deg);
        }
        if (run == 0) {
            first = gp;
        } else {
            check_identical_graph(&first, &gp);
            precis_graph_destroy(&gp);
        }
    }
    precis_graph_destroy(&first);
    precis_graph_destroy(&gd);
    precis_csr_destroy(&x);
}

static void test_graph_dense_and_sparse_agree(void **state)
{
    (void)state;
    const double thresholds[] = {0.0, 0.1, 0.3};
    for (size_t t = 0; t < 3; t++) {
        precis_csr x;
        csr_random(&x, 300, 400, 8, 42 + (uint32_t)t);
        precis_graph gd, gs;
        assert_int_equal(precis_graph_build_with(&x, thresholds[t], PRECIS_GRAPH_DENSE, 0, NULL,
                                                 &gd),
                         PRECIS_OK);
        assert_int_equal(precis_graph_build_with(&x, thresholds[t], PRECIS_GRAPH_SPARSE, 0, NULL,
                                                 &gs),
                         PRECIS_OK);
        assert_true(gd.ptr[gd.n] > 100); // the matrix is sparse but not trivially so
        check_graph(&gd, &x, thresholds[t]);
        check_graph(&gs, &x, thresholds[t]);
        check_complete(&gd, &x, thresholds[t]);
        check_same_graph(&gd, &gs);
        // The pruned path keeps every neighbour when the corpus is this small: the same graph.
        precis_graph gp;
        assert_int_equal(precis_graph_build_with(&x, thresholds[t], PRECIS_GRAPH_PRUNED, 0, NULL,
                                                 &gp),
                         PRECIS_OK);
        check_same_graph(&gd, &gp);
        precis_graph_destroy(&gp);
        precis_graph ga;
        assert_int_equal(precis_graph_build_with(&x, thresholds[t], PRECIS_GRAPH_AUTO, 0, NULL,
                                                 &ga), PRECIS_OK);
        check_same_graph(&ga, &gs);
        precis_graph_destroy(&ga);
        precis_graph_destroy(&gd);
        precis_graph_destroy(&gs);
        precis_csr_destroy(&x);
    }
}

static void test_graph_hand_weights_and_threshold(void **state)
{
    (void)state;
    // Unit rows: sim(0,1) = 0.8, sim(0,2) = 0.2, sim(1,2) = 0.16 + 0.6 * sqrt(0.96) = 0.747878.
    const double a[] = {1, 0, 0.8, 0.6, 0.2, sqrt(0.96)};
    precis_csr x;
    csr_from_dense(&x, a, 3, 2, false);
    for (int path = PRECIS_GRAPH_DENSE; path <= PRECIS_GRAPH_PRUNED; path++) {
        precis_graph g;
        assert_int_equal(precis_graph_build_with(&x, 0.0, path, 0, NULL, &g), PRECIS_OK);
        assert_int_equal(g.ptr[3], 6); // 3 edges, both directions
        assert_near(edge(&g, 0, 1), 0.8, 1e-6);
        assert_near(edge(&g, 0, 2), 0.2, 1e-6);
        assert_near(edge(&g, 1, 2), 0.7478775, 1e-6);
        precis_graph_destroy(&g);
        assert_int_equal(precis_graph_build_with(&x, 0.5, path, 0, NULL, &g), PRECIS_OK);
        assert_int_equal(g.ptr[3], 4); // the weak edge 0-2 is gone
        assert_near(edge(&g, 0, 2), -1, 0);
        assert_near(edge(&g, 2, 0), -1, 0);
        assert_near(edge(&g, 0, 1), 0.8, 1e-6);
        precis_graph_destroy(&g);
        assert_int_equal(precis_graph_build_with(&x, 0.9, path, 0, NULL, &g), PRECIS_OK);
        assert_int_equal(g.ptr[3], 0);
        precis_graph_destroy(&g);
    }
    precis_csr_destroy(&x);
}

static void test_graph_empty_rows_have_no_edges(void **state)
{
    (void)state;
    // Rows 1 and 3 have no terms.
    const double a[] = {1, 1, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 1, 0, 1};
    precis_csr x;
    csr_from_dense(&x, a, 5, 3, true);
    for (int path = PRECIS_GRAPH_DENSE; path <= PRECIS_GRAPH_PRUNED; path++) {
        precis_graph g;
        assert_int_equal(precis_graph_build_with(&x, 0.0, path, 0, NULL, &g), PRECIS_OK);
        assert_int_equal(g.n, 5);
        assert_int_equal(g.ptr[1], g.ptr[2]);
        assert_int_equal(g.ptr[3], g.ptr[4]);
        check_graph(&g, &x, 0.0);
        // 0-2 share term 1 (0.5), 0-4 share term 0 (0.5), 2-4 share term 2 (0.5)
        assert_near(edge(&g, 0, 2), 0.5, 1e-6);
        assert_near(edge(&g, 0, 4), 0.5, 1e-6);
        assert_near(edge(&g, 2, 4), 0.5, 1e-6);
        precis_graph_destroy(&g);
    }
    precis_csr_destroy(&x);
}

static void test_graph_identical_rows(void **state)
{
    (void)state;
    const double a[] = {0.6, 0.8, 0.6, 0.8};
    precis_csr x;
    csr_from_dense(&x, a, 2, 2, false);
    for (int path = PRECIS_GRAPH_DENSE; path <= PRECIS_GRAPH_PRUNED; path++) {
        precis_graph g;
        assert_int_equal(precis_graph_build_with(&x, 0.0, path, 0, NULL, &g), PRECIS_OK);
        assert_int_equal(g.ptr[2], 2);
        assert_near(edge(&g, 0, 1), 1.0, 1e-6);
        precis_graph_destroy(&g);
    }
    precis_csr_destroy(&x);
}

static void test_graph_no_shared_terms(void **state)
{
    (void)state;
    const double a[] = {1, 0, 0, 0, 1, 0, 0, 0, 1};
    precis_csr x;
    csr_from_dense(&x, a, 3, 3, false);
    for (int path = PRECIS_GRAPH_DENSE; path <= PRECIS_GRAPH_PRUNED; path++) {
        precis_graph g;
        assert_int_equal(precis_graph_build_with(&x, 0.0, path, 0, NULL, &g), PRECIS_OK);
        assert_int_equal(g.n, 3);
        assert_int_equal(g.ptr[3], 0);
        precis_graph_destroy(&g);
    }
    precis_csr_destroy(&x);
}

/* ---- hostile input ----------------------------------------------------------------------- */

static void test_graph_no_rows(void **state)
{
    (void)state;
    precis_csr x = {0};
    size_t ptr0 = 0;
    x.ptr = &ptr0;
    for (int path = PRECIS_GRAPH_AUTO; path <= PRECIS_GRAPH_PRUNED; path++) {
        precis_graph g;
        assert_int_equal(precis_graph_build_with(&x, 0.0, path, 0, NULL, &g), PRECIS_OK);
        assert_int_equal(g.n, 0);
        precis_graph_destroy(&g);
    }
}

static void test_graph_one_row(void **state)
{
    (void)state;
    const double a[] = {1};
    precis_csr x;
    csr_from_dense(&x, a, 1, 1, false);
    for (int path = PRECIS_GRAPH_AUTO; path <= PRECIS_GRAPH_PRUNED; path++) {
        precis_graph g;
        assert_int_equal(precis_graph_build_with(&x, 0.0, path, 0, NULL, &g), PRECIS_OK);
        assert_int_equal(g.n, 1);
        assert_int_equal(g.ptr[1], 0);
        precis_graph_destroy(&g);
    }
    precis_csr_destroy(&x);
}

static void test_graph_all_rows_empty(void **state)
{
    (void)state;
    const double a[] = {0, 0, 0, 0, 0, 0};
    precis_csr x;
    csr_from_dense(&x, a, 3, 2, true);
    for (int path = PRECIS_GRAPH_AUTO; path <= PRECIS_GRAPH_PRUNED; path++) {
        precis_graph g;
        assert_int_equal(precis_graph_build_with(&x, 0.0, path, 0, NULL, &g), PRECIS_OK);
        assert_int_equal(g.n, 3);
        assert_int_equal(g.ptr[3], 0);
        precis_graph_destroy(&g);
    }
    precis_csr_destroy(&x);
}

static void test_graph_many_rows_sparse(void **state)
{
    (void)state;
    // 100k rows, each two terms out of 50k: few edges, and no n x n anything.
    enum { N = 100000, T = 50000 };
    precis_csr x = {0};
    x.n_rows = N;
    x.n_cols = T;
    x.nnz = 2 * N;
    x.ptr = malloc((N + 1) * sizeof *x.ptr);
    x.col = malloc(2 * N * sizeof *x.col);
    x.val = malloc(2 * N * sizeof *x.val);
    assert_true(x.ptr && x.col && x.val);
    uint32_t seed = 7;
    x.ptr[0] = 0;
    for (size_t i = 0; i < N; i++) {
        uint32_t a = rng(&seed) % T, b = rng(&seed) % T;
        if (a == b)
            b = (b + 1) % T;
        x.col[2 * i] = a < b ? a : b;
        x.col[2 * i + 1] = a < b ? b : a;
        x.val[2 * i] = x.val[2 * i + 1] = (float)sqrt(0.5);
        x.ptr[i + 1] = 2 * (i + 1);
    }
    precis_graph g;
    assert_int_equal(precis_graph_build_with(&x, 0.0, PRECIS_GRAPH_AUTO, 0, NULL, &g),
                                             PRECIS_OK); // AUTO must go sparse
    assert_int_equal(g.n, N);
    for (size_t i = 0; i < N; i += 97)
        for (size_t k = g.ptr[i]; k < g.ptr[i + 1]; k++)
            assert_near(g.w[k], precis_csr_dot(&x, i, g.adj[k]), 1e-6);
    precis_graph_destroy(&g);
    precis_csr_destroy(&x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_graph_dense_and_sparse_agree),
        cmocka_unit_test(test_graph_pruned_keeps_best_neighbours),
        cmocka_unit_test(test_graph_hand_weights_and_threshold),
        cmocka_unit_test(test_graph_empty_rows_have_no_edges),
        cmocka_unit_test(test_graph_identical_rows),
        cmocka_unit_test(test_graph_no_shared_terms),
        cmocka_unit_test(test_graph_no_rows),
        cmocka_unit_test(test_graph_one_row),
        cmocka_unit_test(test_graph_all_rows_empty),
        cmocka_unit_test(test_graph_many_rows_sparse),
    };
    return cmocka_run_group_tests_name("graph", tests, NULL, NULL);
}
