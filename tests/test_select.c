/* Stage 8: precis_select() picks the best non-redundant candidates within a budget. */
#include "internal.h"

#include "helpers.h"

#define MAXN 64
#define NT 8 // shared terms a test can give rows

/* A selection problem: candidates with scores, lengths and TF-IDF rows. By default every row
 * is its own term (no two candidates similar), every candidate eligible, pos = index. */
typedef struct problem {
    size_t n;
    double score[MAXN];
    uint32_t words[MAXN], bytes[MAXN], pos[MAXN];
    bool eligible[MAXN];
    size_t antecedent[MAXN]; // SIZE_MAX: stands alone (the default)
    double rows[MAXN][NT]; // dense rows over NT terms, or all zero for "own term"
    bool number[NT + MAXN]; // per term: a number (the restatement test's guard)
    double restate_share[MAXN]; // after run_select(): the selection's restatement shares
    precis_csr x;
    precis_options opt;
} problem;

static void problem_init(problem *p, size_t n, const double *score)
{
    memset(p, 0, sizeof *p);
    assert_true(n <= MAXN);
    p->n = n;
    for (size_t i = 0; i < n; i++) {
        p->score[i] = score[i];
        p->words[i] = 10;
        p->bytes[i] = 60;
        p->pos[i] = (uint32_t)i;
        p->eligible[i] = true;
        p->antecedent[i] = SIZE_MAX;
    }
    precis_options_init(&p->opt);
    p->opt.redundancy = 0;
    p->opt.dedup = 0.5;
}

/* Builds the CSR: a row with all zeros in p->rows gets its own private column NT + i. */
static void build_x(problem *p)
{
    precis_csr *x = &p->x;
    memset(x, 0, sizeof *x);
    x->n_rows = p->n;
    x->n_cols = NT + p->n;
    x->ptr = malloc((p->n + 1) * sizeof *x->ptr);
    x->col = malloc((NT * p->n + 1) * sizeof *x->col);
    x->val = malloc((NT * p->n + 1) * sizeof *x->val);
    assert_true(x->ptr && x->col && x->val);
    size_t k = 0;
    x->ptr[0] = 0;
    for (size_t i = 0; i < p->n; i++) {
        double norm = 0;
        for (int t = 0; t < NT; t++)
            norm += p->rows[i][t] * p->rows[i][t];
        if (norm == 0) {
            x->col[k] = (uint32_t)(NT + i);
            x->val[k++] = 1;
        } else {
            for (int t = 0; t < NT; t++)
                if (p->rows[i][t] != 0) {
                    x->col[k] = (uint32_t)t;
                    x->val[k++] = (float)(p->rows[i][t] / sqrt(norm));
                }
        }
        x->ptr[i + 1] = k;
    }
    x->nnz = k;
}

/* Runs the selection; 'chosen' gets the candidate indexes in order of choice. */
static size_t run_select(problem *p, size_t *chosen)
{
    build_x(p);
    precis_csr xt;
    assert_int_equal(precis_csr_transpose(&p->x, &xt), PRECIS_OK);
    precis_select_input in = {.n = p->n,
                              .score = p->score,
                              .words = p->words,
                              .bytes = p->bytes,
                              .eligible = p->eligible,
                              .x = &p->x,
                              .pos = p->pos,
                              .xt = &xt,
                              .antecedent = p->antecedent,
                              .term_number = p->number};
    precis_selection sel;
    assert_int_equal(precis_select(&in, &p->opt, &sel), PRECIS_OK);
    size_t n = sel.n_chosen;
    assert_true(n <= p->n);
    for (size_t i = 0; i < n; i++)
        chosen[i] = sel.chosen[i];
    memcpy(p->restate_share, sel.restate_share, p->n * sizeof *sel.restate_share);
    precis_selection_destroy(&sel);
    precis_csr_destroy(&p->x);
    precis_csr_destroy(&xt);
    return n;
}

