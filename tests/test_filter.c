/* Stage 3: precis_filter_sentences() marks boilerplate with the rule that dropped it, and
 * precis_sentence_text() gives the output form of a sentence. */
#include "internal.h"

#include "helpers.h"

#define MAX_DOCS 4

typedef struct corpus {
    precis_doc docs[MAX_DOCS];
    size_t n_docs;
    precis_sents s;
    int failed_line; // a failed assert_drop(), reported by corpus_free() once memory is freed
} corpus;

/* Loads, splits and filters the documents 'texts[0..n)'. */
static void run_filter(corpus *c, const char *const *texts, size_t n)
{
    assert_true(n <= MAX_DOCS);
    memset(c, 0, sizeof *c);
    precis_abbrevs ab;
    test_abbrevs(&ab);
    for (size_t d = 0; d < n; d++) {
        char err[128];
        assert_int_equal(precis_load_document("doc", texts[d], strlen(texts[d]), &c->docs[d], err,
                                              sizeof err),
                         PRECIS_OK);
        assert_int_equal(precis_split_document(c->docs[d].text, c->docs[d].len, (uint32_t)d, &ab,
                                               &c->s),
                         PRECIS_OK);
    }
    c->n_docs = n;
    precis_abbrevs_destroy(&ab);
    assert_int_equal(precis_filter_sentences(c->docs, n, &c->s, 1), PRECIS_OK);
}

static void run_filter1(corpus *c, const char *text)
{
    run_filter(c, &text, 1);
}

static void corpus_free(corpus *c)
{
    for (size_t d = 0; d < c->n_docs; d++)
        precis_doc_destroy(&c->docs[d]);
    free(c->s.v);
    if (c->failed_line != 0)
        _fail(__FILE__, c->failed_line);
}

/* The sentence of document 'doc' that starts with 'prefix'; fails the test if there is none. */
static const precis_sent *find(const corpus *c, uint32_t doc, const char *prefix)
{
    size_t n = strlen(prefix);
    for (size_t i = 0; i < c->s.n; i++) {
        const precis_sent *s = &c->s.v[i];
        if (s->doc == doc && s->len >= n && memcmp(c->docs[doc].text + s->off, prefix, n) == 0)
            return s;
    }
    fail_msg("no sentence of document %u starts with \"%s\"", (unsigned)doc, prefix);
    return NULL;
}

/* Records a mismatch instead of failing at once, so that corpus_free() still frees. */
static void check_drop(corpus *c, uint32_t doc, const char *prefix, precis_drop want, int line)
{
    const precis_sent *s = find(c, doc, prefix);
    if (s->drop != want) {
        print_error("%s:%d: \"%.*s\": dropped as %d (%s), expected %d (%s)\n", __FILE__, line,
                    (int)s->len, c->docs[doc].text + s->off, s->drop,
                    precis_drop_reason((precis_drop)s->drop), (int)want,
                    precis_drop_reason(want));
        if (c->failed_line == 0)
            c->failed_line = line;
    }
}

#define assert_drop(c, doc, prefix, want) check_drop((c), (doc), (prefix), (want), __LINE__)

#define LEAD "North Korean leader Kim Jong Un met Russia's defense minister on Sunday."

/* ---- the rules -------------------------------------------------------------------------- */

static void test_filter_keeps_normal_sentence(void **state)
{
    (void)state;
    corpus c;
    run_filter1(&c, LEAD "\n");
    const precis_sent *s = find(&c, 0, "North");
    assert_int_equal(s->drop, PRECIS_KEEP);
    assert_int_equal(s->n_words, 12);
    assert_int_equal(s->n_bytes, strlen(LEAD));
    corpus_free(&c);
}

