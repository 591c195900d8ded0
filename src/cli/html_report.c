/* --format html: a summary and its trace -> one self-contained HTML report: the summary with
 * "k of N sources" per sentence, the keywords, then every source document with its chosen
 * sentences and their near-duplicates marked and linked both ways, and a strip per document
 * with one cell per sentence shaded by score. No script, font or network: a Content Security
 * Policy forbids them, and every piece of input text is escaped. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <precis.h>

#include "cli.h"

/* Writes 'len' bytes of 's' as HTML text or attribute value. */
static void esc(FILE *out, const char *s, size_t len)
{
    size_t from = 0;
    for (size_t i = 0; i < len; i++) {
        const char *r = NULL;
        switch (s[i]) {
        case '&': r = "&amp;"; break;
        case '<': r = "&lt;"; break;
        case '>': r = "&gt;"; break;
        case '"': r = "&quot;"; break;
        case '\'': r = "&#39;"; break;
        default: continue;
        }
        fwrite(s + from, 1, i - from, out);
        fputs(r, out);
        from = i + 1;
    }
    fwrite(s + from, 1, len - from, out);
}

static void esc0(FILE *out, const char *s) { esc(out, s, strlen(s)); }

/* A summary sentence or one it absorbed, found by its place in the corpus. */
typedef struct mark {
    size_t doc, index;
    size_t sum;  // the summary sentence (output order)
    bool chosen; // the sentence itself, else a supporting near-duplicate
    double sim;
} mark;

static int cmp_mark(const void *a, const void *b)
{
    const mark *x = a, *y = b;
    if (x->doc != y->doc)
        return x->doc < y->doc ? -1 : 1;
    return (x->index > y->index) - (x->index < y->index);
}

/* Distinct documents saying what summary sentence 't' says: its own and its supporters'. */
static size_t sources(const precis_sentence *t, size_t n_docs, unsigned char *seen)
{
    memset(seen, 0, n_docs);
    size_t k = 0;
    seen[t->doc] = 1;
    k++;
    for (size_t q = 0; q < t->n_support; q++)
        if (!seen[t->support[q].doc]) {
            seen[t->support[q].doc] = 1;
            k++;
        }
    return k;
}

static const char style[] =
    ":root{color-scheme:light dark;--bg:#fdfdfb;--fg:#1d1d1f;--muted:#6b6b70;--line:#d9d9de;"
    "--chosen:#ffe58a;--chosen-fg:#1d1d1f;--support:#cfe3ff;--cell:#3a6fd8;--pick:#d08a00;"
    "--link:#1f5fbf}\n"
    "@media (prefers-color-scheme:dark){:root{--bg:#17181b;--fg:#e8e8ea;--muted:#9a9aa2;"
    "--line:#34353a;--chosen:#6b5610;--chosen-fg:#fff6d5;--support:#1f3a60;--cell:#8fb4ff;"
    "--pick:#ffc94d;--link:#8fb4ff}}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.55 system-ui,-apple-system,"
    "'Segoe UI',sans-serif}\n"
    "main{max-width:52rem;margin:0 auto;padding:1rem}\n"
    "h1{font-size:1.5rem;margin:.5rem 0}h2{font-size:1.2rem;margin:1.5rem 0 .5rem;"
    "border-bottom:1px solid var(--line)}h3{font-size:1.05rem;margin:0 0 .25rem}\n"
    "a{color:var(--link)}.meta{color:var(--muted);font-size:.85rem;margin:.1rem 0 .5rem;"
    "overflow-wrap:anywhere}\n"
    "ol.summary{padding-left:1.5rem}ol.summary li{margin:0 0 .8rem}\n"
    ".sources{display:inline-block;font-size:.8rem;color:var(--muted);margin-left:.3rem}\n"
    ".sources a{margin-left:.25rem}\n"
    "ul.keywords{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.4rem}\n"
    "ul.keywords li{border:1px solid var(--line);border-radius:1rem;padding:.05rem .6rem;"
    "font-size:.9rem}\n"
    "article{border:1px solid var(--line);border-radius:.5rem;padding:.75rem;margin:0 0 1rem}\n"
    ".doc{margin:.5rem 0 0}.doc p{margin:0 0 .6rem}\n"
    ".sent{padding:.05rem .1rem;border-radius:.2rem}\n"
    ".sent.chosen{background:var(--chosen);color:var(--chosen-fg)}\n"
    ".sent.support{background:var(--support);text-decoration:underline dotted}\n"
    ".sent.dropped{color:var(--muted)}\n"
    ".sent a.back{font-size:.75rem;text-decoration:none;margin-left:.2rem}\n"
    ":target{outline:2px solid var(--pick);outline-offset:2px}\n"
    "svg.strip{display:block;width:100%;height:14px;border:1px solid var(--line)}\n"
    "svg.strip rect{fill:var(--cell)}svg.strip rect.pick{fill:var(--pick)}\n"
    "svg.strip rect.drop{fill:var(--line)}\n"
    ".legend span{display:inline-block;padding:0 .4rem;margin-right:.4rem;border-radius:.2rem}\n"
    "@media (max-width:30rem){body{font-size:15px}main{padding:.6rem}"
    "ol.summary{padding-left:1.1rem}}\n";

