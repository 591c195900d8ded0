/* Web pages, step 2: the parsed page -> its article body, as blank-line separated blocks
 * (paragraphs, headings, list items). Navigation, menus, share bars, ads, cookie notices,
 * related lists, comments, captions and credits are left out.
 *
 * The method, written for precis from published descriptions:
 *  - the page becomes a list of text blocks (one per paragraph-like element), each knowing its
 *    length, how much of it is link text and which element holds it (boilerpipe's and
 *    jusText's block view: Kohlschuetter et al. 2010, Pomikalek 2011);
 *  - containers are scored by the paragraphs they hold: 1 + commas + one point per 100
 *    characters (at most 3), credited to the parent and, less, to further ancestors, started
 *    from a weight of the tag and of class/id words, then scaled by 1 - link density
 *    (Readability, arc90 2009 / Mozilla's Readability.js);
 *  - the best container, with siblings that score close to it, is the article; inside it,
 *    blocks and sub-containers dense with links or named like boilerplate are dropped
 *    (Readability's conditional cleaning, jusText's link density);
 *  - when that leaves too little text, the pass is run again without the first removal of
 *    "unlikely" containers, and the longer result wins (Readability's retry; trafilatura's
 *    fallback when the precise pass keeps too little). */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "page.h"
#include "internal.h"

typedef struct elem {
    const GumboNode *node;
    int parent;
    GumboTag tag;
    int hint;      // class/id words: +25 article-like, -25 boilerplate-like, 0
    bool scored;   // a candidate container
    bool unlikely; // named like a sidebar, menu, comment section...
    double score;
    size_t text_len, link_len, commas; // over every block below it
    size_t n_blocks;
    size_t one_block; // with n_blocks == 1: that block
    size_t text_at;   // length of the text buffer when it was entered
    bool boiler;      // a section headed as boilerplate ("Related"), and all below it
} elem;

typedef struct block {
    size_t off, len; // in the text buffer
    size_t link_len;
    size_t commas;
    int owner; // the element whose text it is
} block;

typedef struct walker {
    elem *e;
    size_t n_e, cap_e;
    block *b;
    size_t n_b, cap_b;
    precis_hbuf text;
    size_t start; // where the pending block's text begins in 'text'
    size_t link_start_len; // link text so far in the pending block
    bool space;
    int cur;      // innermost element entered
    int in_link;
    bool strict;  // leave out 'unlikely' containers (the first pass)
    bool oom;
} walker;

/* ---- class and id words ---------------------------------------------------------------- */

/* Substrings, as Readability matches them: names are free-form ("post-body", "artBody"). */
static const char *const negative_words[] = {
    "-ad-", "ad-slot", "advert", "banner", "combx", "comment", "contact", "foot", "masthead",
    "media", "meta", "promo", "related", "recommend", "scroll", "share", "sharing", "social",
    "shoutbox", "sidebar", "skyscraper", "sponsor", "shopping", "tags", "tool", "widget",
    "cookie", "consent", "gdpr", "newsletter", "subscri", "signup", "popup", "modal", "byline",
    "author", "caption", "credit", "breadcrumb", "pagination", "pager", "disclaimer", "hidden",
    "print", "login", "read-more", "readmore", "more-stories", "trending", "popular", "teaser",
    "nav", "menu", "follow", "newsletter", "rating", "video", "gallery", "slideshow",
};
static const char *const positive_words[] = {
    "article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "post", "text",
    "blog", "story", "prose",
};
/* Readability's "unlikely candidates": removed before scoring unless also 'maybe'. */
static const char *const unlikely_words[] = {
    "-ad-", "banner", "breadcrumb", "combx", "comment", "community", "disqus", "extra", "foot",
    "header", "menu", "related", "remark", "replies", "rss", "shoutbox", "sidebar", "skyscraper",
    "social", "sponsor", "supplemental", "ad-break", "agegate", "pagination", "pager", "popup",
    "cookie", "consent", "gdpr", "newsletter", "share", "recommend", "trending", "nav",
};
/* Headings named like these introduce what is not the article. */
static const char *const heading_words[] = {
    "related", "recommend", "comment", "popular", "trending", "more-stories", "reply",
    "replies", "respond",
};
static const char *const maybe_words[] = {
    "and", "article", "body", "column", "content", "main", "shadow", "story", "post", "entry",
};

