"""Every call into libprecis, in one place (with the declarations of _cdef.py).

What this module knows of the C API: the names of functions, struct fields and enum constants
(never a layout: cffi takes those from the header at build time), how options are initialized
(always through precis_options_init, so fields added later keep their defaults), which status
means what, and how results are copied out before the C objects are freed. cffi releases the
GIL around every call, so the pipeline runs while other Python threads do.
"""
from __future__ import annotations

from typing import List, Optional, Sequence, Tuple

from ._precis import ffi, lib
from ._types import (DocumentInfo, InputError, Keyword, Language, Options, Query, RougeScore,
                     Sentence, Summary, Support, Trace, UsageError)

# precis_sentence.rank and precis_trace.rank count from this (1 since libprecis 0.2.0, as the
# JSON output and the Python API count).
RANK_BASE = 1

_STATUS = {getattr(lib, "PRECIS_ERR_" + n.upper()): n for n in (
    "nomem", "invalid_arg", "utf8", "binary", "utf16", "empty", "no_sentences", "too_large",
    "stopwords", "language", "io", "format", "graph_limit", "date")}
_BUDGET = {"sentences": lib.PRECIS_BUDGET_SENTENCES, "words": lib.PRECIS_BUDGET_WORDS,
           "bytes": lib.PRECIS_BUDGET_BYTES, "ratio": lib.PRECIS_BUDGET_RATIO}
_ORDER = {"source": lib.PRECIS_ORDER_SOURCE, "rank": lib.PRECIS_ORDER_RANK,
          "time": lib.PRECIS_ORDER_TIME, "auto": lib.PRECIS_ORDER_AUTO}
_ORDER_NAME = {v: k for k, v in _ORDER.items()}
_GRAPH = {"auto": lib.PRECIS_GRAPH_AUTO, "dense": lib.PRECIS_GRAPH_DENSE,
          "sparse": lib.PRECIS_GRAPH_SPARSE, "pruned": lib.PRECIS_GRAPH_PRUNED}
_DATE_SOURCE = {lib.PRECIS_DATE_GIVEN: "given", lib.PRECIS_DATE_TEXT: "text"}
_SKIP = {lib.PRECIS_SKIP_SHORT: "short", lib.PRECIS_SKIP_DUPLICATE: "duplicate",
         lib.PRECIS_SKIP_BUDGET: "budget", lib.PRECIS_SKIP_NOT_REACHED: "not_reached",
         lib.PRECIS_SKIP_QUESTION: "question", lib.PRECIS_SKIP_POINTS_BACK: "points_back",
         lib.PRECIS_SKIP_RESTATES: "restates", lib.PRECIS_SKIP_WEAK: "weak"}
# What became of the query: the JSON's "status" ("problem": the library's words for it).
_QUERY = {lib.PRECIS_QUERY_USED: "used", lib.PRECIS_QUERY_EMPTY: "empty",
          lib.PRECIS_QUERY_ABSENT: "absent"}
_NONE = ffi.cast("size_t", -1)  # (size_t)-1: "none" in precis_trace.duplicate_of
_SIZE_NONE = int(_NONE)


def _str(p) -> Optional[str]:
    return None if p == ffi.NULL else ffi.string(p).decode("utf-8", "replace")


def strerror(status: int) -> str:
    return ffi.string(lib.precis_strerror(status)).decode()


def error(status: int, message: str):
    """The exception for library status 'status' with 'message'."""
    name = _STATUS.get(status, str(status))
    if status == lib.PRECIS_ERR_NOMEM:
        return MemoryError(message)
    if status in (lib.PRECIS_ERR_INVALID_ARG, lib.PRECIS_ERR_LANGUAGE):
        return UsageError(message, name)
    return InputError(message, name)


def version() -> str:
    return ffi.string(lib.precis_version()).decode()


def version_number() -> int:
    return int(lib.precis_version_number())


def languages() -> List[Language]:
    out = []
    lang = ffi.new("precis_language *")
    for i in range(lib.precis_language_count()):
        if lib.precis_language_get(i, lang) == lib.PRECIS_OK:
            out.append(Language(_str(lang.code), _str(lang.name), _str(lang.stemmer),
                                lang.n_stopwords, lang.n_abbreviations))
    return out


