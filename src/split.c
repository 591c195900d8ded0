/* Stage 2: a document's text -> paragraphs -> sentence spans (byte offsets into the text).
 *
 * Lines are grouped into paragraphs: a blank line always ends one; a single line break ends one
 * too unless the line visibly continues (hard-wrapped text, or a line that stops mid-sentence).
 * Inside a paragraph a sentence ends at '.', '!' or '?' (with any closing quotes and brackets)
 * followed by white space and a token that does not start in lower case; not at abbreviations
 * (a per-language list), initials, decimals, ellipses, or inside a quotation. CJK full stops
 * end a sentence without a following space. */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "internal.h"

/* ---- characters ------------------------------------------------------------------------ */

static int32_t decode(const char *s, size_t n, size_t i, size_t *len)
{
    if ((unsigned char)s[i] < 0x80) { // most text is ASCII: no call
        *len = 1;
        return (unsigned char)s[i];
    }
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
    if (k <= 0) {
        *len = 1;
        return 0xFFFD;
    }
    *len = (size_t)k;
    return cp;
}

/* Start of the code point that ends just before byte 'i'. */
static size_t prev_start(const char *s, size_t i)
{
    do
        i--;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80);
    return i;
}

static bool is_space_cp(int32_t c)
{
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
        return true;
    if (c < 0x80)
        return false;
    utf8proc_category_t cat = utf8proc_category(c);
    return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL ||
           cat == UTF8PROC_CATEGORY_ZP || c == 0x200B || c == 0xFEFF;
}

static bool is_lower_cp(int32_t c)
{
    if (c < 0x80)
        return c >= 'a' && c <= 'z';
    return utf8proc_category(c) == UTF8PROC_CATEGORY_LL;
}

static bool is_upper_cp(int32_t c)
{
    if (c < 0x80)
        return c >= 'A' && c <= 'Z';
    utf8proc_category_t cat = utf8proc_category(c);
    return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
}

static bool is_letter_cp(int32_t c)
{
    if (c < 0x80)
        return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    utf8proc_category_t cat = utf8proc_category(c);
    return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
}

static bool is_closer(int32_t c)
{
    return c == '"' || c == '\'' || c == ')' || c == ']' || c == 0x201D || c == 0x2019 ||
           c == 0x00BB || c == 0x203A || c == 0x300D || c == 0x300F || c == 0xFF09;
}

static bool is_opener(int32_t c)
{
    return c == '"' || c == '\'' || c == '(' || c == '[' || c == 0x201C || c == 0x2018 ||
           c == 0x00AB || c == 0x2039 || c == 0x300C || c == 0x300E || c == 0xFF08;
}

static bool is_cjk_stop(int32_t c)
{
    return c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF0E;
}

/* Full stops and question marks of other scripts, followed by a space as '.' is: Devanagari
 * danda and double danda, Arabic question mark and full stop, Armenian full stop. */
static bool is_other_stop(int32_t c)
{
    return c == 0x0964 || c == 0x0965 || c == 0x061F || c == 0x06D4 || c == 0x0589;
}

static bool is_terminal(int32_t c)
{
    return c == '.' || c == '!' || c == '?' || c == 0x2026 || is_cjk_stop(c) ||
           (c >= 0x589 && is_other_stop(c));
}

/* ---- abbreviations --------------------------------------------------------------------- */

