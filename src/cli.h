/* Subcommands of the precis CLI, each in its own src/cli_*.c; they use only <precis.h>. */
#ifndef PRECIS_CLI_H
#define PRECIS_CLI_H

#include <stddef.h>

/** 'precis rouge ...': argv[0] is "rouge". Returns the exit status. */
int precis_cli_rouge(int argc, char **argv);

/** 'precis --list-languages': code, name, stemmer and word lists of every language, on
 * stdout. Returns the exit status. */
int precis_cli_list_languages(void);

struct precis_summary;
/** --explain: "precis: NAME: language CODE" for each of the 'n_docs' documents, on stderr. */
void precis_cli_explain_languages(const struct precis_summary *s, size_t n_docs,
                                  char *const *names);

#endif
