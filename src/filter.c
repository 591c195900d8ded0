/* Stage 3: sentences -> sentences marked as summary material or boilerplate, with the rule that
 * dropped them. The rules are about the shape of news text (terminal punctuation, parentheses,
 * capitals, length, repetition across documents), never about particular outlets or phrases. */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "internal.h"

const char *precis_drop_reason(precis_drop d)
{
    static const char *const reasons[PRECIS_DROP_COUNT] = {
        [PRECIS_KEEP] = "kept",
        [PRECIS_DROP_TITLE] = "headline",
        [PRECIS_DROP_NO_TERMINAL] = "no sentence-final punctuation",
        [PRECIS_DROP_PARENTHESIZED] = "whole paragraph in parentheses",
        [PRECIS_DROP_SHORT] = "too short",
        [PRECIS_DROP_CAPTION] = "caption (paragraph under an all-capitals slug)",
        [PRECIS_DROP_WEB] = "web address, e-mail or copyright line",
        [PRECIS_DROP_REPEATED] = "short line repeated across documents",
        [PRECIS_DROP_BYLINE] = "byline",
        [PRECIS_DROP_NOT_PROSE] = "not prose (capitals, digits or symbols)",
    };
    return (unsigned)d < PRECIS_DROP_COUNT ? reasons[d] : "unknown";
}

/* ---- output text ----------------------------------------------------------------------- */

/* Copies 'len' bytes of 'text' (which it frees) to 'out' with a NUL, or only measures when
 * 'out' is NULL; (size_t)-1 when they do not fit. */
static size_t copy_out(char *out, size_t cap, char *text, size_t len)
{
    if (out != NULL && len + 1 > cap)
        len = (size_t)-1;
    else if (out != NULL) {
        memcpy(out, text, len);
        out[len] = '\0';
    }
    free(text);
    return len;
}

/* White space between words: what the output form collapses to one space and what word counts
 * split at must be the same, or a word budget could be exceeded (fuzz_summarize found "a\vb":
 * one word when counted, two in the output). */
static bool is_space(int32_t c, utf8proc_category_t cat)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' ||
           cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL ||
           cat == UTF8PROC_CATEGORY_ZP;
}

/* What the white space [a, b) of 'src' (a line break in it) becomes: 0 one space, 1 nothing,
 * 2 nothing and the hyphen before it goes too. Kept out of collapse()'s loop. */
static int break_join(const char *src, size_t len, size_t a, size_t b, const precis_strset *joins)
{
    uint8_t kind = precis_break_kind(src, len, a, b);
    if (kind == 0)
        return 0;
    return kind == PRECIS_BREAK_HYPHEN && precis_hyphen_joined(joins, src, len, a, b) ? 2 : 1;
}

/* White space collapsed to single spaces, into 'dst' (len * 3 + 1 bytes) or only counted when
 * 'dst' is NULL; '*stable' says whether NFC would leave the text as it is. A line break that
 * precis_break_kind() joins becomes nothing, and a rejoined word's hyphen ('joins') goes. */