precis_status precis_abbrevs_init(precis_abbrevs *ab, const char *const *lines, size_t n,
                                  const char *const *starters, size_t n_starters)
{
    precis_strset_init(&ab->never_final);
    precis_strset_init(&ab->maybe_final);
    precis_strset_init(&ab->starters);
    ab->semicolon_question = false;
    ab->ordinal_dot = false;
    precis_status st0 = precis_strset_add_array(&ab->starters, starters, n_starters);
    if (st0 != PRECIS_OK) {
        precis_abbrevs_destroy(ab);
        return st0;
    }
    for (size_t i = 0; i < n; i++) {
        const char *l = lines[i];
        size_t len = strcspn(l, "#");
        while (len > 0 && (l[len - 1] == ' ' || l[len - 1] == '\t' || l[len - 1] == '\r'))
            len--;
        if (len == 0)
            continue;
        bool maybe = len >= 2 && l[len - 1] == '+' && l[len - 2] == ' ';
        if (maybe)
            for (len -= 2; len > 0 && l[len - 1] == ' '; len--) {
            }
        precis_status st = precis_strset_add(maybe ? &ab->maybe_final : &ab->never_final, l, len);
        if (st != PRECIS_OK) {
            precis_abbrevs_destroy(ab);
            return st;
        }
    }
    return PRECIS_OK;
}

void precis_abbrevs_destroy(precis_abbrevs *ab)
{
    precis_strset_destroy(&ab->never_final);
    precis_strset_destroy(&ab->maybe_final);
    precis_strset_destroy(&ab->starters);
}

/* Looks 'w' up as written and, when 'lower_too', also capitalized ("gen" -> "Gen"). Only the
 * abbreviations that never end a sentence are matched in lower case: "no." is a word. */
static bool abbrev_has(const precis_strset *set, const char *w, size_t len, bool lower_too)
{
    if (precis_strset_has(set, w, len))
        return true;
    if (lower_too && len > 0 && len < 32 && w[0] >= 'a' && w[0] <= 'z') {
        char buf[32];
        memcpy(buf, w, len);
        buf[0] = (char)(buf[0] - 'a' + 'A');
        return precis_strset_has(set, buf, len);
    }
    return false;
}

/* "U.S", "J.R.R", "e.g": single letters joined by full stops. */
static bool is_dotted_letters(const char *w, size_t len)
{
    if (len < 3)
        return false;
    for (size_t i = 0; i < len; i++) {
        bool letter = ((unsigned char)w[i] | 0x20) >= 'a' && ((unsigned char)w[i] | 0x20) <= 'z';
        if (i % 2 == 0 ? !letter : w[i] != '.')
            return false;
    }
    return true;
}

/* ---- paragraphs ------------------------------------------------------------------------ */

typedef struct line {
    size_t start, end; // trimmed content [start, end)
    uint32_t indent;   // leading white space in columns: any Zs counts (U+00A0 too), tab to 8
    bool blank;
} line;

typedef struct lines {
    line *v;
    size_t n, cap;
} lines;

static size_t trim_left(const char *s, size_t i, size_t end)
{
    while (i < end) {
        size_t k;
        if (!is_space_cp(decode(s, end, i, &k)))
            break;
        i += k;
    }
    return i;
}

static size_t trim_right(const char *s, size_t start, size_t end)
{
    while (end > start) {
        size_t p = prev_start(s, end), k;
        if (!is_space_cp(decode(s, end, p, &k)))
            break;
        end = p;
    }
    return end;
}

static precis_status split_lines(const char *s, size_t n, lines *out)
{
    size_t i = 0;
    while (i < n) {
        size_t e = i;
        while (e < n && s[e] != '\n' && s[e] != '\r')
            e++;
        if (!precis_grow((void **)&out->v, &out->cap, out->n + 1, sizeof *out->v))
            return PRECIS_ERR_NOMEM;
        line *l = &out->v[out->n++];
        l->start = trim_left(s, i, e);
        l->end = trim_right(s, l->start, e);
        l->blank = l->start == l->end;
        l->indent = 0;
        for (size_t p = i; p < l->start;) { // most lines have none: no loop
            size_t k;
            l->indent = decode(s, l->start, p, &k) == '\t' ? (l->indent / 8 + 1) * 8 : l->indent + 1;
            p += k;
        }
        i = e;
        if (i < n) // LF, CRLF or a lone CR
            i += s[i] == '\r' && i + 1 < n && s[i + 1] == '\n' ? 2 : 1;
    }
    return PRECIS_OK;
}

