/* Stage 7: TextRank (weighted PageRank) against closed forms and against the stationary
 * equations solved directly:
 *   x = d * (P^T x + dangling(x) * v) + (1 - d) * v,  sum(x) = 1. */
#include "internal.h"

#include "helpers.h"

#define TOL 1e-12
#define MAX_ITER 10000

/* A graph from undirected weighted edges (a, b, w); both directions stored, rows sorted. */
typedef struct wedge {
    uint32_t a, b;
    float w;
} wedge;

static void graph_from_edges(precis_graph *g, size_t n, const wedge *e, size_t m)
{
    g->n = n;
    g->ptr = calloc(n + 1, sizeof *g->ptr);
    g->adj = malloc((2 * m + 1) * sizeof *g->adj);
    g->w = malloc((2 * m + 1) * sizeof *g->w);
    assert_true(g->ptr && g->adj && g->w);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        for (uint32_t j = 0; j < n; j++)
            for (size_t q = 0; q < m; q++)
                if ((e[q].a == i && e[q].b == j) || (e[q].b == i && e[q].a == j)) {
                    g->adj[k] = j;
                    g->w[k++] = e[q].w;
                }
        g->ptr[i + 1] = k;
    }
}

static void rank(const precis_graph *g, double d, const double *v, double *x, size_t *it)
{
    double delta;
    assert_int_equal(precis_rank_textrank_threads(g, d, v, TOL, MAX_ITER, 1, x, it, &delta),
                     PRECIS_OK);
    assert_true(*it < MAX_ITER);
    assert_true(delta < TOL);
}

static void check_sum_one(const double *x, size_t n)
{
    double s = 0;
    for (size_t i = 0; i < n; i++) {
        assert_true(x[i] > 0);
        s += x[i];
    }
    assert_near(s, 1.0, 1e-9);
}

/* Solves the stationary equations of 'g' by Gaussian elimination with partial pivoting. The
 * system (I - d P^T - d v 1_D^T) x = (1 - d) v has a unique solution for 0 < d < 1. */
static void solve(const precis_graph *g, double d, const double *v, double *x)
{
    size_t n = g->n;
    double *a = calloc(n * (n + 1), sizeof *a); // augmented matrix
    assert_non_null(a);
    double *out = calloc(n, sizeof *out);
    assert_non_null(out);
    for (size_t i = 0; i < n; i++)
        for (size_t k = g->ptr[i]; k < g->ptr[i + 1]; k++)
            out[i] += g->w[k];
    for (size_t j = 0; j < n; j++) {
        double vj = v ? v[j] : 1.0 / (double)n;
        a[j * (n + 1) + j] += 1;
        for (size_t i = 0; i < n; i++) {
            if (out[i] <= 0) { // dangling i sends its mass along v
                a[j * (n + 1) + i] -= d * vj;
                continue;
            }
            for (size_t k = g->ptr[i]; k < g->ptr[i + 1]; k++)
                if (g->adj[k] == j)
                    a[j * (n + 1) + i] -= d * g->w[k] / out[i];
        }
        a[j * (n + 1) + n] = (1 - d) * vj;
    }
    for (size_t c = 0; c < n; c++) {
        size_t p = c;
        for (size_t r = c + 1; r < n; r++)
            if (fabs(a[r * (n + 1) + c]) > fabs(a[p * (n + 1) + c]))
                p = r;
        for (size_t k = 0; k <= n; k++) {
            double t = a[c * (n + 1) + k];
            a[c * (n + 1) + k] = a[p * (n + 1) + k];
            a[p * (n + 1) + k] = t;
        }
        for (size_t r = 0; r < n; r++) {
            if (r == c)
                continue;
            double f = a[r * (n + 1) + c] / a[c * (n + 1) + c];
            for (size_t k = c; k <= n; k++)
                a[r * (n + 1) + k] -= f * a[c * (n + 1) + k];
        }
    }
    for (size_t i = 0; i < n; i++)
        x[i] = a[i * (n + 1) + n] / a[i * (n + 1) + i];
    free(a);
    free(out);
}

