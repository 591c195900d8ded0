/* Keywords: precis_keywords_extract() ranks the words of the text with TextRank (Mihalcea and
 * Tarau 2004) and merges adjacent keywords into phrases. */
#include "internal.h"

#include "helpers.h"

/* Extracts 'want' keywords from the NUL-terminated sentences 'texts'. */
static precis_keywords extract(const char *const *texts, size_t n, size_t want)
{
    size_t lens[64];
    assert_true(n <= 64);
    for (size_t i = 0; i < n; i++)
        lens[i] = strlen(texts[i]);
    precis_keywords k;
    assert_int_equal(precis_keywords_extract(texts, lens, n, NULL, NULL, 0, want, &k), PRECIS_OK);
    assert_true(k.n <= want);
    return k;
}

static bool has(const precis_keywords *k, const char *text)
{
    for (size_t i = 0; i < k->n; i++)
        if (strcmp(k->v[i].text, text) == 0)
            return true;
    return false;
}

/* A star: "alpha" linked to "beta" and "gamma". PageRank by hand with d = 0.85 over 3 vertices:
 * s(beta) = 0.05 + 0.425 s(alpha), s(alpha) = 0.05 + 0.85 (s(beta) + s(gamma)), so
 * s(alpha) = 0.135 / 0.2775 and s(beta) = s(gamma) = 0.05 + 0.425 s(alpha). */
static void test_keywords_pagerank_by_hand(void **state)
{
    (void)state;
    const char *texts[] = {"Alpha beta.", "Alpha gamma."};
    double a = 0.135 / 0.2775, b = 0.05 + 0.425 * a;
    precis_keywords k = extract(texts, 2, 1);
    assert_int_equal(k.n, 1);
    assert_string_equal(k.v[0].text, "Alpha");
    assert_int_equal(k.v[0].text_len, 5);
    assert_near(k.v[0].score, a, 1e-6);
    assert_int_equal(k.v[0].count, 2);
    precis_keywords_destroy(&k);
    // All three marked: each sentence is one run of two adjacent keywords, scored by the mean;
    // equal scores, lengths and counts go to the first seen, and the two share "Alpha": one
    // stands for both.
    k = extract(texts, 2, 3);
    assert_int_equal(k.n, 1);
    assert_string_equal(k.v[0].text, "Alpha beta");
    assert_near(k.v[0].score, (a + b) / 2, 1e-6);
    precis_keywords_destroy(&k);
}

/* The abstract used as the example in the TextRank paper. */
static const char *const paper[] = {
    "Compatibility of systems of linear constraints over the set of natural numbers.",
    "Criteria of compatibility of a system of linear Diophantine equations, strict inequations, "
    "and nonstrict inequations are considered.",
    "Upper bounds for components of a minimal set of solutions and algorithms of construction of "
    "minimal generating sets of solutions for all types of systems are given.",
    "These criteria and the corresponding algorithms for constructing a minimal supporting set "
    "of solutions can be used in solving all the considered types systems and systems of mixed "
    "types.",
};

static void test_keywords_paper_abstract(void **state)
{
    (void)state;
    precis_keywords k = extract(paper, 4, 10);
    assert_int_equal(k.n, 10);
    // The most connected words of the abstract lead: "set" (set, sets), "systems" (system,
    // systems), "solutions".
    assert_string_equal(k.v[0].text, "set");
    assert_true(has(&k, "systems"));
    assert_true(has(&k, "solutions"));
    // Asked for 10, 10 are listed, though their words make more: "minimal set" is a variant of
    // "set", more often met on its own, and is left out (no keyword holds another's words).
    assert_int_equal(k.n, 10);
    assert_true(has(&k, "minimal"));
    assert_false(has(&k, "minimal set"));
    // Best first; stopwords and "-ed" verbs never appear.
    for (size_t i = 0; i < k.n; i++) {
        if (i > 0)
            assert_true(k.v[i].score <= k.v[i - 1].score);
        assert_null(strstr(k.v[i].text, " of "));
        assert_null(strstr(k.v[i].text, "considered"));
        assert_int_equal(strlen(k.v[i].text), k.v[i].text_len);
    }
    precis_keywords_destroy(&k);
}

/* Shown in the spelling met most often; a possessive ending is not part of the keyword. */
static void test_keywords_most_frequent_spelling(void **state)
{
    (void)state;
    const char *texts[] = {
        "Glaciers retreat as the climate warms.",  "Warmer climate means glaciers melt.",
        "Scientists track glaciers and climate.",  "Climate data from glaciers is rare.",
        "The record of climate is long.",
    };
    precis_keywords k = extract(texts, 5, 2);
    assert_int_equal(k.n, 2);
    assert_true(has(&k, "climate")); // "climate" 4 times, "Climate" once
    assert_true(has(&k, "glaciers"));
    precis_keywords_destroy(&k);
    const char *norway[] = {"Norway's.", "Norway\u2019s!", "Norway."};
    k = extract(norway, 3, 1);
    assert_int_equal(k.n, 1);
    assert_string_equal(k.v[0].text, "Norway");
    assert_int_equal(k.v[0].count, 3);
    precis_keywords_destroy(&k);
}

