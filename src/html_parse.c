/* Web pages, step 1: a page's bytes -> UTF-8 (BOM, <meta charset>, http-equiv; iconv) -> the
 * HTML5 tree of gumbo (entities decoded), with helpers for visible text. */
#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "page.h"
#include "internal.h"

/* ---- buffers ---------------------------------------------------------------------------- */

static bool hbuf_grow(precis_hbuf *b, size_t n)
{
    if (b->oom)
        return false;
    if (b->len + n + 1 <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + n + 1)
        cap *= 2;
    char *p = precis_realloc(b->data, cap);
    if (p == NULL) {
        b->oom = true;
        return false;
    }
    b->data = p;
    b->cap = cap;
    return true;
}

void precis_hbuf_put(precis_hbuf *b, const char *s, size_t n)
{
    if (!hbuf_grow(b, n))
        return;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void precis_hbuf_putc(precis_hbuf *b, char c)
{
    precis_hbuf_put(b, &c, 1);
}

void precis_hbuf_put_text(precis_hbuf *b, const char *s, size_t n, bool *space)
{
    if (!hbuf_grow(b, n))
        return;
    char *w = b->data + b->len;
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n; i++) {
        unsigned c = u[i];
        bool ws = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
        if (c == 0xC2 && i + 1 < n && u[i + 1] == 0xA0) { // U+00A0 no-break space
            ws = true;
            i++;
        } else if (c == 0xE2 && i + 2 < n && u[i + 1] == 0x80 &&
                   (u[i + 2] == 0x8B || u[i + 2] == 0x8C || u[i + 2] == 0x8D)) {
            i += 2; // zero-width space and joiners: nothing
            continue;
        } else if (c == 0xEF && i + 2 < n && u[i + 1] == 0xBB && u[i + 2] == 0xBF) {
            i += 2; // a stray BOM
            continue;
        } else if ((c < 0x20 || c == 0x7F) && !ws) {
            continue;
        }
        if (ws) {
            if (!*space)
                *w++ = ' ';
            *space = true;
        } else {
            *w++ = (char)c;
            *space = false;
        }
    }
    b->len = (size_t)(w - b->data);
    b->data[b->len] = '\0';
}

void precis_hbuf_rtrim(precis_hbuf *b)
{
    while (b->len > 0 && b->data[b->len - 1] == ' ')
        b->len--;
    if (b->data != NULL)
        b->data[b->len] = '\0';
}

void precis_hbuf_free(precis_hbuf *b)
{
    free(b->data);
    memset(b, 0, sizeof *b);
}

/* ---- character sets --------------------------------------------------------------------- */

static bool valid_utf8(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        size_t k = precis_utf8_seq(s + i, n - i);
        if (k == 0)
            return false;
        i += k;
    }
    return true;
}

/* The charset a <meta> in the first 4 KB declares (<meta charset=X> or http-equiv
 * content="text/html; charset=X"), lowercased into 'out'; false when there is none. HTML5's
 * prescan reads 1,024 bytes; pages that put scripts first declare it later. */
static bool declared_charset(const char *s, size_t n, char *out, size_t cap)
{
    size_t end = n < 4096 ? n : 4096;
    for (size_t i = 0; i + 5 < end; i++) {
        if (s[i] != '<' || strncasecmp(s + i + 1, "meta", 4) != 0)
            continue;
        size_t close = i;
        while (close < end && s[close] != '>')
            close++;
        for (size_t j = i + 5; j + 7 <= close; j++) {
            if (strncasecmp(s + j, "charset", 7) != 0)
                continue;
            size_t k = j + 7;
            while (k < close && (s[k] == ' ' || s[k] == '\t'))
                k++;
            if (k >= close || s[k] != '=')
                continue;
            k++;
            while (k < close && (s[k] == ' ' || s[k] == '"' || s[k] == '\''))
                k++;
            size_t m = 0;
            while (k < close && m + 1 < cap &&
                   (isalnum((unsigned char)s[k]) || s[k] == '-' || s[k] == '_' || s[k] == ':' ||
                    s[k] == '.'))
                out[m++] = (char)tolower((unsigned char)s[k++]);
            out[m] = '\0';
            if (m > 0)
                return true;
        }
        i = close;
    }
    return false;
}

/* Appends U+FFFD. */
static void put_replacement(precis_hbuf *b)
{
    precis_hbuf_put(b, "\xEF\xBF\xBD", 3);
}

/* Windows-1252's 0x80..0x9F (the rest of its upper half is Latin-1). */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
};

static void put_code_point(precis_hbuf *b, unsigned cp)
{
    char u[3];
    if (cp < 0x80) {
        precis_hbuf_putc(b, (char)cp);
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3F));
        precis_hbuf_put(b, u, 2);
    } else {
        u[0] = (char)(0xE0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        precis_hbuf_put(b, u, 3);
    }
}

/* UTF-8 with stray bytes: valid sequences are kept, every other byte is read as Windows-1252
 * (the usual cause: a Latin-1 fragment pasted into a UTF-8 page). */
