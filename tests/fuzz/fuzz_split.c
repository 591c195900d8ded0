/* libFuzzer harness: the sentence splitter and the filter on any text the loader accepts.
 * Every span lies inside the text, starts and ends on a character boundary, spans do not go
 * backwards, and the output form of each sentence is measured and written consistently. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static precis_abbrevs abbrevs;
static bool ready;

static bool continuation(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!ready) {
        if (precis_abbrevs_init(&abbrevs, precis_data_en_abbrev, precis_data_en_abbrev_count,
                                precis_data_en_txt, precis_data_en_txt_count) != PRECIS_OK)
            abort();
        ready = true;
    }
    precis_doc doc;
    char err[160];
    if (precis_load_document("fuzz", (const char *)data, size, &doc, err, sizeof err) != PRECIS_OK)
        return 0;
    // The last byte picks the language flags, so that their rules are fuzzed too.
    unsigned flags = size > 0 ? data[size - 1] : 0;
    abbrevs.semicolon_question = flags & 8;
    abbrevs.ordinal_dot = flags & 16;
    abbrevs.split_flags = flags & (PRECIS_SPLIT_COLON | PRECIS_SPLIT_ARABIC_COMMA |
                                   PRECIS_SPLIT_BEFORE_LOWER);
    precis_sents s = {0};
    precis_status st = precis_split_document(doc.text, doc.len, 0, &abbrevs, &s);
    if (st == PRECIS_OK)
        st = precis_filter_sentences(&doc, 1, &s, 1);
    if (st != PRECIS_OK && st != PRECIS_ERR_NOMEM)
        abort();
    const unsigned char *t = (const unsigned char *)doc.text;
    size_t prev = 0;
    char *buf = NULL;
    for (size_t i = 0; st == PRECIS_OK && i < s.n; i++) {
        const precis_sent *x = &s.v[i];
        if (x->len == 0 || x->off > doc.len || x->len > doc.len - x->off || x->off < prev)
            abort();
        if (continuation(t[x->off]) || (x->off + x->len < doc.len && continuation(t[x->off + x->len])))
            abort(); // a span cuts a character in two
        if (x->drop >= PRECIS_DROP_COUNT)
            abort();
        prev = x->off;
        size_t n = precis_sentence_text(doc.text + x->off, x->len, NULL, 0);
        if (n == (size_t)-1)
            continue;
        buf = realloc(buf, n + 1);
        if (buf == NULL)
            abort();
        if (precis_sentence_text(doc.text + x->off, x->len, buf, n + 1) != n || n != x->n_bytes)
            abort();
    }
    free(buf);
    free(s.v);
    precis_doc_destroy(&doc);
    return 0;
}
