/* The driver: precis_summarize() runs the stages in order over a corpus --
 *   languages -> split -> filter -> candidates, dates -> tokenize -> tfidf -> graph -> rank
 *   -> select -> output
 * each taking the earlier stages' output from the run and leaving its own there, and times
 * them; precis_split_corpus() runs the stages up to the filter. The run owns everything the
 * stages make and frees it once; the results (output.c) copy what they keep. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define DEFAULT_MAX_SENTENCES ((size_t)20 * 1000 * 1000)
#define RANK_TOLERANCE 1e-6
#define RANK_MAX_ITER 1000

typedef struct run {
    const precis_corpus *corpus;
    const precis_options *opt;
    size_t threads;
    precis_progress progress;
    uint8_t *doc_lang;   // languages: per document, its language (precis_lang_at index)
    precis_sents sents;  // split, marked by the filter
    precis_strset joins; // words hyphenated at a line's end that the output rejoins
    size_t *cand;        // filter: candidate -> sentence
    precis_candidates cd; // the candidates as the later stages read them
    precis_date *dates;   // per document: its date, when date_source says it has one
    uint8_t *date_source; // per document: precis_date_source
    precis_vocab vocab;   // tokenize
    precis_counts counts;
    precis_csr x;  // tfidf
    precis_csr xt; // x transposed (select): which sentences hold each term
    precis_graph graph;
    precis_query query; // rank: relevance to the options' query
    double *teleport;
    double *score;
    size_t *rank;
    size_t iterations;
    double delta;
    precis_selection sel; // select
    size_t *antecedent;
    double ms[PRECIS_STAGE_COUNT];
} run;

static void run_destroy(run *r)
{
    free(r->doc_lang);
    free(r->sents.v);
    precis_strset_destroy(&r->joins);
    free(r->cand);
    free(r->dates);
    free(r->date_source);
    precis_vocab_destroy(&r->vocab);
    precis_counts_destroy(&r->counts);
    precis_csr_destroy(&r->x);
    precis_csr_destroy(&r->xt);
    precis_graph_destroy(&r->graph);
    precis_query_destroy(&r->query);
    free(r->teleport);
    free(r->score);
    free(r->rank);
    precis_selection_destroy(&r->sel);
    free(r->antecedent);
}

/* The entry points' common start: checks the corpus, reads the caller's options into 'own'
 * ('*opt' NULL means the defaults; '*opt' then points to 'own', as this library's struct
 * whatever header the caller was built with) and checks the corpus's size, then sets up a run
 * over 'c'. On PRECIS_OK the caller owns 'r' (run_destroy()). */
static precis_status run_init(run *r, const precis_corpus *c, const precis_options **opt,
                              precis_options *own)
{
    if (c == NULL)
        return PRECIS_ERR_INVALID_ARG;
    precis_status st = PRECIS_OK;
    if (*opt == NULL)
        precis_options_init(own);
    else if ((st = precis_options_read(*opt, own)) != PRECIS_OK)
        return st;
    *opt = own;
    const precis_options *o = own;
    size_t max_bytes = o->max_input_bytes ? o->max_input_bytes : PRECIS_DEFAULT_MAX_INPUT_BYTES;
    if (c->total_bytes > max_bytes)
        return PRECIS_ERR_TOO_LARGE;
    *r = (run){.corpus = c,
               .opt = o,
               .threads = precis_thread_count(o->threads),
               .progress = {o->progress, o->progress_ctx}};
    precis_vocab_init(&r->vocab);
    precis_strset_init(&r->joins);
    r->cd = (precis_candidates){.docs = c->docs,
                                .n_docs = c->n,
                                .sents = &r->sents,
                                .joins = &r->joins};
    return PRECIS_OK;
}

/* Languages, split and filter: what precis_split_corpus() shows. */
static precis_status run_sentences(run *r)
{
    const precis_corpus *c = r->corpus;
    size_t max_sent = r->opt->max_sentences ? r->opt->max_sentences : DEFAULT_MAX_SENTENCES;
    if ((r->doc_lang = precis_malloc(c->n ? c->n : 1)) == NULL)
        return PRECIS_ERR_NOMEM;
    r->cd.doc_lang = r->doc_lang;
    precis_status st = precis_detect_documents(c->docs, c->n, r->opt->language, r->threads,
                                               r->doc_lang);
    if (st == PRECIS_OK)
        st = precis_split_corpus_sentences(c->docs, c->n, r->doc_lang, max_sent, r->threads,
                                           &r->progress, &r->sents);
    if (st == PRECIS_OK)
        st = precis_filter_sentences(c->docs, c->n, &r->sents, r->threads);
    // Words hyphenated at a line's end: the corpus says which to rejoin (read only if any).
    if (st == PRECIS_OK)
        st = precis_hyphens_decide(c->docs, c->n, &r->sents, &r->joins);
    return st;
}