static void test_filter_counts_collapsed_text(void **state)
{
    (void)state;
    corpus c;
    // The line break of a joined line and the run of blanks count as one space each.
    run_filter1(&c, "The minister said   that the talks\nwould resume next week.\n");
    assert_int_equal(c.s.n, 1);
    assert_int_equal(c.s.v[0].n_words, 10);
    assert_int_equal(c.s.v[0].n_bytes,
                     strlen("The minister said that the talks would resume next week."));
    corpus_free(&c);
}

/* Found by fuzz_summarize: a vertical tab, form feed or line/paragraph separator inside a
 * sentence was no word break when counting but a space in the output, so "-w N" could print
 * more than N words. Counting and output now agree on every kind of white space. */
static void test_filter_counts_every_space_kind(void **state)
{
    (void)state;
    corpus c;
    run_filter1(&c, "The council met\vtoday and\fvoted\xE2\x80\xA8to rebuild\xE2\x80\xA9the "
                    "old\xC2\xA0pier.\n");
    assert_int_equal(c.s.n, 1);
    const precis_sent *s = &c.s.v[0];
    char out[128];
    size_t n = precis_sentence_text(c.docs[0].text + s->off, s->len, out, sizeof out);
    assert_string_equal(out, "The council met today and voted to rebuild the old pier.");
    assert_int_equal(s->n_bytes, n);
    assert_int_equal(s->n_words, 11);
    corpus_free(&c);
}

static void test_filter_drops_headline(void **state)
{
    (void)state;
    corpus c;
    run_filter1(&c, "Kim Meets Shoigu In Russia\n\n" LEAD "\n");
    assert_drop(&c, 0, "Kim Meets", PRECIS_DROP_TITLE);
    assert_drop(&c, 0, "North", PRECIS_KEEP);
    corpus_free(&c);
}

static void test_filter_headline_only_first_line(void **state)
{
    (void)state;
    corpus c;
    // A line without punctuation further down is not the headline.
    run_filter1(&c, LEAD "\n\nMore Talks Expected Next Week\n");
    assert_drop(&c, 0, "More Talks", PRECIS_DROP_NO_TERMINAL);
    corpus_free(&c);
}

static void test_filter_long_first_line_is_not_headline(void **state)
{
    (void)state;
    corpus c;
    run_filter1(&c, "one two three four five six seven eight nine ten eleven twelve thirteen "
                    "fourteen fifteen sixteen seventeen eighteen nineteen twenty twentyone "
                    "twentytwo twentythree twentyfour twentyfive twentysix\n\n" LEAD "\n");
    assert_drop(&c, 0, "one two", PRECIS_DROP_NO_TERMINAL);
    corpus_free(&c);
}

static void test_filter_drops_caption_paragraph(void **state)
{
    (void)state;
    corpus c;
    run_filter1(&c, "FOREIGN TIES. North Korean leader Kim Jong Un walks with Russia's defense "
                    "minister in Vladivostok. He waved.\n\n"
                    "Kim inspected bombers on Saturday with the minister.\n");
    assert_drop(&c, 0, "FOREIGN TIES.", PRECIS_DROP_CAPTION);
    assert_drop(&c, 0, "North Korean", PRECIS_DROP_CAPTION);
    assert_drop(&c, 0, "He waved.", PRECIS_DROP_CAPTION);
    assert_drop(&c, 0, "Kim inspected", PRECIS_KEEP);
    corpus_free(&c);
}

static void test_filter_drops_parenthesized_paragraph(void **state)
{
    (void)state;
    corpus c;
    run_filter1(&c, LEAD "\n\n(Editor's note: this story has been updated with new details.)\n\n"
                         "[Reporting by Jane Doe. Editing by John Smith.]\n");
    assert_drop(&c, 0, "(Editor's", PRECIS_DROP_PARENTHESIZED);
    assert_drop(&c, 0, "[Reporting", PRECIS_DROP_PARENTHESIZED);
    assert_drop(&c, 0, "Editing by", PRECIS_DROP_PARENTHESIZED);
    assert_drop(&c, 0, "North", PRECIS_KEEP);
    corpus_free(&c);
}

