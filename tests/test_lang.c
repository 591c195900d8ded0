/* Languages: the list, word lists, splitting and tokens per language, and detection of each
 * document's language (each test text under tests/data/lang, and a mixed corpus). Run from the
 * repository root, as 'make test' does. */
#include "internal.h"

#include "helpers.h"

#include <dirent.h>
#include <libstemmer.h>
#include <utf8proc.h>

#define LANG_DIR "tests/data/lang"

/* ---- helpers ----------------------------------------------------------------------------- */

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        fail_msg("cannot open %s", path);
    char *buf = NULL;
    size_t cap = 0, n = 0;
    for (;;) {
        if (n + 4096 + 1 > cap) {
            cap = (n + 4096 + 1) * 2;
            buf = realloc(buf, cap);
            assert_non_null(buf);
        }
        size_t k = fread(buf + n, 1, 4096, f);
        n += k;
        if (k == 0)
            break;
    }
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}

static const char *lang_code(size_t i)
{
    precis_lang l;
    assert_true(precis_lang_at(i, &l));
    return l.code;
}

/* Splits 'text' with the splitting data of language 'code'; returns the number of sentences
 * and checks them against the expected ones (NULL-terminated). */
static void check_split_lang(const char *code, const char *text, const char *const *want)
{
    size_t i;
    precis_lang l;
    assert_true(precis_lang_find(code, &i));
    assert_true(precis_lang_at(i, &l));
    precis_abbrevs ab;
    assert_int_equal(precis_abbrevs_init(&ab, l.abbrev, l.n_abbrev, l.stop, l.n_stop), PRECIS_OK);
    ab.semicolon_question = l.semicolon_question;
    ab.ordinal_dot = l.ordinal_dot;
    ab.split_flags = l.split_flags;
    precis_sents out = {0};
    assert_int_equal(precis_split_document(text, strlen(text), 0, &ab, &out), PRECIS_OK);
    size_t n_want = 0;
    while (want[n_want] != NULL)
        n_want++;
    if (out.n != n_want) {
        for (size_t k = 0; k < out.n; k++)
            fprintf(stderr, "  [%zu] %.*s\n", k, (int)out.v[k].len, text + out.v[k].off);
        fail_msg("%s: %zu sentences, expected %zu", code, out.n, n_want);
    }
    for (size_t k = 0; k < n_want; k++) {
        size_t wl = strlen(want[k]);
        if (out.v[k].len != wl || memcmp(text + out.v[k].off, want[k], wl) != 0)
            fail_msg("%s: sentence %zu is '%.*s', expected '%s'", code, k, (int)out.v[k].len,
                     text + out.v[k].off, want[k]);
    }
    free(out.v);
    precis_abbrevs_destroy(&ab);
}

typedef struct terms {
    char buf[4096];
    size_t len;
    size_t n;
} terms;

static bool collect(void *ctx, const char *term, size_t len, uint32_t *memo)
{
    (void)memo;
    terms *t = ctx;
    if (t->len + len + 2 > sizeof t->buf)
        return false;
    if (t->n++ > 0)
        t->buf[t->len++] = ' ';
    memcpy(t->buf + t->len, term, len);
    t->len += len;
    t->buf[t->len] = '\0';
    return true;
}

/* The terms of 'text' in language 'code', space-separated. */
static void tokens(const char *code, const char *text, terms *out)
{
    precis_tokenizer *t;
    assert_int_equal(precis_tokenizer_new(code, NULL, 0, &t), PRECIS_OK);
    memset(out, 0, sizeof *out);
    assert_int_equal(precis_tokenize(t, text, strlen(text), collect, out), PRECIS_OK);
    precis_tokenizer_free(t);
}

#define assert_tokens(code, text, want)                                                        \
    do {                                                                                       \
        terms tk_;                                                                             \
        tokens(code, text, &tk_);                                                              \
        if (strcmp(tk_.buf, want) != 0)                                                        \
            fail_msg("%s: '%s' -> '%s', expected '%s'", code, text, tk_.buf, want);            \
    } while (0)