/* The candidates the filter kept, and each document's date (read up to its first candidate). */
static precis_status run_candidates(run *r)
{
    size_t n_docs = r->corpus->n;
    precis_status st = precis_filter_candidates(&r->sents, &r->cand, &r->cd.n);
    if (st != PRECIS_OK)
        return st;
    r->cd.cand = r->cand;
    r->dates = precis_malloc((n_docs ? n_docs : 1) * sizeof *r->dates);
    r->date_source = precis_malloc(n_docs ? n_docs : 1);
    if (r->dates == NULL || r->date_source == NULL)
        return PRECIS_ERR_NOMEM;
    return precis_dates_find_all(&r->cd, r->dates, r->date_source);
}

/* TextRank over the graph, then each candidate's place by score. */
static precis_status run_rank(run *r)
{
    if (r->opt->progress)
        r->opt->progress(r->opt->progress_ctx, "rank", 0);
    if ((r->score = precis_malloc(r->cd.n * sizeof *r->score)) == NULL)
        return PRECIS_ERR_NOMEM;
    precis_status st = precis_rank_teleport(&r->cd, r->opt->position_prior, &r->teleport);
    if (st == PRECIS_OK)
        st = precis_query_relevance(&r->cd, &r->vocab, &r->x, r->opt, &r->query);
    if (st == PRECIS_OK)
        st = precis_query_teleport(&r->query, r->cd.n, r->opt->query_mix, &r->teleport);
    if (st == PRECIS_OK)
        st = precis_rank_textrank_threads(&r->graph, r->opt->damping, r->teleport,
                                          RANK_TOLERANCE, RANK_MAX_ITER, r->threads, r->score,
                                          &r->iterations, &r->delta);
    precis_graph_destroy(&r->graph); // nothing after ranking needs it: the memory goes back now
    return st == PRECIS_OK ? precis_rank_order(r->score, r->cd.n, &r->rank) : st;
}

/* The selection, then the summary built from everything the stages found. */
static precis_status run_select(run *r, precis_summary **out)
{
    if (r->opt->progress)
        r->opt->progress(r->opt->progress_ctx, "select", 0);
    precis_status st = precis_select_sentences(&r->cd, &r->vocab, &r->x, r->score, r->opt,
                                               &r->xt, &r->sel, &r->antecedent);
    if (st != PRECIS_OK)
        return st;
    precis_results res = {.opt = r->opt,
                          .cd = &r->cd,
                          .dates = r->dates,
                          .date_source = r->date_source,
                          .x = &r->x,
                          .xt = &r->xt,
                          .score = r->score,
                          .rank = r->rank,
                          .iterations = r->iterations,
                          .sel = &r->sel,
                          .antecedent = r->antecedent,
                          .query = &r->query,
                          .vocab = &r->vocab};
    return precis_summary_build(&res, out);
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
    r.ms[PRECIS_STAGE_LOAD] = c->load_ms; // done when the documents were added
    double t = precis_now_ms(), t2;
#define STAGE(id, call)                                                                       \
    do {                                                                                       \
        if ((st = (call)) != PRECIS_OK)                                                        \
            goto done;                                                                         \
        t2 = precis_now_ms();                                                                  \
        r.ms[id] += t2 - t;                                                                    \
        t = t2;                                                                                \
    } while (0)
    STAGE(PRECIS_STAGE_SPLIT, run_sentences(&r));
    STAGE(PRECIS_STAGE_SPLIT, run_candidates(&r));
    STAGE(PRECIS_STAGE_TOKENIZE, precis_tokenize_candidates(&r.cd, opt, r.threads, &r.progress,
                                                            &r.vocab, &r.counts));
    STAGE(PRECIS_STAGE_TFIDF, precis_tfidf_build(&r.counts, r.vocab.n, &r.x));
    STAGE(PRECIS_STAGE_GRAPH, precis_graph_build_with(&r.x, opt->edge_threshold, (int)opt->graph,
                                                      r.threads, &r.progress, &r.graph));
    STAGE(PRECIS_STAGE_RANK, run_rank(&r));
    STAGE(PRECIS_STAGE_SELECT, run_select(&r, out));
#undef STAGE
    memcpy((*out)->stage_ms, r.ms, sizeof r.ms);
done:
    run_destroy(&r);
    return st;
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
    st = run_sentences(&r);
    if (st == PRECIS_OK)
        st = precis_sentences_build(&r.cd, out);
    run_destroy(&r);
    return st;
}
