/* Web pages and Markdown in: input detection, the gumbo glue and character sets
 * (html_parse.c), each rule of the article extraction (article.c), each metadata source
 * (meta.c), Markdown (markdown.c) and hostile pages. Every page here is written for the test. */
#include "internal.h"
#include "page.h"

#include "helpers.h"

#include <time.h>

/* Reads 'html' as a page; fails the test unless it succeeds. */
static precis_page *page_of(const char *html)
{
    precis_page *p = NULL;
    precis_status st = precis_page_read(html, strlen(html), PRECIS_INPUT_HTML, &p);
    if (st != PRECIS_OK)
        fail_msg("page refused: %s", precis_strerror(st));
    return p;
}

static void expect_in(const precis_page *p, const char *s)
{
    if (strstr(p->text, s) == NULL)
        fail_msg("'%s' missing from:\n%s", s, p->text);
}

static void expect_out(const precis_page *p, const char *s)
{
    if (strstr(p->text, s) != NULL)
        fail_msg("'%s' kept in:\n%s", s, p->text);
}

/* Three paragraphs of article prose, enough for the scoring to see an article. */
#define ARTICLE                                                                                \
    "<p>The city council voted on Tuesday to rebuild the old harbour bridge, which has been "  \
    "closed to traffic since a storm damaged its supports in the spring, officials said.</p>"  \
    "<p>Work will begin in March and should take two years, according to the mayor, who "      \
    "called the decision long overdue and thanked residents for their patience.</p>"          \
    "<p>The project will cost about 40 million euros, most of it paid by the regional "        \
    "government, with the rest coming from a toll on heavy lorries, the council added.</p>"

/* ---- detection ---------------------------------------------------------------------------- */

static void test_detect_doctype_and_openers(void **state)
{
    (void)state;
    const char *html[] = {"<!DOCTYPE html><html></html>", "\xEF\xBB\xBF  <html lang=en>",
                          "<!-- saved --> <!doctype html>", "<head><title>x</title>",
                          "\n\n<BODY>text</BODY>", "<?xml version=\"1.0\"?><html>"};
    for (size_t i = 0; i < sizeof html / sizeof html[0]; i++)
        assert_int_equal(precis_input_detect(html[i], strlen(html[i])), PRECIS_INPUT_HTML);
    const char *text[] = {"", "The <html> element is the root.", "<htmlish> no",
                          "Plain news text. A second sentence.\n\nA paragraph.",
                          "Use <b>bold</b> sparingly, and <i>italics</i> too."};
    for (size_t i = 0; i < sizeof text / sizeof text[0]; i++)
        assert_int_equal(precis_input_detect(text[i], strlen(text[i])), PRECIS_INPUT_TEXT);
}

static void test_detect_tag_density(void **state)
{
    (void)state;
    const char *frag = "<div class=a><p>One.</p><p>Two.</p><ul><li>x</li><li>y</li></ul>"
                       "<p><a href=\"/\">link</a></p><span>z</span></div>";
    assert_int_equal(precis_input_detect(frag, strlen(frag)), PRECIS_INPUT_HTML);
}

/* ---- parser glue ------------------------------------------------------------------------- */

static void test_html_entities_decoded(void **state)
{
    (void)state;
    precis_page *p = page_of("<html><body><p>Fish &amp; chips at caf&eacute; "
                             "&#8220;Le Port&#8221;&nbsp;today&#x21;</p></body></html>");
    assert_string_equal(p->text, "Fish & chips at caf\xC3\xA9 \xE2\x80\x9CLe Port\xE2\x80\x9D "
                                 "today!");
    precis_page_free(p);
}

static void test_html_never_text(void **state)
{
    (void)state;
    precis_page *p = page_of(
        "<html><head><style>p{color:red}</style><script>var secret='SCRIPT';</script></head>"
        "<body><noscript>NOSCRIPT enable js</noscript><template><p>TEMPLATE</p></template>"
        "<!-- COMMENT --><div hidden>HIDDENATTR</div><div style=\"display: none\">DISPLAYNONE"
        "</div><span aria-hidden=\"true\">ARIAHIDDEN</span><div style=\"visibility:hidden\">"
        "VISHIDDEN</div>" ARTICLE "</body></html>");
    const char *never[] = {"SCRIPT", "color:red", "NOSCRIPT", "TEMPLATE", "COMMENT",
                           "HIDDENATTR", "DISPLAYNONE", "ARIAHIDDEN", "VISHIDDEN"};
    for (size_t i = 0; i < sizeof never / sizeof never[0]; i++)
        expect_out(p, never[i]);
    expect_in(p, "harbour bridge");
    precis_page_free(p);
}