static void test_filter_keeps_sentence_with_parenthesis(void **state)
{
    (void)state;
    corpus c;
    run_filter1(&c, LEAD "\n\nRussia's Sergei Shoigu (left) met Kim Jong Un on Saturday.\n");
    assert_drop(&c, 0, "Russia's Sergei", PRECIS_KEEP);
    corpus_free(&c);
}

static void test_filter_drops_promo_line(void **state)
{
    (void)state;
    corpus c;
    run_filter1(&c, LEAD "\nTrack Latest News Live on NDTV.com and get news updates from India\n");
    assert_drop(&c, 0, "Track Latest", PRECIS_DROP_NO_TERMINAL);
    assert_drop(&c, 0, "North", PRECIS_KEEP);
    corpus_free(&c);
}

static void test_filter_drops_web_addresses(void **state)
{
    (void)state;
    corpus c;
    run_filter1(&c, LEAD "\nRead the full report at https://example.com/news/kim today.\n"
                         "Send corrections to the newsroom at news@example.com please.\n"
                         "The archive lives at www.example.org for all readers.\n"
                         "\xC2\xA9 2023 Example News Group, all rights reserved.\n");
    assert_drop(&c, 0, "Read the", PRECIS_DROP_WEB);
    assert_drop(&c, 0, "Send corrections", PRECIS_DROP_WEB);
    assert_drop(&c, 0, "The archive", PRECIS_DROP_WEB);
    assert_drop(&c, 0, "\xC2\xA9 2023", PRECIS_DROP_WEB);
    corpus_free(&c);
}

static void test_filter_at_sign_alone_is_not_web(void **state)
{
    (void)state;
    corpus c;
    run_filter1(&c, LEAD "\nThe shares traded @ 5 dollars each on Monday morning.\n");
    assert_drop(&c, 0, "The shares", PRECIS_KEEP);
    corpus_free(&c);
}

static void test_filter_drops_byline(void **state)
{
    (void)state;
    corpus c;
    run_filter1(&c, LEAD "\n\nBy Jane Doe\n\nBy Jane Doe, Reuters.\n");
    assert_drop(&c, 0, "By Jane Doe, Reuters.", PRECIS_DROP_BYLINE);
    assert_drop(&c, 0, "By Jane Doe", PRECIS_DROP_BYLINE); // the first, without a full stop
    corpus_free(&c);
}

static void test_filter_sentence_starting_with_by_is_kept(void **state)
{
    (void)state;
    corpus c;
    run_filter1(&c, LEAD "\n\nBy Sunday the talks had ended without a deal.\n");
    assert_drop(&c, 0, "By Sunday", PRECIS_KEEP);
    corpus_free(&c);
}

static void test_filter_drops_line_repeated_across_documents(void **state)
{
    (void)state;
    const char *docs[] = {
        "The talks ended on Sunday after three long days.\nSubscribe now for full access.\n",
        "Kim left Russia on Monday by armored train.\nSubscribe now for full access.\n",
    };
    corpus c;
    run_filter(&c, docs, 2);
    assert_drop(&c, 0, "Subscribe", PRECIS_DROP_REPEATED);
    assert_drop(&c, 1, "Subscribe", PRECIS_DROP_REPEATED);
    assert_drop(&c, 0, "The talks", PRECIS_KEEP);
    assert_drop(&c, 1, "Kim left", PRECIS_KEEP);
    corpus_free(&c);
}

static void test_filter_repeat_within_one_document_is_kept(void **state)
{
    (void)state;
    const char *docs[] = {
        "Kim waved to the crowd.\nThe talks went on.\nKim waved to the crowd.\n",
        "Putin spoke for an hour on Wednesday.\n",
    };
    corpus c;
    run_filter(&c, docs, 2);
    for (size_t i = 0; i < c.s.n; i++)
        assert_int_equal(c.s.v[i].drop, PRECIS_KEEP);
    corpus_free(&c);
}

