/* precis: extractive summarization of one article or a cluster of articles.
 *
 * The summarizer's public API (ROUGE scoring, an evaluation tool, has its own header:
 * <precis_rouge.h>). A corpus collects documents (UTF-8 bytes); precis_summarize() splits
 * them into sentences, weighs every sentence with TF-IDF over the whole corpus, ranks them with
 * TextRank on a cosine-similarity graph and picks the best non-redundant ones within a budget.
 * The library never prints, never exits and keeps no global mutable state. */
#ifndef PRECIS_H
#define PRECIS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Everything this header declares is the library's interface. libprecis is compiled with
 * -fvisibility=hidden, so these declarations, and nothing else, are exported from
 * libprecis.so: a declaration added anywhere below is exported without further marking. */
#if defined(__GNUC__) && __GNUC__ >= 4
#pragma GCC visibility push(default)
#endif

/* The version, MAJOR.MINOR.PATCH: the one place it is written (the Makefile reads it for the
 * shared library's file name and for precis.pc), as numbers for #if, and as one number that
 * grows with every release: MAJOR * 10000 + MINOR * 100 + PATCH. */
#define PRECIS_VERSION_MAJOR 0
#define PRECIS_VERSION_MINOR 2
#define PRECIS_VERSION_PATCH 0
#define PRECIS_VERSION "0.2.0"
#define PRECIS_VERSION_NUMBER                                                                  \
    (PRECIS_VERSION_MAJOR * 10000 + PRECIS_VERSION_MINOR * 100 + PRECIS_VERSION_PATCH)

/* The ABI: the soname is libprecis.so.PRECIS_ABI. It changes only when a program built against
 * an older header would break: a function removed or changed, an enum value renumbered, a
 * field of a struct the library returns moved. New functions, new enum values at the end and
 * new fields at the end of a struct keep it: the structs a caller allocates (precis_options,
 * precis_language, precis_rouge_options) carry their size, so that a newer library reads or
 * writes only what the caller's struct holds and takes the defaults for the rest. */
#define PRECIS_ABI 1

/** The version of the library actually linked, which can differ from PRECIS_VERSION, the one
 * compiled against, when the shared library is replaced. A static string. */
const char *precis_version(void);
/** The same as a number (PRECIS_VERSION_NUMBER of the library linked). */
unsigned precis_version_number(void);

typedef enum {
    PRECIS_OK = 0,
    /** Memory could not be allocated. */
    PRECIS_ERR_NOMEM,
    /** An argument or option value is out of range. */
    PRECIS_ERR_INVALID_ARG,
    /** The input is not valid UTF-8. */
    PRECIS_ERR_UTF8,
    /** The input holds NUL bytes or other control characters: binary data, not text. */
    PRECIS_ERR_BINARY,
    /** The input is UTF-16 or UTF-32 (it starts with such a byte-order mark). */
    PRECIS_ERR_UTF16,
    /** The document holds no text (empty or only white space). */
    PRECIS_ERR_EMPTY,
    /** There is no sentence to summarize. */
    PRECIS_ERR_NO_SENTENCES,
    /** The input exceeds a configured size limit. */
    PRECIS_ERR_TOO_LARGE,
    /** Unused: nothing returns it (a stopword list is read line by line and cannot fail but for
     * memory). Kept so that the codes after it keep their values. */
    PRECIS_ERR_STOPWORDS,
    /** The language has no stemmer or stopword list. */
    PRECIS_ERR_LANGUAGE,
    /** Unused: nothing returns it (the library reads no files; the program reports its own read
     * errors). Kept so that the codes after it keep their values. */
    PRECIS_ERR_IO,
    /** Unused: nothing returns it (the ROUGE functions take data, not files to parse). Kept so
     * that the codes after it keep their values. */
    PRECIS_ERR_FORMAT,
    /** A graph forced to an exact path (PRECIS_GRAPH_DENSE or _SPARSE) would need more memory
     * than its limit on this corpus: the pruned path (or auto) has none. */
    PRECIS_ERR_GRAPH_LIMIT,
    /** A document's date is not an ISO 8601 date, or names no real day or time (2023-02-30). */
    PRECIS_ERR_DATE,
} precis_status;

/** A static, human-readable description of 'st'. Never NULL. */
const char *precis_strerror(precis_status st);

