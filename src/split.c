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

static bool is_digit_cp(int32_t c)
{
    return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19); // ASCII or full-width
}

/* \u201C closes a German quotation ("\u201EJa.\u201C"); \u300B closes a Chinese title. */
static bool is_closer(int32_t c)
{
    return c == '"' || c == '\'' || c == ')' || c == ']' || c == 0x201D || c == 0x2019 ||
           c == 0x00BB || c == 0x203A || c == 0x300D || c == 0x300F || c == 0xFF09 ||
           c == 0x201C || c == 0x300B;
}

static bool is_opener(int32_t c)
{
    return c == '"' || c == '\'' || c == '`' || c == '(' || c == '[' || c == 0x201C ||
           c == 0x2018 || c == 0x00AB || c == 0x2039 || c == 0x300C || c == 0x300E ||
           c == 0xFF08 || c == 0x201E || c == 0x300A;
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

/* Marks that end a sentence in some languages only: Greek ';' (question mark), ':' where it is
 * the full stop (Armenian text typed without '\u0589'; Arabic, as pySBD's Arabic and Armenian
 * rules), the Arabic comma '\u060C' (pySBD's Arabic rules). */
static bool is_lang_stop(const precis_abbrevs *ab, int32_t c)
{
    return (c == ';' && ab->semicolon_question) ||
           (c == ':' && (ab->split_flags & PRECIS_SPLIT_COLON)) ||
           (c == 0x060C && (ab->split_flags & PRECIS_SPLIT_ARABIC_COMMA));
}

/* ---- abbreviations --------------------------------------------------------------------- */

precis_status precis_abbrevs_init(precis_abbrevs *ab, const char *const *lines, size_t n,
                                  const char *const *starters, size_t n_starters)
{
    precis_strset_init(&ab->never_final);
    precis_strset_init(&ab->maybe_final);
    precis_strset_init(&ab->starters);
    precis_strset_init(&ab->name_final);
    precis_strset_init(&ab->after_name);
    ab->semicolon_question = false;
    ab->ordinal_dot = false;
    ab->split_flags = 0;
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
        // "Inc ++": may end a sentence, and ends a name; "Tuesday ~": a word that goes on with
        // the sentence after such a name ("Acme Corp. Tuesday said").
        bool name = len >= 3 && l[len - 1] == '+' && l[len - 2] == '+' && l[len - 3] == ' ';
        bool maybe = name || (len >= 2 && l[len - 1] == '+' && l[len - 2] == ' ');
        bool cont = len >= 2 && l[len - 1] == '~' && l[len - 2] == ' ';
        if (maybe || cont)
            for (len -= name ? 3 : 2; len > 0 && l[len - 1] == ' '; len--) {
            }
        precis_strset *set = cont    ? &ab->after_name
                             : maybe ? &ab->maybe_final
                                     : &ab->never_final;
        precis_status st = precis_strset_add(set, l, len);
        if (st == PRECIS_OK && name)
            st = precis_strset_add(&ab->name_final, l, len);
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
    precis_strset_destroy(&ab->name_final);
    precis_strset_destroy(&ab->after_name);
}

/* Looks 'w' up as written and, when 'other_case', with its first letter's case changed: "gen"
 * is "Gen", and "Nov", "\u041A\u0432" (at a sentence's start) are "nov", "\u043A\u0432"; a single
 * capital stays an initial. Only the abbreviations that never end a sentence are matched so:
 * "no." is a word. */
static bool abbrev_has(const precis_strset *set, const char *w, size_t len, bool other_case)
{
    if (precis_strset_has(set, w, len))
        return true;
    if (!other_case || len == 0 || len >= 32)
        return false;
    char buf[32];
    size_t k;
    int32_t c = precis_decode(w, len, 0, &k), flip;
    if (is_lower_cp(c))
        flip = utf8proc_toupper(c);
    else if (k < len && is_upper_cp(c))
        flip = utf8proc_tolower(c);
    else
        return false;
    utf8proc_ssize_t m = utf8proc_encode_char(flip, (utf8proc_uint8_t *)buf);
    if (m <= 0 || (size_t)m + len - k > sizeof buf)
        return false;
    memcpy(buf + m, w + k, len - k);
    return precis_strset_has(set, buf, (size_t)m + len - k);
}

/* "U.S", "J.R.R", "e.g", "\u041B.\u041D": single letters joined by full stops. */
static bool is_dotted_letters(const char *w, size_t len)
{
    if (len < 3)
        return false;
    size_t n = 0;
    for (size_t i = 0; i < len; n++) {
        size_t k;
        int32_t c = precis_decode(w, len, i, &k);
        if (n % 2 == 0 ? !precis_is_letter(c) : c != '.')
            return false;
        i += k;
    }
    return n % 2 == 1;
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
        if (!is_space_cp(precis_decode(s, end, i, &k)))
            break;
        i += k;
    }
    return i;
}