/* What the report needs besides the summary: every summary sentence and near-duplicate as a
 * mark sorted by place (to find a sentence's mark while walking a document), each document's
 * best score (to shade its strip), and room for sources(). */
typedef struct report {
    const precis_summary *s;
    size_t n_docs;
    mark *marks;
    size_t n_marks;
    double *best;
    unsigned char *seen;
} report;

static void report_destroy(report *r)
{
    free(r->marks);
    free(r->best);
    free(r->seen);
}

/* Returns false when out of memory. */
static bool report_init(report *r, const precis_summary *s)
{
    size_t n_docs = precis_summary_document_count(s), k = precis_summary_count(s);
    size_t n_marks = k;
    for (size_t j = 0; j < k; j++)
        n_marks += precis_summary_sentence(s, j)->n_support;
    *r = (report){.s = s, .n_docs = n_docs};
    r->marks = malloc((n_marks ? n_marks : 1) * sizeof *r->marks);
    r->seen = malloc(n_docs ? n_docs : 1);
    r->best = calloc(n_docs ? n_docs : 1, sizeof *r->best);
    if (r->marks == NULL || r->seen == NULL || r->best == NULL) {
        report_destroy(r);
        return false;
    }
    for (size_t j = 0; j < k; j++) {
        const precis_sentence *t = precis_summary_sentence(s, j);
        r->marks[r->n_marks++] = (mark){t->doc, t->index, j, true, 1.0};
        for (size_t q = 0; q < t->n_support; q++)
            r->marks[r->n_marks++] =
                (mark){t->support[q].doc, t->support[q].index, j, false, t->support[q].similarity};
    }
    qsort(r->marks, r->n_marks, sizeof *r->marks, cmp_mark);
    for (size_t i = 0; i < precis_summary_trace_count(s); i++) {
        const precis_trace *t = precis_summary_trace(s, i);
        if (t->dropped == NULL && t->score > r->best[t->doc])
            r->best[t->doc] = t->score;
    }
    return true;
}

/* From <!DOCTYPE> to the end of the page's header. */
static void print_head(FILE *out, const report *r, const precis_options *opt)
{
    size_t n_docs = r->n_docs, k = precis_summary_count(r->s);
    fputs("<!DOCTYPE html>\n<html lang=\"", out);
    esc0(out, opt->language ? opt->language : "en");
    fputs("\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
          "style-src 'unsafe-inline'\">\n"
          "<meta name=\"generator\" content=\"precis " PRECIS_VERSION "\">\n",
          out);
    fprintf(out, "<title>Summary of %zu document%s</title>\n<style>\n%s</style>\n</head>\n", n_docs,
            n_docs == 1 ? "" : "s", style);
    fprintf(out,
            "<body>\n<main>\n<header>\n<h1>Summary</h1>\n<p class=\"meta\">%zu sentence%s "
            "from %zu document%s (%zu sentences, %zu candidates). "
            "<span class=\"legend\"><span class=\"sent chosen\">chosen</span>"
            "<span class=\"sent support\">says the same</span></span></p>\n</header>\n",
            k, k == 1 ? "" : "s", n_docs, n_docs == 1 ? "" : "s",
            precis_summary_corpus_sentences(r->s), precis_summary_candidates(r->s));
    if (opt->query != NULL) { // the question the summary answers, or why it could not
        precis_query_status qs = precis_summary_query_status(r->s);
        fputs("<p class=\"query\">Query: <q>", out);
        esc0(out, opt->query);
        fputs("</q>", out);
        if (qs != PRECIS_QUERY_USED) {
            fputs(" &mdash; not used: ", out);
            esc0(out, precis_query_problem(qs));
            fputs("; the summary is the generic one", out);
        }
        fputs("</p>\n", out);
    }
}

