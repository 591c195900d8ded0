/* The public entry points: a corpus of documents, and precis_summarize(), which runs the stages
 * load -> split -> filter -> tokenize -> tfidf -> graph -> rank -> select and copies the chosen
 * sentences into a summary that owns all its memory. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Defaults, chosen on the DUC 2006 development set (benchmarks/README.md). */
#define DEFAULT_SENTENCES 5
#define DEFAULT_DEDUP 0.5
#define DEFAULT_DAMPING 0.85 // as in the TextRank paper; lower values flatten the ranking
#define DEFAULT_POSITION_PRIOR 0.4
#define DEFAULT_EDGE_THRESHOLD 0.0
#define DEFAULT_REDUNDANCY 0.4
#define DEFAULT_RESTATE 0.45
#define DEFAULT_MIN_WORDS 5
#define DEFAULT_MAX_INPUT_BYTES ((size_t)2 << 30)
#define DEFAULT_MAX_SENTENCES ((size_t)20 * 1000 * 1000)
#define RANK_TOLERANCE 1e-6
#define RANK_MAX_ITER 1000

void precis_options_init(precis_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->budget_kind = PRECIS_BUDGET_SENTENCES;
    opt->budget = DEFAULT_SENTENCES;
    opt->dedup = DEFAULT_DEDUP;
    opt->order = PRECIS_ORDER_AUTO;
    opt->damping = DEFAULT_DAMPING;
    opt->position_prior = DEFAULT_POSITION_PRIOR;
    opt->edge_threshold = DEFAULT_EDGE_THRESHOLD;
    opt->redundancy = DEFAULT_REDUNDANCY;
    opt->min_words = DEFAULT_MIN_WORDS;
    opt->restate = DEFAULT_RESTATE;
}

/* ---- corpus ---------------------------------------------------------------------------- */

struct precis_corpus {
    precis_doc *docs;
    size_t n, cap;
    size_t total_bytes;
    char error[160];
};

precis_status precis_corpus_new(precis_corpus **out)
{
    *out = precis_calloc(1, sizeof **out);
    return *out ? PRECIS_OK : PRECIS_ERR_NOMEM;
}

void precis_corpus_free(precis_corpus *c)
{
    if (c == NULL)
        return;
    for (size_t i = 0; i < c->n; i++)
        precis_doc_destroy(&c->docs[i]);
    free(c->docs);
    free(c);
}

precis_status precis_corpus_add(precis_corpus *c, const char *name, const char *data, size_t len)
{
    if (c == NULL || (data == NULL && len > 0))
        return PRECIS_ERR_INVALID_ARG;
    c->error[0] = '\0';
    if (c->n >= UINT32_MAX - 1) {
        snprintf(c->error, sizeof c->error, "too many documents");
        return PRECIS_ERR_TOO_LARGE;
    }
    if (!precis_grow((void **)&c->docs, &c->cap, c->n + 1, sizeof *c->docs))
        return PRECIS_ERR_NOMEM;
    precis_status st =
        precis_load_document(name, data ? data : "", len, &c->docs[c->n], c->error, sizeof c->error);
    if (st != PRECIS_OK)
        return st;
    c->total_bytes += len;
    c->n++;
    return PRECIS_OK;
}

const char *precis_corpus_error(const precis_corpus *c)
{
    return c ? c->error : "";
}

size_t precis_corpus_count(const precis_corpus *c)
{
    return c ? c->n : 0;
}

precis_status precis_corpus_set_date(precis_corpus *c, size_t doc, const char *date)
{
    if (c == NULL || doc >= c->n)
        return PRECIS_ERR_INVALID_ARG;
    c->error[0] = '\0';
    if (date == NULL) {
        c->docs[doc].dated = false;
        return PRECIS_OK;
    }
    char why[96];
    precis_date d;
    if (!precis_date_parse(date, strlen(date), &d, why, sizeof why)) {
        snprintf(c->error, sizeof c->error, "%s", why);
        return PRECIS_ERR_DATE;
    }
    c->docs[doc].date = d;
    c->docs[doc].dated = true;
    return PRECIS_OK;
}

/* ---- summary --------------------------------------------------------------------------- */

struct precis_summary {
    precis_sentence *sent;
    size_t n;
    precis_support *support;
    char *text;
    size_t n_sentences, n_candidates, iterations;
    double stage_ms[PRECIS_STAGE_COUNT];
    precis_trace *trace;
    size_t n_trace;
    char *trace_text;
    precis_keywords keywords;
    precis_document *docs;
    size_t n_docs;
    char *doc_text; // the documents' names and titles
    const char **doc_lang; // per document: the language's code (static strings)
    char *doc_dates;       // the documents' dates, 32 bytes each (precis_date.text)
    precis_order order;    // as applied (never PRECIS_ORDER_AUTO)
};

void precis_summary_free(precis_summary *s)
{
    if (s == NULL)
        return;
    free(s->sent);
    free(s->support);
    free(s->text);
    free(s->trace);
    free(s->trace_text);
    precis_keywords_destroy(&s->keywords);
    free(s->docs);
    free(s->doc_text);
    free(s->doc_lang);
    free(s->doc_dates);
    free(s);
}

size_t precis_summary_keyword_count(const precis_summary *s) { return s ? s->keywords.n : 0; }

const precis_keyword *precis_summary_keyword(const precis_summary *s, size_t i)
{
    return s && i < s->keywords.n ? &s->keywords.v[i] : NULL;
}

size_t precis_summary_document_count(const precis_summary *s) { return s ? s->n_docs : 0; }

const precis_document *precis_summary_document(const precis_summary *s, size_t i)
{
    return s && i < s->n_docs ? &s->docs[i] : NULL;
}

size_t precis_summary_trace_count(const precis_summary *s) { return s ? s->n_trace : 0; }

const precis_trace *precis_summary_trace(const precis_summary *s, size_t i)
{
    return s && i < s->n_trace ? &s->trace[i] : NULL;
}

size_t precis_summary_count(const precis_summary *s) { return s ? s->n : 0; }

const char *precis_summary_document_language(const precis_summary *s, size_t doc)
{
    return s && doc < s->n_docs ? s->doc_lang[doc] : NULL;
}

const precis_sentence *precis_summary_sentence(const precis_summary *s, size_t i)
{
    return s && i < s->n ? &s->sent[i] : NULL;
}

size_t precis_summary_corpus_sentences(const precis_summary *s) { return s ? s->n_sentences : 0; }
size_t precis_summary_candidates(const precis_summary *s) { return s ? s->n_candidates : 0; }
size_t precis_summary_iterations(const precis_summary *s) { return s ? s->iterations : 0; }
precis_order precis_summary_order(const precis_summary *s)
{
    return s ? s->order : PRECIS_ORDER_SOURCE;
}

static const char *const stage_names[PRECIS_STAGE_COUNT] = {
    "load", "split", "tokenize", "tfidf", "graph", "rank", "select",
};

size_t precis_stage_count(void) { return PRECIS_STAGE_COUNT; }

const char *precis_stage_name(size_t i)
{
    return i < PRECIS_STAGE_COUNT ? stage_names[i] : NULL;
}

double precis_summary_stage_ms(const precis_summary *s, size_t i)
{
    return s && i < PRECIS_STAGE_COUNT ? s->stage_ms[i] : 0;
}

/* ---- the pipeline ---------------------------------------------------------------------- */

typedef struct term_buf {
    precis_vocab *vocab;
    uint32_t *ids;
    size_t n, cap;
} term_buf;

static bool collect_term(void *ctx, const char *term, size_t len, uint32_t *memo)
{
    term_buf *b = ctx;
    // A word seen before carries its term id in the tokenizer's cache: one hash look-up, not two.
    uint32_t id = memo != NULL && *memo != UINT32_MAX ? *memo
                                                      : precis_vocab_id(b->vocab, term, len);
    if (id == UINT32_MAX)
        return false;
    if (memo != NULL)
        *memo = id;
    if (!precis_grow((void **)&b->ids, &b->cap, b->n + 1, sizeof *b->ids))
        return false;
    b->ids[b->n++] = id;
    return true;
}

