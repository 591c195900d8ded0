"""The values the binding returns and takes: plain, immutable, picklable Python objects.

Nothing here touches the C library: a Summary holds copies, so it outlives the call, crosses
processes (pickle, Dask, Spark) and needs no freeing.
"""
import math
from dataclasses import dataclass, field, fields, replace
from typing import Any, Dict, Optional, Tuple

__all__ = ["Error", "InputError", "UsageError", "QueryWarning", "Options", "Support",
           "Sentence", "Keyword", "DocumentInfo", "Trace", "Query", "Summary", "Language",
           "RougeScore", "RougeResult"]


class Error(Exception):
    """Base class of precis's errors. 'status' names the library's status code ("utf8",
    "empty", "no_sentences", ... the PRECIS_ERR_ name in lower case), or None when the error
    was found before calling the library."""

    def __init__(self, message: str, status: Optional[str] = None):
        super().__init__(message)
        self.message = message
        self.status = status

    def __reduce__(self):  # picklable with its status (Dask and Spark send errors back)
        return (type(self), (self.message, self.status))


class InputError(Error, ValueError):
    """The input cannot be summarized: not UTF-8 text, binary, empty, no sentence, over a
    limit, nothing fits the budget (the CLI's exit status 1). The message is the library's,
    prefixed with the document's name as the CLI prints it."""


class UsageError(Error, ValueError):
    """An option or argument is invalid (the CLI's exit status 2): the message says which and
    what is expected, in the CLI's words."""


class QueryWarning(UserWarning):
    """The query could not be used (the CLI's "precis: warning: --query: ..."): it holds no
    content word ('status' "empty": empty, punctuation, only stopwords) or none of its words is
    in the documents ("absent"). The summary is the generic one and says so in Summary.query.
    'query' is the query's text, 'problem' the reason in the CLI's words."""

    def __init__(self, message: str, query: Optional[str] = None,
                 status: Optional[str] = None, problem: Optional[str] = None):
        super().__init__(message)
        self.query = query
        self.status = status
        self.problem = problem

    def __reduce__(self):
        return (type(self), (str(self), self.query, self.status, self.problem))


