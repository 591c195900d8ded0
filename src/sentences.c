/* Stage 2 over a corpus: documents (and each one's language) -> one list of sentences in document
 * order. Each document is split with its language's abbreviations (split.c); a large corpus is
 * shared out among threads by bytes and the pieces joined in document order, so the result never
 * depends on the thread count. The filter (filter.c) marks the sentences next. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* One thread's share of splitting: documents [begin, end) into their own sentence list. */
typedef struct split_job {
    const precis_progress *progress; // job 0 only
    const precis_doc *docs;
    const precis_abbrevs *abbrevs; // per language
    const uint8_t *doc_lang;
    size_t begin, end, max_sent;
    precis_sents sents;
    precis_status st;
} split_job;

static void *split_worker(void *arg)
{
    split_job *j = arg;
    j->st = PRECIS_OK;
    for (size_t d = j->begin; d < j->end && j->st == PRECIS_OK; d++) {
        if (j->progress && j->progress->fn && ((d - j->begin) & 63) == 0)
            j->progress->fn(j->progress->ctx, "split",
                            (double)(d - j->begin) / (double)(j->end - j->begin));
        const precis_doc *doc = &j->docs[d];
        j->st = precis_split_document(doc->text, doc->len, (uint32_t)d,
                                      &j->abbrevs[j->doc_lang[d]], &j->sents);
        if (j->st == PRECIS_OK && j->sents.n > j->max_sent)
            j->st = PRECIS_ERR_TOO_LARGE;
    }
    return NULL;
}

/* The splitting data (abbreviations, words that start a sentence) of every language some
 * document is in; 'ready[l]' tells which were made. */
static precis_status make_abbrevs(const uint8_t *doc_lang, size_t n_docs, precis_abbrevs *abbrevs,
                                  bool *ready)
{
    for (size_t d = 0; d < n_docs; d++) {
        size_t l = doc_lang[d];
        if (ready[l])
            continue;
        precis_lang lang;
        if (!precis_lang_at(l, &lang))
            return PRECIS_ERR_LANGUAGE;
        precis_status st = precis_abbrevs_init(&abbrevs[l], lang.abbrev, lang.n_abbrev, lang.stop,
                                               lang.n_stop);
        if (st != PRECIS_OK)
            return st;
        abbrevs[l].semicolon_question = lang.semicolon_question;
        abbrevs[l].ordinal_dot = lang.ordinal_dot;
        abbrevs[l].split_flags = lang.split_flags;
        ready[l] = true;
    }
    return PRECIS_OK;
}

/* Joins the jobs' sentence lists in job (= document) order into 'out'. */
static precis_status join_jobs(split_job *jobs, size_t n_jobs, size_t max_sent, precis_sents *out)
{
    precis_status st = PRECIS_OK;
    size_t total = 0, hyphen_breaks = 0;
    for (size_t j = 0; j < n_jobs; j++) {
        if (st == PRECIS_OK)
            st = jobs[j].st;
        total += jobs[j].sents.n;
        hyphen_breaks += jobs[j].sents.n_hyphen_breaks;
    }
    if (st == PRECIS_OK && total > max_sent)
        st = PRECIS_ERR_TOO_LARGE;
    if (st == PRECIS_OK && n_jobs == 1) {
        *out = jobs[0].sents;
        jobs[0].sents.v = NULL;
    } else if (st == PRECIS_OK) {
        out->v = precis_malloc((total ? total : 1) * sizeof *out->v);
        if (out->v == NULL)
            st = PRECIS_ERR_NOMEM;
        for (size_t j = 0; st == PRECIS_OK && j < n_jobs; j++) {
            memcpy(out->v + out->n, jobs[j].sents.v, jobs[j].sents.n * sizeof *out->v);
            out->n += jobs[j].sents.n;
        }
        out->cap = total;
    }
    out->n_hyphen_breaks = hyphen_breaks;
    return st;
}

precis_status precis_split_corpus_sentences(const precis_doc *docs, size_t n_docs,
                                            const uint8_t *doc_lang, size_t max_sent,
                                            size_t threads, const precis_progress *progress,
                                            precis_sents *out)
{
    size_t n_langs = precis_lang_count();
    precis_abbrevs *abbrevs = precis_calloc(n_langs ? n_langs : 1, sizeof *abbrevs);
    bool ready[PRECIS_MAX_LANGS] = {false};
    if (abbrevs == NULL)
        return PRECIS_ERR_NOMEM;
    precis_status st = make_abbrevs(doc_lang, n_docs, abbrevs, ready);
    if (st == PRECIS_OK) {
        split_job jobs[PRECIS_MAX_THREADS];
        size_t bounds[PRECIS_MAX_THREADS + 1];
        size_t n_jobs = precis_slice_documents(docs, n_docs, threads, bounds);
        for (size_t j = 0; j < n_jobs; j++)
            jobs[j] = (split_job){j == 0 ? progress : NULL, docs, abbrevs, doc_lang, bounds[j],
                                  bounds[j + 1], max_sent, {0}, PRECIS_OK};
        precis_run_jobs(n_jobs, split_worker, jobs, sizeof jobs[0]);
        st = join_jobs(jobs, n_jobs, max_sent, out);
        for (size_t j = 0; j < n_jobs; j++)
            free(jobs[j].sents.v);
    }
    for (size_t l = 0; l < n_langs && l < PRECIS_MAX_LANGS; l++)
        if (ready[l])
            precis_abbrevs_destroy(&abbrevs[l]);
    free(abbrevs);
    return st;
}