static void test_rank_two_nodes_symmetric(void **state)
{
    (void)state;
    const wedge e[] = {{0, 1, 0.7f}};
    precis_graph g;
    graph_from_edges(&g, 2, e, 1);
    double x[2];
    size_t it;
    rank(&g, 0.85, NULL, x, &it);
    assert_near(x[0], 0.5, 1e-9);
    assert_near(x[1], 0.5, 1e-9);
    precis_graph_destroy(&g);
}

static void test_rank_star_closed_form(void **state)
{
    (void)state;
    // Centre 0 and k = 4 leaves, unit weights, uniform teleport over n = 5 nodes:
    //   centre = d * L + (1 - d) / n,  L = k * leaf = d * centre + k (1 - d) / n
    //   -> centre = (1 + d k) / (n (1 + d)) = 4.4 / 9.25 = 0.4756757, leaf = 0.1310811.
    const wedge e[] = {{0, 1, 1}, {0, 2, 1}, {0, 3, 1}, {0, 4, 1}};
    precis_graph g;
    graph_from_edges(&g, 5, e, 4);
    double x[5];
    size_t it;
    rank(&g, 0.85, NULL, x, &it);
    assert_near(x[0], 4.4 / 9.25, 1e-6);
    assert_near(x[0], 0.4756757, 1e-6);
    for (size_t i = 1; i < 5; i++)
        assert_near(x[i], (1 - 4.4 / 9.25) / 4, 1e-6);
    check_sum_one(x, 5);
    precis_graph_destroy(&g);
}

static void test_rank_star_other_damping(void **state)
{
    (void)state;
    // The same star with d = 0.5: centre = (1 + 2) / (5 * 1.5) = 0.4.
    const wedge e[] = {{0, 1, 1}, {0, 2, 1}, {0, 3, 1}, {0, 4, 1}};
    precis_graph g;
    graph_from_edges(&g, 5, e, 4);
    double x[5];
    size_t it;
    rank(&g, 0.5, NULL, x, &it);
    assert_near(x[0], 0.4, 1e-6);
    assert_near(x[1], 0.15, 1e-6);
    precis_graph_destroy(&g);
}

static void test_rank_isolated_node(void **state)
{
    (void)state;
    // Edge 0-1 and node 2 alone (dangling): x2 = d x2 / 3 + (1 - d) / 3 -> x2 = 0.05 / (1 -
    // 0.85 / 3) = 0.0697674; x0 = x1 = (1 - x2) / 2 = 0.4651163.
    const wedge e[] = {{0, 1, 1}};
    precis_graph g;
    graph_from_edges(&g, 3, e, 1);
    double x[3];
    size_t it;
    rank(&g, 0.85, NULL, x, &it);
    assert_near(x[2], 0.05 / (1 - 0.85 / 3), 1e-6);
    assert_near(x[2], 0.0697674, 1e-6);
    assert_near(x[0], 0.4651163, 1e-6);
    assert_near(x[1], x[0], 1e-9);
    check_sum_one(x, 3);
    precis_graph_destroy(&g);
}

static void test_rank_no_edges_is_uniform(void **state)
{
    (void)state;
    precis_graph g;
    graph_from_edges(&g, 4, NULL, 0);
    double x[4];
    size_t it;
    rank(&g, 0.85, NULL, x, &it);
    for (size_t i = 0; i < 4; i++)
        assert_near(x[i], 0.25, 1e-12);
    // With a teleport vector and nothing else, the scores are the teleport vector.
    const double v[4] = {0.4, 0.3, 0.2, 0.1};
    rank(&g, 0.85, v, x, &it);
    for (size_t i = 0; i < 4; i++)
        assert_near(x[i], v[i], 1e-9);
    precis_graph_destroy(&g);
}

static void test_rank_personalized_teleport(void **state)
{
    (void)state;
    // Two nodes, teleport (0.9, 0.1): x0 = d x1 + 0.135, x1 = d x0 + 0.015
    //   -> x0 = 0.14775 / 0.2775 = 0.5324324, x1 = 0.4675676.
    const wedge e[] = {{0, 1, 1}};
    precis_graph g;
    graph_from_edges(&g, 2, e, 1);
    const double v[2] = {0.9, 0.1};
    double x[2];
    size_t it;
    rank(&g, 0.85, v, x, &it);
    assert_near(x[0], 0.14775 / 0.2775, 1e-6);
    assert_near(x[1], 1 - 0.14775 / 0.2775, 1e-6);
    precis_graph_destroy(&g);
}

