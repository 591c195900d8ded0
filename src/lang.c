/* Languages: the ones libstemmer offers (sb_stemmer_list()) plus Chinese, Japanese and Korean,
 * their compiled word lists, and detection of a document's language from its letters' scripts
 * and from which languages' stopwords its words are. */
#include <assert.h>
#include <libstemmer.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "internal.h"

/* Bytes of a document that detection reads: some 600 words, enough to tell, and little time
 * on long documents. */
#define DETECT_BYTES 4096
/* Detection stops after this many words: more do not change the answer. */
#define DETECT_MAX_WORDS 300
/* Fewer words than this in a Latin-script document: too short to tell, so English. */
#define DETECT_MIN_WORDS 20
/* A language must hold this share of the words (weighted, see below) to be chosen... */
#define DETECT_MIN_SHARE 0.03
/* ...and a Latin-script language other than English this many times English's score. */
#define DETECT_MARGIN 1.5
/* Text whose words are mostly the same few ("de la que de la que ...", a line repeated) says
 * nothing about its language, however many stopwords it holds: with fewer distinct words than
 * this, or than one word in DETECT_MIN_VARIETY, detection is a guess. Prose of 300 words has
 * about one distinct word in two. */
#define DETECT_MIN_DISTINCT 8
#define DETECT_MIN_VARIETY 4

/* What precis knows about each language; only those whose stemmer libstemmer has are offered
 * (and the three without a stemmer, whose runs of characters become bigrams). Sorted by code. */
typedef struct known {
    const char *code, *name, *stemmer;
    precis_script script, script2;
    bool semicolon_question;
    bool ordinal_dot; // "am 3. Oktober": a number with a full stop is an ordinal
    unsigned split_flags; // PRECIS_SPLIT_*
} known;

static const known known_langs[] = {
    {"ar", "Arabic", "arabic", PRECIS_SCRIPT_ARABIC, 0, false, false,
     PRECIS_SPLIT_COLON | PRECIS_SPLIT_ARABIC_COMMA},
    {"ca", "Catalan", "catalan", PRECIS_SCRIPT_LATIN, 0, false, false, 0},
    {"da", "Danish", "danish", PRECIS_SCRIPT_LATIN, 0, false, true, 0},
    {"de", "German", "german", PRECIS_SCRIPT_LATIN, 0, false, true, 0},
    {"el", "Greek", "greek", PRECIS_SCRIPT_GREEK, 0, true, false, PRECIS_SPLIT_BEFORE_LOWER},
    {"en", "English", "english", PRECIS_SCRIPT_LATIN, 0, false, false, 0},
    {"es", "Spanish", "spanish", PRECIS_SCRIPT_LATIN, 0, false, false, 0},
    {"eu", "Basque", "basque", PRECIS_SCRIPT_LATIN, 0, false, false, 0},
    {"fi", "Finnish", "finnish", PRECIS_SCRIPT_LATIN, 0, false, true, 0},
    {"fr", "French", "french", PRECIS_SCRIPT_LATIN, 0, false, false, 0},
    {"ga", "Irish", "irish", PRECIS_SCRIPT_LATIN, 0, false, false, 0},
    {"hi", "Hindi", "hindi", PRECIS_SCRIPT_DEVANAGARI, 0, false, false, 0},
    {"hu", "Hungarian", "hungarian", PRECIS_SCRIPT_LATIN, 0, false, true, 0},
    {"hy", "Armenian", "armenian", PRECIS_SCRIPT_ARMENIAN, 0, false, false, PRECIS_SPLIT_COLON},
    {"id", "Indonesian", "indonesian", PRECIS_SCRIPT_LATIN, 0, false, false, 0},
    {"it", "Italian", "italian", PRECIS_SCRIPT_LATIN, 0, false, false, 0},
    {"ja", "Japanese", NULL, PRECIS_SCRIPT_KANA, PRECIS_SCRIPT_HAN, false, false, 0},
    {"ko", "Korean", NULL, PRECIS_SCRIPT_HANGUL, 0, false, false, 0},
    {"lt", "Lithuanian", "lithuanian", PRECIS_SCRIPT_LATIN, 0, false, false, 0},
    {"ne", "Nepali", "nepali", PRECIS_SCRIPT_DEVANAGARI, 0, false, false, 0},
    {"nl", "Dutch", "dutch", PRECIS_SCRIPT_LATIN, 0, false, false, 0},
    {"no", "Norwegian", "norwegian", PRECIS_SCRIPT_LATIN, 0, false, true, 0},
    {"pt", "Portuguese", "portuguese", PRECIS_SCRIPT_LATIN, 0, false, false, 0},
    {"ro", "Romanian", "romanian", PRECIS_SCRIPT_LATIN, 0, false, false, 0},
    {"ru", "Russian", "russian", PRECIS_SCRIPT_CYRILLIC, 0, false, false, 0},
    {"sr", "Serbian", "serbian", PRECIS_SCRIPT_CYRILLIC, PRECIS_SCRIPT_LATIN, false, true, 0},
    {"sv", "Swedish", "swedish", PRECIS_SCRIPT_LATIN, 0, false, false, 0},
    {"ta", "Tamil", "tamil", PRECIS_SCRIPT_TAMIL, 0, false, false, 0},
    {"tr", "Turkish", "turkish", PRECIS_SCRIPT_LATIN, 0, false, true, 0},
    {"yi", "Yiddish", "yiddish", PRECIS_SCRIPT_HEBREW, 0, false, false, 0},
    {"zh", "Chinese", NULL, PRECIS_SCRIPT_HAN, 0, false, false, 0},
};
#define N_KNOWN (sizeof known_langs / sizeof known_langs[0])