static void check_chosen(const size_t *got, size_t n_got, const size_t *want, size_t n_want,
                         int line)
{
    bool ok = n_got == n_want;
    for (size_t i = 0; ok && i < n_want; i++)
        ok = got[i] == want[i];
    if (!ok) {
        print_error("chosen:");
        for (size_t i = 0; i < n_got; i++)
            print_error(" %zu", got[i]);
        print_error("; expected:");
        for (size_t i = 0; i < n_want; i++)
            print_error(" %zu", want[i]);
        print_error("\n");
        _fail(__FILE__, line);
    }
}

#define assert_chosen(got, n_got, ...)                                                         \
    do {                                                                                       \
        const size_t want_[] = {__VA_ARGS__};                                                  \
        check_chosen((got), (n_got), want_, sizeof want_ / sizeof want_[0], __LINE__);         \
    } while (0)

static const double SCORES[5] = {0.10, 0.30, 0.20, 0.25, 0.15};

static void test_select_sentence_budget(void **state)
{
    (void)state;
    problem p;
    problem_init(&p, 5, SCORES);
    p.opt.budget_kind = PRECIS_BUDGET_SENTENCES;
    p.opt.budget = 3;
    size_t c[MAXN];
    size_t n = run_select(&p, c);
    assert_chosen(c, n, 1, 3, 2);
    p.opt.budget = 10; // more than there are
    n = run_select(&p, c);
    assert_chosen(c, n, 1, 3, 2, 4, 0);
}

static void test_select_word_budget_best_that_fit(void **state)
{
    (void)state;
    problem p;
    problem_init(&p, 5, SCORES);
    const uint32_t words[5] = {10, 30, 10, 10, 5};
    memcpy(p.words, words, sizeof words);
    p.opt.budget_kind = PRECIS_BUDGET_WORDS;
    p.opt.budget = 25;
    size_t c[MAXN];
    size_t n = run_select(&p, c);
    // 1 (30 words) never fits; 3, 2 (20 words), then 4 (25); 0 no longer fits.
    assert_chosen(c, n, 3, 2, 4);
    p.opt.budget = 30; // now the best one fills the budget exactly
    n = run_select(&p, c);
    assert_chosen(c, n, 1);
}

static void test_select_byte_budget_counts_newlines(void **state)
{
    (void)state;
    problem p;
    problem_init(&p, 5, SCORES);
    const uint32_t bytes[5] = {50, 99, 30, 20, 10};
    memcpy(p.bytes, bytes, sizeof bytes);
    p.opt.budget_kind = PRECIS_BUDGET_BYTES;
    p.opt.budget = 100; // 99 bytes + newline = 100: fits exactly, then nothing else does
    size_t c[MAXN];
    size_t n = run_select(&p, c);
    assert_chosen(c, n, 1);
    p.opt.budget = 99; // 1 no longer fits: 3 (21), 2 (52), 4 (63); 0 would make 114
    n = run_select(&p, c);
    assert_chosen(c, n, 3, 2, 4);
}

static void test_select_ratio_budget(void **state)
{
    (void)state;
    problem p;
    problem_init(&p, 5, SCORES);
    p.opt.budget_kind = PRECIS_BUDGET_RATIO;
    p.opt.budget = 0.4; // ceil(0.4 * 5) = 2
    size_t c[MAXN];
    size_t n = run_select(&p, c);
    assert_chosen(c, n, 1, 3);
    p.opt.budget = 0.01; // at least one
    n = run_select(&p, c);
    assert_chosen(c, n, 1);
    p.opt.budget = 1;
    n = run_select(&p, c);
    assert_int_equal(n, 5);
}

static void test_select_skips_duplicates(void **state)
{
    (void)state;
    const double score[4] = {0.4, 0.3, 0.2, 0.1};
    problem p;
    problem_init(&p, 4, score);
    // 0 and 1 are the same sentence; 2 is half like 0 (cos 0.6); 3 unrelated.
    p.rows[0][0] = 1;
    p.rows[1][0] = 1;
    p.rows[2][0] = 0.6;
    p.rows[2][1] = 0.8;
    p.opt.budget = 3;
    p.opt.dedup = 0.7;
    size_t c[MAXN];
    size_t n = run_select(&p, c);
    assert_chosen(c, n, 0, 2, 3);
    p.opt.dedup = 0.5; // now 2 is a duplicate of 0 too
    n = run_select(&p, c);
    assert_chosen(c, n, 0, 3);
    p.opt.dedup = 1.01; // nothing is a duplicate
    n = run_select(&p, c);
    assert_chosen(c, n, 0, 1, 2);
}