/* True when the line's last visible character ends a sentence (closers skipped). */
static bool ends_terminal(const char *s, const line *l)
{
    size_t e = l->end;
    while (e > l->start) {
        size_t p = prev_start(s, e), k;
        int32_t c = decode(s, l->end, p, &k);
        if (is_closer(c)) {
            e = p;
            continue;
        }
        return is_terminal(c) || c == ':';
    }
    return false;
}

static size_t count_words(const char *s, size_t start, size_t end)
{
    size_t n = 0;
    bool in = false;
    for (size_t i = start; i < end;) {
        size_t k;
        bool sp = is_space_cp(decode(s, end, i, &k));
        if (!sp && !in)
            n++;
        in = !sp;
        i += k;
    }
    return n;
}

/* A hanging indent: the next line is indented further than 'l' (spaces, tabs or no-break
 * spaces alike) and the line after it, if any, keeps that indentation. Hard-wrapped text indents
 * its continuation lines so whatever case their first words are in (German capitalizes nouns);
 * under a heading, a first-line-indented paragraph goes back to the margin on its second line.
 * 'l' must not be much narrower than the next line: a short line over a long one is a heading.
 * The caller has checked that 'l' ends no sentence and that the next line is not blank. */
static bool hanging_indent(const line *l, const line *next, const line *after)
{
    if (next->indent <= l->indent)
        return false;
    if (after != NULL && !after->blank && after->indent != next->indent)
        return false;
    return (l->end - l->start) * 10 >= (next->end - next->start) * 6;
}

/* What the paragraph logic knows of a document's lines as a whole. */
typedef struct layout {
    const lines *ls;
    bool wrapped;      // looks_wrapped()
    size_t width;      // the longest line in bytes
    size_t cols;       // the widest line in columns (CJK characters are 2), 0 until asked
} layout;

static size_t line_cols(const char *s, const line *l)
{
    size_t cols = 0;
    for (size_t i = l->start; i < l->end;) {
        size_t k;
        int32_t c = decode(s, l->end, i, &k);
        cols += c < 0x80 ? 1 : (size_t)utf8proc_charwidth(c);
        i += k;
    }
    return cols;
}

/* Chinese and Japanese wrap between any two characters and put no space at the break, so no
 * word at a break tells a wrap from a paragraph's end. A line of CJK text that ends no sentence
 * (the caller has checked), before a line that goes on in CJK text, is wrapped when:
 *  - it stops at a mark that never ends a sentence (，、；);
 *  - or it is itself the continuation of the line above ('mid'): a heading does not sit in the
 *    middle of a paragraph, and the only other line that ends without a full stop is one cut
 *    by the wrap;
 *  - or, first in its block, it is full: at least three quarters as wide as the document's
 *    widest line (in columns, not bytes: a CJK character is 3 bytes and a digit 1). A heading
 *    over the body is short, so it stays apart from it. */
static bool cjk_continues(const char *s, layout *lay, const line *l, const line *next, bool mid)
{
    size_t k;
    size_t p = prev_start(s, l->end);
    int32_t last = decode(s, l->end, p, &k);
    if (!precis_is_cjk_text(last) || !precis_is_cjk_text(decode(s, next->end, next->start, &k)))
        return false;
    if (last == 0xFF0C || last == 0x3001 || last == 0xFF1B || mid)
        return true;
    if (lay->cols == 0)
        for (size_t i = 0; i < lay->ls->n; i++) {
            size_t c = lay->ls->v[i].blank ? 0 : line_cols(s, &lay->ls->v[i]);
            lay->cols = c > lay->cols ? c : lay->cols;
        }
    return line_cols(s, l) * 4 >= lay->cols * 3;
}

/* Does the line stop in the middle of a sentence that the next line carries on? 'after' is
 * the line after 'next', or NULL; 'mid' says that 'l' carries on the line above it. */
