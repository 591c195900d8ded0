/* Stage 2: precis_split_document() turns a document into paragraphs and sentence spans. Every
 * expectation here is written out by hand; assert_split() compares the exact bytes of each span
 * (text + off, len), so offsets and lengths are checked too. */
#include "internal.h"

#include "helpers.h"

#include <time.h>

/* ---- abbreviations ---------------------------------------------------------------------- */

static void test_split_keeps_titles(void **state)
{
    (void)state;
    assert_split("Mr. Smith went to Washington. He arrived late.", "Mr. Smith went to Washington.",
                 "He arrived late.");
    assert_split("Dr. Jones and Mrs. Jones left early.", "Dr. Jones and Mrs. Jones left early.");
    assert_split("Gen. Valery Gerasimov attended the parade.",
                 "Gen. Valery Gerasimov attended the parade.");
    assert_split("The order came from Lt. Gen. Smith himself.",
                 "The order came from Lt. Gen. Smith himself.");
    assert_split("Adm. Nikolai Yevmenov showed Kim the fleet.",
                 "Adm. Nikolai Yevmenov showed Kim the fleet.");
    assert_split("Gov. Oleg Kozhemyako said he plans to meet Kim.",
                 "Gov. Oleg Kozhemyako said he plans to meet Kim.");
}

static void test_split_keeps_abbreviations_after_opener(void **state)
{
    (void)state;
    assert_split("The envoy (Gen. Ri Yong Gil) spoke first.",
                 "The envoy (Gen. Ri Yong Gil) spoke first.");
}

static void test_split_keeps_lowercase_abbreviation(void **state)
{
    (void)state;
    // Abbreviations are looked up as written and capitalized: "gen." is "Gen."
    assert_split("He met the gen. Smith on Monday.", "He met the gen. Smith on Monday.");
}

static void test_split_keeps_dotted_abbreviations(void **state)
{
    (void)state;
    assert_split("The U.S. Navy sailed on Friday.", "The U.S. Navy sailed on Friday.");
    assert_split("The U.N. Security Council met on Monday.",
                 "The U.N. Security Council met on Monday.");
    assert_split("Sanctions hit the U.S.-led coalition hard.",
                 "Sanctions hit the U.S.-led coalition hard.");
}

static void test_split_keeps_date_and_number_abbreviations(void **state)
{
    (void)state;
    assert_split("On Jan. 5 the talks began.", "On Jan. 5 the talks began.");
    assert_split("Talks began on Sept. 13 in Vostochny.", "Talks began on Sept. 13 in Vostochny.");
    assert_split("He wore No. 5 on his shirt.", "He wore No. 5 on his shirt.");
    assert_split("See Fig. 3 for details.", "See Fig. 3 for details.");
}

static void test_split_keeps_latin_abbreviations(void **state)
{
    (void)state;
    assert_split("Some weapons, e.g. Missiles and shells, were shown.",
                 "Some weapons, e.g. Missiles and shells, were shown.");
    assert_split("Some weapons, e.g., missiles, were shown.",
                 "Some weapons, e.g., missiles, were shown.");
    assert_split("The allies, i.e. The United States and Japan, objected.",
                 "The allies, i.e. The United States and Japan, objected.");
    assert_split("We met at 9 a.m. and left at noon.", "We met at 9 a.m. and left at noon.");
}

static void test_split_maybe_final_abbreviation_before_function_word(void **state)
{
    (void)state;
    assert_split("He lives in the U.S. The weather there is nice.", "He lives in the U.S.",
                 "The weather there is nice.");
    assert_split("He works for Acme Inc. He likes it.", "He works for Acme Inc.", "He likes it.");
    assert_split("The meeting ended at 10 a.m. But the talks go on.",
                 "The meeting ended at 10 a.m.", "But the talks go on.");
}

static void test_split_maybe_final_abbreviation_before_name(void **state)
{
    (void)state;
    // "Chairman" is not a function word: nothing makes a new sentence clear.
    assert_split("Acme Inc. Chairman John Doe resigned.", "Acme Inc. Chairman John Doe resigned.");
    assert_split("Talks in the U.S. Capitol ended.", "Talks in the U.S. Capitol ended.");
}

static void test_split_maybe_final_abbreviation_at_paragraph_end(void **state)
{
    (void)state;
    assert_split("He moved to the U.S.\n\nThen he left.", "He moved to the U.S.", "Then he left.");
    assert_split("He moved to the U.S.", "He moved to the U.S.");
}

static void test_split_lowercase_word_is_not_an_abbreviation(void **state)
{
    (void)state;
    // "No" (number) and "Art" (article) are abbreviations only as written; the ordinary words
    // "no" and "art" end sentences.
    assert_split("The answer was no. Then he left.", "The answer was no.", "Then he left.");
    assert_split("She loves modern art. The critics agree.", "She loves modern art.",
                 "The critics agree.");
}

static void test_split_keeps_initials(void **state)
{
    (void)state;
    assert_split("J. R. R. Tolkien wrote.", "J. R. R. Tolkien wrote.");
    assert_split("The book by J.R.R. Tolkien sold well.", "The book by J.R.R. Tolkien sold well.");
    assert_split("George W. Bush spoke. Then he left.", "George W. Bush spoke.", "Then he left.");
}

static void test_split_more_boundaries(void **state)
{
    (void)state;
    assert_split("It rose. 5 people died.", "It rose.", "5 people died.");
    assert_split("He left. \"Why?\" she asked.", "He left.", "\"Why?\" she asked.");
    assert_split("He said 'go.' Then he left.", "He said 'go.'", "Then he left.");
    assert_split("He scored 3. Then he left.", "He scored 3.", "Then he left.");
    assert_split("Martin Luther King Jr. He was a preacher.", "Martin Luther King Jr.",
                 "He was a preacher.");
    assert_split("It is Martin Luther King Jr. Day today.",
                 "It is Martin Luther King Jr. Day today.");
    assert_split("The talks end at 5 p.m. Monday in Moscow.",
                 "The talks end at 5 p.m. Monday in Moscow.");
}

static void test_split_exclamation_inside_quotation(void **state)
{
    (void)state;
    assert_split("\"Stop! Now!\" he shouted.", "\"Stop! Now!\" he shouted.");
    assert_split("\"Why? Tell me,\" he said.", "\"Why? Tell me,\" he said.");
}

static void test_split_quotation_then_new_quotation(void **state)
{
    (void)state;
    assert_split("\"It is over. We lost,\" he said. \"But we will be back.\"",
                 "\"It is over. We lost,\" he said.", "\"But we will be back.\"");
    assert_split("He said\xE2\x80\x94\"Go home.\" Then he left.",
                 "He said\xE2\x80\x94\"Go home.\"", "Then he left.");
}

static void test_split_stray_quote_does_not_pair_with_next_quotation(void **state)
{
    (void)state;
    // The first '"' is never closed; the second clearly opens a new quotation (a space before
    // it, a letter after it), so the two must not be taken as one quotation.
    assert_split("He said \"hi. Then she said \"Go home.\" Now he left.", "He said \"hi.",
                 "Then she said \"Go home.\"", "Now he left.");
}