static void repair_utf8(const unsigned char *s, size_t n, precis_hbuf *b)
{
    for (size_t i = 0; i < n;) {
        size_t k = precis_utf8_seq(s + i, n - i);
        if (k > 0) {
            precis_hbuf_put(b, (const char *)s + i, k);
            i += k;
            continue;
        }
        unsigned c = s[i++];
        put_code_point(b, c >= 0xA0 ? c : cp1252_high[c - 0x80]);
    }
}

/* Converts with iconv from 'charset'; bytes it cannot decode become U+FFFD. False when iconv
 * does not know the charset. */
static bool convert(const char *charset, const char *s, size_t n, precis_hbuf *b)
{
    iconv_t cd = iconv_open("UTF-8", charset);
    if (cd == (iconv_t)-1)
        return false;
    char *in = (char *)(uintptr_t)s; // iconv's prototype is not const-correct
    size_t left = n;
    while (left > 0 && !b->oom) {
        if (!hbuf_grow(b, left * 4 + 16))
            break;
        char *out = b->data + b->len;
        size_t room = b->cap - b->len - 1, room0 = room;
        size_t r = iconv(cd, &in, &left, &out, &room);
        b->len += room0 - room;
        b->data[b->len] = '\0';
        if (r == (size_t)-1 && errno != E2BIG) { // EILSEQ or EINVAL: skip one byte
            put_replacement(b);
            in++;
            left--;
            iconv(cd, NULL, NULL, NULL, NULL);
        }
    }
    iconv_close(cd);
    return true;
}

/* Cuts 'data' where element nesting first exceeds PRECIS_HTML_MAX_DEPTH, counting start and end
 * tags roughly (void elements and those whose end tag may be left out are not counted; script
 * and style contents are skipped). Returns the length to parse. */
static size_t depth_cut(const char *s, size_t n)
{
    static const char *const uncounted[] = {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "thead",
        "tbody", "tfoot", "colgroup", "optgroup", "rb", "rt", "rp", "html", "head", "body",
        "image", "keygen", "basefont", "bgsound", "frame", "!doctype",
    };
    long depth = 0;
    for (size_t i = 0; i + 1 < n; i++) {
        if (s[i] != '<')
            continue;
        bool closing = s[i + 1] == '/';
        size_t j = i + 1 + closing;
        if (j >= n || !isalpha((unsigned char)s[j]))
            continue;
        size_t k = j;
        while (k < n && (isalnum((unsigned char)s[k]) || s[k] == '-'))
            k++;
        size_t name_len = k - j;
        bool skip = false;
        for (size_t u = 0; u < sizeof uncounted / sizeof uncounted[0] && !skip; u++)
            skip = strlen(uncounted[u]) == name_len &&
                   strncasecmp(s + j, uncounted[u], name_len) == 0;
        size_t gt = k;
        while (gt < n && s[gt] != '>')
            gt++;
        if (gt == n)
            break;
        bool self_closing = s[gt - 1] == '/';
        if (!closing && ((name_len == 6 && strncasecmp(s + j, "script", 6) == 0) ||
                         (name_len == 5 && strncasecmp(s + j, "style", 5) == 0))) {
            const char *end = NULL;
            for (size_t e = gt; e + 2 < n && end == NULL; e++)
                if (s[e] == '<' && s[e + 1] == '/' && strncasecmp(s + e + 2, s + j, name_len) == 0)
                    end = s + e;
            if (end == NULL)
                return n;
            i = (size_t)(end - s);
            continue;
        }
        if (!skip && !self_closing) {
            depth += closing ? -1 : 1;
            if (depth < 0)
                depth = 0;
            if (depth > PRECIS_HTML_MAX_DEPTH)
                return i;
        }
        i = gt;
    }
    return n;
}