static void test_select_duplicate_of_any_chosen(void **state)
{
    (void)state;
    // 2 duplicates 1, which is chosen second: 2 must still be skipped.
    const double score[3] = {0.5, 0.3, 0.2};
    problem p;
    problem_init(&p, 3, score);
    p.rows[1][1] = 1;
    p.rows[2][1] = 1;
    p.opt.budget = 3;
    size_t c[MAXN];
    size_t n = run_select(&p, c);
    assert_chosen(c, n, 0, 1);
}

static void test_select_ties_broken_by_position(void **state)
{
    (void)state;
    const double score[4] = {0.25, 0.25, 0.25, 0.25};
    problem p;
    problem_init(&p, 4, score);
    const uint32_t pos[4] = {3, 1, 2, 0};
    memcpy(p.pos, pos, sizeof pos);
    p.opt.budget = 4;
    size_t c[MAXN];
    size_t n = run_select(&p, c);
    assert_chosen(c, n, 3, 1, 2, 0);
    p.opt.budget = 1;
    n = run_select(&p, c);
    assert_chosen(c, n, 3);
}

static void test_select_never_chooses_ineligible(void **state)
{
    (void)state;
    problem p;
    problem_init(&p, 5, SCORES);
    p.eligible[1] = false;
    p.eligible[3] = false;
    p.opt.budget = 5;
    size_t c[MAXN];
    size_t n = run_select(&p, c);
    assert_chosen(c, n, 2, 4, 0);
    // An ineligible candidate does not block its duplicates either.
    p.rows[1][0] = 1;
    p.rows[2][0] = 1;
    n = run_select(&p, c);
    assert_chosen(c, n, 2, 4, 0);
}

static void test_select_redundancy_trades_score_for_coverage(void **state)
{
    (void)state;
    const double score[3] = {1.0, 0.9, 0.5};
    problem p;
    problem_init(&p, 3, score);
    p.rows[0][0] = 1;
    p.rows[1][0] = 1;
    p.opt.dedup = 2; // never a duplicate outright
    p.opt.budget = 3;
    size_t c[MAXN];
    size_t n = run_select(&p, c);
    assert_chosen(c, n, 0, 1, 2);
    // lambda 0.5: after 0, candidate 1 is worth 0.45 - 0.5 = -0.05, candidate 2 0.25.
    p.opt.redundancy = 0.5;
    n = run_select(&p, c);
    assert_chosen(c, n, 0, 2, 1);
}

/* Random problems: the budget is never exceeded, and when the selection stops, no candidate
 * that is eligible, not taken and not a duplicate would still fit. */
