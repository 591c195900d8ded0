/* Private types shared by the pipeline stages, and each stage's entry point. Never installed;
 * the CLI does not include it. */
#ifndef PRECIS_INTERNAL_H
#define PRECIS_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <utf8proc.h>

#include "precis.h"

/* ---- allocation: every heap allocation of the library goes through these --------------- */

/* Test builds (-DPRECIS_FAULT_INJECTION) can make the k-th allocation fail, to check every
 * out-of-memory path (tests/test_oom.c); the release library has no such state. */
#ifdef PRECIS_FAULT_INJECTION
/** Counts one allocation; true when it is the one that must fail. */
bool precis_fault_next(void);
/** From now on, fail only the k-th allocation (k >= 1), or none (k = 0); resets the count. */
void precis_fault_fail_at(unsigned long k);
/** Allocations counted since the last precis_fault_fail_at(). */
unsigned long precis_fault_count(void);
/** Whether the allocation chosen to fail has been reached. */
bool precis_fault_hit(void);
#else
static inline bool precis_fault_next(void)
{
    return false;
}
#endif

void *precis_malloc(size_t size);
void *precis_calloc(size_t n, size_t size);
void *precis_realloc(void *p, size_t size);
char *precis_strdup(const char *s);

/* ---- arena: many small allocations freed at once --------------------------------------- */

typedef struct precis_arena_block precis_arena_block;
typedef struct precis_arena {
    precis_arena_block *head;
    size_t used, cap;
} precis_arena;

void precis_arena_init(precis_arena *a);
/** 16-byte aligned, NULL when out of memory or when 'size' overflows. */
void *precis_arena_alloc(precis_arena *a, size_t size);
char *precis_arena_strndup(precis_arena *a, const char *s, size_t len);
void precis_arena_destroy(precis_arena *a);

/** Overflow-checked a * b; false when it overflows. */
static inline bool precis_mul_ok(size_t a, size_t b, size_t *out)
{
    if (b != 0 && a > SIZE_MAX / b)
        return false;
    *out = a * b;
    return true;
}

/** Grows '*buf' (of '*cap' elements of 'size' bytes) to hold at least 'need' elements.
 * Doubles, so pushes are amortized O(1). Returns false (buffer untouched) on overflow/OOM. */
bool precis_grow(void **buf, size_t *cap, size_t need, size_t size);

/* ---- progress -------------------------------------------------------------------------- */

/** Where long loops report how far they are (the options' callback); 'fn' may be NULL. Only
 * the calling thread (job 0 of a parallel stage) reports. */
typedef struct precis_progress {
    void (*fn)(void *ctx, const char *stage, double done);
    void *ctx;
} precis_progress;

static inline void precis_report(const precis_progress *p, const char *stage, size_t i, size_t n)
{
    if (p != NULL && p->fn != NULL && n > 0 && (i & 4095) == 0)
        p->fn(p->ctx, stage, (double)i / (double)n);
}

/* ---- word lists compiled from stopwords/ (src/gen_data.sh) ------------------------------ */

extern const char *const precis_data_en_txt[];
extern const size_t precis_data_en_txt_count;
extern const char *const precis_data_en_abbrev[];
extern const size_t precis_data_en_abbrev_count;
extern const char *const precis_data_rouge_smart_txt[];
extern const size_t precis_data_rouge_smart_txt_count;
extern const char *const precis_data_rouge_wordnet_exc_tsv[];
extern const size_t precis_data_rouge_wordnet_exc_tsv_count;

/** Every compiled list by its file name ("de.txt", "ru.abbrev"). */
typedef struct precis_data_file {
    const char *name;
    const char *const *lines;
    size_t n;
} precis_data_file;
extern const precis_data_file precis_data_files[];
extern const size_t precis_data_files_count;

/* ---- languages (lang.c) ------------------------------------------------------------------ */

#define PRECIS_MAX_LANGS 64 // detection keeps a bit per language

typedef enum precis_script {
    PRECIS_SCRIPT_NONE, // not a letter, or a script no language here is written in
    PRECIS_SCRIPT_LATIN,
    PRECIS_SCRIPT_GREEK,
    PRECIS_SCRIPT_CYRILLIC,
    PRECIS_SCRIPT_ARMENIAN,
    PRECIS_SCRIPT_HEBREW,
    PRECIS_SCRIPT_ARABIC,
    PRECIS_SCRIPT_DEVANAGARI,
    PRECIS_SCRIPT_TAMIL,
    PRECIS_SCRIPT_HANGUL,
    PRECIS_SCRIPT_KANA,
    PRECIS_SCRIPT_HAN,
    PRECIS_SCRIPT_COUNT
} precis_script;

/** One language: static strings and compiled word lists. */
typedef struct precis_lang {
    const char *code;    // ISO 639-1, or the Snowball name for a stemmer precis has no entry for
    const char *name;    // English name
    const char *stemmer; // Snowball name; NULL for Chinese, Japanese, Korean (bigrams only)
    const char *const *stop; // stopword list lines (English for the CJK languages)
    size_t n_stop;
    const char *const *abbrev; // abbreviation list lines, or NULL
    size_t n_abbrev;
    const char *const *point; // words that point back to the sentence before (lines), or NULL
    size_t n_point;
    const char *const *verbs; // general verbs that are not keywords (list lines), or NULL
    size_t n_verbs;
    precis_script script, script2; // written in (script2: also in, or NONE)
    bool semicolon_question;       // ';' is the question mark (Greek)
    bool ordinal_dot;              // "am 3. Oktober": a number and a full stop is an ordinal
    unsigned split_flags;          // PRECIS_SPLIT_*: the script's other sentence ends
} precis_lang;