// Inlined into each caller, so that each copy has 'breaks' as a constant: a sentence without a
// line break to join (most of them) runs a loop that carries nothing of the joining.
__attribute__((always_inline)) static inline size_t
collapse(const char *src, size_t len, const precis_strset *joins, char *dst, bool *stable,
         bool breaks)
{
    size_t n = 0;
    bool space = false, line_break = false;
    size_t run = 0; // where the white space before the next character starts
    bool nfc_stable = true; // no character that NFC could change: skip normalizing
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k;
        if ((unsigned char)src[i] < 0x80) {
            c = (unsigned char)src[i];
            k = 1;
        } else {
            k = utf8proc_iterate((const utf8proc_uint8_t *)src + i, (utf8proc_ssize_t)(len - i),
                                 &c);
            if (k > 0 && c >= 0x300) {
                const utf8proc_property_t *pr = utf8proc_get_property(c);
                nfc_stable = nfc_stable && pr->combining_class == 0 &&
                             pr->decomp_seqindex == UINT16_MAX && pr->comb_index == UINT16_MAX;
            }
        }
        const char *bytes = src + i;
        size_t n_bytes;
        if (k <= 0) { // not reachable through loading, which refuses invalid UTF-8
            k = 1;
            c = 0xFFFD;
            bytes = "\xEF\xBF\xBD";
            n_bytes = 3;
        } else {
            n_bytes = (size_t)k;
        }
        utf8proc_category_t cat = c < 0x80 ? UTF8PROC_CATEGORY_CN : utf8proc_category(c);
        bool ws = is_space(c, cat);
        if (ws) {
            if (breaks && !space) {
                run = i;
                line_break = false;
            }
            space = n > 0;
            line_break |= breaks && (c == '\n' || c == '\r');
        } else {
            if (space) {
                int join = breaks && line_break ? break_join(src, len, run, i, joins) : 0;
                if (join == 0) {
                    if (dst != NULL)
                        dst[n] = ' ';
                    n++;
                }
                n -= join == 2; // the hyphen, written last
            }
            space = false;
            if (dst != NULL)
                memcpy(dst + n, bytes, n_bytes);
            n += n_bytes;
        }
        i += (size_t)k;
    }
    *stable = nfc_stable;
    return n;
}


/* A canonical singleton: a character NFC replaces by another one (U+0387 GREEK ANO TELEIA by
 * U+00B7, U+037E GREEK QUESTION MARK by ';', U+2126 OHM SIGN by omega, CJK compatibility
 * ideographs by their unified forms). They are not composition but substitution, and their
 * writers chose them: the output keeps them as written. */
static bool is_singleton(int32_t c)
{
    if (c < 0x300)
        return false;
    const utf8proc_property_t *pr = utf8proc_get_property(c);
    if (pr->decomp_seqindex == UINT16_MAX || pr->decomp_type != 0)
        return false;
    utf8proc_int32_t d[4];
    int last = 0;
    utf8proc_ssize_t k = utf8proc_decompose_char(c, d, 4, UTF8PROC_DECOMPOSE, &last);
    return k == 1 && d[0] != c;
}

/* NFC of 'src' ('len' bytes of valid UTF-8) in a new buffer, '*out_len' bytes, with canonical
 * singletons kept (is_singleton): the text between them is normalized piece by piece (each
 * singleton is a starter, so no composition crosses it). NULL when out of memory. */
static char *nfc_keeping_singletons(const char *src, size_t len, size_t *out_len)
{
    char *res = precis_malloc(len * 3 + 1); // NFC grows text by at most 3x (UAX #15)
    if (res == NULL)
        return NULL;
    size_t n = 0, piece = 0;
    for (size_t i = 0; i <= len;) {
        utf8proc_int32_t c = 0;
        utf8proc_ssize_t k = 1;
        if (i < len && (unsigned char)src[i] >= 0x80)
            k = utf8proc_iterate((const utf8proc_uint8_t *)src + i, (utf8proc_ssize_t)(len - i),
                                 &c);
        if (i < len && (k <= 0 || !is_singleton(c))) {
            i += k > 0 ? (size_t)k : 1;
            continue;
        }
        if (i > piece) { // normalize [piece, i)
            utf8proc_uint8_t *nfc = NULL;
            utf8proc_ssize_t m =
                precis_fault_next()
                    ? UTF8PROC_ERROR_NOMEM
                    : utf8proc_map((const utf8proc_uint8_t *)src + piece,
                                   (utf8proc_ssize_t)(i - piece), &nfc,
                                   UTF8PROC_STABLE | UTF8PROC_COMPOSE);
            if (m < 0) {
                free(res);
                return NULL;
            }
            memcpy(res + n, nfc, (size_t)m);
            n += (size_t)m;
            free(nfc);
        }
        if (i == len)
            break;
        memcpy(res + n, src + i, (size_t)k); // the singleton, as written
        n += (size_t)k;
        i += (size_t)k;
        piece = i;
    }
    *out_len = n;
    return res;
}

size_t precis_sentence_text(const char *src, size_t len, char *out, size_t cap)
{
    return precis_sentence_render(src, len, NULL, out, cap);
}

