/* Stage 6: TF-IDF rows -> the sentence-similarity graph (cosine similarity; rows are unit length,
 * so a dot product). Small corpora take the dense path: the rows become a dense block restricted
 * to the terms found in at least two sentences (the only ones that can make two sentences
 * similar) and CBLAS ssyrk computes every pair at once. Larger corpora take the pruned path
 * (precis_graph_build_pruned): each sentence's best neighbours, found through its rarer terms in
 * an inverted index, in O(n); up to EXACT_ROWS sentences it gives every edge. The exact sparse
 * path (an inverted index over every term, never an n x n matrix) runs only when forced
 * (PRECIS_GRAPH_SPARSE); the dense and exact paths give the same edges. */
#include <cblas.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Pruned path: each sentence keeps its K most similar sentences (an edge is kept when either
 * end chose it); up to EXACT_ROWS sentences it keeps them all, so the path then gives the exact
 * graph and never changes a small corpus's summary. Candidates come only through terms rare
 * enough that the postings scanned stay within max(WORK_PER_ROW * n, MIN_WORK): cost O(n), not
 * O(n^2). Sentences whose terms are all frequent can only be chosen by others. On DUC 2004
 * clusters K = 50 moves ROUGE by less than 0.1 point (K = 20 costs half a point of R-1), and a
 * budget of 800 per sentence leaves it unchanged (200 costs 0.1): benchmarks/README.md. */
#define EXACT_ROWS 4096
#define K 50
#define WORK_PER_ROW 500.0
#define MIN_WORK 1e8
/* Up to this many rows a row's candidates are summed in an n-sized accumulator, which then
 * stays in cache; above it random access to it misses, and sorted runs are merged instead.
 * Both add a pair's contributions in column order: the same sums either way. */
#define ACC_MAX_ROWS ((size_t)256 * 1024)

/* Dense path limits: n x n doubles and n x terms doubles must stay small. */
#define DENSE_MAX_ROWS 4096
#define DENSE_MAX_CELLS ((size_t)32 * 1024 * 1024)
/* The exact paths hold O(n^2) when forced onto a large corpus: the dense path an n x n matrix
 * beside the n x (shared terms) one, the sparse path an edge per pair of sentences that share a
 * term (pair work counts those pairs, with repeats), and either one up to n^2 / 2 edges at 28
 * bytes (the list, then the CSR graph). Beyond these limits (about 2 GB at most) they refuse
 * with PRECIS_ERR_GRAPH_LIMIT rather than be killed for memory; the pruned path has none. */