static void test_split_many_quotations_in_one_paragraph(void **state)
{
    (void)state;
    // Quotations are protected however many a paragraph holds (a whole article on one line).
    size_t len;
    char *text = test_repeat("\"No. Not yet. Maybe later,\" he said. ", 70, &len);
    precis_sents s;
    test_split(text, &s);
    size_t n = s.n;
    if (n != 70) {
        for (size_t i = 0; i < s.n; i++)
            if (s.v[i].len != len / 70 - 1) {
                print_error("first wrong sentence [%zu]: \"%.*s\"\n", i, (int)s.v[i].len,
                            text + s.v[i].off);
                break;
            }
    }
    free(s.v);
    free(text);
    assert_int_equal(n, 70);
}

static void test_split_single_capital_before_function_word(void **state)
{
    (void)state;
    // A single capital is an initial before a name, but not before "The".
    assert_split("The team plays in Group C. The draw was held on Friday.",
                 "The team plays in Group C.", "The draw was held on Friday.");
}

/* ---- numbers and ellipses ---------------------------------------------------------------- */

static void test_split_keeps_decimals(void **state)
{
    (void)state;
    assert_split("Growth was 3.5 percent. Prices rose.", "Growth was 3.5 percent.",
                 "Prices rose.");
    assert_split("It cost $1.25 million in 2023.", "It cost $1.25 million in 2023.");
}

static void test_split_keeps_domain_names(void **state)
{
    (void)state;
    assert_split("Read it on Rappler.com today.", "Read it on Rappler.com today.");
}

static void test_split_keeps_ellipsis_before_lowercase(void **state)
{
    (void)state;
    assert_split("He paused... then went on.", "He paused... then went on.");
    assert_split("He paused\xE2\x80\xA6 then went on.", "He paused\xE2\x80\xA6 then went on.");
}

static void test_split_keeps_unicode_ellipsis_before_capital(void **state)
{
    (void)state;
    assert_split("He paused\xE2\x80\xA6 Then he went on.",
                 "He paused\xE2\x80\xA6 Then he went on.");
}

static void test_split_keeps_dotted_ellipsis_before_capital(void **state)
{
    (void)state;
    // "..." is the same mark as "\u2026" and must behave the same way.
    assert_split("He paused... Then he went on.", "He paused... Then he went on.");
}

static void test_split_four_dots_end_a_sentence(void **state)
{
    (void)state;
    // An ellipsis and the sentence's own full stop.
    assert_split("We never agreed to that.... The talks ended.", "We never agreed to that....",
                 "The talks ended.");
}

static void test_split_spaced_ellipsis_stays_inside(void **state)
{
    (void)state;
    assert_split("The minister said the plan . . . would be ready in May.",
                 "The minister said the plan . . . would be ready in May.");
    assert_split("He hesitated . . . We waited for him.",
                 "He hesitated . . . We waited for him.");
    assert_split("She stopped there . . . . Nobody spoke.", "She stopped there . . . .",
                 "Nobody spoke.");
}

static void test_split_spaced_ellipsis_opens_next_sentence(void **state)
{
    (void)state;
    // "word." ends the sentence; the spaced ellipsis marks words left out of the next one.
    assert_split("The report was filed. . . . Its authors were never named.",
                 "The report was filed.", ". . . Its authors were never named.");
    assert_split("The report was filed. . . .", "The report was filed. . . .");
}

/* ---- list items ------------------------------------------------------------------------- */

static void test_split_numbered_items(void **state)
{
    (void)state;
    assert_split("1. Raise the budget 2. Cut the deficit", "1. Raise the budget",
                 "2. Cut the deficit");
    assert_split("3.) Ban the import. 4.) Tax the export.", "3.) Ban the import.",
                 "4.) Tax the export.");
    assert_split("1) Raise the budget 2) Cut the deficit 3) Hold the vote",
                 "1) Raise the budget", "2) Cut the deficit", "3) Hold the vote");
}

static void test_split_lettered_and_bulleted_items(void **state)
{
    (void)state;
    assert_split("a. Open the valve b. Close the gate", "a. Open the valve", "b. Close the gate");
    assert_split("\xE2\x80\xA2 7. Open the valve \xE2\x80\xA2 8. Close the gate",
                 "\xE2\x80\xA2 7. Open the valve", "\xE2\x80\xA2 8. Close the gate");
    assert_split("\xE2\x80\xA2 Open the valve \xE2\x80\xA2 Close the gate",
                 "\xE2\x80\xA2 Open the valve", "\xE2\x80\xA2 Close the gate");
}

static void test_split_items_need_a_sequence(void **state)
{
    (void)state;
    // A number out of sequence is text, not the next item; a marker only counts at the
    // paragraph's start.
    assert_split("1. Raise the budget by 5 percent and 7. Then vote.",
                 "1. Raise the budget by 5 percent and 7.", "Then vote.");
    assert_split("He finished 2. Then he left the race.", "He finished 2.",
                 "Then he left the race.");
}

static void test_split_title_after_time_abbreviation(void **state)
{
    (void)state;
    assert_split("The vote closed at 8 p.m. Mr. Lee conceded an hour later.",
                 "The vote closed at 8 p.m.", "Mr. Lee conceded an hour later.");
    // No predicate yet: an opening phrase.
    assert_split("At 8 p.m. Mr. Lee conceded.", "At 8 p.m. Mr. Lee conceded.");
    assert_split("The U.S. Gen. Milley spoke.", "The U.S. Gen. Milley spoke.");
}

static void test_split_number_sign_abbreviation(void **state)
{
    (void)state;
    assert_split("The file is N\xC2\xB0. 88.120.7. It was sealed.", "The file is N\xC2\xB0. 88.120.7.",
                 "It was sealed.");
}

/* ---- ? ! and quotations ------------------------------------------------------------------ */

static void test_split_on_question_and_exclamation(void **state)
{
    (void)state;
    assert_split("Is it true? Yes! It is.", "Is it true?", "Yes!", "It is.");
    assert_split("Really?! No way.", "Really?!", "No way.");
}

static void test_split_no_split_before_lowercase(void **state)
{
    (void)state;
    assert_split("What now? he wondered.", "What now? he wondered.");
}

static void test_split_after_closing_quote(void **state)
{
    (void)state;
    assert_split("\"Go home.\" Then he left.", "\"Go home.\"", "Then he left.");
    assert_split("He said: \"Go home.\" Then he left.", "He said: \"Go home.\"", "Then he left.");
}

static void test_split_question_in_quote_before_lowercase(void **state)
{
    (void)state;
    assert_split("\"Why?\" he asked.", "\"Why?\" he asked.");
    assert_split("\"Why?\" he asked. Nobody knew.", "\"Why?\" he asked.", "Nobody knew.");
}