/* ---- the list ---------------------------------------------------------------------------- */

static void test_lang_every_stemmer_listed(void **state)
{
    (void)state;
    size_t n = precis_lang_count();
    assert_true(n >= 28 && n <= PRECIS_MAX_LANGS);
    for (const char **p = sb_stemmer_list(); *p != NULL; p++) {
        size_t i;
        if (!precis_lang_find(*p, &i))
            fail_msg("stemmer %s not offered", *p);
    }
    // Every language precis knows has a stopword list (a stemmer of a newer libstemmer goes by
    // its Snowball name and may have none); codes are unique.
    for (size_t i = 0; i < n; i++) {
        precis_lang l;
        assert_true(precis_lang_at(i, &l));
        if (l.n_stop == 0 && (l.stemmer == NULL || strcmp(l.code, l.stemmer) != 0))
            fail_msg("%s has no stopword list", l.code);
        for (size_t j = 0; j < i; j++)
            assert_string_not_equal(lang_code(j), l.code);
    }
    precis_lang l;
    assert_false(precis_lang_at(n, &l));
}

static void test_lang_find_by_code_and_names(void **state)
{
    (void)state;
    size_t a, b, c, d;
    assert_true(precis_lang_find("de", &a));
    assert_true(precis_lang_find("german", &b));
    assert_true(precis_lang_find("German", &c));
    assert_true(precis_lang_find("DE", &d));
    assert_int_equal(a, b);
    assert_int_equal(a, c);
    assert_int_equal(a, d);
    assert_string_equal(lang_code(a), "de");
    assert_true(precis_lang_find("porter", &a));
    assert_string_equal(lang_code(a), "en");
    assert_true(precis_lang_find("zh", &a));
    assert_false(precis_lang_find("xx", &a));
    assert_false(precis_lang_find("", &a));
    assert_false(precis_lang_find("klingon", &a));
}

static void test_lang_public_api(void **state)
{
    (void)state;
    precis_language l;
    assert_int_equal(precis_language_count(), precis_lang_count());
    assert_int_equal(precis_language_find("Russian", &l), PRECIS_OK);
    assert_string_equal(l.code, "ru");
    assert_string_equal(l.stemmer, "russian");
    assert_true(l.n_stopwords > 100);
    assert_true(l.n_abbreviations > 10);
    assert_int_equal(precis_language_find("ja", &l), PRECIS_OK);
    assert_null(l.stemmer);
    assert_int_equal(precis_language_find("xx", &l), PRECIS_ERR_LANGUAGE);
    assert_int_equal(precis_language_find(NULL, &l), PRECIS_ERR_INVALID_ARG);
    assert_int_equal(precis_language_get(precis_language_count(), &l), PRECIS_ERR_INVALID_ARG);
    assert_int_equal(precis_language_get(0, &l), PRECIS_OK);
}

/* Detection compares words lower-cased code point by code point with the list entries as they
 * stand, so the lists must be in lower case. */
static void test_lang_lists_are_lower_case(void **state)
{
    (void)state;
    for (size_t i = 0; i < precis_lang_count(); i++) {
        precis_lang l;
        assert_true(precis_lang_at(i, &l));
        for (size_t k = 0; k < l.n_stop; k++) {
            const char *w = l.stop[k];
            if (w[0] == '#')
                continue;
            for (size_t j = 0; w[j] != '\0';) {
                utf8proc_int32_t c;
                utf8proc_ssize_t m = utf8proc_iterate((const utf8proc_uint8_t *)w + j, -1, &c);
                assert_true(m > 0);
                if (utf8proc_tolower(c) != c)
                    fail_msg("%s stopword '%s' is not in lower case", l.code, w);
                j += (size_t)m;
            }
        }
    }
}

