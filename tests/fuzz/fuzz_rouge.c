/* libFuzzer harness: precis rouge's reader and scorer. The input is a summary and references
 * separated by 0x1E (the first byte chooses the options). Each piece goes through the program's
 * text check (src/cli/reader.c, compiled in here), which must agree with the library's loader
 * (precis_corpus_add(): the same refusals, only blank text told apart); what passes is scored,
 * and every score is a number in [0, 1]. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <precis_rouge.h>

#include "../../src/cli/reader.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The program's check and the library's loader agree on 'len' bytes at 's'. */
static bool checked(const char *s, size_t len)
{
    char why[160];
    bool ok = precis_cli_check_text(s, len, why, sizeof why);
    if (!ok && (why[0] == '\0' || strlen(why) >= sizeof why - 1))
        abort(); // every refusal has a reason
    precis_corpus *c;
    if (precis_corpus_new(&c) != PRECIS_OK)
        return false;
    precis_status st = precis_corpus_add(c, "fuzz", s, len);
    if (ok != (st == PRECIS_OK || st == PRECIS_ERR_EMPTY))
        abort();
    if (!ok && strcmp(precis_corpus_error(c), why) != 0)
        abort(); // the same words for the same fault
    precis_corpus_free(c);
    return ok;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    unsigned flags = data[0];
    const char *text = (const char *)data + 1;
    size_t len = size - 1;
    const char *piece[9];
    size_t piece_len[9], n = 0;
    for (size_t start = 0; n < 9;) {
        const char *sep = memchr(text + start, 0x1E, len - start);
        size_t end = sep ? (size_t)(sep - text) : len;
        piece[n] = text + start;
        piece_len[n++] = end - start;
        if (!sep)
            break;
        start = end + 1;
    }
    for (size_t i = 0; i < n; i++)
        if (!checked(piece[i], piece_len[i]))
            return 0;
    if (n < 2)
        return 0;
    precis_rouge_options opt;
    precis_rouge_options_init(&opt);
    opt.stem = flags & 1;
    opt.remove_stopwords = (flags >> 1) & 1;
    opt.jackknife = (flags >> 2) & 1;
    opt.max_n = 1 + (int)((flags >> 3) & 3);
    if (flags & 0x20)
        opt.word_limit = 1 + (flags >> 6);
    precis_rouge *r;
    if (precis_rouge_new(&opt, NULL, 0, &r) != PRECIS_OK)
        return 0;
    size_t n_refs = n - 1, n_metrics = precis_rouge_metric_count(r);
    size_t n_inst = precis_rouge_instance_count(r, n_refs);
    precis_rouge_score *sc = calloc(n_inst * n_metrics, sizeof *sc);
    if (sc != NULL && precis_rouge_score_instances(r, piece[0], piece_len[0], piece + 1,
                                                   piece_len + 1, n_refs, sc) == PRECIS_OK) {
        for (size_t i = 0; i < n_inst * n_metrics; i++)
            if (!(sc[i].recall >= 0 && sc[i].recall <= 1 && sc[i].precision >= 0 &&
                  sc[i].precision <= 1 && sc[i].f >= 0 && sc[i].f <= 1))
                abort();
    }
    free(sc);
    precis_rouge_free(r);
    return 0;
}
