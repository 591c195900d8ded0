/* Web pages, step 3: the parsed page -> what it says about itself: title, site, authors,
 * publication date (ISO 8601), canonical URL, description, language. Sources, best first:
 * JSON-LD (schema.org NewsArticle and friends), Open Graph and other <meta> tags, <link
 * rel=canonical>, <time datetime>, visible bylines, <title>. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "page.h"
#include "internal.h"

typedef struct finder {
    precis_meta *m;
    // candidates by source; the best is chosen at the end
    const char *og_title, *tw_title, *title_tag, *h1;
    const char *og_site, *app_name;
    const char *meta_author, *byline;
    const char *meta_date, *time_date, *item_date;
    const char *canonical, *og_url;
    const char *og_desc, *meta_desc;
    char *ld_headline, *ld_date, *ld_author, *ld_site, *ld_url;
    precis_hbuf scratch; // text of <title>, <h1>, bylines (NUL-separated)
    size_t title_off, h1_off, byline_off;
    bool has_title, has_h1, has_byline;
    bool oom;
} finder;

/* Copies 's' with white space collapsed and trimmed; NULL for NULL or empty. */
static char *clean(finder *f, const char *s)
{
    if (s == NULL)
        return NULL;
    precis_hbuf b = {0};
    bool space = true;
    precis_hbuf_put_text(&b, s, strlen(s), &space);
    precis_hbuf_rtrim(&b);
    if (b.oom) {
        f->oom = true;
        return NULL;
    }
    if (b.len == 0) {
        precis_hbuf_free(&b);
        return NULL;
    }
    return b.data;
}

/* ---- JSON-LD ------------------------------------------------------------------------------ */

/* Decodes the JSON string starting after the opening quote at 's'; returns a new string and
 * sets '*end' after the closing quote, or NULL. Escapes: \" \\ \/ \b \f \n \r \t \uXXXX (with
 * surrogate pairs). */
static unsigned hex_value(char c)
{
    return (unsigned)(isdigit((unsigned char)c) ? c - '0' : tolower((unsigned char)c) - 'a' + 10);
}

static char *json_string(const char *s, const char **end)
{
    precis_hbuf b = {0};
    const char *p = s;
    while (*p && *p != '"') {
        if (*p != '\\') {
            const char *q = p;
            while (*q && *q != '"' && *q != '\\')
                q++;
            precis_hbuf_put(&b, p, (size_t)(q - p));
            p = q;
            continue;
        }
        p++;
        char c = *p ? *p++ : '\0';
        unsigned cp = 0;
        switch (c) {
        case 'n': case 'r': case 't': case 'b': case 'f':
            precis_hbuf_putc(&b, ' ');
            break;
        case 'u':
            for (int k = 0; k < 4 && isxdigit((unsigned char)*p); k++, p++)
                cp = cp * 16 + hex_value(*p);
            if (cp >= 0xD800 && cp < 0xDC00 && p[0] == '\\' && p[1] == 'u') {
                unsigned lo = 0;
                const char *q = p + 2;
                for (int k = 0; k < 4 && isxdigit((unsigned char)*q); k++, q++)
                    lo = lo * 16 + hex_value(*q);
                if (lo >= 0xDC00 && lo < 0xE000) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    p = q;
                }
            }
            if (cp >= 0xD800 && cp < 0xE000)
                cp = 0xFFFD;
            char u[4];
            size_t n;
            if (cp < 0x80) {
                u[0] = (char)cp;
                n = 1;
            } else if (cp < 0x800) {
                u[0] = (char)(0xC0 | (cp >> 6));
                u[1] = (char)(0x80 | (cp & 0x3F));
                n = 2;
            } else if (cp < 0x10000) {
                u[0] = (char)(0xE0 | (cp >> 12));
                u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
                u[2] = (char)(0x80 | (cp & 0x3F));
                n = 3;
            } else {
                u[0] = (char)(0xF0 | (cp >> 18));
                u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
                u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
                u[3] = (char)(0x80 | (cp & 0x3F));
                n = 4;
            }
            if (cp != 0)
                precis_hbuf_put(&b, u, n);
            break;
        default:
            if (c != '\0')
                precis_hbuf_putc(&b, c);
        }
    }
    if (*p != '"' || b.oom) {
        precis_hbuf_free(&b);
        return NULL;
    }
    *end = p + 1;
    if (b.data == NULL)
        precis_hbuf_put(&b, "", 0);
    return b.data;
}

