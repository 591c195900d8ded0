/* Stage 4: sentence text -> content terms. Words are runs of letters, digits and combining marks
 * (Unicode categories through utf8proc); an apostrophe between letters stays in the word
 * ("don't", "Kim's"), a hyphen splits it ("nuclear-capable" -> "nuclear", "capable": the parts
 * carry the topic and match the unhyphenated spelling), a full stop stays only inside numbers
 * and dotted initials ("3.5", "U.S"). Words are NFKC case-folded, the language's stopwords
 * (folded the same way) dropped, and the rest stemmed with its Snowball stemmer (English for
 * zh, ja, ko, which have none). Han, kana and Hangul have no spaces between words: a run of them
 * yields overlapping character bigrams. Stems are cached per surface form, so each distinct word
 * is folded and stemmed once. */
#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "internal.h"

typedef struct cache_entry {
    const char *word; // folded surface form
    const char *stem; // NULL: a stopword
    uint32_t word_len, stem_len;
    uint32_t memo; // the caller's (a term id), UINT32_MAX until set
    uint64_t hash;
} cache_entry;

struct precis_tokenizer {
    struct sb_stemmer *stemmer;
    precis_strset stop;
    cache_entry *cache;
    size_t cache_n, cache_cap;
    precis_arena arena;
    char *buf; // the current word, folded
    size_t buf_cap;
};

void precis_tokenizer_free(precis_tokenizer *t)
{
    if (t == NULL)
        return;
    if (t->stemmer != NULL)
        sb_stemmer_delete(t->stemmer);
    precis_strset_destroy(&t->stop);
    free(t->cache);
    free(t->buf);
    precis_arena_destroy(&t->arena);
    free(t);
}

static size_t fold(precis_tokenizer *t, const unsigned char *s, size_t a, size_t b);

/* Adds one stopword list line ('#' comment and blanks cut off), folded as words are, so that
 * "Für" in a list and "für" in a text meet. */
static precis_status add_stopword(precis_tokenizer *t, const char *w, size_t len)
{
    len = precis_list_entry(&w, len);
    if (len == 0)
        return PRECIS_OK;
    size_t fl = fold(t, (const unsigned char *)w, 0, len);
    if (fl == (size_t)-1)
        return PRECIS_ERR_NOMEM;
    return fl == 0 ? PRECIS_OK : precis_strset_add(&t->stop, t->buf, fl);
}

precis_status precis_tokenizer_new(const char *language, const char *stopwords,
                                   size_t stopwords_len, precis_tokenizer **out)
{
    *out = NULL;
    size_t index;
    precis_lang lang;
    if (!precis_lang_find(language ? language : "en", &index) || !precis_lang_at(index, &lang))
        return PRECIS_ERR_LANGUAGE;
    precis_tokenizer *t = precis_calloc(1, sizeof *t);
    if (t == NULL)
        return PRECIS_ERR_NOMEM;
    precis_strset_init(&t->stop);
    precis_arena_init(&t->arena);
    precis_status st = PRECIS_OK;
    // Chinese, Japanese, Korean: runs of their characters become bigrams, unstemmed; Latin
    // words among them are taken as English.
    t->stemmer = precis_fault_next() ? NULL
                                     : sb_stemmer_new(lang.stemmer ? lang.stemmer : "english",
                                                      "UTF_8");
    if (t->stemmer == NULL) {
        st = PRECIS_ERR_NOMEM; // the stemmer is listed, so only memory can fail
        goto fail;
    }
    if (stopwords != NULL) {
        for (size_t i = 0; i < stopwords_len && st == PRECIS_OK;) {
            const char *nl = memchr(stopwords + i, '\n', stopwords_len - i);
            size_t end = nl ? (size_t)(nl - stopwords) : stopwords_len;
            st = add_stopword(t, stopwords + i, end - i);
            i = end + 1;
        }
    } else {
        for (size_t i = 0; i < lang.n_stop && st == PRECIS_OK; i++)
            st = add_stopword(t, lang.stop[i], strlen(lang.stop[i]));
    }
    if (st != PRECIS_OK)
        goto fail;
    *out = t;
    return PRECIS_OK;
fail:
    precis_tokenizer_free(t);
    return st;
}