static void test_html_blocks_become_paragraphs(void **state)
{
    (void)state;
    precis_page *p = page_of("<html><body><article>" ARTICLE
                             "<h2>What comes next</h2><ul><li>A new bridge, wider than the old "
                             "one by a full lane, with room for bicycles.</li><li>A footpath on "
                             "both sides, lit at night, and benches along the way.</li></ul>"
                             "</article></body></html>");
    expect_in(p, "council added.\n\nWhat comes next\n\nA new bridge");
    expect_in(p, "bicycles.\n\nA footpath");
    precis_page_free(p);
}

/* ---- character sets ---------------------------------------------------------------------- */

static void expect_charset(const char *bytes, size_t len, const char *charset, const char *want)
{
    precis_page *p = NULL;
    assert_int_equal(precis_page_read(bytes, len, PRECIS_INPUT_HTML, &p), PRECIS_OK);
    assert_string_equal(p->charset, charset);
    if (strstr(p->text, want) == NULL)
        fail_msg("'%s' missing from '%s'", want, p->text);
    precis_page_free(p);
}

static void test_charset_meta_latin1(void **state)
{
    (void)state;
    const char *s = "<html><head><meta charset=\"ISO-8859-1\"></head><body><p>Caf\xE9 "
                    "cr\xE8me br\xFBl\xE9" "e.</p></body></html>";
    // WHATWG: the Latin-1 label means Windows-1252.
    expect_charset(s, strlen(s), "windows-1252",
                   "Caf\xC3\xA9 cr\xC3\xA8me br\xC3\xBBl\xC3\xA9" "e.");
}

static void test_charset_http_equiv(void **state)
{
    (void)state;
    const char *s = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; "
                    "charset=windows-1251\"></head><body><p>\xCF\xF0\xE8\xE2\xE5\xF2 "
                    "\xEC\xE8\xF0.</p></body></html>";
    expect_charset(s, strlen(s), "windows-1251",
                   "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82");
}

static void test_charset_bom(void **state)
{
    (void)state;
    const char *s = "\xEF\xBB\xBF<html><body><p>\xC3\xA9t\xC3\xA9.</p></body></html>";
    expect_charset(s, strlen(s), "utf-8", "\xC3\xA9t\xC3\xA9.");
    // UTF-16LE with its BOM: "<p>Hi</p>"
    const char u16[] = "\xFF\xFE<\0p\0>\0H\0i\0<\0/\0p\0>\0";
    // Its NUL bytes are UTF-16's own: the BOM is read before the binary check.
    expect_charset(u16, sizeof u16 - 1, "utf-16le", "Hi");
}

static void test_charset_mislabeled_and_undeclared(void **state)
{
    (void)state;
    // Declared Latin-1, but the bytes are valid UTF-8: read as UTF-8.
    const char *s = "<html><head><meta charset=iso-8859-1></head><body><p>Z\xC3\xBCrich "
                    "news.</p></body></html>";
    expect_charset(s, strlen(s), "utf-8", "Z\xC3\xBCrich news.");
    // Nothing declared and not UTF-8: Windows-1252, curly quotes included.
    const char *t = "<html><body><p>\x93Quoted\x94 na\xEFve.</p></body></html>";
    expect_charset(t, strlen(t), "windows-1252",
                   "\xE2\x80\x9CQuoted\xE2\x80\x9D na\xC3\xAFve.");
    // Declared UTF-8 with one stray Latin-1 byte: the rest stays UTF-8.
    const char *u = "<html><head><meta charset=utf-8></head><body><p>Se\xF1or \xE2\x82\xAC "
                    "5.</p></body></html>";
    expect_charset(u, strlen(u), "windows-1252", "Se\xC3\xB1or \xE2\x82\xAC 5.");
}

static void test_charset_unknown_label(void **state)
{
    (void)state;
    const char *s = "<html><head><meta charset=x-no-such-set></head><body><p>Caf\xE9.</p>"
                    "</body></html>";
    expect_charset(s, strlen(s), "windows-1252", "Caf\xC3\xA9.");
}