static const char *skip_ws(const char *p)
{
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        p++;
    return p;
}

/* Skips one JSON value at 'p' (strings respected); returns where it ends. */
static const char *skip_value(const char *p)
{
    p = skip_ws(p);
    if (*p == '"') {
        for (p++; *p && *p != '"'; p++)
            if (*p == '\\' && p[1])
                p++;
        return *p ? p + 1 : p;
    }
    if (*p == '{' || *p == '[') {
        int depth = 0;
        for (; *p; p++) {
            if (*p == '"') {
                for (p++; *p && *p != '"'; p++)
                    if (*p == '\\' && p[1])
                        p++;
                if (!*p)
                    return p;
            } else if (*p == '{' || *p == '[') {
                depth++;
            } else if (*p == '}' || *p == ']') {
                if (--depth == 0)
                    return p + 1;
            }
        }
        return p;
    }
    while (*p && *p != ',' && *p != '}' && *p != ']')
        p++;
    return p;
}

/* The value of key 'key' in the JSON object text [obj, end) at its top level: a string value
 * directly; an object's (or the first array element's) "name" when 'want_name'. A new string
 * or NULL. Several authors in an array are joined with ", ". */
static char *json_get(const char *obj, const char *end, const char *key, bool want_name,
                      int depth);

/* Objects nest at most this deep where a value is looked for: a crafted page cannot run the
 * recursion out of stack. */
#define JSON_MAX_DEPTH 8

static char *name_of_value(const char *p, const char *end, int depth)
{
    if (depth > JSON_MAX_DEPTH)
        return NULL;
    p = skip_ws(p);
    if (*p == '"') {
        const char *e;
        return json_string(p + 1, &e);
    }
    if (*p == '{')
        return json_get(p, skip_value(p), "name", false, depth + 1);
    if (*p == '[') {
        precis_hbuf b = {0};
        const char *q = skip_ws(p + 1);
        for (int k = 0; k < 8 && q < end && *q && *q != ']'; k++) {
            char *one = name_of_value(q, end, depth + 1);
            if (one != NULL && *one) {
                if (b.len > 0)
                    precis_hbuf_put(&b, ", ", 2);
                precis_hbuf_put(&b, one, strlen(one));
            }
            free(one);
            q = skip_ws(skip_value(q));
            if (*q == ',')
                q = skip_ws(q + 1);
        }
        if (b.oom) {
            precis_hbuf_free(&b);
            return NULL;
        }
        return b.data;
    }
    return NULL;
}

static char *json_get(const char *obj, const char *end, const char *key, bool want_name,
                      int depth)
{
    if (depth > JSON_MAX_DEPTH)
        return NULL;
    const char *p = skip_ws(obj);
    if (*p != '{')
        return NULL;
    p = skip_ws(p + 1);
    size_t kl = strlen(key);
    while (p < end && *p == '"') {
        const char *k = p + 1, *ke = k;
        while (*ke && *ke != '"')
            ke += *ke == '\\' && ke[1] ? 2 : 1;
        if (!*ke)
            return NULL;
        p = skip_ws(ke + 1);
        if (*p != ':')
            return NULL;
        p = skip_ws(p + 1);
        if ((size_t)(ke - k) == kl && memcmp(k, key, kl) == 0) {
            if (want_name)
                return name_of_value(p, end, depth + 1);
            if (*p == '"') {
                const char *e;
                return json_string(p + 1, &e);
            }
            if (*p == '{') // "mainEntityOfPage": {"@id": URL}
                return json_get(p, skip_value(p), "@id", false, depth + 1);
            return NULL;
        }
        p = skip_ws(skip_value(p));
        if (*p == ',')
            p = skip_ws(p + 1);
    }
    return NULL;
}

static bool article_type(const char *t)
{
    return t != NULL && (strstr(t, "Article") != NULL || strstr(t, "Posting") != NULL ||
                         strstr(t, "Report") != NULL || strcmp(t, "WebPage") == 0);
}

static void set_once(char **dst, char *v)
{
    if (*dst == NULL && v != NULL && *v)
        *dst = v;
    else
        free(v);
}

/* Reads one object: when its @type is an article, its headline, date, authors, publisher and
 * URL; then the objects it lists under "@graph" or as an array. */
