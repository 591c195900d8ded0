/* The last step: what the stages found -> the results the caller owns (precis_summary,
 * precis_sentences). Puts the chosen sentences in the order asked for and copies them, their
 * provenance (decided by select), the trace of every sentence, the documents' names, titles,
 * dates and languages, and the keywords. Nothing here points into the run's memory. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Sorting the summary: by (doc, index) for source order, by (date, doc, index) for time order,
 * by rank otherwise. */
typedef struct pick {
    size_t cand;
    uint32_t doc, index;
    size_t rank;  // in rank order, a sentence that points back takes its antecedent's
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

/* The order a summary is printed in: PRECIS_ORDER_AUTO is time order when every document has a
 * date, source order otherwise. */
static precis_order applied_order(const precis_results *r)
{
    if (r->opt->order != PRECIS_ORDER_AUTO)
        return r->opt->order;
    for (size_t d = 0; d < r->cd->n_docs; d++)
        if (r->date_source[d] == PRECIS_DATE_NONE)
            return PRECIS_ORDER_SOURCE;
    return PRECIS_ORDER_TIME;
}

/* The chosen candidates in the order 'applied', into 'picks' (k of them). */
static void order_picks(const precis_results *r, precis_order applied, pick *picks)
{
    size_t k = r->sel->n_chosen;
    for (size_t j = 0; j < k; j++) {
        size_t c = r->sel->chosen[j];
        const precis_sent *ps = precis_candidate(r->cd, c);
        bool dated = r->date_source[ps->doc] != PRECIS_DATE_NONE;
        picks[j] = (pick){c, ps->doc, ps->index, r->rank[c], dated ? r->dates[ps->doc].when : 0,
                          dated};
    }
    if (applied == PRECIS_ORDER_RANK && r->antecedent != NULL) {
        // A chosen sentence that points back follows its antecedent (chosen before it), so it
        // sorts with the antecedent's rank: the first sentence of a chain gives it.
        for (size_t j = 0; j < k; j++) {
            size_t c = picks[j].cand;
            while (r->antecedent[c] < PRECIS_NO_ANTECEDENT)
                c = r->antecedent[c];
            picks[j].rank = r->rank[c];
        }
    }
    qsort(picks, k, sizeof *picks,
          applied == PRECIS_ORDER_RANK   ? cmp_rank
          : applied == PRECIS_ORDER_TIME ? cmp_time
                                         : cmp_source);
}

/* Records every sentence's fate for --explain: dropped by which rule, or its score, and for
 * candidates left out, the chosen sentence they duplicate. */
static precis_status build_trace(const precis_results *r, precis_summary *s)
{
    const precis_candidates *cd = r->cd;
    const precis_sents *ss = cd->sents;
    size_t n = ss->n, bytes = 0;
    for (size_t i = 0; i < n; i++)
        bytes += ss->v[i].n_bytes + 1;
    s->trace = precis_calloc(n ? n : 1, sizeof *s->trace);
    s->trace_text = precis_malloc(bytes ? bytes : 1);
    size_t *cand_of = precis_malloc((n ? n : 1) * sizeof *cand_of);
    if (s->trace == NULL || s->trace_text == NULL || cand_of == NULL) {
        free(cand_of);
        return PRECIS_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++)
        cand_of[i] = SIZE_MAX;
    for (size_t c = 0; c < cd->n; c++)
        cand_of[cd->cand[c]] = c;
    size_t at = 0;
    for (size_t i = 0; i < n; i++) {
        const precis_sent *ps = &ss->v[i];
        precis_trace *t = &s->trace[i];
        size_t len = precis_sent_output(ps, cd->docs, cd->joins, s->trace_text + at, bytes - at);
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
        t->rank = r->rank[c] + 1; // 1 = best, as JSON, --explain and the report say it
        t->relevance = r->query->relevance ? r->query->relevance[c] : 0;
    }
    // Why each candidate left out was left out, as the selection saw it (precis_select).
    for (size_t j = 0; j < r->sel->n_chosen; j++)
        s->trace[cd->cand[r->sel->chosen[j]]].chosen = 1;
    for (size_t c = 0; c < cd->n; c++) {
        precis_trace *t = &s->trace[cd->cand[c]];
        t->skipped = (precis_skip)r->sel->skip[c];
        if (t->skipped == PRECIS_SKIP_DUPLICATE || t->skipped == PRECIS_SKIP_RESTATES) {
            t->duplicate_of = cd->cand[r->sel->dup_of[c]];
            t->similarity = r->sel->dup_sim[c];
        }
    }
    s->n_trace = n;
    free(cand_of);
    return PRECIS_OK;
}

/* The output form of sentence 'i' of the corpus into 'out' (capacity 'cap'), as
 * precis_sent_output() gives it: copied from the trace when there is one (--explain renders
 * every sentence once, there), else rendered. */
static size_t sentence_text(const precis_results *r, const precis_summary *s, size_t i,
                            char *out, size_t cap)
{
    if (s->trace == NULL)
        return precis_sent_output(&r->cd->sents->v[i], r->cd->docs, r->cd->joins, out, cap);
    size_t len = strlen(s->trace[i].text); // output text holds no NUL: load refuses one
    if (len + 1 > cap)
        return (size_t)-1;
    memcpy(out, s->trace[i].text, len + 1);
    return len;
}

/* Each document's name, headline, dateline, date and sentence counts. */
static precis_status build_documents(const precis_results *r, precis_summary *s)
{
    const precis_candidates *cd = r->cd;
    const precis_sents *ss = cd->sents;
    size_t n_docs = cd->n_docs, bytes = 0;
    for (size_t d = 0; d < n_docs; d++)
        bytes += strlen(cd->docs[d].name) + 1;
    for (size_t i = 0; i < ss->n; i++) {
        if (ss->v[i].drop == PRECIS_DROP_TITLE)
            bytes += ss->v[i].n_bytes + 1;
        if (ss->v[i].dateline_len > 0) // NFC may grow it three times
            bytes += ss->v[i].dateline_len * (size_t)3 + 1;
    }
    s->docs = precis_calloc(n_docs ? n_docs : 1, sizeof *s->docs);
    s->doc_text = precis_malloc(bytes ? bytes : 1);
    s->doc_dates = precis_malloc((n_docs ? n_docs : 1) * sizeof r->dates->text);
    if (s->docs == NULL || s->doc_text == NULL || s->doc_dates == NULL)
        return PRECIS_ERR_NOMEM;
    size_t at = 0;
    for (size_t d = 0; d < n_docs; d++) {
        size_t len = strlen(cd->docs[d].name);
        memcpy(s->doc_text + at, cd->docs[d].name, len + 1);
        s->docs[d].name = s->doc_text + at;
        s->docs[d].bytes = cd->docs[d].len + cd->docs[d].base;
        at += len + 1;
        s->docs[d].date_source = (precis_date_source)r->date_source[d];
        if (r->date_source[d] != PRECIS_DATE_NONE) {
            char *date = s->doc_dates + d * sizeof r->dates->text;
            memcpy(date, r->dates[d].text, sizeof r->dates->text);
            s->docs[d].date = date;
        }
    }
    for (size_t i = 0; i < ss->n; i++) {
        const precis_sent *ps = &ss->v[i];
        precis_document *doc = &s->docs[ps->doc];
        doc->n_sentences++;
        doc->n_candidates += ps->drop == PRECIS_KEEP;
        if (ps->dateline_len > 0 && doc->dateline == NULL) {
            size_t len = precis_sentence_text(cd->docs[ps->doc].text + ps->line_off,
                                              ps->dateline_len, s->doc_text + at, bytes - at);
            if (len == (size_t)-1)
                return PRECIS_ERR_NOMEM;
            doc->dateline = s->doc_text + at;
            at += len + 1;
        }
        if (ps->drop != PRECIS_DROP_TITLE || doc->title != NULL)
            continue;
        size_t len = sentence_text(r, s, i, s->doc_text + at, bytes - at);
        if (len == (size_t)-1)
            return PRECIS_ERR_NOMEM;
        doc->title = s->doc_text + at;
        at += len + 1;
    }
    s->n_docs = n_docs;
    return PRECIS_OK;
}

/* The language keywords are extracted in: the one given, else the one most candidate sentences
 * were detected in (one word graph, so one stemmer and one stopword list). */
static const char *keyword_language(const precis_results *r)
{
    const precis_candidates *cd = r->cd;
    precis_lang lang;
    if (r->opt->language != NULL || cd->n == 0)
        return r->opt->language ? r->opt->language : "en";
    // doc_lang holds a uint8_t; precis_lang_count() is at most PRECIS_MAX_LANGS.
    size_t votes[PRECIS_MAX_LANGS] = {0}, best = cd->doc_lang[precis_candidate(cd, 0)->doc];
    for (size_t k = 0; k < cd->n; k++) {
        size_t l = cd->doc_lang[precis_candidate(cd, k)->doc];
        if (l < PRECIS_MAX_LANGS && ++votes[l] > votes[best])
            best = l;
    }
    return precis_lang_at(best, &lang) ? lang.code : "en";
}

/* The corpus's keywords, from its candidate sentences (boilerplate left out). */
static precis_status build_keywords(const precis_results *r, precis_summary *s)
{
    const precis_candidates *cd = r->cd;
    size_t n = cd->n;
    const char **texts = precis_malloc((n ? n : 1) * sizeof *texts);
    size_t *lens = precis_malloc((n ? n : 1) * sizeof *lens);
    // Sentences whose output joins a line break are read in their output form, held here.
    char *joined = NULL;
    size_t joined_bytes = 0, at = 0;
    for (size_t k = 0; k < n; k++) {
        const precis_sent *ps = precis_candidate(cd, k);
        joined_bytes += ps->line_join ? (size_t)ps->n_bytes + 1 : 0;
    }
    precis_status st = PRECIS_ERR_NOMEM;
    if (joined_bytes > 0 && (joined = precis_malloc(joined_bytes)) == NULL)
        goto done;
    if (texts != NULL && lens != NULL) {
        for (size_t k = 0; k < n; k++) {
            const precis_sent *ps = precis_candidate(cd, k);
            texts[k] = cd->docs[ps->doc].text + ps->off;
            lens[k] = ps->len;
            if (ps->line_join) {
                lens[k] = precis_sent_output(ps, cd->docs, cd->joins, joined + at,
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

/* Each document's language code into a new array ('fallback' for an index without a language).
 * precis_lang_at() searches the word lists by name, so it is asked once per language, not once
 * per document (35,000 documents at a million sentences). */
static const char **document_languages(const precis_candidates *cd, const char *fallback)
{
    const char **codes = precis_malloc((cd->n_docs ? cd->n_docs : 1) * sizeof *codes);
    if (codes == NULL)
        return NULL;
    const char *by_lang[PRECIS_MAX_LANGS];
    bool known[PRECIS_MAX_LANGS] = {false};
    for (size_t d = 0; d < cd->n_docs; d++) {
        size_t l = cd->doc_lang[d];
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
    return codes;
}

/* Supporters grouped by the place of the pick they support (a counting sort), in candidate
 * order: those of pick j are sup_of[sup_start[j] .. sup_start[j + 1]). */
static precis_status group_support(const size_t *owner, size_t n, size_t k, size_t **sup_start,
                                   size_t **sup_of)
{
    *sup_start = precis_calloc(k + 1, sizeof **sup_start);
    *sup_of = precis_malloc((n ? n : 1) * sizeof **sup_of);
    size_t *cursor = precis_malloc((k + 1) * sizeof *cursor);
    if (*sup_start == NULL || *sup_of == NULL || cursor == NULL) {
        free(cursor);
        return PRECIS_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++)
        if (owner[i] != SIZE_MAX)
            (*sup_start)[owner[i] + 1]++;
    for (size_t j = 0; j < k; j++)
        (*sup_start)[j + 1] += (*sup_start)[j];
    memcpy(cursor, *sup_start, (k + 1) * sizeof *cursor);
    for (size_t i = 0; i < n; i++)
        if (owner[i] != SIZE_MAX)
            (*sup_of)[cursor[owner[i]]++] = i;
    free(cursor);
    return PRECIS_OK;
}

/* The chosen sentences in the order of 'picks', each with the sentences that support it. */
/* With a query, the words of each summary sentence that are query terms (the report marks
 * them), read with the sentence's own document's language. */
static precis_status mark_query_words(const precis_results *r, precis_summary *s)
{
    if (r->query->n_terms == 0)
        return PRECIS_OK;
    size_t n = 0, cap = 0, *first = precis_malloc((s->n + 1) * sizeof *first);
    precis_status st = first ? PRECIS_OK : PRECIS_ERR_NOMEM;
    for (size_t j = 0; st == PRECIS_OK && j < s->n; j++) {
        precis_lang lang;
        first[j] = n;
        if (!precis_lang_at(r->cd->doc_lang[s->sent[j].doc], &lang))
            continue;
        st = precis_query_words(r->query, r->vocab, lang.code, r->opt, s->sent[j].text,
                                s->sent[j].text_len, &s->query_words, &n, &cap);
    }
    for (size_t j = 0; st == PRECIS_OK && j < s->n; j++) {
        s->sent[j].n_query_words = (j + 1 < s->n ? first[j + 1] : n) - first[j];
        s->sent[j].query_words = s->sent[j].n_query_words ? s->query_words + 2 * first[j] : NULL;
    }
    free(first);
    return st;
}

static precis_status copy_sentences(const precis_results *r, const pick *picks,
                                    const size_t *owner, const double *owner_sim,
                                    precis_summary *s)
{
    const precis_candidates *cd = r->cd;
    size_t n = cd->n, k = r->sel->n_chosen, n_support = 0, text_bytes = 0;
    size_t *sup_start = NULL, *sup_of = NULL;
    for (size_t i = 0; i < n; i++)
        n_support += owner[i] != SIZE_MAX;
    for (size_t j = 0; j < k; j++)
        text_bytes += precis_candidate(cd, picks[j].cand)->n_bytes + 1;
    precis_status st = group_support(owner, n, k, &sup_start, &sup_of);
    s->sent = precis_calloc(k ? k : 1, sizeof *s->sent);
    s->support = precis_calloc(n_support ? n_support : 1, sizeof *s->support);
    s->text = precis_malloc(text_bytes ? text_bytes : 1);
    if (st != PRECIS_OK || s->sent == NULL || s->support == NULL || s->text == NULL) {
        st = PRECIS_ERR_NOMEM;
        goto done;
    }
    size_t at = 0, sup = 0;
    for (size_t j = 0; j < k; j++) {
        const precis_sent *ps = precis_candidate(cd, picks[j].cand);
        size_t len = sentence_text(r, s, cd->cand[picks[j].cand], s->text + at, text_bytes - at);
        if (len == (size_t)-1) {
            st = PRECIS_ERR_NOMEM;
            goto done;
        }
        precis_sentence *o = &s->sent[j];
        o->text = s->text + at;
        o->text_len = len;
        o->doc = ps->doc;
        o->index = ps->index;
        o->offset = ps->off + cd->docs[ps->doc].base;
        o->length = ps->len;
        o->score = r->score[picks[j].cand];
        o->rank = picks[j].rank + 1; // 1 = best
        o->relevance = r->query->relevance ? r->query->relevance[picks[j].cand] : 0;
        o->support = s->support + sup;
        for (size_t q = sup_start[j]; q < sup_start[j + 1]; q++) {
            const precis_sent *si = precis_candidate(cd, sup_of[q]);
            double sim = owner_sim[sup_of[q]];
            double share = sim < r->opt->dedup ? r->sel->restate_share[sup_of[q]] : 0;
            s->support[sup++] = (precis_support){si->doc, si->index, sim, share};
        }
        o->n_support = (size_t)(s->support + sup - o->support);
        at += len + 1;
    }
    s->n = k;
done:
    free(sup_start);
    free(sup_of);
    return st;
}

precis_status precis_summary_build(const precis_results *r, precis_summary **out)
{
    *out = NULL;
    size_t n = r->cd->n, k = r->sel->n_chosen;
    precis_status st = PRECIS_ERR_NOMEM;
    precis_summary *s = precis_calloc(1, sizeof *s);
    pick *picks = precis_calloc(k ? k : 1, sizeof *picks);
    size_t *picked = precis_malloc((k ? k : 1) * sizeof *picked);
    size_t *owner = precis_malloc((n ? n : 1) * sizeof *owner); // supporting: index into picks
    double *owner_sim = precis_malloc((n ? n : 1) * sizeof *owner_sim);
    if (s == NULL || picks == NULL || picked == NULL || owner == NULL || owner_sim == NULL)
        goto done;
    s->order = applied_order(r);
    s->query_status = r->query->status;
    order_picks(r, s->order, picks);
    for (size_t j = 0; j < k; j++)
        picked[j] = picks[j].cand;
    if (r->opt->explain && (st = build_trace(r, s)) != PRECIS_OK)
        goto done;
    if ((st = precis_select_support(r->cd, r->x, r->xt, r->sel, r->opt, picked, k, owner,
                                    owner_sim)) != PRECIS_OK ||
        (st = copy_sentences(r, picks, owner, owner_sim, s)) != PRECIS_OK)
        goto done;
    if ((st = build_documents(r, s)) != PRECIS_OK || (st = mark_query_words(r, s)) != PRECIS_OK)
        goto done;
    st = PRECIS_ERR_NOMEM;
    if ((s->doc_lang = document_languages(r->cd, "en")) == NULL)
        goto done;
    if (r->opt->keywords > 0 && (st = build_keywords(r, s)) != PRECIS_OK)
        goto done;
    s->n_sentences = r->cd->sents->n;
    s->n_candidates = n;
    s->iterations = r->iterations;
    *out = s;
    s = NULL;
    st = PRECIS_OK;
done:
    precis_summary_free(s);
    free(picks);
    free(picked);
    free(owner);
    free(owner_sim);
    return st;
}

precis_status precis_sentences_build(const precis_candidates *cd, precis_sentences **out)
{
    *out = NULL;
    const precis_sents *ss = cd->sents;
    size_t n = ss->n, bytes = 0;
    for (size_t i = 0; i < n; i++) {
        bytes += ss->v[i].n_bytes + 1;
        if (ss->v[i].dateline_len > 0) // NFC may grow it three times
            bytes += ss->v[i].dateline_len * (size_t)3 + 1;
    }
    precis_sentences *res = precis_calloc(1, sizeof *res);
    if (res == NULL)
        return PRECIS_ERR_NOMEM;
    res->v = precis_calloc(n ? n : 1, sizeof *res->v);
    res->text = precis_malloc(bytes ? bytes : 1);
    res->doc_lang = document_languages(cd, NULL);
    if (res->v == NULL || res->text == NULL || res->doc_lang == NULL)
        goto nomem;
    res->n_docs = cd->n_docs;
    size_t at = 0;
    for (size_t i = 0; i < n; i++) {
        const precis_sent *ps = &ss->v[i];
        const precis_doc *doc = &cd->docs[ps->doc];
        size_t len = precis_sent_output(ps, cd->docs, cd->joins, res->text + at, bytes - at);
        if (len == (size_t)-1)
            goto nomem;
        res->v[i] = (precis_split_sentence){
            .doc = ps->doc,
            .paragraph = ps->para,
            .index = ps->index,
            .offset = ps->off + doc->base,
            .length = ps->len,
            .text = res->text + at,
            .text_len = len,
            .dropped = ps->drop == PRECIS_KEEP ? NULL : precis_drop_reason((precis_drop)ps->drop),
        };
        at += len + 1;
        if (ps->dateline_len > 0) {
            len = precis_sentence_text(doc->text + ps->line_off, ps->dateline_len, res->text + at,
                                       bytes - at);
            if (len == (size_t)-1)
                goto nomem;
            res->v[i].dateline = res->text + at;
            at += len + 1;
        }
    }
    res->n = n;
    *out = res;
    return PRECIS_OK;
nomem:
    precis_sentences_free(res);
    return PRECIS_ERR_NOMEM;
}