static bool continues(const char *s, layout *lay, const line *l, const line *next,
                      const line *after, bool mid)
{
    if (next->blank || ends_terminal(s, l))
        return false;
    // A word hyphenated at the line's end ("hyphen-" before "ation") is cut mid-sentence.
    if (s[l->end - 1] == '-' && precis_break_kind(s, next->end, l->end, next->start) != 0)
        return true;
    // CJK text: at most 4 bytes a character, so a line ending in one ends in a byte >= 0x80.
    if ((unsigned char)s[l->end - 1] >= 0x80 && (unsigned char)s[next->start] >= 0x80 &&
        cjk_continues(s, lay, l, next, mid))
        return true;
    if (lay->wrapped) // a wrapped line was full; a short one (a heading) ends its paragraph
        return (l->end - l->start) * 10 >= lay->width * 6;
    size_t k;
    int32_t first = decode(s, next->end, next->start, &k);
    if (is_lower_cp(first))
        return true;
    if (next->indent > 0 && hanging_indent(l, next, after))
        return true;
    // A long line that ends on a lower-case word was cut mid-sentence; headlines and captions
    // are short or end on a capitalized word.
    size_t p = l->end;
    while (p > l->start) {
        size_t q = prev_start(s, p);
        if (is_space_cp(decode(s, l->end, q, &k)))
            break;
        p = q;
    }
    return count_words(s, l->start, l->end) >= 8 && is_lower_cp(decode(s, l->end, p, &k)) &&
           is_letter_cp(first);
}

/* Hard-wrapped text (lines of similar width, most not ending a sentence) joins every single
 * line break; text with one paragraph per line does not. */
static bool looks_wrapped(const char *s, const lines *ls, size_t *width)
{
    size_t pairs = 0, open = 0, longest = 0, total = 0, n = 0;
    for (size_t i = 0; i < ls->n; i++) {
        const line *l = &ls->v[i];
        if (l->blank)
            continue;
        if (l->end - l->start > longest)
            longest = l->end - l->start;
        total += l->end - l->start;
        n++;
        if (i + 1 < ls->n && !ls->v[i + 1].blank) {
            pairs++;
            open += !ends_terminal(s, l);
        }
    }
    *width = longest;
    // Lists of short lines (names, items) are not wrapped prose.
    return pairs >= 4 && open * 2 >= pairs && longest <= 100 && total >= 40 * n;
}

/* ---- sentences inside a paragraph ------------------------------------------------------- */

typedef struct span {
    size_t open, close; // quotation: [open, close] are the quote characters' byte offsets
} span;

typedef struct splitter {
    const char *s;
    size_t start, end; // the paragraph
    const precis_abbrevs *ab;
    span *quotes;      // sorted by position, not nested
    size_t n_quotes, cap_quotes;
    size_t next_quote; // first quotation that may still hold a later byte
} splitter;

static bool push_quote(splitter *sp, size_t open, size_t close)
{
    if (!precis_grow((void **)&sp->quotes, &sp->cap_quotes, sp->n_quotes + 1, sizeof *sp->quotes))
        return false;
    sp->quotes[sp->n_quotes++] = (span){open, close};
    return true;
}

/* Finds balanced quotations in the paragraph. A straight quote opens where a word starts after
 * it and closes where one ended before it; a quote that opens while another is open means the
 * first was stray, and an unbalanced quote is ignored, so that neither swallows the rest of the
 * paragraph. A single curly quote (\u2019) closes only when no letter follows: inside a word it
 * is an apostrophe. */
static bool is_quote_mark(int32_t c)
{
    return c == '"' || c == 0x201C || c == 0x201D || c == 0x2018 || c == 0x2019 || c == 0x00AB ||
           c == 0x00BB || c == 0x300C || c == 0x300D;
}