static void ld_object(finder *f, const char *p, const char *end, int depth)
{
    p = skip_ws(p);
    if (depth > 4)
        return;
    if (*p == '[') {
        const char *q = skip_ws(p + 1);
        while (q < end && *q && *q != ']') {
            ld_object(f, q, skip_value(q), depth + 1);
            q = skip_ws(skip_value(q));
            if (*q == ',')
                q = skip_ws(q + 1);
            else
                break;
        }
        return;
    }
    if (*p != '{')
        return;
    char *type = json_get(p, end, "@type", false, 0);
    if (type == NULL) { // "@type": ["NewsArticle", ...]
        char *t = json_get(p, end, "@type", true, 0);
        type = t;
    }
    if (article_type(type)) {
        set_once(&f->ld_headline, json_get(p, end, "headline", false, 0));
        set_once(&f->ld_date, json_get(p, end, "datePublished", false, 0));
        set_once(&f->ld_date, json_get(p, end, "dateCreated", false, 0));
        set_once(&f->ld_author, json_get(p, end, "author", true, 0));
        set_once(&f->ld_author, json_get(p, end, "creator", true, 0));
        set_once(&f->ld_site, json_get(p, end, "publisher", true, 0));
        set_once(&f->ld_url, json_get(p, end, "url", false, 0));
        set_once(&f->ld_url, json_get(p, end, "mainEntityOfPage", false, 0));
    }
    free(type);
    // "@graph": [...]
    const char *g = strstr(p, "\"@graph\"");
    if (g != NULL && g < end && depth == 0) {
        g = skip_ws(g + 8);
        if (*g == ':')
            ld_object(f, skip_ws(g + 1), end, depth + 1);
    }
}

/* ---- the walk ----------------------------------------------------------------------------- */

static void text_into(finder *f, const GumboNode *n, size_t *off, bool *has)
{
    *off = f->scratch.len;
    precis_html_text(n, &f->scratch);
    precis_hbuf_putc(&f->scratch, '\0');
    *has = true;
}

static bool names_byline(const GumboNode *n)
{
    const char *rel = precis_html_attr(n, "rel");
    if (rel != NULL && strcasecmp(rel, "author") == 0)
        return true;
    const char *ip = precis_html_attr(n, "itemprop");
    if (ip != NULL && strcasecmp(ip, "author") == 0)
        return true;
    const char *c = precis_html_attr(n, "class");
    if (c == NULL)
        return false;
    char low[128];
    size_t i = 0;
    for (; c[i] && i + 1 < sizeof low; i++)
        low[i] = (char)tolower((unsigned char)c[i]);
    low[i] = '\0';
    return strstr(low, "byline") != NULL || strstr(low, "author-name") != NULL ||
           strcmp(low, "author") == 0;
}

static void visit(finder *f, const GumboNode *n)
{
    GumboTag t = n->v.element.tag;
    if (t == GUMBO_TAG_META) {
        const char *key = precis_html_attr(n, "property");
        if (key == NULL)
            key = precis_html_attr(n, "name");
        if (key == NULL)
            key = precis_html_attr(n, "itemprop");
        const char *v = precis_html_attr(n, "content");
        if (key == NULL || v == NULL || !*v)
            return;
        if (strcasecmp(key, "og:title") == 0) f->og_title = v;
        else if (strcasecmp(key, "twitter:title") == 0) f->tw_title = v;
        else if (strcasecmp(key, "og:site_name") == 0) f->og_site = v;
        else if (strcasecmp(key, "application-name") == 0) f->app_name = v;
        else if (strcasecmp(key, "og:url") == 0) f->og_url = v;
        else if (strcasecmp(key, "og:description") == 0) f->og_desc = v;
        else if (strcasecmp(key, "description") == 0) f->meta_desc = v;
        else if ((strcasecmp(key, "author") == 0 || strcasecmp(key, "article:author") == 0 ||
                  strcasecmp(key, "dc.creator") == 0 || strcasecmp(key, "byl") == 0) &&
                 f->meta_author == NULL && strncmp(v, "http", 4) != 0)
            f->meta_author = v;
        else if ((strcasecmp(key, "article:published_time") == 0 ||
                  strcasecmp(key, "og:published_time") == 0 ||
                  strcasecmp(key, "datePublished") == 0 || strcasecmp(key, "pubdate") == 0 ||
                  strcasecmp(key, "publishdate") == 0 || strcasecmp(key, "publish-date") == 0 ||
                  strcasecmp(key, "date") == 0 || strcasecmp(key, "dc.date") == 0 ||
                  strcasecmp(key, "dc.date.issued") == 0 ||
                  strcasecmp(key, "dcterms.created") == 0) &&
                 f->meta_date == NULL)
            f->meta_date = v;
        return;
    }
    if (t == GUMBO_TAG_LINK) {
        const char *rel = precis_html_attr(n, "rel"), *href = precis_html_attr(n, "href");
        if (rel != NULL && href != NULL && strcasecmp(rel, "canonical") == 0 && *href)
            f->canonical = href;
        return;
    }
    if (t == GUMBO_TAG_TIME && f->time_date == NULL) {
        const char *d = precis_html_attr(n, "datetime");
        if (d != NULL && *d)
            f->time_date = d;
    }
    const char *ip = precis_html_attr(n, "itemprop");
    if (ip != NULL && strcasecmp(ip, "datePublished") == 0 && f->item_date == NULL) {
        const char *d = precis_html_attr(n, "datetime");
        if (d == NULL)
            d = precis_html_attr(n, "content");
        if (d != NULL && *d)
            f->item_date = d;
    }
}

