/* The precis program's own shared declarations (src/cli/). The program uses only the public
 * headers, <precis.h> and <precis_rouge.h>, never src/internal.h (it is built without -Isrc).
 * Which file calls which (no circle; nothing calls back into main.c):
 *   main.c      -> options input explain json_output html_report batch split_cmd rouge_cmd
 *   batch.c     -> options json_output          split_cmd.c -> options input
 *   rouge_cmd.c -> options input json_output rouge_refs
 *   rouge_refs.c, html_report.c -> input        explain.c, json_output.c -> options
 *   input.c     -> options                      options.c   -> languages */
#ifndef PRECIS_CLI_H
#define PRECIS_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <precis.h>

/** Exit status: 0 success, 1 the input cannot be used (unreadable, not text, over a limit,
 * nothing to summarize), 2 bad usage, 3 an internal or system error (out of memory, the
 * output cannot be written). */
enum { EXIT_USAGE = 2, EXIT_INTERNAL = 3 };

/** The most input the program reads when --max-bytes is not given. The library's own default
 * limit (src/summarize.c) is the same; precis.h does not export it, so it is written here once
 * for the program (the read limit of precis, split and batch, and their --help). */
#define PRECIS_CLI_MAX_INPUT_BYTES ((size_t)2 << 30)

/** The library's default --max-sentences, shown by --help only: precis.h does not export it
 * (src/summarize.c, DEFAULT_MAX_SENTENCES); keep the two in step. */
#define PRECIS_CLI_MAX_SENTENCES_TEXT "20000000"

/* ---- options (src/cli/options.c) ---- */

typedef enum { PRECIS_CLI_TEXT = 0, PRECIS_CLI_JSON, PRECIS_CLI_HTML } precis_cli_format;

/** What the command line of 'precis' (or 'precis batch') asks for. */
typedef struct precis_cli_options {
    precis_options opt; // the library's options, from precis_options_init() and the flags
    bool quiet;
    int budget_flags; // how many of -n, -w, -b, -r were given (at most one may be)
    const char *stopwords_path;
    precis_cli_format format;
    bool explain;       // --explain given (HTML asks the library for the trace on its own)
    const char **dates; // --date FILE=DATE arguments, as given (the array is ours to free)
    size_t n_dates;
    precis_input input;     // --input: how every file is read (auto: by its content)
    const char *query_path; // --query-file
} precis_cli_options;

/** Parses the options of 'precis' or 'precis batch' ('argv[0]' is the command) into '*out'
 * (which it initializes). Returns -1 when the command goes on, with the first operand at
 * 'argv[*first_operand]'; otherwise the exit status: 0 after --help, --version or
 * --list-languages, 2 after bad usage (said on stderr), 3 when out of memory. Free '*out' with
 * precis_cli_options_destroy() either way. */
int precis_cli_options_parse(precis_cli_options *out, int argc, char **argv, int *first_operand);
void precis_cli_options_destroy(precis_cli_options *o);

/** Sets option 'name' (a long flag without "--": "words", "dedup", "min-words" or "min_words",
 * "lang" or "language", ...) to 'value' in 'opt', validated as on the command line;
 * '*budget_flags' counts the length options given. Options that read files or choose the
 * output (stopwords, format, explain, date) are refused. Returns 0, or -1 with a one-line
 * reason in 'err' (precis batch's lines). */
int precis_cli_set_option(precis_options *opt, int *budget_flags, const char *name,
                          const char *value, char *err, size_t err_cap);

/** The name of order 'o' as --order spells it ("source", "rank", "time", "auto"). */
const char *precis_cli_order_name(precis_order o);

/** What became of the query, as JSON says it: "none", "used", "empty", "absent". */
const char *precis_cli_query_status_name(precis_query_status q);

/** Prints "precis[ COMMAND]: MESSAGE" (escaped, reader.c) and "Try 'precis[ COMMAND] --help'." on stderr ('command'
 * NULL for precis itself: "split", "rouge"); returns EXIT_USAGE. */
__attribute__((format(printf, 2, 3))) int precis_cli_usage_error(const char *command,
                                                                 const char *fmt, ...);

/** Flushes stdout at the end of a command. Returns 0, or EXIT_INTERNAL when the output could not
 * be written (said on stderr); a reader that went away (EPIPE, '| head -1') is not an error. */
int precis_cli_flush_stdout(void);

/** A whole decimal number in ['lo', 'hi'] into '*out': digits only (no sign, no white space),
 * nothing left over. */