/* ---- characters ------------------------------------------------------------------------ */

static bool is_word_cat(utf8proc_category_t c)
{
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
           (c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME) || c == UTF8PROC_CATEGORY_ND;
}

/* Tokenized as overlapping bigrams: Han and kana (no spaces between words) and Hangul. */
static inline bool is_cjk(int32_t c)
{
    if (c < 0x3040)
        return false;
    precis_script s = precis_script_of(c);
    return s == PRECIS_SCRIPT_HAN || s == PRECIS_SCRIPT_KANA || s == PRECIS_SCRIPT_HANGUL;
}

typedef struct cursor {
    const unsigned char *s;
    size_t n, i;
} cursor;

static inline int32_t peek(const cursor *c, size_t at, size_t *len)
{
    if (at >= c->n) {
        *len = 0;
        return -1;
    }
    unsigned char b = c->s[at];
    if (b < 0x80) {
        *len = 1;
        return b;
    }
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate(c->s + at, (utf8proc_ssize_t)(c->n - at), &cp);
    if (k <= 0) {
        *len = 1;
        return 0xFFFD;
    }
    *len = (size_t)k;
    return cp;
}

static inline bool is_word_char(int32_t c)
{
    if (c < 0)
        return false;
    if (c < 0x80)
        return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
    return !is_cjk(c) && is_word_cat(utf8proc_category(c));
}

static bool is_digit_c(int32_t c)
{
    return c >= '0' && c <= '9';
}

/* ---- the cache: folded word -> stem ---------------------------------------------------- */

static bool cache_grow(precis_tokenizer *t)
{
    size_t cap = t->cache_cap ? t->cache_cap * 2 : 1024;
    cache_entry *v = precis_calloc(cap, sizeof *v);
    if (v == NULL)
        return false;
    for (size_t i = 0; i < t->cache_cap; i++) {
        if (t->cache[i].word == NULL)
            continue;
        size_t j = t->cache[i].hash & (cap - 1);
        while (v[j].word != NULL)
            j = (j + 1) & (cap - 1);
        v[j] = t->cache[i];
    }
    free(t->cache);
    t->cache = v;
    t->cache_cap = cap;
    return true;
}

/* The stem of the folded word 'w' (NULL stem for stopwords), from the cache or computed. */
static cache_entry *lookup(precis_tokenizer *t, const char *w, size_t len)
{
    if (len > UINT32_MAX)
        return NULL;
    if ((t->cache_n + 1) * 2 > t->cache_cap && !cache_grow(t))
        return NULL;
    uint64_t h = precis_hash(w, len);
    size_t j = h & (t->cache_cap - 1);
    for (; t->cache[j].word != NULL; j = (j + 1) & (t->cache_cap - 1)) {
        cache_entry *e = &t->cache[j];
        if (e->hash == h && e->word_len == len && memcmp(e->word, w, len) == 0)
            return e;
    }
    cache_entry e = {.hash = h, .word_len = (uint32_t)len, .memo = UINT32_MAX};
    if ((e.word = precis_arena_strndup(&t->arena, w, len)) == NULL)
        return NULL;
    if (!precis_strset_has(&t->stop, w, len)) {
        const sb_symbol *stem = sb_stemmer_stem(t->stemmer, (const sb_symbol *)w, (int)len);
        if (stem == NULL)
            return NULL;
        int sl = sb_stemmer_length(t->stemmer);
        if ((e.stem = precis_arena_strndup(&t->arena, (const char *)stem, (size_t)sl)) == NULL)
            return NULL;
        e.stem_len = (uint32_t)sl;
    }
    t->cache[j] = e;
    t->cache_n++;
    return &t->cache[j];
}

/* ---- words ----------------------------------------------------------------------------- */

static bool buf_reserve(precis_tokenizer *t, size_t need)
{
    return precis_grow((void **)&t->buf, &t->buf_cap, need, 1);
}

/* Folds the word bytes [a, b) into t->buf: ASCII directly, anything else through utf8proc
 * (NFKC + case folding). Returns the folded length, or (size_t)-1 when out of memory. */