__attribute__((always_inline)) static inline size_t
sentence_out(const char *src, size_t len, const precis_strset *joins, char *out, size_t cap,
             bool breaks)
{
    // Only the length (the filter asks it of every sentence): most text needs no NFC change,
    // and then no buffer either.
    bool nfc_stable;
    if (out == NULL) {
        size_t n = collapse(src, len, joins, NULL, &nfc_stable, breaks);
        if (nfc_stable)
            return n;
    }
    // Collapse white space (line breaks of wrapped text included) to single spaces.
    char *tmp = precis_malloc(len * 3 + 1); // an invalid byte becomes 3 bytes of U+FFFD
    if (tmp == NULL)
        return (size_t)-1;
    size_t n = collapse(src, len, joins, tmp, &nfc_stable, breaks);
    if (nfc_stable)
        return copy_out(out, cap, tmp, n);
    // NFC: the output shows text as written, composed.
    char *nfc = nfc_keeping_singletons(tmp, n, &n);
    free(tmp);
    if (nfc == NULL)
        return (size_t)-1;
    return copy_out(out, cap, nfc, n);
}

size_t precis_sentence_render(const char *src, size_t len, const precis_strset *joins, char *out,
                              size_t cap)
{
    return sentence_out(src, len, joins, out, cap, true);
}

size_t precis_sentence_plain(const char *src, size_t len, char *out, size_t cap)
{
    return sentence_out(src, len, NULL, out, cap, false);
}

size_t precis_sent_output(const precis_sent *ps, const precis_doc *docs,
                          const precis_strset *joins, char *out, size_t cap)
{
    const char *src = docs[ps->doc].text + ps->off;
    return ps->line_join ? precis_sentence_render(src, ps->len, joins, out, cap)
                         : precis_sentence_plain(src, ps->len, out, cap);
}

/* ---- shape of a span ------------------------------------------------------------------- */

typedef struct shape {
    size_t words, letters, lower, upper, other; // other: visible non-letters
    bool terminal;                              // ends in . ! ? (before closers)
    bool web;                                   // URL, e-mail, copyright sign
    bool caps_words;                            // every word capitalized (bylines)
    bool question;                              // ends in a question mark (before closers)
} shape;

static bool is_closer_c(int32_t c)
{
    return c == '"' || c == '\'' || c == ')' || c == ']' || c == 0x201D || c == 0x2019 ||
           c == 0x00BB || c == 0x300D || c == 0x300F || c == 0xFF09;
}

/* Not Hangul: Korean puts spaces between words. */
static bool is_cjk_char(int32_t c)
{
    return precis_is_han_kana(c);
}