static bool stemmer_available(const char *name)
{
    for (const char **p = sb_stemmer_list(); *p != NULL; p++)
        if (strcmp(*p, name) == 0)
            return true;
    return false;
}

static bool is_known_stemmer(const char *name)
{
    if (strcmp(name, "porter") == 0) // the original Porter stemmer: English again
        return true;
    for (size_t i = 0; i < N_KNOWN; i++)
        if (known_langs[i].stemmer != NULL && strcmp(known_langs[i].stemmer, name) == 0)
            return true;
    return false;
}

static const precis_data_file *data_file(const char *code, const char *ext)
{
    char name[32];
    size_t n = strlen(code);
    if (n + strlen(ext) + 1 > sizeof name)
        return NULL;
    memcpy(name, code, n);
    strcpy(name + n, ext);
    for (size_t i = 0; i < precis_data_files_count; i++)
        if (strcmp(precis_data_files[i].name, name) == 0)
            return &precis_data_files[i];
    return NULL;
}

static void fill(precis_lang *out, const char *code, const char *name, const char *stemmer,
                 precis_script script, precis_script script2, bool semicolon_question,
                 bool ordinal_dot, unsigned split_flags)
{
    memset(out, 0, sizeof *out);
    out->code = code;
    out->name = name;
    out->stemmer = stemmer;
    out->script = script;
    out->script2 = script2;
    out->semicolon_question = semicolon_question;
    out->ordinal_dot = ordinal_dot;
    out->split_flags = split_flags;
    // Chinese, Japanese and Korean text may hold Latin words: English lists serve those.
    const char *words = stemmer == NULL ? "en" : code;
    const precis_data_file *f = data_file(words, ".txt");
    if (f != NULL) {
        out->stop = f->lines;
        out->n_stop = f->n;
    }
    if ((f = data_file(words, ".abbrev")) != NULL) {
        out->abbrev = f->lines;
        out->n_abbrev = f->n;
    }
    if ((f = data_file(words, ".point")) != NULL) {
        out->point = f->lines;
        out->n_point = f->n;
    }
    if ((f = data_file(words, ".verbs")) != NULL) {
        out->verbs = f->lines;
        out->n_verbs = f->n;
    }
}

/* The languages in order: the known ones whose stemmer is there, then any stemmer of a newer
 * libstemmer that precis has no entry for (by its Snowball name, without word lists). */
size_t precis_lang_count(void)
{
    size_t n = 0;
    for (size_t i = 0; i < N_KNOWN; i++)
        n += known_langs[i].stemmer == NULL || stemmer_available(known_langs[i].stemmer);
    for (const char **p = sb_stemmer_list(); *p != NULL; p++)
        n += !is_known_stemmer(*p);
    return n < PRECIS_MAX_LANGS ? n : PRECIS_MAX_LANGS;
}

