/* Stage 6: TF-IDF rows -> the sentence-similarity graph (cosine similarity; rows are unit length,
 * so a dot product). Small corpora take the dense path: the rows become a dense block restricted
 * to the terms found in at least two sentences (the only ones that can make two sentences
 * similar) and CBLAS ssyrk computes every pair at once. Larger corpora take the sparse path
 * through an inverted index, which never holds an n x n matrix. Both give the same edges. */
#include <cblas.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Dense path limits: n x n floats and n x terms floats must stay small. */
#define DENSE_MAX_ROWS 4096
#define DENSE_MAX_CELLS ((size_t)64 * 1024 * 1024)

void precis_graph_destroy(precis_graph *g)
{
    free(g->ptr);
    free(g->adj);
    free(g->w);
    memset(g, 0, sizeof *g);
}

/* Similarities this close to zero are rounding noise from float sums, not shared terms. */
#define SIM_EPS 1e-6f

typedef struct edge_list {
    uint32_t *a, *b;
    float *w;
    size_t n, cap;
} edge_list;

static bool edge_push(edge_list *e, uint32_t a, uint32_t b, float w)
{
    if (e->n == e->cap) {
        size_t cap = e->cap;
        if (!precis_grow((void **)&e->a, &cap, e->n + 1, sizeof *e->a))
            return false;
        cap = e->cap;
        if (!precis_grow((void **)&e->b, &cap, e->n + 1, sizeof *e->b))
            return false;
        cap = e->cap;
        if (!precis_grow((void **)&e->w, &cap, e->n + 1, sizeof *e->w))
            return false;
        e->cap = cap;
    }
    e->a[e->n] = a;
    e->b[e->n] = b;
    e->w[e->n] = w;
    e->n++;
    return true;
}

static void edge_free(edge_list *e)
{
    free(e->a);
    free(e->b);
    free(e->w);
}

/* Undirected edges (a < b) -> CSR with both directions, neighbours in increasing order. */
static precis_status to_csr(const edge_list *e, size_t n, precis_graph *g)
{
    size_t m;
    if (!precis_mul_ok(e->n, 2, &m))
        return PRECIS_ERR_TOO_LARGE;
    g->n = n;
    g->ptr = calloc(n + 1, sizeof *g->ptr);
    g->adj = malloc((m ? m : 1) * sizeof *g->adj);
    g->w = malloc((m ? m : 1) * sizeof *g->w);
    if (g->ptr == NULL || g->adj == NULL || g->w == NULL) {
        precis_graph_destroy(g);
        return PRECIS_ERR_NOMEM;
    }
    for (size_t k = 0; k < e->n; k++) {
        g->ptr[e->a[k] + 1]++;
        g->ptr[e->b[k] + 1]++;
    }
    for (size_t i = 0; i < n; i++)
        g->ptr[i + 1] += g->ptr[i];
    size_t *fill = malloc((n ? n : 1) * sizeof *fill);
    if (fill == NULL) {
        precis_graph_destroy(g);
        return PRECIS_ERR_NOMEM;
    }
    memcpy(fill, g->ptr, n * sizeof *fill);
    // Edges arrive sorted by (a, b) with a < b: for node x the neighbours below x come from
    // edges (y, x) with y increasing, those above from (x, y): two passes keep rows sorted.
    for (size_t k = 0; k < e->n; k++) {
        uint32_t b = e->b[k];
        g->adj[fill[b]] = e->a[k];
        g->w[fill[b]++] = e->w[k];
    }
    for (size_t k = 0; k < e->n; k++) {
        uint32_t a = e->a[k];
        g->adj[fill[a]] = e->b[k];
        g->w[fill[a]++] = e->w[k];
    }
    free(fill);
    return PRECIS_OK;
}

static precis_status build_dense(const precis_csr *x, double threshold, edge_list *e)
{
    size_t n = x->n_rows;
    // Keep only the columns found in two or more rows.
    uint32_t *df = calloc(x->n_cols ? x->n_cols : 1, sizeof *df);
    if (df == NULL)
        return PRECIS_ERR_NOMEM;
    for (size_t k = 0; k < x->nnz; k++)
        df[x->col[k]]++;
    size_t m = 0;
    for (size_t t = 0; t < x->n_cols; t++)
        df[t] = df[t] >= 2 ? (uint32_t)++m : 0; // 1-based dense column, 0 = dropped
    precis_status st = PRECIS_ERR_NOMEM;
    float *a = NULL, *c = NULL;
    if (m == 0 || n < 2) {
        st = PRECIS_OK;
        goto done;
    }
    size_t cells_a, cells_c;
    if (m > INT_MAX || !precis_mul_ok(n, m, &cells_a) || !precis_mul_ok(n, n, &cells_c) ||
        !precis_mul_ok(cells_c, sizeof *c, &cells_c)) {
        st = PRECIS_ERR_TOO_LARGE;
        goto done;
    }
    a = calloc(cells_a, sizeof *a);
    c = malloc(cells_c);
    if (a == NULL || c == NULL)
        goto done;
    for (size_t i = 0; i < n; i++)
        for (size_t k = x->ptr[i]; k < x->ptr[i + 1]; k++)
            if (df[x->col[k]])
                a[i * m + df[x->col[k]] - 1] = x->val[k];
    // C = A A^T, upper triangle (row-major): every pairwise cosine in one BLAS call.
    cblas_ssyrk(CblasRowMajor, CblasUpper, CblasNoTrans, (int)n, (int)m, 1.0f, a, (int)m, 0.0f, c,
                (int)n);
    float thr = (float)threshold;
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++) {
            float w = c[i * n + j];
            if (w > SIM_EPS && w >= thr && !edge_push(e, (uint32_t)i, (uint32_t)j, w))
                goto done;
        }
    st = PRECIS_OK;