static size_t fold(precis_tokenizer *t, const unsigned char *s, size_t a, size_t b)
{
    bool ascii = true;
    for (size_t i = a; i < b; i++)
        ascii &= s[i] < 0x80;
    if (ascii) {
        if (!buf_reserve(t, b - a + 1))
            return (size_t)-1;
        for (size_t i = a; i < b; i++)
            t->buf[i - a] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
        return b - a;
    }
    utf8proc_uint8_t *m = NULL;
    utf8proc_ssize_t n = precis_fault_next()
                             ? UTF8PROC_ERROR_NOMEM
                             : utf8proc_map(s + a, (utf8proc_ssize_t)(b - a), &m,
                                            UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
                                                UTF8PROC_CASEFOLD | UTF8PROC_IGNORE);
    if (n < 0)
        return (size_t)-1;
    // Typographic apostrophes become ASCII ones so "Kim\u2019s" and "Kim's" agree.
    size_t out = 0;
    if (!buf_reserve(t, (size_t)n + 1)) {
        free(m);
        return (size_t)-1;
    }
    for (size_t i = 0; i < (size_t)n; i++) {
        if (i + 2 < (size_t)n && m[i] == 0xE2 && m[i + 1] == 0x80 && m[i + 2] == 0x99) {
            t->buf[out++] = '\'';
            i += 2;
        } else {
            t->buf[out++] = (char)m[i];
        }
    }
    free(m);
    return out;
}

static bool is_apostrophe(int32_t c)
{
    return c == '\'' || c == 0x2019;
}

/* The one tokenizing loop: terms go to 'emit', or, when 'word' is set, every word (stopwords
 * and single characters with a NULL stem) goes to 'word' with its byte span. */
static precis_status scan(precis_tokenizer *t, const char *text, size_t len, precis_token_fn emit,
                          precis_word_fn word, void *ctx)
{
    cursor c = {(const unsigned char *)text, len, 0};
    bool prev_cjk = false;
    while (c.i < c.n) {
        size_t k;
        int32_t ch = peek(&c, c.i, &k);
        if (is_cjk(ch)) { // a run of CJK characters -> overlapping bigrams
            size_t k2;
            int32_t nx = peek(&c, c.i + k, &k2);
            if (word != NULL) { // no keywords from CJK bigrams: a break in the word stream
                if (!word(ctx, c.i, k, NULL, 0))
                    return PRECIS_ERR_NOMEM;
            } else if (is_cjk(nx) || !prev_cjk) { // a run of one character is its own term
                size_t fl = fold(t, c.s, c.i, c.i + k + (is_cjk(nx) ? k2 : 0));
                if (fl == (size_t)-1 || !emit(ctx, t->buf, fl, NULL))
                    return PRECIS_ERR_NOMEM;
            }
            prev_cjk = true;
            c.i += k;
            continue;
        }
        prev_cjk = false;
        if (!is_word_char(ch)) {
            c.i += k;
            continue;
        }
        size_t a = c.i, b = c.i + k, seg = 1; // seg: characters since the word start or a '.'
        bool digits = is_digit_c(ch);
        for (;;) {
            size_t k1, k2;
            int32_t d = peek(&c, b, &k1);
            if (is_word_char(d)) {
                b += k1;
                seg++;
                digits = digits && is_digit_c(d);
                continue;
            }
            int32_t e = peek(&c, b + k1, &k2);
            if (is_apostrophe(d) && is_word_char(e) && !is_digit_c(e)) {
                b += k1;
                seg = 0;
                continue;
            }
            if ((d == '.' || d == ',') && is_word_char(e) &&
                ((digits && is_digit_c(e)) || (d == '.' && seg == 1 && !is_digit_c(e)))) {
                b += k1; // "3.5", "6,500", "U.S"
                seg = 0;
                continue;
            }
            break;
        }
        c.i = b;
        size_t fl = fold(t, c.s, a, b);
        if (fl == (size_t)-1)
            return PRECIS_ERR_NOMEM;
        if (fl < 2 && !(fl == 1 && (unsigned char)t->buf[0] >= 0x80)) {
            if (word != NULL && !word(ctx, a, b - a, NULL, 0))
                return PRECIS_ERR_NOMEM;
            continue; // single letters and digits carry nothing
        }
        cache_entry *e = lookup(t, t->buf, fl);
        if (e == NULL)
            return PRECIS_ERR_NOMEM;
        bool term = e->stem != NULL && e->stem_len > 0;
        if (word != NULL) {
            if (!word(ctx, a, b - a, term ? e->stem : NULL, term ? e->stem_len : 0))
                return PRECIS_ERR_NOMEM;
        } else if (term && !emit(ctx, e->stem, e->stem_len, &e->memo)) {
            return PRECIS_ERR_NOMEM;
        }
    }
    return PRECIS_OK;
}