static void walk(finder *f, const GumboNode *root)
{
    const GumboNode *n = root;
    for (;;) {
        bool descend = false;
        if (n->type == GUMBO_NODE_ELEMENT) {
            GumboTag t = n->v.element.tag;
            visit(f, n);
            if (t == GUMBO_TAG_SCRIPT) {
                const char *type = precis_html_attr(n, "type");
                if (type != NULL && strcasecmp(type, "application/ld+json") == 0 &&
                    n->v.element.children.length > 0) {
                    const GumboNode *c = n->v.element.children.data[0];
                    if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_WHITESPACE ||
                        c->type == GUMBO_NODE_CDATA) {
                        const char *s = c->v.text.text;
                        ld_object(f, s, s + strlen(s), 0);
                    }
                }
            } else if (t == GUMBO_TAG_TITLE && !f->has_title) {
                text_into(f, n, &f->title_off, &f->has_title);
            } else if (t == GUMBO_TAG_H1 && !f->has_h1 && !precis_html_hidden(n)) {
                text_into(f, n, &f->h1_off, &f->has_h1);
            } else if (!f->has_byline && names_byline(n) && !precis_html_hidden(n)) {
                text_into(f, n, &f->byline_off, &f->has_byline);
            } else if (!precis_html_never_text(t) || t == GUMBO_TAG_HEAD) {
                descend = n->v.element.children.length > 0;
            }
        }
        if (descend) {
            n = n->v.element.children.data[0];
            continue;
        }
        for (;;) {
            if (n == root)
                return;
            const GumboNode *p = n->parent;
            size_t next = n->index_within_parent + 1;
            if (next < p->v.element.children.length) {
                n = p->v.element.children.data[next];
                break;
            }
            n = p;
        }
    }
}

/* ---- choosing ------------------------------------------------------------------------------ */

/* An ISO 8601 form of 'v' ("2023-09-17T08:30:00+0900", "2023-09-17 08:30", "September 17,
 * 2023"), or NULL. */
static char *iso_date(const char *v)
{
    if (v == NULL)
        return NULL;
    while (isspace((unsigned char)*v))
        v++;
    precis_date d;
    char err[128], buf[40];
    if (isdigit((unsigned char)v[0])) {
        size_t n = 0;
        for (size_t i = 0; v[i] && n + 1 < sizeof buf; i++) {
            char c = v[i];
            if (i == 10 && c == ' ')
                c = 'T';
            if (!(isdigit((unsigned char)c) || c == '-' || c == ':' || c == 'T' || c == 'Z' ||
                  c == '+' || c == '.'))
                break;
            buf[n++] = c;
        }
        buf[n] = '\0';
        // "+0900" -> "+09:00"
        char *z = strpbrk(buf + 10 < buf + n ? buf + 10 : buf + n, "+-");
        if (z != NULL && strlen(z) == 5 && strchr(z, ':') == NULL) {
            memmove(z + 4, z + 3, 3);
            z[3] = ':';
            n++;
        }
        if (precis_date_parse(buf, strlen(buf), &d, err, sizeof err))
            return precis_strdup(d.text);
        if (n >= 10 && precis_date_parse(buf, 10, &d, err, sizeof err))
            return precis_strdup(d.text);
    }
    if (precis_date_find(v, strlen(v), &d))
        return precis_strdup(d.text);
    return NULL;
}