bool precis_lang_at(size_t index, precis_lang *out)
{
    size_t n = 0;
    if (index >= PRECIS_MAX_LANGS)
        return false;
    for (size_t i = 0; i < N_KNOWN; i++) {
        const known *k = &known_langs[i];
        if (k->stemmer != NULL && !stemmer_available(k->stemmer))
            continue;
        if (n++ == index) {
            fill(out, k->code, k->name, k->stemmer, k->script, k->script2,
                 k->semicolon_question, k->ordinal_dot, k->split_flags);
            return true;
        }
    }
    for (const char **p = sb_stemmer_list(); *p != NULL; p++) {
        if (is_known_stemmer(*p))
            continue;
        if (n++ == index) {
            fill(out, *p, *p, *p, PRECIS_SCRIPT_NONE, PRECIS_SCRIPT_NONE, false, false, 0);
            return true;
        }
    }
    return false;
}

/* Every language in order, in one pass (precis_lang_at() for each would be quadratic);
 * returns how many. */
static size_t lang_all(precis_lang *out)
{
    size_t n = 0;
    for (size_t i = 0; i < N_KNOWN && n < PRECIS_MAX_LANGS; i++) {
        const known *k = &known_langs[i];
        if (k->stemmer == NULL || stemmer_available(k->stemmer))
            fill(&out[n++], k->code, k->name, k->stemmer, k->script, k->script2,
                 k->semicolon_question, k->ordinal_dot, k->split_flags);
    }
    for (const char **p = sb_stemmer_list(); *p != NULL && n < PRECIS_MAX_LANGS; p++)
        if (!is_known_stemmer(*p))
            fill(&out[n++], *p, *p, *p, PRECIS_SCRIPT_NONE, PRECIS_SCRIPT_NONE, false, false, 0);
    return n;
}

bool precis_lang_find(const char *name, size_t *index)
{
    if (strcasecmp(name, "porter") == 0)
        name = "en";
    size_t n = 0;
    for (size_t i = 0; i < N_KNOWN; i++) {
        const known *k = &known_langs[i];
        if (k->stemmer != NULL && !stemmer_available(k->stemmer))
            continue;
        if (strcasecmp(name, k->code) == 0 || strcasecmp(name, k->name) == 0 ||
            (k->stemmer != NULL && strcasecmp(name, k->stemmer) == 0)) {
            *index = n;
            return true;
        }
        n++;
    }
    for (const char **p = sb_stemmer_list(); *p != NULL && n < PRECIS_MAX_LANGS; p++) {
        if (is_known_stemmer(*p))
            continue;
        if (strcasecmp(name, *p) == 0) {
            *index = n;
            return true;
        }
        n++;
    }
    return false;
}

size_t precis_lang_english(void)
{
    size_t i = 0;
    bool found = precis_lang_find("en", &i);
    assert(found); // every libstemmer has English
    (void)found;
    return i;
}

/* ---- scripts ----------------------------------------------------------------------------- */

precis_script precis_script_of(int32_t c)
{
    if (c < 0x80)
        return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ? PRECIS_SCRIPT_LATIN : PRECIS_SCRIPT_NONE;
    if (c < 0x250 || (c >= 0x1E00 && c <= 0x1EFF))
        return PRECIS_SCRIPT_LATIN;
    if ((c >= 0x370 && c <= 0x3FF) || (c >= 0x1F00 && c <= 0x1FFF))
        return PRECIS_SCRIPT_GREEK;
    if (c >= 0x400 && c <= 0x52F)
        return PRECIS_SCRIPT_CYRILLIC;
    if (c >= 0x530 && c <= 0x58F)
        return PRECIS_SCRIPT_ARMENIAN;
    if ((c >= 0x590 && c <= 0x5FF) || (c >= 0xFB1D && c <= 0xFB4F))
        return PRECIS_SCRIPT_HEBREW;
    if ((c >= 0x600 && c <= 0x6FF) || (c >= 0x750 && c <= 0x77F) || (c >= 0xFB50 && c <= 0xFDFF) ||
        (c >= 0xFE70 && c <= 0xFEFF))
        return PRECIS_SCRIPT_ARABIC;
    if (c >= 0x900 && c <= 0x97F)
        return PRECIS_SCRIPT_DEVANAGARI;
    if (c >= 0xB80 && c <= 0xBFF)
        return PRECIS_SCRIPT_TAMIL;
    if ((c >= 0x1100 && c <= 0x11FF) || (c >= 0x3130 && c <= 0x318F) || (c >= 0xAC00 && c <= 0xD7AF))
        return PRECIS_SCRIPT_HANGUL;
    if ((c >= 0x3040 && c <= 0x30FF) || (c >= 0x31F0 && c <= 0x31FF) || (c >= 0xFF66 && c <= 0xFF9F))
        return PRECIS_SCRIPT_KANA;
    if ((c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
        (c >= 0x20000 && c <= 0x2FFFF))
        return PRECIS_SCRIPT_HAN;
    return PRECIS_SCRIPT_NONE;
}

/* ---- detection --------------------------------------------------------------------------- */

struct precis_detector {
    size_t n_langs;
    precis_lang langs[PRECIS_MAX_LANGS];
    int list_of[PRECIS_MAX_LANGS]; // a language's bit in the table, -1 for none
    size_t english;
};

void precis_detector_free(precis_detector *d)
{
    free(d);
}

static int32_t next_cp(const char *s, size_t n, size_t *i)
{
    unsigned char b = (unsigned char)s[*i];
    if (b < 0x80) {
        (*i)++;
        return b;
    }
    utf8proc_int32_t c;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + *i,
                                          (utf8proc_ssize_t)(n - *i), &c);
    if (k <= 0) {
        (*i)++;
        return 0xFFFD;
    }
    *i += (size_t)k;
    return c;
}

