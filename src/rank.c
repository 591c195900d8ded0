/* Stage 7: similarity graph -> TextRank scores: weighted PageRank by power iteration.
 *
 *   x' = d * (P^T x + dangling(x) * v) + (1 - d) * v
 *
 * where P is the row-normalized weight matrix, v the teleport distribution (uniform, or biased
 * towards early sentences of news by a position prior) and dangling(x) the mass sitting on
 * sentences without edges, which is sent along v so that nothing leaks and scores keep summing
 * to 1. Works on the CSR graph directly, so the cost per iteration is O(edges); large graphs
 * share each iteration's rows among threads (every row's sum is computed the same way whatever
 * the thread count, and the global sums stay sequential, so scores do not depend on it). */
#include <math.h>
#include <stdlib.h>

#include "internal.h"

typedef struct pull_job {
    const precis_graph *g;
    const double *share;
    const double *teleport;
    double *next;
    double d, dangling, uniform;
    size_t begin, end;
} pull_job;

/* next[j] for rows [begin, end): the graph is symmetric, so P^T x at j sums over j's own
 * neighbours i: w_ij x_i / out_i. */
static void *pull_worker(void *arg)
{
    pull_job *p = arg;
    const precis_graph *g = p->g;
    for (size_t j = p->begin; j < p->end; j++) {
        double in = 0;
        for (size_t k = g->ptr[j]; k < g->ptr[j + 1]; k++)
            in += g->w[k] * p->share[g->adj[k]];
        double v = p->teleport ? p->teleport[j] : p->uniform;
        p->next[j] = p->d * (in + p->dangling * v) + (1 - p->d) * v;
    }
    return NULL;
}

precis_status precis_rank_textrank(const precis_graph *g, double d, const double *teleport,
                                   double tol, size_t max_iter, double *score,
                                   size_t *iterations, double *delta)
{
    return precis_rank_textrank_threads(g, d, teleport, tol, max_iter, 1, score, iterations,
                                        delta);
}

precis_status precis_rank_textrank_threads(const precis_graph *g, double d,
                                           const double *teleport, double tol, size_t max_iter,
                                           size_t threads, double *score, size_t *iterations,
                                           double *delta)
{
    size_t n = g->n;
    *iterations = 0;
    *delta = 0;
    if (n == 0)
        return PRECIS_OK;
    if (!(d > 0 && d < 1))
        return PRECIS_ERR_INVALID_ARG;
    double *out_w = precis_malloc(n * sizeof *out_w); // total edge weight of each node
    double *next = precis_malloc(n * sizeof *next);
    // score / out_w: what each node passes per unit of weight, read at random
    double *share = precis_alloc_large(n * sizeof *share);
    if (out_w == NULL || next == NULL || share == NULL) {
        free(out_w);
        free(next);
        free(share);
        return PRECIS_ERR_NOMEM;
    }
    double uniform = 1.0 / (double)n;
    for (size_t i = 0; i < n; i++) {
        double s = 0;
        for (size_t k = g->ptr[i]; k < g->ptr[i + 1]; k++)
            s += g->w[k];
        out_w[i] = s;
        score[i] = teleport ? teleport[i] : uniform;
    }
    size_t it = 0;
    double change = 0;
    do {
        double dangling = 0;
        for (size_t i = 0; i < n; i++) {
            if (out_w[i] <= 0)
                dangling += score[i];
            share[i] = out_w[i] > 0 ? score[i] / out_w[i] : 0;
        }
        size_t n_jobs = g->ptr[n] < 1000000 ? 1 : precis_thread_count(threads);
        pull_job jobs[PRECIS_MAX_THREADS];
        for (size_t t = 0; t < n_jobs; t++)
            jobs[t] = (pull_job){g, share, teleport, next, d, dangling, uniform,
                                 n * t / n_jobs, n * (t + 1) / n_jobs};
        precis_run_jobs(n_jobs, pull_worker, jobs, sizeof jobs[0]);
        double total = 0;
        for (size_t j = 0; j < n; j++)
            total += next[j];
        change = 0;
        for (size_t j = 0; j < n; j++) {
            double x = next[j] / total; // renormalize away float drift
            change += fabs(x - score[j]);
            score[j] = x;
        }
        it++;
    } while (change >= tol && it < max_iter);
    *iterations = it;
    *delta = change;
    free(out_w);
    free(next);
    free(share);
    return PRECIS_OK;
}