static precis_status check_options(const precis_options *o)
{
    bool ok = isfinite(o->budget) && o->budget > 0 && isfinite(o->dedup) && o->dedup > 0 &&
              o->dedup <= 1.0 + 1e-9 && o->damping > 0 && o->damping < 1 &&
              o->position_prior >= 0 && o->position_prior <= 1 && o->edge_threshold >= 0 &&
              o->edge_threshold < 1 && o->redundancy >= 0 && o->redundancy <= 1 &&
              isfinite(o->restate) && o->restate > 0 && o->restate <= 1.0 + 1e-9 &&
              (unsigned)o->order <= PRECIS_ORDER_AUTO && (unsigned)o->graph <= PRECIS_GRAPH_PRUNED &&
              (unsigned)o->budget_kind <= PRECIS_BUDGET_RATIO;
    if (o->budget_kind == PRECIS_BUDGET_RATIO && o->budget > 1)
        ok = false;
    return ok ? PRECIS_OK : PRECIS_ERR_INVALID_ARG;
}

/* Sorting the summary: by (doc, index) for source order, by (date, doc, index) for time order,
 * by rank otherwise. */
typedef struct pick {
    size_t cand;
    uint32_t doc, index;
    size_t rank; // in rank order, a sentence that points back takes its antecedent's
    int64_t when; // time order: its document's date
    bool dated;   // time order: its document has a date (undated ones come last)
} pick;

static int cmp_source(const void *a, const void *b)
{
    const pick *x = a, *y = b;
    if (x->doc != y->doc)
        return x->doc < y->doc ? -1 : 1;
    return (x->index > y->index) - (x->index < y->index);
}

static int cmp_time(const void *a, const void *b)
{
    const pick *x = a, *y = b;
    if (x->dated != y->dated)
        return x->dated ? -1 : 1;
    if (x->dated && x->when != y->when)
        return x->when < y->when ? -1 : 1;
    return cmp_source(a, b);
}

static int cmp_rank(const void *a, const void *b)
{
    const pick *x = a, *y = b;
    if (x->rank != y->rank)
        return x->rank < y->rank ? -1 : 1;
    return cmp_source(a, b); // a sentence and those that point back to it, in their order
}

typedef struct by_score {
    const double *score;
} by_score;

/* Candidate order by score, best first; ties to the earlier sentence. */
static int cmp_score_desc(const void *a, const void *b, void *ctx)
{
    const double *score = ((const by_score *)ctx)->score;
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    if (score[i] != score[j])
        return score[i] > score[j] ? -1 : 1;
    return (i > j) - (i < j);
}

/* A small merge sort with a context, as qsort_r is not in C11. */
static void sort_ctx(size_t *v, size_t *tmp, size_t n, int (*cmp)(const void *, const void *, void *),
                     void *ctx)
{
    if (n < 2)
        return;
    size_t h = n / 2;
    sort_ctx(v, tmp, h, cmp, ctx);
    sort_ctx(v + h, tmp, n - h, cmp, ctx);
    size_t i = 0, j = h, k = 0;
    while (i < h && j < n)
        tmp[k++] = cmp(&v[j], &v[i], ctx) < 0 ? v[j++] : v[i++];
    while (i < h)
        tmp[k++] = v[i++];
    while (j < n)
        tmp[k++] = v[j++];
    memcpy(v, tmp, n * sizeof *v);
}

typedef struct run {
    const precis_corpus *corpus;
    const precis_options *opt;
    size_t n_langs;
    uint8_t *doc_lang;      // per document: its language (precis_lang_at index)
    precis_abbrevs *abbrevs; // per language, built for those that some document is in
    bool abbrevs_ready[PRECIS_MAX_LANGS];
    precis_sents sents;
    size_t *cand;       // candidate -> sentence
    size_t n_cand;
    precis_vocab vocab;
    precis_counts counts;
    precis_csr x;
    precis_csr xt; // x transposed: which sentences hold each term
    precis_graph graph;
    double *score;
    double *teleport;
    size_t *antecedent; // per candidate, when some point back (find_antecedents), else NULL
    precis_selection sel;
    size_t iterations;
    double delta;
    double ms[PRECIS_STAGE_COUNT];
    size_t threads;
    precis_progress progress;
    precis_strset joins; // words hyphenated at a line's end that the output rejoins
    precis_date *dates;   // per document: its date, when date_source says it has one
    uint8_t *date_source; // per document: precis_date_source
} run;

static void run_destroy(run *r)
{
    for (size_t l = 0; l < r->n_langs; l++)
        if (r->abbrevs_ready[l])
            precis_abbrevs_destroy(&r->abbrevs[l]);
    free(r->abbrevs);
    free(r->doc_lang);
    free(r->sents.v);
    free(r->cand);
    precis_vocab_destroy(&r->vocab);
    precis_counts_destroy(&r->counts);
    precis_csr_destroy(&r->x);
    precis_csr_destroy(&r->xt);
    precis_graph_destroy(&r->graph);
    free(r->score);
    free(r->teleport);
    free(r->antecedent);
    precis_selection_destroy(&r->sel);
    precis_strset_destroy(&r->joins);
    free(r->dates);
    free(r->date_source);
}

/* The output form of sentence 'ps' into 'out' (capacity 'cap'); only a sentence with a line
 * break to join takes the joining path. */
static size_t sentence_out(const run *r, const precis_sent *ps, char *out, size_t cap)
{
    const char *src = r->corpus->docs[ps->doc].text + ps->off;
    return ps->line_join ? precis_sentence_render(src, ps->len, &r->joins, out, cap)
                         : precis_sentence_plain(src, ps->len, out, cap);
}

/* One thread's share of splitting: documents [begin, end) into their own sentence list. */
typedef struct split_job {
    const precis_progress *progress; // job 0 only
    const precis_corpus *corpus;
    const precis_abbrevs *abbrevs; // per language
    const uint8_t *doc_lang;
    size_t begin, end, max_sent;
    precis_sents sents;
    precis_status st;
} split_job;

static void *split_worker(void *arg)
{
    split_job *j = arg;
    j->st = PRECIS_OK;
    for (size_t d = j->begin; d < j->end && j->st == PRECIS_OK; d++) {
        if (j->progress && j->progress->fn && ((d - j->begin) & 63) == 0)
            j->progress->fn(j->progress->ctx, "split", (double)(d - j->begin) / (double)(j->end - j->begin));
        const precis_doc *doc = &j->corpus->docs[d];
        j->st = precis_split_document(doc->text, doc->len, (uint32_t)d,
                                      &j->abbrevs[j->doc_lang[d]], &j->sents);
        if (j->st == PRECIS_OK && j->sents.n > j->max_sent)
            j->st = PRECIS_ERR_TOO_LARGE;
    }
    if (j->st == PRECIS_OK)
        j->st = precis_filter_shapes(j->corpus->docs, &j->sents, 0, j->sents.n);
    return NULL;
}

/* Cuts documents [0, n) into 'jobs' consecutive ranges of about equal bytes: bounds[j] is the
 * first document of range j, bounds[jobs] == n. */
static void slice_jobs(size_t n, size_t jobs, const precis_corpus *c, size_t *bounds)
{
    size_t j = 1, sum = 0;
    bounds[0] = 0;
    for (size_t d = 0; d < n && j < jobs; d++) {
        sum += c->docs[d].len;
        while (j < jobs && sum >= c->total_bytes / jobs * j)
            bounds[j++] = d + 1;
    }
    while (j < jobs)
        bounds[j++] = n;
    bounds[jobs] = n;
}

/* One thread's share of language detection: documents [begin, end). */
typedef struct detect_job {
    const precis_detector *det;
    const precis_corpus *corpus;
    uint8_t *doc_lang;
    size_t begin, end;
} detect_job;

