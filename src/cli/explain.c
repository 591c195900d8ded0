/* --explain: a summary's trace -> on stderr, each document's language and date, the order
 * applied, the fate of every sentence (kept, dropped by which rule, chosen or skipped and why),
 * then the ten best-ranked candidates. */
#include <stdio.h>
#include <string.h>

#include <precis.h>

#include "cli.h"

/* Why candidate 't' is not in the summary. */
static void print_skip(const precis_summary *s, const precis_trace *t, char *const *names)
{
    const precis_trace *d =
        t->skipped == PRECIS_SKIP_DUPLICATE || t->skipped == PRECIS_SKIP_RESTATES
            ? precis_summary_trace(s, t->duplicate_of)
            : NULL;
    if (d != NULL && t->skipped == PRECIS_SKIP_DUPLICATE)
        fprintf(stderr, "duplicate of %s:%zu (cosine %.2f)", names[d->doc], d->index,
                t->similarity);
    else if (d != NULL)
        fprintf(stderr, "restates %s:%zu (%.0f%% of its content there)", names[d->doc], d->index,
                100 * t->similarity);
    else if (t->skipped == PRECIS_SKIP_BUDGET)
        fputs("did not fit the budget", stderr);
    else if (t->skipped == PRECIS_SKIP_SHORT)
        fputs("shorter than --min-words", stderr);
    else if (t->skipped == PRECIS_SKIP_QUESTION)
        fputs("a question or interview marker", stderr);
    else if (t->skipped == PRECIS_SKIP_POINTS_BACK)
        fputs("points back to a sentence not in the summary", stderr);
    else if (t->skipped == PRECIS_SKIP_WEAK)
        fputs("too weak to fill the rest of the budget", stderr);
    else
        fputs("not reached", stderr);
}

/* Each document's language. */
static void explain_languages(const precis_summary *s, size_t n_docs, char *const *names)
{
    for (size_t d = 0; d < n_docs; d++) {
        const char *code = precis_summary_document_language(s, d);
        fprintf(stderr, "precis: %s: language %s\n", names[d], code ? code : "?");
    }
}

/* Each document's date and where it came from, then the order applied. */
static void explain_dates(const precis_summary *s, char *const *names)
{
    size_t n = precis_summary_document_count(s), undated = 0;
    for (size_t d = 0; d < n; d++) {
        const precis_document *doc = precis_summary_document(s, d);
        if (doc->date == NULL) {
            fprintf(stderr, "precis: %s: no date\n", names[d]);
            undated++;
        } else {
            const char *page = precis_cli_page_date_origin(d, doc->date); // a web page's own
            fprintf(stderr, "precis: %s: date %s (%s)\n", names[d], doc->date,
                    page                                     ? page
                    : doc->date_source == PRECIS_DATE_GIVEN ? "given"
                                                             : "found in the text");
        }
    }
    precis_order o = precis_summary_order(s);
    fprintf(stderr, "precis: order %s", precis_cli_order_name(o));
    if (o == PRECIS_ORDER_TIME && undated > 0)
        fprintf(stderr, " (%zu document%s without a date last)", undated, undated == 1 ? "" : "s");
    else if (o != PRECIS_ORDER_RANK)
        fprintf(stderr, " (%zu of %zu documents dated)", n - undated, n);
    fputc('\n', stderr);
}

void precis_cli_explain(const precis_summary *s, size_t n_docs, char *const *names)
{
    size_t n = precis_summary_trace_count(s), n_top = 0;
    size_t top[10];
    fprintf(stderr, "precis: %zu sentences, %zu candidates, TextRank converged in %zu iterations\n",
            precis_summary_corpus_sentences(s), precis_summary_candidates(s),
            precis_summary_iterations(s));
    explain_languages(s, n_docs, names);
    explain_dates(s, names);
    precis_query_status qs = precis_summary_query_status(s);
    bool query = qs == PRECIS_QUERY_USED;
    if (query)
        fprintf(stderr, "precis: query used: TextRank leans toward relevant sentences "
                        "(relevance: cosine with the query)\n");
    else if (qs != PRECIS_QUERY_NONE)
        fprintf(stderr, "precis: query not used: %s\n", precis_query_problem(qs));
    for (size_t i = 0; i < n; i++) {
        const precis_trace *t = precis_summary_trace(s, i);
        fprintf(stderr, "%s:%zu ", names[t->doc], t->index);
        if (t->dropped) {
            fprintf(stderr, "dropped (%s)", t->dropped);
        } else {
            fprintf(stderr, "%s rank %zu score %.5f", t->chosen ? "CHOSEN  " : "skipped ", t->rank,
                    t->score);
            if (query)
                fprintf(stderr, " relevance %.3f", t->relevance);
            if (!t->chosen) {
                fputs(": ", stderr);
                print_skip(s, t, names);
            }
        }
        // At most 100 bytes, cut at a character boundary (Cyrillic, CJK: 2-3 bytes each).
        size_t cut = strlen(t->text);
        if (cut > 100)
            for (cut = 100; cut > 0 && ((unsigned char)t->text[cut] & 0xC0) == 0x80; cut--) {
            }
        fprintf(stderr, ": %.*s%s\n", (int)cut, t->text, t->text[cut] != '\0' ? "..." : "");
        if (!t->dropped && t->rank - 1 < sizeof top / sizeof top[0]) {
            top[t->rank - 1] = i;
            n_top++;
        }
    }
    fprintf(stderr, "precis: top %zu by TextRank score:\n", n_top);
    for (size_t r = 0; r < n_top; r++) {
        const precis_trace *t = precis_summary_trace(s, top[r]);
        fprintf(stderr, "%3zu. %.5f %s:%zu ", r + 1, t->score, names[t->doc], t->index);
        if (t->chosen)
            fputs("chosen", stderr);
        else {
            fputs("skipped: ", stderr);
            print_skip(s, t, names);
        }
        fputc('\n', stderr);
    }
}