static void measure(const char *s, size_t len, shape *sh)
{
    memset(sh, 0, sizeof *sh);
    sh->caps_words = true;
    bool in_word = false;
    int32_t last = 0, before_last = 0;
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k;
        utf8proc_category_t cat;
        if ((unsigned char)s[i] < 0x80) { // ASCII without a table look-up
            c = (unsigned char)s[i];
            k = 1;
            cat = c >= 'a' && c <= 'z'   ? UTF8PROC_CATEGORY_LL
                  : c >= 'A' && c <= 'Z' ? UTF8PROC_CATEGORY_LU
                  : c == ' '             ? UTF8PROC_CATEGORY_ZS
                                         : UTF8PROC_CATEGORY_PO;
        } else {
            k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i),
                                 &c);
            if (k <= 0) {
                k = 1;
                c = 0xFFFD;
            }
            cat = utf8proc_category(c);
        }
        bool ws = is_space(c, cat);
        if (ws) {
            in_word = false;
        } else {
            if (!in_word) {
                sh->words++;
                if (cat == UTF8PROC_CATEGORY_LL)
                    sh->caps_words = false;
            }
            in_word = !is_cjk_char(c); // scripts without spaces: a character is a word
            if (cat == UTF8PROC_CATEGORY_LL)
                sh->lower++;
            else if (cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT)
                sh->upper++;
            if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO)
                sh->letters++;
            else
                sh->other++;
            if (!is_closer_c(c)) {
                before_last = last;
                last = c;
            }
            if (c == 0x00A9)
                sh->web = true;
        }
        i += (size_t)k;
    }
    sh->question = last == '?' || last == 0xFF1F || last == 0x061F || last == 0x037E ||
                   (last == ';' && ((before_last >= 0x370 && before_last <= 0x3FF) ||
                                    (before_last >= 0x1F00 && before_last <= 0x1FFF)));
    sh->terminal = last == '.' || last == '!' || last == '?' || last == 0x3002 ||
                   last == 0xFF01 || last == 0xFF1F || last == 0x0964 || last == 0x0965 ||
                   last == 0x061F || last == 0x06D4 || last == 0x0589 ||
                   // Greek asks with ';': after a Greek letter it ends a question
                   (last == ';' && ((before_last >= 0x370 && before_last <= 0x3FF) ||
                                    (before_last >= 0x1F00 && before_last <= 0x1FFF)));
    // URLs and e-mail addresses: only ':', '@' and 'w' can start one
    for (size_t i = 0; i + 3 <= len && !sh->web; i++) {
        char b = s[i];
        if (b != ':' && b != '@' && b != 'w')
            continue;
        if (b == ':' && s[i + 1] == '/' && s[i + 2] == '/')
            sh->web = true;
        else if (b == 'w' && i + 4 <= len && memcmp(s + i, "www.", 4) == 0)
            sh->web = true;
        else if (b == '@' && i > 0 && s[i - 1] != ' ' && s[i + 1] != ' ' &&
                 memchr(s + i, '.', len - i < 64 ? len - i : 64) != NULL)
            sh->web = true;
    }
}

/* Words that measure() counted but the output form joins to the word before them: after a
 * line break that collapse() drops, a character starts no word when the one before the break
 * was inside a word (a hyphen, CJK punctuation; a Han or kana character is a word of its own).
 * Only asked of sentences the splitter marked (precis_sent.line_join). */
static int32_t cp_before(const char *s, size_t *at)
{
    size_t p = *at - 1;
    while (p > 0 && ((unsigned char)s[p] & 0xC0) == 0x80)
        p--;
    utf8proc_int32_t c;
    if (utf8proc_iterate((const utf8proc_uint8_t *)s + p, (utf8proc_ssize_t)(*at - p), &c) <= 0)
        c = 0xFFFD;
    *at = p;
    return c;
}

static size_t joined_words(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] != '\n' && s[i] != '\r')
            continue;
        size_t a = i, b = i; // the run of white space around the line break
        for (size_t p = a; p > 0;) {
            int32_t c = cp_before(s, &p);
            if (!is_space(c, utf8proc_category(c)))
                break;
            a = p;
        }
        while (b < len) {
            utf8proc_int32_t c;
            utf8proc_ssize_t k =
                utf8proc_iterate((const utf8proc_uint8_t *)s + b, (utf8proc_ssize_t)(len - b), &c);
            if (k <= 0 || !is_space(c, utf8proc_category(c)))
                break;
            b += (size_t)k;
        }
        if (precis_break_kind(s, len, a, b) != 0) {
            size_t p = a;
            n += !is_cjk_char(cp_before(s, &p));
        }
        i = b - 1;
    }
    return n;
}

static bool starts_with(const char *s, size_t len, const char *prefix)
{
    size_t n = strlen(prefix);
    return len >= n && memcmp(s, prefix, n) == 0;
}

/* ---- cross-document repetition --------------------------------------------------------- */

typedef struct seen {
    uint64_t *hash;
    uint32_t *doc;  // first document with this line
    uint8_t *multi; // found in a second document
    size_t cap;
} seen;

#define REPEAT_MAX_WORDS 8