static void test_rank_teleport_shifts_mass(void **state)
{
    (void)state;
    // A path 0-1-2-3-4: favouring node 4 raises its score over the uniform run.
    const wedge e[] = {{0, 1, 1}, {1, 2, 1}, {2, 3, 1}, {3, 4, 1}};
    precis_graph g;
    graph_from_edges(&g, 5, e, 4);
    double u[5], p[5];
    const double v[5] = {0.05, 0.05, 0.05, 0.05, 0.8};
    size_t it;
    rank(&g, 0.85, NULL, u, &it);
    rank(&g, 0.85, v, p, &it);
    assert_near(u[0], u[4], 1e-9); // symmetric path
    assert_true(p[4] > u[4] + 0.1);
    assert_true(p[0] < u[0]);
    check_sum_one(p, 5);
    precis_graph_destroy(&g);
}

static void test_rank_matches_linear_solve(void **state)
{
    (void)state;
    // Weighted, with a dangling node (5) and a separate component (6-7), personalized.
    const wedge e[] = {{0, 1, 0.9f}, {0, 2, 0.1f}, {1, 2, 0.5f}, {2, 3, 0.3f},
                       {3, 4, 0.8f}, {1, 4, 0.05f}, {6, 7, 0.4f}};
    precis_graph g;
    graph_from_edges(&g, 8, e, 7);
    const double v[8] = {0.3, 0.05, 0.05, 0.1, 0.1, 0.2, 0.1, 0.1};
    double x[8], want[8];
    size_t it;
    rank(&g, 0.85, v, x, &it);
    solve(&g, 0.85, v, want);
    for (size_t i = 0; i < 8; i++)
        assert_near(x[i], want[i], 1e-6);
    check_sum_one(x, 8);
    rank(&g, 0.6, NULL, x, &it);
    solve(&g, 0.6, NULL, want);
    for (size_t i = 0; i < 8; i++)
        assert_near(x[i], want[i], 1e-6);
    precis_graph_destroy(&g);
}

static void test_rank_solver_agrees_with_closed_form(void **state)
{
    (void)state;
    // The reference solver itself, on the star of test_rank_star_closed_form.
    const wedge e[] = {{0, 1, 1}, {0, 2, 1}, {0, 3, 1}, {0, 4, 1}};
    precis_graph g;
    graph_from_edges(&g, 5, e, 4);
    double want[5];
    solve(&g, 0.85, NULL, want);
    assert_near(want[0], 4.4 / 9.25, 1e-12);
    precis_graph_destroy(&g);
}

static void test_rank_reports_iterations(void **state)
{
    (void)state;
    const wedge e[] = {{0, 1, 1}, {0, 2, 1}, {0, 3, 1}, {0, 4, 1}};
    precis_graph g;
    graph_from_edges(&g, 5, e, 4);
    double x[5], delta = -1;
    size_t it = 0;
    // One iteration only: stopped by max_iter, with the change of that step.
    assert_int_equal(precis_rank_textrank_threads(&g, 0.85, NULL, 1e-15, 1, 1, x, &it, &delta),
                     PRECIS_OK);
    assert_int_equal(it, 1);
    // From uniform 0.2: centre -> 0.85 * 0.8 + 0.03 = 0.71, leaves -> 0.85 * 0.05 + 0.03 =
    // 0.0725; L1 change = 0.51 + 4 * 0.1275 = 1.02.
    assert_near(x[0], 0.71, 1e-9);
    assert_near(x[1], 0.0725, 1e-9);
    assert_near(delta, 1.02, 1e-9);
    // Converging: more than one step, fewer than the cap, delta below the tolerance.
    assert_int_equal(precis_rank_textrank_threads(&g, 0.85, NULL, 1e-6, 1000, 1, x, &it, &delta),
                     PRECIS_OK);
    assert_true(it > 1 && it < 1000);
    assert_true(delta < 1e-6);
    size_t it_loose;
    assert_int_equal(precis_rank_textrank_threads(&g, 0.85, NULL, 1e-2, 1000, 1, x, &it_loose,
                                                  &delta),
                     PRECIS_OK);
    assert_true(it_loose < it);
    precis_graph_destroy(&g);
}