/* Lowercase "class id" of 'n' into 'buf'. */
static void names_of(const GumboNode *n, char *buf, size_t cap)
{
    const char *c = precis_html_attr(n, "class"), *id = precis_html_attr(n, "id");
    snprintf(buf, cap, "%s %s", c ? c : "", id ? id : "");
    for (char *p = buf; *p; p++)
        *p = (char)tolower((unsigned char)*p);
}

static bool has_any(const char *s, const char *const *words, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strstr(s, words[i]) != NULL)
            return true;
    return false;
}

#define HAS(s, list) has_any(s, list, sizeof list / sizeof list[0])

/* ARIA roles that are never the article. */
static bool boilerplate_role(const GumboNode *n)
{
    const char *r = precis_html_attr(n, "role");
    if (r == NULL)
        return false;
    static const char *const roles[] = {"menu", "menubar", "complementary", "navigation",
                                        "alert", "alertdialog", "dialog", "banner",
                                        "contentinfo", "search"};
    for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++)
        if (strcasecmp(r, roles[i]) == 0)
            return true;
    return false;
}

/* ---- the block walk ---------------------------------------------------------------------- */

/* Elements that end a block of text before and after them. */
static bool is_block(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_MAIN: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
    case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_LI:
    case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_DL: case GUMBO_TAG_DT:
    case GUMBO_TAG_DD: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_PRE: case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TR: case GUMBO_TAG_TD: case GUMBO_TAG_TH: case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_BR: case GUMBO_TAG_HR: case GUMBO_TAG_ADDRESS: case GUMBO_TAG_CENTER:
    case GUMBO_TAG_BODY: case GUMBO_TAG_FORM: case GUMBO_TAG_FIELDSET: case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_SUMMARY: case GUMBO_TAG_HGROUP: case GUMBO_TAG_TBODY: case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TFOOT: case GUMBO_TAG_IMG: case GUMBO_TAG_UNKNOWN:
        return true;
    default:
        return false;
    }
}

/* Elements left out with all they hold: never article text. */
static bool skipped_tag(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_NAV: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FOOTER: case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FIGURE: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_MENU:
        return true;
    default:
        return precis_html_never_text(t);
    }
}

static int push_elem(walker *w, const GumboNode *n)
{
    if (w->n_e == w->cap_e) {
        size_t cap = w->cap_e ? w->cap_e * 2 : 1024;
        elem *p = precis_realloc(w->e, cap * sizeof *p);
        if (p == NULL) {
            w->oom = true;
            return -1;
        }
        w->e = p;
        w->cap_e = cap;
    }
    elem *e = &w->e[w->n_e];
    memset(e, 0, sizeof *e);
    e->node = n;
    e->parent = w->cur;
    e->tag = n->v.element.tag;
    char names[512];
    names_of(n, names, sizeof names);
    if (names[0] != ' ' || names[1] != '\0') {
        bool neg = HAS(names, negative_words), pos = HAS(names, positive_words);
        e->hint = (pos ? 25 : 0) - (neg ? 25 : 0);
        e->unlikely = HAS(names, unlikely_words) && !HAS(names, maybe_words);
    }
    e->text_at = w->text.len;
    bool boiler_heading = e->tag >= GUMBO_TAG_H1 && e->tag <= GUMBO_TAG_H6 &&
                          HAS(names, heading_words);
    // A section that opens with a heading named like boilerplate ("related-title",
    // "comments-heading") is that boilerplate, whatever its own name.
    if (boiler_heading && w->cur >= 0 &&
        w->text.len <= w->e[w->cur].text_at && w->e[w->cur].tag != GUMBO_TAG_BODY)
        w->e[w->cur].boiler = true;
    return (int)w->n_e++;
}