static void test_split_keeps_quotation_whole(void **state)
{
    (void)state;
    assert_split("\"No. Not yet. Maybe later,\" he said.",
                 "\"No. Not yet. Maybe later,\" he said.");
    assert_split("\"I came. I saw,\" he said. It was over.", "\"I came. I saw,\" he said.",
                 "It was over.");
}

static void test_split_quotation_ending_in_full_stop(void **state)
{
    (void)state;
    assert_split("\"I came. I saw.\" He left.", "\"I came. I saw.\"", "He left.");
}

static void test_split_curly_quotes(void **state)
{
    (void)state;
    assert_split("\xE2\x80\x9CNo. Not yet. Maybe later,\xE2\x80\x9D he said.",
                 "\xE2\x80\x9CNo. Not yet. Maybe later,\xE2\x80\x9D he said.");
    assert_split("\xE2\x80\x9CGo home.\xE2\x80\x9D Then he left.",
                 "\xE2\x80\x9CGo home.\xE2\x80\x9D", "Then he left.");
    assert_split("Peskov said: \xE2\x80\x9CNo, not planned yet. There are no such plans "
                 "yet.\xE2\x80\x9D He did not elaborate.",
                 "Peskov said: \xE2\x80\x9CNo, not planned yet. There are no such plans "
                 "yet.\xE2\x80\x9D",
                 "He did not elaborate.");
}

static void test_split_single_curly_quotes(void **state)
{
    (void)state;
    // British style: quotations in U+2018/U+2019, which also serves as the apostrophe.
    assert_split("\xE2\x80\x98I came. I saw,\xE2\x80\x99 he said.",
                 "\xE2\x80\x98I came. I saw,\xE2\x80\x99 he said.");
    assert_split("\xE2\x80\x98Kim\xE2\x80\x99s visit. It matters,\xE2\x80\x99 he said. "
                 "Then he left.",
                 "\xE2\x80\x98Kim\xE2\x80\x99s visit. It matters,\xE2\x80\x99 he said.",
                 "Then he left.");
}

static void test_split_wire_quotation_marks(void **state)
{
    (void)state;
    // ``...'' is wire text's quotation: its sentences and its attribution stay one unit.
    assert_split("The minister spoke. ``Nobody should meddle in our affairs. It harms the "
                 "country,'' he said. Then he left.",
                 "The minister spoke.",
                 "``Nobody should meddle in our affairs. It harms the country,'' he said.",
                 "Then he left.");
    assert_split("``We lost two players. But the team held on.'' The coach smiled.",
                 "``We lost two players. But the team held on.''", "The coach smiled.");
    // A lone pair of apostrophes or grave accents pairs with nothing.
    assert_split("It isn't over. ``It is. The end. Then we go.",
                 "It isn't over.", "``It is.", "The end.", "Then we go.");
}

static void test_split_german_quotation_marks(void **state)
{
    (void)state;
    assert_split("Sie sagte: \xE2\x80\x9EWir bleiben. Wir k\xC3\xA4mpfen.\xE2\x80\x9C Dann ging sie.",
                 "Sie sagte: \xE2\x80\x9EWir bleiben. Wir k\xC3\xA4mpfen.\xE2\x80\x9C",
                 "Dann ging sie.");
}

static void test_split_guillemets(void **state)
{
    (void)state;
    assert_split("He said \xC2\xABGo. Now.\xC2\xBB Then he left.",
                 "He said \xC2\xABGo. Now.\xC2\xBB", "Then he left.");
}

static void test_split_unbalanced_quote_does_not_swallow(void **state)
{
    (void)state;
    assert_split("He said \"hello. Then he left. Later he returned.", "He said \"hello.",
                 "Then he left.", "Later he returned.");
    assert_split("He said \xE2\x80\x9Chello. Then he left. Later he returned.",
                 "He said \xE2\x80\x9Chello.", "Then he left.", "Later he returned.");
}

static void test_split_inch_mark_is_not_a_quote(void **state)
{
    (void)state;
    assert_split("He is 6'2\" tall. She is not.", "He is 6'2\" tall.", "She is not.");
}

static void test_split_after_closing_parenthesis(void **state)
{
    (void)state;
    assert_split("He left (quietly.) Then she came.", "He left (quietly.)", "Then she came.");
    assert_split("Kim arrived (see below). Putin waited.", "Kim arrived (see below).",
                 "Putin waited.");
}

/* ---- scripts without spaces -------------------------------------------------------------- */

static void test_split_cjk_full_stops(void **state)
{
    (void)state;
    // "今天下雨。明天晴天！你好吗？"
    assert_split("\xE4\xBB\x8A\xE5\xA4\xA9\xE4\xB8\x8B\xE9\x9B\xA8\xE3\x80\x82"
                 "\xE6\x98\x8E\xE5\xA4\xA9\xE6\x99\xB4\xE5\xA4\xA9\xEF\xBC\x81"
                 "\xE4\xBD\xA0\xE5\xA5\xBD\xE5\x90\x97\xEF\xBC\x9F",
                 "\xE4\xBB\x8A\xE5\xA4\xA9\xE4\xB8\x8B\xE9\x9B\xA8\xE3\x80\x82",
                 "\xE6\x98\x8E\xE5\xA4\xA9\xE6\x99\xB4\xE5\xA4\xA9\xEF\xBC\x81",
                 "\xE4\xBD\xA0\xE5\xA5\xBD\xE5\x90\x97\xEF\xBC\x9F");
}

static void test_split_cjk_quotation(void **state)
{
    (void)state;
    // "他说：「好。」然后走了。": the full stop inside the corner brackets ends the sentence.
    assert_split("\xE4\xBB\x96\xE8\xAF\xB4\xEF\xBC\x9A\xE3\x80\x8C\xE5\xA5\xBD\xE3\x80\x82"
                 "\xE3\x80\x8D\xE7\x84\xB6\xE5\x90\x8E\xE8\xB5\xB0\xE4\xBA\x86\xE3\x80\x82",
                 "\xE4\xBB\x96\xE8\xAF\xB4\xEF\xBC\x9A\xE3\x80\x8C\xE5\xA5\xBD\xE3\x80\x82"
                 "\xE3\x80\x8D",
                 "\xE7\x84\xB6\xE5\x90\x8E\xE8\xB5\xB0\xE4\xBA\x86\xE3\x80\x82");
}

static void test_split_cjk_stop_then_space(void **state)
{
    (void)state;
    assert_split("\xE5\xA5\xBD\xE3\x80\x82 \xE5\x9D\x8F\xE3\x80\x82", "\xE5\xA5\xBD\xE3\x80\x82",
                 "\xE5\x9D\x8F\xE3\x80\x82");
}

static void test_split_cjk_title_marks(void **state)
{
    (void)state;
    // An exclamation mark inside a title's marks does not end the sentence around it.
    assert_split("他读了《你好！世界》这本书。很好。", "他读了《你好！世界》这本书。", "很好。");
}

static void test_split_full_width_decimal(void **state)
{
    (void)state;
    assert_split("価格は３．５％上がった。翌日も。", "価格は３．５％上がった。", "翌日も。");
    // Not between digits, the full-width full stop ends a sentence.
    assert_split("価格は３．翌日も。", "価格は３．", "翌日も。");
}