#define KEY_MAX 64 // longer words are no stopwords

/* The word of list line 'w' (comment and blanks cut off) at '*word'; its length, 0 for none.
 * The lists are in lower case (a test checks), so the line is the key as it stands. */
static size_t entry_word(const char *w, const char **word)
{
    size_t len = 0;
    while (w[len] != '\0' && w[len] != '#')
        len++;
    while (len > 0 && (w[len - 1] == ' ' || w[len - 1] == '\t' || w[len - 1] == '\r'))
        len--;
    while (len > 0 && (*w == ' ' || *w == '\t')) {
        w++;
        len--;
    }
    *word = w;
    return len <= KEY_MAX ? len : 0;
}

/* The table is compiled in; a detector only names which bit is which language. */
precis_status precis_detector_new(precis_detector **out)
{
    *out = NULL;
    precis_detector *d = precis_calloc(1, sizeof *d);
    if (d == NULL)
        return PRECIS_ERR_NOMEM;
    d->n_langs = lang_all(d->langs);
    for (size_t i = 0; i < d->n_langs; i++) {
        const precis_lang *l = &d->langs[i];
        d->list_of[i] = -1;
        for (size_t c = 0; l->stemmer != NULL && c < precis_detect_n_codes; c++)
            if (strcmp(precis_detect_codes[c], l->code) == 0)
                d->list_of[i] = (int)c;
    }
    d->english = precis_lang_english();
    *out = d;
    return PRECIS_OK;
}

static bool is_letter_or_mark(int32_t c)
{
    if (c < 0x80)
        return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
    utf8proc_category_t cat = utf8proc_category(c);
    return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
           (cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME);
}

/* Scores one word: each language whose list holds it gets 1 / (how many lists hold it), so
 * that words every language has ("a", "de") count for little and telling ones for much. */
static void score_word(const char *w, size_t len, double *score)
{
    size_t j = precis_hash(w, len) & (precis_detect_cap - 1);
    for (; precis_detect_slots[j] != 0; j = (j + 1) & (precis_detect_cap - 1)) {
        const precis_detect_entry *e = &precis_detect_entries[precis_detect_slots[j] - 1];
        if (e->len == len && memcmp(e->word, w, len) == 0) {
            double share = 1.0 / (double)__builtin_popcountll(e->mask);
            for (uint64_t m = e->mask; m != 0; m &= m - 1)
                score[__builtin_ctzll(m)] += share;
            return;
        }
    }
}

/* Adds word 'w' to the set of hashes 'seen' (open addressing, 'cap' slots, more than the words
 * read): 1 if it was not there yet. */
static size_t remember(uint64_t *seen, size_t cap, const char *w, size_t len)
{
    uint64_t h = precis_hash(w, len) | 1; // never 0, the empty slot
    size_t j = h % cap;
    for (; seen[j] != 0; j = (j + 1) % cap)
        if (seen[j] == h)
            return 0;
    seen[j] = h;
    return 1;
}