bool precis_cli_parse_count(const char *s, unsigned long long lo, unsigned long long hi,
                            unsigned long long *out);

/** A finite number in ['lo', 'hi'] (or ('lo', 'hi'] when 'lo_open') into '*out', nothing left
 * over. */
bool precis_cli_parse_real(const char *s, double lo, double hi, bool lo_open, double *out);

/* ---- reading input (src/cli/input.c) ---- */

typedef struct precis_cli_buf {
    char *data;
    size_t len, cap;
} precis_cli_buf;

typedef struct precis_cli_paths {
    char **v;
    size_t n, cap;
    precis_input input;  // --input: how every file is read (auto: by its content)
    precis_page **pages; // per document read as a web page or Markdown, else NULL
    size_t n_pages;
} precis_cli_paths;

/** How much of an input may be read and what it must be (precis_cli_read()). */
typedef struct precis_cli_limit {
    size_t bytes;     // the most bytes read (what is left of a budget shared by several inputs)
    const char *hint; // what sets the limit, for the message: "see --max-bytes"
    bool text;        // the whole input must be UTF-8 text (else binary data alone is refused)
} precis_cli_limit;

/** The one reader of user data (reader.c): reads the file 'path' (NULL: standard input) into
 * 'b' (free 'b->data' in any case; never NULL on success). Refuses a file larger than the limit
 * before reading it, and anything else as soon as it passes the limit; a NUL byte in the first
 * block (binary data, unless a UTF-16/32 byte-order mark starts it) before reading on; with
 * 'lim->text', what precis_cli_check_text() refuses. Says why on stderr ('precis: NAME:
 * reason', escaped). Returns 0, or the exit status (3 when out of memory, else 1). */
int precis_cli_read(const char *path, const precis_cli_limit *lim, precis_cli_buf *b);

/** Whether the 'len' bytes at 'data' are UTF-8 text as the library's loader takes it (an
 * optional UTF-8 BOM; no UTF-16/32 BOM, no control byte but tab, newline, CR, FF, VT; valid
 * UTF-8); if not, the reason with its byte offset in 'why'. */
bool precis_cli_check_text(const char *data, size_t len, char *why, size_t why_cap);

/** Reads one line of 'in' (without its newline) into 'b' (kept between calls; free 'b->data'),
 * keeping at most 'limit' bytes: a longer line is read to its end but not kept, and
 * '*line_len' (its whole length) tells. Returns 1 for a line, 0 at the end, -1 when out of
 * memory, -2 on a read error (errno); with 'nul_stops', 2 at a NUL byte, which is then at
 * offset '*line_len' of the line (text holds none: the input is binary). */
int precis_cli_read_line(FILE *in, precis_cli_buf *b, size_t limit, bool nul_stops,
                         size_t *line_len);

/** Writes the 'len' bytes at 's' to 'out' with control characters (C0, DEL, C1) and bytes that
 * are not UTF-8 escaped ('\n', '\x1B'): a name or a quotation never breaks a message's line
 * or reaches the terminal as a command. */
void precis_cli_escape(FILE *out, const char *s, size_t len);

/** A copy of 's' escaped as precis_cli_escape() writes it (free it), or NULL when out of
 * memory. */
char *precis_cli_escaped(const char *s);

/** "precis: MESSAGE" on stderr, one line: the formatted message escaped as precis_cli_escape()
 * does (a trailing newline in 'fmt' is dropped). */
__attribute__((format(printf, 1, 2))) void precis_cli_error(const char *fmt, ...);

/** Whether 'path' is a directory (following symlinks). */
bool precis_cli_is_dir(const char *path);

/** The file name of 'path': what follows its last '/', unless that is nothing. */
const char *precis_cli_base_name(const char *path);

/** The name of the input for a message about all of it: the one file, "(stdin)", or "input". */
const char *precis_cli_input_name(const precis_cli_paths *files);

/** Says why the library could not read the inputs 'files' ('st', not PRECIS_ERR_LANGUAGE),
 * "precis: NAME: reason" on stderr; returns the exit status (3 when out of memory, else 1). */
int precis_cli_input_failed(precis_status st, const precis_cli_paths *files);

/** Appends a copy of 's'; false when out of memory. */
bool precis_cli_paths_push(precis_cli_paths *p, const char *s);
void precis_cli_paths_free(precis_cli_paths *p);