precis_status precis_tokenize(precis_tokenizer *t, const char *text, size_t len,
                              precis_token_fn emit, void *ctx)
{
    return scan(t, text, len, emit, NULL, ctx);
}

precis_status precis_tokenize_words(precis_tokenizer *t, const char *text, size_t len,
                                    precis_word_fn word, void *ctx)
{
    return scan(t, text, len, NULL, word, ctx);
}

/* ---- the tokenize stage: every candidate's terms ----------------------------------------- */

typedef struct term_buf {
    precis_vocab *vocab;
    uint32_t *ids;
    size_t n, cap;
} term_buf;

static bool collect_term(void *ctx, const char *term, size_t len, uint32_t *memo)
{
    term_buf *b = ctx;
    // A word seen before carries its term id in the tokenizer's cache: one hash look-up, not two.
    uint32_t id = memo != NULL && *memo != UINT32_MAX ? *memo
                                                      : precis_vocab_id(b->vocab, term, len);
    if (id == UINT32_MAX)
        return false;
    if (memo != NULL)
        *memo = id;
    if (!precis_grow((void **)&b->ids, &b->cap, b->n + 1, sizeof *b->ids))
        return false;
    b->ids[b->n++] = id;
    return true;
}

/* One thread's share of tokenizing: candidates [begin, end) with its own tokenizer (a Snowball
 * stemmer is not shared), vocabulary and counts. */
typedef struct token_job {
    const precis_progress *progress; // job 0 only
    const precis_candidates *cd;
    const precis_options *opt;
    size_t begin, end;
    precis_tokenizer *tok[PRECIS_MAX_LANGS]; // per language, made when first needed
    precis_vocab vocab;
    precis_counts counts;
    precis_status st;
} token_job;

/* The text a sentence's words are read from: its bytes in the document, or, when its output
 * joins a line break (a CJK wrap, a word hyphenated at a line's end), its output form, rendered
 * into '*buf', so that "hyphen-\nation" is the word "hyphenation" and a CJK wrap no gap
 * between characters. NULL when out of memory. */
static const char *sentence_words(const precis_candidates *cd, const precis_sent *s, char **buf,
                                  size_t *cap, size_t *len)
{
    *len = s->len;
    if (s->line_join == 0)
        return cd->docs[s->doc].text + s->off;
    if (!precis_grow((void **)buf, cap, (size_t)s->n_bytes + 1, 1))
        return NULL;
    *len = precis_sent_output(s, cd->docs, cd->joins, *buf, *cap);
    return *len == (size_t)-1 ? NULL : *buf;
}

static void *token_worker(void *arg)
{
    token_job *j = arg;
    term_buf buf = {.vocab = &j->vocab};
    char *text_buf = NULL;
    size_t text_cap = 0;
    j->st = PRECIS_OK;
    for (size_t k = j->begin; k < j->end && j->st == PRECIS_OK; k++) {
        precis_report(j->progress, "tokenize", k - j->begin, j->end - j->begin);
        const precis_sent *s = precis_candidate(j->cd, k);
        uint8_t l = j->cd->doc_lang[s->doc];
        if (j->tok[l] == NULL) {
            precis_lang lang;
            if (!precis_lang_at(l, &lang)) {
                j->st = PRECIS_ERR_LANGUAGE;
                break;
            }
            j->st = precis_tokenizer_new(lang.code, j->opt->stopwords, j->opt->stopwords_len,
                                         &j->tok[l]);
            if (j->st != PRECIS_OK)
                break;
        }
        buf.n = 0;
        size_t len;
        const char *text = sentence_words(j->cd, s, &text_buf, &text_cap, &len);
        j->st = text == NULL ? PRECIS_ERR_NOMEM
                             : precis_tokenize(j->tok[l], text, len, collect_term, &buf);
        if (j->st == PRECIS_OK)
            j->st = precis_counts_add_row(&j->counts, buf.ids, buf.n);
    }
    free(buf.ids);
    free(text_buf);
    return NULL;
}

