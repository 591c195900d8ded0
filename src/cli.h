/* Subcommands of the precis CLI, each in its own src/cli_*.c; they use only <precis.h>. */
#ifndef PRECIS_CLI_H
#define PRECIS_CLI_H

/** 'precis rouge ...': argv[0] is "rouge". Returns the exit status. */
int precis_cli_rouge(int argc, char **argv);

#endif