static void test_select_budget_never_exceeded(void **state)
{
    (void)state;
    uint32_t seed = 99;
    const precis_budget_kind kinds[] = {PRECIS_BUDGET_WORDS, PRECIS_BUDGET_BYTES,
                                        PRECIS_BUDGET_SENTENCES};
    for (int trial = 0; trial < 300; trial++) {
        problem p;
        double score[MAXN];
        size_t n = 1 + (seed = seed * 1664525u + 1013904223u) % 40;
        for (size_t i = 0; i < n; i++)
            score[i] = ((seed = seed * 1664525u + 1013904223u) >> 8) % 1000 / 1000.0;
        problem_init(&p, n, score);
        for (size_t i = 0; i < n; i++) {
            seed = seed * 1664525u + 1013904223u;
            p.words[i] = 1 + (seed >> 8) % 40;
            p.bytes[i] = p.words[i] * 6;
            p.eligible[i] = (seed >> 20) % 5 != 0;
            for (int t = 0; t < 4; t++)
                p.rows[i][t] = (seed >> (4 + t)) % 3 == 0 ? 1 + t : 0;
        }
        p.opt.budget_kind = kinds[trial % 3];
        p.opt.budget = 1 + (seed >> 10) % (p.opt.budget_kind == PRECIS_BUDGET_BYTES ? 600 : 100);
        if (p.opt.budget_kind == PRECIS_BUDGET_SENTENCES)
            p.opt.budget = 1 + (seed >> 10) % 6;
        p.opt.dedup = 0.3 + (trial % 7) / 10.0;
        size_t c[MAXN];
        size_t k = run_select(&p, c);
        double used = 0;
        bool taken[MAXN] = {false};
        for (size_t j = 0; j < k; j++) {
            assert_true(p.eligible[c[j]]);
            assert_false(taken[c[j]]);
            taken[c[j]] = true;
            used += p.opt.budget_kind == PRECIS_BUDGET_WORDS   ? p.words[c[j]]
                    : p.opt.budget_kind == PRECIS_BUDGET_BYTES ? p.bytes[c[j]] + 1.0
                                                               : 1.0;
        }
        assert_true(used <= p.opt.budget);
        // Maximal: nothing left out would have fitted, but a sentence under half the score of
        // one that did not fit (a weak filler).
        build_x(&p);
        double blocked = 0;
        for (size_t i = 0; i < n; i++) {
            double cost = p.opt.budget_kind == PRECIS_BUDGET_WORDS   ? p.words[i]
                          : p.opt.budget_kind == PRECIS_BUDGET_BYTES ? p.bytes[i] + 1.0
                                                                     : 1.0;
            if (!taken[i] && p.eligible[i] && used + cost > p.opt.budget && p.score[i] > blocked)
                blocked = p.score[i];
        }
        for (size_t i = 0; i < n; i++) {
            if (taken[i] || !p.eligible[i] || p.score[i] < 0.5 * blocked)
                continue;
            double cost = p.opt.budget_kind == PRECIS_BUDGET_WORDS   ? p.words[i]
                          : p.opt.budget_kind == PRECIS_BUDGET_BYTES ? p.bytes[i] + 1.0
                                                                     : 1.0;
            double sim = 0;
            for (size_t j = 0; j < k; j++) {
                double s = precis_csr_dot(&p.x, i, c[j]);
                sim = s > sim ? s : sim;
            }
            if (sim < p.opt.dedup && p.restate_share[i] < p.opt.restate)
                assert_true(used + cost > p.opt.budget);
        }
        precis_csr_destroy(&p.x);
    }
}

/* The selection is a lazy greedy over a heap (issue 17); this is the greedy as defined, a full
 * scan of every candidate at every step (the code before the heap), and the two must choose
 * the same sentences in the same order, ties, waits and the fill floor included. Rows hold at
 * most two terms, so that no restatement (three shared terms at least) enters the reference. */
static size_t full_scan(problem *p, size_t *chosen)
{
    build_x(p);
    double best = 0, used = 0, lambda = p->opt.redundancy, limit = p->opt.budget;
    for (size_t i = 0; i < p->n; i++)
        if (p->eligible[i] && p->score[i] > best)
            best = p->score[i];
    best = best > 0 ? best : 1;
    bool taken[MAXN] = {false};
    double max_sim[MAXN] = {0};
    size_t k = 0;
    for (;;) {
        size_t pick = SIZE_MAX;
        double pick_v = -INFINITY, blocked = 0;
        for (size_t i = 0; i < p->n; i++) {
            bool waits = p->antecedent[i] != SIZE_MAX && !taken[p->antecedent[i]];
            if (taken[i] || !p->eligible[i] || waits || max_sim[i] >= p->opt.dedup)
                continue;
            double cost = p->opt.budget_kind == PRECIS_BUDGET_WORDS ? p->words[i] : 1.0;
            if (used + cost > limit + 1e-9) {
                blocked = p->score[i] > blocked ? p->score[i] : blocked;
                continue;
            }
            double v = (1 - lambda) * p->score[i] / best - lambda * max_sim[i];
            if (v > pick_v || (v == pick_v && p->pos[i] < p->pos[pick])) {
                pick = i;
                pick_v = v;
            }
        }
        if (pick == SIZE_MAX || p->score[pick] < 0.5 * blocked)
            break;
        chosen[k++] = pick;
        taken[pick] = true;
        used += p->opt.budget_kind == PRECIS_BUDGET_WORDS ? p->words[pick] : 1.0;
        for (size_t i = 0; i < p->n; i++) {
            double s = precis_csr_dot(&p->x, i, pick);
            max_sim[i] = s > max_sim[i] ? s : max_sim[i];
        }
    }
    precis_csr_destroy(&p->x);
    return k;
}

