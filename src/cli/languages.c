/* The CLI's language output: 'precis --list-languages', and each document's language under
 * --explain. Uses only <precis.h>. */
#include <stdio.h>

#include "cli.h"
#include "precis.h"

int precis_cli_list_languages(void)
{
    printf("%-5s %-11s %-11s %9s %13s\n", "code", "language", "stemmer", "stopwords",
           "abbreviations");
    for (size_t i = 0; i < precis_language_count(); i++) {
        precis_language l;
        if (precis_language_get(i, &l) != PRECIS_OK)
            return 1;
        printf("%-5s %-11s %-11s %9zu %13zu\n", l.code, l.name,
               l.stemmer ? l.stemmer : "(bigrams)", l.n_stopwords, l.n_abbreviations);
    }
    printf("Without --lang each document's language is detected. Chinese, Japanese and Korean\n"
           "text becomes character bigrams; their counts are the English lists, used for Latin\n"
           "words in that text.\n");
    return fflush(stdout) == 0 ? 0 : 1;
}

void precis_cli_explain_languages(const precis_summary *s, size_t n_docs, char *const *names)
{
    for (size_t d = 0; d < n_docs; d++) {
        const char *code = precis_summary_document_language(s, d);
        fprintf(stderr, "precis: %s: language %s\n", names[d], code ? code : "?");
    }
}