static void *detect_worker(void *arg)
{
    detect_job *j = arg;
    for (size_t d = j->begin; d < j->end; d++)
        j->doc_lang[d] = (uint8_t)precis_detect_language(j->det, j->corpus->docs[d].text,
                                                          j->corpus->docs[d].len, NULL);
    return NULL;
}

/* Each document's language: the options' for all, or each one's own, detected; then the
 * splitting data (abbreviations, words that start a sentence) of every language present. */
static precis_status stage_languages(run *r)
{
    const precis_corpus *c = r->corpus;
    r->n_langs = precis_lang_count();
    r->doc_lang = precis_malloc(c->n ? c->n : 1);
    r->abbrevs = precis_calloc(r->n_langs, sizeof *r->abbrevs);
    if (r->doc_lang == NULL || r->abbrevs == NULL)
        return PRECIS_ERR_NOMEM;
    if (r->opt->language != NULL) {
        size_t l;
        if (!precis_lang_find(r->opt->language, &l))
            return PRECIS_ERR_LANGUAGE;
        memset(r->doc_lang, (int)l, c->n);
    } else {
        precis_detector *det;
        precis_status st = precis_detector_new(&det);
        if (st != PRECIS_OK)
            return st;
        size_t n_jobs = c->total_bytes < ((size_t)1 << 20) || c->n < 2 ? 1 : r->threads;
        if (n_jobs > c->n)
            n_jobs = c->n;
        detect_job jobs[PRECIS_MAX_THREADS];
        size_t bounds[PRECIS_MAX_THREADS + 1];
        slice_jobs(c->n, n_jobs, c, bounds);
        for (size_t j = 0; j < n_jobs; j++)
            jobs[j] = (detect_job){det, c, r->doc_lang, bounds[j], bounds[j + 1]};
        precis_run_jobs(n_jobs, detect_worker, jobs, sizeof jobs[0]);
        precis_detector_free(det);
    }
    for (size_t d = 0; d < c->n; d++) {
        size_t l = r->doc_lang[d];
        if (r->abbrevs_ready[l])
            continue;
        precis_lang lang;
        if (!precis_lang_at(l, &lang))
            return PRECIS_ERR_LANGUAGE;
        precis_status st = precis_abbrevs_init(&r->abbrevs[l], lang.abbrev, lang.n_abbrev,
                                               lang.stop, lang.n_stop);
        if (st != PRECIS_OK)
            return st;
        r->abbrevs[l].semicolon_question = lang.semicolon_question;
        r->abbrevs[l].ordinal_dot = lang.ordinal_dot;
        r->abbrevs[l].split_flags = lang.split_flags;
        r->abbrevs_ready[l] = true;
    }
    return PRECIS_OK;
}

/* Splits and filters every document (documents shared out among threads, results joined in
 * document order). */
static precis_status stage_split(run *r)
{
    const precis_corpus *c = r->corpus;
    precis_status st = PRECIS_OK;
    size_t max_sent = r->opt->max_sentences ? r->opt->max_sentences : DEFAULT_MAX_SENTENCES;
    // Threads pay only on large inputs; small ones stay on the calling thread.
    size_t n_jobs = c->total_bytes < ((size_t)1 << 20) || c->n < 2 ? 1 : r->threads;
    if (n_jobs > c->n)
        n_jobs = c->n;
    split_job jobs[PRECIS_MAX_THREADS];
    size_t bounds[PRECIS_MAX_THREADS + 1];
    slice_jobs(c->n, n_jobs, c, bounds);
    for (size_t j = 0; j < n_jobs; j++)
        jobs[j] = (split_job){j == 0 ? &r->progress : NULL, c, r->abbrevs, r->doc_lang, bounds[j],
                              bounds[j + 1], max_sent, {0}, PRECIS_OK};
    precis_run_jobs(n_jobs, split_worker, jobs, sizeof jobs[0]);
    size_t total = 0;
    size_t hyphen_breaks = 0;
    for (size_t j = 0; j < n_jobs; j++) {
        if (st == PRECIS_OK)
            st = jobs[j].st;
        total += jobs[j].sents.n;
        hyphen_breaks += jobs[j].sents.n_hyphen_breaks;
    }
    if (st == PRECIS_OK && total > max_sent)
        st = PRECIS_ERR_TOO_LARGE;
    if (st == PRECIS_OK && n_jobs == 1) {
        r->sents = jobs[0].sents;
        jobs[0].sents.v = NULL;
    } else if (st == PRECIS_OK) {
        r->sents.v = precis_malloc((total ? total : 1) * sizeof *r->sents.v);
        if (r->sents.v == NULL)
            st = PRECIS_ERR_NOMEM;
        for (size_t j = 0; st == PRECIS_OK && j < n_jobs; j++) {
            memcpy(r->sents.v + r->sents.n, jobs[j].sents.v, jobs[j].sents.n * sizeof *r->sents.v);
            r->sents.n += jobs[j].sents.n;
        }
        r->sents.cap = total;
    }
    r->sents.n_hyphen_breaks = hyphen_breaks;
    for (size_t j = 0; j < n_jobs; j++)
        free(jobs[j].sents.v);
    if (st == PRECIS_OK)
        st = precis_filter_repeated(c->docs, &r->sents);
    // Words hyphenated at a line's end: the corpus says which to rejoin (read only if any).
    return st == PRECIS_OK ? precis_hyphens_decide(c->docs, c->n, &r->sents, &r->joins) : st;
}

/* The candidates: the sentences the filter kept, numbered within their documents. */
static precis_status stage_candidates(run *r)
{
    size_t kept = 0;
    for (size_t i = 0; i < r->sents.n; i++)
        kept += r->sents.v[i].drop == PRECIS_KEEP;
    if (kept == 0) {
        // Text without sentence punctuation (a list of lines, a title alone): rather than
        // refusing it, take its lines as sentences; those too short to stand alone stay out,
        // as they would with punctuation ("Hello" is refused like "Hello.").
        for (size_t i = 0; i < r->sents.n; i++) {
            precis_sent *s = &r->sents.v[i];
            if ((s->drop == PRECIS_DROP_NO_TERMINAL || s->drop == PRECIS_DROP_TITLE) &&
                s->n_words >= PRECIS_MIN_SENTENCE_WORDS) {
                s->drop = PRECIS_KEEP;
                kept++;
            }
        }
    }
    if (kept == 0)
        return PRECIS_ERR_NO_SENTENCES;
    r->cand = precis_malloc(kept * sizeof *r->cand);
    if (r->cand == NULL)
        return PRECIS_ERR_NOMEM;
    uint32_t pos = 0, doc = UINT32_MAX;
    for (size_t i = 0; i < r->sents.n; i++) {
        precis_sent *s = &r->sents.v[i];
        if (s->doc != doc) {
            doc = s->doc;
            pos = 0;
        }
        if (s->drop == PRECIS_KEEP) {
            s->pos = pos++;
            r->cand[r->n_cand++] = i;
        }
    }
    return PRECIS_OK;
}

/* A date found in the text is read no further than this into a document: its first lines. */
#define DATE_SCAN_BYTES 2048

/* Each document's date: the one given with it, else the first full date written between its
 * start and the end of its first candidate sentence (headline, date line, wire dateline,
 * lead), within DATE_SCAN_BYTES. */