static size_t trim_right(const char *s, size_t start, size_t end)
{
    while (end > start) {
        size_t p = precis_prev_start(s, end), k;
        if (!is_space_cp(precis_decode(s, end, p, &k)))
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
            l->indent =
                precis_decode(s, l->start, p, &k) == '\t' ? (l->indent / 8 + 1) * 8 : l->indent + 1;
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
        size_t p = precis_prev_start(s, e), k;
        int32_t c = precis_decode(s, l->end, p, &k);
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
        bool sp = is_space_cp(precis_decode(s, end, i, &k));
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
        int32_t c = precis_decode(s, l->end, i, &k);
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
    size_t p = precis_prev_start(s, l->end);
    int32_t last = precis_decode(s, l->end, p, &k);
    if (!precis_is_cjk_text(last) || !precis_is_cjk_text(precis_decode(s, next->end, next->start, &k)))
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
    int32_t first = precis_decode(s, next->end, next->start, &k);
    if (is_lower_cp(first))
        return true;
    if (next->indent > 0 && hanging_indent(l, next, after))
        return true;
    // A long line that ends on a lower-case word was cut mid-sentence; headlines and captions
    // are short or end on a capitalized word.
    size_t p = l->end;
    while (p > l->start) {
        size_t q = precis_prev_start(s, p);
        if (is_space_cp(precis_decode(s, l->end, q, &k)))
            break;
        p = q;
    }
    return count_words(s, l->start, l->end) >= 8 && is_lower_cp(precis_decode(s, l->end, p, &k)) &&
           precis_is_letter(first);
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

/* Per document: which titles it also uses bare, as names (seen_bare). */
typedef struct bare_cache {
    struct {
        char word[16];
        size_t len;
        bool bare;
    } v[16];
    size_t n;
} bare_cache;

typedef struct splitter {
    const char *s;
    size_t doc_len;    // the whole document: s[0, doc_len)
    bare_cache *bare;
    size_t start, end; // the paragraph
    const precis_abbrevs *ab;
    span *quotes;      // sorted by position, not nested
    size_t n_quotes, cap_quotes;
    size_t next_quote; // first quotation that may still hold a later byte
    size_t sentence_start; // where the sentence being cut began
    span *items;           // inline list items: [open, close) is each one's marker
    size_t n_items, cap_items;
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
 * is an apostrophe. German quotes open low and close with \u201C ("\u201EJa\u201C"); Chinese
 * and Japanese brackets and title marks (\u300A\u300B, as pySBD's Chinese rules) pair too. */
static bool is_quote_mark(int32_t c)
{
    return c == '"' || c == 0x201C || c == 0x201D || c == 0x2018 || c == 0x2019 || c == 0x00AB ||
           c == 0x00BB || c == 0x300C || c == 0x300D || c == 0x201E || (c >= 0x300A && c <= 0x300F);
}

/* The mark that closes a quotation opened by 'open', or 0. */
static int32_t closing_mark(int32_t open)
{
    switch (open) {
    case '"':
        return '"';
    case 0x201C:
        return 0x201D;
    case 0x00AB:
        return 0x00BB;
    case 0x201E:
        return 0x201C;
    case 0x300A:
    case 0x300C:
    case 0x300E:
        return open + 1;
    default:
        return 0;
    }
}

static bool find_quotes(splitter *sp)
{
    const char *s = sp->s;
    size_t open = SIZE_MAX;
    int32_t open_c = 0;
    sp->n_quotes = sp->next_quote = 0;
    for (size_t i = sp->start; i < sp->end;) {
        unsigned char b = (unsigned char)s[i];
        if (b < 0x80 && b != '"' && b != '`' && b != '\'') { // skip the rest undecoded
            i++;
            continue;
        }
        if (b == '`' || b == '\'') {
            // Wire text writes quotations ``like this'' (two grave accents, two apostrophes).
            if (i + 1 >= sp->end || s[i + 1] != (char)b) {
                i++;
                continue;
            }
            if (b == '`') {
                open = i;
                open_c = '`';
            } else if (open != SIZE_MAX && open_c == '`') {
                if (!push_quote(sp, open, i))
                    return false;
                open = SIZE_MAX;
            }
            i += 2;
            continue;
        }
        size_t k, pk, nk;
        int32_t c = precis_decode(s, sp->end, i, &k);
        if (!is_quote_mark(c)) {
            i += k; // most characters: one test, no look around
            continue;
        }
        int32_t before = i > sp->start ? precis_decode(s, sp->end, precis_prev_start(s, i), &pk) : ' ';
        int32_t after = i + k < sp->end ? precis_decode(s, sp->end, i + k, &nk) : ' ';
        bool starts = (is_space_cp(before) || is_opener(before) || before == 0x2014 ||
                       before == 0x2013) && !is_space_cp(after);
        bool closes = open != SIZE_MAX &&
                      ((c == closing_mark(open_c) && !(c == '"' && starts)) ||
                       (c == 0x201D && open_c == 0x201E) ||
                       (c == 0x2019 && open_c == 0x2018 && !precis_is_letter(after)));
        if (!closes && (c == 0x201C || c == 0x00AB || c == 0x201E || c == 0x300A ||
                        c == 0x300C || c == 0x300E || (c == 0x2018 && starts) ||
                        (c == '"' && starts))) {
            open = i; // a quote still open here was stray
            open_c = c;
        } else if (closes) {
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
        size_t p = precis_prev_start(sp->s, i);
        int32_t c = precis_decode(sp->s, sp->end, p, &k);
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
    int32_t c = precis_decode(sp->s, sp->end, next, &k);
    if (!is_upper_cp(c))
        return false;
    while (e < sp->end && e - next < 31) {
        c = precis_decode(sp->s, sp->end, e, &k);
        if (!precis_is_letter(c))
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
            int32_t lower = utf8proc_tolower(precis_decode(sp->s, e, i, &k));
            utf8proc_ssize_t m = utf8proc_encode_char(lower, tmp);
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

/* The word starting at 'next' (a capital and letters, then '.') is a title of the language's
 * list ("Mr.", "Gen."): it opens a name. */
static bool is_title_at(const splitter *sp, size_t next)
{
    size_t e = next;
    while (e < sp->end && e - next < 16 && ((unsigned char)sp->s[e] | 0x20) >= 'a' &&
           ((unsigned char)sp->s[e] | 0x20) <= 'z')
        e++;
    return e > next && e < sp->end && sp->s[e] == '.' && sp->s[next] >= 'A' &&
           sp->s[next] <= 'Z' && precis_strset_has(&sp->ab->never_final, sp->s + next, e - next);
}

/* Does the sentence from 'from' to 'to' hold a lower-case word of two letters or more? A
 * sentence needs a predicate, and words before it are capitalized or numbers only in an opening
 * phrase ("At 5 a.m."), so without one the sentence cannot have ended yet. */
static bool has_lower_word(const char *s, size_t from, size_t to)
{
    for (size_t i = from; i + 1 < to; i++)
        if ((i == from || s[i - 1] == ' ') && s[i] >= 'a' && s[i] <= 'z' && s[i + 1] >= 'a' &&
            s[i + 1] <= 'z')
            return true;
    return false;
}

/* Does a run of full stops start at 'p': "...", or ". ." but not ". .." (see ends_dot_run)?
 * Two touching dots are an abbreviation's and the sentence's ("Nov.."): not a run. */
static bool starts_dot_run(const char *s, size_t p, size_t end)
{
    if (p + 2 >= end)
        return false;
    if (s[p + 1] == '.')
        return s[p + 2] == '.';
    return s[p + 1] == ' ' && s[p + 2] == '.' && (p + 3 >= end || s[p + 3] != '.');
}

/* A run of full stops, touching or one space apart, that starts at 'p': "....", ". . .",
 * "word. . . .". Three dots are an ellipsis, which leaves the sentence open ("I wasn't really
 * . . . well"); a fourth is the sentence's own full stop (Chicago style), so the run ends the
 * sentence before a word that does not start in lower case. When the first dot touches the
 * word and the rest are spaced ("abandoned. . . . The"), the first dot ends the sentence and
 * the ellipsis opens the next one, as it marks words left out at that next sentence's start. */
static bool ends_dot_run(splitter *sp, size_t p, size_t *cut, size_t *resume)
{
    const char *s = sp->s;
    size_t j = p, dots = 0;
    // Touching ("....") or spaced (". . . ."), never mixed: in "raak. ...en" the first dot
    // is a full stop of its own.
    bool spaced = s[p + 1] == ' ';
    while (j < sp->end && s[j] == '.') {
        dots++;
        j++;
        if (!spaced)
            continue;
        if (j + 1 < sp->end && s[j] == ' ' && s[j + 1] == '.' &&
            !(j + 2 < sp->end && s[j + 2] == '.'))
            j++;
        else
            break;
    }
    if (dots < 4)
        return false;
    size_t e = j, k;
    while (e < sp->end && is_closer(precis_decode(s, sp->end, e, &k)))
        e += k;
    if (e < sp->end && !is_space_cp(precis_decode(s, sp->end, e, &k)))
        return false;
    size_t next = trim_left(s, e, sp->end);
    if (next < sp->end && is_lower_cp(precis_decode(s, sp->end, next, &k)))
        return false;
    if (quote_at(sp, p) != NULL)
        return false;
    bool attached = p > sp->start && !is_space_cp(precis_decode(s, sp->end, precis_prev_start(s, p), &k));
    if (attached && spaced && s[p + 1] == ' ') {
        if (next >= sp->end)
            return false; // "abandoned. . . ." closing the paragraph stays whole
        *cut = p + 1;
        *resume = p + 2;
        return true;
    }
    *cut = e;
    *resume = next;
    return true;
}

/* The word of 'len' bytes at 'w' stands in the document without a full stop after it
 * ("Hun Sen's party", "Hun Sen said"): there it is a name, not an abbreviation. Answers are
 * cached per document, since a title such as "Gen." may come back many times. */
static bool seen_bare(splitter *sp, const char *w, size_t len)
{
    bare_cache *bc = sp->bare;
    for (size_t i = 0; i < bc->n; i++)
        if (bc->v[i].len == len && memcmp(bc->v[i].word, w, len) == 0)
            return bc->v[i].bare;
    bool bare = false;
    const char *t = sp->s, *end = sp->s + sp->doc_len;
    for (const char *q = t; !bare && (q = memchr(q, w[0], (size_t)(end - q))) != NULL; q++) {
        if ((size_t)(end - q) <= len || memcmp(q, w, len) != 0)
            continue;
        unsigned char after = (unsigned char)q[len];
        bool starts = q == t || !((q[-1] | 0x20) >= 'a' && (q[-1] | 0x20) <= 'z');
        bare = starts && after < 0x80 && after != '.' &&
               !((after | 0x20) >= 'a' && (after | 0x20) <= 'z');
    }
    if (bc->n < sizeof bc->v / sizeof bc->v[0] && len < sizeof bc->v[0].word) {
        memcpy(bc->v[bc->n].word, w, len);
        bc->v[bc->n].len = len;
        bc->v[bc->n++].bare = bare;
    }
    return bare;
}

/* A title after a capitalized word that ends in no full stop ("strongman Hun Sen.") ends the
 * sentence like any word when the document also uses it bare, as a name: a title comes
 * before a name, never after one. */
static bool title_is_a_name(splitter *sp, size_t ws, size_t wl, size_t next)
{
    const char *s = sp->s;
    size_t k, p = ws;
    if (!is_upper_cp(precis_decode(s, sp->end, next, &k)) || ws < sp->start + 2 || s[ws - 1] != ' ')
        return false;
    p = ws - 1; // the word before: capitalized, without a full stop of its own
    if (s[p - 1] == '.' || s[p - 1] == ',')
        return false;
    while (p > sp->start && s[p - 1] != ' ')
        p--;
    return is_upper_cp(precis_decode(s, sp->end, p, &k)) && seen_bare(sp, s + ws, wl);
}

/* A company or place abbreviation ("Inc.", "Corp.") ends a name; before a capitalized word
 * it also ends the sentence when the clause that holds the name already has a predicate (a
 * lower-case word since the last comma: "a deal with Sun Microsystems Inc. AOL, the leading
 * ..."), unless that word goes on with the sentence ("Acme Corp. Tuesday said"). A name that
 * opens its clause ("..., America Online Inc. Tuesday laid out") is its subject. */
static bool name_ends_sentence(const splitter *sp, size_t ws, size_t next)
{
    const char *s = sp->s;
    size_t k, e = next, from = ws;
    if (!is_upper_cp(precis_decode(s, sp->end, next, &k)))
        return false;
    while (e < sp->end && e - next < 31 && precis_is_letter(precis_decode(s, sp->end, e, &k)))
        e += k;
    char buf[32];
    size_t n = e - next;
    if (n == 0 || n >= sizeof buf)
        return false;
    memcpy(buf, s + next, n);
    if (precis_strset_has(&sp->ab->after_name, buf, n))
        return false;
    while (from > sp->sentence_start && s[from - 1] != ',')
        from--;
    return has_lower_word(s, from, ws);
}

/* Does the full stop at 'dot' follow an abbreviation ("Nov", "U.S")? */
static bool after_abbrev(const splitter *sp, size_t dot)
{
    size_t ws, we;
    word_before(sp, dot, &ws, &we);
    return we > ws && (abbrev_has(&sp->ab->never_final, sp->s + ws, we - ws, true) ||
                       abbrev_has(&sp->ab->maybe_final, sp->s + ws, we - ws, false) ||
                       is_dotted_letters(sp->s + ws, we - ws));
}

/* Is 'next' a function word in lower case ("\u03C4\u03BF", "the") followed by a space? Where
 * sentences may start so (Greek, as pySBD's rules split there), one ends before it. */
static bool lower_starter(const splitter *sp, size_t next)
{
    size_t e = next, k;
    while (e < sp->end && e - next < 32 && precis_is_letter(precis_decode(sp->s, sp->end, e, &k)))
        e += k;
    return e > next && (e >= sp->end || is_space_cp(precis_decode(sp->s, sp->end, e, &k))) &&
           precis_strset_has(&sp->ab->starters, sp->s + next, e - next);
}

/* Decides whether the terminal punctuation at byte 'p' ends a sentence; on yes, '*cut' is the
 * end of the sentence (after closing quotes and brackets). One list of rules, tried in order
 * (the order is part of the rules: an earlier one wins), which is why it stays one function of
 * about a hundred lines. */
static bool ends_sentence(splitter *sp, size_t p, size_t *cut, size_t *resume)
{
    const char *s = sp->s;
    size_t k;
    int32_t c = precis_decode(s, sp->end, p, &k);
    if (c == '.' && p > sp->start &&
        (s[p - 1] == '.' || (s[p - 1] == ' ' && p - 1 > sp->start && s[p - 2] == '.')))
        return false; // inside a run of full stops ("...", ". . ."), judged at its first
    if (c == '.' && starts_dot_run(s, p, sp->end))
        return ends_dot_run(sp, p, cut, resume);
    size_t e = p + k, periods = c == '.', closers_end = 0;
    bool ellipsis = c == 0x2026, closed_quote = false;
    // The cluster: more terminal marks and closing quotes/brackets ("?!", ".\u201D", ".)")
    while (e < sp->end) {
        size_t kk;
        int32_t d = precis_decode(s, sp->end, e, &kk);
        if (d == '.' || d == '!' || d == '?' || d == 0x2026 || is_cjk_stop(d) ||
            is_other_stop(d) || is_lang_stop(sp->ab, d)) {
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
        // "\uFF13\uFF0E\uFF12": a full-width full stop between digits is a decimal point.
        if (c == 0xFF0E && e < sp->end && p > sp->start &&
            is_digit_cp(precis_decode(s, sp->end, e, &k)) &&
            is_digit_cp(precis_decode(s, sp->end, precis_prev_start(s, p), &k)))
            return false;
        // Inside brackets or a title ("\u300A...\uFF01...\u300B") only a stop that closes it ends.
        const span *q = quote_at(sp, p);
        if (q != NULL && !(closed_quote && q->close < e))
            return false;
        *cut = e;
        *resume = trim_left(s, e, sp->end);
        return true;
    }
    // "23 Nov.. Grazie": an abbreviation's full stop, then the sentence's.
    bool abbrev_stop =
        !ellipsis && periods == 2 && c == '.' && s[p + 1] == '.' && after_abbrev(sp, p);
    if ((ellipsis || periods >= 2) && !abbrev_stop)
        return false; // "..." and "\u2026" do not end a sentence
    if (e < sp->end && !is_space_cp(precis_decode(s, sp->end, e, &k)))
        return false; // "3.5", "U.S.-led", "Rappler.com"
    size_t next = trim_left(s, e, sp->end);
    *cut = e;
    *resume = next;
    if (next >= sp->end)
        return true;
    if (c == 0x060C) { // "A\u060C B\u060C C": commas between listed words (pySBD's Arabic rules)
        size_t j = next;
        while (j < sp->end && !is_space_cp(precis_decode(s, sp->end, j, &k)))
            j += k;
        if (precis_decode(s, sp->end, precis_prev_start(s, j), &k) == 0x060C)
            return false;
    }
    int32_t n = precis_decode(s, sp->end, next, &k);
    if (is_lower_cp(n) &&
        !((sp->ab->split_flags & PRECIS_SPLIT_BEFORE_LOWER) && lower_starter(sp, next)))
        return false;
    // Inside a quotation only a full stop whose quotation closes right after it ends a sentence.
    const span *q = quote_at(sp, p);
    if (q != NULL && !(closed_quote && q->close < e))
        return false;
    if (c != '.' || abbrev_stop)
        return true;
    size_t ws, we;
    word_before(sp, p, &ws, &we);
    size_t wl = we - ws;
    if (wl == 0)
        return true;
    int32_t w0 = precis_decode(s, we, ws, &k);
    // A number sign ("N\u00B0. 1026", "N\u00BA. 7") stands before its number in any language.
    if (wl >= 3 && (unsigned char)s[we - 2] == 0xC2 &&
        ((unsigned char)s[we - 1] == 0xB0 || (unsigned char)s[we - 1] == 0xBA) &&
        s[next] >= '0' && s[next] <= '9')
        return false;
    // German and others write ordinals with a full stop ("am 3. Oktober"): a day or a rank
    // ends a sentence only before a clear new start ("um 3. Die").
    if (sp->ab->ordinal_dot && wl <= 2 && s[ws] >= '0' && s[ws] <= '9' &&
        (wl == 1 || (s[ws + 1] >= '0' && s[ws + 1] <= '9')))
        return clear_new_start(sp, next);
    // A one-letter title ("M. Dupont") is listed; other capitals are initials.
    if (abbrev_has(&sp->ab->never_final, s + ws, wl, true))
        return title_is_a_name(sp, ws, wl, next);
    if (k == wl && is_upper_cp(w0))
        return clear_new_start(sp, next); // an initial ("J. R. R. Tolkien"), unless "Group C. The"
    if (abbrev_has(&sp->ab->maybe_final, s + ws, wl, false) || is_dotted_letters(s + ws, wl))
        // "at 6 P.M. Mr. Smith": a title opens a new subject once the sentence has a predicate
        return clear_new_start(sp, next) ||
               (is_title_at(sp, next) && has_lower_word(s, sp->sentence_start, ws)) ||
               (precis_strset_has(&sp->ab->name_final, s + ws, wl) &&
                name_ends_sentence(sp, ws, next));
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

/* A dateline opens a news paragraph: "SEOUL, South Korea \u2013 ", "WASHINGTON (AP) \u2014 ",
 * "TRIPOLI, Libya (AP) _ ".
 * Returns where the story text starts, or 'start' when there is none; '*place_end' is the end
 * of the dateline's text before its dash ("TRIPOLI, Libya (AP)"), 'start' when it has none. */
static size_t skip_one_dateline(const char *s, size_t start, size_t end, size_t *place_end)
{
    size_t i = start, caps = 0, k;
    *place_end = start;
    // Wire copy marks a dash with '_' ("WASHINGTON _ NASA"), and a paragraph that carries on
    // the previous item opens with one alone ("_ A salary cap...").
    if (end - start > 2 && s[start] == '_' && s[start + 1] == ' ')
        return trim_left(s, start + 2, end);
    while (i < end) { // the place name in capitals: "SEOUL", "NEW YORK", "WILKES-BARRE"
        int32_t c = precis_decode(s, end, i, &k);
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
    if (i + 1 < end && s[i] == ' ' && s[i + 1] == '(') { // "BEIDAIHE (Hebei), March 5"
        const char *close = memchr(s + i, ')', end - i < 24 ? end - i : 24);
        if (close != NULL && close + 1 < s + end && close[1] == ',')
            i = (size_t)(close - s) + 1;
    }
    size_t words = 0;
    if (i < end && s[i] == ',') { // ", South Korea"
        i++;
        while (i < end && words < 5) {
            while (i < end && (s[i] == ' ' || s[i] == ','))
                i++;
            int32_t c = precis_decode(s, end, i, &k);
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
    size_t place = trim_right(s, start, i);
    int32_t dash = precis_decode(s, end, i, &k);
    if (!(dash == 0x2013 || dash == 0x2014 || dash == '-' || dash == '_'))
        return start;
    i += k;
    if (i < end && s[i] == '-')
        i++;
    // "(AP) _Venezuelan": wire copy sometimes drops the space after its '_'.
    bool touching = dash == '_' && i < end && is_upper_cp(precis_decode(s, end, i, &k));
    if (!touching && (i >= end || !is_space_cp(precis_decode(s, end, i, &k))))
        return start;
    i = trim_left(s, i, end);
    // The story starts with a capital, a digit or a quote ("NATO \u2013 the alliance" is no
    // dateline).
    int32_t first = precis_decode(s, end, i, &k);
    if (!(is_upper_cp(first) || (first >= '0' && first <= '9') || is_opener(first)))
        return start;
    if (end - i < 20)
        return start;
    *place_end = place;
    return i;
}

/* Datelines, and a wire slug before one ("CUBA-ELIAN _ MIAMI _ As both sides"): at most three
 * in a row are taken off; '*place_end' ends the last. */
static size_t skip_dateline(const char *s, size_t start, size_t end, size_t *place_end)
{
    size_t at = start, place;
    *place_end = start;
    for (int n = 0; n < 3; n++) {
        size_t next = skip_one_dateline(s, at, end, &place);
        if (next == at)
            break;
        if (place > at) // a dateline with a place, not a lone '_'
            *place_end = place;
        at = next;
    }
    return at;
}

static precis_status split_sentences(splitter *sp, const char *s, const line *unit, uint32_t doc,
                                     uint32_t para, precis_sents *out);

static precis_status split_paragraph(const char *s, size_t len, const line *unit, uint32_t doc,
                                     uint32_t para, const precis_abbrevs *ab, bare_cache *bare,
                                     precis_sents *out)
{
    splitter sp = {.s = s, .doc_len = len, .bare = bare, .start = unit->start, .end = unit->end,
                   .ab = ab};
    if (!find_quotes(&sp)) {
        free(sp.quotes);
        return PRECIS_ERR_NOMEM;
    }
    precis_status st = split_sentences(&sp, s, unit, doc, para, out);
    free(sp.quotes);
    free(sp.items);
    return st;
}

/* ---- list items --------------------------------------------------------------------------- */

static bool is_bullet(int32_t c)
{
    return c == 0x2022 || c == 0x2023 || c == 0x2043 || c == 0x25AA || c == 0x25CF || c == 0x25E6;
}

/* A list marker at 'i': an optional bullet, then a number of 1 to 3 digits or one lower-case
 * letter closed by ".", ".)" or ")", then white space ("1.", "2.)", "3)", "b.", "\u2022 9.",
 * "\u20439."); or a bullet alone before white space. Returns the marker's end, 0 if there is none;
 * '*kind' tells markers of one list apart, '*value' is the item's number ("c" is 3). */
static size_t list_marker(const char *s, size_t i, size_t end, uint32_t *kind, uint32_t *value)
{
    size_t k, j = i;
    int32_t c = precis_decode(s, end, j, &k);
    uint32_t bullet = 0;
    if (is_bullet(c)) {
        bullet = (uint32_t)c;
        j += k;
        if (j + 1 < end && s[j] == ' ' && !(s[j + 1] >= '0' && s[j + 1] <= '9')) {
            *kind = bullet << 3; // a bullet alone
            *value = 0;
            return j;
        }
        if (j < end && s[j] == ' ')
            j++;
    }
    size_t d = j;
    uint32_t v = 0;
    while (d < end && d - j < 3 && s[d] >= '0' && s[d] <= '9')
        v = v * 10 + (uint32_t)(s[d++] - '0');
    bool letter = d == j && d < end && s[d] >= 'a' && s[d] <= 'z';
    if (letter)
        v = (uint32_t)(s[d++] - 'a' + 1);
    if (d == j || d >= end || (s[d] >= '0' && s[d] <= '9'))
        return 0;
    uint32_t close; // 1 "1.", 2 "1.)", 3 "1)"
    if (s[d] == '.' && d + 1 < end && s[d + 1] == ')') {
        close = 2;
        d += 2;
    } else if (s[d] == '.' || s[d] == ')') {
        close = s[d] == '.' ? 1 : 3;
        d++;
    } else {
        return 0;
    }
    if (d >= end || s[d] != ' ')
        return 0;
    *kind = bullet << 3 | (letter ? 4u : 0u) | close;
    *value = v;
    return d;
}

/* Inline list items: a paragraph that opens with a list marker lists its items one after the
 * other ("1. The first item 2. The second item", "a. ... b. ..."). The markers that continue
 * the sequence (the next number or letter, or the same bullet) each start a sentence, and a
 * marker's own full stop ends none. Looked for only in paragraphs that open with a marker, so
 * other text pays one test. (The cases are pragmatic_segmenter's "Golden Rules" lists.) */
static bool find_items(splitter *sp, size_t begin)
{
    uint32_t kind, value, k2, v2;
    sp->n_items = 0;
    size_t e = list_marker(sp->s, begin, sp->end, &kind, &value);
    if (e == 0)
        return true;
    if (!precis_grow((void **)&sp->items, &sp->cap_items, 1, sizeof *sp->items))
        return false;
    sp->items[sp->n_items++] = (span){begin, e};
    for (size_t i = e; i + 1 < sp->end; i++) {
        if (sp->s[i] != ' ' || sp->s[i + 1] == ' ')
            continue;
        size_t m = list_marker(sp->s, i + 1, sp->end, &k2, &v2);
        if (m == 0 || k2 != kind || (v2 != value + 1 && (kind & 7) != 0))
            continue;
        if (!precis_grow((void **)&sp->items, &sp->cap_items, sp->n_items + 1, sizeof *sp->items))
            return false;
        sp->items[sp->n_items++] = (span){i + 1, m};
        value = v2;
        i = m - 1;
    }
    return true;
}

/* The ASCII bytes that may end a sentence in some language (is_terminal, is_lang_stop). A
 * table, not a bit mask: testing 'b < 64' first branches on every space against every letter,
 * which the processor cannot predict (callgrind: 23 times the mispredictions). */
static const bool ascii_stop[128] = {['.'] = true, ['!'] = true, ['?'] = true, [';'] = true,
                                     [':'] = true};

static precis_status split_sentences(splitter *sp, const char *s, const line *unit, uint32_t doc,
                                     uint32_t para, precis_sents *out)
{
    size_t first = out->n;
    size_t place_end;
    size_t begin = skip_dateline(s, unit->start, unit->end, &place_end);
    if (!find_items(sp, begin))
        return PRECIS_ERR_NOMEM;
    size_t item = 0, next_item = SIZE_MAX, i = begin;
    if (sp->n_items > 0) { // the opening marker belongs to the first sentence
        i = sp->items[0].close;
        next_item = ++item < sp->n_items ? sp->items[item].open : SIZE_MAX;
    }
    sp->sentence_start = begin;
    while (i < unit->end) {
        unsigned char b = (unsigned char)s[i];
        if (b < 0x80 && !ascii_stop[b] && i != next_item) {
            i++; // no other ASCII character can end a sentence (is_terminal, is_lang_stop)
            continue;
        }
        size_t k, cut, resume;
        if (i == next_item) { // the next list item starts a sentence
            cut = resume = i;
            i = sp->items[item].close;
            next_item = ++item < sp->n_items ? sp->items[item].open : SIZE_MAX;
        } else {
            int32_t c = precis_decode(s, unit->end, i, &k);
            if (!((is_terminal(c) || is_lang_stop(sp->ab, c)) &&
                  ends_sentence(sp, i, &cut, &resume))) {
                i += k;
                continue;
            }
            i = resume;
        }
        size_t e = trim_right(s, begin, cut);
        if (e > begin) {
            precis_status st = push(out, doc, para, begin, e - begin, unit);
            if (st != PRECIS_OK)
                return st;
        }
        begin = sp->sentence_start = resume;
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
        // The dateline is metadata: kept where it is short enough to be one.
        if (place_end - unit->start <= PRECIS_MAX_DATELINE)
            out->v[first].dateline_len = (uint16_t)(place_end - unit->start);
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
    bare_cache bare = {.n = 0};
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
        if ((st = split_paragraph(text, len, &unit, doc_no, para++, ab, &bare, out)) !=
            PRECIS_OK)
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
