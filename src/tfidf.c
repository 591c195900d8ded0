/* Stage 5: terms per sentence -> a sparse (CSR) TF-IDF matrix, one L2-normalized row per sentence.
 *
 * Weighting: tf = 1 + ln(count) (sublinear: a word said three times in one sentence is not three
 * times the evidence), idf = ln((1 + N) / (1 + df)) + 1 over the N sentences of the whole corpus
 * (smoothed, so no term gets zero or infinite weight; sentence-level, so it works for a single
 * article as well as for a cluster and favours the words that set sentences apart). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* ---- vocabulary ------------------------------------------------------------------------ */

void precis_vocab_init(precis_vocab *v)
{
    memset(v, 0, sizeof *v);
    precis_arena_init(&v->arena);
}

void precis_vocab_destroy(precis_vocab *v)
{
    free(v->slots);
    free(v->terms);
    free(v->term_len);
    precis_arena_destroy(&v->arena);
    precis_vocab_init(v);
}

static bool vocab_rehash(precis_vocab *v, size_t cap)
{
    uint32_t *slots = precis_calloc(cap, sizeof *slots);
    if (slots == NULL)
        return false;
    for (size_t id = 0; id < v->n; id++) {
        size_t j = precis_hash(v->terms[id], v->term_len[id]) & (cap - 1);
        while (slots[j] != 0)
            j = (j + 1) & (cap - 1);
        slots[j] = (uint32_t)id + 1;
    }
    free(v->slots);
    v->slots = slots;
    v->cap = cap;
    return true;
}

uint32_t precis_vocab_find(const precis_vocab *v, const char *term, size_t len)
{
    if (v->cap == 0)
        return UINT32_MAX;
    size_t mask = v->cap - 1;
    for (size_t j = precis_hash(term, len) & mask; v->slots[j] != 0; j = (j + 1) & mask) {
        uint32_t id = v->slots[j] - 1;
        if (v->term_len[id] == len && memcmp(v->terms[id], term, len) == 0)
            return id;
    }
    return UINT32_MAX;
}

uint32_t precis_vocab_id(precis_vocab *v, const char *term, size_t len)
{
    if (v->n >= UINT32_MAX - 1 || len > UINT32_MAX)
        return UINT32_MAX;
    if ((v->n + 1) * 2 > v->cap && !vocab_rehash(v, v->cap ? v->cap * 2 : 4096))
        return UINT32_MAX;
    size_t mask = v->cap - 1;
    size_t j = precis_hash(term, len) & mask;
    for (; v->slots[j] != 0; j = (j + 1) & mask) {
        uint32_t id = v->slots[j] - 1;
        if (v->term_len[id] == len && memcmp(v->terms[id], term, len) == 0)
            return id;
    }
    if (v->n == v->terms_cap) { // terms and term_len grow together
        size_t cap = v->terms_cap;
        if (!precis_grow((void **)&v->terms, &cap, v->n + 1, sizeof *v->terms))
            return UINT32_MAX;
        uint32_t *tl = precis_realloc(v->term_len, cap * sizeof *tl);
        if (tl == NULL)
            return UINT32_MAX; // terms grew, terms_cap did not: the next call retries
        v->term_len = tl;
        v->terms_cap = cap;
    }
    char *copy = precis_arena_strndup(&v->arena, term, len);
    if (copy == NULL)
        return UINT32_MAX;
    uint32_t id = (uint32_t)v->n++;
    v->terms[id] = copy;
    v->term_len[id] = (uint32_t)len;
    v->slots[j] = id + 1;
    return id;
}

/* ---- counts ---------------------------------------------------------------------------- */

void precis_counts_destroy(precis_counts *c)
{
    free(c->ptr);
    free(c->col);
    free(c->cnt);
    memset(c, 0, sizeof *c);
}

int precis_cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

precis_status precis_counts_add_row(precis_counts *c, uint32_t *ids, size_t n)
{
    if (!precis_grow((void **)&c->ptr, &c->ptr_cap, c->n_rows + 2, sizeof *c->ptr))
        return PRECIS_ERR_NOMEM;
    if (c->n_rows == 0)
        c->ptr[0] = 0;
    if (n <= 32) { // a sentence's terms: insertion sort beats qsort's calls through a pointer
        for (size_t i = 1; i < n; i++) {
            uint32_t v = ids[i];
            size_t k = i;
            for (; k > 0 && ids[k - 1] > v; k--)
                ids[k] = ids[k - 1];
            ids[k] = v;
        }
    } else {
        qsort(ids, n, sizeof *ids, precis_cmp_u32);
    }
    size_t need = c->nnz + n;
    size_t cap = c->cap;
    if (!precis_grow((void **)&c->col, &cap, need, sizeof *c->col))
        return PRECIS_ERR_NOMEM;
    cap = c->cap;
    if (!precis_grow((void **)&c->cnt, &cap, need, sizeof *c->cnt))
        return PRECIS_ERR_NOMEM;
    c->cap = cap;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && ids[j] == ids[i])
            j++;
        c->col[c->nnz] = ids[i];
        c->cnt[c->nnz] = (uint32_t)(j - i);
        c->nnz++;
        i = j;
    }
    c->ptr[++c->n_rows] = c->nnz;
    return PRECIS_OK;
}

/* ---- TF-IDF ---------------------------------------------------------------------------- */

