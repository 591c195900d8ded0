/* --format json: one summarized cluster -> one JSON object (jansson), keys in a fixed order.
 * The schema is in README.md ("JSON output") and tests/schema/summary.schema.json. Also the
 * JSON string of a name that may not be UTF-8, which precis rouge uses too. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include <precis.h>

#include "cli.h"

json_t *precis_cli_json_string(const char *s)
{
    json_t *j = json_string(s);
    if (j != NULL)
        return j;
    size_t len = strlen(s), n = 0;
    char *out = malloc(len * 3 + 1);
    if (out == NULL)
        return NULL;
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        size_t k = p[i] < 0x80         ? 1
                   : (p[i] >> 5) == 6  ? 2
                   : (p[i] >> 4) == 14 ? 3
                   : (p[i] >> 3) == 30 ? 4
                                       : 0;
        bool ok = k > 0 && i + k <= len;
        for (size_t q = 1; ok && q < k; q++)
            ok = (p[i + q] & 0xC0) == 0x80;
        if (ok) {
            char one[5] = {0};
            memcpy(one, p + i, k);
            json_t *t = json_string(one); // rejects overlong forms and surrogates
            ok = t != NULL;
            json_decref(t);
        }
        if (ok) {
            memcpy(out + n, p + i, k);
            n += k;
            i += k;
        } else {
            memcpy(out + n, "\xEF\xBF\xBD", 3);
            n += 3;
            i++;
        }
    }
    out[n] = '\0';
    j = json_string(out);
    free(out);
    return j;
}

/* Adds 'value' (a new reference, NULL when out of memory) under 'key'; false on failure. */
static bool put(json_t *obj, const char *key, json_t *value)
{
    return value != NULL && json_object_set_new(obj, key, value) == 0;
}

static bool push(json_t *arr, json_t *value)
{
    return value != NULL && json_array_append_new(arr, value) == 0;
}

static const char *budget_name(precis_budget_kind k)
{
    switch (k) {
    case PRECIS_BUDGET_WORDS: return "words";
    case PRECIS_BUDGET_BYTES: return "bytes";
    case PRECIS_BUDGET_RATIO: return "ratio";
    default: return "sentences";
    }
}

static const char *date_source_name(precis_date_source src)
{
    return src == PRECIS_DATE_GIVEN ? "given" : "text";
}

static json_t *options_json(const precis_options *opt, const precis_summary *s)
{
    json_t *o = json_object(), *b = json_object();
    bool ok = o != NULL && b != NULL && put(o, "version", json_string(PRECIS_VERSION)) &&
              put(b, "unit", json_string(budget_name(opt->budget_kind))) &&
              put(b, "value",
                  opt->budget_kind == PRECIS_BUDGET_RATIO ? json_real(opt->budget)
                                                          : json_integer((json_int_t)opt->budget));
    if (ok) {
        ok = json_object_set_new(o, "budget", b) == 0;
        b = NULL;
    }
    ok = ok && put(o, "dedup", json_real(opt->dedup)) &&
         put(o, "restate", json_real(opt->restate)) &&
         put(o, "language", precis_cli_json_string(opt->language ? opt->language : "auto")) &&
         put(o, "order", json_string(precis_cli_order_name(precis_summary_order(s)))) &&
         put(o, "min_words", json_integer((json_int_t)opt->min_words)) &&
         put(o, "damping", json_real(opt->damping)) &&
         put(o, "position_prior", json_real(opt->position_prior)) &&
         put(o, "redundancy", json_real(opt->redundancy)) &&
         put(o, "edge_threshold", json_real(opt->edge_threshold)) &&
         put(o, "keywords", json_integer((json_int_t)opt->keywords));
    // A query's fields only with a query: without one the output is as it always was.
    ok = ok && (opt->query == NULL || (put(o, "query", precis_cli_json_string(opt->query)) &&
                                       put(o, "query_mix", json_real(opt->query_mix))));
    json_decref(b);
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *documents_json(const precis_summary *s)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr != NULL && i < precis_summary_document_count(s); i++) {
        const precis_document *d = precis_summary_document(s, i);
        json_t *o = json_object();
        bool ok =
            o != NULL && put(o, "index", json_integer((json_int_t)i)) &&
            put(o, "name", precis_cli_json_string(d->name)) &&
            put(o, "title", d->title ? precis_cli_json_string(d->title) : json_null()) &&
            put(o, "dateline", d->dateline ? precis_cli_json_string(d->dateline) : json_null()) &&
            put(o, "date", d->date ? json_string(d->date) : json_null()) &&
            put(o, "date_source",
                d->date ? json_string(date_source_name(d->date_source)) : json_null()) &&
            put(o, "language", precis_cli_json_string(precis_summary_document_language(s, i))) &&
            put(o, "sentences", json_integer((json_int_t)d->n_sentences)) &&
            put(o, "candidates", json_integer((json_int_t)d->n_candidates)) &&
            put(o, "bytes", json_integer((json_int_t)d->bytes));
        if (!ok || !push(arr, o)) {
            json_decref(ok ? NULL : o);
            json_decref(arr);
            return NULL;
        }
    }
    return arr;
}