def _query_text(value: Any) -> str:
    """A query as the library takes it: text without NUL, UTF-8 when encoded. bytes must be
    UTF-8 (decoded here, strictly); a str with lone surrogates cannot be encoded. Both refused
    as the CLI refuses such a --query-file (InputError, its exit status 1)."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        try:
            value = bytes(value).decode("utf-8")
        except UnicodeDecodeError as e:
            raise InputError(f"query: the query is not UTF-8 text (invalid UTF-8 at byte "
                             f"{e.start})", "utf8") from None
    if not isinstance(value, str):
        raise _bad(value, "query", "text (str, or UTF-8 bytes)")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError("query: the query is not UTF-8 text (it holds a lone surrogate)",
                         "utf8") from None
    if "\0" in value:
        raise InputError("query: the query holds a NUL byte", "binary")
    return value


_ORDERS = ("auto", "source", "rank", "time")
_GRAPHS = ("auto", "dense", "sparse", "pruned")
_BUDGETS = ("sentences", "words", "bytes", "ratio")


def _bad(value: Any, name: str, expected: str) -> UsageError:
    return UsageError(f"invalid value {value!r} for {name}: expected {expected}")


def _count(value: Any, name: str, lo: int, hi: float) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        what = "a whole number" + (f" >= {lo}" if lo > 0 else "")
        raise _bad(value, name, what if hi >= 1e6 else f"{lo} to {int(hi)}")
    return value


def _real(value: Any, name: str, lo: float, hi: float, lo_open: bool, hi_open: bool,
          expected: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _bad(value, name, expected)
    v = float(value)
    if (not math.isfinite(v) or v < lo or v > hi or (lo_open and v == lo)
            or (hi_open and v == hi)):
        raise _bad(value, name, expected)
    return v


@dataclass(frozen=True)
class Options:
    """Summarization options: the precis command's long options, by the same names
    (``min_words`` for ``--min-words``). None means the library's default; give at most one
    of sentences, words, bytes and ratio (none: 5 sentences).

    sentences: keep at most N sentences (1..10,000,000)
    words: at most N words, never exceeded
    bytes: at most N bytes of output (UTF-8, one newline per sentence), never exceeded
    ratio: this fraction (0 < R <= 1) of the candidate sentences, at least one
    order: "auto" (default: "time" when every document has a date, else "source"),
           "source", "rank" or "time"
    dedup: sentences with TF-IDF cosine >= T (0 < T <= 1) are duplicates [0.5]
    restate: a sentence restating this share (0 < T <= 1) of a chosen one is left out [0.45]
    min_words: sentences shorter than this are never output [5]
    damping: TextRank damping factor, 0 < D < 1 [0.85]
    position_prior: weight (0..1) of the lead-position prior [0.4]
    edge_threshold: drop similarity edges below this cosine, 0 <= T < 1 [0]
    redundancy: MMR penalty (0..1) on similarity to chosen sentences [0.4]
    lang: language of every document (ISO code, Snowball or English name; see languages());
          None or "auto": detected per document
    graph: "auto", "dense", "sparse" or "pruned"
    threads: threads for large inputs, 1..8 (None: one per processor); same result
    keywords: also extract this many TextRank keywords [0]
    stopwords: a stopword list replacing the built-in ones: its text (one word per line,
          '#' comments) or a list of words; read from a file when given a pathlib.Path
          (read once, here, so the options pickle with the list)
    max_bytes, max_sentences: refuse larger input [2 GiB, 20,000,000]
    explain: keep every sentence's fate in Summary.trace
    query: what the summary answers, a question or a topic (str, or UTF-8 bytes, decoded
          here): TextRank leans toward the sentences whose TF-IDF cosine with it is high
          (Sentence.relevance). None: a generic summary. A query that cannot be used (no
          content word, or none of its words in the documents) is not an error: the summary
          is the generic one, Summary.query.status says why and a QueryWarning is issued.
    query_mix: how far (0..1) TextRank's teleport leans toward relevant sentences (0: not at
          all; ignored without a query) [0.8]
    """

    sentences: Optional[int] = None
    words: Optional[int] = None
    bytes: Optional[int] = None
    ratio: Optional[float] = None
    order: str = "auto"
    dedup: Optional[float] = None
    restate: Optional[float] = None
    min_words: Optional[int] = None
    damping: Optional[float] = None
    position_prior: Optional[float] = None
    edge_threshold: Optional[float] = None
    redundancy: Optional[float] = None
    lang: Optional[str] = None
    graph: str = "auto"
    threads: Optional[int] = None
    keywords: int = 0
    stopwords: Optional[str] = None
    max_bytes: Optional[int] = None
    max_sentences: Optional[int] = None
    explain: bool = False
    query: Optional[str] = None
    query_mix: Optional[float] = None

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        given = [b for b in _BUDGETS if getattr(self, b) is not None]
        if len(given) > 1:
            raise UsageError("give one length at a time (sentences, words, bytes or ratio)")
        if self.sentences is not None:
            _count(self.sentences, "sentences", 1, 1e7)
        for name in ("words", "bytes"):
            if getattr(self, name) is not None:
                _count(getattr(self, name), name, 1, 1e12)
        if self.ratio is not None:
            set_(self, "ratio", _real(self.ratio, "ratio", 0, 1, True, False,
                                      "a fraction 0 < R <= 1"))
        if self.order not in _ORDERS:
            raise _bad(self.order, "order", "source, rank, time or auto")
        if self.graph not in _GRAPHS:
            raise _bad(self.graph, "graph", "auto, dense, sparse or pruned")
        for name in ("dedup", "restate"):
            if getattr(self, name) is not None:
                set_(self, name, _real(getattr(self, name), name, 0, 1, True, False,
                                       "0 < T <= 1"))
        if self.damping is not None:
            set_(self, "damping", _real(self.damping, "damping", 0, 1, True, True,
                                        "0 < D < 1"))
        for name in ("position_prior", "redundancy"):
            if getattr(self, name) is not None:
                set_(self, name, _real(getattr(self, name), name, 0, 1, False, False,
                                       "0 <= P <= 1"))
        if self.edge_threshold is not None:
            set_(self, "edge_threshold", _real(self.edge_threshold, "edge_threshold", 0, 1,
                                               False, True, "0 <= T < 1"))
        if self.min_words is not None:
            _count(self.min_words, "min_words", 0, 1e6)
        if self.threads is not None:
            _count(self.threads, "threads", 1, 8)
        _count(self.keywords, "keywords", 0, 1e6)
        for name in ("max_bytes", "max_sentences"):
            if getattr(self, name) is not None:
                _count(getattr(self, name), name, 1, 1e15)
        if self.lang is not None:
            if not isinstance(self.lang, str) or not self.lang or "\0" in self.lang:
                raise _bad(self.lang, "lang", "a language code or name (see languages())")
            if self.lang == "auto":
                set_(self, "lang", None)
        if not isinstance(self.explain, bool):
            set_(self, "explain", bool(self.explain))
        if self.stopwords is not None:
            set_(self, "stopwords", _stopword_text(self.stopwords))
        if self.query is not None:
            set_(self, "query", _query_text(self.query))
        if self.query_mix is not None:
            set_(self, "query_mix", _real(self.query_mix, "query_mix", 0, 1, False, False,
                                          "0 <= P <= 1"))

    @property
    def budget(self) -> Tuple[str, float]:
        """The length budget as (unit, value): ("sentences", 5) by default."""
        for b in _BUDGETS:
            if getattr(self, b) is not None:
                return b, getattr(self, b)
        return "sentences", 5

    def replace(self, **changes: Any) -> "Options":
        """A copy with 'changes'; a length given replaces the length of these options."""
        if any(changes.get(b) is not None for b in _BUDGETS):
            changes = {**{b: None for b in _BUDGETS}, **changes}
        return replace(self, **changes)


def _stopword_text(value: Any) -> str:
    import os
    if isinstance(value, os.PathLike):
        with open(value, "rb") as f:
            data = f.read()
        return data.decode("utf-8", "surrogateescape")
    if isinstance(value, bytes):
        return value.decode("utf-8", "surrogateescape")
    if isinstance(value, str):
        return value
    try:
        words = list(value)
    except TypeError:
        raise _bad(value, "stopwords", "text, a list of words or a pathlib.Path") from None
    if not all(isinstance(w, str) for w in words):
        raise _bad(value, "stopwords", "text, a list of words or a pathlib.Path")
    return "".join(w + "\n" for w in words)


@dataclass(frozen=True)
class Support:
    """A sentence of another document that a summary sentence absorbed: a near-duplicate
    (cosine 'similarity' >= dedup; 'restates' 0) or a restatement ('restates': the share of
    content, >= restate)."""
    document: int
    index: int
    similarity: float
    restates: float = 0.0


@dataclass(frozen=True)
class Sentence:
    """One summary sentence: 'text' (NFC, white space collapsed), 'document' (index into
    Summary.documents), 'index' (sentence number in that document, 0-based), 'offset' and
    'length' (its bytes in the document as given: data[offset:offset + length]), 'score'
    (TextRank; all sentences' scores sum to 1), 'rank' (1 = best of the corpus) and
    'supported_by' (the sentences of other documents that say the same).

    With a query: 'relevance', the sentence's TF-IDF cosine with the query (0..1; None
    without a query), and 'query_words', where the query's words are in 'text': (start, end)
    character spans, text[start:end] being one word whose stem is a term of the query
    ("sanctioned" for "sanctions"); 'matched_words' lists those words."""
    text: str
    document: int
    index: int
    offset: int
    length: int
    score: float
    rank: int
    supported_by: Tuple[Support, ...] = ()
    relevance: Optional[float] = None
    query_words: Tuple[Tuple[int, int], ...] = ()

    def __str__(self) -> str:
        return self.text

    @property
    def matched_words(self) -> Tuple[str, ...]:
        """The words of 'text' that match the query, in order (empty without a query)."""
        return tuple(self.text[a:b] for a, b in self.query_words)


@dataclass(frozen=True)
class Keyword:
    """A keyword or key phrase: its most frequent spelling, the mean PageRank score of its
    words and how often it occurs in the candidate sentences."""
    text: str
    score: float
    count: int

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class DocumentInfo:
    """One input document as the summary saw it: its 'name' (the path, or the name given),
    'language' (code it was read in), 'title' (headline found, or None), 'dateline' (first wire
    dateline, or None), 'date' (ISO 8601, or None) and 'date_source' ("given", "text" or
    None), and its 'sentences', 'candidates' (not boilerplate) and size in 'bytes'."""
    index: int
    name: str
    language: Optional[str]
    title: Optional[str]
    dateline: Optional[str]
    date: Optional[str]
    date_source: Optional[str]
    sentences: int
    candidates: int
    bytes: int


@dataclass(frozen=True)
class Trace:
    """What happened to one sentence of the corpus (with explain=True): 'dropped' is the filter
    rule that removed it (None for a candidate); a candidate has 'score' and 'rank' (1 = best),
    is 'chosen' or 'skipped' for a reason ("duplicate", "restates", "budget", "not_reached",
    "short", "question", "points_back", "weak"); a duplicate or restatement names the trace
    index of the chosen sentence it repeats in 'duplicate_of', with 'similarity'. With a
    query, a candidate's 'relevance' is its cosine with the query (else None)."""
    document: int
    index: int
    paragraph: int
    text: str
    dropped: Optional[str]
    score: float
    rank: Optional[int]
    chosen: bool
    skipped: Optional[str]
    duplicate_of: Optional[int]
    similarity: Optional[float]
    relevance: Optional[float] = None