static precis_status mark_repeated(const precis_doc *docs, precis_sents *ss)
{
    size_t n_short = 0;
    for (size_t i = 0; i < ss->n; i++)
        n_short += ss->v[i].n_words < REPEAT_MAX_WORDS;
    if (n_short == 0)
        return PRECIS_OK;
    seen t = {0};
    t.cap = 16;
    while (t.cap < n_short * 2)
        t.cap *= 2;
    t.hash = precis_calloc(t.cap, sizeof *t.hash);
    t.doc = precis_calloc(t.cap, sizeof *t.doc);
    t.multi = precis_calloc(t.cap, 1);
    precis_status st = PRECIS_ERR_NOMEM;
    if (t.hash == NULL || t.doc == NULL || t.multi == NULL)
        goto done;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < ss->n; i++) {
            precis_sent *s = &ss->v[i];
            if (s->n_words >= REPEAT_MAX_WORDS)
                continue;
            uint64_t h = precis_hash(docs[s->doc].text + s->off, s->len) | 1;
            size_t j = h & (t.cap - 1);
            while (t.hash[j] != 0 && t.hash[j] != h)
                j = (j + 1) & (t.cap - 1);
            if (pass == 0) {
                if (t.hash[j] == 0) {
                    t.hash[j] = h;
                    t.doc[j] = s->doc;
                } else if (t.doc[j] != s->doc) {
                    t.multi[j] = 1;
                }
            } else if (t.multi[j] && s->drop == PRECIS_KEEP) {
                s->drop = PRECIS_DROP_REPEATED;
            }
        }
    }
    st = PRECIS_OK;
done:
    free(t.hash);
    free(t.doc);
    free(t.multi);
    return st;
}

/* ---- the rules ------------------------------------------------------------------------- */

#define MIN_WORDS PRECIS_MIN_SENTENCE_WORDS
#define TITLE_WORDS 25  // a first line longer than this is not a headline
#define SLUG_WORDS 6    // an all-capitals lead-in of at most this many words is a slug

/* "Q. Why ...", "A: We ...", "Q (italics)...": the marks of an interview transcript. What follows
 * answers or asks something the summary does not hold. */
static bool interview_marker(const char *s, size_t len)
{
    return len >= 3 && (s[0] == 'Q' || s[0] == 'A') && (s[1] == '.' || s[1] == ':') &&
           s[2] == ' ';
}

static bool all_caps(const shape *sh)
{
    return sh->lower == 0 && sh->upper >= 2;
}

/* One thread's share of the shape rules: sentences [begin, end), whole documents. */
typedef struct shape_job {
    const precis_doc *docs;
    precis_sents *ss;
    size_t begin, end;
    precis_status st;
} shape_job;

static void *shape_worker(void *arg)
{
    shape_job *j = arg;
    j->st = precis_filter_shapes(j->docs, j->ss, j->begin, j->end);
    return NULL;
}

precis_status precis_filter_sentences(const precis_doc *docs, size_t n_docs, precis_sents *ss,
                                      size_t threads)
{
    // The documents shared out as the split stage shares them; each job's sentences are those
    // of its documents (the list is in document order).
    shape_job jobs[PRECIS_MAX_THREADS];
    size_t bounds[PRECIS_MAX_THREADS + 1];
    size_t n_jobs = precis_slice_documents(docs, n_docs, threads, bounds), i = 0;
    for (size_t j = 0; j < n_jobs; j++) {
        size_t begin = i;
        while (i < ss->n && ss->v[i].doc < bounds[j + 1])
            i++;
        jobs[j] = (shape_job){docs, ss, begin, j + 1 == n_jobs ? ss->n : i, PRECIS_OK};
    }
    precis_run_jobs(n_jobs, shape_worker, jobs, sizeof jobs[0]);
    for (size_t j = 0; j < n_jobs; j++)
        if (jobs[j].st != PRECIS_OK)
            return jobs[j].st;
    return precis_filter_repeated(docs, ss);
}