static void test_filter_long_repeated_sentence_is_kept(void **state)
{
    (void)state;
    // Wire copy shared by two outlets is news, not boilerplate.
    const char *docs[] = {LEAD "\n", LEAD "\n"};
    corpus c;
    run_filter(&c, docs, 2);
    assert_drop(&c, 0, "North", PRECIS_KEEP);
    assert_drop(&c, 1, "North", PRECIS_KEEP);
    corpus_free(&c);
}

static void test_filter_drops_all_capitals(void **state)
{
    (void)state;
    corpus c;
    run_filter1(&c, LEAD "\nTHE MINISTER SAID THE TALKS WENT VERY WELL.\n");
    assert_drop(&c, 0, "THE MINISTER", PRECIS_DROP_NOT_PROSE);
    corpus_free(&c);
}

static void test_filter_drops_numbers_and_symbols(void **state)
{
    (void)state;
    corpus c;
    run_filter1(&c, LEAD "\n12.5 | 13.7 | 14.2 | 15.9 | +3% | -1%.\n");
    assert_drop(&c, 0, "12.5", PRECIS_DROP_NOT_PROSE);
    corpus_free(&c);
}

static void test_filter_drops_short_sentence(void **state)
{
    (void)state;
    corpus c;
    run_filter1(&c, LEAD " He left.\n");
    assert_drop(&c, 0, "He left.", PRECIS_DROP_SHORT);
    assert_int_equal(find(&c, 0, "He left.")->n_words, 2);
    corpus_free(&c);
}

static void test_filter_keeps_cjk_sentence(void **state)
{
    (void)state;
    corpus c;
    // "金正恩会见了俄罗斯国防部长。" (Kim Jong Un met Russia's defense minister): Chinese has no
    // spaces, so this is one whitespace-separated "word", but it is a whole sentence.
    run_filter1(&c, LEAD "\n\xE9\x87\x91\xE6\xAD\xA3\xE6\x81\xA9\xE4\xBC\x9A\xE8\xA7\x81\xE4\xBA"
                         "\x86\xE4\xBF\x84\xE7\xBD\x97\xE6\x96\xAF\xE5\x9B\xBD\xE9\x98\xB2\xE9"
                         "\x83\xA8\xE9\x95\xBF\xE3\x80\x82\n");
    assert_drop(&c, 0, "\xE9\x87\x91", PRECIS_KEEP);
    corpus_free(&c);
}

static void test_filter_terminal_before_closing_quote(void **state)
{
    (void)state;
    corpus c;
    run_filter1(&c, LEAD "\n\xE2\x80\x9CWe will always stand together with Russia,\xE2\x80\x9D "
                         "Kim said.\n\xE2\x80\x9CWe will always stand together.\xE2\x80\x9D\n");
    assert_drop(&c, 0, "\xE2\x80\x9CWe will always stand together with", PRECIS_KEEP);
    assert_drop(&c, 0, "\xE2\x80\x9CWe will always stand together.", PRECIS_KEEP);
    corpus_free(&c);
}

static void test_filter_drop_reasons(void **state)
{
    (void)state;
    assert_string_equal(precis_drop_reason(PRECIS_KEEP), "kept");
    assert_string_equal(precis_drop_reason(PRECIS_DROP_TITLE), "headline");
    for (int d = 0; d < PRECIS_DROP_COUNT; d++) {
        assert_non_null(precis_drop_reason((precis_drop)d));
        assert_true(strlen(precis_drop_reason((precis_drop)d)) > 0);
    }
    assert_string_equal(precis_drop_reason(PRECIS_DROP_COUNT), "unknown");
}

/* ---- the bundled corpus ------------------------------------------------------------------ */

