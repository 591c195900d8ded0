/* libFuzzer harness: the tokenizer (NFKC case folding, stopwords, stemming, CJK bigrams) on any
 * text the loader accepts. Every term is non-empty valid UTF-8 text, and the same text gives
 * the same terms twice (the stem cache and the memo slots change nothing). A term may hold a
 * space: NFKC expands some single characters to several words (U+FDFB, an Arabic ligature,
 * becomes three words); such a term is still one term, consistently (corpus: nfkc-ligature). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct terms {
    char *buf;
    size_t len, cap;
    size_t n;
} terms;

static bool emit(void *ctx, const char *term, size_t len, uint32_t *memo)
{
    terms *t = ctx;
    if (len == 0 || memchr(term, '\0', len) != NULL)
        abort();
    precis_doc check;
    char err[160];
    if (precis_load_document("term", term, len, &check, err, sizeof err) != PRECIS_OK)
        abort(); // not valid UTF-8 text, or only white space
    precis_doc_destroy(&check);
    if (memo != NULL && *memo == UINT32_MAX)
        *memo = (uint32_t)t->n;
    if (!precis_grow((void **)&t->buf, &t->cap, t->len + len + 1, 1))
        return false;
    memcpy(t->buf + t->len, term, len);
    t->buf[t->len + len] = ' ';
    t->len += len + 1;
    t->n++;
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static precis_tokenizer *tok;
    if (tok == NULL && precis_tokenizer_new("en", NULL, 0, &tok) != PRECIS_OK)
        abort();
    precis_doc doc;
    char err[160];
    if (precis_load_document("fuzz", (const char *)data, size, &doc, err, sizeof err) != PRECIS_OK)
        return 0;
    // A fresh tokenizer (empty cache) and the long-lived one (warm cache) must agree.
    precis_tokenizer *fresh;
    if (precis_tokenizer_new("en", NULL, 0, &fresh) != PRECIS_OK)
        abort();
    terms a = {0}, b = {0};
    precis_status s1 = precis_tokenize(fresh, doc.text, doc.len, emit, &a);
    precis_status s2 = precis_tokenize(tok, doc.text, doc.len, emit, &b);
    if (s1 != PRECIS_OK || s2 != PRECIS_OK)
        abort();
    if (a.n != b.n || a.len != b.len || (a.len > 0 && memcmp(a.buf, b.buf, a.len) != 0))
        abort();
    free(a.buf);
    free(b.buf);
    precis_tokenizer_free(fresh);
    precis_doc_destroy(&doc);
    return 0;
}
