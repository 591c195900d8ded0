/* Subcommands of the precis CLI, each in its own src/cli_*.c; they use only <precis.h>. */
#ifndef PRECIS_CLI_H
#define PRECIS_CLI_H

#include <precis.h>

/** 'precis rouge ...': argv[0] is "rouge". Returns the exit status. */
int precis_cli_rouge(int argc, char **argv);

/* ---- output formats of the summary (src/cli_json.c, src/cli_html.c) ---- */

#include <stdio.h>

struct json_t; // jansson's, declared here so that cli.h does not pull in <jansson.h>

typedef enum { PRECIS_CLI_TEXT = 0, PRECIS_CLI_JSON, PRECIS_CLI_HTML } precis_cli_format;

/** The JSON object of one summarized cluster (README.md, "JSON output";
 * tests/schema/summary.schema.json): the options 'opt' used, the documents, the summary
 * sentences with provenance and support, the keywords if any were asked for. Keys in a fixed
 * order. Returns a new reference (json_decref() it), or NULL when out of memory. */
struct json_t *precis_cli_json_result(const precis_summary *s, const precis_options *opt);

/** Writes precis_cli_json_result() to 'out', indented, UTF-8, then a newline. Returns 0, or -1
 * when out of memory (write errors are left to the caller's ferror()). */
int precis_cli_json_print(FILE *out, const precis_summary *s, const precis_options *opt);

/** Writes the self-contained HTML report of 's' to 'out'; 's' must have been made with
 * 'explain' set (the report shows every sentence). Returns 0, or -1 when out of memory. */
int precis_cli_html_print(FILE *out, const precis_summary *s, const precis_options *opt);

#endif