static void test_filter_kim_rappler_credit(void **state)
{
    (void)state;
    corpus c;
    run_filter1(&c, "Earlier this month, North Korea launched its first operational \xE2\x80\x9C"
                    "tactical nuclear attack submarine.\xE2\x80\x9D \xE2\x80\x93 Rappler.com\n");
    assert_int_equal(c.s.n, 2);
    assert_int_equal(c.s.v[0].drop, PRECIS_KEEP);
    assert_int_not_equal(c.s.v[1].drop, PRECIS_KEEP); // "– Rappler.com"
    corpus_free(&c);
}

/* ---- output text -------------------------------------------------------------------------- */

static void check_text(const char *src, const char *want, int line)
{
    char out[256];
    size_t n = precis_sentence_text(src, strlen(src), out, sizeof out);
    if (n != strlen(want) || strcmp(out, want) != 0) {
        print_error("text of \"%s\": got \"%s\" (%zu), expected \"%s\"\n", src,
                    n == (size_t)-1 ? "(error)" : out, n, want);
        _fail(__FILE__, line);
    }
    // Measuring gives the same length.
    assert_int_equal(precis_sentence_text(src, strlen(src), NULL, 0), n);
}

static void test_filter_text_collapses_whitespace(void **state)
{
    (void)state;
    check_text("Hello   world\n  again", "Hello world again", __LINE__);
    check_text("  lead and trail \t\r\n", "lead and trail", __LINE__);
    check_text("wrapped\r\nline", "wrapped line", __LINE__);
    check_text("a\xC2\xA0\xC2\xA0" "b\xE2\x80\x83" "c\xE3\x80\x80" "d", "a b c d", __LINE__);
    check_text("para\xE2\x80\xA8sep", "para sep", __LINE__); // U+2028
    check_text("", "", __LINE__);
    check_text(" \n ", "", __LINE__);
}

static void test_filter_text_composes_nfc(void **state)
{
    (void)state;
    check_text("Caf" "e\xCC\x81", "Caf\xC3\xA9", __LINE__);
    check_text("Cafe\xCC\x81 au lait", "Caf\xC3\xA9 au lait", __LINE__);
    check_text("\xEF\xBC\xA1", "\xEF\xBC\xA1", __LINE__); // fullwidth A stays: NFC, not NFKC
    check_text("Caf\xC3\xA9", "Caf\xC3\xA9", __LINE__);
    // Canonical singletons are substitutions, not composition: kept as written, while the
    // text around them is still composed (U+0387 ano teleia, U+037E Greek question mark,
    // U+2126 ohm sign, U+F900 a CJK compatibility ideograph).
    check_text("\xCE\xB1\xCE\x87 e\xCC\x81", "\xCE\xB1\xCE\x87 \xC3\xA9", __LINE__);
    check_text("\xCF\x84\xCE\xB9\xCD\xBE", "\xCF\x84\xCE\xB9\xCD\xBE", __LINE__);
    check_text("5 \xE2\x84\xA6" "e\xCC\x81", "5 \xE2\x84\xA6\xC3\xA9", __LINE__);
    check_text("\xEF\xA4\x80", "\xEF\xA4\x80", __LINE__);
}

static void test_filter_text_buffer_too_small(void **state)
{
    (void)state;
    char out[8];
    assert_int_equal(precis_sentence_text("exactly7", 8, out, 8), (size_t)-1);
    assert_int_equal(precis_sentence_text("seven77", 7, out, 8), 7);
    assert_string_equal(out, "seven77");
}

static void test_filter_text_invalid_utf8(void **state)
{
    (void)state;
    char out[32];
    size_t n = precis_sentence_text("ab\xFF" "cd", 5, out, sizeof out);
    assert_true(n != (size_t)-1);
    assert_true(n < sizeof out);
}

/* ---- line breaks the output joins (issue 12) -------------------------------------------- */