/* Ends the pending block: its text since w->start becomes a block of the current element. */
static void flush(walker *w)
{
    precis_hbuf_rtrim(&w->text);
    size_t len = w->text.len - w->start;
    if (len > 0 && w->cur >= 0) {
        if (w->n_b == w->cap_b) {
            size_t cap = w->cap_b ? w->cap_b * 2 : 256;
            block *p = precis_realloc(w->b, cap * sizeof *p);
            if (p == NULL) {
                w->oom = true;
                return;
            }
            w->b = p;
            w->cap_b = cap;
        }
        block *b = &w->b[w->n_b++];
        b->off = w->start;
        b->len = len;
        b->link_len = w->link_start_len < len ? w->link_start_len : len;
        b->commas = 0;
        for (size_t i = 0; i < len; i++) {
            const char *c = w->text.data + w->start + i;
            if (*c == ',')
                b->commas++;
            else if (len - i >= 3 && memcmp(c, "\xEF\xBC\x8C", 3) == 0) // fullwidth comma
                b->commas++;
            else if (len - i >= 3 && memcmp(c, "\xE3\x80\x81", 3) == 0) // ideographic comma
                b->commas++;
        }
        b->owner = w->cur;
    }
    w->start = w->text.len;
    w->link_start_len = 0;
    w->space = true;
}

static bool enter(walker *w, const GumboNode *n)
{
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA ||
        n->type == GUMBO_NODE_WHITESPACE) {
        size_t before = w->text.len;
        precis_hbuf_put_text(&w->text, n->v.text.text, strlen(n->v.text.text), &w->space);
        if (w->in_link > 0)
            w->link_start_len += w->text.len - before;
        return false;
    }
    if (n->type != GUMBO_NODE_ELEMENT)
        return false; // comments, templates
    GumboTag t = n->v.element.tag;
    if (skipped_tag(t) || precis_html_hidden(n) || boilerplate_role(n))
        return false;
    if (is_block(t))
        flush(w);
    if (t == GUMBO_TAG_BR || t == GUMBO_TAG_HR || t == GUMBO_TAG_IMG)
        return false;
    int i = push_elem(w, n);
    if (i < 0)
        return false;
    if (w->strict && w->e[i].unlikely && t != GUMBO_TAG_BODY && t != GUMBO_TAG_ARTICLE &&
        t != GUMBO_TAG_MAIN) {
        w->n_e--; // Readability's first cut: not even a candidate
        return false;
    }
    w->cur = i;
    if (t == GUMBO_TAG_A && precis_html_attr(n, "href") != NULL)
        w->in_link++;
    return true;
}

static void leave(walker *w, const GumboNode *n)
{
    GumboTag t = n->v.element.tag;
    if (is_block(t))
        flush(w);
    if (t == GUMBO_TAG_A && precis_html_attr(n, "href") != NULL && w->in_link > 0)
        w->in_link--;
    if (w->cur >= 0)
        w->cur = w->e[w->cur].parent;
}

/* Turns the tree below 'root' into blocks; iterative (parent links), as pages nest deeply. */
static void walk(walker *w, const GumboNode *root)
{
    const GumboNode *n = root;
    for (;;) {
        if (w->oom)
            return;
        if (enter(w, n)) {
            if (n->v.element.children.length > 0) {
                n = n->v.element.children.data[0];
                continue;
            }
            leave(w, n);
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
            leave(w, n);
        }
    }
}

/* ---- scoring ----------------------------------------------------------------------------- */

static double tag_weight(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_DIV: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_SECTION: case GUMBO_TAG_MAIN:
        return 5;
    case GUMBO_TAG_PRE: case GUMBO_TAG_TD: case GUMBO_TAG_BLOCKQUOTE:
        return 3;
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_OL: case GUMBO_TAG_UL: case GUMBO_TAG_DL:
    case GUMBO_TAG_DD: case GUMBO_TAG_DT: case GUMBO_TAG_LI: case GUMBO_TAG_FORM:
        return -3;
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
    case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_TH:
        return -5;
    default:
        return 0;
    }
}

/* Tags whose own text counts as a paragraph for scoring (Readability scores p, pre, td and
 * divs holding text directly). */