done:
    free(df);
    free(a);
    free(c);
    return st;
}

/* Sparse path: for each row, accumulate dot products with later rows through the postings of its
 * terms. */
static precis_status build_sparse(const precis_csr *x, double threshold, edge_list *e)
{
    size_t n = x->n_rows, t = x->n_cols;
    precis_status st = PRECIS_ERR_NOMEM;
    size_t *pp = calloc(t + 1, sizeof *pp);
    uint32_t *prow = malloc((x->nnz ? x->nnz : 1) * sizeof *prow);
    float *pval = malloc((x->nnz ? x->nnz : 1) * sizeof *pval);
    float *acc = calloc(n ? n : 1, sizeof *acc);
    uint32_t *touched = malloc((n ? n : 1) * sizeof *touched);
    if (pp == NULL || prow == NULL || pval == NULL || acc == NULL || touched == NULL)
        goto done;
    for (size_t k = 0; k < x->nnz; k++)
        pp[x->col[k] + 1]++;
    for (size_t c = 0; c < t; c++)
        pp[c + 1] += pp[c];
    for (size_t i = 0; i < n; i++) // rows in increasing order: postings stay sorted by row
        for (size_t k = x->ptr[i]; k < x->ptr[i + 1]; k++) {
            size_t at = pp[x->col[k]]++;
            prow[at] = (uint32_t)i;
            pval[at] = x->val[k];
        }
    for (size_t c = t; c > 0; c--)
        pp[c] = pp[c - 1];
    pp[0] = 0;
    float thr = (float)threshold;
    for (size_t i = 0; i < n; i++) {
        size_t n_touched = 0;
        for (size_t k = x->ptr[i]; k < x->ptr[i + 1]; k++) {
            uint32_t c = x->col[k];
            float v = x->val[k];
            // only rows after i: postings are sorted, so start past i
            size_t lo = pp[c], hi = pp[c + 1];
            while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                if (prow[mid] <= i)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            for (size_t q = lo; q < pp[c + 1]; q++) {
                uint32_t j = prow[q];
                if (acc[j] == 0.0f)
                    touched[n_touched++] = j;
                acc[j] += v * pval[q];
            }
        }
        // neighbours in increasing order, for a deterministic edge list
        qsort(touched, n_touched, sizeof *touched, precis_cmp_u32);
        for (size_t q = 0; q < n_touched; q++) {
            uint32_t j = touched[q];
            float w = acc[j];
            acc[j] = 0.0f;
            if (w > SIM_EPS && w >= thr && !edge_push(e, (uint32_t)i, j, w))
                goto done;
        }
    }
    st = PRECIS_OK;
done:
    free(pp);
    free(prow);
    free(pval);
    free(acc);
    free(touched);
    return st;
}

precis_status precis_graph_build_with(const precis_csr *x, double threshold, int path,
                                      precis_graph *g)
{
    memset(g, 0, sizeof *g);
    size_t n = x->n_rows;
    if (n > UINT32_MAX || n > INT_MAX)
        return PRECIS_ERR_TOO_LARGE;
    if (path == PRECIS_GRAPH_AUTO) {
        size_t cells;
        bool small = n <= DENSE_MAX_ROWS && precis_mul_ok(n, x->n_cols, &cells) &&
                     cells <= DENSE_MAX_CELLS;
        path = small ? PRECIS_GRAPH_DENSE : PRECIS_GRAPH_SPARSE;
    }
    edge_list e = {0};
    precis_status st = path == PRECIS_GRAPH_DENSE ? build_dense(x, threshold, &e)
                                                  : build_sparse(x, threshold, &e);
    if (st == PRECIS_OK)
        st = to_csr(&e, n, g);
    edge_free(&e);
    return st;
}

precis_status precis_graph_build(const precis_csr *x, double threshold, precis_graph *g)
{
    return precis_graph_build_with(x, threshold, PRECIS_GRAPH_AUTO, g);
}