#define JIYU "\xE5\x9F\xBA\xE4\xBA\x8E"        // 基于
#define ZIFU "\xE5\xAD\x97\xE7\xAC\xA6"        // 字符
#define HAYAI "\xE9\x80\x9F\xE3\x81\x84\xE3\x80\x81" // 速い、
#define KOTO "\xE3\x81\x93\xE3\x81\xA8"        // こと
#define HAO "\xE3\x80\x8C\xE5\xA5\xBD\xE3\x80\x8D" // 「好」
#define TASHUO "\xE4\xBB\x96\xE8\xAF\xB4"      // 他说
#define HANGUK "\xED\x95\x9C\xEA\xB5\xAD\xEC\x96\xB4" // 한국어
#define MUNJANG "\xEB\xAC\xB8\xEC\x9E\xA5"     // 문장

static void test_filter_text_joins_cjk_line_breaks(void **state)
{
    (void)state;
    // Chinese wrapped between two characters, indentation and all.
    check_text(JIYU "\n  " ZIFU, JIYU ZIFU, __LINE__);
    check_text(JIYU "\r\n" ZIFU, JIYU ZIFU, __LINE__);
    // Kana and CJK punctuation too.
    check_text(HAYAI "\n" KOTO, HAYAI KOTO, __LINE__);
    check_text(HAO "\n" TASHUO, HAO TASHUO, __LINE__);
    // A space the author wrote stays; Korean, which puts spaces between words, keeps one; so
    // does a break between CJK and Latin text.
    check_text(JIYU " " ZIFU, JIYU " " ZIFU, __LINE__);
    check_text(HANGUK "\n" MUNJANG, HANGUK " " MUNJANG, __LINE__);
    check_text(JIYU "\nLinux", JIYU " Linux", __LINE__);
}

static void test_filter_text_hyphen_at_line_end(void **state)
{
    (void)state;
    // Without corpus knowledge the hyphen stays and only the break goes: every character the
    // author wrote is kept.
    check_text("were sup-\nplied by", "were sup-plied by", __LINE__);
    check_text("were sup-  \r\n   plied by", "were sup-plied by", __LINE__);
    check_text("na\xC3\xAFve-\n\xC3\xA9tude", "na\xC3\xAFve-\xC3\xA9tude", __LINE__);
    // Not a hyphenated word: a dash after a space, a capital or a digit after the break, or no
    // line break at all.
    check_text("the pier -\nwhich", "the pier - which", __LINE__);
    check_text("North-\nKorea", "North- Korea", __LINE__);
    check_text("COVID-\n19", "COVID- 19", __LINE__);
    check_text("hyphen- ation", "hyphen- ation", __LINE__);
    check_text("--\nnext", "-- next", __LINE__);
}

static void test_filter_text_rejoins_known_words(void **state)
{
    (void)state;
    precis_strset joins;
    precis_strset_init(&joins);
    assert_int_equal(precis_strset_add(&joins, "hyphenation", 11), PRECIS_OK);
    char out[64];
    const char *src = "Hyphen-\n  ation and sup-\nplied.";
    size_t n = precis_sentence_render(src, strlen(src), &joins, out, sizeof out);
    assert_string_equal(out, "Hyphenation and sup-plied.");
    assert_int_equal(n, strlen(out));
    assert_int_equal(precis_sentence_render(src, strlen(src), &joins, NULL, 0), n);
    // Without the list (precis_sentence_text()) the hyphen stays.
    assert_int_equal(precis_sentence_text(src, strlen(src), out, sizeof out), n + 1);
    assert_string_equal(out, "Hyphen-ation and sup-plied.");
    precis_strset_destroy(&joins);
}

/* Word counts follow the output form: a joined break is no word break (budgets never
 * exceeded, never wasted). */
