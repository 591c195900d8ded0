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

/* --explain: in a step that picked 'pick' with value 'pick_v', every candidate left out for a
 * rule although it was worth more was passed over by that rule; the first such rule is its
 * reason. A candidate only ever behind the picks was not reached (or, if a chosen sentence now
 * duplicates it, is a duplicate anyway). Without this, a sentence skipped because it did not fit
 * was later reported as a duplicate of a shorter sentence chosen after it. */
static void note_passed_over(const precis_select_input *in, const precis_options *opt,
                             precis_selection *out, const bool *taken, const double *max_sim,
                             const size_t *max_from, double best, double used, double limit,
                             size_t pick, double pick_v);

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

/* The budget in its unit: a ratio is of the eligible candidates, at least one. */
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

/* --explain: the arrays of why candidates were left out, and the chosen candidate behind each
 * one's highest similarity (returned; NULL when out of memory). */
static size_t *explain_init(size_t n, precis_selection *out)
{
    size_t *max_from = precis_malloc((n ? n : 1) * sizeof *max_from);
    out->skip = precis_calloc(n ? n : 1, sizeof *out->skip);
    out->dup_of = precis_malloc((n ? n : 1) * sizeof *out->dup_of);
    out->dup_sim = precis_calloc(n ? n : 1, sizeof *out->dup_sim);
    if (max_from == NULL || out->skip == NULL || out->dup_of == NULL || out->dup_sim == NULL) {
        free(max_from);
        return NULL;
    }
    for (size_t i = 0; i < n; i++)
        max_from[i] = out->dup_of[i] = SIZE_MAX;
    return max_from;
}

/* --explain, once the selection is over: the reason of every candidate no rule has yet
 * claimed. */
static void note_the_rest(const precis_select_input *in, const precis_options *opt,
                          precis_selection *out, const bool *taken, const double *max_sim,
                          const size_t *max_from)
{
    for (size_t i = 0; i < in->n; i++) {
        if (taken[i])
            out->skip[i] = PRECIS_SKIP_NONE;
        else if (!in->eligible[i])
            out->skip[i] = PRECIS_SKIP_SHORT;
        else if (out->skip[i] == PRECIS_SKIP_NONE && waits(in, taken, i))
            out->skip[i] = PRECIS_SKIP_POINTS_BACK;
        else if (out->skip[i] == PRECIS_SKIP_NONE && !note_repeat(opt, out, max_sim, max_from, i))
            out->skip[i] = PRECIS_SKIP_NOT_REACHED;
    }
}

/* After 'pick' is taken: each candidate's highest similarity to the chosen set and the chosen
 * sentence it most restates, updated through the pick's terms only ('acc' and 'touched' are
 * scratch, 'acc' zero before and after). */
static void absorb_pick(const precis_select_input *in, restate_state *rs, size_t pick,
                        const bool *taken, double *acc, uint32_t *touched, double *max_sim,
                        size_t *max_from, precis_selection *out)
{
    // Only sentences sharing a term with the pick can be similar to it or restate it.
    size_t n_touched = precis_csr_overlap(in->x, in->xt, pick, rs->weight, in->term_number, acc,
                                          rs->shared, rs->count, rs->shared_numbers, touched);
    for (size_t q = 0; q < n_touched; q++) {
        uint32_t i = touched[q];
        double sh = restate_share(rs, pick, i);
        if (!taken[i] && in->eligible[i] && acc[i] > max_sim[i]) {
            max_sim[i] = acc[i];
            if (max_from != NULL)
                max_from[i] = pick;
        }
        if (!taken[i] && in->eligible[i] && sh > out->restate_share[i]) {
            out->restate_share[i] = sh;
            out->restates[i] = pick;
        }
        acc[i] = 0.0;
    }
}

precis_status precis_select(const precis_select_input *in, const precis_options *opt,
                            precis_selection *out)
{
    memset(out, 0, sizeof *out);
    size_t n = in->n;
    double limit = budget_limit(in, opt);
    double *max_sim = precis_calloc(n ? n : 1, sizeof *max_sim);
    bool *taken = precis_calloc(n ? n : 1, sizeof *taken);
    // May be taken now: eligible, and not waiting for an antecedent (one byte to test in the
    // loop over every candidate, however many rules feed it).
    bool *open = precis_malloc((n ? n : 1) * sizeof *open);
    double *acc = precis_calloc(n ? n : 1, sizeof *acc);
    uint32_t *touched = precis_malloc((n ? n : 1) * sizeof *touched);
    restate_state rs;
    bool rs_ready = restate_init(&rs, in);
    out->restates = precis_malloc((n ? n : 1) * sizeof *out->restates);
    out->restate_share = precis_calloc(n ? n : 1, sizeof *out->restate_share);
    size_t cap = 0;
    size_t *max_from = NULL; // the chosen candidate behind max_sim (explain only)
    precis_status st = PRECIS_ERR_NOMEM;
    if (max_sim == NULL || taken == NULL || open == NULL || acc == NULL || touched == NULL ||
        !rs_ready || out->restates == NULL || out->restate_share == NULL)
        goto done;
    for (size_t i = 0; i < n; i++)
        out->restates[i] = SIZE_MAX;
    for (size_t i = 0; i < n; i++)
        open[i] = in->eligible[i] && !waits(in, taken, i);
    if (opt->explain && (max_from = explain_init(n, out)) == NULL)
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
        double pick_v = -INFINITY, blocked = 0; // the best score that does not fit
        for (size_t i = 0; i < n; i++) {
            if (taken[i] || !open[i] || repeats(opt, out, max_sim, i))
                continue;
            if (used + cost(in, opt, i) > limit + 1e-9) {
                if (in->score[i] > blocked)
                    blocked = in->score[i];
                continue;
            }
            double v = (1 - lambda) * in->score[i] / best - lambda * max_sim[i];
            if (v > pick_v || (v == pick_v && in->pos[i] < in->pos[pick])) {
                pick = i;
                pick_v = v;
            }
        }
        if (pick == SIZE_MAX)
            break;
        if (in->score[pick] < FILL_FLOOR * blocked) {
            // What is left of the budget stays unused rather than hold a weak sentence: those
            // that fit are too weak, the better ones did not fit.
            for (size_t i = 0; out->skip != NULL && i < n; i++)
                if (!taken[i] && open[i] && !repeats(opt, out, max_sim, i) &&
                    out->skip[i] == PRECIS_SKIP_NONE)
                    out->skip[i] = used + cost(in, opt, i) <= limit + 1e-9 ? PRECIS_SKIP_WEAK
                                                                          : PRECIS_SKIP_BUDGET;
            break;
        }
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
        absorb_pick(in, &rs, pick, taken, acc, touched, max_sim, max_from, out);
    }
    if (out->skip != NULL)
        note_the_rest(in, opt, out, taken, max_sim, max_from);
    st = PRECIS_OK;
done:
    free(max_from);
    free(max_sim);
    free(taken);
    free(open);
    free(acc);
    free(touched);
    restate_destroy(&rs);
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
        if (!note_repeat(opt, out, max_sim, max_from, i) && used + cost(in, opt, i) > limit + 1e-9)
            out->skip[i] = PRECIS_SKIP_BUDGET;
    }
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