precis_status precis_filter_candidates(precis_sents *ss, size_t **cand, size_t *n_cand)
{
    *cand = NULL;
    *n_cand = 0;
    size_t kept = 0;
    for (size_t i = 0; i < ss->n; i++)
        kept += ss->v[i].drop == PRECIS_KEEP;
    if (kept == 0) {
        // Text without sentence punctuation (a list of lines, a title alone): rather than
        // refusing it, take its lines as sentences; those too short to stand alone stay out,
        // as they would with punctuation ("Hello" is refused like "Hello.").
        for (size_t i = 0; i < ss->n; i++) {
            precis_sent *s = &ss->v[i];
            if ((s->drop == PRECIS_DROP_NO_TERMINAL || s->drop == PRECIS_DROP_TITLE) &&
                s->n_words >= PRECIS_MIN_SENTENCE_WORDS) {
                s->drop = PRECIS_KEEP;
                kept++;
            }
        }
    }
    if (kept == 0)
        return PRECIS_ERR_NO_SENTENCES;
    *cand = precis_malloc(kept * sizeof **cand);
    if (*cand == NULL)
        return PRECIS_ERR_NOMEM;
    uint32_t pos = 0, doc = UINT32_MAX;
    for (size_t i = 0; i < ss->n; i++) {
        precis_sent *s = &ss->v[i];
        if (s->doc != doc) {
            doc = s->doc;
            pos = 0;
        }
        if (s->drop == PRECIS_KEEP) {
            s->pos = pos++;
            (*cand)[(*n_cand)++] = i;
        }
    }
    return PRECIS_OK;
}

precis_status precis_filter_repeated(const precis_doc *docs, precis_sents *ss)
{
    return mark_repeated(docs, ss);
}

precis_status precis_filter_shapes(const precis_doc *docs, precis_sents *ss, size_t begin,
                                   size_t end)
{
    for (size_t i = begin; i < end; i++) {
        precis_sent *s = &ss->v[i];
        const char *t = docs[s->doc].text;
        size_t w = s->line_join ? precis_sentence_text(t + s->off, s->len, NULL, 0)
                                : precis_sentence_plain(t + s->off, s->len, NULL, 0);
        if (w == (size_t)-1)
            return PRECIS_ERR_NOMEM;
        shape sh;
        measure(t + s->off, s->len, &sh);
        s->n_bytes = w > UINT32_MAX ? UINT32_MAX : (uint32_t)w;
        s->slug = all_caps(&sh) && sh.words <= SLUG_WORDS;
        s->ask = sh.question || interview_marker(t + s->off, s->len);
        if (s->line_join != 0)
            sh.words -= joined_words(t + s->off, s->len);
        s->n_words = sh.words > UINT32_MAX ? UINT32_MAX : (uint32_t)sh.words;

        const char *line = t + s->line_off;
        size_t ll = s->line_len;
        unsigned char l0 = (unsigned char)line[0], l1 = (unsigned char)line[ll - 1];
        if ((l0 == '(' && l1 == ')') || (l0 == '[' && l1 == ']'))
            s->drop = PRECIS_DROP_PARENTHESIZED;
        else if (sh.web)
            s->drop = PRECIS_DROP_WEB;
        else if (sh.letters * 2 < sh.letters + sh.other)
            s->drop = PRECIS_DROP_NOT_PROSE;
        else if (s->index == 0 && s->para_first && s->para_last && !sh.terminal &&
                 sh.words <= TITLE_WORDS)
            s->drop = PRECIS_DROP_TITLE;
        else if (all_caps(&sh))
            s->drop = PRECIS_DROP_NOT_PROSE;
        else if (starts_with(t + s->off, s->len, "By ") && sh.caps_words && sh.words <= 8)
            s->drop = PRECIS_DROP_BYLINE;
        else if (!sh.terminal)
            s->drop = PRECIS_DROP_NO_TERMINAL;
        else if (sh.words < MIN_WORDS)
            s->drop = PRECIS_DROP_SHORT;
        else
            s->drop = PRECIS_KEEP;
    }
    // A paragraph led by an all-capitals slug ("FOREIGN TIES. Kim walks ...") is a caption.
    for (size_t i = begin; i < end;) {
        size_t j = i + 1;
        while (j < end && !ss->v[j].para_first)
            j++;
        if (j - i > 1 && ss->v[i].slug)
            for (size_t k = i; k < j; k++)
                ss->v[k].drop = PRECIS_DROP_CAPTION;
        i = j;
    }
    return PRECIS_OK;
}
