/* libFuzzer harness: the loader (UTF-8, binary and BOM checks) through the public
 * precis_corpus_add(), and the same bytes through precis_load_document() directly. Whatever the
 * bytes, the two agree, an accepted document is a faithful copy, and a refusal says why. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    precis_doc doc;
    char err[160];
    precis_status st = precis_load_document("fuzz", text, size, &doc, err, sizeof err);
    if (st == PRECIS_OK) {
        // The copy is the input less a UTF-8 BOM, NUL-terminated.
        if (doc.base > 3 || doc.len + doc.base != size ||
            memcmp(doc.text, text + doc.base, doc.len) != 0 || doc.text[doc.len] != '\0')
            abort();
    } else if (st == PRECIS_ERR_NOMEM || err[0] == '\0' || strlen(err) >= sizeof err) {
        abort(); // every refusal carries a reason
    }
    precis_doc_destroy(&doc);

    precis_corpus *c;
    if (precis_corpus_new(&c) != PRECIS_OK)
        return 0;
    precis_status st2 = precis_corpus_add(c, "fuzz", text, size);
    if (st2 != st || precis_corpus_count(c) != (st == PRECIS_OK ? 1u : 0u))
        abort();
    if (st2 != PRECIS_OK && strcmp(precis_corpus_error(c), err) != 0)
        abort();
    precis_corpus_free(c);
    return 0;
}
