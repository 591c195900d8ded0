/* Stage 1: one document's bytes -> a checked copy. Rejects what is not UTF-8 text (binary data,
 * UTF-16/32, invalid sequences) with the byte offset of the first offence; skips a UTF-8 BOM. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Length of the valid UTF-8 sequence at 's' (at most 'n' bytes), or 0 if it is invalid:
 * overlong forms, surrogates and code points above U+10FFFF are rejected as RFC 3629 says. */
size_t precis_utf8_seq(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    if (c < 0x80)
        return 1;
    if (c < 0xC2)
        return 0;
    if (c < 0xE0)
        return n >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c < 0xF0) {
        if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
            return 0;
        if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] >= 0xA0))
            return 0;
        return 3;
    }
    if (c < 0xF5) {
        if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
            return 0;
        if ((c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] >= 0x90))
            return 0;
        return 4;
    }
    return 0;
}

static bool is_text_control(unsigned c)
{
    return c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* The text check and the blank test in one pass: the status and its message, and whether
 * anything but white space was seen ('*blank' false). */
static precis_status scan_text(const unsigned char *s, size_t len, bool *blank, char *why,
                               size_t why_cap)
{
    *blank = true;
    if ((len >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF))) ||
        (len >= 4 && s[0] == 0 && s[1] == 0 && s[2] == 0xFE && s[3] == 0xFF)) {
        snprintf(why, why_cap, "UTF-16 or UTF-32 byte-order mark; convert the file to UTF-8");
        return PRECIS_ERR_UTF16;
    }
    size_t base = len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF ? 3 : 0;
    for (size_t i = base; i < len;) {
        unsigned c = s[i];
        if (c < 0x80) {
            if (c < 0x20 || c == 0x7F) {
                if (!is_text_control(c)) {
                    snprintf(why, why_cap, "binary data: control byte 0x%02X at byte %zu", c, i);
                    return PRECIS_ERR_BINARY;
                }
            } else if (c != ' ') {
                *blank = false;
            }
            i++;
            continue;
        }
        size_t k = precis_utf8_seq(s + i, len - i);
        if (k == 0) {
            snprintf(why, why_cap, "invalid UTF-8 at byte %zu (0x%02X)", i, c);
            return PRECIS_ERR_UTF8;
        }
        // U+00A0, U+2000..U+200B, U+3000 and friends are white space; anything else is text.
        if (!(k == 2 && c == 0xC2 && s[i + 1] == 0xA0) &&
            !(k == 3 && c == 0xE2 && s[i + 1] == 0x80 && s[i + 2] <= 0x8B) &&
            !(k == 3 && c == 0xE3 && s[i + 1] == 0x80 && s[i + 2] == 0x80))
            *blank = false;
        i += k;
    }
    return PRECIS_OK;
}

precis_status precis_check_text(const char *data, size_t len, char *why, size_t why_cap)
{
    bool blank;
    if (why != NULL && why_cap > 0)
        why[0] = '\0';
    if (data == NULL)
        return len == 0 ? PRECIS_OK : PRECIS_ERR_INVALID_ARG;
    return scan_text((const unsigned char *)data, len, &blank, why, why != NULL ? why_cap : 0);
}

precis_status precis_load_document(const char *name, const char *data, size_t len,
                                   precis_doc *doc, char *err, size_t err_cap)
{
    const unsigned char *s = (const unsigned char *)data;
    memset(doc, 0, sizeof *doc);
    if (err_cap > 0)
        err[0] = '\0';
    bool blank;
    precis_status st = scan_text(s, len, &blank, err, err_cap);
    if (st != PRECIS_OK)
        return st;
    size_t base = len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF ? 3 : 0;
    if (blank) {
        snprintf(err, err_cap, "%s", len == 0 ? "empty document" : "only white space");
        return PRECIS_ERR_EMPTY;
    }
    doc->name = precis_strdup(name ? name : "");
    doc->text = precis_malloc(len - base + 1);
    if (doc->name == NULL || doc->text == NULL) {
        precis_doc_destroy(doc);
        return PRECIS_ERR_NOMEM;
    }
    memcpy(doc->text, data + base, len - base);
    doc->text[len - base] = '\0';
    doc->len = len - base;
    doc->base = base;
    return PRECIS_OK;
}

bool precis_utf8_valid(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        size_t k = precis_utf8_seq(u + i, len - i);
        if (k == 0)
            return false;
        i += k;
    }
    return true;
}

void precis_doc_destroy(precis_doc *doc)
{
    free(doc->name);
    free(doc->text);
    memset(doc, 0, sizeof *doc);
}