static void test_rank_invalid_damping(void **state)
{
    (void)state;
    const wedge e[] = {{0, 1, 1}};
    precis_graph g;
    graph_from_edges(&g, 2, e, 1);
    double x[2], delta;
    size_t it;
    const double bad[] = {0.0, 1.0, -0.5, 1.5, NAN, INFINITY};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(precis_rank_textrank_threads(&g, bad[i], NULL, 1e-6, 100, 1, x, &it,
                                                      &delta),
                         PRECIS_ERR_INVALID_ARG);
    precis_graph_destroy(&g);
}

/* ---- hostile input ----------------------------------------------------------------------- */

static void test_rank_empty_graph(void **state)
{
    (void)state;
    precis_graph g = {0};
    size_t it = 99;
    double delta = 99, x[1];
    assert_int_equal(precis_rank_textrank_threads(&g, 0.85, NULL, 1e-6, 100, 1, x, &it, &delta),
                     PRECIS_OK);
    assert_int_equal(it, 0);
    assert_near(delta, 0, 0);
}

static void test_rank_single_node(void **state)
{
    (void)state;
    precis_graph g;
    graph_from_edges(&g, 1, NULL, 0);
    double x[1];
    size_t it;
    rank(&g, 0.85, NULL, x, &it);
    assert_near(x[0], 1.0, 1e-12);
    precis_graph_destroy(&g);
}

static void test_rank_long_path(void **state)
{
    (void)state;
    // 100k nodes in a chain: converges, sums to 1, ends score less than their neighbours.
    enum { N = 100000 };
    precis_graph g;
    g.n = N;
    g.ptr = malloc((N + 1) * sizeof *g.ptr);
    g.adj = malloc(2 * (N - 1) * sizeof *g.adj);
    g.w = malloc(2 * (N - 1) * sizeof *g.w);
    assert_true(g.ptr && g.adj && g.w);
    size_t k = 0;
    for (size_t i = 0; i < N; i++) {
        g.ptr[i] = k;
        if (i > 0) {
            g.adj[k] = (uint32_t)(i - 1);
            g.w[k++] = 1;
        }
        if (i + 1 < N) {
            g.adj[k] = (uint32_t)(i + 1);
            g.w[k++] = 1;
        }
    }
    g.ptr[N] = k;
    double *x = malloc(N * sizeof *x), delta;
    assert_non_null(x);
    size_t it;
    assert_int_equal(precis_rank_textrank_threads(&g, 0.85, NULL, 1e-6, 1000, 1, x, &it, &delta),
                     PRECIS_OK);
    assert_true(it < 1000);
    check_sum_one(x, N);
    assert_true(x[0] < x[1]);
    assert_near(x[N / 2], 1.0 / N, 1e-9); // the middle of a long path is like a ring
    free(x);
    precis_graph_destroy(&g);
}

/* A random symmetric graph with 'n' nodes, about 'deg' neighbours each and some isolated nodes
 * (dangling mass), built from a fixed seed. */
