"""The C declarations the binding is compiled against: what of include/precis.h it uses, by name.

cffi's API mode compiles these against the real header, so every struct is declared by the
fields it reads or writes followed by ``...;`` (the compiler supplies sizes and offsets) and
every enum ends with ``...`` (the compiler supplies the values). A field added to a struct, a
reordered enum or a function that becomes a macro needs no change here. This file and
``_capi.py`` are the only ones that know the C API.
"""

# The C the extension module is compiled from: precis.h and, beside it, precis_rouge.h (the
# ROUGE API; at the end of precis.h before libprecis 0.2.0). precis_options_init and
# precis_language_get are macros since 0.2.0 (over their *_size functions, so that the size is
# the binding's): declared here as functions, which API mode compiles as calls to the macros.
SOURCE = """
#include <precis.h>
#if defined(__has_include)
#if __has_include(<precis_rouge.h>)
#include <precis_rouge.h>
#endif
#endif
"""

CDEF = """
typedef enum {
    PRECIS_OK, PRECIS_ERR_NOMEM, PRECIS_ERR_INVALID_ARG, PRECIS_ERR_UTF8, PRECIS_ERR_BINARY,
    PRECIS_ERR_UTF16, PRECIS_ERR_EMPTY, PRECIS_ERR_NO_SENTENCES, PRECIS_ERR_TOO_LARGE,
    PRECIS_ERR_STOPWORDS, PRECIS_ERR_LANGUAGE, PRECIS_ERR_IO, PRECIS_ERR_FORMAT,
    PRECIS_ERR_GRAPH_LIMIT, PRECIS_ERR_DATE, ...
} precis_status;
typedef enum {
    PRECIS_BUDGET_SENTENCES, PRECIS_BUDGET_WORDS, PRECIS_BUDGET_BYTES, PRECIS_BUDGET_RATIO, ...
} precis_budget_kind;
typedef enum {
    PRECIS_ORDER_SOURCE, PRECIS_ORDER_RANK, PRECIS_ORDER_TIME, PRECIS_ORDER_AUTO, ...
} precis_order;
typedef enum {
    PRECIS_GRAPH_AUTO, PRECIS_GRAPH_DENSE, PRECIS_GRAPH_SPARSE, PRECIS_GRAPH_PRUNED, ...
} precis_graph_kind;
typedef enum { PRECIS_DATE_NONE, PRECIS_DATE_GIVEN, PRECIS_DATE_TEXT, ... } precis_date_source;
typedef enum {
    PRECIS_SKIP_NONE, PRECIS_SKIP_SHORT, PRECIS_SKIP_DUPLICATE, PRECIS_SKIP_BUDGET,
    PRECIS_SKIP_NOT_REACHED, PRECIS_SKIP_QUESTION, PRECIS_SKIP_POINTS_BACK,
    PRECIS_SKIP_RESTATES, PRECIS_SKIP_WEAK, ...
} precis_skip;

const char *precis_version(void);
unsigned precis_version_number(void);
const char *precis_strerror(precis_status st);

typedef struct precis_options {
    precis_budget_kind budget_kind;
    double budget;
    double dedup;
    precis_order order;
    const char *language;
    const char *stopwords;
    size_t stopwords_len;
    double damping;
    double position_prior;
    double edge_threshold;
    double redundancy;
    size_t min_words;
    size_t threads;
    precis_graph_kind graph;
    int explain;
    size_t max_input_bytes;
    size_t max_sentences;
    size_t keywords;
    double restate;
    const char *query;
    double query_mix;
    ...;
} precis_options;
void precis_options_init(precis_options *opt);

typedef struct precis_corpus precis_corpus;
precis_status precis_corpus_new(precis_corpus **out);
void precis_corpus_free(precis_corpus *c);
precis_status precis_corpus_add(precis_corpus *c, const char *name, const char *data, size_t len);
const char *precis_corpus_error(const precis_corpus *c);
precis_status precis_corpus_set_date(precis_corpus *c, size_t doc, const char *date);

typedef struct precis_summary precis_summary;
typedef struct precis_support {
    size_t doc;
    size_t index;
    double similarity;
    double restates;
    ...;
} precis_support;
typedef struct precis_sentence {
    const char *text;
    size_t text_len;
    size_t doc;
    size_t index;
    size_t offset;
    size_t length;
    double score;
    size_t rank;
    size_t n_support;
    const precis_support *support;
    double relevance;
    const size_t *query_words;
    size_t n_query_words;
    ...;
} precis_sentence;
precis_status precis_summarize(const precis_corpus *c, const precis_options *opt,
                               precis_summary **out);
void precis_summary_free(precis_summary *s);
size_t precis_summary_count(const precis_summary *s);
const precis_sentence *precis_summary_sentence(const precis_summary *s, size_t i);
typedef enum {
    PRECIS_QUERY_NONE, PRECIS_QUERY_USED, PRECIS_QUERY_EMPTY, PRECIS_QUERY_ABSENT, ...
} precis_query_status;
precis_query_status precis_summary_query_status(const precis_summary *s);
const char *precis_query_problem(precis_query_status q);
size_t precis_summary_corpus_sentences(const precis_summary *s);
size_t precis_summary_candidates(const precis_summary *s);
size_t precis_summary_iterations(const precis_summary *s);
precis_order precis_summary_order(const precis_summary *s);

typedef struct precis_trace {
    size_t doc;
    size_t index;
    const char *text;
    const char *dropped;
    double score;
    size_t rank;
    int chosen;
    size_t duplicate_of;
    double similarity;
    precis_skip skipped;
    size_t paragraph;
    double relevance;
    ...;
} precis_trace;
size_t precis_summary_trace_count(const precis_summary *s);
const precis_trace *precis_summary_trace(const precis_summary *s, size_t i);

typedef struct precis_keyword {
    const char *text;
    size_t text_len;
    double score;
    size_t count;
    ...;
} precis_keyword;
size_t precis_summary_keyword_count(const precis_summary *s);
const precis_keyword *precis_summary_keyword(const precis_summary *s, size_t i);

typedef struct precis_document {
    const char *name;
    const char *title;
    size_t n_sentences;
    size_t n_candidates;
    size_t bytes;
    const char *dateline;
    const char *date;
    precis_date_source date_source;
    ...;
} precis_document;
size_t precis_summary_document_count(const precis_summary *s);
const precis_document *precis_summary_document(const precis_summary *s, size_t i);
const char *precis_summary_document_language(const precis_summary *s, size_t doc);

typedef struct precis_language {
    const char *code;
    const char *name;
    const char *stemmer;
    size_t n_stopwords;
    size_t n_abbreviations;
    ...;
} precis_language;
size_t precis_language_count(void);
precis_status precis_language_get(size_t i, precis_language *out);

/* ROUGE */
typedef struct precis_rouge_options {
    int max_n;
    int stem;
    int remove_stopwords;
    size_t word_limit;
    size_t byte_limit;
    int jackknife;
    double alpha;
    ...;
} precis_rouge_options;
void precis_rouge_options_init(precis_rouge_options *opt);
typedef struct precis_rouge_score {
    double recall;
    double precision;
    double f;
    ...;
} precis_rouge_score;
typedef struct precis_rouge precis_rouge;
precis_status precis_rouge_new(const precis_rouge_options *opt, const char *exceptions,
                               size_t exceptions_len, precis_rouge **out);
void precis_rouge_free(precis_rouge *r);
size_t precis_rouge_metric_count(const precis_rouge *r);
const char *precis_rouge_metric_name(const precis_rouge *r, size_t m);
size_t precis_rouge_instance_count(const precis_rouge *r, size_t n_refs);
precis_status precis_rouge_score_instances(precis_rouge *r, const char *peer, size_t peer_len,
                                           const char *const *refs, const size_t *ref_lens,
                                           size_t n_refs, precis_rouge_score *scores);
"""
