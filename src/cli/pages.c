/* Web pages and Markdown as documents of the summary: each input is read as --input says (auto:
 * by its content); a page's article becomes the document's text, its headline the first line,
 * its date the document's date, and its title, site, author and URL are kept for the JSON
 * output, --explain and the HTML report's source list. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <precis.h>

#include "cli.h"

/* The inputs of this run, for the output formats (the program is single-threaded and summarizes
 * one corpus per run). */
static const precis_cli_paths *registered;

void precis_cli_pages_register(const precis_cli_paths *files)
{
    registered = files;
}

const precis_page *precis_cli_page(const precis_cli_paths *files, size_t doc)
{
    if (files == NULL || files->pages == NULL || doc >= files->n_pages)
        return NULL;
    return files->pages[doc];
}

precis_input precis_cli_input_of(const char *name, const char *data, size_t len,
                                 precis_input forced)
{
    if (forced != PRECIS_INPUT_AUTO)
        return forced;
    precis_input k = precis_input_detect(data, len);
    size_t n = strlen(name);
    // Markdown reads as text too, so only its usual file names say "Markdown".
    if (k == PRECIS_INPUT_TEXT && ((n > 3 && strcmp(name + n - 3, ".md") == 0) ||
                                   (n > 9 && strcmp(name + n - 9, ".markdown") == 0)))
        k = PRECIS_INPUT_MARKDOWN;
    return k;
}

int precis_cli_add_page(precis_corpus *corpus, const char *name, const char *data, size_t len,
                        precis_cli_paths *files)
{
    precis_input kind = precis_cli_input_of(name, data, len, files->input);
    if (kind == PRECIS_INPUT_TEXT)
        return -1;
    size_t doc = precis_corpus_count(corpus);
    if (doc >= files->n_pages) {
        size_t cap = files->n > doc + 1 ? files->n : doc + 1;
        precis_page **p = realloc(files->pages, cap * sizeof *p);
        if (p == NULL) {
            precis_cli_error("out of memory\n");
            return EXIT_INTERNAL;
        }
        for (size_t i = files->n_pages; i < cap; i++)
            p[i] = NULL;
        files->pages = p;
        files->n_pages = cap;
    }
    precis_page *page = NULL;
    precis_status st = precis_page_read(data, len, kind, &page);
    if (st != PRECIS_OK) {
        precis_cli_error("%s: %s\n", name,
                         st == PRECIS_ERR_EMPTY ? "no article text found in the page"
                                                : precis_strerror(st));
        return st == PRECIS_ERR_NOMEM ? EXIT_INTERNAL : 1;
    }
    if (page->truncated)
        precis_cli_error("%s: elements nested more than 4,096 deep; the rest of the page "
                        "was left out\n", name);
    // The headline as the document's first line, apart: the filter takes it as the headline.
    size_t tl = page->title ? strlen(page->title) : 0;
    char *text = malloc(tl + 2 + page->text_len + 1);
    if (text == NULL) {
        precis_page_free(page);
        precis_cli_error("out of memory\n");
        return EXIT_INTERNAL;
    }
    size_t n = 0;
    if (tl > 0) {
        memcpy(text, page->title, tl);
        memcpy(text + tl, "\n\n", 2);
        n = tl + 2;
    }
    memcpy(text + n, page->text, page->text_len);
    n += page->text_len;
    text[n] = '\0';
    st = precis_corpus_add(corpus, name, text, n);
    free(text);
    if (st == PRECIS_OK && page->date != NULL)
        st = precis_corpus_set_date(corpus, doc, page->date);
    if (st != PRECIS_OK) {
        const char *detail = precis_corpus_error(corpus);
        precis_cli_error("%s: %s\n", name, *detail ? detail : precis_strerror(st));
        precis_page_free(page);
        return st == PRECIS_ERR_NOMEM ? EXIT_INTERNAL : 1;
    }
    files->pages[doc] = page;
    return 0;
}

void precis_cli_pages_free(precis_cli_paths *files)
{
    for (size_t i = 0; i < files->n_pages; i++)
        precis_page_free(files->pages[i]);
    free(files->pages);
    files->pages = NULL;
    files->n_pages = 0;
}