static void random_graph(precis_graph *g, size_t n, size_t deg, uint32_t seed)
{
    size_t m = n * deg;
    uint32_t *a = malloc(m * sizeof *a), *b = malloc(m * sizeof *b);
    float *w = malloc(m * sizeof *w);
    size_t *count = calloc(n + 1, sizeof *count);
    assert_true(a && b && w && count);
    for (size_t q = 0; q < m; q++) {
        seed = seed * 1664525u + 1013904223u;
        a[q] = (seed >> 8) % (uint32_t)n;
        seed = seed * 1664525u + 1013904223u;
        b[q] = (a[q] + 1 + (seed >> 8) % 64) % (uint32_t)n; // mostly local, like real clusters
        if (q % 7 == 0)
            b[q] = (seed >> 4) % (uint32_t)n; // and some long-range edges
        w[q] = 0.05f + (float)((seed >> 12) % 1000) / 1000.0f;
        if (a[q] % 97 == 0 || b[q] % 97 == 0 || a[q] == b[q])
            w[q] = 0; // isolated nodes
    }
    for (size_t q = 0; q < m; q++)
        if (w[q] > 0) {
            count[a[q] + 1]++;
            count[b[q] + 1]++;
        }
    for (size_t i = 0; i < n; i++)
        count[i + 1] += count[i];
    g->n = n;
    g->ptr = malloc((n + 1) * sizeof *g->ptr);
    g->adj = malloc((count[n] + 1) * sizeof *g->adj);
    g->w = malloc((count[n] + 1) * sizeof *g->w);
    assert_true(g->ptr && g->adj && g->w);
    memcpy(g->ptr, count, (n + 1) * sizeof *count);
    for (size_t q = 0; q < m; q++)
        if (w[q] > 0) {
            g->adj[count[a[q]]] = b[q];
            g->w[count[a[q]]++] = w[q];
            g->adj[count[b[q]]] = a[q];
            g->w[count[b[q]]++] = w[q];
        }
    free(a);
    free(b);
    free(w);
    free(count);
}

static void test_rank_relabel_changes_no_bit(void **state)
{
    (void)state;
    // Breadth-first relabelling (used on large graphs for locality) and threads give the
    // same scores to the bit as the plain iteration, with and without a teleport vector.
    const size_t sizes[] = {1, 2, 50, 5000, 160000};
    for (size_t c = 0; c < sizeof sizes / sizeof sizes[0]; c++) {
        size_t n = sizes[c];
        precis_graph g;
        random_graph(&g, n, 8, 12345u + (uint32_t)c);
        double *v = malloc(n * sizeof *v), *x0 = malloc(n * sizeof *x0),
               *x1 = malloc(n * sizeof *x1), *x2 = malloc(n * sizeof *x2), sum = 0, delta;
        assert_true(v && x0 && x1 && x2);
        for (size_t i = 0; i < n; i++)
            sum += v[i] = 1.0 / sqrt((double)(i % 40) + 1);
        for (size_t i = 0; i < n; i++)
            v[i] /= sum;
        for (int tp = 0; tp < 2; tp++) {
            const double *t = tp ? v : NULL;
            size_t it0, it1, it2;
            assert_int_equal(precis_rank_textrank_relabel(&g, 0.85, t, 1e-9, 1000, 1, 0, x0,
                                                          &it0, &delta),
                             PRECIS_OK);
            assert_int_equal(precis_rank_textrank_relabel(&g, 0.85, t, 1e-9, 1000, 1, 1, x1,
                                                          &it1, &delta),
                             PRECIS_OK);
            assert_int_equal(precis_rank_textrank_relabel(&g, 0.85, t, 1e-9, 1000, 2, -1, x2,
                                                          &it2, &delta),
                             PRECIS_OK);
            assert_int_equal(it0, it1);
            assert_int_equal(it0, it2);
            assert_memory_equal(x0, x1, n * sizeof *x0);
            assert_memory_equal(x0, x2, n * sizeof *x0);
            check_sum_one(x0, n);
        }
        free(v);
        free(x0);
        free(x1);
        free(x2);
        precis_graph_destroy(&g);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rank_two_nodes_symmetric),
        cmocka_unit_test(test_rank_star_closed_form),
        cmocka_unit_test(test_rank_star_other_damping),
        cmocka_unit_test(test_rank_isolated_node),
        cmocka_unit_test(test_rank_no_edges_is_uniform),
        cmocka_unit_test(test_rank_personalized_teleport),
        cmocka_unit_test(test_rank_teleport_shifts_mass),
        cmocka_unit_test(test_rank_matches_linear_solve),
        cmocka_unit_test(test_rank_solver_agrees_with_closed_form),
        cmocka_unit_test(test_rank_reports_iterations),
        cmocka_unit_test(test_rank_invalid_damping),
        cmocka_unit_test(test_rank_empty_graph),
        cmocka_unit_test(test_rank_single_node),
        cmocka_unit_test(test_rank_long_path),
        cmocka_unit_test(test_rank_relabel_changes_no_bit),
    };
    return cmocka_run_group_tests_name("rank", tests, NULL, NULL);
}
