/* Query-focused summaries (issue 16): the query as a TF-IDF vector over the corpus's own terms,
 * each candidate's relevance to it, and TextRank's teleport leaning toward relevant sentences,
 * so that a sentence central to relevant ones ranks high even when it shares no word with the
 * query (topic-sensitive PageRank, Haveliwala 2002; biased LexRank, Otterbacher, Erkan and Radev
 * 2005). The query is read with the tokenizer of every language the corpus's documents are in
 * (stems differ by language); a term counts once per query, whichever language found it. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

typedef struct query_terms {
    const precis_vocab *vocab;
    uint32_t *ids; // corpus term ids found, with repeats (the query's term frequencies)
    size_t n, cap;
    size_t n_content; // content words seen, in the corpus or not
} query_terms;

static bool collect(void *ctx, const char *term, size_t len, uint32_t *memo)
{
    (void)memo; // the tokenizer's cache slot is the caller's vocabulary's: not ours to use
    query_terms *q = ctx;
    q->n_content++;
    uint32_t id = precis_vocab_find(q->vocab, term, len);
    if (id == UINT32_MAX)
        return true;
    if (!precis_grow((void **)&q->ids, &q->cap, q->n + 1, sizeof *q->ids))
        return false;
    q->ids[q->n++] = id;
    return true;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* The query's terms with every document language's tokenizer: ids sorted, repeats kept. A
 * language's pass that finds a term another language found adds nothing (max, not sum). */
static precis_status query_tokens(const precis_candidates *cd, const precis_options *opt,
                                  query_terms *q)
{
    bool seen[PRECIS_MAX_LANGS] = {false};
    for (size_t d = 0; d < cd->n_docs; d++)
        seen[cd->doc_lang[d]] = true;
    uint32_t *best = NULL; // per language pass: the ids it found; kept when it finds the most
    size_t n_best = 0;
    precis_status st = PRECIS_OK;
    size_t content = 0;
    for (size_t l = 0; l < PRECIS_MAX_LANGS && st == PRECIS_OK; l++) {
        precis_lang lang;
        if (!seen[l] || !precis_lang_at(l, &lang))
            continue;
        precis_tokenizer *tok;
        if ((st = precis_tokenizer_new(lang.code, opt->stopwords, opt->stopwords_len, &tok)) !=
            PRECIS_OK)
            break;
        query_terms pass = {.vocab = q->vocab};
        st = precis_tokenize(tok, opt->query, strlen(opt->query), collect, &pass);
        precis_tokenizer_free(tok);
        if (pass.n_content > content)
            content = pass.n_content;
        if (st == PRECIS_OK && pass.n > n_best) {
            free(best);
            best = pass.ids;
            n_best = pass.n;
        } else {
            free(pass.ids);
        }
    }
    if (st != PRECIS_OK) {
        free(best);
        return st;
    }
    if (n_best > 1)
        qsort(best, n_best, sizeof *best, cmp_u32);
    q->ids = best;
    q->n = n_best;
    q->n_content = content;
    return PRECIS_OK;
}