static bool scores_text(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_P: case GUMBO_TAG_PRE: case GUMBO_TAG_TD: case GUMBO_TAG_DIV:
    case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_MAIN: case GUMBO_TAG_UNKNOWN: case GUMBO_TAG_SPAN: case GUMBO_TAG_FONT:
    case GUMBO_TAG_CENTER: case GUMBO_TAG_DD:
        return true;
    default:
        return false;
    }
}

static double link_density(const elem *e)
{
    return e->text_len ? (double)e->link_len / (double)e->text_len : 0;
}

static void credit(walker *w, int i, double points)
{
    elem *e = &w->e[i];
    if (!e->scored) {
        e->scored = true;
        e->score = tag_weight(e->tag) + e->hint;
    }
    e->score += points;
}

/* The nearest enclosing element that is a block (spans and links inside a paragraph give
 * their text to it). */
static int block_owner(const walker *w, int i)
{
    while (i >= 0 && !is_block(w->e[i].tag) && w->e[i].tag != GUMBO_TAG_SPAN &&
           w->e[i].tag != GUMBO_TAG_FONT)
        i = w->e[i].parent;
    return i;
}

/* The best container, or -1. */
static int best_container(walker *w)
{
    for (size_t k = 0; k < w->n_b; k++) {
        block *b = &w->b[k];
        int o = block_owner(w, b->owner);
        if (o < 0)
            continue;
        b->owner = o;
        elem *e = &w->e[o];
        e->text_len += b->len;
        e->link_len += b->link_len;
        e->commas += b->commas;
        e->n_blocks++;
        e->one_block = k;
    }
    // Totals of every element over what it holds: children come after their parents.
    for (size_t i = w->n_e; i-- > 1;) {
        elem *e = &w->e[i];
        if (e->parent >= 0) {
            elem *p = &w->e[e->parent];
            p->text_len += e->text_len;
            p->link_len += e->link_len;
            p->commas += e->commas;
            if (p->n_blocks == 0)
                p->one_block = e->one_block;
            p->n_blocks += e->n_blocks;
        }
    }
    for (size_t i = 1; i < w->n_e; i++) // parents come first
        if (w->e[i].parent >= 0 && w->e[w->e[i].parent].boiler)
            w->e[i].boiler = true;
    for (size_t k = 0; k < w->n_b; k++) {
        const block *b = &w->b[k];
        if (b->len < 25 || !scores_text(w->e[b->owner].tag) || w->e[b->owner].boiler)
            continue;
        if ((double)b->link_len > 0.5 * (double)b->len)
            continue;
        double points = 1 + (double)b->commas + (double)(b->len / 100 < 3 ? b->len / 100 : 3);
        int a = w->e[b->owner].parent;
        for (int level = 0; a >= 0 && level < 5; level++, a = w->e[a].parent)
            credit(w, a, points / (level == 0 ? 1 : level == 1 ? 2 : level * 3.0));
    }
    int top = -1;
    for (size_t i = 0; i < w->n_e; i++) {
        elem *e = &w->e[i];
        if (!e->scored)
            continue;
        e->score *= 1 - link_density(e);
        if (top < 0 || e->score > w->e[top].score)
            top = (int)i;
    }
    if (top < 0)
        return -1;
    // When other containers score nearly as well and share an ancestor with the best, the
    // article is split among them (a paragraph per container): take that ancestor. At most 16
    // rivals and 10 levels up, so that deeply nested pages stay linear.
    double best = w->e[top].score;
    int rivals[16];
    size_t n_rivals = 0;
    for (size_t i = 0; i < w->n_e && n_rivals < 16; i++)
        if (w->e[i].scored && (int)i != top && w->e[i].score >= 0.75 * best)
            rivals[n_rivals++] = (int)i;
    int level = 0;
    for (int a = w->e[top].parent; n_rivals >= 2 && a >= 0 && level < 10 &&
                                   w->e[a].tag != GUMBO_TAG_BODY;
         a = w->e[a].parent, level++) {
        int shared = 0;
        for (size_t r = 0; r < n_rivals; r++) {
            int u = w->e[rivals[r]].parent;
            for (int up = 0; u >= 0 && u != a && up < 12; up++)
                u = w->e[u].parent;
            shared += u == a;
        }
        if (shared >= 2) {
            top = a;
            break;
        }
    }
    // A container that is its parent's only content is the same article.
    while (w->e[top].parent >= 0) {
        const elem *p = &w->e[w->e[top].parent];
        if (p->tag == GUMBO_TAG_BODY || p->text_len != w->e[top].text_len)
            break;
        top = w->e[top].parent;
    }
    return top;
}