/* A summary sentence, its query words (if any) in <mark>. */
static void print_marked(FILE *out, const precis_sentence *t)
{
    size_t at = 0;
    for (size_t q = 0; q < t->n_query_words; q++) {
        size_t off = t->query_words[2 * q], len = t->query_words[2 * q + 1];
        if (off < at || off + len > t->text_len)
            continue;
        esc(out, t->text + at, off - at);
        fputs("<mark>", out);
        esc(out, t->text + off, len);
        fputs("</mark>", out);
        at = off + len;
    }
    esc(out, t->text + at, t->text_len - at);
}

/* The summary, each sentence with links to the documents that say it. */
static void print_summary_list(FILE *out, const report *r)
{
    fputs("<section id=\"summary\">\n<ol class=\"summary\">\n", out);
    for (size_t j = 0; j < precis_summary_count(r->s); j++) {
        const precis_sentence *t = precis_summary_sentence(r->s, j);
        const precis_document *d = precis_summary_document(r->s, t->doc);
        fprintf(out, "<li id=\"s%zu\" data-doc=\"%zu\" data-index=\"%zu\"><span class=\"text\">", j,
                t->doc, t->index);
        print_marked(out, t);
        fprintf(out,
                "</span> <span class=\"sources\" title=\"documents that say this\">%zu of "
                "%zu sources: <a href=\"#d%zu-%zu\" title=\"",
                sources(t, r->n_docs, r->seen), r->n_docs, t->doc, t->index);
        esc0(out, d->name);
        fprintf(out, "\">[%zu]</a>", t->doc + 1);
        for (size_t q = 0; q < t->n_support; q++)
            fprintf(out, "<a class=\"also\" href=\"#d%zu-%zu\" title=\"%s %.2f\">[%zu]</a>",
                    t->support[q].doc, t->support[q].index,
                    t->support[q].restates > 0 ? "restates it, share" : "cosine",
                    t->support[q].restates > 0 ? t->support[q].restates : t->support[q].similarity,
                    t->support[q].doc + 1);
        fputs("</span></li>\n", out);
    }
    fputs("</ol>\n</section>\n", out);
}

static void print_keywords(FILE *out, const precis_summary *s)
{
    size_t n_kw = precis_summary_keyword_count(s);
    if (n_kw == 0)
        return;
    fputs("<section id=\"keywords\">\n<h2>Keywords</h2>\n<ul class=\"keywords\">\n", out);
    for (size_t i = 0; i < n_kw; i++) {
        const precis_keyword *kw = precis_summary_keyword(s, i);
        fputs("<li>", out);
        esc(out, kw->text, kw->text_len);
        fputs("</li>\n", out);
    }
    fputs("</ul>\n</section>\n", out);
}

/* The strip of document 'dn', whose sentences are traces [first, end): one cell per sentence,
 * darker for a higher score; chosen ones stand out. */
static void print_strip(FILE *out, const report *r, size_t dn, size_t first, size_t end)
{
    fprintf(out,
            "<svg class=\"strip\" role=\"img\" viewBox=\"0 0 %zu 1\" "
            "preserveAspectRatio=\"none\" xmlns=\"http://www.w3.org/2000/svg\">"
            "<title>score of each sentence</title>\n",
            end - first ? end - first : 1);
    for (size_t q = first; q < end; q++) {
        const precis_trace *t = precis_summary_trace(r->s, q);
        double shade = t->dropped || r->best[dn] <= 0 ? 1.0 : 0.12 + 0.88 * t->score / r->best[dn];
        fprintf(out,
                "<a href=\"#d%zu-%zu\"><rect class=\"%s\" x=\"%zu\" y=\"0\" "
                "width=\"1\" height=\"1\" fill-opacity=\"%.3f\"></rect></a>",
                dn, t->index,
                t->dropped  ? "drop"
                : t->chosen ? "pick"
                            : "cell",
                q - first, shade);
    }
    fputs("\n</svg>\n", out);
}