precis_status precis_query_relevance(const precis_candidates *cd, const precis_vocab *vocab,
                                     const precis_csr *x, const precis_options *opt,
                                     precis_query *out)
{
    memset(out, 0, sizeof *out);
    if (opt->query == NULL)
        return PRECIS_OK;
    if (!precis_utf8_valid(opt->query, strlen(opt->query)))
        return PRECIS_ERR_UTF8;
    query_terms q = {.vocab = vocab};
    precis_status st = query_tokens(cd, opt, &q);
    if (st != PRECIS_OK)
        return st;
    out->status = q.n_content == 0 ? PRECIS_QUERY_EMPTY
                  : q.n == 0      ? PRECIS_QUERY_ABSENT
                                  : PRECIS_QUERY_USED;
    // Per corpus term: its weight in the query (0 for the others), as a sentence's weights are
    // made: (1 + log tf) * idf, the IDF counted over the candidates, then unit length.
    double *w = q.n ? precis_calloc(vocab->n, sizeof *w) : NULL;
    uint32_t *df = q.n ? precis_calloc(vocab->n, sizeof *df) : NULL;
    if (q.n && (w == NULL || df == NULL ||
                (out->relevance = precis_calloc(cd->n ? cd->n : 1, sizeof *out->relevance)) ==
                    NULL)) {
        st = PRECIS_ERR_NOMEM;
        goto done;
    }
    if (q.n && (out->terms = precis_malloc(q.n * sizeof *out->terms)) == NULL) {
        st = PRECIS_ERR_NOMEM;
        goto done;
    }
    for (size_t a = 0, b; a < q.n; a = b) {
        for (b = a; b < q.n && q.ids[b] == q.ids[a]; b++)
            ;
        w[q.ids[a]] = 1.0 + log((double)(b - a));
        out->terms[out->n_terms++] = q.ids[a];
    }
    for (size_t k = 0; q.n && k < x->nnz; k++)
        df[x->col[k]] += w[x->col[k]] > 0;
    double norm = 0;
    for (size_t a = 0; a < q.n; a++) {
        uint32_t t = q.ids[a];
        if (a > 0 && t == q.ids[a - 1])
            continue;
        w[t] *= precis_idf(x->n_rows, df[t]);
        norm += w[t] * w[t];
    }
    norm = sqrt(norm);
    // A sentence's relevance: the cosine of its unit row with the query.
    for (size_t i = 0; q.n && i < x->n_rows; i++) {
        double dot = 0;
        for (size_t k = x->ptr[i]; k < x->ptr[i + 1]; k++)
            dot += w[x->col[k]] * x->val[k];
        out->relevance[i] = dot / norm;
    }
done:
    free(w);
    free(df);
    free(q.ids);
    if (st != PRECIS_OK)
        precis_query_destroy(out);
    return st;
}

precis_status precis_query_teleport(const precis_query *q, size_t n, double mix,
                                    double **teleport)
{
    if (q->relevance == NULL || mix <= 0 || n == 0)
        return PRECIS_OK;
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += q->relevance[i];
    if (!(sum > 0))
        return PRECIS_OK;
    if (*teleport == NULL) { // the generic teleport was uniform
        if ((*teleport = precis_malloc(n * sizeof **teleport)) == NULL)
            return PRECIS_ERR_NOMEM;
        for (size_t i = 0; i < n; i++)
            (*teleport)[i] = 1.0 / (double)n;
    }
    for (size_t i = 0; i < n; i++)
        (*teleport)[i] = (1 - mix) * (*teleport)[i] + mix * q->relevance[i] / sum;
    return PRECIS_OK;
}

typedef struct word_spans {
    const precis_query *q;
    const precis_vocab *vocab;
    size_t **spans, *n, *cap;
} word_spans;

static bool is_query_term(const precis_query *q, uint32_t id)
{
    size_t lo = 0, hi = q->n_terms;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (q->terms[mid] < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < q->n_terms && q->terms[lo] == id;
}

static bool add_span(void *ctx, size_t off, size_t len, const char *stem, size_t stem_len)
{
    word_spans *w = ctx;
    if (stem == NULL || !is_query_term(w->q, precis_vocab_find(w->vocab, stem, stem_len)))
        return true;
    if (!precis_grow((void **)w->spans, w->cap, *w->n * 2 + 2, sizeof **w->spans))
        return false;
    (*w->spans)[2 * *w->n] = off;
    (*w->spans)[2 * *w->n + 1] = len;
    (*w->n)++;
    return true;
}

precis_status precis_query_words(const precis_query *q, const precis_vocab *vocab,
                                 const char *lang_code, const precis_options *opt,
                                 const char *text, size_t len, size_t **spans, size_t *n,
                                 size_t *cap)
{
    if (q->n_terms == 0)
        return PRECIS_OK;
    precis_tokenizer *tok;
    precis_status st = precis_tokenizer_new(lang_code, opt->stopwords, opt->stopwords_len, &tok);
    if (st != PRECIS_OK)
        return st;
    word_spans w = {q, vocab, spans, n, cap};
    st = precis_tokenize_words(tok, text, len, add_span, &w);
    precis_tokenizer_free(tok);
    return st;
}

void precis_query_destroy(precis_query *q)
{
    free(q->relevance);
    free(q->terms);
    memset(q, 0, sizeof *q);
}