static void test_html_binary_refused(void **state)
{
    (void)state;
    const char s[] = "<html><body><p>text</p>\0\x01\x02\x03</body></html>";
    precis_page *p = (precis_page *)1;
    assert_int_equal(precis_page_read(s, sizeof s - 1, PRECIS_INPUT_HTML, &p), PRECIS_ERR_BINARY);
    assert_null(p);
}

/* ---- extraction rules -------------------------------------------------------------------- */

static void test_extract_drops_navigation_and_footer(void **state)
{
    (void)state;
    precis_page *p = page_of(
        "<html><body><header><a href=/>Home</a> <a href=/world>World</a></header>"
        "<nav><ul><li><a href=/a>Politics</a></li><li><a href=/b>Sport</a></li></ul></nav>"
        "<div class=\"main-menu\"><a href=/c>Culture section</a></div>"
        "<main><article>" ARTICLE "</article></main>"
        "<footer><p>Copyright 2024 The Harbour Gazette, all rights reserved.</p></footer>"
        "</body></html>");
    expect_in(p, "harbour bridge");
    expect_out(p, "Politics");
    expect_out(p, "Culture section");
    expect_out(p, "Copyright");
    expect_out(p, "Home");
    precis_page_free(p);
}

static void test_extract_drops_cookie_banner_and_share_bar(void **state)
{
    (void)state;
    precis_page *p = page_of(
        "<html><body><div class=\"cookie-banner\"><p>We use cookies to improve your "
        "experience, to show you personalised ads, and to measure traffic.</p></div>"
        "<div class=\"story\"><div class=\"share-tools\"><a href=#>Share on Facebook</a> "
        "<a href=#>Tweet</a></div>" ARTICLE "</div></body></html>");
    expect_in(p, "40 million euros");
    expect_out(p, "cookies");
    expect_out(p, "Share on Facebook");
    precis_page_free(p);
}

static void test_extract_drops_comments_and_related(void **state)
{
    (void)state;
    precis_page *p = page_of(
        "<html><body><div id=\"content\">" ARTICLE
        "<div class=\"related-articles\"><h3>Related</h3><ul><li><a href=/x>Ferry prices rise "
        "again this winter</a></li><li><a href=/y>Harbour festival moves to June</a></li>"
        "</ul></div></div>"
        "<section id=\"comments\"><div class=comment><p>I have waited years for this, and "
        "frankly, the council took far too long, as usual.</p></div></section>"
        "</body></html>");
    expect_in(p, "most of it paid");
    expect_out(p, "Ferry prices");
    expect_out(p, "waited years");
    precis_page_free(p);
}

static void test_extract_drops_captions_and_headline(void **state)
{
    (void)state;
    precis_page *p = page_of(
        "<html><head><title>Harbour bridge to be rebuilt | Gazette</title></head><body>"
        "<article><h1>Harbour bridge to be rebuilt</h1><figure><img src=b.jpg><figcaption>"
        "The bridge in 1950. Photo: archive</figcaption></figure>" ARTICLE "</article>"
        "</body></html>");
    expect_out(p, "Harbour bridge to be rebuilt");
    expect_out(p, "Photo: archive");
    assert_string_equal(p->title, "Harbour bridge to be rebuilt");
    precis_page_free(p);
}

static void test_extract_link_dense_block_dropped(void **state)
{
    (void)state;
    precis_page *p = page_of(
        "<html><body><article>" ARTICLE
        "<p><a href=/1>Read more about the bridge</a>, <a href=/2>the harbour</a> and "
        "<a href=/3>the mayor's plans for the city</a></p></article></body></html>");
    expect_out(p, "Read more");
    expect_in(p, "council added.");
    precis_page_free(p);
}

static void test_extract_best_container_wins(void **state)
{
    (void)state;
    // A sidebar of short teasers against the article: the article's container wins.
    precis_page *p = page_of(
        "<html><body><div class=col><p>Short teaser one about something.</p><p>Short teaser "
        "two, another thing.</p></div><div class=col>" ARTICLE "</div></body></html>");
    expect_in(p, "harbour bridge");
    expect_out(p, "teaser");
    precis_page_free(p);
}