static void test_split_german_quotes(void **state)
{
    (void)state;
    // "\u201E...\u201C": the closing mark is the English opening one.
    assert_split("„Wir fahren heute.“ Dann schlief er.", "„Wir fahren heute.“", "Dann schlief er.");
    assert_split("Sie rief: „Ja. Nein.“ Er ging.", "Sie rief: „Ja. Nein.“", "Er ging.");
}

/* ---- lines and paragraphs ---------------------------------------------------------------- */

/* Paragraph numbers of the sentences of 'text', as a string of digits ("0012"). */
static void check_paras(const char *text, const char *want, int line)
{
    precis_sents s;
    test_split(text, &s);
    char got[64] = "";
    for (size_t i = 0; i < s.n && i + 1 < sizeof got; i++)
        got[i] = (char)('0' + (s.v[i].para % 10));
    got[s.n < sizeof got ? s.n : sizeof got - 1] = '\0';
    if (strcmp(got, want) != 0) {
        print_error("paragraphs of \"%s\": got \"%s\", expected \"%s\"\n", text, got, want);
        test_print_sents(text, &s);
        free(s.v);
        _fail(__FILE__, line);
    }
    free(s.v);
}

/* Chinese and Japanese wrap between any two characters, with no space at the break: a CJK line
 * that ends no sentence before a line of CJK text carries on its sentence. Not a heading: a
 * short line first in its block stays apart, unless it stops at a comma. */
#define ZH_HEAD "\xE6\x96\xB0\xE7\x9A\x84\xE7\xBB\x88\xE7\xAB\xAF\xE7\xA8\x8B\xE5\xBA\x8F"                         // "新的终端程序"
#define ZH_A "\xE8\xBF\x99\xE4\xB8\xAA\xE9\xA1\xB9\xE7\x9B\xAE\xE4\xB8\xBA\xE5\xB0\x8F\xE5\x9E\x8B\xE6\x9C\x8D\xE5\x8A\xA1\xE5\x99\xA8\xE6\x8F\x90\xE4\xBE\x9B\xE4\xBA\x86\xE4\xB8\x80\xE4\xB8\xAA\xE5\x9F\xBA\xE4\xBA\x8E" // "这个项目为小型服务器提供了一个基于"
#define ZH_B "\xE5\xAD\x97\xE7\xAC\xA6\xE7\x9A\x84\xE7\x99\xBB\xE5\xBD\x95\xE6\x8F\x90\xE7\xA4\xBA\xE7\xAC\xA6\xEF\xBC\x8C\xE7\x94\xA8\xE6\x88\xB7\xE5\x8F\xAF\xE4\xBB\xA5\xE7\x9B\xB4\xE6\x8E\xA5\xE8\xBE\x93\xE5\x85\xA5\xE5\x91\xBD\xE4\xBB\xA4\xE3\x80\x82" // "字符的登录提示符，用户可以直接输入命令。"
#define ZH_C "\xE5\xAE\x83\xE8\xBF\x98\xE6\x94\xAF\xE6\x8C\x81\xE5\xA4\x9A\xE7\xA7\x8D\xE8\xAF\xAD\xE8\xA8\x80\xE7\x9A\x84\xE7\x95\x8C\xE9\x9D\xA2\xE5\x92\x8C\xE7\xAE\x80\xE5\x8D\x95\xE7\x9A\x84\xE9\x85\x8D\xE7\xBD\xAE\xE6\x96\x87\xE4\xBB\xB6\xE3\x80\x82" // "它还支持多种语言的界面和简单的配置文件。"

static void test_split_joins_wrapped_cjk_lines(void **state)
{
    (void)state;
    const char *text = ZH_HEAD "\n" ZH_A "\n" ZH_B "\n" ZH_C "\n";
    assert_split(text, ZH_HEAD, ZH_A "\n" ZH_B, ZH_C);
    check_paras(text, "012", __LINE__);
    // The same under a blank line, and with every line indented.
    assert_split(ZH_HEAD "\n\n" ZH_A "\n" ZH_B "\n", ZH_HEAD, ZH_A "\n" ZH_B);
    assert_split("  " ZH_A "\n  " ZH_B "\n", ZH_A "\n  " ZH_B);
    // "速報\nこのエディタは軽量で、\n起動がとても速いことが特徴です。": the comma says the short line goes on.
    assert_split("\xE9\x80\x9F\xE5\xA0\xB1\n\xE3\x81\x93\xE3\x81\xAE\xE3\x82\xA8\xE3\x83\x87\xE3\x82\xA3\xE3\x82\xBF\xE3\x81\xAF\xE8\xBB\xBD\xE9\x87\x8F\xE3\x81\xA7\xE3\x80\x81\n\xE8\xB5\xB7\xE5\x8B\x95\xE3\x81\x8C\xE3\x81\xA8\xE3\x81\xA6\xE3\x82\x82\xE9\x80\x9F\xE3\x81\x84\xE3\x81\x93\xE3\x81\xA8\xE3\x81\x8C\xE7\x89\xB9\xE5\xBE\xB4\xE3\x81\xA7\xE3\x81\x99\xE3\x80\x82\n",
                 "\xE9\x80\x9F\xE5\xA0\xB1", "\xE3\x81\x93\xE3\x81\xAE\xE3\x82\xA8\xE3\x83\x87\xE3\x82\xA3\xE3\x82\xBF\xE3\x81\xAF\xE8\xBB\xBD\xE9\x87\x8F\xE3\x81\xA7\xE3\x80\x81\n\xE8\xB5\xB7\xE5\x8B\x95\xE3\x81\x8C\xE3\x81\xA8\xE3\x81\xA6\xE3\x82\x82\xE9\x80\x9F\xE3\x81\x84\xE3\x81\x93\xE3\x81\xA8\xE3\x81\x8C\xE7\x89\xB9\xE5\xBE\xB4\xE3\x81\xA7\xE3\x81\x99\xE3\x80\x82");
}

static void test_split_cjk_heading_stays_alone(void **state)
{
    (void)state;
    // A heading as wide as the body is still one when a blank line follows it; without one,
    // a short heading over the body (under three quarters of the widest line) stays apart.
    check_paras(ZH_HEAD "\n" ZH_B "\n" ZH_C "\n", "012", __LINE__);
    check_paras(ZH_A "\n\n" ZH_B "\n", "01", __LINE__);
}

/* Breaks that the output form joins are marked on the sentence that holds them (the renderer
 * and the tokenizer read those sentences in their output form), and the words hyphenated at a
 * line's end are counted, so that a corpus without any is never searched for their spellings. */