static bool find_quotes(splitter *sp)
{
    const char *s = sp->s;
    size_t open = SIZE_MAX;
    int32_t open_c = 0;
    sp->n_quotes = sp->next_quote = 0;
    for (size_t i = sp->start; i < sp->end;) {
        unsigned char b = (unsigned char)s[i];
        if (b < 0x80 && b != '"') { // the only ASCII quote mark: skip the rest undecoded
            i++;
            continue;
        }
        size_t k, pk, nk;
        int32_t c = decode(s, sp->end, i, &k);
        if (!is_quote_mark(c)) {
            i += k; // most characters: one test, no look around
            continue;
        }
        int32_t before = i > sp->start ? decode(s, sp->end, prev_start(s, i), &pk) : ' ';
        int32_t after = i + k < sp->end ? decode(s, sp->end, i + k, &nk) : ' ';
        bool starts = (is_space_cp(before) || is_opener(before) || before == 0x2014 ||
                       before == 0x2013) && !is_space_cp(after);
        if (c == 0x201C || c == 0x00AB || c == 0x300C || (c == 0x2018 && starts) ||
            (c == '"' && starts)) {
            open = i; // a quote still open here was stray
            open_c = c;
        } else if (open != SIZE_MAX &&
                   ((c == '"' && open_c == '"') || (c == 0x201D && open_c == 0x201C) ||
                    (c == 0x00BB && open_c == 0x00AB) || (c == 0x300D && open_c == 0x300C) ||
                    (c == 0x2019 && open_c == 0x2018 && !is_letter_cp(after)))) {
            if (!push_quote(sp, open, i))
                return false;
            open = SIZE_MAX;
        }
        i += k;
    }
    return true;
}

/* The quotation holding byte 'i', or NULL. Bytes are asked about in increasing order, so a
 * cursor makes the whole paragraph one pass. */
static const span *quote_at(splitter *sp, size_t i)
{
    while (sp->next_quote < sp->n_quotes && sp->quotes[sp->next_quote].close < i)
        sp->next_quote++;
    if (sp->next_quote < sp->n_quotes) {
        const span *q = &sp->quotes[sp->next_quote];
        if (q->open < i && i < q->close)
            return q;
    }
    return NULL;
}

/* The word before the full stop at 'dot', without opening punctuation: "(Gen" -> "Gen". */
static void word_before(const splitter *sp, size_t dot, size_t *ws, size_t *we)
{
    size_t i = dot, k;
    while (i > sp->start) {
        size_t p = prev_start(sp->s, i);
        int32_t c = decode(sp->s, sp->end, p, &k);
        if (is_space_cp(c) || is_opener(c) || c == 0x2014 || c == 0x2013)
            break;
        i = p;
    }
    *ws = i;
    *we = dot;
}

/* Is 'next' the start of a new sentence after an abbreviation that may end one? Only a
 * capitalized function word ("The", "He", "But") makes that clear. */
static bool clear_new_start(const splitter *sp, size_t next)
{
    size_t k, e = next;
    int32_t c = decode(sp->s, sp->end, next, &k);
    if (!is_upper_cp(c))
        return false;
    while (e < sp->end && e - next < 31) {
        c = decode(sp->s, sp->end, e, &k);
        if (!is_letter_cp(c))
            break;
        e += k;
    }
    char buf[32];
    size_t n = 0;
    if ((unsigned char)sp->s[next] >= 0x80) {
        // "Это", "Die": lower-cased a character at a time; a letter followed by a full stop
        // is an initial ("В. Путин"), not a word.
        if (e < sp->end && sp->s[e] == '.')
            return false;
        for (size_t i = next; i < e;) {
            utf8proc_uint8_t tmp[4];
            utf8proc_ssize_t m = utf8proc_encode_char(utf8proc_tolower(decode(sp->s, e, i, &k)), tmp);
            if (m <= 0 || n + (size_t)m > sizeof buf)
                return false;
            memcpy(buf + n, tmp, (size_t)m);
            n += (size_t)m;
            i += k;
        }
        return precis_strset_has(&sp->ab->starters, buf, n);
    }
    for (size_t i = next; i < e && n < sizeof buf; i++)
        buf[n++] = (char)((sp->s[i] >= 'A' && sp->s[i] <= 'Z') ? sp->s[i] + 32 : sp->s[i]);
    return precis_strset_has(&sp->ab->starters, buf, n);
}

