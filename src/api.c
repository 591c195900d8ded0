/* The public objects around the pipeline: the options and their defaults, the corpus (what the
 * load stage gives), and the read-only accessors of a summary and of a split. summarize.c runs
 * the stages; output.c builds the results these accessors read. */
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
#define DEFAULT_QUERY_MIX 0.8

void precis_options_init_size(precis_options *opt, size_t size)
{
    if (opt == NULL || size < sizeof opt->size)
        return;
    precis_options o;
    memset(&o, 0, sizeof o);
    o.budget_kind = PRECIS_BUDGET_SENTENCES;
    o.budget = DEFAULT_SENTENCES;
    o.dedup = DEFAULT_DEDUP;
    o.order = PRECIS_ORDER_AUTO;
    o.damping = DEFAULT_DAMPING;
    o.position_prior = DEFAULT_POSITION_PRIOR;
    o.edge_threshold = DEFAULT_EDGE_THRESHOLD;
    o.redundancy = DEFAULT_REDUNDANCY;
    o.min_words = DEFAULT_MIN_WORDS;
    o.restate = DEFAULT_RESTATE;
    o.query_mix = DEFAULT_QUERY_MIX;
    // An older caller's struct is shorter: only its own fields are written.
    memcpy(opt, &o, size < sizeof o ? size : sizeof o);
    if (size > sizeof o) // a newer caller's: fields this library does not know stay zero
        memset((char *)opt + sizeof o, 0, size - sizeof o);
    opt->size = size;
}

/* Caller options the way this library reads them: the fields the caller's struct holds, the
 * defaults for those it was compiled without. */
precis_status precis_options_read(const precis_options *in, precis_options *out)
{
    // 64 KiB: no precis_options will ever be that large; a size beyond is garbage.
    if (in->size < sizeof in->size || in->size > 65536)
        return PRECIS_ERR_INVALID_ARG;
    precis_options_init_size(out, sizeof *out);
    memcpy(out, in, in->size < sizeof *out ? in->size : sizeof *out);
    out->size = sizeof *out;
    return precis_options_check(out);
}

precis_status precis_options_check(const precis_options *o)
{
    bool ok = isfinite(o->budget) && o->budget > 0 && isfinite(o->dedup) && o->dedup > 0 &&
              o->dedup <= 1.0 + 1e-9 && o->damping > 0 && o->damping < 1 &&
              o->position_prior >= 0 && o->position_prior <= 1 && o->edge_threshold >= 0 &&
              o->edge_threshold < 1 && o->redundancy >= 0 && o->redundancy <= 1 &&
              isfinite(o->restate) && o->restate > 0 && o->restate <= 1.0 + 1e-9 &&
              o->query_mix >= 0 && o->query_mix <= 1 &&
              (unsigned)o->order <= PRECIS_ORDER_AUTO &&
              (unsigned)o->graph <= PRECIS_GRAPH_PRUNED &&
              (unsigned)o->budget_kind <= PRECIS_BUDGET_RATIO;
    if (o->budget_kind == PRECIS_BUDGET_RATIO && o->budget > 1)
        ok = false;
    return ok ? PRECIS_OK : PRECIS_ERR_INVALID_ARG;
}

/* ---- corpus ---------------------------------------------------------------------------- */

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
    double t = precis_now_ms();
    precis_status st = precis_load_document(name, data ? data : "", len, &c->docs[c->n],
                                            c->error, sizeof c->error);
    c->load_ms += precis_now_ms() - t;
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

void precis_summary_free(precis_summary *s)
{
    if (s == NULL)
        return;
    free(s->sent);
    free(s->support);
    free(s->query_words);
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
const char *precis_query_problem(precis_query_status q)
{
    return q == PRECIS_QUERY_EMPTY    ? "the query has no content word (only stopwords or "
                                        "punctuation)"
           : q == PRECIS_QUERY_ABSENT ? "none of the query's words is in the documents"
                                      : NULL;
}

precis_query_status precis_summary_query_status(const precis_summary *s)
{
    return s ? s->query_status : PRECIS_QUERY_NONE;
}

precis_order precis_summary_order(const precis_summary *s)
{
    return s ? s->order : PRECIS_ORDER_SOURCE;
}

/* In the order of PRECIS_STAGE_* (internal.h), which is the order summarize.c runs them in. */
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

/* ---- sentences: what the splitter and the filter found (precis split) ------------------- */

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


/* ---- the one-call form ------------------------------------------------------------------ */

precis_status precis_summarize_texts(const char *const *texts, size_t n,
                                     const precis_options *opt, char **out)
{
    if (out == NULL)
        return PRECIS_ERR_INVALID_ARG;
    *out = NULL;
    if (texts == NULL && n > 0)
        return PRECIS_ERR_INVALID_ARG;
    precis_corpus *c;
    precis_summary *s = NULL;
    precis_status st = precis_corpus_new(&c);
    for (size_t i = 0; st == PRECIS_OK && i < n; i++) {
        char name[32];
        snprintf(name, sizeof name, "%zu", i + 1);
        st = texts[i] ? precis_corpus_add(c, name, texts[i], strlen(texts[i]))
                      : PRECIS_ERR_INVALID_ARG;
    }
    if (st == PRECIS_OK)
        st = precis_summarize(c, opt, &s);
    size_t len = 0;
    for (size_t i = 0; st == PRECIS_OK && i < precis_summary_count(s); i++)
        len += precis_summary_sentence(s, i)->text_len + 1;
    if (st == PRECIS_OK && (*out = precis_malloc(len + 1)) == NULL)
        st = PRECIS_ERR_NOMEM;
    for (size_t i = 0, at = 0; st == PRECIS_OK && i < precis_summary_count(s); i++) {
        const precis_sentence *t = precis_summary_sentence(s, i);
        memcpy(*out + at, t->text, t->text_len);
        at += t->text_len;
        (*out)[at++] = '\n';
        (*out)[at] = '\0';
    }
    if (st == PRECIS_OK && len == 0)
        (*out)[0] = '\0';
    precis_summary_free(s);
    precis_corpus_free(c);
    return st;
}

void precis_free(void *p)
{
    free(p);
}
