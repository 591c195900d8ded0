"""precis: extractive summaries of one news article or a whole cluster of articles.

The Python binding of libprecis: the sentences the corpus as a whole says matter most, each
fact said once, taken word for word from the sources. The library does the work with the GIL
released; results are plain Python objects (picklable, safe to keep).

>>> import precis
>>> text = ("The river rose two metres overnight and flooded the old town of Mora. "
...         "About 400 residents of Mora were moved to the school on the hill. "
...         "The mayor said the river would fall again by Friday. "
...         "Volunteers filled sandbags along the river all night.")
>>> s = precis.summarize(text, sentences=2)
>>> print(s)
The river rose two metres overnight and flooded the old town of Mora.
The mayor said the river would fall again by Friday.
>>> [(x.document, x.index, x.rank) for x in s.sentences]
[(0, 0, 1), (0, 2, 2)]
>>> s.documents[0].name, s.documents[0].language, s.documents[0].sentences
('documents[0]', 'en', 4)

A query makes the summary answer a question (the precis command's --query): TextRank leans
toward the sentences close to it, and each sentence says how close (its TF-IDF cosine).

>>> print(precis.summarize(text, sentences=1))
The river rose two metres overnight and flooded the old town of Mora.
>>> s = precis.summarize(text, sentences=1, query="What did the mayor say?")
>>> print(s)
The mayor said the river would fall again by Friday.
>>> s.query.status, round(s.sentences[0].relevance, 2), s.sentences[0].matched_words
('used', 0.48, ('mayor',))

A query the documents cannot answer (no content word, or none of its words in them) gives the
generic summary, with Summary.query.status saying why and a precis.QueryWarning.

Paths work the same way: precis.summarize("tests/data/kim-shoigu", words=100) summarizes
every file of the directory as one cluster, as 'precis -w 100 tests/data/kim-shoigu' does.

Functions: summarize, summarize_many, rouge, languages, version, version_number. Types:
Options, Summary, Sentence, Support, Keyword, DocumentInfo, Trace, Query, Language,
RougeResult, RougeScore. Errors: Error, InputError, UsageError (both ValueError), and
MemoryError. Warnings: QueryWarning (a UserWarning).
"""
from ._api import languages, rouge, summarize, summarize_many, version, version_number
from ._types import (DocumentInfo, Error, InputError, Keyword, Language, Options, Query,
                     QueryWarning, RougeResult, RougeScore, Sentence, Summary, Support, Trace,
                     UsageError)

__version__ = "0.2.0"

# help() and repr() name them precis.X, where users import them from (pickle finds them there).
for _name in ("summarize", "summarize_many", "rouge", "languages", "version", "version_number",
              "Options", "Summary", "Sentence", "Support", "Keyword", "DocumentInfo", "Trace",
              "Query", "Language", "RougeResult", "RougeScore", "Error", "InputError",
              "UsageError", "QueryWarning"):
    globals()[_name].__module__ = __name__
del _name
__all__ = ["summarize", "summarize_many", "rouge", "languages", "version", "version_number",
           "Options", "Summary", "Sentence", "Support", "Keyword", "DocumentInfo", "Trace",
           "Query", "Language", "RougeResult", "RougeScore", "Error", "InputError", "UsageError",
           "QueryWarning"]