void precis_csr_destroy(precis_csr *m)
{
    free(m->ptr);
    free(m->col);
    free(m->val);
    memset(m, 0, sizeof *m);
}

precis_status precis_tfidf_build(const precis_counts *c, size_t n_terms, precis_csr *out)
{
    memset(out, 0, sizeof *out);
    size_t n = c->n_rows, nnz = c->nnz;
    uint32_t *df = precis_calloc(n_terms ? n_terms : 1, sizeof *df);
    double *idf = precis_malloc((n_terms ? n_terms : 1) * sizeof *idf);
    out->ptr = precis_malloc((n + 1) * sizeof *out->ptr);
    out->col = precis_malloc((nnz ? nnz : 1) * sizeof *out->col);
    out->val = precis_malloc((nnz ? nnz : 1) * sizeof *out->val);
    if (df == NULL || idf == NULL || out->ptr == NULL || out->col == NULL || out->val == NULL) {
        free(df);
        free(idf);
        precis_csr_destroy(out);
        return PRECIS_ERR_NOMEM;
    }
    for (size_t k = 0; k < nnz; k++)
        df[c->col[k]]++;
    for (size_t t = 0; t < n_terms; t++)
        idf[t] = precis_idf(n, df[t]);
    out->ptr[0] = 0;
    for (size_t i = 0; i < n; i++) {
        size_t a = c->n_rows ? c->ptr[i] : 0, b = c->n_rows ? c->ptr[i + 1] : 0;
        double norm = 0;
        for (size_t k = a; k < b; k++) {
            double w = (1.0 + log((double)c->cnt[k])) * idf[c->col[k]];
            out->col[k] = c->col[k];
            out->val[k] = (float)w;
            norm += w * w;
        }
        norm = sqrt(norm);
        for (size_t k = a; k < b; k++)
            out->val[k] = (float)(out->val[k] / norm);
        out->ptr[i + 1] = b;
    }
    out->n_rows = n;
    out->n_cols = n_terms;
    out->nnz = nnz;
    free(df);
    free(idf);
    return PRECIS_OK;
}

double precis_idf(size_t n, size_t df)
{
    return log((1.0 + (double)n) / (1.0 + (double)df)) + 1.0;
}

double precis_csr_dot(const precis_csr *x, size_t i, size_t j)
{
    size_t a = x->ptr[i], ae = x->ptr[i + 1], b = x->ptr[j], be = x->ptr[j + 1];
    double s = 0;
    while (a < ae && b < be) {
        if (x->col[a] < x->col[b])
            a++;
        else if (x->col[a] > x->col[b])
            b++;
        else
            s += (double)x->val[a++] * x->val[b++];
    }
    return s;
}

precis_status precis_csr_transpose(const precis_csr *x, precis_csr *t)
{
    memset(t, 0, sizeof *t);
    size_t nnz = x->nnz ? x->nnz : 1;
    t->ptr = precis_calloc(x->n_cols + 2, sizeof *t->ptr);
    t->col = precis_alloc_large(nnz * sizeof *t->col); // read at random by the graph
    t->val = precis_alloc_large(nnz * sizeof *t->val);
    if (t->ptr == NULL || t->col == NULL || t->val == NULL) {
        precis_csr_destroy(t);
        return PRECIS_ERR_NOMEM;
    }
    for (size_t k = 0; k < x->nnz; k++)
        t->ptr[x->col[k] + 2]++;
    for (size_t c = 0; c < x->n_cols; c++)
        t->ptr[c + 2] += t->ptr[c + 1];
    for (size_t i = 0; i < x->n_rows; i++) // rows in order: each term's list is sorted
        for (size_t k = x->ptr[i]; k < x->ptr[i + 1]; k++) {
            size_t at = t->ptr[x->col[k] + 1]++;
            t->col[at] = (uint32_t)i;
            t->val[at] = x->val[k];
        }
    t->n_rows = x->n_cols;
    t->n_cols = x->n_rows;
    t->nnz = x->nnz;
    return PRECIS_OK;
}

size_t precis_csr_similar(const precis_csr *x, const precis_csr *t, size_t row, double *acc,
                          uint32_t *touched)
{
    size_t n = 0;
    for (size_t k = x->ptr[row]; k < x->ptr[row + 1]; k++) {
        uint32_t c = x->col[k];
        double v = x->val[k];
        for (size_t q = t->ptr[c]; q < t->ptr[c + 1]; q++) {
            uint32_t i = t->col[q];
            if (acc[i] == 0.0)
                touched[n++] = i;
            acc[i] += v * t->val[q];
        }
    }
    return n;
}

size_t precis_csr_overlap(const precis_csr *x, const precis_csr *t, size_t row,
                          const float *weight, const bool *number, double *acc, double *shared,
                          uint32_t *count, uint32_t *numbers, uint32_t *touched)
{
    size_t n = 0;
    for (size_t k = x->ptr[row]; k < x->ptr[row + 1]; k++) {
        uint32_t c = x->col[k];
        double v = x->val[k], w = weight[c];
        uint32_t is_number = number != NULL && number[c];
        for (size_t q = t->ptr[c]; q < t->ptr[c + 1]; q++) {
            uint32_t i = t->col[q];
            if (acc[i] == 0.0)
                touched[n++] = i;
            acc[i] += v * t->val[q];
            shared[i] += w;
            count[i]++;
            numbers[i] += is_number;
        }
    }
    return n;
}