/* The compiled detection table (src/tools/gen_detect.c) must be probed as the library
 * probes it: every entry is found from precis_hash() of its word, and every stopword of every
 * language with a list is in it. */
static void test_lang_detect_table_matches_lists(void **state)
{
    (void)state;
    for (size_t i = 0; i < precis_detect_cap; i++) {
        if (precis_detect_slots[i] == 0)
            continue;
        const precis_detect_entry *e = &precis_detect_entries[precis_detect_slots[i] - 1];
        size_t j = precis_hash(e->word, e->len) & (precis_detect_cap - 1);
        while (precis_detect_slots[j] != 0 && precis_detect_slots[j] != precis_detect_slots[i])
            j = (j + 1) & (precis_detect_cap - 1);
        if (j != i)
            fail_msg("'%s' not found where the library looks", e->word);
    }
    precis_detector *det;
    assert_int_equal(precis_detector_new(&det), PRECIS_OK);
    // German text of German stopwords only scores for German.
    precis_detect_stats st;
    const char *text = "und oder aber doch auch noch nicht sehr viel wieder immer schon dann "
                       "wenn weil dass damit obwohl sondern jedoch bereits ebenfalls etwa";
    assert_string_equal(lang_code(precis_detect_language(det, text, strlen(text), &st)), "de");
    assert_true(st.score > 5);
    precis_detector_free(det);
}

/* ---- splitting --------------------------------------------------------------------------- */

static void test_lang_split_german_abbreviations(void **state)
{
    (void)state;
    check_split_lang("de",
                     "Dr. Keller kam am Montag. Sie sprach z. B. über Strom, Wasser usw. Danach "
                     "fuhr sie heim.",
                     (const char *const[]){"Dr. Keller kam am Montag.",
                                           "Sie sprach z. B. über Strom, Wasser usw.",
                                           "Danach fuhr sie heim.", NULL});
    // Dates and ranks: "am 3. Oktober" goes on; "um 3. Die" starts a new sentence.
    check_split_lang("de", "Die Fähre fährt seit dem 3. Oktober. Der Preis stieg um 12. Die Stadt "
                           "zahlt.",
                     (const char *const[]){"Die Fähre fährt seit dem 3. Oktober.",
                                           "Der Preis stieg um 12.", "Die Stadt zahlt.", NULL});
    // The English list knows no "z": there the same text splits after it.
    check_split_lang("en", "Sie sprach z. B. über Strom.",
                     (const char *const[]){"Sie sprach z.", "B. über Strom.", NULL});
}

static void test_lang_split_french_spanish_titles(void **state)
{
    (void)state;
    check_split_lang("fr", "Selon M. Girard, le port est prêt. Mme Keller est contente.",
                     (const char *const[]){"Selon M. Girard, le port est prêt.",
                                           "Mme Keller est contente.", NULL});
    check_split_lang("fr", "Le ferry part à 8 h. Le Maire arrive.",
                     (const char *const[]){"Le ferry part à 8 h.", "Le Maire arrive.", NULL});
    check_split_lang("es", "Habló el Sr. García. ¿Quién más? La Dra. López.",
                     (const char *const[]){"Habló el Sr. García.", "¿Quién más?",
                                           "La Dra. López.", NULL});
}

static void test_lang_split_russian(void **state)
{
    (void)state;
    check_split_lang("ru",
                     "Паром работает в г. Валмора. Он везёт 120 человек, т. е. больше, чем "
                     "раньше. Это В. Иванов сказал.",
                     (const char *const[]){"Паром работает в г. Валмора.",
                                           "Он везёт 120 человек, т. е. больше, чем раньше.",
                                           "Это В. Иванов сказал.", NULL});
    // A capitalized function word after a sentence that may end ("и т. д.") starts a new one.
    check_split_lang("ru", "Он купил хлеб, молоко и т. д. Это было утром.",
                     (const char *const[]){"Он купил хлеб, молоко и т. д.", "Это было утром.",
                                           NULL});
}