/* "By Jane Doe and John Roe" -> "Jane Doe and John Roe". */
static char *byline_name(finder *f, const char *s)
{
    char *c = clean(f, s);
    if (c == NULL)
        return NULL;
    char *p = c;
    if (strncasecmp(p, "by ", 3) == 0)
        p += 3;
    size_t n = strlen(p);
    if (n == 0 || n > 100) { // a bio, not a byline
        free(c);
        return NULL;
    }
    memmove(c, p, n + 1);
    return c;
}

/* "Headline | Site" or "Headline - Site": the headline part, when the rest names the site or
 * the headline part matches the h1. */
static char *title_from_tag(finder *f, const char *title, const char *site, const char *h1)
{
    char *t = clean(f, title);
    if (t == NULL)
        return NULL;
    if (h1 != NULL && *h1 && strstr(t, h1) == t)
        return t; // handled by the caller preferring h1
    static const char *const seps[] = {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " :: ",
                                       " \xC2\xB7 "};
    for (size_t i = 0; i < sizeof seps / sizeof seps[0]; i++) {
        char *last = NULL;
        for (char *p = strstr(t, seps[i]); p; p = strstr(p + 1, seps[i]))
            last = p;
        if (last == NULL || last == t)
            continue;
        const char *rest = last + strlen(seps[i]);
        // " | " nearly always sets off the site; a dash only a short tail.
        if ((site != NULL && strcasecmp(rest, site) == 0) || i == 0 ||
            strlen(rest) < (size_t)(last - t) / 2) {
            *last = '\0';
            break;
        }
    }
    return t;
}

bool precis_meta_read(const precis_html *h, precis_meta *m)
{
    memset(m, 0, sizeof *m);
    finder f = {.m = m};
    const GumboNode *root = h->out->root;
    walk(&f, root);
    const char *lang = precis_html_attr(root, "lang");
    const char *scratch = f.scratch.data;
    if (f.scratch.oom)
        f.oom = true;
    const char *h1 = f.has_h1 && !f.oom ? scratch + f.h1_off : NULL;
    m->site = clean(&f, f.og_site);
    if (m->site == NULL && f.ld_site != NULL)
        m->site = clean(&f, f.ld_site);
    if (m->site == NULL)
        m->site = clean(&f, f.app_name);
    const char *t = f.ld_headline ? f.ld_headline : f.og_title ? f.og_title : f.tw_title;
    if (t != NULL)
        m->title = clean(&f, t);
    else if (h1 != NULL && *h1)
        m->title = clean(&f, h1);
    else if (f.has_title && !f.oom)
        m->title = title_from_tag(&f, scratch + f.title_off, m->site, NULL);
    if (m->title != NULL && m->site != NULL) { // "Headline | Site": the site is not the title
        size_t tl = strlen(m->title), sl = strlen(m->site);
        static const char *const seps[] = {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 "};
        for (size_t i = 0; i < sizeof seps / sizeof seps[0]; i++) {
            size_t pl = strlen(seps[i]);
            if (tl > sl + pl && strcasecmp(m->title + tl - sl, m->site) == 0 &&
                memcmp(m->title + tl - sl - pl, seps[i], pl) == 0) {
                m->title[tl - sl - pl] = '\0';
                break;
            }
        }
    }
    const char *a = f.ld_author ? f.ld_author : f.meta_author;
    if (a != NULL)
        m->author = byline_name(&f, a);
    else if (f.has_byline && !f.oom)
        m->author = byline_name(&f, scratch + f.byline_off);
    const char *dates[] = {f.ld_date, f.meta_date, f.item_date, f.time_date};
    for (size_t i = 0; i < sizeof dates / sizeof dates[0] && m->date == NULL; i++)
        m->date = iso_date(dates[i]);
    const char *u = f.canonical ? f.canonical : f.og_url ? f.og_url : f.ld_url;
    if (u != NULL && (strncmp(u, "http://", 7) == 0 || strncmp(u, "https://", 8) == 0))
        m->url = clean(&f, u);
    m->description = clean(&f, f.og_desc ? f.og_desc : f.meta_desc);
    m->language = clean(&f, lang);
    free(f.ld_headline);
    free(f.ld_date);
    free(f.ld_author);
    free(f.ld_site);
    free(f.ld_url);
    precis_hbuf_free(&f.scratch);
    if (f.oom) {
        precis_meta_destroy(m);
        return false;
    }
    return true;
}

void precis_meta_destroy(precis_meta *m)
{
    free(m->title);
    free(m->site);
    free(m->author);
    free(m->date);
    free(m->url);
    free(m->description);
    free(m->language);
    memset(m, 0, sizeof *m);
}