/** Adds every input to 'corpus': each of the 'n' 'args' is a file, a directory (every regular
 * file below it, sorted by path; symlink loops skipped) or "-" (standard input; also when
 * 'n' is 0). The paths read are appended to 'files'. Errors are reported on stderr as
 * 'precis: PATH: reason'; returns 0 or the exit status. */
int precis_cli_load(precis_corpus *corpus, int n, char **args, size_t limit,
                    precis_cli_paths *files);

/** --date FILE=DATE (each of the 'n_dates' 'dates'): the input FILE names (its path as read, or
 * the end of it after a '/') gets DATE. Returns -1 to go on, or the exit status (2: a usage
 * error, said on stderr). */
int precis_cli_apply_dates(precis_corpus *corpus, const precis_cli_paths *files,
                           const char *const *dates, size_t n_dates);

/* ---- output of the summary (explain.c, json_output.c, html_report.c) ---- */

/** --explain: on stderr, each document's language and date, the fate of every sentence, then
 * the best-ranked candidates; 'names' are the 'n_docs' documents' names. */
void precis_cli_explain(const precis_summary *s, size_t n_docs, char *const *names);

struct json_t; // jansson's, declared here so that cli.h does not pull in <jansson.h>

/** A JSON string of 's' (jansson); bytes that are not UTF-8 (a file name can be anything)
 * become U+FFFD, since JSON text must be Unicode. NULL when out of memory. */
struct json_t *precis_cli_json_string(const char *s);

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

/* ---- commands besides the summary ---- */

/** 'precis --list-languages' (languages.c): code, name, stemmer and word lists of every
 * language, on stdout. Returns the exit status. */
int precis_cli_list_languages(void);

/** 'precis batch' (batch.c): JSON Lines from the 'n' files 'paths' (none, or "-": standard
 * input), one JSON result or error per line on stdout, with 'defaults' for every line.
 * Returns the exit status. */
int precis_cli_batch(const precis_options *defaults, int n, char **paths);

/** 'precis split ...' (split_cmd.c): argv[0] is "split". Returns the exit status. */
int precis_cli_split(int argc, char **argv);

/** 'precis rouge ...' (rouge_cmd.c): argv[0] is "rouge". Returns the exit status. */
int precis_cli_rouge(int argc, char **argv);

/* ---- precis rouge's files (rouge_refs.c) ---- */

/** One cluster of a reference data set: its id and the paths of its references. */
typedef struct precis_cli_cluster {
    char *id;
    precis_cli_paths refs;
} precis_cli_cluster;

typedef struct precis_cli_dataset {
    precis_cli_cluster *v;
    size_t n;
} precis_cli_dataset;

/** The clusters of data set 'root', in id order, as rouge.py finds them: each subdirectory
 * with files in its refs/ (or in itself); without subdirectories, files named
 * <cluster>.<anything>. Returns 0 or an errno value ('*ds' then empty). */
int precis_cli_dataset_load(const char *root, precis_cli_dataset *ds);
void precis_cli_dataset_free(precis_cli_dataset *ds);

/** The references of one summary: every file of directory 'refs' (sorted), or 'refs' itself
 * when it is not a directory, appended to 'out'. Returns 0 or an errno value. */
int precis_cli_refs_list(const char *refs, precis_cli_paths *out);

/** The path of cluster 'id''s summary in 'sysdir' (rouge.py's order of guesses: ID.txt, ID, a
 * directory ID holding one file, ID.*), or NULL; '*err' is ENOMEM when out of memory, else 0.
 * The caller frees the path. */
char *precis_cli_find_summary(const char *sysdir, const char *id, int *err);

/** The files and directories of summary directory 'sysdir' that are no cluster's summary in
 * 'ds' (no ID, ID.txt or ID.* for any of its ids), appended to 'out'. Returns 0 or an errno
 * value. */
int precis_cli_orphan_summaries(const char *sysdir, const precis_cli_dataset *ds,
                                precis_cli_paths *out);

/* ---- web pages (extract.c) ---- */

/** 'precis extract ...': argv[0] is "extract". Returns the exit status. */
int precis_cli_extract(int argc, char **argv);

/** --input's value: "auto", "text", "html", "markdown" (or "md"); false for anything else. */
bool precis_cli_parse_input(const char *s, precis_input *out);

/** "html", "markdown" or "text". */
const char *precis_cli_input_kind_name(precis_input k);

/* ---- web pages as documents (pages.c) ---- */

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