def _c_options(o: Options, keep: list):
    """A precis_options for 'o': the library's defaults, then what 'o' sets. 'keep' holds the
    buffers the struct points to for as long as it is used."""
    c = ffi.new("precis_options *")
    lib.precis_options_init(c)
    unit, value = o.budget
    if any(getattr(o, b) is not None for b in _BUDGET):
        c.budget_kind = _BUDGET[unit]
        c.budget = value
    c.order = _ORDER[o.order]
    c.graph = _GRAPH[o.graph]
    for name in ("dedup", "restate", "damping", "position_prior", "edge_threshold",
                 "redundancy", "min_words", "threads"):
        if getattr(o, name) is not None:
            setattr(c, name, getattr(o, name))
    c.keywords = o.keywords
    c.explain = 1 if o.explain else 0
    if o.max_bytes is not None:
        c.max_input_bytes = o.max_bytes
    if o.max_sentences is not None:
        c.max_sentences = o.max_sentences
    if o.lang is not None:
        lang = ffi.new("char[]", o.lang.encode())
        keep.append(lang)
        c.language = lang
    if o.stopwords is not None:
        words = o.stopwords.encode("utf-8", "surrogateescape")
        buf = ffi.new("char[]", words)
        keep.append(buf)
        c.stopwords = buf
        c.stopwords_len = len(words)
    if o.query is not None:  # NUL-terminated UTF-8, alive in 'keep' for the call
        query = ffi.new("char[]", o.query.encode("utf-8"))
        keep.append(query)
        c.query = query
    if o.query_mix is not None:
        c.query_mix = o.query_mix
    return c


def _resolved(c) -> tuple:
    """The options as the library reads them, in the JSON's order (see Summary.to_dict())."""
    out = [("version", version()), ("budget", None), ("dedup", c.dedup),
           ("restate", c.restate), ("language", None), ("order", None),
           ("min_words", c.min_words), ("damping", c.damping),
           ("position_prior", c.position_prior), ("redundancy", c.redundancy),
           ("edge_threshold", c.edge_threshold), ("keywords", c.keywords)]
    if c.query != ffi.NULL:
        out += [("query", None), ("query_mix", c.query_mix)]
    return tuple(out)


Doc = Tuple[str, object, Optional[str]]  # name, data (bytes-like, or a function reading
#                                         them), date or None


def summarize(docs: Sequence[Doc], o: Options) -> Summary:
    """Summarizes 'docs' (name, UTF-8 bytes or a function returning them, ISO date or None)
    with 'o'. Raises InputError,
    UsageError or MemoryError with the message the CLI would print."""
    keep: list = []
    copt = _c_options(o, keep)
    pc = ffi.new("precis_corpus **")
    if lib.precis_corpus_new(pc) != lib.PRECIS_OK:
        raise MemoryError("out of memory")
    corpus = pc[0]
    ps = ffi.new("precis_summary **")
    try:
        for i, (name, data, date) in enumerate(docs):
            bname = name.encode("utf-8", "surrogateescape").replace(b"\0", b"?")
            if callable(data):  # a file, read now and dropped once the corpus holds it
                data = data()
            if not isinstance(data, bytes):
                data = ffi.from_buffer(data)
            st = lib.precis_corpus_add(corpus, bname, data, len(data))
            if st != lib.PRECIS_OK:
                detail = ffi.string(lib.precis_corpus_error(corpus)).decode("utf-8", "replace")
                raise error(st, f"{name}: {detail or strerror(st)}")
            if date is not None:
                st = lib.precis_corpus_set_date(corpus, i, date.encode())
                if st == lib.PRECIS_ERR_DATE:
                    detail = ffi.string(lib.precis_corpus_error(corpus)).decode()
                    raise UsageError(f"invalid date {date!r} for {name}: {detail}", "date")
                if st != lib.PRECIS_OK:
                    raise error(st, f"{name}: {strerror(st)}")
        st = lib.precis_summarize(corpus, copt, ps)
        if st == lib.PRECIS_ERR_UTF8 and o.query is not None:  # documents were checked when added
            raise InputError("query: the query is not UTF-8 text", "utf8")
        if st != lib.PRECIS_OK:
            what = docs[0][0] if len(docs) == 1 else "input"
            if st == lib.PRECIS_ERR_LANGUAGE:
                raise UsageError(f"lang {o.lang!r}: unsupported language (see "
                                 f"precis.languages())", "language")
            if st == lib.PRECIS_ERR_TOO_LARGE:
                raise InputError(f"{what}: input exceeds a limit (see max_bytes, "
                                 f"max_sentences)", "too_large")
            raise error(st, f"{what}: {strerror(st)}")
        s = ps[0]
        if lib.precis_summary_count(s) == 0:
            raise InputError("no sentence fits within the length budget", "no_fit")
        return _copy_summary(s, o, [d[0] for d in docs], _resolved(copt))
    finally:
        lib.precis_summary_free(ps[0])
        lib.precis_corpus_free(corpus)


def _rank(r: int) -> int:
    return r - RANK_BASE + 1


