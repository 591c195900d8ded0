/* Static messages for every status code. */
#include "precis.h"

const char *precis_strerror(precis_status st)
{
    switch (st) {
    case PRECIS_OK: return "success";
    case PRECIS_ERR_NOMEM: return "out of memory";
    case PRECIS_ERR_INVALID_ARG: return "invalid argument";
    case PRECIS_ERR_UTF8: return "not valid UTF-8 text";
    case PRECIS_ERR_BINARY: return "binary data, not text";
    case PRECIS_ERR_UTF16: return "UTF-16 or UTF-32 text; convert it to UTF-8";
    case PRECIS_ERR_EMPTY: return "no text";
    case PRECIS_ERR_NO_SENTENCES: return "no sentence to summarize";
    case PRECIS_ERR_TOO_LARGE: return "input exceeds the size limit";
    case PRECIS_ERR_STOPWORDS: return "unusable stopword list";
    case PRECIS_ERR_LANGUAGE: return "unsupported language";
    case PRECIS_ERR_IO: return "cannot read file";
    case PRECIS_ERR_FORMAT: return "badly formed input";
    case PRECIS_ERR_GRAPH_LIMIT:
        return "too large for the exact graph that was forced (dense: 8,192 sentences, sparse: "
               "1e8 term-sharing pairs); use the pruned or auto graph";
    case PRECIS_ERR_DATE: return "not a valid date (expected ISO 8601: YYYY-MM-DD[THH:MM[:SS]])";
    }
    return "unknown status";
}