static void test_split_marks_joined_breaks(void **state)
{
    (void)state;
    const char *text = "The figures were sup-\nplied by the council. It met on Monday and\n"
                       "again on Friday.\n";
    precis_sents s;
    test_split(text, &s);
    assert_int_equal(s.n, 2);
    assert_int_equal(s.v[0].line_join, PRECIS_BREAK_HYPHEN);
    assert_int_equal(s.v[1].line_join, 0);
    assert_int_equal(s.n_hyphen_breaks, 1);
    free(s.v);
    test_split(ZH_A "\n" ZH_B "\n" ZH_C "\n", &s);
    assert_int_equal(s.n, 2);
    assert_int_equal(s.v[0].line_join, PRECIS_BREAK_CJK);
    assert_int_equal(s.v[1].line_join, 0);
    assert_int_equal(s.n_hyphen_breaks, 0);
    free(s.v);
}

static void test_split_hyphen_at_line_end_continues(void **state)
{
    (void)state;
    // In hard-wrapped text a line shorter than the others ends its paragraph, unless it ends
    // in a word hyphenated across the break.
    const char *text = "The quick brown fox jumps over the lazy dog near the river bank today\n"
                       "and then it runs into the for-\n"
                       "est where nobody can find it again. Hunters searched the woods for\n"
                       "many days but they returned empty handed because the fox was clever\n"
                       "and knew every hidden path there.\n";
    check_paras(text, "00", __LINE__);
}

static void test_split_crlf_lines(void **state)
{
    (void)state;
    const char *text = "One sentence here.\r\nAnother one here.\r\n";
    assert_split(text, "One sentence here.", "Another one here.");
    check_paras(text, "01", __LINE__);
}

static void test_split_lone_cr_lines(void **state)
{
    (void)state;
    const char *text = "First line here.\rSecond line here.\r";
    assert_split(text, "First line here.", "Second line here.");
    check_paras(text, "01", __LINE__);
}

static void test_split_crlf_blank_line(void **state)
{
    (void)state;
    const char *text = "Para one.\r\n\r\nPara two.\r\n";
    assert_split(text, "Para one.", "Para two.");
    check_paras(text, "01", __LINE__);
}

static void test_split_blank_line_paragraphs(void **state)
{
    (void)state;
    const char *text = "A one. A two.\n\nB one.\n\n\n   \nC one. C two. C three.\n";
    assert_split(text, "A one.", "A two.", "B one.", "C one.", "C two.", "C three.");
    check_paras(text, "001222", __LINE__);
}

static void test_split_paragraph_flags(void **state)
{
    (void)state;
    const char *text = "A one. A two.\n\nB one.\n\nC one. C two. C three.\n";
    precis_sents s;
    test_split(text, &s);
    assert_int_equal(s.n, 6);
    const bool first[] = {true, false, true, true, false, false};
    const bool last[] = {false, true, true, false, false, true};
    for (size_t i = 0; i < s.n; i++) {
        assert_int_equal(s.v[i].para_first, first[i]);
        assert_int_equal(s.v[i].para_last, last[i]);
        assert_int_equal(s.v[i].index, i);
        assert_int_equal(s.v[i].doc, 0);
    }
    // The paragraph span of "C two." is the whole third paragraph.
    assert_int_equal(s.v[4].line_off, strstr(text, "C one") - text);
    assert_int_equal(s.v[4].line_len, strlen("C one. C two. C three."));
    free(s.v);
}

static void test_split_one_paragraph_per_line(void **state)
{
    (void)state;
    const char *text = "First paragraph, first sentence. Its second sentence.\n"
                       "Second paragraph is a single sentence.\n"
                       "Third paragraph here.\n";
    assert_split(text, "First paragraph, first sentence.", "Its second sentence.",
                 "Second paragraph is a single sentence.", "Third paragraph here.");
    check_paras(text, "0012", __LINE__);
}

static void test_split_joins_line_continued_in_lowercase(void **state)
{
    (void)state;
    const char *text = "The minister said that the talks\n"
                       "would resume next week.\n"
                       "Another paragraph starts here.\n";
    assert_split(text, "The minister said that the talks\nwould resume next week.",
                 "Another paragraph starts here.");
    check_paras(text, "01", __LINE__);
}

static void test_split_joins_long_line_cut_before_name(void **state)
{
    (void)state;
    // A long line that stops on a lower-case word was cut mid-sentence, even though the next
    // line starts with a capital.
    const char *text = "North Korean leader Kim Jong Un discussed military cooperation with the\n"
                       "Russian defense minister on Sunday.\n";
    assert_split(text, "North Korean leader Kim Jong Un discussed military cooperation with the\n"
                       "Russian defense minister on Sunday.");
}

static void test_split_joins_hard_wrapped_text(void **state)
{
    (void)state;
    const char *text = "The quick brown fox jumps over the lazy dog near the river bank today\n"
                       "and then it runs far away into the deep forest where nobody can find\n"
                       "it again. Hunters searched the woods for many days but they returned\n"
                       "Empty handed because the fox was clever and knew every hidden path\n"
                       "there. In the end everyone agreed that the fox had won the game.\n";
    assert_split(text,
                 "The quick brown fox jumps over the lazy dog near the river bank today\n"
                 "and then it runs far away into the deep forest where nobody can find\n"
                 "it again.",
                 "Hunters searched the woods for many days but they returned\n"
                 "Empty handed because the fox was clever and knew every hidden path\n"
                 "there.",
                 "In the end everyone agreed that the fox had won the game.");
    check_paras(text, "000", __LINE__);
}

static void test_split_hard_wrapped_paragraphs_stay_apart(void **state)
{
    (void)state;
    const char *text = "The quick brown fox jumps over the lazy dog near the river bank today\n"
                       "and then it runs far away into the deep forest where nobody can\n"
                       "find it.\n"
                       "\n"
                       "Hunters searched the woods for many days but they returned empty\n"
                       "handed because the fox was clever and knew every hidden path in\n"
                       "the woods.\n";
    check_paras(text, "01", __LINE__);
}

static void test_split_headline_stays_alone(void **state)
{
    (void)state;
    const char *text = "Kim Meets Shoigu In Russia\n"
                       "North Korean leader Kim Jong Un met the Russian defense minister.\n"
                       "He inspected bombers.\n";
    assert_split(text, "Kim Meets Shoigu In Russia",
                 "North Korean leader Kim Jong Un met the Russian defense minister.",
                 "He inspected bombers.");
    check_paras(text, "012", __LINE__);
}

static void test_split_headline_with_colon_line(void **state)
{
    (void)state;
    // A line ending in ':' introduces what follows but is not continued by it.
    const char *text = "He said the following:\nThe talks are over.\n";
    assert_split(text, "He said the following:", "The talks are over.");
}

/* ---- news furniture ---------------------------------------------------------------------- */

static void test_split_cuts_dateline_with_region(void **state)
{
    (void)state;
    const char *text = "SEOUL, South Korea \xE2\x80\x93 North Korean leader Kim Jong Un discussed "
                       "practical issues with Russia.";
    precis_sents s;
    test_split(text, &s);
    assert_int_equal(s.n, 1);
    assert_int_equal(s.v[0].off, strstr(text, "North") - text);
    assert_int_equal(s.v[0].off + s.v[0].len, strlen(text));
    free(s.v);
}