static void test_filter_counts_joined_breaks(void **state)
{
    (void)state;
    corpus c;
    run_filter1(&c, "The figures were sup-\nplied by the council on Monday.\n");
    assert_int_equal(c.s.n, 1);
    assert_int_equal(c.s.v[0].n_words, 9);
    assert_int_equal(c.s.v[0].n_bytes,
                     strlen("The figures were sup-plied by the council on Monday."));
    assert_int_equal(c.s.v[0].line_join, PRECIS_BREAK_HYPHEN);
    corpus_free(&c);
    // "用户可以在，\n服务器上输入命令。": the comma and the character after it are one word, as
    // in the output, where no space parts them.
#define ZH_COMMA "\xE7\x94\xA8\xE6\x88\xB7\xE5\x8F\xAF\xE4\xBB\xA5\xE5\x9C\xA8\xEF\xBC\x8C"
#define ZH_REST                                                                               \
    "\xE6\x9C\x8D\xE5\x8A\xA1\xE5\x99\xA8\xE4\xB8\x8A\xE8\xBE\x93\xE5\x85\xA5\xE5\x91\xBD\xE4\xBB\xA4\xE3\x80\x82"
    run_filter1(&c, ZH_COMMA "\n" ZH_REST "\n");
    assert_int_equal(c.s.n, 1);
    char out[128];
    size_t n = precis_sentence_text(c.docs[0].text + c.s.v[0].off, c.s.v[0].len, out, sizeof out);
    assert_string_equal(out, ZH_COMMA ZH_REST);
    assert_int_equal(c.s.v[0].n_bytes, n);
    assert_int_equal(c.s.v[0].line_join, PRECIS_BREAK_CJK);
    corpus c2;
    run_filter1(&c2, ZH_COMMA ZH_REST "\n");
    assert_int_equal(c.s.v[0].n_words, c2.s.v[0].n_words);
    corpus_free(&c2);
    corpus_free(&c);
}

/* The corpus decides: the joined form seen elsewhere (any document, any case) rejoins the
 * word; the hyphenated form seen as often or more keeps the hyphen. */
static void test_filter_hyphens_decided_by_corpus(void **state)
{
    (void)state;
    const char *docs[] = {
        "The rules of hyphen-\nation were sup-\nplied by a well-\nknown printer in town.\n",
        "Hyphenation is hard. Well-known printers know it.\n",
    };
    corpus c;
    run_filter(&c, docs, 2);
    assert_int_equal(c.s.n_hyphen_breaks, 3);
    precis_strset joins;
    precis_strset_init(&joins);
    assert_int_equal(precis_hyphens_decide(c.docs, c.n_docs, &c.s, &joins), PRECIS_OK);
    assert_true(precis_strset_has(&joins, "hyphenation", 11));
    assert_false(precis_strset_has(&joins, "supplied", 8));
    assert_false(precis_strset_has(&joins, "wellknown", 9));
    const precis_sent *s = find(&c, 0, "The rules");
    char out[128];
    size_t n = precis_sentence_render(c.docs[0].text + s->off, s->len, &joins, out, sizeof out);
    assert_string_equal(out,
                        "The rules of hyphenation were sup-plied by a well-known printer in town.");
    assert_int_equal(s->n_bytes, n);
    assert_int_equal(s->n_words, 12);
    precis_strset_destroy(&joins);
    corpus_free(&c);
    // Both forms seen, the hyphenated one as often: the hyphen stays.
    const char *docs2[] = {"They had to co-\noperate with the town.\n", "Co-operate, cooperate.\n"};
    run_filter(&c, docs2, 2);
    precis_strset_init(&joins);
    assert_int_equal(precis_hyphens_decide(c.docs, c.n_docs, &c.s, &joins), PRECIS_OK);
    assert_int_equal(joins.n, 0);
    precis_strset_destroy(&joins);
    corpus_free(&c);
}

/* ---- hostile input ----------------------------------------------------------------------- */

static void test_filter_no_sentences(void **state)
{
    (void)state;
    precis_sents s = {0};
    assert_int_equal(precis_filter_sentences(NULL, 0, &s, 1), PRECIS_OK);
}

static void test_filter_many_short_lines(void **state)
{
    (void)state;
    size_t len;
    char *text = test_repeat("Word.\n", 100000, &len);
    corpus c;
    run_filter1(&c, text);
    assert_int_equal(c.s.n, 100000);
    for (size_t i = 0; i < c.s.n; i++)
        assert_int_equal(c.s.v[i].drop, PRECIS_DROP_SHORT);
    corpus_free(&c);
    free(text);
}