/* ---- what is kept ------------------------------------------------------------------------ */

static bool is_list(GumboTag t)
{
    return t == GUMBO_TAG_UL || t == GUMBO_TAG_OL || t == GUMBO_TAG_DL || t == GUMBO_TAG_TABLE;
}

/* True when the containers between block 'b' and the kept root 'root' look like boilerplate
 * (Readability's conditional cleaning, simplified): named like it and holding little of the
 * article, or lists and tables made mostly of links. */
static bool dropped_by_container(const walker *w, const block *b, int root, size_t root_len)
{
    if (w->e[b->owner].boiler && !w->e[root].boiler)
        return true;
    for (int i = b->owner; i >= 0 && i != root; i = w->e[i].parent) {
        const elem *e = &w->e[i];
        double ld = link_density(e);
        if (e->hint < 0 && (double)e->text_len < 0.5 * (double)root_len)
            return true;
        if (is_list(e->tag) && ld > 0.5)
            return true;
        if ((e->tag == GUMBO_TAG_DIV || e->tag == GUMBO_TAG_SECTION || is_list(e->tag)) &&
            e->commas < 10 && ld > (e->hint > 0 ? 0.5 : 0.33) && e->text_len > 0)
            return true;
    }
    return false;
}

/* A block that labels an ad slot rather than saying anything. (Short lines in capitals, "DON'T
 * MISS", were tried too: the benchmark's truth keeps as many of them as it drops.) */
static bool is_label(const char *s, size_t len)
{
    static const char *const labels[] = {"advertisement", "advert", "ad", "ads", "sponsored",
                                         "sponsored content", "promoted", "paid content"};
    if (len > 40)
        return false;
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
        if (strlen(labels[i]) == len && strncasecmp(s, labels[i], len) == 0)
            return true;
    return false;
}

/* Same text, ignoring case and space, or one holding the other ("Headline | Site"). */
static bool is_title(const char *s, size_t len, const char *title)
{
    if (title == NULL || len == 0)
        return false;
    size_t tl = strlen(title);
    if (tl == len && strncasecmp(s, title, len) == 0)
        return true;
    if (len >= 20 && len < tl) {
        for (size_t i = 0; i + len <= tl; i++)
            if (strncasecmp(title + i, s, len) == 0)
                return true;
    }
    return false;
}

/* The kept roots: the best container and its siblings that score close to it, or that are
 * paragraphs of their own with little link text (Readability's sibling step; a paragraph may be
 * a <div> holding only text, as page builders write them). A sibling <article> is another
 * article (a list of posts), never more of this one. */
static size_t kept_roots(const walker *w, int top, int *roots, size_t cap)
{
    size_t n = 0;
    roots[n++] = top;
    int parent = w->e[top].parent;
    if (parent < 0)
        return n;
    double threshold = w->e[top].score * 0.2 > 10 ? w->e[top].score * 0.2 : 10;
    for (size_t i = (size_t)parent + 1; i < w->n_e && n < cap; i++) {
        const elem *e = &w->e[i];
        if (e->parent != parent || (int)i == top || e->tag == GUMBO_TAG_ARTICLE)
            continue;
        if (e->boiler)
            continue;
        bool keep = e->scored && e->score >= threshold;
        double ld = link_density(e);
        bool para = e->tag == GUMBO_TAG_P ||
                    (e->n_blocks == 1 && (e->tag == GUMBO_TAG_DIV || e->tag == GUMBO_TAG_SECTION ||
                                          e->tag == GUMBO_TAG_SPAN));
        if (!keep && para) {
            const block *b = &w->b[e->one_block];
            const char *end = w->text.data + b->off + b->len;
            bool sentence = b->len > 0 && (end[-1] == '.' || end[-1] == '!' || end[-1] == '?' ||
                                           end[-1] == '"');
            keep = (e->text_len > 80 && ld < 0.25) ||
                   (e->text_len > 0 && e->text_len <= 80 && ld == 0 && sentence);
        }
        if (keep && e->hint >= 0)
            roots[n++] = (int)i;
    }
    return n;
}