/* Appends job 'j''s rows to 'counts', its local term ids mapped into 'vocab'. Terms are added in
 * the order each job first saw them, jobs in input order: the same ids a single thread gives, so
 * results never depend on the thread count. */
static precis_status merge_tokens(precis_vocab *vocab, precis_counts *counts, token_job *j)
{
    uint32_t *map = precis_malloc((j->vocab.n ? j->vocab.n : 1) * sizeof *map);
    if (map == NULL)
        return PRECIS_ERR_NOMEM;
    for (size_t t = 0; t < j->vocab.n; t++)
        if ((map[t] = precis_vocab_id(vocab, j->vocab.terms[t], j->vocab.term_len[t])) ==
            UINT32_MAX) {
            free(map);
            return PRECIS_ERR_NOMEM;
        }
    precis_status st = PRECIS_OK;
    uint32_t *ids = NULL;
    size_t cap = 0;
    for (size_t row = 0; row < j->counts.n_rows && st == PRECIS_OK; row++) {
        size_t a = j->counts.ptr[row], b = j->counts.ptr[row + 1], n = 0;
        for (size_t q = a; q < b; q++)
            n += j->counts.cnt[q];
        if (!precis_grow((void **)&ids, &cap, n ? n : 1, sizeof *ids)) {
            st = PRECIS_ERR_NOMEM;
            break;
        }
        n = 0;
        for (size_t q = a; q < b; q++)
            for (uint32_t c = 0; c < j->counts.cnt[q]; c++)
                ids[n++] = map[j->counts.col[q]];
        st = precis_counts_add_row(counts, ids, n);
    }
    free(ids);
    free(map);
    return st;
}

/* Below this many candidates one thread tokenizes them all (threads would cost more). */
#define TOKENIZE_PARALLEL_MIN 20000

precis_status precis_tokenize_candidates(const precis_candidates *cd, const precis_options *opt,
                                         size_t threads, const precis_progress *progress,
                                         precis_vocab *vocab, precis_counts *counts)
{
    size_t n_jobs = cd->n < TOKENIZE_PARALLEL_MIN ? 1 : threads;
    token_job jobs[PRECIS_MAX_THREADS];
    for (size_t j = 0; j < n_jobs; j++) {
        jobs[j] = (token_job){j == 0 ? progress : NULL, cd, opt, cd->n * j / n_jobs,
                              cd->n * (j + 1) / n_jobs, {NULL}, {0}, {0}, PRECIS_OK};
        precis_vocab_init(&jobs[j].vocab);
    }
    precis_run_jobs(n_jobs, token_worker, jobs, sizeof jobs[0]);
    precis_status st = PRECIS_OK;
    for (size_t j = 0; j < n_jobs; j++)
        if (st == PRECIS_OK)
            st = jobs[j].st;
    if (st == PRECIS_OK) {
        // The first job's vocabulary and counts become the result as they are: merged into an
        // empty one they would map every term to itself and give every row back unchanged.
        precis_vocab_destroy(vocab);
        *vocab = jobs[0].vocab;
        *counts = jobs[0].counts;
        precis_vocab_init(&jobs[0].vocab);
        memset(&jobs[0].counts, 0, sizeof jobs[0].counts);
    }
    for (size_t j = 1; st == PRECIS_OK && j < n_jobs; j++)
        st = merge_tokens(vocab, counts, &jobs[j]);
    for (size_t j = 0; j < n_jobs; j++) {
        for (size_t l = 0; l < PRECIS_MAX_LANGS; l++)
            precis_tokenizer_free(jobs[j].tok[l]);
        precis_vocab_destroy(&jobs[j].vocab);
        precis_counts_destroy(&jobs[j].counts);
    }
    return st;
}