static void test_extract_paragraphs_split_across_containers(void **state)
{
    (void)state;
    // One paragraph per wrapper (as page builders write them): their common ancestor is kept.
    precis_page *p = page_of(
        "<html><body><div class=body>"
        "<div class=blk><p>The city council voted on Tuesday to rebuild the old harbour bridge, "
        "closed since a storm damaged it, officials said, after a long debate.</p></div>"
        "<div class=blk><p>Work will begin in March and should take two years, the mayor said, "
        "calling the decision long overdue, and thanking residents.</p></div>"
        "<div class=blk><p>The project will cost about 40 million euros, mostly paid by the "
        "region, with a toll on lorries, the council added, in a statement.</p></div>"
        "</div></body></html>");
    expect_in(p, "harbour bridge");
    expect_in(p, "begin in March");
    expect_in(p, "40 million");
    precis_page_free(p);
}

static void test_extract_ad_label_dropped(void **state)
{
    (void)state;
    precis_page *p = page_of("<html><body><article>" ARTICLE "<div class=slot><p>Advertisement"
                             "</p></div><p>The council meets again in April to choose a builder, "
                             "and the tender closes at the end of February.</p></article>"
                             "</body></html>");
    expect_out(p, "Advertisement");
    expect_in(p, "tender closes");
    precis_page_free(p);
}

static void test_extract_section_headed_related_dropped(void **state)
{
    (void)state;
    // Other posts in full, under a heading whose class says what they are: not the article,
    // though their container has a neutral name and more text than the article.
    precis_page *p = page_of(
        "<html><body><div class=wrap><article class=post>" ARTICLE "</article>"
        "<article class=post><h3 class=\"related-title\">You may also like</h3>"
        "<div class=post><p>A ferry company has ordered two electric boats for the island route, "
        "its chief executive said, with delivery planned for next year, at last.</p>"
        "<p>The boats will carry 300 passengers each and charge in twenty minutes at the quay, "
        "the company said, adding that fares would not rise, for now.</p></div>"
        "<div class=post><p>Fishermen protested outside the harbour office on Monday against new "
        "quotas, blocking the entrance with their boats for three hours, police said.</p>"
        "<p>The quotas, set in Brussels, cut the catch of cod by a fifth, and the fishermen say "
        "they cannot live on what remains, their union said.</p></div></article></div>"
        "</body></html>");
    expect_in(p, "harbour bridge");
    expect_out(p, "You may also like");
    expect_out(p, "ferry company");
    expect_out(p, "Fishermen");
    precis_page_free(p);
}

static void test_extract_short_page_kept_whole(void **state)
{
    (void)state;
    precis_page *p = page_of("<html><body><p>Short note.</p></body></html>");
    assert_string_equal(p->text, "Short note.");
    precis_page_free(p);
}

static void test_extract_all_script_is_empty(void **state)
{
    (void)state;
    const char *s = "<html><head><script>document.write('x')</script></head><body><script>"
                    "var a = 'only script';</script></body></html>";
    precis_page *p = (precis_page *)1;
    assert_int_equal(precis_page_read(s, strlen(s), PRECIS_INPUT_HTML, &p), PRECIS_ERR_EMPTY);
    assert_null(p);
}

/* ---- metadata ---------------------------------------------------------------------------- */

static void test_meta_json_ld(void **state)
{
    (void)state;
    precis_page *p = page_of(
        "<html><head><script type=\"application/ld+json\">{\"@context\":\"https://schema.org\","
        "\"@graph\":[{\"@type\":\"WebSite\",\"name\":\"Not this\"},{\"@type\":\"NewsArticle\","
        "\"headline\":\"Bridge \\u201cto be\\u201d rebuilt\",\"datePublished\":"
        "\"2024-03-05T09:30:00+01:00\",\"author\":[{\"@type\":\"Person\",\"name\":\"Ana "
        "Ruiz\"},{\"@type\":\"Person\",\"name\":\"Tom Lee\"}],\"publisher\":{\"@type\":"
        "\"Organization\",\"name\":\"Harbour Gazette\"},\"mainEntityOfPage\":{\"@id\":"
        "\"https://gazette.example/bridge\"}}]}</script></head><body>" ARTICLE "</body></html>");
    assert_string_equal(p->title, "Bridge \xE2\x80\x9Cto be\xE2\x80\x9D rebuilt");
    assert_string_equal(p->date, "2024-03-05T09:30:00+01:00");
    assert_string_equal(p->author, "Ana Ruiz, Tom Lee");
    assert_string_equal(p->site, "Harbour Gazette");
    assert_string_equal(p->url, "https://gazette.example/bridge");
    precis_page_free(p);
}