static precis_status stage_dates(run *r)
{
    const precis_corpus *c = r->corpus;
    size_t n = c->n;
    r->dates = precis_malloc((n ? n : 1) * sizeof *r->dates);
    r->date_source = precis_calloc(n ? n : 1, sizeof *r->date_source);
    size_t *scan = precis_malloc((n ? n : 1) * sizeof *scan); // bytes to read per document
    if (r->dates == NULL || r->date_source == NULL || scan == NULL) {
        free(scan);
        return PRECIS_ERR_NOMEM;
    }
    for (size_t d = 0; d < n; d++)
        scan[d] = SIZE_MAX;
    for (size_t k = 0; k < r->n_cand; k++) {
        const precis_sent *ps = &r->sents.v[r->cand[k]];
        if (scan[ps->doc] == SIZE_MAX)
            scan[ps->doc] = ps->off + ps->len;
    }
    for (size_t d = 0; d < n; d++) {
        const precis_doc *doc = &c->docs[d];
        if (doc->dated) {
            r->dates[d] = doc->date;
            r->date_source[d] = PRECIS_DATE_GIVEN;
            continue;
        }
        size_t len = scan[d] < doc->len ? scan[d] : doc->len;
        if (len > DATE_SCAN_BYTES)
            len = DATE_SCAN_BYTES;
        if (precis_date_find(doc->text, len, &r->dates[d]))
            r->date_source[d] = PRECIS_DATE_TEXT;
    }
    free(scan);
    return PRECIS_OK;
}

/* The order a summary is printed in: PRECIS_ORDER_AUTO is time order when every document has a
 * date, source order otherwise. */
static precis_order applied_order(const run *r)
{
    if (r->opt->order != PRECIS_ORDER_AUTO)
        return r->opt->order;
    for (size_t d = 0; d < r->corpus->n; d++)
        if (r->date_source[d] == PRECIS_DATE_NONE)
            return PRECIS_ORDER_SOURCE;
    return PRECIS_ORDER_TIME;
}

/* One thread's share of tokenizing: candidates [begin, end) with its own tokenizer (a Snowball
 * stemmer is not shared), vocabulary and counts. */
typedef struct token_job {
    const precis_progress *progress; // job 0 only
    const run *r;
    size_t begin, end;
    precis_tokenizer *tok[PRECIS_MAX_LANGS]; // per language, made when first needed
    precis_vocab vocab;
    precis_counts counts;
    precis_status st;
} token_job;

/* The text a sentence's words are read from: its bytes in the document, or, when its output
 * joins a line break (a CJK wrap, a word hyphenated at a line's end), its output form, rendered
 * into '*buf', so that "hyphen-\nation" is the word "hyphenation" and a CJK wrap no gap
 * between characters. NULL when out of memory. */
static const char *sentence_words(const run *r, const precis_sent *s, char **buf, size_t *cap,
                                  size_t *len)
{
    const char *src = r->corpus->docs[s->doc].text + s->off;
    *len = s->len;
    if (s->line_join == 0)
        return src;
    if (!precis_grow((void **)buf, cap, (size_t)s->n_bytes + 1, 1))
        return NULL;
    *len = precis_sentence_render(src, s->len, &r->joins, *buf, *cap);
    return *len == (size_t)-1 ? NULL : *buf;
}

static void *token_worker(void *arg)
{
    token_job *j = arg;
    const precis_options *o = j->r->opt;
    term_buf buf = {.vocab = &j->vocab};
    char *text_buf = NULL;
    size_t text_cap = 0;
    j->st = PRECIS_OK;
    for (size_t k = j->begin; k < j->end && j->st == PRECIS_OK; k++) {
        precis_report(j->progress, "tokenize", k - j->begin, j->end - j->begin);
        const precis_sent *s = &j->r->sents.v[j->r->cand[k]];
        uint8_t l = j->r->doc_lang[s->doc];
        if (j->tok[l] == NULL) {
            precis_lang lang;
            if (!precis_lang_at(l, &lang)) {
                j->st = PRECIS_ERR_LANGUAGE;
                break;
            }
            j->st = precis_tokenizer_new(lang.code, o->stopwords, o->stopwords_len, &j->tok[l]);
            if (j->st != PRECIS_OK)
                break;
        }
        buf.n = 0;
        size_t len;
        const char *text = sentence_words(j->r, s, &text_buf, &text_cap, &len);
        j->st = text == NULL ? PRECIS_ERR_NOMEM
                             : precis_tokenize(j->tok[l], text, len, collect_term, &buf);
        if (j->st == PRECIS_OK)
            j->st = precis_counts_add_row(&j->counts, buf.ids, buf.n);
    }
    free(buf.ids);
    free(text_buf);
    return NULL;
}

/* Appends job 'j''s rows to the run's counts, its local term ids mapped into the run's
 * vocabulary. Terms are added in the order each job first saw them, jobs in input order: the
 * same ids a single thread gives, so results never depend on the thread count. */
static precis_status merge_tokens(run *r, token_job *j)
{
    uint32_t *map = precis_malloc((j->vocab.n ? j->vocab.n : 1) * sizeof *map);
    if (map == NULL)
        return PRECIS_ERR_NOMEM;
    for (size_t t = 0; t < j->vocab.n; t++)
        if ((map[t] = precis_vocab_id(&r->vocab, j->vocab.terms[t], j->vocab.term_len[t])) ==
            UINT32_MAX) {
            free(map);
            return PRECIS_ERR_NOMEM;
        }
    precis_status st = PRECIS_OK;
    uint32_t *ids = NULL;
    size_t cap = 0;
    for (size_t row = 0; row < j->counts.n_rows && st == PRECIS_OK; row++) {
        size_t a = j->counts.ptr[row], b = j->counts.ptr[row + 1], n = 0;
        for (size_t q = a; q < b; q++)
            n += j->counts.cnt[q];
        if (!precis_grow((void **)&ids, &cap, n ? n : 1, sizeof *ids)) {
            st = PRECIS_ERR_NOMEM;
            break;
        }
        n = 0;
        for (size_t q = a; q < b; q++)
            for (uint32_t c = 0; c < j->counts.cnt[q]; c++)
                ids[n++] = map[j->counts.col[q]];
        st = precis_counts_add_row(&r->counts, ids, n);
    }
    free(ids);
    free(map);
    return st;
}

static precis_status stage_tokenize(run *r)
{
    size_t n_jobs = r->n_cand < 20000 ? 1 : r->threads;
    token_job jobs[PRECIS_MAX_THREADS];
    for (size_t j = 0; j < n_jobs; j++) {
        jobs[j] = (token_job){j == 0 ? &r->progress : NULL, r, r->n_cand * j / n_jobs,
                              r->n_cand * (j + 1) / n_jobs, {NULL}, {0}, {0}, PRECIS_OK};
        precis_vocab_init(&jobs[j].vocab);
    }
    precis_run_jobs(n_jobs, token_worker, jobs, sizeof jobs[0]);
    precis_status st = PRECIS_OK;
    for (size_t j = 0; j < n_jobs; j++)
        if (st == PRECIS_OK)
            st = jobs[j].st;
    if (st == PRECIS_OK) {
        // The first job's vocabulary and counts become the run's as they are: merged into the
        // empty run they would map every term to itself and give every row back unchanged.
        precis_vocab_destroy(&r->vocab);
        r->vocab = jobs[0].vocab;
        r->counts = jobs[0].counts;
        precis_vocab_init(&jobs[0].vocab);
        memset(&jobs[0].counts, 0, sizeof jobs[0].counts);
    }
    for (size_t j = 1; st == PRECIS_OK && j < n_jobs; j++)
        st = merge_tokens(r, &jobs[j]);
    for (size_t j = 0; j < n_jobs; j++) {
        for (size_t l = 0; l < PRECIS_MAX_LANGS; l++)
            precis_tokenizer_free(jobs[j].tok[l]);
        precis_vocab_destroy(&jobs[j].vocab);
        precis_counts_destroy(&jobs[j].counts);
    }
    return st;
}

/* The teleport distribution: uniform, blended with a prior that favours the first sentences of
 * each document (news puts what matters first). */
