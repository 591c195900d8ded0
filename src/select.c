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
 * never read without what it points to (issue 13); until then it waits.
 *
 * Restatements (issue 13): outlets tell one fact in their own words ("discussed military
 * cooperation" / "held discussions on military coordination"), which keeps the cosine under
 * 'dedup' while a reader sees the fact twice. The test is a containment, not a cosine: the
 * share of the shorter sentence's content (its terms weighted by IDF over the candidates) that
 * the other one holds. The rarer words -- names, places, the predicate's own words -- weigh
 * most, the story's everyday words little. Two guards keep different facts of one story apart:
 * at least RESTATE_MIN_SHARED shared terms, and no number in the shorter sentence missing from
 * the longer (a toll of 32 and a toll of 357 are two facts). A candidate at or above
 * 'restate' with a chosen sentence is passed over; the greedy order has already preferred the
 * better-connected wording, which is the one closer to what the other documents say.
 *
 * A word or byte budget is filled with the best sentences that fit, not with whatever fits:
 * see FILL_FLOOR. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Fewer shared content words than this never make a restatement: two short sentences that
 * share the story's names and nothing else state different facts. */
#define RESTATE_MIN_SHARED 3

/* Budgets are filled with substance (issue 13): when the best candidate left does not fit, a
 * shorter one that fits is taken only if it scores at least this share of it. Below, it would
 * be chosen only for fitting ("Marcus Camby also showed up briefly.", "There were no further
 * details."), and the words are better left unused. Chosen on DUC 2006 (benchmarks/README.md):
 * 0.5 removes such fillers from 11 of DUC 2004's 50 summaries at 100 words for 0.01 R-2. */
#define FILL_FLOOR 0.5

void precis_selection_destroy(precis_selection *s)
{
    free(s->chosen);
    free(s->restates);
    free(s->restate_share);
    free(s->skip);
    free(s->dup_of);
    free(s->dup_sim);
    memset(s, 0, sizeof *s);
}

/* The restatement test's data (see the header comment): per term its weight, per candidate
 * its content's weight and its numbers; per pick, what each touched candidate shares with it. */
typedef struct restate_state {
    float *weight;      // per term: IDF over the candidates
    double *content;    // per candidate: the sum of its terms' weights
    uint32_t *numbers;  // per candidate: how many of its terms are numbers
    double *shared;     // per candidate, during one pick: shared weight, terms and numbers
    uint32_t *count, *shared_numbers;
} restate_state;

static void restate_destroy(restate_state *r)
{
    free(r->weight);
    free(r->content);
    free(r->numbers);
    free(r->shared);
    free(r->count);
    free(r->shared_numbers);
}

static bool restate_init(restate_state *r, const precis_select_input *in)
{
    size_t n = in->n, terms = in->x->n_cols;
    memset(r, 0, sizeof *r);
    r->weight = precis_malloc((terms ? terms : 1) * sizeof *r->weight);
    r->content = precis_calloc(n ? n : 1, sizeof *r->content);
    r->numbers = precis_calloc(n ? n : 1, sizeof *r->numbers);
    r->shared = precis_calloc(n ? n : 1, sizeof *r->shared);
    r->count = precis_calloc(n ? n : 1, sizeof *r->count);
    r->shared_numbers = precis_calloc(n ? n : 1, sizeof *r->shared_numbers);
    if (r->weight == NULL || r->content == NULL || r->numbers == NULL || r->shared == NULL ||
        r->count == NULL || r->shared_numbers == NULL)
        return false;
    // The TF-IDF stage's IDF (the candidates are its rows).
    for (size_t c = 0; c < terms; c++)
        r->weight[c] = (float)precis_idf(n, in->xt->ptr[c + 1] - in->xt->ptr[c]);
    for (size_t i = 0; i < n; i++)
        for (size_t k = in->x->ptr[i]; k < in->x->ptr[i + 1]; k++) {
            r->content[i] += r->weight[in->x->col[k]];
            r->numbers[i] += in->term_number != NULL && in->term_number[in->x->col[k]];
        }
    return true;
}

/* The share of the shorter of 'pick' and 'i' that the other holds, or 0 when the guards say
 * they state different facts; then clears i's per-pick sums. */
static double restate_share(restate_state *r, size_t pick, size_t i)
{
    bool i_shorter = r->content[i] <= r->content[pick];
    double smaller = i_shorter ? r->content[i] : r->content[pick];
    uint32_t numbers = i_shorter ? r->numbers[i] : r->numbers[pick];
    // A number says another fact only against another number: "on September 17" beside a
    // sentence without a date is the same meeting.
    bool both_numbered = r->numbers[i] > 0 && r->numbers[pick] > 0;
    double share = r->count[i] >= RESTATE_MIN_SHARED &&
                   (!both_numbered || r->shared_numbers[i] == numbers) && smaller > 0
                       ? r->shared[i] / smaller
                       : 0;
    r->shared[i] = 0;
    r->count[i] = r->shared_numbers[i] = 0;
    return share;
}

/* Candidate 'i' repeats a chosen sentence: a near-duplicate or a restatement of it. */
static bool repeats(const precis_options *opt, const precis_selection *out,
                    const double *max_sim, size_t i)
{
    return max_sim[i] >= opt->dedup || out->restate_share[i] >= opt->restate;
}

/* --explain: records which chosen sentence candidate 'i' repeats, a near-duplicate first; false
 * when it repeats none. */
static bool note_repeat(const precis_options *opt, precis_selection *out, const double *max_sim,
                        const size_t *max_from, size_t i)
{
    if (max_sim[i] >= opt->dedup) {
        out->skip[i] = PRECIS_SKIP_DUPLICATE;
        out->dup_of[i] = max_from[i];
        out->dup_sim[i] = max_sim[i];
    } else if (out->restate_share[i] >= opt->restate) {
        out->skip[i] = PRECIS_SKIP_RESTATES;
        out->dup_of[i] = out->restates[i];
        out->dup_sim[i] = out->restate_share[i];
    } else {
        return false;
    }
    return true;
}

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

/* ---- the lazy greedy ------------------------------------------------------------------------
 * A candidate's value only falls as sentences are chosen (its similarity to the chosen set only
 * grows), and a candidate that repeats a chosen sentence, or no longer fits what is left of the
 * budget, stays so. So a step need not rescan every candidate, which made a long summary cost
 * the square of the corpus (issue 17: 100k sentences at -r 0.05 took minutes): candidates wait
 * in a max-heap under the value they had when last looked at, and the top is looked at again;
 * if its value has not fallen, it is the best of all, since no other's value is above its key.
 * This is Minoux's accelerated greedy (1978), as Lin and Bilmes (2011) use it for summaries. The
 * heap orders by value, then by position, as the full scan did: the picks are the same, ties
 * included. */
typedef struct heap {
    uint32_t *v;
    size_t n;
    const double *key;   // per candidate
    const uint32_t *pos; // ties: the earlier sentence first
} heap;

static bool above(const heap *h, uint32_t a, uint32_t b)
{
    return h->key[a] > h->key[b] || (h->key[a] == h->key[b] && h->pos[a] < h->pos[b]);
}

static void sift_down(heap *h, size_t k)
{
    for (;;) {
        size_t c = 2 * k + 1;
        if (c >= h->n)
            return;
        if (c + 1 < h->n && above(h, h->v[c + 1], h->v[c]))
            c++;
        if (!above(h, h->v[c], h->v[k]))
            return;
        uint32_t t = h->v[c];
        h->v[c] = h->v[k];
        h->v[k] = t;
        k = c;
    }
}

static void heap_push(heap *h, uint32_t i)
{
    size_t k = h->n++;
    h->v[k] = i;
    while (k > 0 && above(h, h->v[k], h->v[(k - 1) / 2])) {
        uint32_t t = h->v[k];
        h->v[k] = h->v[(k - 1) / 2];
        h->v[(k - 1) / 2] = t;
        k = (k - 1) / 2;
    }
}

static uint32_t heap_pop(heap *h)
{
    uint32_t top = h->v[0];
    h->v[0] = h->v[--h->n];
    sift_down(h, 0);
    return top;
}

/* The best score among the candidates in play (open, not chosen, not repeating a chosen one)
 * that do not fit what is left of the budget, for FILL_FLOOR, in O(log n): a tournament tree
 * whose leaves are the candidates in order of score, best first, each holding its cost while
 * in play (-1 after); the leftmost leaf whose cost is over what is left is the answer. */
typedef struct blocked_tree {
    double *max;       // 2 * size nodes: the largest cost below each
    uint32_t *leaf;    // per candidate: its leaf
    uint32_t *at_leaf; // per leaf: its candidate
    size_t size;       // leaves, a power of two
} blocked_tree;

static bool tree_init(blocked_tree *t, const precis_select_input *in, uint32_t *scratch)
{
    size_t n = in->n;
    t->size = 1;
    while (t->size < n)
        t->size *= 2;
    t->max = precis_malloc(2 * t->size * sizeof *t->max);
    t->leaf = precis_malloc((n ? n : 1) * sizeof *t->leaf);
    t->at_leaf = precis_malloc(t->size * sizeof *t->at_leaf);
    if (t->max == NULL || t->leaf == NULL || t->at_leaf == NULL)
        return false;
    for (size_t k = 0; k < 2 * t->size; k++)
        t->max[k] = -1;
    // Candidates in order of score: a heap sort on the heap above.
    heap h = {scratch, 0, in->score, in->pos};
    for (size_t i = 0; i < n; i++)
        heap_push(&h, (uint32_t)i);
    for (size_t k = 0; k < n; k++) {
        uint32_t i = heap_pop(&h);
        t->leaf[i] = (uint32_t)k;
        t->at_leaf[k] = i;
    }
    return true;
}

static void tree_set(blocked_tree *t, size_t i, double cost)
{
    size_t k = t->size + t->leaf[i];
    t->max[k] = cost;
    for (k /= 2; k >= 1; k /= 2)
        t->max[k] = fmax(t->max[2 * k], t->max[2 * k + 1]);
}

/* The best-scored candidate in play whose cost is over 'room', or SIZE_MAX. */
static size_t tree_first_over(const blocked_tree *t, double room)
{
    if (!(t->max[1] > room))
        return SIZE_MAX;
    size_t k = 1;
    while (k < t->size)
        k = t->max[2 * k] > room ? 2 * k : 2 * k + 1;
    return t->at_leaf[k - t->size];
}

static void tree_destroy(blocked_tree *t)
{
    free(t->max);
    free(t->leaf);
    free(t->at_leaf);
}

/* The state of one selection: what the steps share. */
typedef struct selector {
    const precis_select_input *in;
    const precis_options *opt;
    precis_selection *out;
    double limit, used, best, lambda;
    double *max_sim;   // per candidate: its highest cosine with a chosen sentence
    size_t *max_from;  // the chosen candidate behind max_sim (explain only)
    double *value;     // per candidate in a heap: its value when last looked at
    bool *taken, *open; // open: eligible and not waiting for the sentence it points back to
    heap cand;         // candidates that may still be chosen
    heap passed;       // explain only: left out by a rule, not yet worth more than a pick
    uint32_t *dropped; // left out by a rule in this step
    size_t n_dropped;
    blocked_tree blocked;
} selector;

static double value_of(const selector *s, size_t i)
{
    return (1 - s->lambda) * s->in->score[i] / s->best - s->lambda * s->max_sim[i];
}

static bool fits(const selector *s, size_t i)
{
    return s->used + cost(s->in, s->opt, i) <= s->limit + 1e-9;
}

/* Opens candidate 'i' to be chosen: into the heap and, if it does not repeat a chosen
 * sentence, into the blocked tree. */
static void open_candidate(selector *s, size_t i)
{
    s->open[i] = true;
    s->value[i] = value_of(s, i);
    heap_push(&s->cand, (uint32_t)i);
    if (!repeats(s->opt, s->out, s->max_sim, i))
        tree_set(&s->blocked, i, cost(s->in, s->opt, i));
}

/* The best candidate that may be chosen now and fits, or SIZE_MAX; those on the way that repeat
 * a chosen sentence or do not fit leave the heap for good (into 'dropped'). */
static size_t next_pick(selector *s)
{
    s->n_dropped = 0;
    while (s->cand.n > 0) {
        uint32_t i = s->cand.v[0];
        if (repeats(s->opt, s->out, s->max_sim, i) || !fits(s, i)) {
            s->dropped[s->n_dropped++] = heap_pop(&s->cand);
            continue;
        }
        double v = value_of(s, i);
        if (v < s->value[i]) { // fallen since last looked at: back to its place
            s->value[i] = v;
            sift_down(&s->cand, 0);
            continue;
        }
        return heap_pop(&s->cand);
    }
    return SIZE_MAX;
}

/* --explain: in a step that picked 'pick', every candidate left out for a rule although it was
 * worth more was passed over by that rule; the first such rule is its reason. A candidate only
 * ever behind the picks was not reached (or, if a chosen sentence now duplicates it, is a
 * duplicate anyway). Without this, a sentence skipped because it did not fit was later reported
 * as a duplicate of a shorter sentence chosen after it. Those left out but behind the pick wait
 * in 'passed' for a later, weaker pick. */
static void note_passed_over(selector *s, size_t pick)
{
    heap *h = &s->passed;
    for (size_t k = 0; k < s->n_dropped; k++) {
        uint32_t i = s->dropped[k];
        s->value[i] = value_of(s, i);
        heap_push(h, i);
    }
    while (h->n > 0 && above(h, h->v[0], (uint32_t)pick)) {
        uint32_t i = h->v[0];
        double v = value_of(s, i);
        if (v < s->value[i]) {
            s->value[i] = v;
            sift_down(h, 0);
            continue;
        }
        heap_pop(h);
        // The same tests, in the same order, as the selection.
        if (s->out->skip[i] == PRECIS_SKIP_NONE &&
            !note_repeat(s->opt, s->out, s->max_sim, s->max_from, i) && !fits(s, i))
            s->out->skip[i] = PRECIS_SKIP_BUDGET;
    }
}

/* Takes 'pick': the sentence after it may now be open, and what shares a term with it is now
 * more similar to the chosen set, or restates it. */
static void take(selector *s, restate_state *rs, double *acc, uint32_t *touched, size_t pick)
{
    const precis_select_input *in = s->in;
    precis_selection *out = s->out;
    out->chosen[out->n_chosen++] = pick;
    s->taken[pick] = true;
    tree_set(&s->blocked, pick, -1);
    s->used += cost(in, s->opt, pick);
    // Only the next candidate can point back to the pick: the sentence right after it.
    if (pick + 1 < in->n && in->antecedent != NULL && in->antecedent[pick + 1] == pick &&
        in->eligible[pick + 1])
        open_candidate(s, pick + 1);
    // Only sentences sharing a term with the pick can be similar to it or restate it.
    size_t n_touched = precis_csr_overlap(in->x, in->xt, pick, rs->weight, in->term_number, acc,
                                          rs->shared, rs->count, rs->shared_numbers, touched);
    for (size_t q = 0; q < n_touched; q++) {
        uint32_t i = touched[q];
        double sh = restate_share(rs, pick, i);
        bool in_play = !s->taken[i] && in->eligible[i];
        bool repeated = in_play && repeats(s->opt, out, s->max_sim, i);
        if (in_play && acc[i] > s->max_sim[i]) {
            s->max_sim[i] = acc[i];
            if (s->max_from != NULL)
                s->max_from[i] = pick;
        }
        if (in_play && sh > out->restate_share[i]) {
            out->restate_share[i] = sh;
            out->restates[i] = pick;
        }
        if (in_play && s->open[i] && !repeated && repeats(s->opt, out, s->max_sim, i))
            tree_set(&s->blocked, i, -1);
        acc[i] = 0.0;
    }
}

/* The budget in its unit: a ratio becomes a count of candidates. */
static double budget_limit(const precis_select_input *in, const precis_options *opt)
{
    if (opt->budget_kind != PRECIS_BUDGET_RATIO)
        return opt->budget;
    size_t eligible = 0;
    for (size_t i = 0; i < in->n; i++)
        eligible += in->eligible[i];
    double limit = ceil(opt->budget * (double)eligible);
    return limit < 1 ? 1 : limit;
}

/* Why each candidate left out was left out (explain only), once the selection has ended. */
static void note_the_rest(selector *s)
{
    const precis_select_input *in = s->in;
    precis_selection *out = s->out;
    for (size_t i = 0; i < in->n; i++) {
        if (s->taken[i])
            out->skip[i] = PRECIS_SKIP_NONE;
        else if (!in->eligible[i])
            out->skip[i] = PRECIS_SKIP_SHORT;
        else if (out->skip[i] == PRECIS_SKIP_NONE && waits(in, s->taken, i))
            out->skip[i] = PRECIS_SKIP_POINTS_BACK;
        else if (out->skip[i] == PRECIS_SKIP_NONE &&
                 !note_repeat(s->opt, out, s->max_sim, s->max_from, i))
            out->skip[i] = PRECIS_SKIP_NOT_REACHED;
    }
}

/* What is left of the budget stays unused rather than hold a weak sentence: those that fit are
 * too weak, the better ones did not fit (explain only: says so of each candidate in play). */
static void note_too_weak(selector *s)
{
    for (size_t i = 0; i < s->in->n; i++)
        if (!s->taken[i] && s->open[i] && !repeats(s->opt, s->out, s->max_sim, i) &&
            s->out->skip[i] == PRECIS_SKIP_NONE)
            s->out->skip[i] = fits(s, i) ? PRECIS_SKIP_WEAK : PRECIS_SKIP_BUDGET;
}

static void selector_destroy(selector *s)
{
    free(s->max_sim);
    free(s->max_from);
    free(s->value);
    free(s->taken);
    free(s->open);
    free(s->cand.v);
    free(s->passed.v);
    free(s->dropped);
    tree_destroy(&s->blocked);
}

static bool selector_init(selector *s, const precis_select_input *in, const precis_options *opt,
                          precis_selection *out)
{
    size_t n = in->n, n1 = n ? n : 1;
    memset(s, 0, sizeof *s);
    s->in = in;
    s->opt = opt;
    s->out = out;
    s->limit = budget_limit(in, opt);
    s->lambda = opt->redundancy;
    s->max_sim = precis_calloc(n1, sizeof *s->max_sim);
    s->value = precis_calloc(n1, sizeof *s->value);
    s->taken = precis_calloc(n1, sizeof *s->taken);
    s->open = precis_calloc(n1, sizeof *s->open);
    s->cand = (heap){precis_malloc(n1 * sizeof *s->cand.v), 0, s->value, in->pos};
    s->passed = (heap){precis_malloc(n1 * sizeof *s->passed.v), 0, s->value, in->pos};
    s->dropped = precis_malloc(n1 * sizeof *s->dropped);
    out->restates = precis_malloc(n1 * sizeof *out->restates);
    out->restate_share = precis_calloc(n1, sizeof *out->restate_share);
    out->chosen = precis_malloc(n1 * sizeof *out->chosen);
    if (s->max_sim == NULL || s->value == NULL || s->taken == NULL || s->open == NULL ||
        s->cand.v == NULL || s->passed.v == NULL || s->dropped == NULL ||
        out->restates == NULL || out->restate_share == NULL || out->chosen == NULL ||
        !tree_init(&s->blocked, in, s->dropped))
        return false;
    for (size_t i = 0; i < n; i++)
        out->restates[i] = SIZE_MAX;
    if (opt->explain) {
        s->max_from = precis_malloc(n1 * sizeof *s->max_from);
        out->skip = precis_calloc(n1, sizeof *out->skip);
        out->dup_of = precis_malloc(n1 * sizeof *out->dup_of);
        out->dup_sim = precis_calloc(n1, sizeof *out->dup_sim);
        if (s->max_from == NULL || out->skip == NULL || out->dup_of == NULL ||
            out->dup_sim == NULL)
            return false;
        for (size_t i = 0; i < n; i++)
            s->max_from[i] = out->dup_of[i] = SIZE_MAX;
    }
    s->best = 0;
    for (size_t i = 0; i < n; i++)
        if (in->eligible[i] && in->score[i] > s->best)
            s->best = in->score[i];
    if (s->best <= 0)
        s->best = 1;
    for (size_t i = 0; i < n; i++)
        if (in->eligible[i] && !waits(in, s->taken, i))
            open_candidate(s, i);
    return true;
}

precis_status precis_select(const precis_select_input *in, const precis_options *opt,
                            precis_selection *out)
{
    memset(out, 0, sizeof *out);
    selector s;
    restate_state rs;
    double *acc = precis_calloc(in->n ? in->n : 1, sizeof *acc);
    uint32_t *touched = precis_malloc((in->n ? in->n : 1) * sizeof *touched);
    bool ready = restate_init(&rs, in);
    precis_status st = PRECIS_ERR_NOMEM;
    if (!selector_init(&s, in, opt, out) || acc == NULL || touched == NULL || !ready)
        goto done;
    for (;;) {
        size_t pick = next_pick(&s);
        if (pick == SIZE_MAX)
            break;
        size_t b = tree_first_over(&s.blocked, s.limit + 1e-9 - s.used);
        double blocked = b == SIZE_MAX ? 0 : fmax(0, in->score[b]); // the best that does not fit
        if (in->score[pick] < FILL_FLOOR * blocked) {
            if (out->skip != NULL)
                note_too_weak(&s);
            break;
        }
        if (out->skip != NULL)
            note_passed_over(&s, pick);
        take(&s, &rs, acc, touched, pick);
    }
    if (out->skip != NULL)
        note_the_rest(&s);
    st = PRECIS_OK;
done:
    selector_destroy(&s);
    free(acc);
    free(touched);
    restate_destroy(&rs);
    if (st != PRECIS_OK)
        precis_selection_destroy(out);
    return st;
}

/* ---- the select stage: the inputs of precis_select() from the earlier stages' outputs ---- */

/* The sentence's first words (at most 'max_words'), lower-cased and joined by single spaces,
 * in 'buf' (opening quotes and brackets skipped); 'ends[w]' is the length of the first w + 1
 * words. Returns how many words were read. */
static size_t first_words(const char *s, size_t len, char *buf, size_t cap, size_t *ends,
                          size_t max_words)
{
    size_t i = 0, k, n = 0, w = 0;
    while (i < len && (s[i] == '`' || s[i] == '"' || s[i] == '\'' || s[i] == '(' || s[i] == '['))
        i++;
    while (i < len) {
        int32_t c = precis_decode(s, len, i, &k);
        if (c == 0x201C || c == 0x2018 || c == 0x00AB || c == 0x201E) {
            i += k;
            continue;
        }
        break;
    }
    while (w < max_words) {
        size_t start = n;
        while (i < len) {
            int32_t c = precis_decode(s, len, i, &k);
            if (!precis_is_letter(c))
                break;
            if (!precis_put_lower(buf, &n, cap, c))
                return w;
            i += k;
        }
        if (n == start)
            break;
        ends[w++] = n;
        if (i >= len || s[i] != ' ' || n + 1 >= cap) // a phrase's words: one space apart
            break;
        buf[n++] = ' ';
        i++;
    }
    return w;
}

/* A language's words that point back (stopwords/<code>.point), looked up once per language
 * (precis_lang_at searches the word lists by name): 'state' 0 not yet, 1 no list, 2 in 'set';
 * 'starts' holds the entries' first words, so that a sentence whose first word starts none
 * (most of them) costs one look-up. */
typedef struct point_list {
    uint8_t state;
    precis_strset set, starts;
} point_list;

static precis_status point_list_load(point_list *p, size_t l)
{
    precis_lang lang;
    p->state = 1;
    if (!precis_lang_at(l, &lang) || lang.n_point == 0)
        return PRECIS_OK;
    precis_strset_init(&p->set);
    precis_strset_init(&p->starts);
    p->state = 2;
    precis_status st = precis_strset_add_array(&p->set, lang.point, lang.n_point);
    for (size_t i = 0; i < lang.n_point && st == PRECIS_OK; i++)
        if (lang.point[i][0] != '#' && lang.point[i][0] != '\0')
            st = precis_strset_add(&p->starts, lang.point[i], strcspn(lang.point[i], " "));
    return st;
}

/* Whether the sentence 'text' ('len' bytes) opens with a word or phrase of 'p': "He", "But", and
 * phrases of up to four words ("As a result", "At the same time"). */
static bool points_back(const point_list *p, const char *text, size_t len)
{
    char w[64];
    size_t ends[4], n_words = first_words(text, len, w, sizeof w, ends, 1);
    if (n_words == 0 || !precis_strset_has(&p->starts, w, ends[0]))
        return false;
    n_words = first_words(text, len, w, sizeof w, ends, 4);
    for (size_t q = 0; q < n_words; q++)
        if (precis_strset_has(&p->set, w, ends[q]))
            return true;
    return false;
}

/* Per candidate: SIZE_MAX when it stands alone; else the candidate it points back to (the
 * sentence before it in its document) or PRECIS_NO_ANTECEDENT (precis_select_input). '*any'
 * tells whether one does. */
static precis_status find_antecedents(const precis_candidates *cd, size_t *antecedent, bool *any)
{
    point_list lists[PRECIS_MAX_LANGS];
    for (size_t l = 0; l < PRECIS_MAX_LANGS; l++)
        lists[l].state = 0;
    precis_status st = PRECIS_OK;
    *any = false;
    for (size_t k = 0; k < cd->n && st == PRECIS_OK; k++) {
        antecedent[k] = SIZE_MAX;
        const precis_sent *s = precis_candidate(cd, k);
        size_t l = cd->doc_lang[s->doc];
        if (l >= PRECIS_MAX_LANGS)
            continue;
        if (lists[l].state == 0 && (st = point_list_load(&lists[l], l)) != PRECIS_OK)
            break;
        if (lists[l].state != 2 || !points_back(&lists[l], cd->docs[s->doc].text + s->off, s->len))
            continue;
        *any = true;
        const precis_sent *before = k > 0 ? precis_candidate(cd, k - 1) : NULL;
        bool adjacent = before != NULL && before->doc == s->doc && before->index + 1 == s->index;
        antecedent[k] = adjacent ? k - 1 : PRECIS_NO_ANTECEDENT;
    }
    for (size_t l = 0; l < PRECIS_MAX_LANGS; l++)
        if (lists[l].state == 2) {
            precis_strset_destroy(&lists[l].set);
            precis_strset_destroy(&lists[l].starts);
        }
    return st;
}

/* Which candidates may be output: statements long enough; failing any, a question; failing
 * that, any. Questions and interview markers help the ranking but answer nothing themselves. */
static void mark_eligible(const precis_candidates *cd, const precis_options *opt, bool *eligible)
{
    bool any = false;
    for (size_t k = 0; k < cd->n; k++) {
        const precis_sent *s = precis_candidate(cd, k);
        eligible[k] = s->n_words >= opt->min_words && !s->ask;
        any |= eligible[k];
    }
    for (size_t k = 0; k < cd->n && !any; k++) // no statement long enough: a question, then any
        any |= eligible[k] = !precis_candidate(cd, k)->ask;
    if (!any) // only short sentences: better a short one than none
        for (size_t k = 0; k < cd->n; k++)
            eligible[k] = true;
}

precis_status precis_select_sentences(const precis_candidates *cd, const precis_vocab *vocab,
                                      const precis_csr *x, const double *score,
                                      const precis_options *opt, precis_csr *xt,
                                      precis_selection *sel, size_t **antecedent_out)
{
    size_t n = cd->n;
    *antecedent_out = NULL;
    precis_status st = PRECIS_ERR_NOMEM;
    uint32_t *words = precis_malloc(n * sizeof *words), *bytes = precis_malloc(n * sizeof *bytes);
    uint32_t *pos = precis_malloc(n * sizeof *pos);
    bool *eligible = precis_malloc(n * sizeof *eligible);
    size_t *antecedent = precis_malloc(n * sizeof *antecedent);
    bool *term_number = precis_malloc((vocab->n ? vocab->n : 1) * sizeof *term_number);
    bool points = false;
    if (words == NULL || bytes == NULL || pos == NULL || eligible == NULL || antecedent == NULL ||
        term_number == NULL)
        goto done;
    // A term that opens with a digit is a number (the tokenizer keeps "1992", "3.5", "10,000").
    for (size_t t = 0; t < vocab->n; t++)
        term_number[t] = vocab->terms[t][0] >= '0' && vocab->terms[t][0] <= '9';
    if ((st = find_antecedents(cd, antecedent, &points)) != PRECIS_OK)
        goto done;
    for (size_t k = 0; k < n; k++) {
        words[k] = precis_candidate(cd, k)->n_words;
        bytes[k] = precis_candidate(cd, k)->n_bytes;
        pos[k] = (uint32_t)k;
    }
    mark_eligible(cd, opt, eligible);
    if ((st = precis_csr_transpose(x, xt)) != PRECIS_OK)
        goto done;
    precis_select_input in = {.n = n,
                              .score = score,
                              .words = words,
                              .bytes = bytes,
                              .eligible = eligible,
                              .x = x,
                              .pos = pos,
                              .xt = xt,
                              .antecedent = points ? antecedent : NULL,
                              .term_number = term_number};
    st = precis_select(&in, opt, sel);
    if (st == PRECIS_OK && sel->n_chosen == 0 && points) {
        // Every sentence that fits points back to one that cannot be chosen (a text of
        // pronouns): a summary that needs its context beats none.
        precis_selection_destroy(sel);
        in.antecedent = NULL;
        st = precis_select(&in, opt, sel);
    }
    for (size_t k = 0; st == PRECIS_OK && sel->skip != NULL && k < n; k++)
        if (sel->skip[k] == PRECIS_SKIP_SHORT && precis_candidate(cd, k)->ask)
            sel->skip[k] = PRECIS_SKIP_QUESTION;
    if (st == PRECIS_OK && in.antecedent != NULL) {
        *antecedent_out = antecedent; // the output order keeps each with its antecedent
        antecedent = NULL;
    }
done:
    free(words);
    free(bytes);
    free(pos);
    free(eligible);
    free(term_number);
    free(antecedent);
    return st;
}

/* ---- provenance: which sentences of other documents back each chosen one ------------------ */

precis_status precis_select_support(const precis_candidates *cd, const precis_csr *x,
                                    const precis_csr *xt, const precis_selection *sel,
                                    const precis_options *opt, const size_t *picked, size_t k,
                                    size_t *owner, double *owner_sim)
{
    size_t n = cd->n;
    double *acc = precis_calloc(n ? n : 1, sizeof *acc);
    uint32_t *touched = precis_malloc((n ? n : 1) * sizeof *touched);
    size_t *place = precis_malloc((n ? n : 1) * sizeof *place); // candidate -> index in picked
    if (acc == NULL || touched == NULL || place == NULL) {
        free(acc);
        free(touched);
        free(place);
        return PRECIS_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        owner[i] = SIZE_MAX;
        owner_sim[i] = 0;
    }
    // Each other-document candidate that duplicates a chosen sentence supports the closest one;
    // 'picked' is in output order, so the first of equally similar picks owns a sentence. (The
    // selection's own similarities cannot serve: it keeps them for eligible candidates only,
    // counts picks of the same document, and breaks ties in the order of choice.)
    for (size_t j = 0; j < k; j++) {
        size_t c = picked[j];
        uint32_t doc = precis_candidate(cd, c)->doc;
        size_t n_touched = precis_csr_similar(x, xt, c, acc, touched);
        for (size_t q = 0; q < n_touched; q++) {
            size_t i = touched[q];
            double sim = acc[i];
            acc[i] = 0.0;
            if (i == c || precis_candidate(cd, i)->doc == doc)
                continue;
            if (sim >= opt->dedup && sim > owner_sim[i]) {
                owner[i] = j;
                owner_sim[i] = sim;
            }
        }
    }
    // A sentence that restates a pick in other words supports it too (the selection recorded
    // the pick; cosine owners come first, as the closer wording).
    for (size_t j = 0; j < k; j++)
        place[picked[j]] = j;
    for (size_t i = 0; i < n; i++) {
        size_t by = sel->restates[i];
        if (owner[i] == SIZE_MAX && by != SIZE_MAX && sel->restate_share[i] >= opt->restate &&
            precis_candidate(cd, i)->doc != precis_candidate(cd, by)->doc) {
            owner[i] = place[by];
            owner_sim[i] = precis_csr_dot(x, i, by);
        }
    }
    for (size_t j = 0; j < k; j++) // a chosen sentence supports no other
        owner[picked[j]] = SIZE_MAX;
    free(acc);
    free(touched);
    free(place);
    return PRECIS_OK;
}