/* One pass: blocks of the page, best container, kept blocks into 'out'. Returns the length of
 * text kept. */
static size_t extract_pass(const GumboNode *body, bool strict, const char *title,
                           precis_hbuf *out)
{
    walker w = {.cur = -1, .space = true, .strict = strict};
    walk(&w, body);
    flush(&w);
    size_t kept = 0;
    if (w.oom || w.text.oom) {
        out->oom = true;
        goto done;
    }
    int top = best_container(&w);
    if (top < 0 && w.n_e > 0)
        top = 0; // no paragraph long enough to score: the whole body, less its boilerplate
    if (top < 0)
        goto done;
    int roots[64];
    size_t n_roots = kept_roots(&w, top, roots, sizeof roots / sizeof roots[0]);
    // Each element's kept root, or -1: parents come before their children.
    int *root_of = precis_malloc((w.n_e ? w.n_e : 1) * sizeof *root_of);
    if (root_of == NULL) {
        out->oom = true;
        goto done;
    }
    for (size_t i = 0; i < w.n_e; i++) {
        root_of[i] = w.e[i].parent >= 0 ? root_of[w.e[i].parent] : -1;
        for (size_t r = 0; r < n_roots; r++)
            if (roots[r] == (int)i)
                root_of[i] = (int)i;
    }
    bool title_seen = false;
    for (size_t k = 0; k < w.n_b; k++) {
        const block *b = &w.b[k];
        int root = root_of[b->owner];
        if (root < 0)
            continue;
        if (dropped_by_container(&w, b, root, w.e[root].text_len))
            continue;
        const char *s = w.text.data + b->off;
        GumboTag t = w.e[b->owner].tag;
        if ((double)b->link_len > 0.5 * (double)b->len)
            continue; // a link, or a line of links
        if (is_label(s, b->len))
            continue;
        if (!title_seen && (t == GUMBO_TAG_H1 || is_title(s, b->len, title))) {
            title_seen = true; // the headline: the caller shows it apart
            continue;
        }
        if (out->len > 0)
            precis_hbuf_put(out, "\n\n", 2);
        precis_hbuf_put(out, s, b->len);
        kept += b->len;
    }
    free(root_of);
done:
    free(w.e);
    free(w.b);
    precis_hbuf_free(&w.text);
    return kept;
}

static const GumboNode *find_body(const GumboNode *root)
{
    if (root == NULL || root->type != GUMBO_NODE_ELEMENT)
        return root;
    const GumboVector *c = &root->v.element.children;
    for (size_t i = 0; i < c->length; i++) {
        const GumboNode *n = c->data[i];
        if (n->type == GUMBO_NODE_ELEMENT && n->v.element.tag == GUMBO_TAG_BODY)
            return n;
    }
    return root;
}

void precis_extract_body(const precis_html *h, const char *title, precis_hbuf *body)
{
    const GumboNode *root = find_body(h->out->root);
    precis_hbuf strict = {0};
    size_t kept = extract_pass(root, true, title, &strict);
    // Too little for an article: the first cut may have removed it (a container named
    // "comments-enabled"); read again without it and keep the longer.
    if (kept < 500 && !strict.oom) {
        precis_hbuf loose = {0};
        size_t kept2 = extract_pass(root, false, title, &loose);
        if (kept2 > kept || loose.oom) {
            precis_hbuf_free(&strict);
            strict = loose;
        } else {
            precis_hbuf_free(&loose);
        }
    }
    if (strict.oom) {
        body->oom = true;
        precis_hbuf_free(&strict);
        return;
    }
    precis_hbuf_put(body, strict.data ? strict.data : "", strict.len);
    precis_hbuf_free(&strict);
}