static void test_lang_split_more_abbreviations(void **state)
{
    (void)state;
    check_split_lang("da", "Vi mødtes ved Skt. Peders Kirke om aftenen. Se bogen, s. 12 og f.eks. "
                           "Hans Jensens noter.",
                     (const char *const[]){"Vi mødtes ved Skt. Peders Kirke om aftenen.",
                                           "Se bogen, s. 12 og f.eks. Hans Jensens noter.", NULL});
    // A listed abbreviation capitalized at a sentence's start; initials in Cyrillic.
    check_split_lang("ru", "Ул. Ленина длинная. А.С. Пушкин жил здесь.",
                     (const char *const[]){"Ул. Ленина длинная.", "А.С. Пушкин жил здесь.", NULL});
    // An abbreviation's full stop and then the sentence's: "UU..", "Dic..".
    check_split_lang("es",
                     "La cita es el Lun. 5 de Nov. en Mt. Hood. Vive en EE. UU.. Luego volvió.",
                     (const char *const[]){"La cita es el Lun. 5 de Nov. en Mt. Hood.",
                                           "Vive en EE. UU..", "Luego volvió.", NULL});
    check_split_lang("it", "Arriva gio. 12 Dic.. Grazie al Dir. Rossi.",
                     (const char *const[]){"Arriva gio. 12 Dic..", "Grazie al Dir. Rossi.", NULL});
}

static void test_lang_split_greek_question_mark(void **state)
{
    (void)state;
    const char *text = "Ποιος θέλει τη μηχανή; Κανείς δεν τη θέλει.";
    check_split_lang("el", text,
                     (const char *const[]){"Ποιος θέλει τη μηχανή;", "Κανείς δεν τη θέλει.", NULL});
    // A lower-case function word may start a Greek sentence, not after an abbreviation; other
    // lower-case words go on.
    check_split_lang("el",
                     "Ο κ. Νίκος ήρθε. το σπίτι ήταν άδειο. Είδαμε π.χ. το λιμάνι. Ήρθε. σπίτι.",
                     (const char *const[]){"Ο κ. Νίκος ήρθε.", "το σπίτι ήταν άδειο.",
                                           "Είδαμε π.χ. το λιμάνι.", "Ήρθε. σπίτι.", NULL});
    // Elsewhere ';' is a semicolon.
    check_split_lang("en", "He came; She left.", (const char *const[]){"He came; She left.", NULL});
}

static void test_lang_split_cjk_and_other_stops(void **state)
{
    (void)state;
    check_split_lang("zh", "渡轮很安静。乘客很高兴！你喜欢吗？好。",
                     (const char *const[]){"渡轮很安静。", "乘客很高兴！", "你喜欢吗？", "好。",
                                           NULL});
    check_split_lang("ja", "船は静かだ。「本当に？」と彼は聞いた。",
                     (const char *const[]){"船は静かだ。", "「本当に？」", "と彼は聞いた。", NULL});
    check_split_lang("hi", "यह नौका नई है। यह तेज़ है।",
                     (const char *const[]){"यह नौका नई है।", "यह तेज़ है।", NULL});
    check_split_lang("ar", "هل العبارة جديدة؟ نعم.",
                     (const char *const[]){"هل العبارة جديدة؟", "نعم.", NULL});
    check_split_lang("hy", "Նավը նոր է։ Այն արագ է։",
                     (const char *const[]){"Նավը նոր է։", "Այն արագ է։", NULL});
}