def _spans(text: bytes, pairs, n: int) -> Tuple[Tuple[int, int], ...]:
    """n (offset, length) byte pairs of UTF-8 'text' as (start, end) character spans."""
    out = []
    for k in range(n):
        off, length = pairs[2 * k], pairs[2 * k + 1]
        start = len(text[:off].decode("utf-8", "replace"))
        out.append((start, start + len(text[off:off + length].decode("utf-8", "replace"))))
    return tuple(out)


def _copy_summary(s, o: Options, names: List[str], resolved: tuple = ()) -> Summary:
    query = o.query is not None
    sentences = []
    for i in range(lib.precis_summary_count(s)):
        t = lib.precis_summary_sentence(s, i)
        support = tuple(Support(x.doc, x.index, x.similarity, x.restates)
                        for x in (t.support[k] for k in range(t.n_support)))
        text = ffi.unpack(t.text, t.text_len)
        words = _spans(text, t.query_words, t.n_query_words) if query else ()
        sentences.append(Sentence(text.decode("utf-8", "replace"), t.doc, t.index, t.offset,
                                  t.length, t.score, _rank(t.rank), support,
                                  t.relevance if query else None, words))
    keywords = []
    for i in range(lib.precis_summary_keyword_count(s)):
        k = lib.precis_summary_keyword(s, i)
        keywords.append(Keyword(ffi.unpack(k.text, k.text_len).decode("utf-8", "replace"),
                                k.score, k.count))
    documents = []
    for i in range(lib.precis_summary_document_count(s)):
        d = lib.precis_summary_document(s, i)
        documents.append(DocumentInfo(
            i, names[i], _str(lib.precis_summary_document_language(s, i)), _str(d.title),
            _str(d.dateline), _str(d.date), _DATE_SOURCE.get(d.date_source), d.n_sentences,
            d.n_candidates, d.bytes))
    trace = []
    for i in range(lib.precis_summary_trace_count(s)):
        t = lib.precis_summary_trace(s, i)
        dropped = _str(t.dropped)
        dup = None if t.duplicate_of == _SIZE_NONE else t.duplicate_of
        trace.append(Trace(t.doc, t.index, t.paragraph, _str(t.text), dropped,
                           t.score, None if dropped else _rank(t.rank), bool(t.chosen),
                           _SKIP.get(t.skipped), dup, None if dup is None else t.similarity,
                           t.relevance if query and not dropped else None))
    q = None
    if query:
        qs = lib.precis_summary_query_status(s)
        q = Query(o.query, _QUERY.get(qs, "used"), _str(lib.precis_query_problem(qs)))
    return Summary(tuple(sentences), tuple(keywords), tuple(documents),
                   _ORDER_NAME.get(lib.precis_summary_order(s), "source"),
                   lib.precis_summary_corpus_sentences(s), lib.precis_summary_candidates(s),
                   lib.precis_summary_iterations(s), o, tuple(trace), q, resolved)


class Rouge:
    """A ROUGE scorer (one thread at a time, like the C one)."""

    def __init__(self, max_n: int, stem: bool, remove_stopwords: bool, word_limit: int,
                 byte_limit: int, jackknife: bool, alpha: float):
        c = ffi.new("precis_rouge_options *")
        lib.precis_rouge_options_init(c)
        c.max_n, c.stem, c.remove_stopwords = max_n, int(stem), int(remove_stopwords)
        c.word_limit, c.byte_limit = word_limit, byte_limit
        c.jackknife, c.alpha = int(jackknife), alpha
        pr = ffi.new("precis_rouge **")
        st = lib.precis_rouge_new(c, ffi.NULL, 0, pr)
        if st != lib.PRECIS_OK:
            raise error(st, f"rouge: {strerror(st)}")
        self._r = ffi.gc(pr[0], lib.precis_rouge_free)
        self.metrics = [ffi.string(lib.precis_rouge_metric_name(self._r, m)).decode()
                        for m in range(lib.precis_rouge_metric_count(self._r))]

    def score(self, peer: bytes, refs: Sequence[bytes]) -> List[List[RougeScore]]:
        """Every instance's scores of 'peer' against 'refs', per metric."""
        n_m = len(self.metrics)
        n_inst = lib.precis_rouge_instance_count(self._r, len(refs))
        texts = [ffi.from_buffer(r) for r in refs]
        arr = ffi.new("const char *[]", texts) if refs else ffi.NULL
        lens = ffi.new("size_t[]", [len(r) for r in refs]) if refs else ffi.NULL
        out = ffi.new("precis_rouge_score[]", max(1, n_inst * n_m))
        st = lib.precis_rouge_score_instances(self._r, peer, len(peer), arr, lens, len(refs),
                                              out)
        if st != lib.PRECIS_OK:
            raise error(st, strerror(st))
        return [[RougeScore(out[i * n_m + m].recall, out[i * n_m + m].precision,
                            out[i * n_m + m].f) for m in range(n_m)] for i in range(n_inst)]
