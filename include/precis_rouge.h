/* precis ROUGE: scoring summaries against human references, ROUGE-1.5.5 compatible.
 *
 * An evaluation tool, apart from the summarizer: a program that only summarizes needs
 * <precis.h> alone. The scorer is part of libprecis; its status codes are precis.h's. */
#ifndef PRECIS_ROUGE_H
#define PRECIS_ROUGE_H

#include <stddef.h>

#include <precis.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Exported from libprecis.so like precis.h's declarations (the library is built with
 * -fvisibility=hidden). */
#if defined(__GNUC__) && __GNUC__ >= 4
#pragma GCC visibility push(default)
#endif

/* Scores a summary against human references exactly as ROUGE-1.5.5 with "-f A" does:
 * ROUGE-1..N, ROUGE-L (summary-level union LCS) and ROUGE-SU4 (skip bigrams with at most four
 * words between them, plus unigrams). Texts are "SPL": one sentence per line. Per-instance
 * recall and precision are rounded to 5 decimals before F, as ROUGE-1.5.5 prints them. */

typedef struct precis_rouge_options {
    /** sizeof(precis_rouge_options) as the caller was compiled: set by
     * precis_rouge_options_init() (see PRECIS_ABI in precis.h). */
    size_t size;
    /** Highest n of ROUGE-N (1..9). */
    int max_n;
    /** Porter stemming (with the WordNet exception list) as ROUGE-1.5.5 -m. */
    int stem;
    /** Remove SMART stopwords as -s. */
    int remove_stopwords;
    /** Truncate peers and references to this many words (-l) or bytes (-b); 0 = no limit.
     * At most one of the two may be set. */
    size_t word_limit;
    size_t byte_limit;
    /** With M > 1 references, score against each of the M subsets of M-1 references (NIST
     * jackknifing): M instances per summary instead of one. */
    int jackknife;
    /** F = P * R / ((1 - alpha) * P + alpha * R), 0 <= alpha <= 1; 0.5 gives F1 (ROUGE-1.5.5
     * -p). */
    double alpha;
} precis_rouge_options;

/** Fills 'opt' with ROUGE-1.5.5's defaults: max_n 2, no stemming, stopwords kept, no length
 * limit, no jackknifing, alpha 0.5. */
#define precis_rouge_options_init(opt) precis_rouge_options_init_size((opt), sizeof *(opt))
void precis_rouge_options_init_size(precis_rouge_options *opt, size_t size);

/** Recall, precision and F of one metric. */
typedef struct precis_rouge_score {
    double recall, precision, f;
} precis_rouge_score;

/** A scorer. It caches stems between calls, so one scorer must not be used by two threads at
 * the same time. */
typedef struct precis_rouge precis_rouge;

/** Creates a scorer for 'opt' (NULL for the defaults) in '*out'; free it with
 * precis_rouge_free(). 'exceptions' is the WordNet exception list used with stemming
 * ("inflected<TAB>base" lines; copied): NULL means the built-in WordNet-2.0 list of
 * ROUGE-1.5.5, an empty list ('exceptions_len' 0) plain Porter. Returns PRECIS_ERR_INVALID_ARG
 * when an option is out of range. */
precis_status precis_rouge_new(const precis_rouge_options *opt, const char *exceptions,
                               size_t exceptions_len, precis_rouge **out);

/** Frees 'r'. Does nothing if 'r' is NULL. */
void precis_rouge_free(precis_rouge *r);

/** Number of metrics (max_n + 2) and the name of metric 'm' (0 <= m < count): "ROUGE-1" ..
 * "ROUGE-<max_n>", then "ROUGE-L", then "ROUGE-SU4"; NULL if 'm' is out of range. */
size_t precis_rouge_metric_count(const precis_rouge *r);
const char *precis_rouge_metric_name(const precis_rouge *r, size_t m);

/** Scores one summary ('peer', 'peer_len' bytes, one sentence per line) against 'n_refs' >= 1
 * references ('refs[k]', 'ref_lens[k]' bytes each), writing precis_rouge_metric_count() scores
 * to 'scores'. With jackknifing, each score is the mean over the instances of
 * precis_rouge_score_instances(). Returns PRECIS_ERR_TOO_LARGE when ROUGE-L would need more than
 * about 2^33 steps (two very long untruncated texts). */
precis_status precis_rouge_score_one(precis_rouge *r, const char *peer, size_t peer_len,
                                     const char *const *refs, const size_t *ref_lens,
                                     size_t n_refs, precis_rouge_score *scores);

/** Number of scoring instances of a summary with 'n_refs' references: 'n_refs' with
 * jackknifing and more than one reference, else 1. A data set's score is the mean over all
 * instances of all summaries. */
size_t precis_rouge_instance_count(const precis_rouge *r, size_t n_refs);

/** Like precis_rouge_score_one(), but writes every instance's scores: instance i's score for
 * metric m goes to 'scores[i * precis_rouge_metric_count() + m]'. With jackknifing, instance i
 * leaves out reference i. */
precis_status precis_rouge_score_instances(precis_rouge *r, const char *peer, size_t peer_len,
                                           const char *const *refs, const size_t *ref_lens,
                                           size_t n_refs, precis_rouge_score *scores);

/** The tokens 'r' compares in 'text' (after truncation, stopword removal and stemming),
 * separated by single spaces: what ROUGE-N sees. Writes at most 'cap' bytes to 'buf' (always
 * NUL-terminated when 'cap' > 0; 'buf' may be NULL when 'cap' is 0) and the full length,
 * without the NUL, to '*len', as snprintf() does. For tests and for checking a score by hand. */
precis_status precis_rouge_tokens(precis_rouge *r, const char *text, size_t text_len, char *buf,
                                  size_t cap, size_t *len);

#if defined(__GNUC__) && __GNUC__ >= 4
#pragma GCC visibility pop
#endif

#ifdef __cplusplus
}
#endif

#endif