/* Decides whether the terminal punctuation at byte 'p' ends a sentence; on yes, '*cut' is the
 * end of the sentence (after closing quotes and brackets). */
static bool ends_sentence(splitter *sp, size_t p, size_t *cut, size_t *resume)
{
    const char *s = sp->s;
    size_t k;
    int32_t c = decode(s, sp->end, p, &k);
    if (c == '.' && p > sp->start && s[p - 1] == '.')
        return false; // inside a run of full stops ("..."), judged at its first
    size_t e = p + k, periods = c == '.', closers_end = 0;
    bool ellipsis = c == 0x2026, closed_quote = false;
    // The cluster: more terminal marks and closing quotes/brackets ("?!", ".\u201D", ".)")
    while (e < sp->end) {
        size_t kk;
        int32_t d = decode(s, sp->end, e, &kk);
        if (d == '.' || d == '!' || d == '?' || d == 0x2026 || is_cjk_stop(d) ||
            is_other_stop(d) || (d == ';' && sp->ab->semicolon_question)) {
            periods += d == '.';
            ellipsis |= d == 0x2026;
        } else if (is_closer(d)) {
            closed_quote |= d != ')' && d != ']';
            closers_end = e + kk;
        } else {
            break;
        }
        e += kk;
    }
    (void)closers_end;
    if (is_cjk_stop(c)) {
        *cut = e;
        *resume = trim_left(s, e, sp->end);
        return true;
    }
    if (ellipsis || periods >= 2)
        return false; // "..." and "\u2026" do not end a sentence
    if (e < sp->end && !is_space_cp(decode(s, sp->end, e, &k)))
        return false; // "3.5", "U.S.-led", "Rappler.com"
    size_t next = trim_left(s, e, sp->end);
    *cut = e;
    *resume = next;
    if (next >= sp->end)
        return true;
    int32_t n = decode(s, sp->end, next, &k);
    if (is_lower_cp(n))
        return false;
    // Inside a quotation only a full stop whose quotation closes right after it ends a sentence.
    const span *q = quote_at(sp, p);
    if (q != NULL && !(closed_quote && q->close < e))
        return false;
    if (c != '.')
        return true;
    size_t ws, we;
    word_before(sp, p, &ws, &we);
    size_t wl = we - ws;
    if (wl == 0)
        return true;
    int32_t w0 = decode(s, we, ws, &k);
    // German and others write ordinals with a full stop ("am 3. Oktober"): a day or a rank
    // ends a sentence only before a clear new start ("um 3. Die").
    if (sp->ab->ordinal_dot && wl <= 2 && s[ws] >= '0' && s[ws] <= '9' &&
        (wl == 1 || (s[ws + 1] >= '0' && s[ws + 1] <= '9')))
        return clear_new_start(sp, next);
    // A one-letter title ("M. Dupont") is listed; other capitals are initials.
    if (abbrev_has(&sp->ab->never_final, s + ws, wl, true))
        return false;
    if (k == wl && is_upper_cp(w0))
        return clear_new_start(sp, next); // an initial ("J. R. R. Tolkien"), unless "Group C. The"
    if (abbrev_has(&sp->ab->maybe_final, s + ws, wl, false) || is_dotted_letters(s + ws, wl))
        return clear_new_start(sp, next);
    return true;
}