void precis_cli_explain_pages(const precis_cli_paths *files)
{
    for (size_t i = 0; i < files->n; i++) {
        const precis_page *p = precis_cli_page(files, i);
        if (p == NULL)
            continue;
        // One line composed first, then escaped as a whole: titles and names are quoted input.
        char *line = NULL;
        size_t cap = 0;
        FILE *m = open_memstream(&line, &cap);
        if (m == NULL)
            return;
        fprintf(m, "%s: page \"%s\"", files->v[i], p->title ? p->title : "");
        if (p->site)
            fprintf(m, ", %s", p->site);
        if (p->author)
            fprintf(m, ", by %s", p->author);
        if (p->date)
            fprintf(m, ", dated %s", p->date);
        if (p->url)
            fprintf(m, ", %s", p->url);
        fprintf(m, " (%zu bytes of article text%s%s)", p->text_len, p->charset ? " from " : "",
                p->charset ? p->charset : "");
        if (fclose(m) == 0)
            precis_cli_error("%s", line);
        free(line);
    }
}

const char *precis_cli_page_date_origin(size_t doc, const char *date)
{
    const precis_page *p = precis_cli_page(registered, doc);
    // The library holds the date as given, canonical; --date may have replaced the page's.
    if (p == NULL || p->date == NULL || date == NULL || strcmp(p->date, date) != 0)
        return NULL;
    return "from the page";
}

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

int precis_cli_json_print_pages(FILE *out, const precis_summary *s, const precis_options *opt)
{
    bool any = false;
    for (size_t i = 0; registered != NULL && i < registered->n_pages && !any; i++)
        any = registered->pages[i] != NULL;
    if (!any)
        return precis_cli_json_print(out, s, opt);
    json_t *root = precis_cli_json_result(s, opt);
    if (root == NULL)
        return -1;
    json_t *docs = json_object_get(json_object_get(root, "corpus"), "documents");
    for (size_t i = 0; i < json_array_size(docs); i++) {
        const precis_page *p = precis_cli_page(registered, i);
        if (p == NULL)
            continue;
        json_t *o = json_object();
        if (o == NULL || json_object_set_new(json_array_get(docs, i), "page", o) != 0) {
            json_decref(root);
            return -1;
        }
        json_object_set_new(o, "title", str_or_null(p->title));
        json_object_set_new(o, "site", str_or_null(p->site));
        json_object_set_new(o, "author", str_or_null(p->author));
        json_object_set_new(o, "date", str_or_null(p->date));
        json_object_set_new(o, "url", str_or_null(p->url));
    }
    int rc = json_dumpf(root, out,
                        JSON_INDENT(2) | JSON_PRESERVE_ORDER |
                            JSON_REAL_PRECISION(PRECIS_CLI_JSON_DIGITS));
    json_decref(root);
    if (rc == 0)
        fputc('\n', out);
    return 0;
}

/* Writes 'n' bytes of 's' with HTML's special characters escaped. */
static void esc(FILE *out, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '&': fputs("&amp;", out); break;
        case '"': fputs("&quot;", out); break;
        default: fputc(*s, out);
        }
    }
}

bool precis_cli_html_source(FILE *out, size_t doc)
{
    const precis_page *p = precis_cli_page(registered, doc);
    if (p == NULL || (p->site == NULL && p->date == NULL && p->url == NULL))
        return false;
    const char *sep = "";
    if (p->site) {
        esc(out, p->site);
        sep = " &middot; ";
    }
    if (p->author) {
        fputs(sep, out);
        esc(out, p->author);
        sep = " &middot; ";
    }
    if (p->date) {
        fputs(sep, out);
        esc(out, p->date);
        sep = " &middot; ";
    }
    if (p->url && (strncmp(p->url, "http://", 7) == 0 || strncmp(p->url, "https://", 8) == 0)) {
        fputs(sep, out);
        fputs("<a href=\"", out);
        esc(out, p->url);
        fputs("\" rel=\"noopener noreferrer\">original</a>", out);
    }
    return true;
}