/** Number of languages (those libstemmer has, and zh, ja, ko), and the i-th; false when 'i' is
 * out of range. The order is stable for one libstemmer. */
size_t precis_lang_count(void);
bool precis_lang_at(size_t i, precis_lang *out);
/** The index of the language named 'name' (ISO code, Snowball or English name, any case). */
bool precis_lang_find(const char *name, size_t *i);
/** The code point at byte 'i' of 's' ('n' bytes), its length in '*len'; an invalid byte is
 * U+FFFD of length 1. ASCII without a call. */
static inline int32_t precis_decode(const char *s, size_t n, size_t i, size_t *len)
{
    if ((unsigned char)s[i] < 0x80) {
        *len = 1;
        return (unsigned char)s[i];
    }
    utf8proc_int32_t cp;
    utf8proc_ssize_t k =
        utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
    if (k <= 0) {
        *len = 1;
        return 0xFFFD;
    }
    *len = (size_t)k;
    return cp;
}

/** A letter (Unicode categories Lu, Ll, Lt, Lm, Lo); ASCII without a call. */
static inline bool precis_is_letter(int32_t c)
{
    if (c < 0x80)
        return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    utf8proc_category_t cat = utf8proc_category(c);
    return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
}

/** Start of the code point that ends just before byte 'i' (> 0). */
static inline size_t precis_prev_start(const char *s, size_t i)
{
    do
        i--;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80);
    return i;
}

/** Appends the lower case of code point 'c' to 'buf' (at '*n', capacity 'cap'); false when it
 * does not fit. Inline: language detection calls it for every letter it reads. */