static precis_status push(precis_sents *out, uint32_t doc, uint32_t para, size_t off, size_t len,
                          const line *unit)
{
    if (!precis_grow((void **)&out->v, &out->cap, out->n + 1, sizeof *out->v))
        return PRECIS_ERR_NOMEM;
    precis_sent *st = &out->v[out->n++];
    memset(st, 0, sizeof *st);
    st->doc = doc;
    st->para = para;
    st->off = off;
    st->len = len;
    st->line_off = unit->start;
    st->line_len = unit->end - unit->start;
    return PRECIS_OK;
}

/* A dateline opens a news paragraph: "SEOUL, South Korea \u2013 ", "WASHINGTON (AP) \u2014 ".
 * Returns where the story text starts, or 'start' when there is none. */
static size_t skip_dateline(const char *s, size_t start, size_t end)
{
    size_t i = start, caps = 0, k;
    while (i < end) { // the place name in capitals: "SEOUL", "NEW YORK", "WILKES-BARRE"
        int32_t c = decode(s, end, i, &k);
        if (is_upper_cp(c))
            caps++;
        else if (c == '-' ? !(i + 1 < end && is_upper_cp((unsigned char)s[i + 1]))
                          : !(c == ' ' || c == '.' || c == '\''))
            break;
        i += k;
    }
    if (caps < 2)
        return start;
    while (i > start && s[i - 1] == ' ')
        i--;
    size_t words = 0;
    if (i < end && s[i] == ',') { // ", South Korea"
        i++;
        while (i < end && words < 5) {
            while (i < end && (s[i] == ' ' || s[i] == ','))
                i++;
            int32_t c = decode(s, end, i, &k);
            if (!is_upper_cp(c) && !(c >= '0' && c <= '9')) // "South Korea", "March 12"
                break;
            while (i < end && s[i] != ' ' && s[i] != ',')
                i++;
            words++;
        }
    }
    i = trim_left(s, i, end);
    if (i < end && s[i] == '(') { // "(AP)"
        const char *close = memchr(s + i, ')', end - i < 24 ? end - i : 24);
        if (close == NULL)
            return start;
        i = trim_left(s, (size_t)(close - s) + 1, end);
    }
    int32_t dash = decode(s, end, i, &k);
    if (!(dash == 0x2013 || dash == 0x2014 || dash == '-'))
        return start;
    i += k;
    if (i < end && s[i] == '-')
        i++;
    if (i >= end || !is_space_cp(decode(s, end, i, &k)))
        return start;
    i = trim_left(s, i, end);
    // The story starts with a capital, a digit or a quote ("NATO \u2013 the alliance" is no dateline).
    int32_t first = decode(s, end, i, &k);
    if (!(is_upper_cp(first) || (first >= '0' && first <= '9') || is_opener(first)))
        return start;
    return end - i >= 20 ? i : start;
}

static precis_status split_sentences(splitter *sp, const char *s, const line *unit, uint32_t doc,
                                     uint32_t para, precis_sents *out);

static precis_status split_paragraph(const char *s, const line *unit, uint32_t doc, uint32_t para,
                                     const precis_abbrevs *ab, precis_sents *out)
{
    splitter sp = {.s = s, .start = unit->start, .end = unit->end, .ab = ab};
    if (!find_quotes(&sp)) {
        free(sp.quotes);
        return PRECIS_ERR_NOMEM;
    }
    precis_status st = split_sentences(&sp, s, unit, doc, para, out);
    free(sp.quotes);
    return st;
}