static void test_split_cuts_wire_underscore_datelines(void **state)
{
    (void)state;
    assert_split("OSLO, Norway (AP) _ The ferry sank near the coast on Monday night. Ten died.",
                 "The ferry sank near the coast on Monday night.", "Ten died.");
    assert_split("BERLIN _ The coalition agreed on a budget late on Tuesday.",
                 "The coalition agreed on a budget late on Tuesday.");
    // A paragraph that carries on the story opens with a lone '_'.
    assert_split("_ A new rail line would open in the spring of next year.",
                 "A new rail line would open in the spring of next year.");
    // Inside a sentence '_' is a dash.
    assert_split("The plan _ and it took months _ finally passed.",
                 "The plan _ and it took months _ finally passed.");
    // A slug before the dateline, a '_' that touches the story, a province after the place.
    assert_split("FERRY-SINKING _ OSLO _ The ferry sank near the coast on Monday night.",
                 "The ferry sank near the coast on Monday night.");
    assert_split("OSLO, Norway (AP) _Rescuers found the ferry near the coast on Monday.",
                 "Rescuers found the ferry near the coast on Monday.");
    assert_split("HAIKOU (Hainan), May 2 (Xinhua) -- The port will open a new ferry line.",
                 "The port will open a new ferry line.");
}

static void test_split_title_used_as_a_name(void **state)
{
    (void)state;
    // "Sen" is a title, but the document also uses it bare, as part of a name.
    assert_split("Aides feared Prime Minister Hun Sen. Hun Sen said nothing on Monday.",
                 "Aides feared Prime Minister Hun Sen.", "Hun Sen said nothing on Monday.");
    // No bare use: a title before a name.
    assert_split("Aides feared Prime Minister Hun Sen. Kerry said nothing.",
                 "Aides feared Prime Minister Hun Sen. Kerry said nothing.");
}

static void test_split_company_abbreviation_ends_a_name(void **state)
{
    (void)state;
    assert_split("The deal joins Alpha, Beta and Gamma Corp. Alpha, the biggest, agreed.",
                 "The deal joins Alpha, Beta and Gamma Corp.", "Alpha, the biggest, agreed.");
    // The name is its clause's subject, or a day follows it: the sentence goes on.
    assert_split("In a statement, Gamma Corp. Chief Executive Lee resigned.",
                 "In a statement, Gamma Corp. Chief Executive Lee resigned.");
    assert_split("The deal was signed with Gamma Corp. Tuesday afternoon.",
                 "The deal was signed with Gamma Corp. Tuesday afternoon.");
}

static void test_split_cuts_dateline_with_agency(void **state)
{
    (void)state;
    const char *text = "WASHINGTON (AP) \xE2\x80\x94 President Joe Biden said on Monday that the "
                       "talks would continue. He gave no date.";
    assert_split(text, "President Joe Biden said on Monday that the talks would continue.",
                 "He gave no date.");
}

static void test_split_cuts_dateline_with_hyphens(void **state)
{
    (void)state;
    assert_split("MOSCOW -- Russia's defense minister welcomed the North Korean leader.",
                 "Russia's defense minister welcomed the North Korean leader.");
}

static void test_split_cuts_dateline_with_date_and_agency(void **state)
{
    (void)state;
    assert_split("BEIJING, March 12 (Xinhua) -- China's parliament opened its annual session.",
                 "China's parliament opened its annual session.");
}

static void test_split_headline_above_wrapped_text(void **state)
{
    (void)state;
    // In hard-wrapped text a line much shorter than the others ends its paragraph: the
    // headline is not glued to the first sentence.
    const char *text = "Kim Meets Shoigu In Vladivostok\n"
                       "The quick brown fox jumps over the lazy dog near the river bank today\n"
                       "and then it runs far away into the deep forest where nobody can find\n"
                       "it again. Hunters searched the woods for many days but they returned\n"
                       "empty handed because the fox was clever and knew every hidden path\n"
                       "there.\n";
    check_paras(text, "011", __LINE__);
}

/* German capitalizes nouns, so a wrapped line may end on one and the next start with one: the
 * case of the words says nothing. The continuation lines' indentation does, be it spaces, a
 * tab or no-break spaces (U+00A0, which trimming already took for white space). */
static void test_split_joins_hanging_indent(void **state)
{
    (void)state;
    const char *const indents[] = {"\xC2\xA0\xC2\xA0", "  ", "\t", "\xE2\x80\x87"};
    for (size_t i = 0; i < sizeof indents / sizeof indents[0]; i++) {
        char text[512];
        snprintf(text, sizeof text,
                 "Der Rat der Stadt hat am Montag nach einer langen Debatte\n"
                 "%sPl\xC3\xA4ne f\xC3\xBCr den neuen Hafen beschlossen. Der B\xC3\xBCrgermeister "
                 "sagte, die Arbeiten\n"
                 "%san der Mole w\xC3\xBCrden etwa zwei Millionen Euro kosten.\n",
                 indents[i], indents[i]);
        precis_sents s;
        test_split(text, &s);
        assert_int_equal(s.n, 2);
        assert_int_equal(s.v[0].off, 0);
        assert_true(strncmp(text + s.v[0].off + s.v[0].len - 12, "beschlossen.", 12) == 0);
        assert_int_equal(s.v[1].para, 0);
        free(s.v);
    }
}

static void test_split_heading_above_indented_paragraphs(void **state)
{
    (void)state;
    // First-line indentation starts paragraphs: the heading above them stays alone, whether
    // the paragraph goes back to the margin on its second line or is a single line.
    check_paras("Neue Br\xC3\xBC" "cke f\xC3\xBCr Altdorf\n"
                "    Der Gemeinderat hat am Dienstag den Bau einer neuen Br\xC3\xBC" "cke "
                "beschlossen, die\n"
                "bis zum Herbst fertig sein soll.\n"
                "    Die alte Br\xC3\xBC" "cke war seit dem Hochwasser gesperrt.\n",
                "012", __LINE__);
    check_paras("Neue Br\xC3\xBC" "cke f\xC3\xBCr Altdorf\n"
                "    Der Gemeinderat hat am Dienstag den Bau einer neuen Br\xC3\xBC" "cke "
                "beschlossen.\n"
                "    Die alte Br\xC3\xBC" "cke war seit dem Hochwasser im Fr\xC3\xBChjahr gesperrt.\n",
                "012", __LINE__);
}

static void test_split_keeps_sentence_starting_with_acronym(void **state)
{
    (void)state;
    assert_split("NATO leaders met in Brussels - the talks were long.",
                 "NATO leaders met in Brussels - the talks were long.");
    assert_split("KCNA said the talks went well.", "KCNA said the talks went well.");
}

static void test_split_separates_trailing_credit(void **state)
{
    (void)state;
    assert_split("Earlier this month, North Korea launched its first operational \xE2\x80\x9C"
                 "tactical nuclear attack submarine.\xE2\x80\x9D \xE2\x80\x93 Rappler.com",
                 "Earlier this month, North Korea launched its first operational \xE2\x80\x9C"
                 "tactical nuclear attack submarine.\xE2\x80\x9D",
                 "\xE2\x80\x93 Rappler.com");
}