static json_t *sentence_json(const precis_sentence *t, bool query)
{
    json_t *o = json_object(), *sup = json_array();
    bool ok = o != NULL && sup != NULL;
    for (size_t q = 0; ok && q < t->n_support; q++) {
        json_t *x = json_object();
        ok = x != NULL && put(x, "document", json_integer((json_int_t)t->support[q].doc)) &&
             put(x, "index", json_integer((json_int_t)t->support[q].index)) &&
             put(x, "similarity", json_real(t->support[q].similarity)) &&
             (t->support[q].restates == 0 || put(x, "restates", json_real(t->support[q].restates)));
        if (!ok || !push(sup, x)) {
            json_decref(ok ? NULL : x);
            ok = false;
        }
    }
    ok = ok && put(o, "text", json_stringn(t->text, t->text_len)) &&
         put(o, "document", json_integer((json_int_t)t->doc)) &&
         put(o, "index", json_integer((json_int_t)t->index)) &&
         put(o, "offset", json_integer((json_int_t)t->offset)) &&
         put(o, "length", json_integer((json_int_t)t->length)) &&
         put(o, "score", json_real(t->score)) &&
         put(o, "rank", json_integer((json_int_t)t->rank)) &&
         (!query || put(o, "relevance", json_real(t->relevance)));
    if (ok) {
        ok = json_object_set_new(o, "supported_by", sup) == 0;
        sup = NULL;
    }
    json_decref(sup);
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
}

json_t *precis_cli_json_result(const precis_summary *s, const precis_options *opt)
{
    json_t *root = json_object(), *corpus = json_object(), *summary = json_array();
    bool ok =
        root != NULL && corpus != NULL && summary != NULL &&
        put(root, "options", options_json(opt, s)) &&
        put(corpus, "sentences", json_integer((json_int_t)precis_summary_corpus_sentences(s))) &&
        put(corpus, "candidates", json_integer((json_int_t)precis_summary_candidates(s))) &&
        put(corpus, "documents", documents_json(s));
    if (ok) {
        ok = json_object_set_new(root, "corpus", corpus) == 0;
        corpus = NULL;
    }
    for (size_t i = 0; ok && i < precis_summary_count(s); i++)
        ok = push(summary, sentence_json(precis_summary_sentence(s, i), opt->query != NULL));
    if (ok && opt->query != NULL) {
        // What became of the query: "used", or why the summary is the generic one.
        json_t *q = json_object();
        precis_query_status qs = precis_summary_query_status(s);
        ok = put(root, "query", q) && put(q, "text", precis_cli_json_string(opt->query)) &&
             put(q, "status", json_string(precis_cli_query_status_name(qs))) &&
             put(q, "problem", precis_query_problem(qs)
                                   ? json_string(precis_query_problem(qs))
                                   : json_null());
    }
    if (ok) {
        ok = json_object_set_new(root, "summary", summary) == 0;
        summary = NULL;
    }
    if (ok && opt->keywords > 0) {
        json_t *kw = json_array();
        ok = put(root, "keywords", kw);
        for (size_t i = 0; ok && i < precis_summary_keyword_count(s); i++) {
            const precis_keyword *k = precis_summary_keyword(s, i);
            json_t *x = json_object();
            ok = x != NULL && put(x, "text", json_stringn(k->text, k->text_len)) &&
                 put(x, "score", json_real(k->score)) &&
                 put(x, "count", json_integer((json_int_t)k->count));
            if (!ok || !push(kw, x)) {
                json_decref(ok ? NULL : x);
                ok = false;
            }
        }
    }
    json_decref(corpus);
    json_decref(summary);
    if (!ok) {
        json_decref(root);
        return NULL;
    }
    return root;
}

int precis_cli_json_print(FILE *out, const precis_summary *s, const precis_options *opt)
{
    json_t *root = precis_cli_json_result(s, opt);
    if (root == NULL)
        return -1;
    int rc = json_dumpf(root, out,
                        JSON_INDENT(2) | JSON_PRESERVE_ORDER |
                            JSON_REAL_PRECISION(PRECIS_CLI_JSON_DIGITS));
    json_decref(root);
    if (rc == 0)
        fputc('\n', out);
    return 0; // a failed write shows in ferror(out), which the caller reports
}