/* ---------------------------------------------------------------------------------------------
 * Options */

typedef enum {
    /** Keep 'budget' sentences. */
    PRECIS_BUDGET_SENTENCES,
    /** At most 'budget' words (whitespace-separated), never more. */
    PRECIS_BUDGET_WORDS,
    /** At most 'budget' bytes of output text, counting one newline per sentence. */
    PRECIS_BUDGET_BYTES,
    /** Keep this fraction (0 < r <= 1) of the corpus's candidate sentences that may be output
     * (not boilerplate, at least 'min_words' long), at least one. */
    PRECIS_BUDGET_RATIO,
} precis_budget_kind;

typedef enum {
    /** Document order as given, then position in the document. */
    PRECIS_ORDER_SOURCE,
    /** Best score first. */
    PRECIS_ORDER_RANK,
    /** The documents' dates (earliest first), then document order, then position: a cluster
     * reads as the story went. Documents without a date come after the dated ones, in
     * document order. See precis_corpus_set_date() for where a date comes from. */
    PRECIS_ORDER_TIME,
    /** PRECIS_ORDER_TIME when every document has a date, else PRECIS_ORDER_SOURCE (the
     * default); precis_summary_order() tells which was applied. */
    PRECIS_ORDER_AUTO,
} precis_order;

typedef enum {
    /** Dense for small corpora, pruned for large ones. */
    PRECIS_GRAPH_AUTO,
    /** Every pair through BLAS (cblas_ssyrk): O(n^2) memory. */
    PRECIS_GRAPH_DENSE,
    /** Every pair through an inverted index: the same edges without the n x n matrix. */
    PRECIS_GRAPH_SPARSE,
    /** Each sentence's most similar neighbours found through its rarer terms: O(n) time and
     * memory. */
    PRECIS_GRAPH_PRUNED,
} precis_graph_kind;

typedef struct precis_options {
    /** sizeof(precis_options) as the caller was compiled: set by precis_options_init(), never
     * by hand. Options without it are refused (PRECIS_ERR_INVALID_ARG). */
    size_t size;
    precis_budget_kind budget_kind;
    /** Sentences, words or bytes for the first three kinds; a fraction for RATIO. */
    double budget;
    /** Two sentences with TF-IDF cosine similarity at or above this are duplicates. */
    double dedup;
    precis_order order;
    /** Language of every document: ISO 639-1 code, Snowball or English name (see
     * precis_language_get()). NULL detects each document's own language (see
     * precis_summary_document_language()). */
    const char *language;
    /** Stopword list text (one word per line, '#' comments) replacing the built-in list of
     * every language, or NULL for the built-in ones. Borrowed for the duration of
     * precis_summarize(). */
    const char *stopwords;
    size_t stopwords_len;
    /** TextRank damping factor, 0 < d < 1. */
    double damping;
    /** Weight of the news position prior in the TextRank teleport vector, 0 (uniform teleport,
     * plain TextRank) to 1 (teleport only by position). */
    double position_prior;
    /** Edges below this cosine similarity are dropped from the graph (LexRank threshold). */
    double edge_threshold;
    /** Selection trades relevance against coverage of what is already chosen (0 = pure score
     * order, 1 = coverage only). */
    double redundancy;
    /** Sentences with fewer words than this are never chosen (they still help scoring). */
    size_t min_words;
    /** Threads for the large-corpus stages; 0 = one per online processor (at most 8). The
     * result is the same whatever the number. */
    size_t threads;
    /** How the similarity graph is built: PRECIS_GRAPH_AUTO chooses by size. */
    precis_graph_kind graph;
    /** Called now and then during long runs with the stage's name ("split", "tokenize",
     * "graph", "rank", ...) and the fraction of it done (0 to 1), from the calling thread; NULL
     * for none. The CLI draws its progress line with it. */
    void (*progress)(void *ctx, const char *stage, double done);
    void *progress_ctx;
    /** Keep a trace of every sentence (why it was dropped, its score, what it duplicates):
     * see precis_summary_trace(). */
    int explain;
    /** Hard limits, checked before any large allocation. 0 means the built-in default. */
    size_t max_input_bytes;
    size_t max_sentences;
    /** Extract this many TextRank keywords of the corpus (0 = none): see
     * precis_summary_keyword(). */
    size_t keywords;
    /** A sentence restates a chosen one, in whatever words, when this share (0 < T <= 1) of
     * the shorter one's content, by TF-IDF weight, is in the other, they share at least three
     * content words and the shorter one has no number the other lacks while the other has numbers: it is left out and
     * recorded as support (PRECIS_SKIP_RESTATES). 1 keeps all but sentences told inside
     * another. */
    double restate;
    /** A question or topic the summary answers (NUL-terminated UTF-8), NULL for a generic
     * summary. Its words, read with each document language's tokenizer, stemmer and stopwords,
     * become a TF-IDF vector over the corpus's own terms (IDF of the corpus); a sentence's
     * relevance is its cosine with it. With no content word in the corpus the summary is the
     * generic one and precis_summary_query_status() says why. */
    const char *query;
    /** How far TextRank's teleport leans toward relevant sentences (topic-sensitive PageRank):
     * 0 = not at all, 1 = teleport only to them [default 0.8, chosen by two-fold
     * cross-validation on DUC 2006]. Ignored without a query. */
    double query_mix;
} precis_options;