static inline bool precis_put_lower(char *buf, size_t *n, size_t cap, int32_t c)
{
    if (c < 0x80) {
        if (*n + 1 > cap)
            return false;
        buf[(*n)++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        return true;
    }
    utf8proc_uint8_t tmp[4];
    utf8proc_ssize_t k = utf8proc_encode_char(utf8proc_tolower(c), tmp);
    if (k <= 0 || *n + (size_t)k > cap)
        return false;
    memcpy(buf + *n, tmp, (size_t)k);
    *n += (size_t)k;
    return true;
}

size_t precis_lang_english(void);
/** The script letter 'c' is written in: the one list of script ranges (lang.c). */
precis_script precis_script_of(int32_t c);

/** Text written without spaces between words, where a character is a word (Han and kana);
 * below U+3040 there is none, so the common case costs one comparison. */
static inline bool precis_is_han_kana(int32_t c)
{
    if (c < 0x3040)
        return false;
    precis_script s = precis_script_of(c);
    return s == PRECIS_SCRIPT_HAN || s == PRECIS_SCRIPT_KANA;
}

/** Detection's table of every stopword, generated at build time by src/tools/gen_detect.c:
 * open addressing on precis_hash() with linear probing; slots hold an entry's index + 1 (0 =
 * empty); an entry's 'mask' has bit i set when list precis_detect_codes[i] holds the word. */
typedef struct precis_detect_entry {
    const char *word;
    uint32_t len;
    uint64_t mask;
} precis_detect_entry;
extern const char *const precis_detect_codes[];
extern const size_t precis_detect_n_codes;
extern const precis_detect_entry precis_detect_entries[];
extern const uint32_t precis_detect_slots[];
extern const size_t precis_detect_cap;

/** The languages as detection sees them; read-only once made, so threads may share it. */
typedef struct precis_detector precis_detector;
precis_status precis_detector_new(precis_detector **out);
void precis_detector_free(precis_detector *d);

/** What detection saw (tests and --explain). */
typedef struct precis_detect_stats {
    size_t words;        // words read
    precis_script script; // the script most letters are in
    double score;        // the chosen language's stopword score
    double english;      // English's
    bool guessed;        // too short, no clear stopwords, or the same few words: a guess
} precis_detect_stats;

/** The index of the language of 'text' (its first 4 KB, at most 300 words: DETECT_BYTES and
 * DETECT_MAX_WORDS in lang.c): the script most letters are in,
 * then among the languages written in it the one whose stopwords its words are most. Latin
 * text under 20 words, or not clearly another language, is English. 'stats' may be NULL. */
size_t precis_detect_language(const precis_detector *d, const char *text, size_t len,
                              precis_detect_stats *stats);

/* ---- a set of strings (stopwords, abbreviations) ---------------------------------------- */

typedef struct precis_strset {
    char **slots; // open addressing, NULL = empty
    size_t n, cap;
    precis_arena arena;
} precis_strset;

void precis_strset_init(precis_strset *s);
void precis_strset_destroy(precis_strset *s);
precis_status precis_strset_add(precis_strset *s, const char *w, size_t len);
bool precis_strset_has(const precis_strset *s, const char *w, size_t len);
/** A word list's line '*line' ('len' bytes) without its '#' comment and surrounding blanks:
 * moves '*line' to its first character and returns its length (0: nothing on the line). */
size_t precis_list_entry(const char **line, size_t len);

/** Adds every line of a word list ('n' lines): '#' starts a comment, surrounding blanks are
 * trimmed (precis_list_entry()). */
precis_status precis_strset_add_array(precis_strset *s, const char *const *lines, size_t n);

/** 64-bit FNV-1a, used by every hash table here. */
uint64_t precis_hash(const char *s, size_t len);

/* ---- dates (date.c) ---------------------------------------------------------------------- */

typedef struct precis_date {
    int64_t when; // seconds since 1970-01-01T00:00:00Z; a date without a time is its 00:00 UTC
    char text[32]; // canonical form: "2023-09-17" or "2023-09-17T08:30:00+09:00"
} precis_date;

/** Parses an ISO 8601 date, 'len' bytes at 's': YYYY-MM-DD, optionally followed by THH:MM,
 * :SS (and a fraction), and Z or +HH:MM / -HH:MM (no zone: UTC). False, with a one-line
 * reason in 'err', when it is not of that form or names no real day or time (2023-02-30). */
bool precis_date_parse(const char *s, size_t len, precis_date *out, char *err, size_t err_cap);

/** The first full date, with its year, written in 'text' ('len' bytes): "2023-09-17",
 * "September 17, 2023", "Sept. 17 2023", "17 September 2023" (English month names and their
 * abbreviations, any case, a weekday before it or not). False when there is none. */
bool precis_date_find(const char *text, size_t len, precis_date *out);

/* ---- 1. load: one document ------------------------------------------------------------- */

typedef struct precis_doc {
    char *name;
    char *text; // the document's bytes as given, less a leading UTF-8 BOM; NUL-terminated
    size_t len;
    size_t base; // bytes skipped at the start (the BOM), added back to reported offsets
    precis_date date; // given with precis_corpus_set_date(), when 'dated'
    bool dated;
} precis_doc;

/** Checks that 'data' is UTF-8 text (not binary, not UTF-16) and fills 'doc' with a copy.
 * On failure writes a one-line reason with the byte offset into 'err' (size 'err_cap'). */
precis_status precis_load_document(const char *name, const char *data, size_t len,
                                   precis_doc *doc, char *err, size_t err_cap);
/** Length of the valid UTF-8 sequence at 's' (at most 'n' bytes; 1 for ASCII), or 0 if it is
 * invalid: overlong forms, surrogates and code points above U+10FFFF are rejected (RFC 3629). */
size_t precis_utf8_seq(const unsigned char *s, size_t n);
/** Whether 's' is well-formed UTF-8 (no overlong forms, surrogates or code points past
 * U+10FFFF), as documents must be. */
bool precis_utf8_valid(const char *s, size_t len);
void precis_doc_destroy(precis_doc *doc);

/* ---- line breaks the output form joins without a space (src/wrap.c) --------------------- */

/** Text written without spaces between words, which may wrap between any two characters: Han,
 * kana, CJK punctuation and fullwidth forms; not Hangul (Korean puts spaces between words) and
 * not U+3000 (the ideographic space is white space). */
static inline bool precis_is_cjk_text(int32_t c)
{
    // Its own ranges, not precis_is_han_kana(): the splitter calls it in its inner loop, where a
    // call into lang.c cost 7% of the splitter's instructions (callgrind, 20k sentences).
    return c >= 0x3001 &&
           ((c <= 0x30FF) || (c >= 0x31F0 && c <= 0x31FF) || (c >= 0x3400 && c <= 0x4DBF) ||
            (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
            (c >= 0xFF01 && c <= 0xFF9F) || (c >= 0x20000 && c <= 0x3FFFF));
}

/** What a line break inside a sentence becomes in its output form (precis_break_kind()). */
enum { PRECIS_BREAK_CJK = 1, PRECIS_BREAK_HYPHEN = 2 };

/** Longest folded word a hyphen break is looked up with; longer ones keep their hyphen. */
#define PRECIS_HYPHEN_KEY_MAX 128

/** How the output form joins the white space [a, b) of 's' ('n' bytes), between the character
 * that ends at 'a' and the one that starts at 'b': 0 (one space, as always when the run holds
 * no line break), PRECIS_BREAK_CJK (nothing, between CJK text) or PRECIS_BREAK_HYPHEN (nothing
 * after "letter-", before a lower-case letter; the hyphen goes too when precis_hyphen_joined()). */
uint8_t precis_break_kind(const char *s, size_t n, size_t a, size_t b);

/** The word hyphenated at the break [a, b) of 's', lower-cased, into 'buf': joined
 * ("hyphenation") or with its hyphen ("hyphen-ation"). 0 when it does not fit in 'cap'. */
size_t precis_hyphen_key(const char *s, size_t n, size_t a, size_t b, bool hyphen, char *buf,
                         size_t cap);

/** Whether the hyphen break [a, b) of 's' is rejoined without its hyphen: its joined form is in
 * 'joins' (precis_hyphens_decide(); NULL: none is). */
bool precis_hyphen_joined(const precis_strset *joins, const char *s, size_t n, size_t a, size_t b);

/* ---- 2. split: documents -> paragraphs -> sentences -------------------------------------- */

/** Why a sentence is not summary material (filter stage); 0 keeps it. */
typedef enum {
    PRECIS_KEEP = 0,
    PRECIS_DROP_TITLE,        // the document's headline: helps scoring, never output
    PRECIS_DROP_NO_TERMINAL,  // no full stop, question or exclamation mark at its end
    PRECIS_DROP_PARENTHESIZED,// a whole paragraph in parentheses or brackets (editor's note)
    PRECIS_DROP_SHORT,        // too few words to stand alone
    PRECIS_DROP_CAPTION,      // a paragraph introduced by an all-capitals slug (photo caption)
    PRECIS_DROP_WEB,          // holds a URL, e-mail address or copyright line
    PRECIS_DROP_REPEATED,     // a short line found verbatim in several documents
    PRECIS_DROP_BYLINE,       // "By NAME" and similar credits
    PRECIS_DROP_NOT_PROSE,    // mostly digits, symbols or capitals: a table row, a list of names
    PRECIS_DROP_COUNT
} precis_drop;

const char *precis_drop_reason(precis_drop d);

/** Fewer words than this: not a sentence that can stand alone (PRECIS_DROP_SHORT). */
#define PRECIS_MIN_SENTENCE_WORDS 3

typedef struct precis_sent {
    uint32_t doc;   // document number
    uint32_t para;  // paragraph number within the document
    uint32_t index; // sentence number within the document
    uint32_t pos;   // sentence number among the document's kept sentences (set by filter)
    size_t off;     // byte span in the document's text (without the BOM)
    size_t len;
    size_t line_off, line_len; // the paragraph (line block) holding it
    bool para_first;           // first sentence of its paragraph
    bool para_last;            // last sentence of its paragraph
    bool slug;                 // a short all-capitals line ("FOREIGN TIES."), set by the filter
    bool ask;                  // a question or an interview marker: ranked, never output
    uint16_t dateline_len;     // first of its paragraph: the dateline cut off before it
                               // ("TRIPOLI, Libya (AP)") is [line_off, line_off + dateline_len)
    uint8_t drop;              // precis_drop
    uint8_t line_join;         // PRECIS_BREAK_* bits: line breaks its output joins without a space
    uint32_t n_words;          // whitespace-separated words of the output text
    uint32_t n_bytes;          // bytes of the output text
} precis_sent;

/** Longest dateline kept as metadata, in bytes. */
#define PRECIS_MAX_DATELINE 200

typedef struct precis_sents {
    precis_sent *v;
    size_t n, cap;
    size_t n_hyphen_breaks; // words hyphenated at a line's end (PRECIS_BREAK_HYPHEN)
} precis_sents;

/** Sentence ends particular to a language (precis_lang.split_flags). */
enum {
    PRECIS_SPLIT_COLON = 1,        // ':' is a full stop (Armenian writes it for '\u0589'; Arabic)
    PRECIS_SPLIT_ARABIC_COMMA = 2, // '\u060C' ends a clause as a sentence unless it lists words
    PRECIS_SPLIT_BEFORE_LOWER = 4, // a function word in lower case may start a sentence
};

/** Language data for splitting: abbreviations that do not end a sentence. */
typedef struct precis_abbrevs {
    precis_strset never_final; // titles and the like: "Mr", "Gen", "Lt" (never end a sentence)
    precis_strset maybe_final; // "U.S", "Inc", "etc": end one only before a clear new start
    precis_strset starters;    // lower-case function words that clearly start a sentence
    precis_strset name_final;  // "Inc", "Corp": maybe-final, and they end a name
    precis_strset after_name;  // "Tuesday": goes on with the sentence after such a name
    bool semicolon_question;   // ';' ends a sentence as a question mark (Greek)
    bool ordinal_dot;          // a number of 1-2 digits and '.' ends one only before a starter
    unsigned split_flags;      // PRECIS_SPLIT_*
} precis_abbrevs;

/** Reads an abbreviation list ('lines', see stopwords/en.abbrev) and the function words that
 * may start a sentence after an abbreviation ('starters', lower case). */
precis_status precis_abbrevs_init(precis_abbrevs *ab, const char *const *lines, size_t n,
                                  const char *const *starters, size_t n_starters);
void precis_abbrevs_destroy(precis_abbrevs *ab);

/** Appends the sentences of document 'doc_no' ('text', 'len' bytes) to 'out'. Spans point
 * into 'text'; trailing credits and datelines are cut off the spans. */
precis_status precis_split_document(const char *text, size_t len, uint32_t doc_no,
                                    const precis_abbrevs *ab, precis_sents *out);

/* ---- 3. filter: keep sentences, drop boilerplate ----------------------------------------- */

/** Stage 3 over the corpus: marks every sentence's 'drop' and counts words and bytes. 'docs'
 * ('n_docs') are the documents the sentences point into. Runs the two steps below, the first
 * on up to 'threads' threads (whole documents each) for a large corpus. */
precis_status precis_filter_sentences(const precis_doc *docs, size_t n_docs, precis_sents *s,
                                      size_t threads);

/** The rules that look at one paragraph at a time, on whole paragraphs [begin, end). */
precis_status precis_filter_shapes(const precis_doc *docs, precis_sents *s, size_t begin,
                                   size_t end);

/** The rule across documents: short lines repeated verbatim. */
precis_status precis_filter_repeated(const precis_doc *docs, precis_sents *s);

/** Writes the output form of a sentence (NFC, white space collapsed) to 'out' (cap 'cap'),
 * returning its length, or (size_t)-1 when it does not fit. NULL 'out' just measures. Line
 * breaks between CJK text and after a hyphenated word's first part become nothing
 * (precis_break_kind()); the hyphen stays. */
size_t precis_sentence_text(const char *src, size_t len, char *out, size_t cap);

/** The same, with the hyphenated words that 'joins' holds rejoined without their hyphen. */
size_t precis_sentence_render(const char *src, size_t len, const precis_strset *joins, char *out,
                              size_t cap);

/** The same for a span that holds no line break to join (precis_sent.line_join == 0): the
 * same result, through a loop that does not look for one (the filter measures every sentence
 * of the corpus). */
size_t precis_sentence_plain(const char *src, size_t len, char *out, size_t cap);

/** When the splitter met words hyphenated at a line's end (ss->n_hyphen_breaks), reads the
 * corpus for their spellings and puts in 'joins' those to rejoin: the joined form ("hyphenation",
 * any case) seen more often than the hyphenated one; then corrects those sentences' n_bytes. */
precis_status precis_hyphens_decide(const precis_doc *docs, size_t n_docs, precis_sents *ss,
                                    precis_strset *joins);

/* ---- 4. tokenize ------------------------------------------------------------------------ */

typedef struct precis_tokenizer precis_tokenizer;

/** A tokenizer for 'language' with the given stopword list text (NULL: built-in list). */
precis_status precis_tokenizer_new(const char *language, const char *stopwords,
                                   size_t stopwords_len, precis_tokenizer **out);
void precis_tokenizer_free(precis_tokenizer *t);

/** Calls 'emit' for every content word of 'text' (case-folded, NFKC, stemmed, stopwords
 * dropped). 'emit' returns false to stop with PRECIS_ERR_NOMEM. 'memo' (NULL for CJK bigrams)
 * is a slot kept with the word in the tokenizer's cache, UINT32_MAX until the caller stores
 * something there (the term's id), valid during the call only. */
typedef bool (*precis_token_fn)(void *ctx, const char *term, size_t len, uint32_t *memo);
precis_status precis_tokenize(precis_tokenizer *t, const char *text, size_t len,
                              precis_token_fn emit, void *ctx);

/** Every word of 'text' in order, for the keyword stage: its byte span in 'text' and its stem,
 * or a NULL stem (length 0) for a stopword, a single letter or digit, or a CJK character.
 * 'word' returns false to stop with PRECIS_ERR_NOMEM. */
typedef bool (*precis_word_fn)(void *ctx, size_t off, size_t len, const char *stem,
                               size_t stem_len);
precis_status precis_tokenize_words(precis_tokenizer *t, const char *text, size_t len,
                                    precis_word_fn word, void *ctx);

/* ---- 5. tfidf: sparse sentence-by-term matrix ------------------------------------------- */

/** Compressed sparse rows: row i holds columns col[ptr[i]..ptr[i+1]) with values val. */
typedef struct precis_csr {
    size_t n_rows, n_cols, nnz;
    size_t *ptr;
    uint32_t *col;
    float *val;
} precis_csr;

void precis_csr_destroy(precis_csr *m);

/** A term dictionary: open-addressing hash table of strings to dense ids. */
typedef struct precis_vocab {
    uint32_t *slots; // id + 1, 0 = empty
    size_t cap;
    char **terms;
    uint32_t *term_len;
    size_t n, terms_cap;
    precis_arena arena;
} precis_vocab;

void precis_vocab_init(precis_vocab *v);
void precis_vocab_destroy(precis_vocab *v);
/** The id of 'term', added if new; (uint32_t)-1 when out of memory. */
uint32_t precis_vocab_id(precis_vocab *v, const char *term, size_t len);
/** The id of 'term', or UINT32_MAX when the vocabulary does not hold it. */
uint32_t precis_vocab_find(const precis_vocab *v, const char *term, size_t len);

/** Raw term counts per sentence, built row by row. */
typedef struct precis_counts {
    size_t n_rows;
    size_t *ptr; // n_rows + 1
    uint32_t *col;
    uint32_t *cnt;
    size_t nnz, cap, ptr_cap;
} precis_counts;

void precis_counts_destroy(precis_counts *c);

/** Appends a row holding the term ids 'ids' (sorted in place; repeats are counted). */
precis_status precis_counts_add_row(precis_counts *c, uint32_t *ids, size_t n);

/** qsort comparison of uint32_t values. */
int precis_cmp_u32(const void *a, const void *b);

/** Turns counts into L2-normalized TF-IDF rows: tf = 1 + ln(count), idf = ln((1 + N) /
 * (1 + df)) + 1 over the N rows. Rows with no terms stay empty. */
precis_status precis_tfidf_build(const precis_counts *c, size_t n_terms, precis_csr *out);

/** The inverse document frequency of a term held by 'df' of 'n' sentences: ln((1 + n) / (1 +
 * df)) + 1, the weight precis_tfidf_build() gives it and the restatement test reads. */
double precis_idf(size_t n, size_t df);

/* ---- 6. graph: similarities ------------------------------------------------------------ */

/** A weighted undirected graph in CSR form (both directions stored), no self loops. */
typedef struct precis_graph {
    size_t n;
    size_t *ptr;
    uint32_t *adj;
    float *w;
} precis_graph;

void precis_graph_destroy(precis_graph *g);

/** Cosine-similarity graph of the rows of 'x' (already L2-normalized): an edge for every pair
 * with similarity >= 'threshold' (and > 0), through 'path' (a precis_graph_kind:
 * PRECIS_GRAPH_AUTO takes dense BLAS for small inputs, else the pruned path; tests force each
 * path and compare them). 'threads' as in precis_thread_count(); 'progress' may be NULL. */
precis_status precis_graph_build_with(const precis_csr *x, double threshold, int path,
                                      size_t threads, const precis_progress *progress,
                                      precis_graph *g);

/** Parameters of the pruned graph: each row's 'k' best neighbours, found through the terms
 * whose pair work (df^2, rarest first) fits in 'work'; 'threads' as in precis_thread_count();
 * rows' candidates are summed in an accumulator up to 'acc_max_rows' rows, by merging sorted
 * runs above (the same sums: tests compare the two). */
typedef struct precis_prune {
    size_t k;
    double work;
    size_t threads;
    size_t acc_max_rows;
} precis_prune;

precis_status precis_graph_build_pruned(const precis_csr *x, double threshold,
                                        const precis_prune *prune,
                                        const precis_progress *progress, precis_graph *g);

/** Cosine similarity of rows 'i' and 'j' of 'x' (sorted columns). */
double precis_csr_dot(const precis_csr *x, size_t i, size_t j);

/** 't' = the transpose of 'x' (term -> rows, sorted), for precis_csr_similar(). */
precis_status precis_csr_transpose(const precis_csr *x, precis_csr *t);

/** Similarity of row 'row' to every row sharing a term with it, through the transpose 't':
 * adds it to acc[i] (zero before; the caller zeroes it again after) and lists each such i once
 * in 'touched' (row itself included); returns how many. acc[i] then equals
 * precis_csr_dot(x, row, i) to the bit: the same products added in the same column order. */
size_t precis_csr_similar(const precis_csr *x, const precis_csr *t, size_t row, double *acc,
                          uint32_t *touched);

/** Both halves of the restatement test of 'row' against every row sharing a column with it,
 * as precis_csr_similar() (the same 'acc' to the bit, the same 'touched'), and per touched
 * row the sum of 'weight' over the shared columns ('shared'), how many ('count') and how many
 * of them 'number' marks ('numbers'; NULL: none). Every array is added to, never cleared. */
size_t precis_csr_overlap(const precis_csr *x, const precis_csr *t, size_t row,
                          const float *weight, const bool *number, double *acc, double *shared,
                          uint32_t *count, uint32_t *numbers, uint32_t *touched);

/* ---- 7. rank: TextRank ----------------------------------------------------------------- */

/** Weighted PageRank: 'score' (n) gets the stationary distribution with damping 'd' and the
 * teleport distribution 'teleport' (NULL = uniform; must sum to 1). Stops when the L1 change
 * falls below 'tol' or after 'max_iter' iterations; reports both. Scores sum to 1. Runs on
 * 'threads' threads (0 = all processors) for a large graph; the scores do not depend on it. */
precis_status precis_rank_textrank_threads(const precis_graph *g, double d,
                                           const double *teleport, double tol, size_t max_iter,
                                           size_t threads, double *score, size_t *iterations,
                                           double *delta);

/** Graphs with at least this many nodes are relabelled in breadth-first order before the
 * iterations, for cache locality (scores no longer fit in a core's L2 cache above it). */
#define PRECIS_RANK_RELABEL_MIN 131072

/** The same with the relabelling forced (1), forbidden (0) or chosen by size (-1); the
 * scores are the same to the bit either way (tests compare them). */
precis_status precis_rank_textrank_relabel(const precis_graph *g, double d,
                                           const double *teleport, double tol, size_t max_iter,
                                           size_t threads, int relabel_nodes, double *score,
                                           size_t *iterations, double *delta);

/* ---- 8. select ------------------------------------------------------------------------- */

typedef struct precis_selection {
    size_t *chosen; // candidate indexes in order of choice
    size_t n_chosen;
    // With opt->explain only (else NULL): per candidate, why it was not chosen (precis_skip),
    // and for PRECIS_SKIP_DUPLICATE the chosen candidate it duplicated and the similarity.
    uint8_t *skip;
    size_t *dup_of;
    double *dup_sim;
    // Per candidate not chosen, always: the chosen candidate it restates (PRECIS_SKIP_RESTATES
    // with explain), SIZE_MAX for none, and the share of its content found there.
    size_t *restates;
    double *restate_share;
} precis_selection;

typedef struct precis_select_input {
    size_t n;              // candidates
    const double *score;   // TextRank score per candidate
    const uint32_t *words; // words per candidate
    const uint32_t *bytes; // bytes per candidate (without the newline)
    const bool *eligible;  // may be output (long enough); others never chosen
    const precis_csr *x;   // TF-IDF rows, for redundancy
    const uint32_t *pos;   // position for tie breaks (global order)
    const precis_csr *xt;  // its transpose (precis_csr_transpose)
    // Per candidate, or NULL: SIZE_MAX when it stands on its own, else it opens with a word
    // that points back and may be chosen only once the candidate it points to (the sentence
    // before it in its document) is; PRECIS_NO_ANTECEDENT when that sentence is no candidate.
    const size_t *antecedent;
    // Per term (column of x), or NULL for none: the term is a number. A sentence that holds a
    // number the other lacks states another fact (a toll of 32, then of 357).
    const bool *term_number;
} precis_select_input;

/** precis_select_input.antecedent: points back to a sentence that can never be chosen. */
#define PRECIS_NO_ANTECEDENT (SIZE_MAX - 1)

precis_status precis_select(const precis_select_input *in, const precis_options *opt,
                            precis_selection *out);
void precis_selection_destroy(precis_selection *s);

/* ---- keywords ---------------------------------------------------------------------------- */

typedef struct precis_keywords {
    precis_keyword *v; // best first
    size_t n;
    char *text; // every keyword's text, NUL-terminated
} precis_keywords;

/** The 'want' best TextRank keywords of the sentences 'texts[i]' ('lens[i]' bytes each),
 * tokenized for 'language' with the stopword list 'stopwords' (NULL: built-in). Fewer when the
 * text has fewer; none when 'want' is 0. Free with precis_keywords_destroy(). */
precis_status precis_keywords_extract(const char *const *texts, const size_t *lens, size_t n,
                                      const char *language, const char *stopwords,
                                      size_t stopwords_len, size_t want, precis_keywords *out);
void precis_keywords_destroy(precis_keywords *k);

/* ---- threads (parallel.c) --------------------------------------------------------------- */

#define PRECIS_MAX_THREADS 8

/** Threads to use: 'wanted', or the online processors when 'wanted' is 0; at most 8. */
size_t precis_thread_count(size_t wanted);

/** Runs fn(&jobs[i]) for the 'n_jobs' jobs of 'job_size' bytes, one thread each (job 0 on the
 * calling thread); returns when all are done. */
void precis_run_jobs(size_t n_jobs, void *(*fn)(void *), void *jobs, size_t job_size);

/** Corpora under this many bytes are split, filtered and detected on the calling thread. */
#define PRECIS_PARALLEL_MIN_BYTES ((size_t)1 << 20)

/** Shares documents [0, n) out among at most 'threads' jobs (one when the corpus is small): job
 * j gets the documents [bounds[j], bounds[j + 1]), consecutive ranges of about equal bytes.
 * Returns the number of jobs (0 when n is 0); 'bounds' holds PRECIS_MAX_THREADS + 1. */
size_t precis_slice_documents(const precis_doc *docs, size_t n, size_t threads, size_t *bounds);

/* ---- timing ---------------------------------------------------------------------------- */

enum { PRECIS_STAGE_LOAD, PRECIS_STAGE_SPLIT, PRECIS_STAGE_TOKENIZE, PRECIS_STAGE_TFIDF,
       PRECIS_STAGE_GRAPH, PRECIS_STAGE_RANK, PRECIS_STAGE_SELECT, PRECIS_STAGE_COUNT };

double precis_now_ms(void);

/** malloc() for large arrays that are read or written at random: 2 MiB-aligned and marked for
 * transparent huge pages (fewer TLB misses). Free with free(). */
void *precis_alloc_large(size_t bytes);

/* ---- the pipeline's objects (api.c reads them, summarize.c and output.c fill them) ------- */

/** The input limit when precis_options.max_input_bytes is 0 (2 GiB). The CLI spells the same
 * value where it checks its input before loading (it cannot include this header). */
#define PRECIS_DEFAULT_MAX_INPUT_BYTES ((size_t)2 << 30)

/** The load stage's output: the documents, checked and copied. */
struct precis_corpus {
    precis_doc *docs;
    size_t n, cap;
    size_t total_bytes;
    char error[160];
    double load_ms; // time precis_corpus_add() spent loading (the "load" stage)
};

struct precis_summary {
    precis_sentence *sent;
    size_t n;
    precis_support *support;
    char *text;
    size_t n_sentences, n_candidates, iterations;
    double stage_ms[PRECIS_STAGE_COUNT];
    precis_trace *trace;
    size_t n_trace;
    char *trace_text;
    precis_keywords keywords;
    precis_document *docs;
    size_t n_docs;
    char *doc_text; // the documents' names and titles
    const char **doc_lang; // per document: the language's code (static strings)
    char *doc_dates;       // the documents' dates, 32 bytes each (precis_date.text)
    precis_order order;    // as applied (never PRECIS_ORDER_AUTO)
    precis_query_status query_status;
    size_t *query_words; // every sentence's query words: (offset, length) pairs
};

struct precis_sentences {
    precis_split_sentence *v;
    size_t n;
    char *text;
    const char **doc_lang; // per document: the language's code (static strings)
    size_t n_docs;
};

/** PRECIS_OK when every option is in range, else PRECIS_ERR_INVALID_ARG. */
precis_status precis_options_check(const precis_options *o);
/** A caller's options as this library's struct (see precis_options.size), then checked. */
precis_status precis_options_read(const precis_options *in, precis_options *out);

/* ---- the spine: each stage over the whole corpus, in the order summarize.c runs them ------ */

/** Before the split (lang.c): each document's language into 'doc_lang' (n entries, precis_lang_at()
 * indexes): 'language' for all when not NULL (PRECIS_ERR_LANGUAGE when unknown), else each
 * document's own, detected (on threads for a large corpus). */
precis_status precis_detect_documents(const precis_doc *docs, size_t n, const char *language,
                                      size_t threads, uint8_t *doc_lang);

/** Stage 2 (sentences.c): every document split into sentences, in document order, into 'out'
 * (empty before). PRECIS_ERR_TOO_LARGE above 'max_sent' sentences. */
precis_status precis_split_corpus_sentences(const precis_doc *docs, size_t n_docs,
                                            const uint8_t *doc_lang, size_t max_sent,
                                            size_t threads, const precis_progress *progress,
                                            precis_sents *out);

/** Stage 3 (filter.c): the candidates, the sentences the filter kept ('*cand', indexes into
 * 'ss', caller frees), numbered within their documents (precis_sent.pos). When it kept none,
 * the lines without sentence punctuation long enough to stand alone are taken instead;
 * PRECIS_ERR_NO_SENTENCES when there are none either. */
precis_status precis_filter_candidates(precis_sents *ss, size_t **cand, size_t *n_cand);

/** The candidates as every later stage reads them: sentence 'cand[k]' of 'sents' (k < n), in
 * the documents 'docs' whose languages are 'doc_lang', written out with the hyphen breaks in
 * 'joins' rejoined. Borrowed from the driver's run for the duration of a stage. */
typedef struct precis_candidates {
    const precis_doc *docs;
    size_t n_docs;
    const uint8_t *doc_lang;
    const precis_sents *sents;
    const precis_strset *joins;
    const size_t *cand;
    size_t n;
} precis_candidates;

static inline const precis_sent *precis_candidate(const precis_candidates *cd, size_t k)
{
    return &cd->sents->v[cd->cand[k]];
}

/* ---- query (query.c): relevance to the options' query, and the teleport toward it -------- */

typedef struct precis_query {
    double *relevance; // per candidate: cosine with the query; NULL when it is not used
    size_t n_terms;    // distinct query terms found in the corpus
    uint32_t *terms;   // their ids in the vocabulary, ascending
    precis_query_status status;
} precis_query;

/** Each candidate's relevance to opt->query (nothing when it is NULL), over the rows of the
 * TF-IDF matrix 'x' whose terms are 'vocab'. */
precis_status precis_query_relevance(const precis_candidates *cd, const precis_vocab *vocab,
                                     const precis_csr *x, const precis_options *opt,
                                     precis_query *out);
/** Mixes '*teleport' (NULL: uniform; allocated then) with the relevance distribution:
 * (1 - mix) * teleport + mix * relevance / sum(relevance). Nothing without relevance. */
precis_status precis_query_teleport(const precis_query *q, size_t n, double mix,
                                    double **teleport);
void precis_query_destroy(precis_query *q);
/** The words of 'text' (language 'lang_code') that are query terms, as (offset, length) pairs
 * appended to '*spans' ('*n' pairs so far, capacity '*cap'), for the report's highlighting. */
precis_status precis_query_words(const precis_query *q, const precis_vocab *vocab,
                                 const char *lang_code, const precis_options *opt,
                                 const char *text, size_t len, size_t **spans, size_t *n,
                                 size_t *cap);

/** The output form of sentence 'ps' of 'docs' (precis_sentence_render() when it has a line
 * break to join, else precis_sentence_plain()), as precis_sentence_text() returns it. */
size_t precis_sent_output(const precis_sent *ps, const precis_doc *docs,
                          const precis_strset *joins, char *out, size_t cap);

/** Each document's date (date.c): the one given with it, else the first full date written
 * between its start and the end of its first candidate (headline, date line, wire dateline,
 * lead). 'source' gets a precis_date_source per document, 'dates' the date where it has one. */
precis_status precis_dates_find_all(const precis_candidates *cd, precis_date *dates,
                                    uint8_t *source);

/** Stage 4 (token.c): every candidate's terms, a row of 'counts' each, their ids in 'vocab'
 * (empty before); on threads for many candidates, with the ids one thread would give. */
precis_status precis_tokenize_candidates(const precis_candidates *cd, const precis_options *opt,
                                         size_t threads, const precis_progress *progress,
                                         precis_vocab *vocab, precis_counts *counts);

/** Stage 7 (rank.c), before the iterations: the teleport distribution, uniform blended with
 * 'prior' of a distribution that favours each document's first candidates (news puts what
 * matters first); '*out' NULL (uniform) when 'prior' is 0. The caller frees '*out'. */
precis_status precis_rank_teleport(const precis_candidates *cd, double prior, double **out);

/** After the iterations: '*rank' (caller frees) gives each of the 'n' candidates its place by
 * 'score', 0 = best, ties to the earlier candidate. */
precis_status precis_rank_order(const double *score, size_t n, size_t **rank);

/** Stage 8 (select.c): the candidates that may be output, those that point back to the
 * sentence before them, and precis_select() over them, into 'sel'. Fills 'xt' with the
 * transpose of 'x'; '*antecedent' (caller frees) is per candidate what
 * precis_select_input.antecedent was, or NULL when no chosen order depends on one. */
precis_status precis_select_sentences(const precis_candidates *cd, const precis_vocab *vocab,
                                      const precis_csr *x, const double *score,
                                      const precis_options *opt, precis_csr *xt,
                                      precis_selection *sel, size_t **antecedent_out);

/** Provenance (select.c): per candidate, the place in 'picked' (the 'k' chosen candidates in
 * output order) of the chosen sentence of another document it supports, SIZE_MAX for none, and
 * the cosine similarity: a near-duplicate of its closest pick (>= 'dedup'), else a restatement
 * the selection recorded (>= 'restate'). */
precis_status precis_select_support(const precis_candidates *cd, const precis_csr *x,
                                    const precis_csr *xt, const precis_selection *sel,
                                    const precis_options *opt, const size_t *picked, size_t k,
                                    size_t *owner, double *owner_sim);

/** What the stages found, as output.c reads it: every pointer borrowed. */
typedef struct precis_results {
    const precis_options *opt;
    const precis_candidates *cd;
    const precis_date *dates;   // per document (stage 3's dates)
    const uint8_t *date_source; // per document: precis_date_source
    const precis_csr *x, *xt;   // TF-IDF rows and their transpose
    const double *score;        // per candidate (rank)
    const size_t *rank;         // per candidate (rank)
    size_t iterations;
    const precis_selection *sel;
    const size_t *antecedent; // per candidate, or NULL (precis_select_sentences())
    const precis_query *query; // relevance to the options' query (rank)
    const precis_vocab *vocab; // the corpus's terms (tokenize)
} precis_results;

/** Output (output.c): the summary, its sentences in the order asked for with their provenance,
 * the trace (with 'explain'), the documents and the keywords. Free with precis_summary_free();
 * the caller sets its stage timings. */
precis_status precis_summary_build(const precis_results *r, precis_summary **out);

/** Output of precis_split_corpus() (output.c): every sentence with the filter's verdict. */
precis_status precis_sentences_build(const precis_candidates *cd, precis_sentences **out);

#endif