static precis_status split_sentences(splitter *sp, const char *s, const line *unit, uint32_t doc,
                                     uint32_t para, precis_sents *out)
{
    size_t first = out->n;
    size_t begin = skip_dateline(s, unit->start, unit->end);
    for (size_t i = begin; i < unit->end;) {
        unsigned char b = (unsigned char)s[i];
        if (b < 0x80 && b != '.' && b != '!' && b != '?' && b != ';') {
            i++; // no other ASCII character can end a sentence (is_terminal)
            continue;
        }
        size_t k, cut, resume;
        int32_t c = decode(s, unit->end, i, &k);
        if ((is_terminal(c) || (c == ';' && sp->ab->semicolon_question)) &&
            ends_sentence(sp, i, &cut, &resume)) {
            size_t e = trim_right(s, begin, cut);
            if (e > begin) {
                precis_status st = push(out, doc, para, begin, e - begin, unit);
                if (st != PRECIS_OK)
                    return st;
            }
            begin = i = resume;
            continue;
        }
        i += k;
    }
    size_t e = trim_right(s, begin, unit->end);
    if (e > begin) {
        precis_status st = push(out, doc, para, begin, e - begin, unit);
        if (st != PRECIS_OK)
            return st;
    }
    if (out->n > first) {
        out->v[first].para_first = true;
        out->v[out->n - 1].para_last = true;
    }
    return PRECIS_OK;
}

/* A line break inside a paragraph that the output form joins without a space. */
typedef struct join {
    size_t at; // end of the line before it
    uint8_t kind; // PRECIS_BREAK_*
} join;

typedef struct joins {
    join *v;
    size_t n, cap;
} joins;

/* Notes the break between lines 'a' and 'b' of a paragraph when the output joins it (a CJK
 * character or a hyphen ends 'a': one byte compared for most lines). */
static bool note_join(const char *s, size_t n, const line *a, const line *b, joins *js)
{
    unsigned char last = (unsigned char)s[a->end - 1];
    if (last != '-' && !(last >= 0x80 && (unsigned char)s[b->start] >= 0x80))
        return true;
    uint8_t kind = precis_break_kind(s, n, a->end, b->start);
    if (kind == 0)
        return true;
    if (!precis_grow((void **)&js->v, &js->cap, js->n + 1, sizeof *js->v))
        return false;
    js->v[js->n++] = (join){a->end, kind};
    return true;
}

/* Marks the sentences [first, out->n) that hold the breaks 'js' (both in text order). */
static void mark_joins(precis_sents *out, size_t first, const joins *js)
{
    size_t k = first;
    for (size_t q = 0; q < js->n; q++) {
        while (k < out->n && out->v[k].off + out->v[k].len <= js->v[q].at)
            k++;
        if (k == out->n)
            return;
        if (out->v[k].off < js->v[q].at) {
            out->v[k].line_join |= js->v[q].kind;
            out->n_hyphen_breaks += js->v[q].kind == PRECIS_BREAK_HYPHEN;
        }
    }
}

precis_status precis_split_document(const char *text, size_t len, uint32_t doc_no,
                                    const precis_abbrevs *ab, precis_sents *out)
{
    lines ls = {0};
    joins js = {0};
    size_t first = out->n;
    precis_status st = split_lines(text, len, &ls);
    if (st != PRECIS_OK)
        goto done;
    layout lay = {.ls = &ls};
    lay.wrapped = looks_wrapped(text, &ls, &lay.width);
    uint32_t para = 0;
    for (size_t i = 0; i < ls.n;) {
        if (ls.v[i].blank) {
            i++;
            continue;
        }
        line unit = ls.v[i];
        size_t j = i, first_sent = out->n;
        js.n = 0;
        while (j + 1 < ls.n &&
               continues(text, &lay, &ls.v[j], &ls.v[j + 1], j + 2 < ls.n ? &ls.v[j + 2] : NULL,
                         j > i)) {
            if (!note_join(text, len, &ls.v[j], &ls.v[j + 1], &js)) {
                st = PRECIS_ERR_NOMEM;
                goto done;
            }
            unit.end = ls.v[++j].end;
        }
        if ((st = split_paragraph(text, &unit, doc_no, para++, ab, out)) != PRECIS_OK)
            goto done;
        mark_joins(out, first_sent, &js);
        i = j + 1;
    }
    for (size_t i = first; i < out->n; i++)
        out->v[i].index = (uint32_t)(i - first);
done:
    free(ls.v);
    free(js.v);
    return st;
}