static void test_lang_split_colon_and_arabic_comma(void **state)
{
    (void)state;
    // Armenian typed with ':' for its full stop '\u0589'; a time is no end, nor an ellipsis
    // before the stop.
    check_split_lang("hy", "Նավը նոր է: Ժամը 10:30 է: Սպասիր...: Գնանք:",
                     (const char *const[]){"Նավը նոր է:", "Ժամը 10:30 է:", "Սպասիր...:",
                                           "Գնանք:", NULL});
    // Arabic: a colon ends a heading; a comma ends a clause, not a word in a list.
    check_split_lang("ar", "العنوان: السفينة جديدة. الساعة 10:30 الآن.",
                     (const char *const[]){"العنوان:", "السفينة جديدة.", "الساعة 10:30 الآن.",
                                           NULL});
    check_split_lang("ar", "اشترينا خبزا، جبنا، ثم عدنا إلى البيت.",
                     (const char *const[]){"اشترينا خبزا، جبنا،", "ثم عدنا إلى البيت.", NULL});
    // Elsewhere ':' introduces what follows.
    check_split_lang("en", "Note: The ferry is new.",
                     (const char *const[]){"Note: The ferry is new.", NULL});
}

/* ---- tokens ------------------------------------------------------------------------------ */

static void test_lang_tokens_stem_and_drop_stopwords(void **state)
{
    (void)state;
    assert_tokens("de", "Die Häuser und die Fähren", "haus fahr");
    assert_tokens("fr", "Les bateaux et la traversée", "bateau travers");
    assert_tokens("es", "Los pasajeros y las baterías", "pasajer bat");
    assert_tokens("ru", "Паромы и пассажиры на озере", "паром пассажир озер");
    assert_tokens("el", "Το πλοίο και οι επιβάτες", "πλοι επιβατ");
    // A capitalized stopword is still one: lists are folded as words are.
    assert_tokens("de", "ÜBER Fähren", "fahr");
    // Each language's stemmer: the English one leaves "Fähren" whole.
    assert_tokens("en", "Fähren", "fähren");
}

static void test_lang_tokens_cjk_bigrams(void **state)
{
    (void)state;
    assert_tokens("zh", "渡轮很安静", "渡轮 轮很 很安 安静");
    assert_tokens("ja", "フェリーは静か", "フェ ェリ リー ーは は静 静か");
    assert_tokens("ko", "여객선 출발", "여객 객선 출발");
    // A run of one character is its own term; Latin words in Chinese text are English ones.
    assert_tokens("zh", "坐 ferries 去", "坐 ferri 去");
}

/* Every CJK term is one or two whole characters: bigrams never cut a character. */
static void test_lang_tokens_never_split_a_character(void **state)
{
    (void)state;
    size_t len;
    char *text = read_file(LANG_DIR "/cjk/ja-1.txt", &len);
    terms tk;
    precis_tokenizer *t;
    assert_int_equal(precis_tokenizer_new("ja", NULL, 0, &t), PRECIS_OK);
    // Sentence by sentence, as the pipeline does, so that the buffer suffices.
    const char *p = text;
    size_t checked = 0;
    while (*p != '\0') {
        const char *e = strstr(p, "\xE3\x80\x82"); // 。
        size_t n = e ? (size_t)(e - p) + 3 : strlen(p);
        memset(&tk, 0, sizeof tk);
        assert_int_equal(precis_tokenize(t, p, n, collect, &tk), PRECIS_OK);
        for (char *w = strtok(tk.buf, " "); w != NULL; w = strtok(NULL, " ")) {
            size_t chars = 0;
            for (size_t j = 0; w[j] != '\0';) {
                utf8proc_int32_t c;
                utf8proc_ssize_t m = utf8proc_iterate((const utf8proc_uint8_t *)w + j, -1, &c);
                assert_true(m > 0);
                j += (size_t)m;
                chars++;
            }
            assert_true(chars >= 1 && chars <= 2);
            checked++;
        }
        p += n;
    }
    assert_true(checked > 50);
    precis_tokenizer_free(t);
    free(text);
}

/* ---- detection --------------------------------------------------------------------------- */

static const char *detect(const precis_detector *d, const char *text)
{
    return lang_code(precis_detect_language(d, text, strlen(text), NULL));
}