/* ---- spans and numbering ---------------------------------------------------------------- */

static void test_split_offsets_are_exact(void **state)
{
    (void)state;
    const char *text = "  First one.   Second\tone!  \n\n \xC2\xA0Third one?  ";
    precis_sents s;
    test_split(text, &s);
    assert_int_equal(s.n, 3);
    assert_int_equal(s.v[0].off, 2);
    assert_int_equal(s.v[0].len, 10);
    assert_int_equal(s.v[1].off, 15);
    assert_int_equal(s.v[1].len, 11);
    assert_memory_equal(text + s.v[1].off, "Second\tone!", 11);
    assert_int_equal(s.v[2].off, 33); // after " \u00A0"
    assert_int_equal(s.v[2].len, 10);
    assert_memory_equal(text + s.v[2].off, "Third one?", 10);
    free(s.v);
}

static void test_split_index_counts_per_document(void **state)
{
    (void)state;
    precis_abbrevs ab;
    test_abbrevs(&ab);
    precis_sents s = {0};
    const char *a = "One. Two.\n\nThree.", *b = "Four. Five.";
    assert_int_equal(precis_split_document(a, strlen(a), 0, &ab, &s), PRECIS_OK);
    assert_int_equal(precis_split_document(b, strlen(b), 7, &ab, &s), PRECIS_OK);
    assert_int_equal(s.n, 5);
    const uint32_t doc[] = {0, 0, 0, 7, 7}, index[] = {0, 1, 2, 0, 1}, para[] = {0, 0, 1, 0, 0};
    for (size_t i = 0; i < 5; i++) {
        assert_int_equal(s.v[i].doc, doc[i]);
        assert_int_equal(s.v[i].index, index[i]);
        assert_int_equal(s.v[i].para, para[i]);
    }
    // Offsets of the second document point into the second document.
    assert_memory_equal(b + s.v[4].off, "Five.", 5);
    free(s.v);
    precis_abbrevs_destroy(&ab);
}

static void test_split_respects_length_argument(void **state)
{
    (void)state;
    const char *text = "Only this. Not this part.";
    precis_sents s;
    test_split_len(text, 10, &s);
    assert_int_equal(s.n, 1);
    assert_int_equal(s.v[0].len, 10);
    free(s.v);
}

/* ---- hostile input ----------------------------------------------------------------------- */

static void test_split_empty_string(void **state)
{
    (void)state;
    precis_sents s;
    test_split("", &s);
    assert_int_equal(s.n, 0);
    free(s.v);
}

static void test_split_whitespace_only(void **state)
{
    (void)state;
    precis_sents s;
    test_split("  \n\t\r\n \xC2\xA0 \xE3\x80\x80\n\n", &s);
    assert_int_equal(s.n, 0);
    free(s.v);
}

static void test_split_no_punctuation(void **state)
{
    (void)state;
    assert_split("just some words without any punctuation at all",
                 "just some words without any punctuation at all");
    assert_split("  trailing blanks  \n", "trailing blanks");
}

static void test_split_punctuation_only(void **state)
{
    (void)state;
    assert_split(".", ".");
    assert_split("?!", "?!");
    assert_split("...", "...");
}

static void test_split_invalid_utf8_stays_in_bounds(void **state)
{
    (void)state;
    // Not produced by the load stage, but the splitter must not read outside the text.
    const char *texts[] = {"\x80", "a\n\x80\x80 b.", "\xE2\x80 x. \xFF y.", "x.\xC3", "\xC3\n.",
                           "\"\xE2\x80\x9C\xE2\x80\x9D\xE2", "a\n\x80", "x \n\xBF\xBF"};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        precis_sents s;
        test_split(texts[i], &s); // checks every span lies inside the text
        free(s.v);
    }
}

static void test_split_many_quotes(void **state)
{
    (void)state;
    // More quotations than the splitter tracks: no overflow, and sentences still split.
    size_t len;
    char *text = test_repeat("He said \"yes.\" She said \"fine.\" ", 100, &len);
    precis_sents s;
    test_split(text, &s);
    assert_int_equal(s.n, 200);
    free(s.v);
    free(text);
}

static double seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void test_split_one_megabyte_sentence(void **state)
{
    (void)state;
    size_t len;
    char *text = test_repeat("word ", 200 * 1024, &len); // 1 MB
    text[len - 1] = '.';
    double t = seconds();
    precis_sents s;
    test_split(text, &s);
    assert_int_equal(s.n, 1);
    assert_int_equal(s.v[0].off, 0);
    assert_int_equal(s.v[0].len, len);
    assert_true(seconds() - t < 2.0);
    free(s.v);
    free(text);
}

static void test_split_one_megabyte_without_spaces(void **state)
{
    (void)state;
    size_t len;
    char *text = test_repeat("\xE2\x80\x9Cx.", 256 * 1024, &len);
    double t = seconds();
    precis_sents s;
    test_split(text, &s);
    assert_int_equal(s.n, 1);
    assert_true(seconds() - t < 2.0);
    free(s.v);
    free(text);
}

static void test_split_many_one_word_sentence_lines(void **state)
{
    (void)state;
    size_t len;
    char *text = test_repeat("Word.\n", 100000, &len);
    double t = seconds();
    precis_sents s;
    test_split(text, &s);
    assert_int_equal(s.n, 100000);
    assert_int_equal(s.v[99999].para, 99999);
    assert_int_equal(s.v[99999].index, 99999);
    assert_int_equal(s.v[99999].off, 6 * 99999);
    assert_true(seconds() - t < 2.0);
    free(s.v);
    free(text);
}

static void test_split_many_one_word_lines(void **state)
{
    (void)state;
    // A list of one-word lines is not hard-wrapped prose: each line is its own paragraph. (The
    // words are capitalized: a line that goes on in lower case continues the one before.)
    size_t len;
    char *text = test_repeat("Word\n", 100000, &len);
    double t = seconds();
    precis_sents s;
    test_split(text, &s);
    double elapsed = seconds() - t;
    size_t n = s.n, last_para = s.n ? s.v[s.n - 1].para : 0;
    free(s.v);
    free(text);
    assert_true(elapsed < 2.0);
    assert_int_equal(n, 100000);
    assert_int_equal(last_para, 99999);
}

static void test_split_short_lines_are_not_wrapped(void **state)
{
    (void)state;
    const char *text = "Apples\nPears\nPlums\nCherries\nGrapes\nLemons\n";
    assert_split(text, "Apples", "Pears", "Plums", "Cherries", "Grapes", "Lemons");
}

static void test_split_lowercase_list_lines_join(void **state)
{
    (void)state;
    // Lines that go on in lower case continue the line before, lists included.
    assert_split("apples\npears\nplums\n", "apples\npears\nplums");
}