static uint32_t next_random(uint32_t *seed)
{
    *seed = *seed * 1664525u + 1013904223u;
    return *seed >> 8;
}

static void test_select_lazy_equals_full_scan(void **state)
{
    (void)state;
    uint32_t seed = 2024;
#define NEXT() next_random(&seed)
    for (int trial = 0; trial < 2000; trial++) {
        problem p;
        double score[MAXN];
        size_t n = 1 + NEXT() % MAXN;
        for (size_t i = 0; i < n; i++) // few distinct scores: many ties
            score[i] = (double)(NEXT() % (trial % 2 ? 1000 : 7)) / 7.0;
        problem_init(&p, n, score);
        for (size_t i = 0; i < n; i++) {
            p.words[i] = 1 + NEXT() % 30;
            p.eligible[i] = NEXT() % 6 != 0;
            if (i > 0 && NEXT() % 5 == 0)
                p.antecedent[i] = i - 1;
            for (int t = 0; t < 2; t++)
                p.rows[i][NEXT() % NT] = 1 + NEXT() % 3;
        }
        p.pos[0] = 0;
        for (size_t i = 1; i < n; i++) // positions unique, not the index order
            p.pos[i] = (uint32_t)((i * 37) % 1009);
        p.opt.redundancy = (double)(NEXT() % 11) / 10.0;
        p.opt.dedup = 0.3 + (double)(NEXT() % 8) / 10.0;
        p.opt.budget_kind = trial % 2 ? PRECIS_BUDGET_WORDS : PRECIS_BUDGET_SENTENCES;
        p.opt.budget = trial % 2 ? (double)(1 + NEXT() % 300) : (double)(1 + NEXT() % 40);
        size_t want[MAXN], got[MAXN];
        problem q = p;
        size_t n_want = full_scan(&q, want);
        size_t n_got = run_select(&p, got);
        check_chosen(got, n_got, want, n_want, __LINE__);
    }
#undef NEXT
}

/* ---- hostile input ----------------------------------------------------------------------- */

static void test_select_no_candidates(void **state)
{
    (void)state;
    problem p;
    problem_init(&p, 0, NULL);
    size_t c[1];
    assert_int_equal(run_select(&p, c), 0);
    p.opt.budget_kind = PRECIS_BUDGET_RATIO;
    p.opt.budget = 0.5;
    assert_int_equal(run_select(&p, c), 0);
}

static void test_select_nothing_eligible(void **state)
{
    (void)state;
    problem p;
    problem_init(&p, 5, SCORES);
    for (size_t i = 0; i < 5; i++)
        p.eligible[i] = false;
    size_t c[MAXN];
    assert_int_equal(run_select(&p, c), 0);
}

static void test_select_nothing_fits(void **state)
{
    (void)state;
    problem p;
    problem_init(&p, 5, SCORES);
    p.opt.budget_kind = PRECIS_BUDGET_WORDS;
    p.opt.budget = 9; // every candidate has 10 words
    size_t c[MAXN];
    assert_int_equal(run_select(&p, c), 0);
    p.opt.budget_kind = PRECIS_BUDGET_BYTES;
    p.opt.budget = 60; // 60 bytes + newline
    assert_int_equal(run_select(&p, c), 0);
}

static void test_select_pointing_sentence_waits_for_its_antecedent(void **state)
{
    (void)state;
    // 1 ("He said ...") is the best but points back to 0, which comes third: 1 is taken only
    // after 0 is. 3 points back to a sentence that is no candidate: never taken.
    const double score[5] = {0.2, 0.9, 0.5, 0.8, 0.1};
    problem p;
    problem_init(&p, 5, score);
    p.antecedent[1] = 0;
    p.antecedent[3] = PRECIS_NO_ANTECEDENT;
    p.opt.budget = 3;
    size_t c[MAXN];
    size_t n = run_select(&p, c);
    assert_chosen(c, n, 2, 0, 1);
    // With room for one only, the pointing sentence never comes.
    problem_init(&p, 5, score);
    p.antecedent[1] = 0;
    p.antecedent[3] = PRECIS_NO_ANTECEDENT;
    p.opt.budget = 1;
    n = run_select(&p, c);
    assert_chosen(c, n, 2);
}