/* Each test text is detected as the language its file is named after ("de-1.txt": de). */
static void test_lang_detects_each_test_text(void **state)
{
    (void)state;
    precis_detector *det;
    assert_int_equal(precis_detector_new(&det), PRECIS_OK);
    static const char *const families[] = {"latin", "cyrillic", "greek", "cjk", "other"};
    size_t seen = 0;
    for (size_t f = 0; f < sizeof families / sizeof families[0]; f++) {
        char dir[256];
        snprintf(dir, sizeof dir, "%s/%s", LANG_DIR, families[f]);
        DIR *dp = opendir(dir);
        if (dp == NULL)
            fail_msg("cannot open %s", dir);
        struct dirent *de;
        while ((de = readdir(dp)) != NULL) {
            if (de->d_name[0] == '.')
                continue;
            char path[512], want[8];
            snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
            size_t cl = strcspn(de->d_name, "-.");
            assert_true(cl < sizeof want);
            memcpy(want, de->d_name, cl);
            want[cl] = '\0';
            size_t len;
            char *text = read_file(path, &len);
            const char *got = lang_code(precis_detect_language(det, text, len, NULL));
            if (strcmp(got, want) != 0)
                fail_msg("%s detected as %s", path, got);
            free(text);
            seen++;
        }
        closedir(dp);
    }
    assert_true(seen >= 30);
    precis_detector_free(det);
}

static void test_lang_detect_short_and_odd_text(void **state)
{
    (void)state;
    precis_detector *det;
    assert_int_equal(precis_detector_new(&det), PRECIS_OK);
    assert_string_equal(detect(det, ""), "en");
    assert_string_equal(detect(det, "1234 5678 !!!"), "en");
    // Latin text too short to tell falls back to English...
    assert_string_equal(detect(det, "Der Hafen ist neu."), "en");
    // ...but a script with one language tells by itself.
    assert_string_equal(detect(det, "Το λιμάνι."), "el");
    assert_string_equal(detect(det, "Порт новый."), "ru");
    assert_string_equal(detect(det, "港口。"), "zh");
    assert_string_equal(detect(det, "みなと。"), "ja");
    // A Latin-script language precis has no list for (Polish) is not forced onto one.
    assert_string_equal(detect(det, "Wczoraj wieczorem burmistrz otworzył nowy most nad rzeką "
                                    "Wisłą przy dużym tłumie mieszkańców, którzy przyszli "
                                    "zobaczyć uroczystość mimo deszczu i zimnego wiatru znad "
                                    "gór."),
                        "en");
    // English news stays English.
    assert_string_equal(detect(det, "The ferry carries up to 120 passengers across the lake to "
                                    "the island in twenty minutes, and the mayor said it was a "
                                    "turning point for the whole region."),
                        "en");
    precis_detect_stats st;
    precis_detect_language(det, "Порт новый.", strlen("Порт новый."), &st);
    assert_int_equal(st.script, PRECIS_SCRIPT_CYRILLIC);
    assert_int_equal(st.words, 2);
    precis_detector_free(det);
}

static void test_lang_detect_hostile_input(void **state)
{
    (void)state;
    precis_detector *det;
    assert_int_equal(precis_detector_new(&det), PRECIS_OK);
    size_t len;
    char *word = test_repeat("ä", 500000, &len); // one 1 MB word
    assert_string_equal(lang_code(precis_detect_language(det, word, len, NULL)), "en");
    free(word);
    // A three-byte character across the 4 KB that detection reads: cut before it.
    char *text = test_repeat("\xD0\xB8 ", 1365, &len); // "и " x 1365 = 4095 bytes
    char *more = malloc(len + 8);
    assert_non_null(more);
    memcpy(more, text, len);
    memcpy(more + len, "\xE3\x80\x82x", 4);
    assert_string_equal(lang_code(precis_detect_language(det, more, len + 4, NULL)), "ru");
    free(text);
    free(more);
    // Invalid UTF-8 (the loader refuses it; detection must not trip over it either).
    const char bad[] = "\xFF\xFE der die das \xC3 und \x80";
    assert_string_equal(lang_code(precis_detect_language(det, bad, sizeof bad - 1, NULL)), "en");
    precis_detector_free(det);
}