static void test_filter_many_repeated_lines_in_two_documents(void **state)
{
    (void)state;
    size_t len;
    char *text = test_repeat("Kim met Putin.\n", 50000, &len);
    const char *docs[] = {text, text};
    corpus c;
    run_filter(&c, docs, 2);
    assert_int_equal(c.s.n, 100000);
    for (size_t i = 0; i < c.s.n; i++)
        assert_int_equal(c.s.v[i].drop, PRECIS_DROP_REPEATED);
    corpus_free(&c);
    free(text);
}

static void test_filter_one_megabyte_sentence(void **state)
{
    (void)state;
    size_t len;
    char *text = test_repeat("word ", 200 * 1024, &len);
    text[len - 1] = '.';
    corpus c;
    run_filter1(&c, text);
    assert_int_equal(c.s.n, 1);
    assert_int_equal(c.s.v[0].drop, PRECIS_KEEP);
    assert_int_equal(c.s.v[0].n_words, 200 * 1024);
    assert_int_equal(c.s.v[0].n_bytes, len);
    corpus_free(&c);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_filter_keeps_normal_sentence),
        cmocka_unit_test(test_filter_text_joins_cjk_line_breaks),
        cmocka_unit_test(test_filter_text_hyphen_at_line_end),
        cmocka_unit_test(test_filter_text_rejoins_known_words),
        cmocka_unit_test(test_filter_counts_joined_breaks),
        cmocka_unit_test(test_filter_hyphens_decided_by_corpus),
        cmocka_unit_test(test_filter_counts_collapsed_text),
        cmocka_unit_test(test_filter_counts_every_space_kind),
        cmocka_unit_test(test_filter_drops_headline),
        cmocka_unit_test(test_filter_headline_only_first_line),
        cmocka_unit_test(test_filter_long_first_line_is_not_headline),
        cmocka_unit_test(test_filter_drops_caption_paragraph),
        cmocka_unit_test(test_filter_drops_parenthesized_paragraph),
        cmocka_unit_test(test_filter_keeps_sentence_with_parenthesis),
        cmocka_unit_test(test_filter_drops_promo_line),
        cmocka_unit_test(test_filter_drops_web_addresses),
        cmocka_unit_test(test_filter_at_sign_alone_is_not_web),
        cmocka_unit_test(test_filter_drops_byline),
        cmocka_unit_test(test_filter_sentence_starting_with_by_is_kept),
        cmocka_unit_test(test_filter_drops_line_repeated_across_documents),
        cmocka_unit_test(test_filter_repeat_within_one_document_is_kept),
        cmocka_unit_test(test_filter_long_repeated_sentence_is_kept),
        cmocka_unit_test(test_filter_drops_all_capitals),
        cmocka_unit_test(test_filter_drops_numbers_and_symbols),
        cmocka_unit_test(test_filter_drops_short_sentence),
        cmocka_unit_test(test_filter_keeps_cjk_sentence),
        cmocka_unit_test(test_filter_terminal_before_closing_quote),
        cmocka_unit_test(test_filter_drop_reasons),
        cmocka_unit_test(test_filter_kim_rappler_credit),
        cmocka_unit_test(test_filter_text_collapses_whitespace),
        cmocka_unit_test(test_filter_text_composes_nfc),
        cmocka_unit_test(test_filter_text_buffer_too_small),
        cmocka_unit_test(test_filter_text_invalid_utf8),
        cmocka_unit_test(test_filter_no_sentences),
        cmocka_unit_test(test_filter_many_short_lines),
        cmocka_unit_test(test_filter_many_repeated_lines_in_two_documents),
        cmocka_unit_test(test_filter_one_megabyte_sentence),
    };
    return cmocka_run_group_tests_name("filter", tests, NULL, NULL);
}