/* A stopword or punctuation between two keywords keeps them apart; numbers are never keywords;
 * a single word inside a phrase already listed is not listed again. */
static void test_keywords_adjacency_and_numbers(void **state)
{
    (void)state;
    const char *texts[] = {
        "Bank of England raised rates in 2023.", "Bank of England rates rose 2023 again.",
        "England, bank rates and 2023 inflation.",
    };
    precis_keywords k = extract(texts, 3, 20);
    assert_true(k.n > 0);
    for (size_t i = 0; i < k.n; i++) {
        assert_null(strstr(k.v[i].text, "2023"));
        assert_string_not_equal(k.v[i].text, "Bank England");
        assert_string_not_equal(k.v[i].text, "England bank");
        assert_string_not_equal(k.v[i].text, "England, bank");
    }
    // "bank rates" and "England rates rose" ("raised" is a verb) stand together once each, as
    // often as "rates" on its own: variants of "rates", which ranks first and stands for them.
    assert_string_equal(k.v[0].text, "rates");
    assert_true(has(&k, "Bank"));
    assert_true(has(&k, "England"));
    assert_true(has(&k, "inflation"));
    assert_int_equal(k.n, 4);
    precis_keywords_destroy(&k);
}

/* A keyword inside one already listed is not listed again. */
static void test_keywords_no_sub_phrase_after_phrase(void **state)
{
    (void)state;
    const char *texts[] = {"Solar panels power homes.", "Solar panels power farms.",
                           "Cheap solar panels spread."};
    precis_keywords k = extract(texts, 3, 10);
    for (size_t i = 0; i < k.n; i++)
        for (size_t j = i + 1; j < k.n; j++)
            assert_null(strstr(k.v[i].text, k.v[j].text));
    precis_keywords_destroy(&k);
}

/* General verbs (stopwords/en.verbs, matched by stem) are not keywords in any of their forms;
 * the same word capitalized (a name, a sentence start) is not taken for one. */
static void test_keywords_general_verbs(void **state)
{
    (void)state;
    const char *texts[] = {
        "Farmers are using drones over vineyards.", "Growers using drones map vineyards.",
        "Vineyards will use drones, growers says.", "Farmers told growers drones will help.",
        "Drones help vineyards, growers said.",
    };
    precis_keywords k = extract(texts, 5, 6);
    assert_string_equal(k.v[0].text, "drones");
    for (size_t i = 0; i < k.n; i++) {
        static const char *const verbs[] = {"using", "use", "will", "says", "told", "help", "said"};
        for (size_t v = 0; v < sizeof verbs / sizeof verbs[0]; v++)
            assert_null(strstr(k.v[i].text, verbs[v]));
    }
    precis_keywords_destroy(&k);
    const char *names[] = {"Will Harper sang.", "Harper met Will.", "Will Harper wrote."};
    k = extract(names, 3, 3);
    assert_true(has(&k, "Will Harper"));
    precis_keywords_destroy(&k);
}

/* How many keywords hold 'word'. */
static size_t holding(const precis_keywords *k, const char *word)
{
    size_t n = 0;
    for (size_t i = 0; i < k->n; i++)
        n += strstr(k->v[i].text, word) != NULL;
    return n;
}

/* The same words in another order or form are one keyword: "Ortega's deportation" (3 times)
 * and "deport Ortega" (twice) have the same stems; the more frequent is listed. */
static void test_keywords_same_stems_folded(void **state)
{
    (void)state;
    const char *texts[] = {
        "Lawyers fear Ortega's deportation.", "Judges weigh Ortega's deportation.",
        "Courts deport Ortega.", "Judges deport Ortega.", "Ortega's deportation nears.",
    };
    precis_keywords k = extract(texts, 5, 2);
    assert_int_equal(k.n, 2);
    assert_int_equal(holding(&k, "Ortega"), 1);
    assert_true(has(&k, "Ortega's deportation"));
    precis_keywords_destroy(&k);
}

/* A name made from another by a short ending ("Freedonia", "Freedonian") is a variant of it:
 * Snowball stems them apart. Common words are not folded so ("part", "party"). */
static void test_keywords_name_variants_folded(void **state)
{
    (void)state;
    const char *texts[] = {
        "Voters in Freedonia backed the Freedonian budget.",
        "Freedonian farmers export grain from Freedonia.",
        "The harbour of Freedonia ships Freedonian grain.",
        "A party took part in talks; the party left part of the talks.",
        "Farmers want part of the grain budget.",
    };
    precis_keywords k = extract(texts, 5, 6);
    assert_int_equal(k.n, 6);
    assert_int_equal(holding(&k, "Freedonia"), 1);
    assert_true(has(&k, "party"));
    assert_true(has(&k, "part"));
    precis_keywords_destroy(&k);
}

/* The word of a longer phrase: when the text names it mostly in the phrase, the phrase is the
 * keyword, though the word alone ranks first ("North Ruritania", 4 times, for "Ruritania", once
 * on its own: a phrase scores the mean of its words, and "North" scores less); when mostly on
 * its own, the word is ("Freedonia", 4 times alone, for "Freedonia's army", twice), and the
 * phrase is never listed beside it. */