/** Fills 'opt' with the documented defaults and its size. Every precis_options must start
 * here: it is what lets a newer libprecis read an older program's options (a macro, so that the
 * size is the caller's). */
#define precis_options_init(opt) precis_options_init_size((opt), sizeof *(opt))
void precis_options_init_size(precis_options *opt, size_t size);

/* ---------------------------------------------------------------------------------------------
 * Corpus: the documents to summarize together */

typedef struct precis_corpus precis_corpus;

/** Creates an empty corpus in '*out'; free it with precis_corpus_free(). */
precis_status precis_corpus_new(precis_corpus **out);

/** Frees 'c'. Does nothing if 'c' is NULL. */
void precis_corpus_free(precis_corpus *c);

/** Adds one document: 'name' (copied) and 'len' bytes of UTF-8 text at 'data' (copied). A
 * UTF-8 byte-order mark is skipped; CRLF and lone CR line ends are accepted. On failure the
 * corpus is unchanged and precis_corpus_error() describes where the input went wrong. */
precis_status precis_corpus_add(precis_corpus *c, const char *name, const char *data, size_t len);

/** Whether 'len' bytes at 'data' are text as precis_corpus_add() takes it: UTF-8 (a UTF-8
 * byte-order mark allowed), no control bytes but tab, line ends and form feeds, no UTF-16/32
 * byte-order mark. PRECIS_OK, or PRECIS_ERR_UTF16, _BINARY or _UTF8 with the reason and its byte
 * offset in 'why' ("invalid UTF-8 at byte 18 (0xC3)"; 'why' may be NULL). For programs that
 * read other text (stopword lists, ROUGE summaries) and want the same check and words. */
precis_status precis_check_text(const char *data, size_t len, char *why, size_t why_cap);

/** The detail of the last failed precis_corpus_add() ("invalid UTF-8 at byte 17"), or "". */
const char *precis_corpus_error(const precis_corpus *c);

/** Number of documents added so far. */
size_t precis_corpus_count(const precis_corpus *c);

/** Where a document's date came from (precis_document.date_source). */
typedef enum {
    /** It has none. */
    PRECIS_DATE_NONE = 0,
    /** Given with precis_corpus_set_date(). */
    PRECIS_DATE_GIVEN,
    /** Found in its text: the first full date, with its year, from its start to the end of
     * its first candidate sentence (headline, date line, wire dateline, lead), within its
     * first 2,048 bytes: "2023-09-17", "September 17, 2023", "Sept. 17, 2023", "17 September
     * 2023", "Sunday, September 17, 2023" (English month names). */
    PRECIS_DATE_TEXT,
} precis_date_source;

/** Gives document 'doc' (0-based, in order of precis_corpus_add()) the date 'date', ISO 8601:
 * "YYYY-MM-DD", optionally followed by "THH:MM", ":SS" (a fraction of a second is read and
 * ignored) and "Z" or "+HH:MM" / "-HH:MM"; a time without a zone is UTC, a date without a time
 * is that day's 00:00 UTC. A given date beats one found in the text. NULL removes the date
 * given. PRECIS_ERR_INVALID_ARG when 'doc' is out of range; PRECIS_ERR_DATE, with the reason in
 * precis_corpus_error() ("February 2023 has 28 days"), when 'date' is not such a date. */
