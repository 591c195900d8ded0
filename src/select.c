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
 * sentences that share nothing with it. A sentence that opens with a word pointing back ("He",
 * "But", "These") is taken only after the sentence before it in its document, so that it is
 * never read without what it points to (issue 13); until then it waits. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

void precis_selection_destroy(precis_selection *s)
{
    free(s->chosen);
    free(s->skip);
    free(s->dup_of);
    free(s->dup_sim);
    memset(s, 0, sizeof *s);
}

/* --explain: in a step that picked 'pick' with value 'pick_v', every candidate left out for a
 * rule although it was worth more was passed over by that rule; the first such rule is its
 * reason. A candidate only ever behind the picks was not reached (or, if a chosen sentence now
 * duplicates it, is a duplicate anyway). Without this, a sentence skipped because it did not fit
 * was later reported as a duplicate of a shorter sentence chosen after it. */
static void note_passed_over(const precis_select_input *in, const precis_options *opt,
                             precis_selection *out, const bool *taken, const double *max_sim,
                             const size_t *max_from, double best, double used, double limit,
                             size_t pick, double pick_v);

/* A candidate that points back ("He said ...") waits for the sentence it points to. */
static bool waits(const precis_select_input *in, const bool *taken, size_t i)
{
    if (in->antecedent == NULL || in->antecedent[i] == SIZE_MAX)
        return false;
    return in->antecedent[i] == PRECIS_NO_ANTECEDENT || !taken[in->antecedent[i]];
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
    // May be taken now: eligible, and not waiting for an antecedent (one byte to test in the
    // loop over every candidate, however many rules feed it).
    bool *open = precis_malloc((n ? n : 1) * sizeof *open);
    double *acc = precis_calloc(n ? n : 1, sizeof *acc);
    uint32_t *touched = precis_malloc((n ? n : 1) * sizeof *touched);
    size_t cap = 0;
    size_t *max_from = NULL; // the chosen candidate behind max_sim (explain only)
    precis_status st = PRECIS_ERR_NOMEM;
    if (max_sim == NULL || taken == NULL || open == NULL || acc == NULL || touched == NULL)
        goto done;
    for (size_t i = 0; i < n; i++)
        open[i] = in->eligible[i] && !waits(in, taken, i);
    if (opt->explain) {
        max_from = precis_malloc((n ? n : 1) * sizeof *max_from);
        out->skip = precis_calloc(n ? n : 1, sizeof *out->skip);
        out->dup_of = precis_malloc((n ? n : 1) * sizeof *out->dup_of);
        out->dup_sim = precis_calloc(n ? n : 1, sizeof *out->dup_sim);
        if (max_from == NULL || out->skip == NULL || out->dup_of == NULL || out->dup_sim == NULL)
            goto done;
        for (size_t i = 0; i < n; i++)
            max_from[i] = out->dup_of[i] = SIZE_MAX;
    }
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
            if (taken[i] || !open[i] || max_sim[i] >= opt->dedup)
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
        if (out->skip != NULL)
            note_passed_over(in, opt, out, taken, max_sim, max_from, best, used, limit, pick,
                             pick_v);
        if (!precis_grow((void **)&out->chosen, &cap, out->n_chosen + 1, sizeof *out->chosen))
            goto done;
        out->chosen[out->n_chosen++] = pick;
        taken[pick] = true;
        // Only the next candidate can point back to the pick: the sentence right after it.
        if (pick + 1 < n && in->antecedent != NULL && in->antecedent[pick + 1] == pick)
            open[pick + 1] = in->eligible[pick + 1];
        used += cost(in, opt, pick);
        // Only sentences sharing a term with the pick can be similar to it.
        size_t n_touched = precis_csr_similar(in->x, in->xt, pick, acc, touched);
        for (size_t q = 0; q < n_touched; q++) {
            uint32_t i = touched[q];
            if (!taken[i] && in->eligible[i] && acc[i] > max_sim[i]) {
                max_sim[i] = acc[i];
                if (max_from != NULL)
                    max_from[i] = pick;
            }
            acc[i] = 0.0;
        }
    }
    for (size_t i = 0; out->skip != NULL && i < n; i++) {
        if (taken[i])
            out->skip[i] = PRECIS_SKIP_NONE;
        else if (!in->eligible[i])
            out->skip[i] = PRECIS_SKIP_SHORT;
        else if (out->skip[i] == PRECIS_SKIP_NONE && waits(in, taken, i))
            out->skip[i] = PRECIS_SKIP_POINTS_BACK;
        else if (out->skip[i] == PRECIS_SKIP_NONE && max_sim[i] >= opt->dedup) {
            out->skip[i] = PRECIS_SKIP_DUPLICATE;
            out->dup_of[i] = max_from[i];
            out->dup_sim[i] = max_sim[i];
        } else if (out->skip[i] == PRECIS_SKIP_NONE)
            out->skip[i] = PRECIS_SKIP_NOT_REACHED;
    }
    st = PRECIS_OK;
done:
    free(max_from);
    free(max_sim);
    free(taken);
    free(open);
    free(acc);
    free(touched);
    if (st != PRECIS_OK)
        precis_selection_destroy(out);
    return st;
}

static void note_passed_over(const precis_select_input *in, const precis_options *opt,
                             precis_selection *out, const bool *taken, const double *max_sim,
                             const size_t *max_from, double best, double used, double limit,
                             size_t pick, double pick_v)
{
    double lambda = opt->redundancy;
    for (size_t i = 0; i < in->n; i++) {
        if (taken[i] || !in->eligible[i] || out->skip[i] != PRECIS_SKIP_NONE || i == pick ||
            waits(in, taken, i))
            continue;
        double v = (1 - lambda) * in->score[i] / best - lambda * max_sim[i];
        if (v < pick_v || (v == pick_v && in->pos[i] > in->pos[pick]))
            continue; // behind the pick: not passed over (yet)
        // It was worth more, so a rule kept it out: the same tests, in the same order, as the
        // selection loop.
        if (max_sim[i] >= opt->dedup) {
            out->skip[i] = PRECIS_SKIP_DUPLICATE;
            out->dup_of[i] = max_from[i];
            out->dup_sim[i] = max_sim[i];
        } else if (used + cost(in, opt, i) > limit + 1e-9) {
            out->skip[i] = PRECIS_SKIP_BUDGET;
        }
    }
}