static void test_keywords_phrase_or_word(void **state)
{
    (void)state;
    const char *north[] = {
        "North Ruritania tests rockets.", "Talks with North Ruritania stall.",
        "North Ruritania builds dams.",   "Ruritania, rockets and dams.",
        "Rain falls on North Ruritania.",
    };
    precis_keywords k = extract(north, 5, 2);
    assert_string_equal(k.v[0].text, "North Ruritania");
    assert_true(k.v[1].score <= k.v[0].score); // best first, whatever it stands for
    assert_int_equal(holding(&k, "Ruritania"), 1);
    precis_keywords_destroy(&k);
    const char *army[] = {
        "Freedonia raises taxes.", "Freedonia's army grows.", "Taxes in Freedonia rise.",
        "Freedonia cuts taxes again.", "Freedonia's army waits.", "Freedonia pays the army.",
    };
    k = extract(army, 6, 3);
    assert_true(has(&k, "Freedonia"));
    assert_int_equal(holding(&k, "Freedonia"), 1);
    assert_true(has(&k, "army"));
    assert_int_equal(k.n, 3);
    precis_keywords_destroy(&k);
}

static void test_keywords_nothing_to_find(void **state)
{
    (void)state;
    const char *stop[] = {"It is what it is.", "And so on, and so it was.", "", "   ", "42 7 9."};
    precis_keywords k = extract(stop, 5, 5);
    assert_int_equal(k.n, 0);
    precis_keywords_destroy(&k);
    k = extract(paper, 4, 0); // none asked for
    assert_int_equal(k.n, 0);
    assert_null(k.v);
    precis_keywords_destroy(&k);
    k = extract(paper, 0, 5); // no text
    assert_int_equal(k.n, 0);
    precis_keywords_destroy(&k);
    // More asked for than there are: all of them, no more.
    const char *one[] = {"Zebras."};
    k = extract(one, 1, 50);
    assert_int_equal(k.n, 1);
    assert_string_equal(k.v[0].text, "Zebras");
    precis_keywords_destroy(&k);
}

static void test_keywords_hostile_inputs(void **state)
{
    (void)state;
    // Invalid UTF-8 is not the keyword stage's business (load rejects it), but it must not
    // crash; one 1 MB sentence; many one-word sentences.
    const char *bad[] = {"caf\xc3 \xff\xfe menu menu."};
    precis_keywords k = extract(bad, 1, 3);
    precis_keywords_destroy(&k);
    size_t len;
    char *big = test_repeat("river delta ", 87382, &len); // ~1 MB
    const char *texts[] = {big};
    size_t lens[] = {len};
    assert_int_equal(precis_keywords_extract(texts, lens, 1, NULL, NULL, 0, 5, &k), PRECIS_OK);
    assert_true(k.n >= 1);
    assert_string_equal(k.v[0].text, "river delta"); // runs stop before a word repeats
    assert_int_equal(k.v[0].count, 87382);
    precis_keywords_destroy(&k);
    free(big);
    size_t n = 100000;
    const char **many = malloc(n * sizeof *many);
    size_t *many_len = malloc(n * sizeof *many_len);
    assert_true(many && many_len);
    static const char *const words[] = {"apple.", "pear.", "plum."};
    for (size_t i = 0; i < n; i++) {
        many[i] = words[i % 3];
        many_len[i] = strlen(many[i]);
    }
    assert_int_equal(precis_keywords_extract(many, many_len, n, NULL, NULL, 0, 5, &k), PRECIS_OK);
    assert_int_equal(k.n, 3); // no edges across sentences: three isolated words, equal scores
    assert_string_equal(k.v[0].text, "apple");
    assert_near(k.v[0].score, k.v[2].score, 1e-12);
    precis_keywords_destroy(&k);
    free(many);
    free(many_len);
}

static void test_keywords_unknown_language(void **state)
{
    (void)state;
    const char *texts[] = {"Alpha beta."};
    size_t lens[] = {11};
    precis_keywords k;
    assert_int_equal(precis_keywords_extract(texts, lens, 1, "xx", NULL, 0, 3, &k),
                     PRECIS_ERR_LANGUAGE);
    assert_int_equal(k.n, 0);
    assert_null(k.v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_keywords_pagerank_by_hand),
        cmocka_unit_test(test_keywords_paper_abstract),
        cmocka_unit_test(test_keywords_most_frequent_spelling),
        cmocka_unit_test(test_keywords_adjacency_and_numbers),
        cmocka_unit_test(test_keywords_no_sub_phrase_after_phrase),
        cmocka_unit_test(test_keywords_same_stems_folded),
        cmocka_unit_test(test_keywords_name_variants_folded),
        cmocka_unit_test(test_keywords_phrase_or_word),
        cmocka_unit_test(test_keywords_general_verbs),
        cmocka_unit_test(test_keywords_nothing_to_find),
        cmocka_unit_test(test_keywords_hostile_inputs),
        cmocka_unit_test(test_keywords_unknown_language),
    };
    return cmocka_run_group_tests_name("keywords", tests, NULL, NULL);
}