precis_status precis_corpus_set_date(precis_corpus *c, size_t doc, const char *date);

/* ---------------------------------------------------------------------------------------------
 * Summarizing */

typedef struct precis_summary precis_summary;

/** One sentence of another document that a summary sentence absorbed: a near-duplicate
 * (cosine 'similarity' >= 'dedup') or a restatement in other words. */
typedef struct precis_support {
    size_t doc;
    size_t index;
    /** TF-IDF cosine similarity to the summary sentence. */
    double similarity;
    /** A restatement (similarity under 'dedup'): the share of the shorter one's content the
     * other holds (>= 'restate'); 0 for a near-duplicate. */
    double restates;
} precis_support;

/** One summary sentence. Strings are NUL-terminated and owned by the summary. */
typedef struct precis_sentence {
    /** NFC-normalized text (canonical singletons such as U+0387 GREEK ANO TELEIA kept as
     * written), line breaks and runs of white space collapsed to one space; a line break
     * between Chinese or Japanese characters, or after a word hyphenated at a line's end
     * ("sup-" before "plied"), is dropped, and that hyphen too when the corpus spells the word
     * whole elsewhere ("hyphenation"). */
    const char *text;
    size_t text_len;
    /** Document number (order of precis_corpus_add()) and sentence number within it. */
    size_t doc;
    size_t index;
    /** Byte offset and length of the sentence in the document's bytes as given. */
    size_t offset;
    size_t length;
    /** TextRank score (all sentences' scores sum to 1) and rank (1 = best, as JSON says it). */
    double score;
    size_t rank;
    size_t n_support;
    const precis_support *support;
    /** Cosine with the query (0..1); 0 without a query. */
    double relevance;
    /** With a query: its words in 'text', as n_query_words (offset, length) pairs in bytes
     * (a word counts when its stem is a term of the query: "sanctioned" for "sanctions"). */
    const size_t *query_words;
    size_t n_query_words;
} precis_sentence;

/** Summarizes every document of 'c' with 'opt' (NULL for defaults) into '*out'. */
precis_status precis_summarize(const precis_corpus *c, const precis_options *opt,
                               precis_summary **out);

/** Frees 's'. Does nothing if 's' is NULL. */
void precis_summary_free(precis_summary *s);

/** The common case in one call: summarizes the 'n' NUL-terminated UTF-8 'texts' together (one
 * document each) with 'opt' (NULL for the defaults) and sets '*out' to the summary as the
 * command prints it, one sentence per line, each line ending in '\n' (free it with
 * precis_free()). On failure '*out' is NULL and the status says why; for the sentences'
 * provenance, scores and the input's error messages, use the corpus and summary objects. */
precis_status precis_summarize_texts(const char *const *texts, size_t n,
                                     const precis_options *opt, char **out);

/** Frees memory the library handed over (precis_summarize_texts()). NULL is fine. */
void precis_free(void *p);

/** Number of sentences in the summary, and the i-th in output order (NULL if out of range). */
size_t precis_summary_count(const precis_summary *s);
const precis_sentence *precis_summary_sentence(const precis_summary *s, size_t i);

/** What became of the options' query. */
typedef enum precis_query_status {
    PRECIS_QUERY_NONE = 0, /**< no query was given */
    PRECIS_QUERY_USED,     /**< the summary answers it */
    PRECIS_QUERY_EMPTY,    /**< it holds no content word (empty, punctuation, stopwords): generic summary */
    PRECIS_QUERY_ABSENT    /**< none of its content words is in the corpus: generic summary */
} precis_query_status;

precis_query_status precis_summary_query_status(const precis_summary *s);

/** Why a query could not be used, for messages: a static string for PRECIS_QUERY_EMPTY ("the
 * query has no content word (only stopwords or punctuation)") and PRECIS_QUERY_ABSENT; NULL
 * for the others. */
const char *precis_query_problem(precis_query_status q);

/** Sentences found in the corpus, and how many of them were candidates (not boilerplate). */
size_t precis_summary_corpus_sentences(const precis_summary *s);
size_t precis_summary_candidates(const precis_summary *s);

