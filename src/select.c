/* Stage 8: scores -> the summary's sentences within the length budget.
 *
 * Greedy: at each step take the candidate with the best value that still fits, where value is
 * the TextRank score (scaled to the best score) less 'redundancy' times its highest cosine
 * similarity to a sentence already chosen (maximal marginal relevance), and a candidate at or
 * above the 'dedup' similarity to a chosen sentence is never taken. Word and byte budgets are
 * filled with the best sentences that fit, not just the first: a sentence too long for what is
 * left is passed over for shorter ones. Ties go to the earlier sentence, so output is
 * deterministic. Similarities to the chosen set are kept per candidate and updated once per
 * pick, through the pick's terms only (an inverted index): never recomputed, and never for
 * sentences that share nothing with it. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

void precis_selection_destroy(precis_selection *s)
{
    free(s->chosen);
    memset(s, 0, sizeof *s);
}

/* Cost of a candidate against the budget, in the budget's unit. */
static double cost(const precis_select_input *in, const precis_options *opt, size_t i)
{
    switch (opt->budget_kind) {
    case PRECIS_BUDGET_WORDS: return in->words[i];
    case PRECIS_BUDGET_BYTES: return (double)in->bytes[i] + 1; // its newline
    default: return 1;
    }
}

precis_status precis_select(const precis_select_input *in, const precis_options *opt,
                            precis_selection *out)
{
    memset(out, 0, sizeof *out);
    size_t n = in->n;
    double limit;
    switch (opt->budget_kind) {
    case PRECIS_BUDGET_RATIO: {
        size_t eligible = 0;
        for (size_t i = 0; i < n; i++)
            eligible += in->eligible[i];
        limit = ceil(opt->budget * (double)eligible);
        if (limit < 1)
            limit = 1;
        break;
    }
    default: limit = opt->budget; break;
    }
    double *max_sim = precis_calloc(n ? n : 1, sizeof *max_sim);
    bool *taken = precis_calloc(n ? n : 1, sizeof *taken);
    double *acc = precis_calloc(n ? n : 1, sizeof *acc);
    uint32_t *touched = precis_malloc((n ? n : 1) * sizeof *touched);
    size_t cap = 0;
    precis_status st = PRECIS_ERR_NOMEM;
    if (max_sim == NULL || taken == NULL || acc == NULL || touched == NULL)
        goto done;
    double best = 0;
    for (size_t i = 0; i < n; i++)
        if (in->eligible[i] && in->score[i] > best)
            best = in->score[i];
    if (best <= 0)
        best = 1;
    double used = 0, lambda = opt->redundancy;
    for (;;) {
        size_t pick = SIZE_MAX;
        double pick_v = -INFINITY;
        for (size_t i = 0; i < n; i++) {
            if (taken[i] || !in->eligible[i] || max_sim[i] >= opt->dedup)
                continue;
            if (used + cost(in, opt, i) > limit + 1e-9)
                continue;
            double v = (1 - lambda) * in->score[i] / best - lambda * max_sim[i];
            if (v > pick_v || (v == pick_v && in->pos[i] < in->pos[pick])) {
                pick = i;
                pick_v = v;
            }
        }
        if (pick == SIZE_MAX)
            break;
        if (!precis_grow((void **)&out->chosen, &cap, out->n_chosen + 1, sizeof *out->chosen))
            goto done;
        out->chosen[out->n_chosen++] = pick;
        taken[pick] = true;
        used += cost(in, opt, pick);
        // Only sentences sharing a term with the pick can be similar to it.
        size_t n_touched = precis_csr_similar(in->x, in->xt, pick, acc, touched);
        for (size_t q = 0; q < n_touched; q++) {
            uint32_t i = touched[q];
            if (!taken[i] && in->eligible[i] && acc[i] > max_sim[i])
                max_sim[i] = acc[i];
            acc[i] = 0.0;
        }
    }
    st = PRECIS_OK;
done:
    free(max_sim);
    free(taken);
    free(acc);
    free(touched);
    if (st != PRECIS_OK)
        precis_selection_destroy(out);
    return st;
}