static void test_select_zero_scores(void **state)
{
    (void)state;
    const double score[3] = {0, 0, 0};
    problem p;
    problem_init(&p, 3, score);
    p.opt.budget = 2;
    size_t c[MAXN];
    size_t n = run_select(&p, c);
    assert_chosen(c, n, 0, 1);
}

static void test_select_many_candidates(void **state)
{
    (void)state;
    // 100k one-term candidates: a handful of picks stays fast.
    enum { N = 100000 };
    double *score = malloc(N * sizeof *score);
    uint32_t *words = malloc(N * sizeof *words), *bytes = malloc(N * sizeof *bytes),
             *pos = malloc(N * sizeof *pos);
    bool *eligible = malloc(N * sizeof *eligible);
    precis_csr x = {.n_rows = N, .n_cols = N, .nnz = N};
    x.ptr = malloc((N + 1) * sizeof *x.ptr);
    x.col = malloc(N * sizeof *x.col);
    x.val = malloc(N * sizeof *x.val);
    assert_true(score && words && bytes && pos && eligible && x.ptr && x.col && x.val);
    for (size_t i = 0; i < N; i++) {
        score[i] = 1.0 / (double)N;
        words[i] = 1;
        bytes[i] = 5;
        pos[i] = (uint32_t)i;
        eligible[i] = true;
        x.ptr[i] = i;
        x.col[i] = (uint32_t)i;
        x.val[i] = 1;
    }
    x.ptr[N] = N;
    score[N - 1] = 2.0 / (double)N;
    precis_options opt;
    precis_options_init(&opt);
    opt.budget = 5;
    opt.redundancy = 0;
    precis_csr xt;
    assert_int_equal(precis_csr_transpose(&x, &xt), PRECIS_OK);
    precis_select_input in = {.n = N,
                              .score = score,
                              .words = words,
                              .bytes = bytes,
                              .eligible = eligible,
                              .x = &x,
                              .pos = pos,
                              .xt = &xt};
    precis_selection sel;
    assert_int_equal(precis_select(&in, &opt, &sel), PRECIS_OK);
    assert_int_equal(sel.n_chosen, 5);
    const size_t want[5] = {N - 1, 0, 1, 2, 3};
    for (size_t i = 0; i < 5; i++)
        assert_int_equal(sel.chosen[i], want[i]);
    precis_selection_destroy(&sel);
    precis_selection_destroy(&sel); // leaves it empty
    precis_csr_destroy(&x);
    precis_csr_destroy(&xt);
    free(score);
    free(words);
    free(bytes);
    free(pos);
    free(eligible);
}

/* --explain: why each candidate was left out. A long sentence that did not fit is reported as a
 * budget skip even though a shorter near-duplicate of it was chosen afterwards (it used to be
 * called a duplicate of that later pick); a duplicate passed over names the pick it duplicates;
 * one never reached and one too short say so. */
/* A word budget is not filled with a sentence picked only because it fits: one that scores
 * under half of the best that did not fit leaves the words unused. */
static void test_select_no_weak_filler(void **state)
{
    (void)state;
    const double score[3] = {0.5, 0.4, 0.1};
    problem p;
    problem_init(&p, 3, score);
    p.opt.budget_kind = PRECIS_BUDGET_WORDS;
    p.opt.budget = 10;
    p.words[0] = p.words[1] = 8;
    p.words[2] = 2;
    size_t c[MAXN];
    size_t n = run_select(&p, c);
    assert_chosen(c, n, 0); // 1 does not fit; 2 (0.1) is under half of it (0.4)
    p.score[2] = 0.25;      // now worth the words
    n = run_select(&p, c);
    assert_chosen(c, n, 0, 2);
    p.score[2] = 0.1;
    p.opt.explain = 1;
    build_x(&p);
    precis_csr xt;
    assert_int_equal(precis_csr_transpose(&p.x, &xt), PRECIS_OK);
    precis_select_input in = {p.n, p.score, p.words, p.bytes, p.eligible, &p.x, p.pos, &xt,
                              NULL, NULL};
    precis_selection sel;
    assert_int_equal(precis_select(&in, &p.opt, &sel), PRECIS_OK);
    assert_int_equal(sel.skip[1], PRECIS_SKIP_BUDGET);
    assert_int_equal(sel.skip[2], PRECIS_SKIP_WEAK);
    precis_selection_destroy(&sel);
    precis_csr_destroy(&p.x);
    precis_csr_destroy(&xt);
}