static void test_split_many_sentences_one_line(void **state)
{
    (void)state;
    size_t len;
    char *text = test_repeat("Kim met Putin. ", 100000, &len);
    double t = seconds();
    precis_sents s;
    test_split(text, &s);
    assert_int_equal(s.n, 100000);
    assert_int_equal(s.v[99999].off, 15 * 99999);
    assert_int_equal(s.v[99999].len, 14);
    assert_true(seconds() - t < 2.0);
    free(s.v);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_split_keeps_titles),
        cmocka_unit_test(test_split_keeps_abbreviations_after_opener),
        cmocka_unit_test(test_split_keeps_lowercase_abbreviation),
        cmocka_unit_test(test_split_keeps_dotted_abbreviations),
        cmocka_unit_test(test_split_keeps_date_and_number_abbreviations),
        cmocka_unit_test(test_split_keeps_latin_abbreviations),
        cmocka_unit_test(test_split_maybe_final_abbreviation_before_function_word),
        cmocka_unit_test(test_split_maybe_final_abbreviation_before_name),
        cmocka_unit_test(test_split_maybe_final_abbreviation_at_paragraph_end),
        cmocka_unit_test(test_split_lowercase_word_is_not_an_abbreviation),
        cmocka_unit_test(test_split_keeps_initials),
        cmocka_unit_test(test_split_more_boundaries),
        cmocka_unit_test(test_split_exclamation_inside_quotation),
        cmocka_unit_test(test_split_quotation_then_new_quotation),
        cmocka_unit_test(test_split_stray_quote_does_not_pair_with_next_quotation),
        cmocka_unit_test(test_split_many_quotations_in_one_paragraph),
        cmocka_unit_test(test_split_single_capital_before_function_word),
        cmocka_unit_test(test_split_keeps_decimals),
        cmocka_unit_test(test_split_keeps_domain_names),
        cmocka_unit_test(test_split_keeps_ellipsis_before_lowercase),
        cmocka_unit_test(test_split_keeps_unicode_ellipsis_before_capital),
        cmocka_unit_test(test_split_keeps_dotted_ellipsis_before_capital),
        cmocka_unit_test(test_split_four_dots_end_a_sentence),
        cmocka_unit_test(test_split_spaced_ellipsis_stays_inside),
        cmocka_unit_test(test_split_spaced_ellipsis_opens_next_sentence),
        cmocka_unit_test(test_split_numbered_items),
        cmocka_unit_test(test_split_lettered_and_bulleted_items),
        cmocka_unit_test(test_split_items_need_a_sequence),
        cmocka_unit_test(test_split_title_after_time_abbreviation),
        cmocka_unit_test(test_split_number_sign_abbreviation),
        cmocka_unit_test(test_split_on_question_and_exclamation),
        cmocka_unit_test(test_split_no_split_before_lowercase),
        cmocka_unit_test(test_split_after_closing_quote),
        cmocka_unit_test(test_split_question_in_quote_before_lowercase),
        cmocka_unit_test(test_split_keeps_quotation_whole),
        cmocka_unit_test(test_split_quotation_ending_in_full_stop),
        cmocka_unit_test(test_split_curly_quotes),
        cmocka_unit_test(test_split_single_curly_quotes),
        cmocka_unit_test(test_split_guillemets),
        cmocka_unit_test(test_split_wire_quotation_marks),
        cmocka_unit_test(test_split_german_quotation_marks),
        cmocka_unit_test(test_split_unbalanced_quote_does_not_swallow),
        cmocka_unit_test(test_split_inch_mark_is_not_a_quote),
        cmocka_unit_test(test_split_after_closing_parenthesis),
        cmocka_unit_test(test_split_cjk_full_stops),
        cmocka_unit_test(test_split_cjk_quotation),
        cmocka_unit_test(test_split_cjk_stop_then_space),
        cmocka_unit_test(test_split_cjk_title_marks),
        cmocka_unit_test(test_split_full_width_decimal),
        cmocka_unit_test(test_split_german_quotes),
        cmocka_unit_test(test_split_joins_wrapped_cjk_lines),
        cmocka_unit_test(test_split_cjk_heading_stays_alone),
        cmocka_unit_test(test_split_marks_joined_breaks),
        cmocka_unit_test(test_split_hyphen_at_line_end_continues),
        cmocka_unit_test(test_split_crlf_lines),
        cmocka_unit_test(test_split_lone_cr_lines),
        cmocka_unit_test(test_split_crlf_blank_line),
        cmocka_unit_test(test_split_blank_line_paragraphs),
        cmocka_unit_test(test_split_paragraph_flags),
        cmocka_unit_test(test_split_one_paragraph_per_line),
        cmocka_unit_test(test_split_joins_line_continued_in_lowercase),
        cmocka_unit_test(test_split_joins_long_line_cut_before_name),
        cmocka_unit_test(test_split_joins_hard_wrapped_text),
        cmocka_unit_test(test_split_hard_wrapped_paragraphs_stay_apart),
        cmocka_unit_test(test_split_headline_stays_alone),
        cmocka_unit_test(test_split_headline_with_colon_line),
        cmocka_unit_test(test_split_cuts_dateline_with_region),
        cmocka_unit_test(test_split_cuts_dateline_with_agency),
        cmocka_unit_test(test_split_cuts_wire_underscore_datelines),
        cmocka_unit_test(test_split_title_used_as_a_name),
        cmocka_unit_test(test_split_company_abbreviation_ends_a_name),
        cmocka_unit_test(test_split_cuts_dateline_with_hyphens),
        cmocka_unit_test(test_split_cuts_dateline_with_date_and_agency),
        cmocka_unit_test(test_split_headline_above_wrapped_text),
        cmocka_unit_test(test_split_joins_hanging_indent),
        cmocka_unit_test(test_split_heading_above_indented_paragraphs),
        cmocka_unit_test(test_split_keeps_sentence_starting_with_acronym),
        cmocka_unit_test(test_split_separates_trailing_credit),
        cmocka_unit_test(test_split_offsets_are_exact),
        cmocka_unit_test(test_split_index_counts_per_document),
        cmocka_unit_test(test_split_respects_length_argument),
        cmocka_unit_test(test_split_empty_string),
        cmocka_unit_test(test_split_whitespace_only),
        cmocka_unit_test(test_split_no_punctuation),
        cmocka_unit_test(test_split_punctuation_only),
        cmocka_unit_test(test_split_invalid_utf8_stays_in_bounds),
        cmocka_unit_test(test_split_many_quotes),
        cmocka_unit_test(test_split_one_megabyte_sentence),
        cmocka_unit_test(test_split_one_megabyte_without_spaces),
        cmocka_unit_test(test_split_many_one_word_sentence_lines),
        cmocka_unit_test(test_split_many_one_word_lines),
        cmocka_unit_test(test_split_short_lines_are_not_wrapped),
        cmocka_unit_test(test_split_lowercase_list_lines_join),
        cmocka_unit_test(test_split_many_sentences_one_line),
    };
    return cmocka_run_group_tests_name("split", tests, NULL, NULL);
}