@dataclass(frozen=True)
class Query:
    """What became of the query (Summary.query, the JSON's top-level "query"): its 'text',
    'status' "used" (the summary answers it), "empty" (no content word: empty, punctuation,
    stopwords) or "absent" (none of its words is in the documents), and for the last two the
    'problem' in the CLI's words (None when used). Unless used, the summary is the generic
    one."""
    text: str
    status: str
    problem: Optional[str] = None

    @property
    def used(self) -> bool:
        return self.status == "used"


@dataclass(frozen=True)
class Summary:
    """The result of summarize(): 'sentences' in output order, 'keywords' (best first),
    'documents' (in input order), the 'order' applied ("source", "rank" or "time"; "auto"
    resolved), the corpus's 'corpus_sentences' and 'candidates', TextRank's 'iterations', the
    'options' used, 'trace' (every sentence, with explain=True; else empty) and 'query'
    (None without a query, else a Query: whether the summary answers it, or why not).

    str(summary) is the plain text: print(summary) writes exactly what the precis command
    writes with the same options (one sentence per line; with keywords, a blank line and
    "Keywords: a, b, c")."""
    sentences: Tuple[Sentence, ...]
    keywords: Tuple[Keyword, ...]
    documents: Tuple[DocumentInfo, ...]
    order: str
    corpus_sentences: int
    candidates: int
    iterations: int
    options: Options = field(default_factory=Options)
    trace: Tuple[Trace, ...] = ()
    query: Optional[Query] = None
    # The options as the library read them (its defaults filled in) and its version, for
    # to_dict(): a tuple of (key, value) pairs in the JSON's order.
    _resolved: Tuple[Tuple[str, Any], ...] = field(default=(), repr=False, compare=False)

    def __str__(self) -> str:
        text = "\n".join(s.text for s in self.sentences)
        if self.keywords:
            text += "\n\nKeywords: " + ", ".join(k.text for k in self.keywords)
        return text

    def __len__(self) -> int:
        return len(self.sentences)

    def __iter__(self):
        return iter(self.sentences)

    @property
    def text(self) -> str:
        """The summary sentences, one per line (without the keywords)."""
        return "\n".join(s.text for s in self.sentences)

    def to_dict(self) -> Dict[str, Any]:
        """The summary as plain dicts and lists: the object 'precis -f json' prints with the
        same options (and a 'precis batch' line's "result"), the same keys in the same order
        and the same values, but for numbers at full precision where the JSON rounds them to
        6 significant digits. Keys: "options" (every option's value as the library used it,
        its defaults filled in, and the library's "version"), "corpus", "query" (with a
        query), "summary" (each sentence's "relevance" with a query) and "keywords" (when
        asked for)."""
        o = self.options
        unit, value = o.budget
        opts: Dict[str, Any] = dict(self._resolved)
        if not opts:  # built by hand, not by summarize(): what the options say
            opts = {"budget": None, "dedup": o.dedup, "restate": o.restate,
                    "language": None, "order": None, "min_words": o.min_words,
                    "damping": o.damping, "position_prior": o.position_prior,
                    "redundancy": o.redundancy, "edge_threshold": o.edge_threshold,
                    "keywords": None, "query": None, "query_mix": o.query_mix}
        opts["budget"] = {"unit": unit, "value": value if unit == "ratio" else int(value)}
        opts["language"] = o.lang or "auto"
        opts["order"] = self.order
        opts["keywords"] = o.keywords
        if o.query is None:
            opts.pop("query", None)
            opts.pop("query_mix", None)
        else:
            opts["query"] = o.query
        out: Dict[str, Any] = {
            "options": {k: v for k, v in opts.items() if v is not None},
            "corpus": {"sentences": self.corpus_sentences, "candidates": self.candidates,
                       "documents": [{"index": d.index, "name": d.name, "title": d.title,
                                      "dateline": d.dateline, "date": d.date,
                                      "date_source": d.date_source, "language": d.language,
                                      "sentences": d.sentences, "candidates": d.candidates,
                                      "bytes": d.bytes} for d in self.documents]},
        }
        query = o.query is not None
        if query:
            q = self.query
            out["query"] = {"text": o.query, "status": q.status if q else "used",
                            "problem": q.problem if q else None}
        summary = []
        for s in self.sentences:
            x: Dict[str, Any] = {"text": s.text, "document": s.document, "index": s.index,
                                 "offset": s.offset, "length": s.length, "score": s.score,
                                 "rank": s.rank}
            if query:
                x["relevance"] = s.relevance if s.relevance is not None else 0.0
            x["supported_by"] = [
                {"document": p.document, "index": p.index, "similarity": p.similarity,
                 **({"restates": p.restates} if p.restates else {})} for p in s.supported_by]
            summary.append(x)
        out["summary"] = summary
        if o.keywords:
            out["keywords"] = [{"text": k.text, "score": k.score, "count": k.count}
                               for k in self.keywords]
        return out