/* Rows over the shared terms: 'terms' lists them, ending at -1. */
static void set_row(problem *p, size_t i, const int *terms)
{
    for (; *terms >= 0; terms++)
        p->rows[i][*terms] = 1;
}

/* Two sentences that tell one fact in different words: the cosine stays under --dedup, most of
 * the shorter one's content is in the other. */
static void test_select_restatement_left_out(void **state)
{
    (void)state;
    const double score[3] = {0.4, 0.3, 0.2};
    problem p;
    problem_init(&p, 3, score);
    p.opt.budget = 2;
    p.opt.dedup = 0.9;
    // 0 and 1 share three of their five and six terms (cosine 0.55); 2 is unrelated. With
    // three candidates, a term of two weighs ln(4/3) + 1, one of one ln(2) + 1: 0's content
    // is 7.25, of which 3.86 is in 1: 53%.
    set_row(&p, 0, (const int[]){0, 1, 2, 3, 4, -1});
    set_row(&p, 1, (const int[]){0, 1, 2, 5, 6, 7, -1});
    size_t c[MAXN];
    size_t n = run_select(&p, c);
    assert_chosen(c, n, 0, 2);
    p.opt.restate = 0.6; // 53% is not enough any more
    n = run_select(&p, c);
    assert_chosen(c, n, 0, 1);
    p.opt.restate = 0.45;
    // A number in each, not the same: two facts (a toll of 32, a toll of 357).
    p.number[4] = p.number[5] = true;
    n = run_select(&p, c);
    assert_chosen(c, n, 0, 1);
    // A number in one only: no conflict, the same fact ("on September 17" and no date).
    p.number[5] = false;
    n = run_select(&p, c);
    assert_chosen(c, n, 0, 2);
    // Two shared terms are not enough, whatever the share: 0 holds 0, 1, 3 (content 4.27, of
    // which 2.58 is in 1: 60%).
    p.number[4] = false;
    p.rows[0][2] = p.rows[1][2] = p.rows[0][4] = 0;
    n = run_select(&p, c);
    assert_chosen(c, n, 0, 1);
    p.rows[1][3] = 1; // a third: 1 restates 0
    n = run_select(&p, c);
    assert_chosen(c, n, 0, 2);
}

/* --explain names the restated sentence and the share; the selection records it always (the
 * summary's support). */
static void test_select_explain_names_restatement(void **state)
{
    (void)state;
    const double score[3] = {0.4, 0.3, 0.2};
    problem p;
    problem_init(&p, 3, score);
    p.opt.budget = 2;
    p.opt.dedup = 0.9;
    p.opt.explain = 1;
    set_row(&p, 0, (const int[]){0, 1, 2, 3, 4, -1});
    set_row(&p, 1, (const int[]){0, 1, 2, 5, 6, 7, -1});
    build_x(&p);
    precis_csr xt;
    assert_int_equal(precis_csr_transpose(&p.x, &xt), PRECIS_OK);
    precis_select_input in = {p.n, p.score, p.words, p.bytes, p.eligible, &p.x, p.pos, &xt,
                              NULL, p.number};
    precis_selection sel;
    assert_int_equal(precis_select(&in, &p.opt, &sel), PRECIS_OK);
    assert_int_equal(sel.skip[1], PRECIS_SKIP_RESTATES);
    assert_int_equal(sel.dup_of[1], 0);
    assert_true(fabs(sel.dup_sim[1] - 0.532) < 0.01);
    assert_int_equal(sel.restates[1], 0);
    assert_int_equal(sel.restates[2], SIZE_MAX);
    precis_selection_destroy(&sel);
    p.opt.explain = 0;
    assert_int_equal(precis_select(&in, &p.opt, &sel), PRECIS_OK);
    assert_null(sel.skip);
    assert_int_equal(sel.restates[1], 0);
    precis_selection_destroy(&sel);
    precis_csr_destroy(&p.x);
    precis_csr_destroy(&xt);
}