size_t precis_detect_language(const precis_detector *d, const char *text, size_t len,
                              precis_detect_stats *stats)
{
    if (len > DETECT_BYTES) { // cut at a character boundary
        len = DETECT_BYTES;
        while (len > 0 && ((unsigned char)text[len] & 0xC0) == 0x80)
            len--;
    }
    size_t letters[PRECIS_SCRIPT_COUNT] = {0}, words = 0, distinct = 0;
    uint64_t seen[2 * DETECT_MAX_WORDS] = {0}; // hashes of the distinct words (0 = empty)
    // by_list: per detection list, a bit of an entry's mask each (at most PRECIS_MAX_LANGS)
    double by_list[PRECIS_MAX_LANGS] = {0}, score[PRECIS_MAX_LANGS] = {0};
    char key[KEY_MAX];
    size_t kn = 0;
    bool fits = true;
    for (size_t i = 0; i <= len;) {
        int32_t c = i < len ? next_cp(text, len, &i) : (i++, -1);
        if (c >= 0 && is_letter_or_mark(c)) {
            letters[precis_script_of(c)]++;
            fits = fits && precis_put_lower(key, &kn, sizeof key, c);
            continue;
        }
        if (kn > 0) {
            words++;
            if (fits)
                score_word(key, kn, by_list);
            distinct += remember(seen, sizeof seen / sizeof *seen, key, kn);
            if (words >= DETECT_MAX_WORDS)
                break;
        }
        kn = 0;
        fits = true;
    }
    for (size_t l = 0; l < d->n_langs; l++)
        score[l] = d->list_of[l] >= 0 ? by_list[d->list_of[l]] : 0;
    // The script most letters are in.
    precis_script script = PRECIS_SCRIPT_NONE;
    for (int s = PRECIS_SCRIPT_NONE + 1; s < PRECIS_SCRIPT_COUNT; s++)
        if (letters[s] > letters[script])
            script = (precis_script)s;
    size_t cjk = letters[PRECIS_SCRIPT_HAN] + letters[PRECIS_SCRIPT_KANA];
    if (script == PRECIS_SCRIPT_HAN || script == PRECIS_SCRIPT_KANA) // kana: Japanese
        script = letters[PRECIS_SCRIPT_KANA] * 10 >= cjk ? PRECIS_SCRIPT_KANA : PRECIS_SCRIPT_HAN;
    size_t best = SIZE_MAX;
    for (size_t l = 0; l < d->n_langs && script != PRECIS_SCRIPT_NONE; l++) {
        const precis_lang *lang = &d->langs[l];
        if (lang->script != script && lang->script2 != script)
            continue;
        if (lang->stemmer == NULL) { // Chinese, Japanese, Korean: the script tells
            best = lang->script == script ? l : best;
            if (best == l)
                break;
            continue;
        }
        if (best == SIZE_MAX || score[l] > score[best])
            best = l;
    }
    size_t english = d->english;
    bool guessed = true;
    if (best == SIZE_MAX) // no letters, or a script no language here is written in
        best = english;
    else if (d->langs[best].stemmer == NULL)
        guessed = false; // Chinese, Japanese, Korean: the script tells
    else if (words < DETECT_MIN_WORDS) {
        if (script == PRECIS_SCRIPT_LATIN)
            best = english; // too short to tell
        else
            guessed = false; // Cyrillic, Greek, Arabic...: the script has narrowed it
    } else if (score[best] < DETECT_MIN_SHARE * (double)words) {
        best = english; // none of these languages: their stopwords are missing
    } else if (script == PRECIS_SCRIPT_LATIN && best != english &&
               score[best] < DETECT_MARGIN * score[english]) {
        best = english; // not clearly another language
    } else {
        // the same few words over and over
        guessed = distinct < DETECT_MIN_DISTINCT || distinct * DETECT_MIN_VARIETY < words;
    }
    if (stats != NULL) {
        stats->guessed = guessed;
        stats->words = words;
        stats->script = script;
        stats->score = best < d->n_langs ? score[best] : 0;
        stats->english = score[english];
    }
    return best;
}

/* ---- public ------------------------------------------------------------------------------ */

size_t precis_language_count(void)
{
    return precis_lang_count();
}

/* Entries of a list: lines less comments and blank ones. */
static size_t count_entries(const char *const *lines, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        const char *w;
        k += entry_word(lines[i], &w) > 0;
    }
    return k;
}