static precis_status make_teleport(run *r)
{
    double p = r->opt->position_prior;
    if (p <= 0)
        return PRECIS_OK;
    r->teleport = precis_malloc(r->n_cand * sizeof *r->teleport);
    if (r->teleport == NULL)
        return PRECIS_ERR_NOMEM;
    double sum = 0;
    for (size_t k = 0; k < r->n_cand; k++) {
        const precis_sent *s = &r->sents.v[r->cand[k]];
        double prior = 1.0 / sqrt((double)s->pos + 1.0);
        r->teleport[k] = prior;
        sum += prior;
    }
    for (size_t k = 0; k < r->n_cand; k++)
        r->teleport[k] = (1 - p) / (double)r->n_cand + p * r->teleport[k] / sum;
    return PRECIS_OK;
}

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
            bool letter = c < 0x80 ? ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
                                   : utf8proc_category(c) >= UTF8PROC_CATEGORY_LU &&
                                         utf8proc_category(c) <= UTF8PROC_CATEGORY_LO;
            if (!letter)
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

/* Per candidate: SIZE_MAX when it stands alone; else the candidate it points back to (the
 * sentence before it in its document) or PRECIS_NO_ANTECEDENT (precis_select_input). A
 * candidate points back when its first word is in its language's list (stopwords/<code>.point).
 * '*any' tells whether one does. */
static precis_status find_antecedents(run *r, size_t *antecedent, bool *any)
{
    // Each language's list, looked up once (precis_lang_at searches the word lists by name):
    // 0 not yet, 1 no list, 2 in sets[l]; starts[l] holds the entries' first words, so that
    // a sentence whose first word starts none (most of them) costs one look-up.
    precis_strset sets[PRECIS_MAX_LANGS], starts[PRECIS_MAX_LANGS];
    uint8_t state[PRECIS_MAX_LANGS] = {0};
    precis_status st = PRECIS_OK;
    *any = false;
    for (size_t k = 0; k < r->n_cand && st == PRECIS_OK; k++) {
        antecedent[k] = SIZE_MAX;
        const precis_sent *s = &r->sents.v[r->cand[k]];
        size_t l = r->doc_lang[s->doc];
        if (l >= PRECIS_MAX_LANGS)
            continue;
        if (state[l] == 0) {
            precis_lang lang;
            state[l] = 1;
            if (precis_lang_at(l, &lang) && lang.n_point > 0) {
                precis_strset_init(&sets[l]);
                precis_strset_init(&starts[l]);
                state[l] = 2;
                st = precis_strset_add_array(&sets[l], lang.point, lang.n_point);
                for (size_t i = 0; i < lang.n_point && st == PRECIS_OK; i++)
                    if (lang.point[i][0] != '#' && lang.point[i][0] != '\0')
                        st = precis_strset_add(&starts[l], lang.point[i],
                                               strcspn(lang.point[i], " "));
                if (st != PRECIS_OK)
                    break;
            }
        }
        if (state[l] != 2)
            continue;
        // "He", "But", and phrases of up to four words ("As a result", "At the same time")
        const char *text = r->corpus->docs[s->doc].text + s->off;
        char w[64];
        size_t ends[4], n_words = first_words(text, s->len, w, sizeof w, ends, 1);
        if (n_words == 0 || !precis_strset_has(&starts[l], w, ends[0]))
            continue;
        n_words = first_words(text, s->len, w, sizeof w, ends, 4);
        bool hit = false;
        for (size_t q = 0; q < n_words && !hit; q++)
            hit = precis_strset_has(&sets[l], w, ends[q]);
        if (!hit)
            continue;
        *any = true;
        const precis_sent *before = k > 0 ? &r->sents.v[r->cand[k - 1]] : NULL;
        bool adjacent = before != NULL && before->doc == s->doc && before->index + 1 == s->index;
        antecedent[k] = adjacent ? k - 1 : PRECIS_NO_ANTECEDENT;
    }
    for (size_t l = 0; l < PRECIS_MAX_LANGS; l++)
        if (state[l] == 2) {
            precis_strset_destroy(&sets[l]);
            precis_strset_destroy(&starts[l]);
        }
    return st;
}

static precis_status stage_select(run *r)
{
    size_t n = r->n_cand;
    precis_status st = PRECIS_ERR_NOMEM;
    uint32_t *words = precis_malloc(n * sizeof *words), *bytes = precis_malloc(n * sizeof *bytes);
    uint32_t *pos = precis_malloc(n * sizeof *pos);
    bool *eligible = precis_malloc(n * sizeof *eligible);
    size_t *antecedent = precis_malloc(n * sizeof *antecedent);
    bool *term_number = precis_malloc((r->vocab.n ? r->vocab.n : 1) * sizeof *term_number);
    bool points = false, keep_antecedents = false;
    if (words == NULL || bytes == NULL || pos == NULL || eligible == NULL || antecedent == NULL ||
        term_number == NULL)
        goto done;
    // A term that opens with a digit is a number (the tokenizer keeps "1992", "3.5", "10,000").
    for (size_t t = 0; t < r->vocab.n; t++)
        term_number[t] = r->vocab.terms[t][0] >= '0' && r->vocab.terms[t][0] <= '9';
    if ((st = find_antecedents(r, antecedent, &points)) != PRECIS_OK)
        goto done;
    st = PRECIS_ERR_NOMEM;
    bool any = false;
    for (size_t k = 0; k < n; k++) {
        const precis_sent *s = &r->sents.v[r->cand[k]];
        words[k] = s->n_words;
        bytes[k] = s->n_bytes;
        pos[k] = (uint32_t)k;
        // Questions and interview markers help the ranking but answer nothing themselves.
        eligible[k] = s->n_words >= r->opt->min_words && !s->ask;
        any |= eligible[k];
    }
    for (size_t k = 0; k < n && !any; k++) // no statement long enough: a question, then any
        any |= eligible[k] = !r->sents.v[r->cand[k]].ask;
    if (!any) // only short sentences: better a short one than none
        for (size_t k = 0; k < n; k++)
            eligible[k] = true;
    if ((st = precis_csr_transpose(&r->x, &r->xt)) != PRECIS_OK)
        goto done;
    precis_select_input in = {.n = n,
                              .score = r->score,
                              .words = words,
                              .bytes = bytes,
                              .eligible = eligible,
                              .x = &r->x,
                              .pos = pos,
                              .xt = &r->xt,
                              .antecedent = points ? antecedent : NULL,
                              .term_number = term_number};
    st = precis_select(&in, r->opt, &r->sel);
    if (st == PRECIS_OK && r->sel.n_chosen == 0 && points) {
        // Every sentence that fits points back to one that cannot be chosen (a text of
        // pronouns): a summary that needs its context beats none.
        precis_selection_destroy(&r->sel);
        in.antecedent = NULL;
        st = precis_select(&in, r->opt, &r->sel);
    }
    keep_antecedents = in.antecedent != NULL;
    for (size_t k = 0; st == PRECIS_OK && r->sel.skip != NULL && k < n; k++)
        if (r->sel.skip[k] == PRECIS_SKIP_SHORT && r->sents.v[r->cand[k]].ask)
            r->sel.skip[k] = PRECIS_SKIP_QUESTION;
done:
    free(words);
    free(bytes);
    free(pos);
    free(eligible);
    free(term_number);
    if (keep_antecedents && st == PRECIS_OK)
        r->antecedent = antecedent; // the output order keeps each with its antecedent
    else
        free(antecedent);
    return st;
}

/* Records every sentence's fate for --explain: dropped by which rule, or its score, and for
 * candidates left out, the chosen sentence they duplicate. */
