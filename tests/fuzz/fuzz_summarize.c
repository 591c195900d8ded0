/* libFuzzer harness: the whole precis_summarize() call with options decoded from the input.
 *
 * Layout: 8 option bytes, then documents separated by the byte 0x1E (record separator, which
 * the loader refuses in text, so it never occurs inside a document).
 *   byte 0: budget kind (2 bits), order (1 bit), graph kind (2 bits), threads 1-2 (1 bit),
 *           explain (1 bit), custom stopword list (1 bit)
 *   byte 1: budget (sentences, words, bytes) or ratio (byte / 255)
 *   byte 2: dedup, byte 3: redundancy, byte 4: edge threshold, byte 5: position prior,
 *   byte 6: damping (all / 255, kept in range), byte 7: min_words (0-15), max_sentences
 *
 * Checks what the API promises: a summary within its budget, sentences that are byte spans of
 * their document, scores in [0, 1], a trace of every sentence with explain; any failure is a
 * documented status, never a crash or a leak. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "precis.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static double unit(uint8_t b)
{
    return b / 255.0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 8)
        return 0;
    const uint8_t *o = data;
    precis_options opt;
    precis_options_init(&opt);
    opt.budget_kind = (precis_budget_kind)(o[0] & 3);
    opt.order = (o[0] >> 2) & 1 ? PRECIS_ORDER_RANK : PRECIS_ORDER_SOURCE;
    opt.graph = (precis_graph_kind)((o[0] >> 3) & 3);
    opt.threads = 1 + ((o[0] >> 5) & 1);
    opt.explain = (o[0] >> 6) & 1;
    static const char stop[] = "# fuzz list\nthe\n  and  \n\nof\n";
    if ((o[0] >> 7) & 1) {
        opt.stopwords = stop;
        opt.stopwords_len = sizeof stop - 1;
    }
    if (opt.budget_kind == PRECIS_BUDGET_RATIO)
        opt.budget = o[1] ? unit(o[1]) : 1.0;
    else
        opt.budget = 1 + o[1] % (opt.budget_kind == PRECIS_BUDGET_SENTENCES ? 8 : 200);
    opt.dedup = o[2] ? unit(o[2]) : 1.0;
    opt.redundancy = unit(o[3]);
    opt.edge_threshold = unit(o[4]) / 2;
    opt.position_prior = unit(o[5]);
    opt.damping = 0.05 + 0.9 * unit(o[6]);
    opt.min_words = o[7] & 15;
    opt.max_sentences = (o[7] >> 4) == 15 ? 4 : 0; // now and then a limit to hit
    data += 8;
    size -= 8;

    precis_corpus *c;
    if (precis_corpus_new(&c) != PRECIS_OK)
        return 0;
    const char *text = (const char *)data;
    size_t start = 0;
    for (size_t i = 0; i <= size; i++) {
        if (i < size && data[i] != 0x1E)
            continue;
        precis_status st = precis_corpus_add(c, "doc", text + start, i - start);
        if (st != PRECIS_OK && precis_corpus_error(c)[0] == '\0' && st != PRECIS_ERR_NOMEM)
            abort(); // a refusal says why
        start = i + 1;
    }
    precis_summary *s = NULL;
    precis_status st = precis_summarize(c, &opt, &s);
    if (st == PRECIS_OK) {
        size_t n = precis_summary_count(s), words = 0, bytes = 0;
        for (size_t i = 0; i < n; i++) {
            const precis_sentence *x = precis_summary_sentence(s, i);
            if (x == NULL || x->text == NULL || strlen(x->text) != x->text_len || x->text_len == 0)
                abort();
            if (x->doc >= precis_corpus_count(c) || !(x->score >= 0 && x->score <= 1))
                abort();
            bytes += x->text_len + 1;
            words++;
            for (size_t k = 0; k + 1 < x->text_len; k++)
                words += x->text[k] == ' ';
        }
        if (opt.budget_kind == PRECIS_BUDGET_SENTENCES && n > (size_t)opt.budget)
            abort();
        if (opt.budget_kind == PRECIS_BUDGET_WORDS && words > (size_t)opt.budget)
            abort();
        if (opt.budget_kind == PRECIS_BUDGET_BYTES && bytes > (size_t)opt.budget)
            abort();
        if (precis_summary_sentence(s, n) != NULL)
            abort();
        size_t traced = precis_summary_trace_count(s);
        if (opt.explain ? traced != precis_summary_corpus_sentences(s) : traced != 0)
            abort();
        for (size_t i = 0; i < traced; i++)
            if (precis_summary_trace(s, i) == NULL || precis_summary_trace(s, i)->text == NULL)
                abort();
    } else if (s != NULL || st == PRECIS_ERR_UTF8 || st == PRECIS_ERR_BINARY) {
        abort();
    }
    precis_summary_free(s);
    precis_corpus_free(c);
    return 0;
}