static void test_meta_open_graph_and_canonical(void **state)
{
    (void)state;
    precis_page *p = page_of(
        "<html lang=en-GB><head><title>Bridge rebuilt - Harbour Gazette</title>"
        "<meta property=\"og:title\" content=\"Bridge rebuilt | Harbour Gazette\">"
        "<meta property=\"og:site_name\" content=\"Harbour Gazette\">"
        "<meta property=\"og:url\" content=\"https://gazette.example/og\">"
        "<link rel=\"canonical\" href=\"https://gazette.example/canonical\">"
        "<meta name=\"description\" content=\"The council votes.\">"
        "<meta name=\"author\" content=\"Ana Ruiz\">"
        "<meta property=\"article:published_time\" content=\"2024-03-05T08:30:00+0000\">"
        "</head><body>" ARTICLE "</body></html>");
    assert_string_equal(p->title, "Bridge rebuilt");
    assert_string_equal(p->site, "Harbour Gazette");
    assert_string_equal(p->url, "https://gazette.example/canonical");
    assert_string_equal(p->description, "The council votes.");
    assert_string_equal(p->author, "Ana Ruiz");
    assert_string_equal(p->date, "2024-03-05T08:30:00+00:00");
    assert_string_equal(p->language, "en-GB");
    precis_page_free(p);
}

static void test_meta_time_byline_and_title_tag(void **state)
{
    (void)state;
    precis_page *p = page_of(
        "<html><head><title>Bridge rebuilt | Harbour Gazette</title></head><body><article>"
        "<p class=\"byline\">By Ana Ruiz</p><time datetime=\"2024-03-05\">5 March</time>"
        ARTICLE "</article></body></html>");
    assert_string_equal(p->title, "Bridge rebuilt");
    assert_string_equal(p->author, "Ana Ruiz");
    assert_string_equal(p->date, "2024-03-05");
    assert_null(p->site);
    assert_null(p->url);
    precis_page_free(p);
}

static void test_meta_bad_values_ignored(void **state)
{
    (void)state;
    precis_page *p = page_of(
        "<html><head><meta property=\"article:published_time\" content=\"yesterday\">"
        "<meta property=\"og:url\" content=\"javascript:alert(1)\">"
        "<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"headline\": "
        "</script></head><body><time datetime=\"2024-02-30\">x</time>" ARTICLE
        "</body></html>");
    assert_null(p->date);
    assert_null(p->url);
    precis_page_free(p);
}

/* ---- Markdown ---------------------------------------------------------------------------- */

static void test_markdown_text_only(void **state)
{
    (void)state;
    const char *md = "# Release notes\n\n__Zstandard__, or `zstd`, is *fast*. See "
                     "[the site](https://example.com/z).\n\n![logo](logo.png)\n\n"
                     "```\nmake install\n```\n\n<div>raw html</div>\n\n"
                     "- first item\n- second item\n\n> quoted words\n\n"
                     "| a | b |\n|---|---|\n| 1 | 2 |\n\n## Later heading\n";
    precis_page *p = NULL;
    assert_int_equal(precis_page_read(md, strlen(md), PRECIS_INPUT_MARKDOWN, &p), PRECIS_OK);
    assert_string_equal(p->title, "Release notes");
    assert_string_equal(p->text, "Zstandard, or zstd, is fast. See the site.\n\nfirst item\n\n"
                                 "second item\n\nquoted words\n\nLater heading");
    precis_page_free(p);
}

/* ---- hostile pages ----------------------------------------------------------------------- */

static void test_hostile_unclosed_tags(void **state)
{
    (void)state;
    precis_page *p = page_of("<html><body><div><p>The bridge <b>will <i>be rebuilt, the "
                             "council <span>said on Tuesday<div><p>Another paragraph here");
    expect_in(p, "The bridge will be rebuilt, the council said on Tuesday");
    precis_page_free(p);
}

