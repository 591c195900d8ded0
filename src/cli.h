/* Subcommands of the precis CLI, each in its own src/cli_*.c; they use only <precis.h>. */
#ifndef PRECIS_CLI_H
#define PRECIS_CLI_H

#include <stddef.h>

#include <precis.h>

#include <stdbool.h>

/** Exit status: 0 success, 1 the input cannot be used (unreadable, not text, over a limit,
 * nothing to summarize), 2 bad usage, 3 an internal or system error (out of memory, the
 * output cannot be written). */
enum { EXIT_USAGE = 2, EXIT_INTERNAL = 3 };

/* ---- reading input (src/cli_input.c) ---- */

typedef struct precis_cli_buf {
    char *data;
    size_t len, cap;
} precis_cli_buf;

typedef struct precis_cli_paths {
    char **v;
    size_t n, cap;
    precis_input input;   // --input: how every file is read (auto: by its content)
    precis_page **pages;  // per document read as a web page or Markdown, else NULL
    size_t n_pages;
} precis_cli_paths;

/** Reads all of 'fd' into 'b' (which it allocates), refusing more than 'limit' bytes
 * (errno EFBIG); returns false with errno set on failure. */
bool precis_cli_read_all(int fd, precis_cli_buf *b, size_t limit);

/** Appends a copy of 's'; false when out of memory. */
bool precis_cli_paths_push(precis_cli_paths *p, const char *s);
void precis_cli_paths_free(precis_cli_paths *p);

/** Adds every input to 'corpus': each of the 'n' 'args' is a file, a directory (every regular
 * file below it, sorted by path; symlink loops skipped) or "-" (standard input; also when
 * 'n' is 0). The paths read are appended to 'files'. Errors are reported on stderr as
 * 'precis: PATH: reason'; returns 0 or the exit status. */
int precis_cli_load(precis_corpus *corpus, int n, char **args, size_t limit, precis_cli_paths *files);

/** 'precis split ...': argv[0] is "split". Returns the exit status. */
int precis_cli_split(int argc, char **argv);

/** 'precis rouge ...': argv[0] is "rouge". Returns the exit status. */
int precis_cli_rouge(int argc, char **argv);

/* ---- batch mode (src/cli_batch.c) ---- */

/** Sets option 'name' (a long flag without "--": "words", "dedup", "min-words" or "min_words",
 * "lang" or "language", ...) to 'value' in 'opt', validated as on the command line;
 * '*budget_flags' counts the length options given. Options that read files or choose the
 * output (stopwords, format, explain) are refused. Returns 0, or -1 with a one-line reason in
 * 'err'. Defined in src/main.c. */
int precis_cli_set_option(precis_options *opt, int *budget_flags, const char *name,
                          const char *value, char *err, size_t err_cap);

/** 'precis batch': JSON Lines from the 'n' files 'paths' (none, or "-": standard input), one
 * JSON result or error per line on stdout, with 'defaults' for every line. Returns the exit
 * status. */
int precis_cli_batch(const precis_options *defaults, int n, char **paths);

/* ---- output formats of the summary (src/cli_json.c, src/cli_html.c) ---- */

#include <stdio.h>

struct json_t; // jansson's, declared here so that cli.h does not pull in <jansson.h>

typedef enum { PRECIS_CLI_TEXT = 0, PRECIS_CLI_JSON, PRECIS_CLI_HTML } precis_cli_format;

/** The JSON object of one summarized cluster (README.md, "JSON output";
 * tests/schema/summary.schema.json): the options 'opt' used, the documents, the summary
 * sentences with provenance and support, the keywords if any were asked for. Keys in a fixed
 * order. Returns a new reference (json_decref() it), or NULL when out of memory. */
struct json_t *precis_cli_json_result(const precis_summary *s, const precis_options *opt);

/** Significant digits of the scores and similarities in JSON output (--format json and batch):
 * enough to order them, short enough to read. */
#define PRECIS_CLI_JSON_DIGITS 6

/** Writes precis_cli_json_result() to 'out', indented, UTF-8, then a newline. Returns 0, or -1
 * when out of memory (write errors are left to the caller's ferror()). */
int precis_cli_json_print(FILE *out, const precis_summary *s, const precis_options *opt);

/** Writes the self-contained HTML report of 's' to 'out'; 's' must have been made with
 * 'explain' set (the report shows every sentence). Returns 0, or -1 when out of memory. */
int precis_cli_html_print(FILE *out, const precis_summary *s, const precis_options *opt);

/** 'precis --list-languages': code, name, stemmer and word lists of every language, on
 * stdout. Returns the exit status. */
int precis_cli_list_languages(void);

struct precis_summary;
/** --explain: "precis: NAME: language CODE" for each of the 'n_docs' documents, on stderr. */
void precis_cli_explain_languages(const struct precis_summary *s, size_t n_docs,
                                  char *const *names);

/* ---- web pages (src/cli_extract.c) ---- */

/** 'precis extract ...': argv[0] is "extract". Returns the exit status. */
int precis_cli_extract(int argc, char **argv);

/** --input's value: "auto", "text", "html", "markdown" (or "md"); false for anything else. */
bool precis_cli_parse_input(const char *s, precis_input *out);

/** "html", "markdown" or "text". */
const char *precis_cli_input_name(precis_input k);

/* ---- web pages as documents (src/cli_pages.c) ---- */

/** Reads 'data' as a page when files->input (or, for auto, its content) says HTML or Markdown,
 * and adds its article to 'corpus' (headline first, the page's date as the document's date),
 * keeping the page in files->pages. Returns -1 for plain text (add it as it is), 0, or the exit
 * status after reporting the error on stderr. */
int precis_cli_add_page(precis_corpus *corpus, const char *name, const char *data, size_t len,
                        precis_cli_paths *files);

/** How input 'name' is read: 'forced' unless it is auto; else HTML when its content says so
 * (precis_input_detect()), Markdown when its name ends in ".md" or ".markdown", else text. */
precis_input precis_cli_input_of(const char *name, const char *data, size_t len,
                                 precis_input forced);

/** The page of document 'doc', or NULL when it was read as text. */
const precis_page *precis_cli_page(const precis_cli_paths *files, size_t doc);

void precis_cli_pages_free(precis_cli_paths *files);

/** Makes 'files' the inputs the output formats describe (JSON, the HTML report). */
void precis_cli_pages_register(const precis_cli_paths *files);

/** --explain's origin of document 'doc''s date 'date': "from the page" when it is the date its
 * page gave (not replaced by --date), else NULL. */
const char *precis_cli_page_date_origin(size_t doc, const char *date);

/** --explain: "precis: FILE: page "TITLE", SITE, by AUTHOR, dated DATE, URL" per page. */
void precis_cli_explain_pages(const precis_cli_paths *files);

/** precis_cli_json_print(), with each page's title, site, author, date and URL under the
 * document's "page" key (the output is unchanged when no input was a page). */
int precis_cli_json_print_pages(FILE *out, const precis_summary *s, const precis_options *opt);

/** The HTML report's line for document 'doc' when it was a page with a site, date or URL:
 * "SITE · AUTHOR · DATE · original" (a link); false (nothing written) otherwise. */
bool precis_cli_html_source(FILE *out, size_t doc);

#endif