#define FORCED_DENSE_MAX_ROWS 8192
#define FORCED_DENSE_MAX_CELLS ((size_t)1 << 27) // n x shared terms, 1 GiB of doubles
#define FORCED_SPARSE_MAX_PAIRS 1e8

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
    g->ptr = precis_calloc(n + 1, sizeof *g->ptr);
    g->adj = precis_malloc((m ? m : 1) * sizeof *g->adj);
    g->w = precis_malloc((m ? m : 1) * sizeof *g->w);
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
    size_t *fill = precis_malloc((n ? n : 1) * sizeof *fill);
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
    uint32_t *df = precis_calloc(x->n_cols ? x->n_cols : 1, sizeof *df);
    if (df == NULL)
        return PRECIS_ERR_NOMEM;
    for (size_t k = 0; k < x->nnz; k++)
        df[x->col[k]]++;
    size_t m = 0;
    for (size_t t = 0; t < x->n_cols; t++)
        df[t] = df[t] >= 2 ? (uint32_t)++m : 0; // 1-based dense column, 0 = dropped
    precis_status st = PRECIS_ERR_NOMEM;
    double *a = NULL, *c = NULL;
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
    if (cells_a > FORCED_DENSE_MAX_CELLS) { // never on the auto path (4,096 x 8,192 at most)
        st = PRECIS_ERR_GRAPH_LIMIT;
        goto done;
    }
    a = precis_calloc(cells_a, sizeof *a);
    c = precis_malloc(cells_c);
    if (a == NULL || c == NULL)
        goto done;
    for (size_t i = 0; i < n; i++)
        for (size_t k = x->ptr[i]; k < x->ptr[i + 1]; k++)
            if (df[x->col[k]])
                a[i * m + df[x->col[k]] - 1] = x->val[k];
    // C = A A^T, upper triangle (row-major): every pairwise cosine in one BLAS call.
    // Double precision, so that the pruned path (which sums in double) finds the same weights.
    cblas_dsyrk(CblasRowMajor, CblasUpper, CblasNoTrans, (int)n, (int)m, 1.0, a, (int)m, 0.0, c,
                (int)n);
    float thr = (float)threshold;
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++) {
            float w = (float)c[i * n + j];
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

/* Exact sparse path: for each row, accumulate dot products with later rows through the postings
 * of its terms. */
static precis_status build_sparse(const precis_csr *x, double threshold, edge_list *e)
{
    size_t n = x->n_rows;
    precis_csr t;
    precis_status st = precis_csr_transpose(x, &t);
    if (st != PRECIS_OK)
        return st;
    st = PRECIS_ERR_NOMEM;
    size_t *pp = t.ptr; // term -> its rows, sorted
    uint32_t *prow = t.col;
    float *pval = t.val;
    float *acc = precis_calloc(n ? n : 1, sizeof *acc);
    uint32_t *touched = precis_malloc((n ? n : 1) * sizeof *touched);
    if (acc == NULL || touched == NULL)
        goto done;
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
    precis_csr_destroy(&t);
    free(acc);
    free(touched);
    return st;
}

/* ---- pruned path ------------------------------------------------------------------------ */

/* The largest document frequency whose terms are still scanned: terms are admitted from the
 * rarest up while the pair work sum(df^2) stays within 'budget'. 0 when out of memory (a real
 * cap is at least 1). */
static uint32_t df_cap(const precis_csr *p, size_t n_terms, double budget)
{
    size_t max_df = 0;
    for (size_t c = 0; c < n_terms; c++)
        if (p->ptr[c + 1] - p->ptr[c] > max_df)
            max_df = p->ptr[c + 1] - p->ptr[c];
    double *work = precis_calloc(max_df + 1, sizeof *work); // work[df] = terms with df * df^2
    if (work == NULL)
        return 0; // out of memory: the caller fails rather than build another graph
    for (size_t c = 0; c < n_terms; c++) {
        size_t df = p->ptr[c + 1] - p->ptr[c];
        work[df] += (double)df * (double)df;
    }
    double sum = 0;
    size_t cap = 1;
    for (size_t df = 1; df <= max_df; df++) {
        if (sum + work[df] > budget)
            break;
        sum += work[df];
        cap = df;
    }
    free(work);
    return (uint32_t)(cap > UINT32_MAX ? UINT32_MAX : cap);
}

typedef struct topk_job {
    const precis_csr *x;
    const precis_csr *p; // x transposed: each term's rows
    size_t begin, end, k;
    uint32_t cap;
    float thr;
    uint32_t *nbr; // k per row: the chosen neighbours
    float *nbr_w;  // and their cosine similarity
    uint32_t *n_nbr;
    bool use_acc; // sum candidates in an n-sized accumulator (small n) or merge sorted runs
    const size_t *fptr; // per row, its entries for the terms too frequent to scan
    const uint32_t *fcol;
    const float *fval;
    const precis_progress *progress; // job 0 only
    bool ok;
} topk_job;

/* Is candidate (wa, ja) better than (wb, jb)? Higher weight, then lower index. Bitwise, not
 * short-circuit, so that the selection's loops can add the answer without branching on it. */
static bool better(double wa, uint32_t ja, double wb, uint32_t jb)
{
    return (wa > wb) | ((wa == wb) & (ja < jb));
}

/* Scratch for the selection: the losers of a partition, 2k entries. */
typedef struct select_buf {
    uint32_t *j;
    double *w;
} select_buf;

/* Moves the 'k' best of 'n' candidates to the front of 'j'/'w' (in no particular order):
 * quickselect, O(n) on average. The partition has no data-dependent branch and no load that
 * waits on the store before it: winners are written back in place behind the reading position,
 * losers to 'sb' and copied after them. Weights are random, so a branchy partition
 * mispredicted about every other comparison (11% of a 1M-sentence run). */
static void select_best(uint32_t *j, double *w, size_t n, size_t k, select_buf *sb)
{
    size_t lo = 0, hi = n - 1; // the k-th best lies in [lo, hi]
    while (lo < hi) {
        // pivot: the median of three, moved to hi
        size_t a = lo, b = lo + (hi - lo) / 2, c = hi, m;
        if (better(w[a], j[a], w[b], j[b]))
            m = better(w[b], j[b], w[c], j[c]) ? b : better(w[a], j[a], w[c], j[c]) ? c : a;
        else
            m = better(w[a], j[a], w[c], j[c]) ? a : better(w[b], j[b], w[c], j[c]) ? c : b;
        double pw = w[m];
        uint32_t pj = j[m];
        w[m] = w[hi];
        j[m] = j[hi];
        size_t left = lo, right = 0; // winners in [lo, left), losers in sb[0, right)
        for (size_t i = lo; i < hi; i++) {
            double wi = w[i];
            uint32_t ji = j[i];
            size_t up = better(wi, ji, pw, pj);
            w[left] = wi;
            j[left] = ji;
            sb->w[right] = wi;
            sb->j[right] = ji;
            left += up;
            right += 1 - up;
        }
        w[left] = pw;
        j[left] = pj;
        memcpy(w + left + 1, sb->w, right * sizeof *w);
        memcpy(j + left + 1, sb->j, right * sizeof *j);
        if (left == k - 1)
            return;
        if (left > k - 1)
            hi = left - 1;
        else
            lo = left + 1;
    }
}

/* Keeps the 'k' best of 'n' candidates at the front of 'j'/'w' (in no particular order) and
 * returns how many that is. Streaming top-k: candidates that beat the k-th best known so far
 * gather in a buffer of 2k at the front; when it fills, a quickselect keeps its best k and
 * raises the bar. Most candidates then lose in one comparison, and the selection runs on 2k
 * elements a few times instead of on all of them (a heap cost 13% of a 1M-sentence run in its
 * sifts, a quickselect over all 40% of the scan at 100k). The k best under (weight, then lower
 * index) are one set whatever the method, so the graph does not change. */
static size_t keep_best(uint32_t *j, double *w, size_t n, size_t k, select_buf *sb)
{
    if (n <= k)
        return n;
    size_t len = 0; // the buffer: [0, len), written behind the reading position
    double bar_w = -1; // weights are positive: every candidate beats the first bar
    uint32_t bar_j = 0;
    for (size_t i = 0; i < n; i++) {
        double wi = w[i];
        uint32_t ji = j[i];
        j[len] = ji; // written always, kept when it beats the bar: no branch to mispredict
        w[len] = wi;
        len += better(wi, ji, bar_w, bar_j);
        if (len == 2 * k) {
            select_best(j, w, len, k, sb);
            len = k;
            bar_w = w[0]; // the worst of the k kept
            bar_j = j[0];
            for (size_t q = 1; q < k; q++)
                if (better(bar_w, bar_j, w[q], j[q])) {
                    bar_w = w[q];
                    bar_j = j[q];
                }
        }
    }
    if (len > k)
        select_best(j, w, len, k, sb);
    return len < k ? len : k;
}

/* Sorts 'n' (neighbour, weight) pairs by neighbour: heap sort, no allocation. */
static void nbr_sort(uint32_t *j, double *w, size_t n)
{
    for (size_t end = n; end > 1;) {
        // build the heap once, then pop the largest to the end
        if (end == n)
            for (size_t start = n / 2; start-- > 0;)
                for (size_t r = start, c; (c = 2 * r + 1) < end; r = c) {
                    if (c + 1 < end && j[c + 1] > j[c])
                        c++;
                    if (j[r] >= j[c])
                        break;
                    uint32_t tj = j[r]; j[r] = j[c]; j[c] = tj;
                    double tw = w[r]; w[r] = w[c]; w[c] = tw;
                }
        end--;
        uint32_t tj = j[0]; j[0] = j[end]; j[end] = tj;
        double tw = w[0]; w[0] = w[end]; w[end] = tw;
        for (size_t r = 0, c; (c = 2 * r + 1) < end; r = c) {
            if (c + 1 < end && j[c + 1] > j[c])
                c++;
            if (j[r] >= j[c])
                break;
            tj = j[r]; j[r] = j[c]; j[c] = tj;
            tw = w[r]; w[r] = w[c]; w[c] = tw;
        }
    }
}

/* A row's candidates: (neighbour, contribution) pairs, one sorted run per scanned term. */
typedef struct cand_buf {
    uint32_t *j, *j2;
    double *w, *w2;
    size_t cap;
    size_t *run; // run boundaries
    size_t run_cap;
} cand_buf;

static bool cand_reserve(cand_buf *b, size_t need)
{
    if (need <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 1024;
    while (cap < need)
        cap *= 2;
    uint32_t *j = precis_realloc(b->j, cap * sizeof *j), *j2;
    if (j == NULL)
        return false;
    b->j = j;
    if ((j2 = precis_realloc(b->j2, cap * sizeof *j2)) == NULL)
        return false;
    b->j2 = j2;
    double *w = precis_realloc(b->w, cap * sizeof *w), *w2;
    if (w == NULL)
        return false;
    b->w = w;
    if ((w2 = precis_realloc(b->w2, cap * sizeof *w2)) == NULL)
        return false;
    b->w2 = w2;
    b->cap = cap;
    return true;
}

/* Merges the sorted runs of 'b' pairwise, stably (equal neighbours keep their term order, so a
 * pair's contributions are later added in column order from either end), until at most two
 * are left: the last merge is done while summing (gather_row). Sequential memory traffic only:
 * far cheaper than scattering into an n-sized accumulator at a million rows. */
static void cand_merge(cand_buf *b, size_t n_runs)
{
    while (n_runs > 2) {
        size_t out = 0, r = 0, k = 0;
        for (; r + 1 < n_runs; r += 2) {
            size_t a = b->run[r], am = b->run[r + 1], c = b->run[r + 1], cm = b->run[r + 2];
            size_t start = out;
            while (a < am && c < cm) {
                if (b->j[c] < b->j[a]) {
                    b->j2[out] = b->j[c];
                    b->w2[out++] = b->w[c++];
                } else {
                    b->j2[out] = b->j[a];
                    b->w2[out++] = b->w[a++];
                }
            }
            for (; a < am; a++, out++) {
                b->j2[out] = b->j[a];
                b->w2[out] = b->w[a];
            }
            for (; c < cm; c++, out++) {
                b->j2[out] = b->j[c];
                b->w2[out] = b->w[c];
            }
            b->run[k++] = start;
        }
        if (r < n_runs) { // an odd run out: copied as it is
            size_t start = out;
            for (size_t a = b->run[r]; a < b->run[r + 1]; a++, out++) {
                b->j2[out] = b->j[a];
                b->w2[out] = b->w[a];
            }
            b->run[k++] = start;
        }
        b->run[k] = out;
        n_runs = k;
        uint32_t *tj = b->j;
        b->j = b->j2;
        b->j2 = tj;
        double *tw = b->w;
        b->w = b->w2;
        b->w2 = tw;
    }
}

typedef struct gather {
    double *acc; // n, zero between rows (accumulator method)
    cand_buf b;  // sorted runs (merge method)
    uint32_t *j; // the row's candidates and weights
    double *w;
    size_t cap;
} gather;

static bool gather_reserve(gather *g, size_t need)
{
    if (need <= g->cap)
        return true;
    size_t cap = g->cap ? g->cap : 1024;
    while (cap < need)
        cap *= 2;
    uint32_t *j = precis_realloc(g->j, cap * sizeof *j);
    if (j == NULL)
        return false;
    g->j = j;
    double *w = precis_realloc(g->w, cap * sizeof *w);
    if (w == NULL)
        return false;
    g->w = w;
    g->cap = cap;
    return true;
}

/* Row i's candidates through its rarer terms, with the similarity those terms give, into
 * g->j / g->w; returns how many, or (size_t)-1 when out of memory. */
static size_t gather_row(const topk_job *jb, size_t i, gather *g)
{
    const precis_csr *x = jb->x;
    const precis_csr *p = jb->p;
    size_t len = 0, m = 0;
    if (g->acc != NULL) {
        for (size_t k = x->ptr[i]; k < x->ptr[i + 1]; k++) {
            uint32_t c = x->col[k];
            size_t df = p->ptr[c + 1] - p->ptr[c];
            if (df > jb->cap)
                continue;
            if (!gather_reserve(g, len + df))
                return (size_t)-1;
            double v = x->val[k];
            for (size_t q = p->ptr[c]; q < p->ptr[c + 1]; q++) {
                uint32_t j = p->col[q];
                if (j == i)
                    continue;
                if (g->acc[j] == 0.0)
                    g->j[len++] = j;
                g->acc[j] += v * p->val[q];
            }
        }
        for (size_t q = 0; q < len; q++) {
            uint32_t j = g->j[q];
            if (g->acc[j] > SIM_EPS) {
                g->j[m] = j;
                g->w[m++] = g->acc[j];
            }
            g->acc[j] = 0.0;
        }
        return m;
    }
    cand_buf *b = &g->b;
    size_t n_runs = 0;
    if (!precis_grow((void **)&b->run, &b->run_cap, x->ptr[i + 1] - x->ptr[i] + 2,
                     sizeof *b->run))
        return (size_t)-1;
    b->run[0] = 0;
    for (size_t k = x->ptr[i]; k < x->ptr[i + 1]; k++) {
        uint32_t c = x->col[k];
        size_t df = p->ptr[c + 1] - p->ptr[c];
        if (df > jb->cap)
            continue;
        if (!cand_reserve(b, len + df))
            return (size_t)-1;
        double v = x->val[k];
        for (size_t q = p->ptr[c]; q < p->ptr[c + 1]; q++) {
            if (p->col[q] == i)
                continue;
            b->j[len] = p->col[q];
            b->w[len++] = v * p->val[q];
        }
        b->run[++n_runs] = len;
    }
    cand_merge(b, n_runs);
    if (!gather_reserve(g, len + 1))
        return (size_t)-1;
    // The last two runs merged and each neighbour's contributions summed in one pass: first
    // run's (earlier terms) before the second's, the order a stable merge would give.
    size_t a = 0, a_end = n_runs > 1 ? b->run[1] : len, c = a_end, c_end = len;
    while (a < a_end || c < c_end) {
        uint32_t j = a < a_end && (c >= c_end || b->j[a] <= b->j[c]) ? b->j[a] : b->j[c];
        double w = 0;
        for (; a < a_end && b->j[a] == j; a++)
            w += b->w[a];
        for (; c < c_end && b->j[c] == j; c++)
            w += b->w[c];
        if (w > SIM_EPS) {
            g->j[m] = j;
            g->w[m++] = w;
        }
    }
    return m;
}

static void *topk_worker(void *arg)
{
    topk_job *jb = arg;
    const precis_csr *x = jb->x;
    size_t n = x->n_rows;
    gather g = {0};
    select_buf sb = {precis_malloc(2 * jb->k * sizeof *sb.j), precis_malloc(2 * jb->k * sizeof *sb.w)};
    float *dense = precis_calloc(x->n_cols ? x->n_cols : 1, sizeof *dense); // row i's frequent terms
    jb->ok = dense != NULL && sb.j != NULL && sb.w != NULL;
    if (jb->use_acc && (g.acc = precis_calloc(n ? n : 1, sizeof *g.acc)) == NULL)
        jb->ok = false;
    for (size_t i = jb->begin; jb->ok && i < jb->end; i++) {
        precis_report(jb->progress, "graph", i - jb->begin, jb->end - jb->begin);
        size_t m = gather_row(jb, i, &g);
        if (m == (size_t)-1) {
            jb->ok = false;
            break;
        }
        uint32_t *touched = g.j;
        double *tw = g.w;
        size_t kept = keep_best(touched, tw, m, jb->k, &sb);
        // sorted by neighbour, so that both ends' lists merge in one pass
        nbr_sort(touched, tw, kept);
        // Add the frequent terms' share: the same sum from either end of the pair (products of
        // the shared terms, in column order), so both ends agree on the weight to the bit.
        for (size_t q = jb->fptr[i]; q < jb->fptr[i + 1]; q++)
            dense[jb->fcol[q]] = jb->fval[q];
        // The neighbours' entries sit at random places in memory: ask for all of them before
        // using any, so that the cache misses overlap instead of queueing one after another.
        for (size_t q = 0; q < kept; q++)
            __builtin_prefetch(&jb->fptr[touched[q]]);
        for (size_t q = 0; q < kept; q++) {
            __builtin_prefetch(&jb->fcol[jb->fptr[touched[q]]]);
            __builtin_prefetch(&jb->fval[jb->fptr[touched[q]]]);
        }
        uint32_t *out = jb->nbr + i * jb->k;
        float *out_w = jb->nbr_w + i * jb->k;
        for (size_t q = 0; q < kept; q++) {
            uint32_t j = touched[q];
            double w = tw[q];
            for (size_t u = jb->fptr[j]; u < jb->fptr[j + 1]; u++)
                w += (double)dense[jb->fcol[u]] * jb->fval[u];
            out[q] = j;
            out_w[q] = (float)w;
        }
        for (size_t q = jb->fptr[i]; q < jb->fptr[i + 1]; q++)
            dense[jb->fcol[q]] = 0.0f;
        jb->n_nbr[i] = (uint32_t)kept;
    }
    free(sb.j);
    free(sb.w);
    free(g.acc);
    free(g.b.j);
    free(g.b.j2);
    free(g.b.w);
    free(g.b.w2);
    free(g.b.run);
    free(g.j);
    free(g.w);
    free(dense);
    return NULL;
}

/* The reverse choices, built by one thread per range of sources: first each thread counts how
 * often each node was chosen by its sources ('at', one array per thread), then, once the
 * counts are turned into write positions, it writes its sources into the nodes' lists. Thread
 * ranges go up with the thread number and each thread walks its sources in order, so every
 * list comes out sorted by source, as the union below needs. */
typedef struct reverse_job {
    const uint32_t *nbr, *n_nbr;
    const float *nbr_w;
    size_t k, begin, end;
    uint32_t *at; // per node: count (first pass), then next write position (second)
    bool fill;
    uint32_t *in_src;
    float *in_w;
} reverse_job;

static void *reverse_worker(void *arg)
{
    reverse_job *r = arg;
    for (size_t i = r->begin; i < r->end; i++)
        for (size_t q = 0; q < r->n_nbr[i]; q++) {
            uint32_t j = r->nbr[i * r->k + q];
            if (!r->fill) {
                r->at[j]++;
                continue;
            }
            uint32_t slot = r->at[j]++;
            r->in_src[slot] = (uint32_t)i;
            r->in_w[slot] = r->nbr_w[i * r->k + q];
        }
    return NULL;
}

/* Each row's entries for the terms too frequent to scan (more than 'cap' rows hold them; 'p' is
 * the transpose of 'x'), in CSR form: they still count in the weights. False when out of memory
 * (the caller frees what was made). */
static bool frequent_entries(const precis_csr *x, const precis_csr *p, uint32_t cap,
                             size_t **fptr_out, uint32_t **fcol_out, float **fval_out)
{
    size_t n = x->n_rows;
    size_t *fptr = *fptr_out = precis_alloc_large((n + 1) * sizeof *fptr); // read at random
    if (fptr == NULL)
        return false;
    fptr[0] = 0;
    for (size_t i = 0; i < n; i++) {
        fptr[i + 1] = fptr[i];
        for (size_t q = x->ptr[i]; q < x->ptr[i + 1]; q++)
            fptr[i + 1] += p->ptr[x->col[q] + 1] - p->ptr[x->col[q]] > cap;
    }
    uint32_t *fcol = *fcol_out = precis_alloc_large((fptr[n] ? fptr[n] : 1) * sizeof *fcol);
    float *fval = *fval_out = precis_alloc_large((fptr[n] ? fptr[n] : 1) * sizeof *fval);
    if (fcol == NULL || fval == NULL)
        return false;
    for (size_t i = 0, at = 0; i < n; i++)
        for (size_t q = x->ptr[i]; q < x->ptr[i + 1]; q++)
            if (p->ptr[x->col[q] + 1] - p->ptr[x->col[q]] > cap) {
                fcol[at] = x->col[q];
                fval[at++] = x->val[q];
            }
    return true;
}

/* Neighbour lists: node i's are node[..], w[..] from its start, 'n' of them (own choices: at
 * i * k, n[i]; reverse choices: from in_ptr[i] to in_ptr[i + 1], 'n' NULL). */
typedef struct choices {
    const uint32_t *node;
    const float *w;
    const uint32_t *n;
} choices;

/* The graph 'g': per node the union of its own choices and the reverse ones, both sorted by
 * node (an edge both ends chose appears once), without edges under 'thr' or at rounding noise. */
static precis_status union_choices(size_t n, size_t k, const choices *own, const size_t *in_ptr,
                                   const choices *in, float thr, precis_graph *g)
{
    g->n = n;
    g->ptr = precis_calloc(n + 1, sizeof *g->ptr);
    size_t max_edges = n * k + in_ptr[n];
    g->adj = precis_malloc((max_edges ? max_edges : 1) * sizeof *g->adj);
    g->w = precis_malloc((max_edges ? max_edges : 1) * sizeof *g->w);
    if (g->ptr == NULL || g->adj == NULL || g->w == NULL)
        return PRECIS_ERR_NOMEM;
    size_t at = 0;
    for (size_t i = 0; i < n; i++) {
        const uint32_t *mine = own->node + i * k;
        const float *mine_w = own->w + i * k;
        size_t a = 0, b = in_ptr[i], a_end = own->n[i], b_end = in_ptr[i + 1];
        while (a < a_end || b < b_end) {
            uint32_t j;
            float w;
            if (b >= b_end || (a < a_end && mine[a] < in->node[b])) {
                j = mine[a];
                w = mine_w[a++];
            } else if (a >= a_end || in->node[b] < mine[a]) {
                j = in->node[b];
                w = in->w[b++];
            } else {
                j = mine[a];
                w = mine_w[a++];
                b++;
            }
            if (w > SIM_EPS && w >= thr) {
                g->adj[at] = j;
                g->w[at++] = w;
            }
        }
        g->ptr[i + 1] = at;
    }
    return PRECIS_OK;
}

/* The reverse choices' counts (per thread w, per node j: fill[w * n + j]) become each thread's
 * first write position in node j's list, and in_ptr the lists' bounds. */
static void write_positions(uint32_t *fill, size_t n, size_t n_workers, size_t *in_ptr)
{
    in_ptr[0] = 0;
    for (size_t j = 0; j < n; j++) {
        size_t pos = in_ptr[j];
        for (size_t w = 0; w < n_workers; w++) {
            uint32_t c = fill[w * n + j];
            fill[w * n + j] = (uint32_t)pos;
            pos += c;
        }
        in_ptr[j + 1] = pos;
    }
}

/* Pruned path: top-k neighbours per sentence, found through the postings of its rarer terms;
 * the undirected graph is the union of both ends' choices, weighted with the exact cosine. */
precis_status precis_graph_build_pruned(const precis_csr *x, double threshold,
                                        const precis_prune *prune,
                                        const precis_progress *progress, precis_graph *g)
{
    size_t k = prune->k;
    size_t n = x->n_rows;
    memset(g, 0, sizeof *g);
    if (n > UINT32_MAX)
        return PRECIS_ERR_TOO_LARGE;
    if (n == 0) {
        g->ptr = precis_calloc(1, sizeof *g->ptr);
        return g->ptr ? PRECIS_OK : PRECIS_ERR_NOMEM;
    }
    if (k > n - 1)
        k = n > 1 ? n - 1 : 1;
    if (k == 0)
        k = 1;
    precis_status st = PRECIS_ERR_NOMEM;
    precis_csr p = {0};
    uint32_t *nbr = NULL, *n_nbr = NULL, *in_src = NULL, *fill = NULL, *fcol = NULL;
    float *nbr_w = NULL, *in_w = NULL, *fval = NULL;
    size_t *in_ptr = NULL, *fptr = NULL;
    size_t cells;
    if (!precis_mul_ok(n, k, &cells))
        return PRECIS_ERR_TOO_LARGE;
    if ((st = precis_csr_transpose(x, &p)) != PRECIS_OK)
        goto done;
    st = PRECIS_ERR_NOMEM;
    uint32_t cap = df_cap(&p, x->n_cols, prune->work);
    if (cap == 0)
        goto done;
    if (!frequent_entries(x, &p, cap, &fptr, &fcol, &fval))
        goto done;
    nbr = precis_alloc_large((cells ? cells : 1) * sizeof *nbr);
    nbr_w = precis_alloc_large((cells ? cells : 1) * sizeof *nbr_w);
    n_nbr = precis_calloc(n, sizeof *n_nbr);
    if (nbr == NULL || nbr_w == NULL || n_nbr == NULL)
        goto done;
    size_t n_workers = n < 4096 ? 1 : precis_thread_count(prune->threads);
    topk_job jobs[PRECIS_MAX_THREADS];
    for (size_t w = 0; w < n_workers; w++)
        jobs[w] = (topk_job){x, &p, n * w / n_workers, n * (w + 1) / n_workers, k, cap,
                             (float)threshold, nbr, nbr_w, n_nbr, n <= prune->acc_max_rows,
                             fptr, fcol, fval,
                             w == 0 ? progress : NULL, false};
    precis_run_jobs(n_workers, topk_worker, jobs, sizeof jobs[0]);
    for (size_t w = 0; w < n_workers; w++)
        if (!jobs[w].ok)
            goto done;
    precis_csr_destroy(&p); // no longer needed: give the memory back before the graph is built
    // The reverse choices: for each node, the nodes that chose it, with that weight.
    in_ptr = precis_alloc_large((n + 1) * sizeof *in_ptr); // both updated at random
    size_t at_cells;
    if (!precis_mul_ok(n, n_workers, &at_cells) || at_cells > SIZE_MAX / sizeof *fill)
        goto done;
    fill = precis_alloc_large(at_cells * sizeof *fill);
    if (in_ptr == NULL || fill == NULL)
        goto done;
    memset(fill, 0, at_cells * sizeof *fill);
    reverse_job rjobs[PRECIS_MAX_THREADS];
    for (size_t w = 0; w < n_workers; w++)
        rjobs[w] = (reverse_job){nbr, n_nbr, nbr_w, k, n * w / n_workers,
                                 n * (w + 1) / n_workers, fill + w * n, false, NULL, NULL};
    precis_run_jobs(n_workers, reverse_worker, rjobs, sizeof rjobs[0]);
    write_positions(fill, n, n_workers, in_ptr);
    if (in_ptr[n] > UINT32_MAX) { // positions are 32-bit
        st = PRECIS_ERR_TOO_LARGE;
        goto done;
    }
    in_src = precis_alloc_large((in_ptr[n] ? in_ptr[n] : 1) * sizeof *in_src);
    in_w = precis_alloc_large((in_ptr[n] ? in_ptr[n] : 1) * sizeof *in_w);
    if (in_src == NULL || in_w == NULL)
        goto done;
    for (size_t w = 0; w < n_workers; w++) {
        rjobs[w].fill = true;
        rjobs[w].in_src = in_src;
        rjobs[w].in_w = in_w;
    }
    precis_run_jobs(n_workers, reverse_worker, rjobs, sizeof rjobs[0]);
    const choices own = {nbr, nbr_w, n_nbr}, in = {in_src, in_w, NULL};
    st = union_choices(n, k, &own, in_ptr, &in, (float)threshold, g);
done:
    precis_csr_destroy(&p);
    free(nbr);
    free(nbr_w);
    free(n_nbr);
    free(in_ptr);
    free(in_src);
    free(in_w);
    free(fill);
    free(fptr);
    free(fcol);
    free(fval);
    if (st != PRECIS_OK)
        precis_graph_destroy(g);
    return st;
}

precis_status precis_graph_build_with(const precis_csr *x, double threshold, int path,
                                      size_t threads, const precis_progress *progress,
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
        path = small ? PRECIS_GRAPH_DENSE : PRECIS_GRAPH_PRUNED;
    }
    if (path == PRECIS_GRAPH_PRUNED) {
        double work = WORK_PER_ROW * (double)n;
        // Up to EXACT_ROWS every neighbour and every term: the exact graph.
        precis_prune prune = {n <= EXACT_ROWS ? n : K,
                              n <= EXACT_ROWS ? INFINITY : work < MIN_WORK ? MIN_WORK : work,
                              threads, ACC_MAX_ROWS};
        return precis_graph_build_pruned(x, threshold, &prune, progress, g);
    }
    if (path == PRECIS_GRAPH_DENSE && n > FORCED_DENSE_MAX_ROWS)
        return PRECIS_ERR_GRAPH_LIMIT; // the n x shared terms matrix is checked in build_dense
    if (path == PRECIS_GRAPH_SPARSE) {
        double *df = precis_calloc(x->n_cols ? x->n_cols : 1, sizeof *df), pairs = 0;
        if (df == NULL)
            return PRECIS_ERR_NOMEM;
        for (size_t k = 0; k < x->nnz; k++)
            df[x->col[k]]++;
        for (size_t t = 0; t < x->n_cols; t++)
            pairs += df[t] * (df[t] - 1) / 2;
        free(df);
        if (pairs > FORCED_SPARSE_MAX_PAIRS)
            return PRECIS_ERR_GRAPH_LIMIT;
    }
    edge_list e = {0};
    precis_status st = path == PRECIS_GRAPH_DENSE ? build_dense(x, threshold, &e)
                                                  : build_sparse(x, threshold, &e);
    if (st == PRECIS_OK)
        st = to_csr(&e, n, g);
    edge_free(&e);
    return st;
}