static precis_status build_trace(run *r, precis_summary *s, const size_t *rank, const pick *picks,
                                 size_t k)
{
    size_t n = r->sents.n, bytes = 0;
    for (size_t i = 0; i < n; i++)
        bytes += r->sents.v[i].n_bytes + 1;
    s->trace = precis_calloc(n ? n : 1, sizeof *s->trace);
    s->trace_text = precis_malloc(bytes ? bytes : 1);
    size_t *cand_of = precis_malloc((n ? n : 1) * sizeof *cand_of);
    if (s->trace == NULL || s->trace_text == NULL || cand_of == NULL) {
        free(cand_of);
        return PRECIS_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++)
        cand_of[i] = SIZE_MAX;
    for (size_t c = 0; c < r->n_cand; c++)
        cand_of[r->cand[c]] = c;
    size_t at = 0;
    for (size_t i = 0; i < n; i++) {
        const precis_sent *ps = &r->sents.v[i];
        precis_trace *t = &s->trace[i];
        size_t len = sentence_out(r, ps, s->trace_text + at, bytes - at);
        if (len == (size_t)-1) {
            free(cand_of);
            return PRECIS_ERR_NOMEM;
        }
        t->doc = ps->doc;
        t->index = ps->index;
        t->paragraph = ps->para;
        t->text = s->trace_text + at;
        at += len + 1;
        t->duplicate_of = SIZE_MAX;
        size_t c = cand_of[i];
        if (c == SIZE_MAX) {
            t->dropped = precis_drop_reason((precis_drop)ps->drop);
            continue;
        }
        t->score = r->score[c];
        t->rank = rank[c];
    }
    // Why each candidate left out was left out, as the selection saw it (precis_select).
    for (size_t j = 0; j < k; j++)
        s->trace[r->cand[picks[j].cand]].chosen = 1;
    for (size_t c = 0; c < r->n_cand; c++) {
        precis_trace *t = &s->trace[r->cand[c]];
        t->skipped = (precis_skip)r->sel.skip[c];
        if (t->skipped == PRECIS_SKIP_DUPLICATE || t->skipped == PRECIS_SKIP_RESTATES) {
            t->duplicate_of = r->cand[r->sel.dup_of[c]];
            t->similarity = r->sel.dup_sim[c];
        }
    }
    precis_status st = PRECIS_OK;
    s->n_trace = n;
    free(cand_of);
    return st;
}

/* Each document's name, headline and sentence counts. */
static precis_status build_documents(run *r, precis_summary *s)
{
    const precis_corpus *c = r->corpus;
    size_t bytes = 0;
    for (size_t d = 0; d < c->n; d++)
        bytes += strlen(c->docs[d].name) + 1;
    for (size_t i = 0; i < r->sents.n; i++) {
        if (r->sents.v[i].drop == PRECIS_DROP_TITLE)
            bytes += r->sents.v[i].n_bytes + 1;
        if (r->sents.v[i].dateline_len > 0) // NFC may grow it three times
            bytes += r->sents.v[i].dateline_len * (size_t)3 + 1;
    }
    s->docs = precis_calloc(c->n ? c->n : 1, sizeof *s->docs);
    s->doc_text = precis_malloc(bytes ? bytes : 1);
    s->doc_dates = precis_malloc((c->n ? c->n : 1) * sizeof r->dates->text);
    if (s->docs == NULL || s->doc_text == NULL || s->doc_dates == NULL)
        return PRECIS_ERR_NOMEM;
    size_t at = 0;
    for (size_t d = 0; d < c->n; d++) {
        size_t len = strlen(c->docs[d].name);
        memcpy(s->doc_text + at, c->docs[d].name, len + 1);
        s->docs[d].name = s->doc_text + at;
        s->docs[d].bytes = c->docs[d].len + c->docs[d].base;
        at += len + 1;
        s->docs[d].date_source = (precis_date_source)r->date_source[d];
        if (r->date_source[d] != PRECIS_DATE_NONE) {
            char *date = s->doc_dates + d * sizeof r->dates->text;
            memcpy(date, r->dates[d].text, sizeof r->dates->text);
            s->docs[d].date = date;
        }
    }
    for (size_t i = 0; i < r->sents.n; i++) {
        const precis_sent *ps = &r->sents.v[i];
        precis_document *doc = &s->docs[ps->doc];
        doc->n_sentences++;
        doc->n_candidates += ps->drop == PRECIS_KEEP;
        if (ps->dateline_len > 0 && doc->dateline == NULL) {
            size_t len = precis_sentence_text(c->docs[ps->doc].text + ps->line_off,
                                              ps->dateline_len, s->doc_text + at, bytes - at);
            if (len == (size_t)-1)
                return PRECIS_ERR_NOMEM;
            doc->dateline = s->doc_text + at;
            at += len + 1;
        }
        if (ps->drop != PRECIS_DROP_TITLE || doc->title != NULL)
            continue;
        size_t len = sentence_out(r, ps, s->doc_text + at, bytes - at);
        if (len == (size_t)-1)
            return PRECIS_ERR_NOMEM;
        doc->title = s->doc_text + at;
        at += len + 1;
    }
    s->n_docs = c->n;
    return PRECIS_OK;
}

/* The language keywords are extracted in: the one given, else the one most candidate sentences
 * were detected in (one word graph, so one stemmer and one stopword list). */
static const char *keyword_language(const run *r)
{
    precis_lang lang;
    if (r->opt->language != NULL || r->n_cand == 0)
        return r->opt->language ? r->opt->language : "en";
    size_t votes[256] = {0}, best = r->doc_lang[r->sents.v[r->cand[0]].doc];
    for (size_t k = 0; k < r->n_cand; k++) {
        size_t l = r->doc_lang[r->sents.v[r->cand[k]].doc];
        if (++votes[l] > votes[best])
            best = l;
    }
    return precis_lang_at(best, &lang) ? lang.code : "en";
}

/* The corpus's keywords, from its candidate sentences (boilerplate left out). */
static precis_status build_keywords(run *r, precis_summary *s)
{
    size_t n = r->n_cand;
    const char **texts = precis_malloc((n ? n : 1) * sizeof *texts);
    size_t *lens = precis_malloc((n ? n : 1) * sizeof *lens);
    // Sentences whose output joins a line break are read in their output form, held here.
    char *joined = NULL;
    size_t joined_bytes = 0, at = 0;
    for (size_t k = 0; k < n; k++) {
        const precis_sent *ps = &r->sents.v[r->cand[k]];
        joined_bytes += ps->line_join ? (size_t)ps->n_bytes + 1 : 0;
    }
    precis_status st = PRECIS_ERR_NOMEM;
    if (joined_bytes > 0 && (joined = precis_malloc(joined_bytes)) == NULL)
        goto done;
    if (texts != NULL && lens != NULL) {
        for (size_t k = 0; k < n; k++) {
            const precis_sent *ps = &r->sents.v[r->cand[k]];
            texts[k] = r->corpus->docs[ps->doc].text + ps->off;
            lens[k] = ps->len;
            if (ps->line_join) {
                lens[k] = precis_sentence_render(texts[k], ps->len, &r->joins, joined + at,
                                                 joined_bytes - at);
                if (lens[k] == (size_t)-1)
                    goto done;
                texts[k] = joined + at;
                at += lens[k] + 1;
            }
        }
        const precis_options *o = r->opt;
        st = precis_keywords_extract(texts, lens, n, keyword_language(r), o->stopwords,
                                     o->stopwords_len, o->keywords, &s->keywords);
    }
done:
    free(texts);
    free(lens);
    free(joined);
    return st;
}

/* Each document's language code, for precis_summary_document_language(). */
/* Each document's language code into 'codes' ('fallback' for an index without a language).
 * precis_lang_at() searches the word lists by name, so it is asked once per language, not once
 * per document (35,000 documents at a million sentences). */
static void document_languages(const run *r, const char **codes, const char *fallback)
{
    const char *by_lang[PRECIS_MAX_LANGS];
    bool known[PRECIS_MAX_LANGS] = {false};
    for (size_t d = 0; d < r->corpus->n; d++) {
        size_t l = r->doc_lang[d];
        if (l >= PRECIS_MAX_LANGS) {
            codes[d] = fallback;
            continue;
        }
        if (!known[l]) {
            precis_lang lang;
            by_lang[l] = precis_lang_at(l, &lang) ? lang.code : fallback;
            known[l] = true;
        }
        codes[d] = by_lang[l];
    }
}