/** Iterations TextRank needed (its power iteration stops when the L1 change falls below 1e-6). */
size_t precis_summary_iterations(const precis_summary *s);

/** The order the summary's sentences are in: the options' order, with PRECIS_ORDER_AUTO
 * resolved to PRECIS_ORDER_TIME or PRECIS_ORDER_SOURCE. */
precis_order precis_summary_order(const precis_summary *s);

/** Why a candidate sentence was left out of the summary (precis_trace.skipped). */
typedef enum {
    /** Chosen, or dropped as boilerplate before ranking. */
    PRECIS_SKIP_NONE = 0,
    /** Shorter than 'min_words': never output. */
    PRECIS_SKIP_SHORT,
    /** Passed over as a near-duplicate (cosine >= 'dedup') of a chosen sentence. */
    PRECIS_SKIP_DUPLICATE,
    /** Passed over for a lower-valued sentence because it did not fit what was left of the
     * budget. */
    PRECIS_SKIP_BUDGET,
    /** Never its turn: the budget was used up by better sentences. */
    PRECIS_SKIP_NOT_REACHED,
    /** A question or an interview marker ("Q. ...", "A: ..."): it helps the ranking, but a
     * summary states, it does not ask. */
    PRECIS_SKIP_QUESTION,
    /** It opens with a word that points back ("He", "But", "These"; the language's list) and
     * the sentence before it in its document is not in the summary. */
    PRECIS_SKIP_POINTS_BACK,
    /** It states a fact a chosen sentence states, in other words ('restate'): the trace's
     * duplicate_of is that sentence and similarity the share of its content found there. */
    PRECIS_SKIP_RESTATES,
    /** It fits what was left of a word or byte budget, but scores under half of the best
     * sentence that did not fit: the rest of the budget is left unused rather than filled
     * with a weak sentence. */
    PRECIS_SKIP_WEAK,
} precis_skip;

/** What happened to one sentence of the corpus (with 'explain' set). */
typedef struct precis_trace {
    size_t doc, index;
    /** Output form of the sentence. */
    const char *text;
    /** NULL for a candidate, else the rule that dropped it ("headline", "caption", ...). */
    const char *dropped;
    /** Candidates: TextRank score and rank (1 = best, as JSON says it); 0 for a sentence
     * dropped before ranking. */
    double score;
    size_t rank;
    /** Chosen for the summary. */
    int chosen;
    /** A candidate skipped as a near-duplicate (PRECIS_SKIP_DUPLICATE) or a restatement
     * (PRECIS_SKIP_RESTATES): the trace index of the chosen sentence it repeats, and the
     * cosine similarity or the share of content it restates; (size_t)-1 otherwise. */
    size_t duplicate_of;
    double similarity;
    /** Candidates not chosen: why (precis_skip); PRECIS_SKIP_NONE for the others. */
    precis_skip skipped;
    /** Paragraph number within the document (0-based; a blank line or a lone line ends one). */
    size_t paragraph;
    /** Candidates: cosine with the options' query (0 without one). */
    double relevance;
} precis_trace;

/** Number of traced sentences (every sentence found, in corpus order; 0 without 'explain'),
 * and the i-th. */
size_t precis_summary_trace_count(const precis_summary *s);
const precis_trace *precis_summary_trace(const precis_summary *s, size_t i);

/** A keyword or key phrase of the corpus (TextRank keywords, Mihalcea and Tarau 2004). */
typedef struct precis_keyword {
    /** Its most frequent spelling in the text, NUL-terminated, owned by the summary. */
    const char *text;
    size_t text_len;
    /** Mean PageRank score of its words in the word graph (all words' scores sum to 1). */
    double score;
    /** Times it occurs in the candidate sentences (a word: where it is not part of a longer
     * keyword). */
    size_t count;
} precis_keyword;

/** Number of keywords found (at most precis_options.keywords), and the i-th, best first (NULL if
 * out of range). No two share a word: variants ("Russia", "Russian", "Russia's military") are
 * folded into the one the text uses most. */
size_t precis_summary_keyword_count(const precis_summary *s);
const precis_keyword *precis_summary_keyword(const precis_summary *s, size_t i);