static void test_select_explain_tells_budget_from_duplicate(void **state)
{
    (void)state;
    problem p;
    const double score[] = {0.9, 0.5, 0.4, 0.2, 0.1, 0.3};
    problem_init(&p, 6, score);
    p.opt.budget_kind = PRECIS_BUDGET_WORDS;
    p.opt.budget = 12;
    p.opt.explain = 1;
    const uint32_t words[] = {20, 8, 3, 3, 3, 3};
    memcpy(p.words, words, sizeof words);
    p.rows[0][0] = 1, p.rows[0][1] = 1;
    p.rows[1][0] = 1, p.rows[1][1] = 0.9;
    p.rows[2][0] = 1, p.rows[2][1] = 1, p.rows[2][2] = 0.1;
    p.eligible[5] = false;
    build_x(&p);
    precis_csr xt;
    assert_int_equal(precis_csr_transpose(&p.x, &xt), PRECIS_OK);
    precis_select_input in = {p.n, p.score, p.words, p.bytes, p.eligible, &p.x, p.pos, &xt, NULL,
                              NULL};
    precis_selection sel;
    assert_int_equal(precis_select(&in, &p.opt, &sel), PRECIS_OK);
    assert_int_equal(sel.n_chosen, 2);
    assert_int_equal(sel.chosen[0], 1);
    assert_int_equal(sel.chosen[1], 3);
    assert_non_null(sel.skip);
    assert_int_equal(sel.skip[0], PRECIS_SKIP_BUDGET);
    assert_int_equal(sel.skip[1], PRECIS_SKIP_NONE);
    assert_int_equal(sel.skip[2], PRECIS_SKIP_DUPLICATE);
    assert_int_equal(sel.dup_of[2], 1);
    assert_true(sel.dup_sim[2] >= 0.5 && sel.dup_sim[2] <= 1.0 + 1e-9);
    assert_int_equal(sel.skip[3], PRECIS_SKIP_NONE);
    assert_int_equal(sel.skip[4], PRECIS_SKIP_NOT_REACHED);
    assert_int_equal(sel.skip[5], PRECIS_SKIP_SHORT);
    assert_int_equal(sel.dup_of[0], SIZE_MAX);
    precis_selection_destroy(&sel);
    // Without explain nothing is recorded.
    p.opt.explain = 0;
    assert_int_equal(precis_select(&in, &p.opt, &sel), PRECIS_OK);
    assert_null(sel.skip);
    precis_selection_destroy(&sel);
    precis_csr_destroy(&p.x);
    precis_csr_destroy(&xt);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_select_sentence_budget),
        cmocka_unit_test(test_select_word_budget_best_that_fit),
        cmocka_unit_test(test_select_byte_budget_counts_newlines),
        cmocka_unit_test(test_select_ratio_budget),
        cmocka_unit_test(test_select_skips_duplicates),
        cmocka_unit_test(test_select_duplicate_of_any_chosen),
        cmocka_unit_test(test_select_ties_broken_by_position),
        cmocka_unit_test(test_select_never_chooses_ineligible),
        cmocka_unit_test(test_select_redundancy_trades_score_for_coverage),
        cmocka_unit_test(test_select_budget_never_exceeded),
        cmocka_unit_test(test_select_lazy_equals_full_scan),
        cmocka_unit_test(test_select_no_candidates),
        cmocka_unit_test(test_select_nothing_eligible),
        cmocka_unit_test(test_select_nothing_fits),
        cmocka_unit_test(test_select_pointing_sentence_waits_for_its_antecedent),
        cmocka_unit_test(test_select_zero_scores),
        cmocka_unit_test(test_select_many_candidates),
        cmocka_unit_test(test_select_explain_tells_budget_from_duplicate),
        cmocka_unit_test(test_select_restatement_left_out),
        cmocka_unit_test(test_select_no_weak_filler),
        cmocka_unit_test(test_select_explain_names_restatement),
    };
    return cmocka_run_group_tests_name("select", tests, NULL, NULL);
}