static precis_status record_languages(const run *r, precis_summary *s)
{
    size_t n = r->corpus->n;
    s->doc_lang = precis_malloc((n ? n : 1) * sizeof *s->doc_lang);
    if (s->doc_lang == NULL)
        return PRECIS_ERR_NOMEM;
    document_languages(r, s->doc_lang, "en");
    return PRECIS_OK;
}

/* Copies the chosen sentences, their provenance and the sentences they absorbed. */
static precis_status build_summary(run *r, precis_summary **out)
{
    size_t n = r->n_cand, k = r->sel.n_chosen;
    precis_status st = PRECIS_ERR_NOMEM;
    precis_summary *s = precis_calloc(1, sizeof *s);
    size_t *order = precis_malloc((n ? n : 1) * sizeof *order), *tmp = precis_malloc((n ? n : 1) * sizeof *tmp);
    size_t *rank = precis_malloc((n ? n : 1) * sizeof *rank);
    pick *picks = precis_calloc(k ? k : 1, sizeof *picks);
    size_t *owner = precis_malloc((n ? n : 1) * sizeof *owner); // supporting: index into picks
    double *owner_sim = precis_malloc((n ? n : 1) * sizeof *owner_sim);
    double *acc = precis_calloc(n ? n : 1, sizeof *acc);
    uint32_t *touched = precis_malloc((n ? n : 1) * sizeof *touched);
    size_t *sup_start = precis_calloc(k + 1, sizeof *sup_start); // supports grouped by owner
    size_t *sup_of = precis_malloc((n ? n : 1) * sizeof *sup_of);
    size_t *cursor = precis_malloc((k + 1) * sizeof *cursor);
    if (s == NULL || order == NULL || tmp == NULL || rank == NULL || picks == NULL ||
        owner == NULL || owner_sim == NULL || acc == NULL || touched == NULL ||
        sup_start == NULL || sup_of == NULL || cursor == NULL)
        goto done;
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    by_score ctx = {r->score};
    sort_ctx(order, tmp, n, cmp_score_desc, &ctx);
    for (size_t i = 0; i < n; i++)
        rank[order[i]] = i;
    for (size_t j = 0; j < k; j++) {
        size_t c = r->sel.chosen[j];
        const precis_sent *ps = &r->sents.v[r->cand[c]];
        bool dated = r->date_source[ps->doc] != PRECIS_DATE_NONE;
        picks[j] = (pick){c, ps->doc, ps->index, rank[c], dated ? r->dates[ps->doc].when : 0,
                          dated};
    }
    precis_order applied = applied_order(r);
    if (applied == PRECIS_ORDER_RANK && r->antecedent != NULL) {
        // A chosen sentence that points back follows its antecedent (chosen before it), so it
        // sorts with the antecedent's rank: the first sentence of a chain gives it.
        for (size_t j = 0; j < k; j++) {
            size_t c = picks[j].cand;
            while (r->antecedent[c] < PRECIS_NO_ANTECEDENT)
                c = r->antecedent[c];
            picks[j].rank = rank[c];
        }
    }
    qsort(picks, k, sizeof *picks,
          applied == PRECIS_ORDER_RANK ? cmp_rank
          : applied == PRECIS_ORDER_TIME ? cmp_time
                                        : cmp_source);
    // Each other-document candidate that duplicates a chosen sentence supports the closest one.
    // Picks in output order, so the first of equally similar picks owns a sentence.
    size_t n_support = 0;
    for (size_t i = 0; i < n; i++) {
        owner[i] = SIZE_MAX;
        owner_sim[i] = 0;
    }
    for (size_t j = 0; j < k; j++) {
        size_t c = picks[j].cand;
        size_t n_touched = precis_csr_similar(&r->x, &r->xt, c, acc, touched);
        for (size_t q = 0; q < n_touched; q++) {
            size_t i = touched[q];
            double sim = acc[i];
            acc[i] = 0.0;
            if (i == c || r->sents.v[r->cand[i]].doc == picks[j].doc)
                continue;
            if (sim >= r->opt->dedup && sim > owner_sim[i]) {
                owner[i] = j;
                owner_sim[i] = sim;
            }
        }
    }
    // A sentence that restates a pick in other words supports it too (the selection recorded
    // the pick; cosine owners come first, as the closer wording).
    for (size_t j = 0; j < k; j++)
        tmp[picks[j].cand] = j; // tmp: candidate -> its place among the picks
    for (size_t i = 0; i < n; i++) {
        size_t by = r->sel.restates[i];
        if (owner[i] == SIZE_MAX && by != SIZE_MAX && r->sel.restate_share[i] >= r->opt->restate &&
            r->sents.v[r->cand[i]].doc != r->sents.v[r->cand[by]].doc) {
            owner[i] = tmp[by];
            owner_sim[i] = precis_csr_dot(&r->x, i, by);
        }
    }
    for (size_t j = 0; j < k; j++) // a chosen sentence supports no other
        owner[picks[j].cand] = SIZE_MAX;
    for (size_t i = 0; i < n; i++)
        n_support += owner[i] != SIZE_MAX;
    // Supporters grouped by owner, in candidate order (a counting sort).
    for (size_t i = 0; i < n; i++)
        if (owner[i] != SIZE_MAX)
            sup_start[owner[i] + 1]++;
    for (size_t j = 0; j < k; j++)
        sup_start[j + 1] += sup_start[j];
    memcpy(cursor, sup_start, (k + 1) * sizeof *cursor);
    for (size_t i = 0; i < n; i++)
        if (owner[i] != SIZE_MAX)
            sup_of[cursor[owner[i]]++] = i;
    size_t text_bytes = 0;
    for (size_t j = 0; j < k; j++)
        text_bytes += r->sents.v[r->cand[picks[j].cand]].n_bytes + 1;
    s->sent = precis_calloc(k ? k : 1, sizeof *s->sent);
    s->support = precis_calloc(n_support ? n_support : 1, sizeof *s->support);
    s->text = precis_malloc(text_bytes ? text_bytes : 1);
    if (s->sent == NULL || s->support == NULL || s->text == NULL)
        goto done;
    size_t at = 0, sup = 0;
    for (size_t j = 0; j < k; j++) {
        const precis_sent *ps = &r->sents.v[r->cand[picks[j].cand]];
        const precis_doc *doc = &r->corpus->docs[ps->doc];
        size_t len = sentence_out(r, ps, s->text + at, text_bytes - at);
        if (len == (size_t)-1)
            goto done;
        precis_sentence *o = &s->sent[j];
        o->text = s->text + at;
        o->text_len = len;
        o->doc = ps->doc;
        o->index = ps->index;
        o->offset = ps->off + doc->base;
        o->length = ps->len;
        o->score = r->score[picks[j].cand];
        o->rank = picks[j].rank;
        o->support = s->support + sup;
        for (size_t q = sup_start[j]; q < sup_start[j + 1]; q++) {
            const precis_sent *si = &r->sents.v[r->cand[sup_of[q]]];
            double sim = owner_sim[sup_of[q]];
            double share = sim < r->opt->dedup ? r->sel.restate_share[sup_of[q]] : 0;
            s->support[sup++] = (precis_support){si->doc, si->index, sim, share};
        }
        o->n_support = (size_t)(s->support + sup - o->support);
        at += len + 1;
    }
    if (r->opt->explain && (st = build_trace(r, s, rank, picks, k)) != PRECIS_OK)
        goto done;
    if ((st = build_documents(r, s)) != PRECIS_OK || (st = record_languages(r, s)) != PRECIS_OK ||
        (r->opt->keywords > 0 && (st = build_keywords(r, s)) != PRECIS_OK))
        goto done;
    st = PRECIS_ERR_NOMEM;
    s->n = k;
    s->order = applied;
    s->n_sentences = r->sents.n;
    s->n_candidates = n;
    s->iterations = r->iterations;
    memcpy(s->stage_ms, r->ms, sizeof s->stage_ms);
    *out = s;
    s = NULL;
    st = PRECIS_OK;
done:
    precis_summary_free(s);
    free(order);
    free(tmp);
    free(rank);
    free(picks);
    free(owner);
    free(owner_sim);
    free(acc);
    free(touched);
    free(sup_start);
    free(sup_of);
    free(cursor);
    return st;
}