/* A large mixed corpus takes the threaded paths (detection and splitting over 1 MB, tokenizing
 * over 20,000 sentences, a tokenizer per job and language): the summary does not depend on the
 * number of threads, and every document keeps its language. */
static void test_lang_mixed_corpus_threads(void **state)
{
    (void)state;
    static const char *const files[] = {LANG_DIR "/latin/de-1.txt", LANG_DIR "/latin/fr-2.txt",
                                        LANG_DIR "/cyrillic/ru-2.txt", LANG_DIR "/cjk/ja-1.txt"};
    static const char *const want[] = {"de", "fr", "ru", "ja"};
    char *text[4];
    size_t len[4];
    for (size_t f = 0; f < 4; f++)
        text[f] = read_file(files[f], &len[f]);
    precis_corpus *c;
    assert_int_equal(precis_corpus_new(&c), PRECIS_OK);
    size_t n_docs = 3600;
    for (size_t d = 0; d < n_docs; d++) {
        char name[32];
        snprintf(name, sizeof name, "doc%zu", d);
        assert_int_equal(precis_corpus_add(c, name, text[d % 4], len[d % 4]), PRECIS_OK);
    }
    precis_options o;
    precis_options_init(&o);
    o.budget = 8;
    o.threads = 1;
    precis_summary *s1, *s2;
    assert_int_equal(precis_summarize(c, &o, &s1), PRECIS_OK);
    o.threads = 2;
    assert_int_equal(precis_summarize(c, &o, &s2), PRECIS_OK);
    assert_true(precis_summary_candidates(s1) >= 20000);
    assert_int_equal(precis_summary_count(s1), precis_summary_count(s2));
    for (size_t i = 0; i < precis_summary_count(s1); i++)
        assert_string_equal(precis_summary_sentence(s1, i)->text,
                            precis_summary_sentence(s2, i)->text);
    for (size_t d = 0; d < n_docs; d++) {
        assert_string_equal(precis_summary_document_language(s1, d), want[d % 4]);
        assert_string_equal(precis_summary_document_language(s2, d), want[d % 4]);
    }
    precis_summary_free(s1);
    precis_summary_free(s2);
    precis_corpus_free(c);
    for (size_t f = 0; f < 4; f++)
        free(text[f]);
}

/* A corpus in four languages: each document keeps its own language, and --lang overrides. */
static void test_lang_mixed_corpus(void **state)
{
    (void)state;
    static const char *const files[] = {LANG_DIR "/latin/de-1.txt", LANG_DIR "/latin/fr-1.txt",
                                        "tests/data/kim-shoigu/000_6cca315a64b0eb8e.txt",
                                        LANG_DIR "/cjk/zh-1.txt", LANG_DIR "/cyrillic/ru-1.txt"};
    static const char *const want[] = {"de", "fr", "en", "zh", "ru"};
    precis_corpus *c;
    assert_int_equal(precis_corpus_new(&c), PRECIS_OK);
    for (size_t i = 0; i < 5; i++) {
        size_t len;
        char *text = read_file(files[i], &len);
        assert_int_equal(precis_corpus_add(c, files[i], text, len), PRECIS_OK);
        free(text);
    }
    precis_options o;
    precis_options_init(&o);
    o.budget = 6;
    precis_summary *s;
    assert_int_equal(precis_summarize(c, &o, &s), PRECIS_OK);
    for (size_t i = 0; i < 5; i++)
        assert_string_equal(precis_summary_document_language(s, i), want[i]);
    assert_null(precis_summary_document_language(s, 5));
    assert_true(precis_summary_count(s) > 0);
    precis_summary_free(s);
    o.language = "German";
    assert_int_equal(precis_summarize(c, &o, &s), PRECIS_OK);
    for (size_t i = 0; i < 5; i++)
        assert_string_equal(precis_summary_document_language(s, i), "de");
    precis_summary_free(s);
    o.language = "xx";
    assert_int_equal(precis_summarize(c, &o, &s), PRECIS_ERR_LANGUAGE);
    assert_null(s);
    precis_corpus_free(c);
    assert_null(precis_summary_document_language(NULL, 0));
}

