/* Web pages and Markdown in: bytes -> what they are (detection) -> a precis_page (the article's
 * text and its metadata). The text then goes to the summarizer like any document. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "page.h"
#include "internal.h"

struct precis_page_owned {
    precis_page pub; // first: the public view is the allocation
    precis_meta meta;
    char *text;
    char charset[32];
};

/* Tags whose presence says "HTML" when the markup is dense; <p> and <a> alone are common in
 * prose about HTML, so the test also needs a share of the bytes inside tags. */
static bool known_tag(const char *s, size_t n)
{
    static const char *const tags[] = {"p", "div", "a", "br", "span", "li", "ul", "td", "tr",
                                       "table", "img", "h1", "h2", "h3", "meta", "link",
                                       "script", "b", "i", "em", "strong", "section",
                                       "article", "title", "body", "html", "head", "form"};
    for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++)
        if (strlen(tags[i]) == n && strncasecmp(s, tags[i], n) == 0)
            return true;
    return false;
}

precis_input precis_input_detect(const char *data, size_t len)
{
    const char *p = data, *end = data + len;
    if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;
    for (;;) {
        while (p < end && isspace((unsigned char)*p))
            p++;
        if (end - p >= 4 && memcmp(p, "<!--", 4) == 0) { // leading comments
            const char *c = NULL;
            for (const char *q = p + 4; q + 3 <= end && c == NULL; q++)
                if (memcmp(q, "-->", 3) == 0)
                    c = q + 3;
            if (c == NULL)
                break;
            p = c;
            continue;
        }
        if (end - p >= 5 && strncasecmp(p, "<?xml", 5) == 0) {
            const char *c = memchr(p, '>', (size_t)(end - p));
            if (c == NULL)
                break;
            p = c + 1;
            continue;
        }
        break;
    }
    static const char *const opens[] = {"<!doctype html", "<html", "<head", "<body"};
    for (size_t i = 0; i < sizeof opens / sizeof opens[0]; i++) {
        size_t n = strlen(opens[i]);
        if ((size_t)(end - p) >= n && strncasecmp(p, opens[i], n) == 0 &&
            ((size_t)(end - p) == n || !isalnum((unsigned char)p[n])))
            return PRECIS_INPUT_HTML;
    }
    // A fragment: at least 8 known tags, and a fifth of the first 64 KB inside tags.
    size_t scan = len < 65536 ? len : 65536, in_tags = 0, known = 0;
    for (size_t i = 0; i + 1 < scan; i++) {
        if (data[i] != '<')
            continue;
        size_t j = i + 1 + (data[i + 1] == '/');
        size_t k = j;
        while (k < scan && isalnum((unsigned char)data[k]))
            k++;
        if (k == j || k >= scan || (data[k] != '>' && !isspace((unsigned char)data[k]) &&
                                    data[k] != '/'))
            continue;
        const char *gt = memchr(data + k, '>', scan - k);
        if (gt == NULL || gt - (data + i) > 2048)
            continue;
        if (known_tag(data + j, k - j))
            known++;
        in_tags += (size_t)(gt - (data + i)) + 1;
        i = (size_t)(gt - data);
    }
    if (known >= 8 && in_tags * 5 >= scan)
        return PRECIS_INPUT_HTML;
    return PRECIS_INPUT_TEXT;
}

void precis_page_free(precis_page *p)
{
    if (p == NULL)
        return;
    struct precis_page_owned *o = (struct precis_page_owned *)p;
    precis_meta_destroy(&o->meta);
    free(o->text);
    free(o);
}

static void publish(struct precis_page_owned *o, precis_hbuf *body)
{
    o->text = body->data;
    o->pub.text = o->text;
    o->pub.text_len = body->len;
    o->pub.title = o->meta.title;
    o->pub.site = o->meta.site;
    o->pub.author = o->meta.author;
    o->pub.date = o->meta.date;
    o->pub.url = o->meta.url;
    o->pub.description = o->meta.description;
    o->pub.language = o->meta.language;
    o->pub.charset = o->charset[0] ? o->charset : NULL;
}

/* Text with nothing but white space in it counts as empty. */
static bool blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isspace((unsigned char)s[i]))
            return false;
    return true;
}

precis_status precis_page_read(const char *data, size_t len, precis_input kind,
                               precis_page **out)
{
    *out = NULL;
    if (data == NULL && len > 0)
        return PRECIS_ERR_INVALID_ARG;
    if (data == NULL)
        data = "";
    if (kind == PRECIS_INPUT_AUTO)
        kind = precis_input_detect(data, len);
    struct precis_page_owned *o = precis_calloc(1, sizeof *o);
    if (o == NULL)
        return PRECIS_ERR_NOMEM;
    precis_hbuf body = {0};
    precis_status st = PRECIS_OK;
    if (kind == PRECIS_INPUT_HTML) {
        precis_html h;
        if ((st = precis_html_parse(data, len, &h)) != PRECIS_OK)
            goto fail;
        snprintf(o->charset, sizeof o->charset, "%s", h.charset);
        o->pub.truncated = h.truncated;
        if (!precis_meta_read(&h, &o->meta)) {
            precis_html_destroy(&h);
            st = PRECIS_ERR_NOMEM;
            goto fail;
        }
        precis_extract_body(&h, o->meta.title, &body);
        precis_html_destroy(&h);
    } else if (kind == PRECIS_INPUT_MARKDOWN) {
        if (memchr(data, '\0', len) != NULL) {
            st = PRECIS_ERR_BINARY;
            goto fail;
        }
        if (!precis_markdown_text(data, len, &body, &o->meta.title)) {
            st = PRECIS_ERR_NOMEM;
            goto fail;
        }
    } else {
        precis_doc doc;
        char err[160];
        if ((st = precis_load_document("", data, len, &doc, err, sizeof err)) != PRECIS_OK)
            goto fail;
        precis_hbuf_put(&body, doc.text, doc.len);
        precis_doc_destroy(&doc);
        snprintf(o->charset, sizeof o->charset, "utf-8");
    }
    if (body.oom) {
        st = PRECIS_ERR_NOMEM;
        goto fail;
    }
    if (body.data == NULL || blank(body.data, body.len)) {
        st = PRECIS_ERR_EMPTY;
        goto fail;
    }
    publish(o, &body);
    *out = &o->pub;
    return PRECIS_OK;
fail:
    precis_hbuf_free(&body);
    precis_page_free(&o->pub);
    return st;
}