precis_status precis_html_parse(const char *data, size_t len, precis_html *h)
{
    memset(h, 0, sizeof *h);
    const unsigned char *s = (const unsigned char *)data;
    precis_hbuf b = {0};
    char declared[32];
    if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
        strcpy(h->charset, "utf-8");
        repair_utf8(s + 3, len - 3, &b);
    } else if (len >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF))) {
        strcpy(h->charset, s[0] == 0xFF ? "utf-16le" : "utf-16be");
        convert(s[0] == 0xFF ? "UTF-16LE" : "UTF-16BE", data + 2, len - 2, &b);
    } else if (valid_utf8(s, len)) {
        // Valid UTF-8 beyond ASCII is almost never an accident, whatever a <meta> claims.
        strcpy(h->charset, "utf-8");
        precis_hbuf_put(&b, data, len);
    } else if (declared_charset(data, len, declared, sizeof declared) &&
               strcmp(declared, "utf-8") != 0 && strcmp(declared, "utf8") != 0) {
        // WHATWG: Latin-1 and ASCII labels mean Windows-1252.
        const char *cs = strcmp(declared, "iso-8859-1") == 0 || strcmp(declared, "latin1") == 0 ||
                                 strcmp(declared, "us-ascii") == 0 ||
                                 strcmp(declared, "ascii") == 0
                             ? "windows-1252"
                             : declared;
        snprintf(h->charset, sizeof h->charset, "%s", cs);
        if (!convert(cs, data, len, &b)) {
            strcpy(h->charset, "windows-1252");
            repair_utf8(s, len, &b);
        }
    } else {
        strcpy(h->charset, "windows-1252");
        repair_utf8(s, len, &b);
    }
    if (b.oom) {
        precis_hbuf_free(&b);
        return PRECIS_ERR_NOMEM;
    }
    if (b.data == NULL) {
        precis_hbuf_put(&b, "", 0);
        if (b.oom)
            return PRECIS_ERR_NOMEM;
    }
    if (memchr(b.data, '\0', b.len) != NULL) { // a page never holds NUL: binary data
        precis_hbuf_free(&b);
        return PRECIS_ERR_BINARY;
    }
    h->utf8 = b.data;
    h->utf8_len = b.len;
    size_t cut = depth_cut(h->utf8, h->utf8_len);
    h->truncated = cut < h->utf8_len;
    GumboOptions opt = kGumboDefaultOptions;
    opt.max_errors = 0; // parse errors are not reported: recording them costs time and memory
    h->out = gumbo_parse_with_options(&opt, h->utf8, cut);
    if (h->out == NULL) {
        precis_html_destroy(h);
        return PRECIS_ERR_NOMEM;
    }
    return PRECIS_OK;
}

void precis_html_destroy(precis_html *h)
{
    if (h->out != NULL)
        gumbo_destroy_output(&kGumboDefaultOptions, h->out);
    free(h->utf8);
    memset(h, 0, sizeof *h);
}

/* ---- helpers for the tree --------------------------------------------------------------- */

const char *precis_html_attr(const GumboNode *n, const char *name)
{
    if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_TEMPLATE)
        return NULL;
    const GumboAttribute *a = gumbo_get_attribute(&n->v.element.attributes, name);
    return a ? a->value : NULL;
}

/* 'style' holds "prop: value" (any spacing, any case). */
static bool style_has(const char *style, const char *prop, const char *value)
{
    size_t pl = strlen(prop), vl = strlen(value);
    for (const char *p = style; *p; p++) {
        if (strncasecmp(p, prop, pl) != 0 || (p > style && (isalnum((unsigned char)p[-1]) ||
                                                           p[-1] == '-')))
            continue;
        const char *q = p + pl;
        while (*q == ' ' || *q == '\t')
            q++;
        if (*q != ':')
            continue;
        q++;
        while (*q == ' ' || *q == '\t')
            q++;
        if (strncasecmp(q, value, vl) == 0)
            return true;
    }
    return false;
}

bool precis_html_hidden(const GumboNode *n)
{
    if (n->type != GUMBO_NODE_ELEMENT)
        return false;
    const GumboVector *attrs = &n->v.element.attributes;
    if (gumbo_get_attribute(attrs, "hidden") != NULL)
        return true;
    const GumboAttribute *a = gumbo_get_attribute(attrs, "aria-hidden");
    if (a != NULL && strcasecmp(a->value, "true") == 0)
        return true;
    a = gumbo_get_attribute(attrs, "style");
    if (a != NULL && (style_has(a->value, "display", "none") ||
                      style_has(a->value, "visibility", "hidden")))
        return true;
    if (n->v.element.tag == GUMBO_TAG_INPUT) // <input type=hidden> and every other input
        return true;
    return false;
}

bool precis_html_never_text(GumboTag tag)
{
    switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_MAP:
    case GUMBO_TAG_FRAMESET:
    case GUMBO_TAG_APPLET:
        return true;
    default:
        return false;
    }
}

void precis_html_text(const GumboNode *root, precis_hbuf *b)
{
    bool space = true;
    const GumboNode *n = root;
    // Iterative walk (parent links): pages nest thousands deep.
    for (;;) {
        bool descend = false;
        if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA ||
            n->type == GUMBO_NODE_WHITESPACE) {
            precis_hbuf_put_text(b, n->v.text.text, strlen(n->v.text.text), &space);
        } else if (n->type == GUMBO_NODE_ELEMENT &&
                   (n == root || (!precis_html_never_text(n->v.element.tag) &&
                                  !precis_html_hidden(n)))) {
            if (n != root && !space && n->v.element.tag == GUMBO_TAG_BR) {
                precis_hbuf_putc(b, ' ');
                space = true;
            }
            descend = n->v.element.children.length > 0;
        }
        if (descend) {
            n = n->v.element.children.data[0];
            continue;
        }
        while (n != root) {
            const GumboNode *p = n->parent;
            size_t next = n->index_within_parent + 1;
            if (next < p->v.element.children.length) {
                n = p->v.element.children.data[next];
                break;
            }
            n = p;
        }
        if (n == root)
            break;
    }
    precis_hbuf_rtrim(b);
}