/* The entry points' common start: checks the corpus, the options ('*opt' NULL means the
 * defaults, filled into 'defaults') and the corpus's size, then sets up a run over 'c'. On
 * PRECIS_OK the caller owns 'r' (run_destroy()). */
static precis_status run_init(run *r, const precis_corpus *c, const precis_options **opt,
                              precis_options *defaults)
{
    if (c == NULL)
        return PRECIS_ERR_INVALID_ARG;
    if (*opt == NULL) {
        precis_options_init(defaults);
        *opt = defaults;
    }
    const precis_options *o = *opt;
    precis_status st = check_options(o);
    if (st != PRECIS_OK)
        return st;
    size_t max_bytes = o->max_input_bytes ? o->max_input_bytes : DEFAULT_MAX_INPUT_BYTES;
    if (c->total_bytes > max_bytes)
        return PRECIS_ERR_TOO_LARGE;
    *r = (run){.corpus = c,
               .opt = o,
               .threads = precis_thread_count(o->threads),
               .progress = {o->progress, o->progress_ctx}};
    precis_vocab_init(&r->vocab);
    precis_strset_init(&r->joins);
    return PRECIS_OK;
}

precis_status precis_summarize(const precis_corpus *c, const precis_options *opt,
                               precis_summary **out)
{
    if (out == NULL)
        return PRECIS_ERR_INVALID_ARG;
    *out = NULL;
    precis_options defaults;
    run r;
    precis_status st = run_init(&r, c, &opt, &defaults);
    if (st != PRECIS_OK)
        return st;
    if (c->n == 0) {
        run_destroy(&r);
        return PRECIS_ERR_EMPTY;
    }
    double t = precis_now_ms(), t2;
#define STAGE(id, call)                                                                       \
    do {                                                                                       \
        if ((st = (call)) != PRECIS_OK)                                                        \
            goto done;                                                                         \
        t2 = precis_now_ms();                                                                  \
        r.ms[id] += t2 - t;                                                                    \
        t = t2;                                                                                \
    } while (0)
    STAGE(PRECIS_STAGE_SPLIT, stage_languages(&r));
    STAGE(PRECIS_STAGE_SPLIT, stage_split(&r));
    STAGE(PRECIS_STAGE_SPLIT, stage_candidates(&r));
    STAGE(PRECIS_STAGE_SPLIT, stage_dates(&r));
    STAGE(PRECIS_STAGE_TOKENIZE, stage_tokenize(&r));
    STAGE(PRECIS_STAGE_TFIDF, precis_tfidf_build(&r.counts, r.vocab.n, &r.x));
    STAGE(PRECIS_STAGE_GRAPH,
          precis_graph_build_with(&r.x, opt->edge_threshold, (int)opt->graph, r.threads,
                                  &r.progress, &r.graph));
    r.score = precis_malloc(r.n_cand * sizeof *r.score);
    if (r.score == NULL) {
        st = PRECIS_ERR_NOMEM;
        goto done;
    }
    if (opt->progress)
        opt->progress(opt->progress_ctx, "rank", 0);
    STAGE(PRECIS_STAGE_RANK, make_teleport(&r));
    STAGE(PRECIS_STAGE_RANK,
          precis_rank_textrank_threads(&r.graph, opt->damping, r.teleport, RANK_TOLERANCE,
                                       RANK_MAX_ITER, r.threads, r.score, &r.iterations,
                                       &r.delta));
    precis_graph_destroy(&r.graph); // nothing after ranking needs it: the memory goes back now
    if (opt->progress)
        opt->progress(opt->progress_ctx, "select", 0);
    STAGE(PRECIS_STAGE_SELECT, stage_select(&r));
    STAGE(PRECIS_STAGE_SELECT, build_summary(&r, out));
#undef STAGE
done:
    run_destroy(&r);
    return st;
}

/* ---- sentences: what the splitter and the filter found (precis split) ------------------- */

struct precis_sentences {
    precis_split_sentence *v;
    size_t n;
    char *text;
    const char **doc_lang; // per document: the language's code (static strings)
    size_t n_docs;
};

void precis_sentences_free(precis_sentences *s)
{
    if (s == NULL)
        return;
    free(s->v);
    free(s->text);
    free(s->doc_lang);
    free(s);
}

size_t precis_sentences_count(const precis_sentences *s) { return s ? s->n : 0; }

const precis_split_sentence *precis_sentences_get(const precis_sentences *s, size_t i)
{
    return s && i < s->n ? &s->v[i] : NULL;
}

const char *precis_sentences_document_language(const precis_sentences *s, size_t doc)
{
    return s && doc < s->n_docs ? s->doc_lang[doc] : NULL;
}

/* Copies the split sentences of 'r' into a result that owns its memory. */
static precis_status build_sentences(const run *r, precis_sentences *out)
{
    size_t n = r->sents.n, bytes = 0;
    for (size_t i = 0; i < n; i++) {
        bytes += r->sents.v[i].n_bytes + 1;
        if (r->sents.v[i].dateline_len > 0) // NFC may grow it three times
            bytes += r->sents.v[i].dateline_len * (size_t)3 + 1;
    }
    out->v = precis_calloc(n ? n : 1, sizeof *out->v);
    out->text = precis_malloc(bytes ? bytes : 1);
    out->doc_lang = precis_calloc(r->corpus->n ? r->corpus->n : 1, sizeof *out->doc_lang);
    if (out->v == NULL || out->text == NULL || out->doc_lang == NULL)
        return PRECIS_ERR_NOMEM;
    out->n_docs = r->corpus->n;
    document_languages(r, out->doc_lang, NULL);
    size_t at = 0;
    for (size_t i = 0; i < n; i++) {
        const precis_sent *ps = &r->sents.v[i];
        const precis_doc *doc = &r->corpus->docs[ps->doc];
        size_t len = sentence_out(r, ps, out->text + at, bytes - at);
        if (len == (size_t)-1)
            return PRECIS_ERR_NOMEM;
        out->v[i] = (precis_split_sentence){
            .doc = ps->doc,
            .paragraph = ps->para,
            .index = ps->index,
            .offset = ps->off + doc->base,
            .length = ps->len,
            .text = out->text + at,
            .text_len = len,
            .dropped = ps->drop == PRECIS_KEEP ? NULL : precis_drop_reason((precis_drop)ps->drop),
        };
        at += len + 1;
        if (ps->dateline_len > 0) {
            len = precis_sentence_text(doc->text + ps->line_off, ps->dateline_len,
                                       out->text + at, bytes - at);
            if (len == (size_t)-1)
                return PRECIS_ERR_NOMEM;
            out->v[i].dateline = out->text + at;
            at += len + 1;
        }
    }
    out->n = n;
    return PRECIS_OK;
}

precis_status precis_split_corpus(const precis_corpus *c, const precis_options *opt,
                                  precis_sentences **out)
{
    if (out == NULL)
        return PRECIS_ERR_INVALID_ARG;
    *out = NULL;
    precis_options defaults;
    run r;
    precis_status st = run_init(&r, c, &opt, &defaults);
    if (st != PRECIS_OK)
        return st;
    precis_sentences *res = precis_calloc(1, sizeof *res);
    if (res == NULL)
        st = PRECIS_ERR_NOMEM;
    if (st == PRECIS_OK)
        st = stage_languages(&r);
    if (st == PRECIS_OK)
        st = stage_split(&r);
    if (st == PRECIS_OK)
        st = build_sentences(&r, res);
    run_destroy(&r);
    if (st != PRECIS_OK) {
        precis_sentences_free(res);
        return st;
    }
    *out = res;
    return PRECIS_OK;
}
