/* 'precis --list-languages': every language the library knows, with its stemmer and the sizes
 * of its built-in word lists, on stdout. */
#include <stdio.h>

#include <precis.h>

#include "cli.h"

int precis_cli_list_languages(void)
{
    printf("%-5s %-11s %-11s %9s %13s\n", "code", "language", "stemmer", "stopwords",
           "abbreviations");
    for (size_t i = 0; i < precis_language_count(); i++) {
        precis_language l;
        if (precis_language_get(i, &l) != PRECIS_OK)
            return 1;
        printf("%-5s %-11s %-11s %9zu %13zu\n", l.code, l.name, l.stemmer ? l.stemmer : "(bigrams)",
               l.n_stopwords, l.n_abbreviations);
    }
    printf("Without --lang each document's language is detected. Chinese, Japanese and Korean\n"
           "text becomes character bigrams; their counts are the English lists, used for Latin\n"
           "words in that text.\n");
    return precis_cli_flush_stdout();
}
