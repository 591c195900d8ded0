/* libFuzzer harness: web pages and Markdown through precis_page_read() (charset detection and
 * conversion, gumbo, the article extraction, the metadata readers, cmark). Whatever the bytes:
 * a page or a clear status, never a crash; a page's text is UTF-8 without NUL bytes and its
 * strings are NUL-terminated. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const precis_page *p)
{
    if (strlen(p->text) != p->text_len || p->text_len == 0)
        abort();
    const char *fields[] = {p->title, p->site, p->author, p->date, p->url, p->description};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (fields[i] != NULL)
            (void)strlen(fields[i]);
    if (p->date != NULL) { // always a date precis_corpus_set_date() takes
        precis_date d;
        char err[96];
        if (!precis_date_parse(p->date, strlen(p->date), &d, err, sizeof err))
            abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    static const precis_input kinds[] = {PRECIS_INPUT_HTML, PRECIS_INPUT_MARKDOWN,
                                         PRECIS_INPUT_AUTO};
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        precis_page *p = NULL;
        precis_status st = precis_page_read(s, size, kinds[k], &p);
        if (st == PRECIS_OK)
            check(p);
        else if (p != NULL || st == PRECIS_ERR_NOMEM)
            abort();
        precis_page_free(p);
    }
    return 0;
}
