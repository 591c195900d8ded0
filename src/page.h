/* Private interface of the web-page readers (html_parse.c, article.c, meta.c, markdown.c,
 * page.c): bytes -> UTF-8 -> a gumbo tree -> the article's blocks and the page's metadata. */
#ifndef PRECIS_PAGE_H
#define PRECIS_PAGE_H

#include <stdbool.h>
#include <stddef.h>

#include <gumbo.h>

#include "precis.h"

/* A growable string; 'oom' records a failed allocation so that callers check once. */
typedef struct precis_hbuf {
    char *data;
    size_t len, cap;
    bool oom;
} precis_hbuf;

void precis_hbuf_put(precis_hbuf *b, const char *s, size_t n);
void precis_hbuf_putc(precis_hbuf *b, char c);
/* Appends 'n' bytes of 's' with every run of white space (ASCII, U+00A0) made one space, and
 * control characters dropped; '*space' carries "the last byte written was a space" across
 * calls (start it true to drop leading space). */
void precis_hbuf_put_text(precis_hbuf *b, const char *s, size_t n, bool *space);
/* Drops trailing spaces. */
void precis_hbuf_rtrim(precis_hbuf *b);
void precis_hbuf_free(precis_hbuf *b);

/* ---- html_parse.c: bytes to a parsed page ---- */

/* Deepest element nesting read: gumbo's scope checks walk the stack of open elements, so a page
 * of 100,000 nested <div>s takes minutes; what lies deeper is cut off (see precis_html_parse). */
#define PRECIS_HTML_MAX_DEPTH 4096

typedef struct precis_html {
    GumboOutput *out;
    char *utf8; // the page as UTF-8 (gumbo's tree points into it)
    size_t utf8_len;
    char charset[32]; // what the bytes were read as ("utf-8", "windows-1252", ...)
    bool truncated;   // nested too deeply: the page was read up to that point
} precis_html;

/* Converts 'len' bytes of a page to UTF-8 and parses it. The charset is the BOM's, else the
 * bytes' own when they are valid UTF-8, else the one a <meta> declares, else Windows-1252
 * (HTML5's default); bytes the charset cannot decode become U+FFFD. PRECIS_ERR_BINARY when the
 * page holds NUL bytes, PRECIS_ERR_NOMEM. Free with precis_html_destroy(). */
precis_status precis_html_parse(const char *data, size_t len, precis_html *h);
void precis_html_destroy(precis_html *h);

/* The attribute 'name' of element 'n', or NULL. */
const char *precis_html_attr(const GumboNode *n, const char *name);

/* True when element 'n' is not rendered: hidden, aria-hidden="true", style display:none or
 * visibility:hidden. */
bool precis_html_hidden(const GumboNode *n);

/* True for elements whose content is never text: script, style, noscript, template, ... */
bool precis_html_never_text(GumboTag tag);

/* Appends the visible text below 'n' (white space collapsed) to 'b'. */
void precis_html_text(const GumboNode *n, precis_hbuf *b);

/* ---- article.c: the article's body ---- */

/* Writes the article body of the parsed page to 'body': its paragraphs, headings and list
 * items, one per block, separated by a blank line; 'title' (may be NULL) is the page's
 * headline, left out of the body. */
void precis_extract_body(const precis_html *h, const char *title, precis_hbuf *body);

/* ---- meta.c: what the page says about itself ---- */

typedef struct precis_meta {
    char *title, *site, *author, *date, *url, *description, *language;
} precis_meta;

/* Fills 'm' from <title>, <meta> (Open Graph, Dublin Core, article:*), JSON-LD, <link
 * rel=canonical>, <time datetime> and bylines; fields not found stay NULL. The date is ISO 8601
 * (YYYY-MM-DD[THH:MM[:SS][zone]]). Returns false when out of memory. */
bool precis_meta_read(const precis_html *h, precis_meta *m);
void precis_meta_destroy(precis_meta *m);

/* ---- markdown.c ---- */

/* Writes the text of CommonMark 'src' to 'out' as blank-line separated paragraphs; the first
 * heading, if it opens the document, goes to '*title' (malloc'd) instead. Returns false when
 * out of memory. */
bool precis_markdown_text(const char *src, size_t len, precis_hbuf *out, char **title);

#endif