/* Fills the caller's struct, 'size' bytes of it: an older caller's is shorter (see PRECIS_ABI). */
static precis_status to_public(const precis_lang *l, precis_language *out, size_t size)
{
    if (size < offsetof(precis_language, n_abbreviations) + sizeof out->n_abbreviations)
        return PRECIS_ERR_INVALID_ARG; // older than the first precis_language: not a caller's
    precis_language p = {.code = l->code,
                         .name = l->name,
                         .stemmer = l->stemmer,
                         .n_stopwords = count_entries(l->stop, l->n_stop),
                         .n_abbreviations = count_entries(l->abbrev, l->n_abbrev)};
    memcpy(out, &p, size < sizeof p ? size : sizeof p);
    if (size > sizeof p)
        memset((char *)out + sizeof p, 0, size - sizeof p);
    return PRECIS_OK;
}

precis_status precis_language_get_size(size_t i, precis_language *out, size_t size)
{
    precis_lang l;
    if (out == NULL || !precis_lang_at(i, &l))
        return PRECIS_ERR_INVALID_ARG;
    return to_public(&l, out, size);
}

precis_status precis_language_find_size(const char *name, precis_language *out, size_t size)
{
    size_t i;
    precis_lang l;
    if (name == NULL || out == NULL)
        return PRECIS_ERR_INVALID_ARG;
    if (!precis_lang_find(name, &i) || !precis_lang_at(i, &l))
        return PRECIS_ERR_LANGUAGE;
    return to_public(&l, out, size);
}

/* ---- every document of a corpus --------------------------------------------------------- */

/* One thread's share of detection: documents [begin, end). */
typedef struct detect_job {
    const precis_detector *det;
    const precis_doc *docs;
    uint8_t *doc_lang;
    bool *guessed; // per document: detection only guessed its language
    size_t begin, end;
} detect_job;

static void *detect_worker(void *arg)
{
    detect_job *j = arg;
    for (size_t d = j->begin; d < j->end; d++) {
        precis_detect_stats st;
        j->doc_lang[d] = (uint8_t)precis_detect_language(j->det, j->docs[d].text, j->docs[d].len,
                                                          &st);
        j->guessed[d] = st.guessed;
    }
    return NULL;
}

/* Documents whose language detection could only guess (too short, the same few words, no
 * clear stopwords) take the language most of the others were found to be in: a one-line
 * caption or a page of repeated words in an English cluster is English, and its copy of a
 * sentence is stemmed as the others' copies are, so that it stays their duplicate (issue 17).
 * Ties go to the language listed first; with no document detected, the guesses stand. */
static void majority_for_guesses(uint8_t *doc_lang, const bool *guessed, size_t n)
{
    size_t votes[PRECIS_MAX_LANGS] = {0}, best = PRECIS_MAX_LANGS;
    for (size_t d = 0; d < n; d++)
        votes[doc_lang[d]] += !guessed[d];
    for (size_t l = 0; l < PRECIS_MAX_LANGS; l++)
        if (votes[l] > 0 && (best == PRECIS_MAX_LANGS || votes[l] > votes[best]))
            best = l;
    for (size_t d = 0; best < PRECIS_MAX_LANGS && d < n; d++)
        if (guessed[d])
            doc_lang[d] = (uint8_t)best;
}

precis_status precis_detect_documents(const precis_doc *docs, size_t n, const char *language,
                                      size_t threads, uint8_t *doc_lang)
{
    if (language != NULL) {
        size_t l;
        if (!precis_lang_find(language, &l))
            return PRECIS_ERR_LANGUAGE;
        memset(doc_lang, (int)l, n);
        return PRECIS_OK;
    }
    precis_detector *det;
    bool *guessed = precis_malloc(n ? n : 1);
    precis_status st = guessed ? precis_detector_new(&det) : PRECIS_ERR_NOMEM;
    if (st != PRECIS_OK) {
        free(guessed);
        return st;
    }
    detect_job jobs[PRECIS_MAX_THREADS];
    size_t bounds[PRECIS_MAX_THREADS + 1];
    size_t n_jobs = precis_slice_documents(docs, n, threads, bounds);
    for (size_t j = 0; j < n_jobs; j++)
        jobs[j] = (detect_job){det, docs, doc_lang, guessed, bounds[j], bounds[j + 1]};
    precis_run_jobs(n_jobs, detect_worker, jobs, sizeof jobs[0]);
    precis_detector_free(det);
    majority_for_guesses(doc_lang, guessed, n);
    free(guessed);
    return PRECIS_OK;
}