@dataclass(frozen=True)
class Language:
    """A language precis knows: 'code' ("de"), English 'name', Snowball 'stemmer' (None where
    words are character bigrams: Chinese, Japanese, Korean) and the sizes of its built-in
    stopword and abbreviation lists."""
    code: str
    name: str
    stemmer: Optional[str]
    stopwords: int
    abbreviations: int


@dataclass(frozen=True)
class RougeScore:
    """Recall, precision and F of one ROUGE metric."""
    recall: float
    precision: float
    f: float


@dataclass(frozen=True)
class RougeResult:
    """ROUGE scores, the mean over all scoring instances: 'scores' maps the metric name
    ("ROUGE-1" .. "ROUGE-N", "ROUGE-L", "ROUGE-SU4") to its RougeScore; 'instances' counts them;
    'per_cluster' maps a cluster id to its scores (data-set mode); 'missing' lists the clusters
    without a summary. result["ROUGE-2"] is result.scores["ROUGE-2"]. str() is the text
    'precis rouge' prints (with --per-cluster for a data set)."""
    scores: Dict[str, RougeScore]
    instances: int
    per_cluster: Dict[str, Dict[str, RougeScore]] = field(default_factory=dict)
    missing: Tuple[str, ...] = ()

    def __getitem__(self, metric: str) -> RougeScore:
        return self.scores[metric]

    def __str__(self) -> str:
        lines = [f"{cid} {m} R:{s.recall:.5f} P:{s.precision:.5f} F:{s.f:.5f}"
                 for cid, per in self.per_cluster.items() for m, s in per.items()]
        lines += [f"{m} R:{s.recall:.5f} P:{s.precision:.5f} F:{s.f:.5f}"
                  for m, s in self.scores.items()]
        return "\n".join(lines)


def _option_names() -> Tuple[str, ...]:
    return tuple(f.name for f in fields(Options))