/* One sentence of document 'dn' in its text, marked when it is in the summary ('mk' chosen)
 * or says the same as a summary sentence ('mk' not chosen). */
static void print_sentence(FILE *out, size_t dn, const precis_trace *t, const mark *mk)
{
    const char *cls = mk == NULL   ? (t->dropped ? "sent dropped" : "sent")
                      : mk->chosen ? "sent chosen"
                                   : "sent support";
    fprintf(out, "<span id=\"d%zu-%zu\" class=\"%s\"", dn, t->index, cls);
    if (mk != NULL)
        fprintf(out, " data-summary=\"s%zu\"", mk->sum);
    if (t->dropped) {
        fputs(" title=\"dropped: ", out);
        esc0(out, t->dropped);
        fputs("\">", out);
    } else {
        fprintf(out, " title=\"score %.5f, rank %zu\">", t->score, t->rank);
    }
    esc0(out, t->text);
    if (mk != NULL && mk->chosen)
        fprintf(out,
                "<a class=\"back\" href=\"#s%zu\" title=\"in the summary\">"
                "&#8593;%zu</a>",
                mk->sum, mk->sum + 1);
    else if (mk != NULL)
        fprintf(out,
                "<a class=\"back\" href=\"#s%zu\" title=\"says the same as summary "
                "sentence %zu (cosine %.2f)\">&#8776;%zu</a>",
                mk->sum, mk->sum + 1, mk->sim, mk->sum + 1);
    fputs("</span>\n", out);
}

/* Document 'dn', whose sentences are traces [first, end): its heading, strip and text.
 * '*mi' walks the sorted marks along with the documents. */
static void print_document(FILE *out, const report *r, size_t dn, size_t first, size_t end,
                           size_t *mi)
{
    const precis_document *d = precis_summary_document(r->s, dn);
    fprintf(out, "<article id=\"d%zu\">\n<h3>[%zu] ", dn, dn + 1);
    // without a headline, the file's own name
    esc0(out, d->title ? d->title : precis_cli_base_name(d->name));
    fputs("</h3>\n<p class=\"meta\">", out);
    if (!precis_cli_html_source(out, dn)) // a web page: outlet, author, date, link
        esc0(out, d->name);
    fprintf(out, " &middot; %zu sentences, %zu candidates</p>\n", d->n_sentences, d->n_candidates);
    print_strip(out, r, dn, first, end);
    fputs("<div class=\"doc\">\n<p>", out);
    for (size_t q = first; q < end; q++) {
        const precis_trace *t = precis_summary_trace(r->s, q);
        if (q > first && t->paragraph != precis_summary_trace(r->s, q - 1)->paragraph)
            fputs("</p>\n<p>", out);
        const mark *m = r->marks;
        while (*mi < r->n_marks &&
               (m[*mi].doc < dn || (m[*mi].doc == dn && m[*mi].index < t->index)))
            (*mi)++;
        const mark *mk =
            *mi < r->n_marks && m[*mi].doc == dn && m[*mi].index == t->index ? &m[*mi] : NULL;
        print_sentence(out, dn, t, mk);
    }
    fputs("</p>\n</div>\n</article>\n", out);
}

int precis_cli_html_print(FILE *out, const precis_summary *s, const precis_options *opt)
{
    report r;
    if (!report_init(&r, s))
        return -1;
    print_head(out, &r, opt);
    print_summary_list(out, &r);
    print_keywords(out, s);
    fputs("<section id=\"sources-list\">\n<h2>Sources</h2>\n", out);
    size_t n_trace = precis_summary_trace_count(s), i = 0, mi = 0;
    for (size_t dn = 0; dn < r.n_docs; dn++) {
        size_t first = i; // the trace lists each document's sentences together, in order
        while (i < n_trace && precis_summary_trace(s, i)->doc == dn)
            i++;
        print_document(out, &r, dn, first, i, &mi);
    }
    fputs("</section>\n</main>\n</body>\n</html>\n", out);
    report_destroy(&r);
    return 0;
}