static void test_hostile_deep_nesting(void **state)
{
    (void)state;
    size_t n = 100000, len = 0;
    char *s = malloc(n * 5 + 64);
    assert_non_null(s);
    len += (size_t)sprintf(s, "<html><body>");
    for (size_t i = 0; i < n; i++, len += 5)
        memcpy(s + len, "<div>", 5);
    len += (size_t)sprintf(s + len, "deep text");
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    precis_page *p = NULL;
    precis_status st = precis_page_read(s, len, PRECIS_INPUT_HTML, &p);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    // Cut at the depth limit: nothing left to read, said clearly, and quickly.
    assert_int_equal(st, PRECIS_ERR_EMPTY);
    assert_true((double)(t1.tv_sec - t0.tv_sec) < 20);
    precis_page_free(p);
    // Deep but under the limit: read whole.
    len = (size_t)sprintf(s, "<html><body>");
    for (size_t i = 0; i < 3000; i++, len += 5)
        memcpy(s + len, "<div>", 5);
    len += (size_t)sprintf(s + len, "deep text");
    assert_int_equal(precis_page_read(s, len, PRECIS_INPUT_HTML, &p), PRECIS_OK);
    assert_string_equal(p->text, "deep text");
    assert_false(p->truncated);
    precis_page_free(p);
    free(s);
}

static void test_hostile_empty_and_blank(void **state)
{
    (void)state;
    precis_page *p = NULL;
    assert_int_equal(precis_page_read("", 0, PRECIS_INPUT_HTML, &p), PRECIS_ERR_EMPTY);
    assert_int_equal(precis_page_read(" \n\t ", 4, PRECIS_INPUT_HTML, &p), PRECIS_ERR_EMPTY);
    assert_int_equal(precis_page_read("<html>", 6, PRECIS_INPUT_AUTO, &p), PRECIS_ERR_EMPTY);
    assert_int_equal(precis_page_read(NULL, 0, PRECIS_INPUT_MARKDOWN, &p), PRECIS_ERR_EMPTY);
    assert_null(p);
}

static void test_text_input_checked_like_the_loader(void **state)
{
    (void)state;
    precis_page *p = NULL;
    assert_int_equal(precis_page_read("ok \xFF", 4, PRECIS_INPUT_TEXT, &p), PRECIS_ERR_UTF8);
    assert_int_equal(precis_page_read("Plain text.", 11, PRECIS_INPUT_AUTO, &p), PRECIS_OK);
    assert_string_equal(p->text, "Plain text.");
    precis_page_free(p);
    precis_page_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_detect_doctype_and_openers),
        cmocka_unit_test(test_detect_tag_density),
        cmocka_unit_test(test_html_entities_decoded),
        cmocka_unit_test(test_html_never_text),
        cmocka_unit_test(test_html_blocks_become_paragraphs),
        cmocka_unit_test(test_charset_meta_latin1),
        cmocka_unit_test(test_charset_http_equiv),
        cmocka_unit_test(test_charset_bom),
        cmocka_unit_test(test_charset_mislabeled_and_undeclared),
        cmocka_unit_test(test_charset_unknown_label),
        cmocka_unit_test(test_html_binary_refused),
        cmocka_unit_test(test_extract_drops_navigation_and_footer),
        cmocka_unit_test(test_extract_drops_cookie_banner_and_share_bar),
        cmocka_unit_test(test_extract_drops_comments_and_related),
        cmocka_unit_test(test_extract_drops_captions_and_headline),
        cmocka_unit_test(test_extract_link_dense_block_dropped),
        cmocka_unit_test(test_extract_best_container_wins),
        cmocka_unit_test(test_extract_paragraphs_split_across_containers),
        cmocka_unit_test(test_extract_ad_label_dropped),
        cmocka_unit_test(test_extract_section_headed_related_dropped),
        cmocka_unit_test(test_extract_short_page_kept_whole),
        cmocka_unit_test(test_extract_all_script_is_empty),
        cmocka_unit_test(test_meta_json_ld),
        cmocka_unit_test(test_meta_open_graph_and_canonical),
        cmocka_unit_test(test_meta_time_byline_and_title_tag),
        cmocka_unit_test(test_meta_bad_values_ignored),
        cmocka_unit_test(test_markdown_text_only),
        cmocka_unit_test(test_hostile_unclosed_tags),
        cmocka_unit_test(test_hostile_deep_nesting),
        cmocka_unit_test(test_hostile_empty_and_blank),
        cmocka_unit_test(test_text_input_checked_like_the_loader),
    };
    return cmocka_run_group_tests_name("html", tests, NULL, NULL);
}