/** One input document as the summary saw it. Strings are owned by the summary. */
typedef struct precis_document {
    /** The name given to precis_corpus_add(). */
    const char *name;
    /** The headline found by the filter (output form), or NULL. */
    const char *title;
    /** Sentences found in it, and how many of them were candidates (not boilerplate). */
    size_t n_sentences;
    size_t n_candidates;
    /** Its size in bytes as given. */
    size_t bytes;
    /** The first wire dateline cut off one of its paragraphs ("TRIPOLI, Libya (AP)"), or
     * NULL. */
    const char *dateline;
    /** Its date in canonical ISO 8601 form ("2023-09-17", "2023-09-17T08:30:00+09:00"), or
     * NULL; and where it came from. */
    const char *date;
    precis_date_source date_source;
} precis_document;

/** Number of documents (as in the corpus), and the i-th (NULL if out of range). */
size_t precis_summary_document_count(const precis_summary *s);
const precis_document *precis_summary_document(const precis_summary *s, size_t i);

/** The language document 'doc' was summarized in, as its code ("en", "de", "zh"): the options'
 * language, or the one detected for it. A static string; NULL if 'doc' is out of range. */
const char *precis_summary_document_language(const precis_summary *s, size_t doc);

/* ---- sentences: the splitter's and the filter's view of a corpus (precis split) ------------ */

/** One sentence as the splitter found it. Strings are NUL-terminated and owned by the result. */
typedef struct precis_split_sentence {
    /** Document number, paragraph number within it (a blank line or a lone line ends one) and
     * sentence number within it, all 0-based. */
    size_t doc, paragraph, index;
    /** Byte offset and length of the sentence in the document's bytes as given. */
    size_t offset, length;
    /** Output form, as in precis_sentence.text. */
    const char *text;
    size_t text_len;
    /** NULL for a candidate (summary material), else the filter rule that dropped it
     * ("headline", "caption", ...). */
    const char *dropped;
    /** The wire dateline cut off the start of its paragraph ("TRIPOLI, Libya (AP)"), on the
     * paragraph's first sentence; NULL otherwise. */
    const char *dateline;
} precis_split_sentence;

typedef struct precis_sentences precis_sentences;

/** Splits every document of 'c' into sentences and runs the boilerplate filter, with the
 * language and limits of 'opt' (NULL for defaults); nothing is ranked. A corpus without any
 * sentence gives an empty result, not an error. Free '*out' with precis_sentences_free(). */
precis_status precis_split_corpus(const precis_corpus *c, const precis_options *opt,
                                  precis_sentences **out);

/** Frees 's'. Does nothing if 's' is NULL. */
void precis_sentences_free(precis_sentences *s);

/** Number of sentences, and the i-th in corpus order (NULL if out of range). */
size_t precis_sentences_count(const precis_sentences *s);
const precis_split_sentence *precis_sentences_get(const precis_sentences *s, size_t i);

/** The language document 'doc' was split in, as in precis_summary_document_language(). */
const char *precis_sentences_document_language(const precis_sentences *s, size_t doc);

/** Wall-clock milliseconds spent in pipeline stage 'i' (0 <= i < precis_stage_count()), and its
 * name ("split", "tokenize", ...). Used by the benchmarks. Stage 0, "load", is the time
 * precis_corpus_add() spent checking and copying the corpus's documents (before
 * precis_summarize() runs); "split" includes language detection and the filter, "select" the
 * building of the summary. */
size_t precis_stage_count(void);
const char *precis_stage_name(size_t i);
double precis_summary_stage_ms(const precis_summary *s, size_t i);

/* ---------------------------------------------------------------------------------------------
 * Languages: every Snowball stemmer of the libstemmer precis is linked with, plus Chinese,
 * Japanese and Korean (no stemmer: runs of their characters become character bigrams). */

/** One language. Strings are static. */
typedef struct precis_language {
    /** ISO 639-1 code ("de"); the Snowball name for a stemmer precis has no code for. */
    const char *code;
    /** English name ("German"). */
    const char *name;
    /** Snowball stemmer ("german"), or NULL where words are character bigrams. */
    const char *stemmer;
    /** Lines of the built-in stopword and abbreviation lists (0: none); Chinese, Japanese and
     * Korean use the English lists for Latin words in their text. */
    size_t n_stopwords;
    size_t n_abbreviations;
} precis_language;