/* Detection that can only guess (a one-line caption, a page of the same few words) takes the
 * language most documents are in, not English by default nor whatever the repeated words
 * suggest (issue 17: a page of repeated Spanish stopwords in an English cluster was Spanish,
 * so its copy of the lead was stemmed apart from the others' and printed twice). */
static void test_lang_guesses_take_the_majority(void **state)
{
    (void)state;
    precis_detector *det;
    assert_int_equal(precis_detector_new(&det), PRECIS_OK);
    precis_detect_stats st;
    char rep[2048] = "";
    for (int k = 0; k < 60; k++)
        strcat(rep, "de la que el en ");
    precis_detect_language(det, rep, strlen(rep), &st);
    assert_true(st.guessed); // five distinct words in three hundred
    size_t de_len;
    char *de = read_file(LANG_DIR "/latin/de-1.txt", &de_len);
    precis_detect_language(det, de, de_len, &st);
    assert_false(st.guessed);
    precis_detect_language(det, "Foto: Reuters", strlen("Foto: Reuters"), &st);
    assert_true(st.guessed); // too short to tell
    precis_detector_free(det);

    precis_corpus *c;
    assert_int_equal(precis_corpus_new(&c), PRECIS_OK);
    for (int i = 0; i < 3; i++)
        assert_int_equal(precis_corpus_add(c, "de.txt", de, de_len), PRECIS_OK);
    const char *caption = "Foto: Reuters / Hannes Müller\n";
    assert_int_equal(precis_corpus_add(c, "caption.txt", caption, strlen(caption)), PRECIS_OK);
    assert_int_equal(precis_corpus_add(c, "rep.txt", rep, strlen(rep)), PRECIS_OK);
    precis_sentences *ss;
    assert_int_equal(precis_split_corpus(c, NULL, &ss), PRECIS_OK);
    for (size_t d = 0; d < 5; d++)
        assert_string_equal(precis_sentences_document_language(ss, d), "de");
    precis_sentences_free(ss);
    precis_corpus_free(c);
    free(de);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lang_every_stemmer_listed),
        cmocka_unit_test(test_lang_find_by_code_and_names),
        cmocka_unit_test(test_lang_public_api),
        cmocka_unit_test(test_lang_lists_are_lower_case),
        cmocka_unit_test(test_lang_detect_table_matches_lists),
        cmocka_unit_test(test_lang_split_german_abbreviations),
        cmocka_unit_test(test_lang_split_french_spanish_titles),
        cmocka_unit_test(test_lang_split_russian),
        cmocka_unit_test(test_lang_split_more_abbreviations),
        cmocka_unit_test(test_lang_split_greek_question_mark),
        cmocka_unit_test(test_lang_split_cjk_and_other_stops),
        cmocka_unit_test(test_lang_split_colon_and_arabic_comma),
        cmocka_unit_test(test_lang_tokens_stem_and_drop_stopwords),
        cmocka_unit_test(test_lang_tokens_cjk_bigrams),
        cmocka_unit_test(test_lang_tokens_never_split_a_character),
        cmocka_unit_test(test_lang_detects_each_test_text),
        cmocka_unit_test(test_lang_detect_short_and_odd_text),
        cmocka_unit_test(test_lang_detect_hostile_input),
        cmocka_unit_test(test_lang_mixed_corpus),
        cmocka_unit_test(test_lang_mixed_corpus_threads),
        cmocka_unit_test(test_lang_guesses_take_the_majority),
    };
    return cmocka_run_group_tests_name("lang", tests, NULL, NULL);
}
