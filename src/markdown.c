/* Markdown in: CommonMark (libcmark) -> the text of its paragraphs, headings, list items and
 * block quotes, one per paragraph. Code blocks, HTML, images, link targets, emphasis markers
 * and table syntax never reach the text. */
#include <stdlib.h>
#include <string.h>

#include <cmark.h>

#include "page.h"
#include "internal.h"

/* A paragraph that is a pipe table (GitHub's extension; CommonMark reads it as a paragraph):
 * a line of only '|', ':', '-' and spaces with at least one '-' and one '|'. */
static bool is_table(const char *src, size_t len, int start_line, int end_line)
{
    int line = 1;
    const char *p = src, *end = src + len;
    while (p < end && line < start_line) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (nl == NULL)
            return false;
        p = nl + 1;
        line++;
    }
    for (; p < end && line <= end_line; line++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        bool dash = false, pipe = false, only = true;
        for (const char *q = p; q < le && only; q++) {
            if (*q == '-')
                dash = true;
            else if (*q == '|')
                pipe = true;
            else if (*q != ':' && *q != ' ' && *q != '\t' && *q != '\r')
                only = false;
        }
        if (only && dash && pipe)
            return true;
        if (nl == NULL)
            break;
        p = nl + 1;
    }
    return false;
}

bool precis_markdown_text(const char *src, size_t len, precis_hbuf *out, char **title)
{
    *title = NULL;
    cmark_node *doc = cmark_parse_document(src, len, CMARK_OPT_DEFAULT);
    if (doc == NULL)
        return false;
    cmark_iter *it = cmark_iter_new(doc);
    if (it == NULL) {
        cmark_node_free(doc);
        return false;
    }
    precis_hbuf block = {0};
    bool space = true, first_block = true, ok = true;
    int skip = 0; // inside an image: its alt text is not the article's
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        cmark_node_type t = cmark_node_get_type(n);
        if (t == CMARK_NODE_IMAGE) {
            skip += ev == CMARK_EVENT_ENTER ? 1 : -1;
            continue;
        }
        if (skip > 0)
            continue;
        bool is_text_block = t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING;
        if (is_text_block && ev == CMARK_EVENT_ENTER) {
            block.len = 0;
            space = true;
        } else if (is_text_block && ev == CMARK_EVENT_EXIT) {
            precis_hbuf_rtrim(&block);
            bool table = t == CMARK_NODE_PARAGRAPH &&
                         is_table(src, len, cmark_node_get_start_line(n),
                                  cmark_node_get_end_line(n));
            if (block.len > 0 && !table) {
                if (first_block && t == CMARK_NODE_HEADING &&
                    cmark_node_parent(n) == doc) {
                    *title = precis_strdup(block.data);
                    if (*title == NULL)
                        ok = false;
                } else {
                    if (out->len > 0)
                        precis_hbuf_put(out, "\n\n", 2);
                    precis_hbuf_put(out, block.data, block.len);
                }
            }
            if (block.len > 0 || table)
                first_block = false;
        } else if (ev == CMARK_EVENT_ENTER &&
                   (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE)) {
            const char *lit = cmark_node_get_literal(n);
            if (lit != NULL)
                precis_hbuf_put_text(&block, lit, strlen(lit), &space);
        } else if (ev == CMARK_EVENT_ENTER &&
                   (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK)) {
            precis_hbuf_put_text(&block, " ", 1, &space);
        } else if (t == CMARK_NODE_CODE_BLOCK || t == CMARK_NODE_HTML_BLOCK) {
            first_block = false;
        }
    }
    cmark_iter_free(it);
    cmark_node_free(doc);
    if (block.oom || out->oom)
        ok = false;
    precis_hbuf_free(&block);
    if (!ok) {
        free(*title);
        *title = NULL;
    }
    return ok;
}