/** Number of languages. */
size_t precis_language_count(void);

/** Fills '*out' with language 'i' (0 <= i < precis_language_count()); PRECIS_ERR_INVALID_ARG
 * when 'i' is out of range. (Macros, so that the library fills only the caller's struct.) */
#define precis_language_get(i, out) precis_language_get_size((i), (out), sizeof *(out))
precis_status precis_language_get_size(size_t i, precis_language *out, size_t size);

/** Fills '*out' with the language named 'name': its code ("de"), Snowball name ("german") or
 * English name ("German"), in any case; PRECIS_ERR_LANGUAGE when there is none. */
#define precis_language_find(name, out) precis_language_find_size((name), (out), sizeof *(out))
precis_status precis_language_find_size(const char *name, precis_language *out, size_t size);

/* ---------------------------------------------------------------------------------------------
 * Web pages and Markdown: the article's text and what the page says about itself */

/** What a document's bytes are (precis_input_detect(), precis_page_read()). */
typedef enum {
    /** Decide from the content: precis_input_detect(). */
    PRECIS_INPUT_AUTO = 0,
    /** Plain UTF-8 text, summarized as it is. */
    PRECIS_INPUT_TEXT,
    /** An HTML page: its article is extracted. */
    PRECIS_INPUT_HTML,
    /** CommonMark Markdown: the text of its paragraphs, headings, list items and quotes. */
    PRECIS_INPUT_MARKDOWN,
} precis_input;

/** What 'len' bytes at 'data' are, from their content: HTML when, after a byte-order mark,
 * white space and comments, they open with "<!doctype html", "<html", "<head" or "<body", or
 * when tags of HTML fill much of the first 64 KB; otherwise text (Markdown is never guessed:
 * plain text reads the same). Never PRECIS_INPUT_AUTO. */
precis_input precis_input_detect(const char *data, size_t len);

/** One page read: the article's text and its metadata. Strings are NUL-terminated, UTF-8,
 * owned by the page; a field the page does not give is NULL. */
typedef struct precis_page {
    /** The article body: paragraphs, headings and list items, one per paragraph, separated by
     * a blank line. The headline is not part of it. */
    const char *text;
    size_t text_len;
    /** The headline. */
    const char *title;
    /** The outlet ("The Daily Planet"). */
    const char *site;
    /** The author or authors, joined with ", ". */
    const char *author;
    /** The publication date in ISO 8601 ("2023-09-17" or "2023-09-17T08:30:00+09:00"). */
    const char *date;
    /** The canonical URL. */
    const char *url;
    /** The page's own summary (description meta tag). */
    const char *description;
    /** The declared language ("en-GB"). */
    const char *language;
    /** The character set the bytes were read as ("utf-8", "windows-1252"; NULL for
     * Markdown). */
    const char *charset;
    /** Nonzero when the page nested elements deeper than the parser reads (4,096 levels): what
     * lies deeper was left out. */
    int truncated;
} precis_page;

/** Reads 'len' bytes at 'data' as 'kind' (PRECIS_INPUT_AUTO: precis_input_detect()) into
 * '*out'. HTML: the character set is the byte-order mark's, else UTF-8 when the bytes are
 * valid UTF-8, else the one a <meta> declares, else Windows-1252, converted with iconv (bytes it
 * cannot convert become U+FFFD); entities are decoded; scripts, styles, templates, comments and
 * hidden elements are never text; the article is found among the page's blocks (README, "Web
 * pages"). Markdown: CommonMark; its first heading is the title. Text: the bytes are checked as
 * precis_corpus_add() does and become 'text'. Errors: PRECIS_ERR_BINARY (NUL bytes),
 * PRECIS_ERR_EMPTY (no article text), PRECIS_ERR_UTF8 and the like for text, PRECIS_ERR_NOMEM.
 * Free '*out' with precis_page_free(). */
precis_status precis_page_read(const char *data, size_t len, precis_input kind,
                               precis_page **out);

/** Frees 'p'. Does nothing if 'p' is NULL. */
void precis_page_free(precis_page *p);

#if defined(__GNUC__) && __GNUC__ >= 4
#pragma GCC visibility pop
#endif

#ifdef __cplusplus
}
#endif

#endif
