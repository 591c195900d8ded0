"""The public functions: inputs as Python users hold them (text, paths, directories, records),
turned into documents for the library."""
import functools
import os
import stat
import warnings
from concurrent.futures import ThreadPoolExecutor
from typing import (Any, Iterable, List, Mapping, Optional, Sequence, Tuple, Union)

from . import _capi
from ._types import (InputError, Language, Options, QueryWarning, RougeResult, RougeScore,
                     Summary, UsageError, _option_names)

__all__ = ["summarize", "summarize_many", "rouge", "languages", "version", "version_number"]

PathLike = Union[str, "os.PathLike[str]"]
#: One input: text (str or bytes), a path (pathlib.Path, or a str naming an existing file or
#: directory), or a document record {"text": ..., "name": ..., "date": ...}.
Input = Union[str, bytes, "os.PathLike[str]", Mapping[str, Any]]
Inputs = Union[Input, Iterable[Input]]

_OPTION_NAMES = frozenset(_option_names())
_BYTES = bytes  # the parameters named 'bytes' hide the type inside summarize() and rouge()
_BUDGETS = ("sentences", "words", "bytes", "ratio")


def version() -> str:
    """The version of the libprecis loaded ("0.2.0"): precis_version(), what 'precis
    --version' prints."""
    return _capi.version()


def version_number() -> int:
    """The same as one number, MAJOR * 10000 + MINOR * 100 + PATCH (20000 for "0.2.0"):
    precis_version_number(), for comparisons."""
    return _capi.version_number()


def languages() -> List[Language]:
    """Every language precis knows (what 'precis --list-languages' prints)."""
    return _capi.languages()


# ---- inputs ---------------------------------------------------------------------------------

def _is_path(s: str) -> bool:
    """A str is a path when it names an existing file or directory (and could be one: one
    line, no NUL, not too long for a path)."""
    if "\n" in s or "\0" in s or len(s) > 4096 or not s:
        return False
    try:
        return os.path.exists(s)
    except (OSError, ValueError):
        return False


def _walk(top: str, out: List[str], on_path: Tuple[Tuple[int, int], ...]) -> None:
    """The regular files below 'top', sorted by path as the CLI sorts them (byte order, each
    directory's entries before descending); directories already on the current path (symlink
    loops) and dangling symlinks are skipped."""
    st = os.stat(top)
    key = (st.st_dev, st.st_ino)
    if key in on_path:
        return
    if len(on_path) == 64:
        raise InputError(f"{top}: directories nested too deeply")
    sep = "" if top.endswith("/") else "/"
    names = sorted((top + sep + e for e in os.listdir(top)), key=os.fsencode)
    for p in names:
        try:
            s = os.stat(p)
        except FileNotFoundError:
            if os.path.islink(p):
                continue  # a dangling symlink is not a document
            raise
        if stat.S_ISDIR(s.st_mode):
            _walk(p, out, on_path + (key,))
        elif stat.S_ISREG(s.st_mode):
            out.append(p)


def _read(path: str, limit: int) -> bytes:
    with open(path, "rb") as f:
        st = os.fstat(f.fileno())
        if stat.S_ISREG(st.st_mode) and st.st_size > limit:
            raise InputError(f"{path}: input exceeds the size limit (see max_bytes)",
                             "too_large")
        if stat.S_ISREG(st.st_mode):
            data = f.read()  # sized from fstat: one allocation
        else:  # a pipe or a device: read up to the limit, never without end
            chunks, n = [], 0
            while n <= limit:
                chunk = f.read(min(1 << 20, limit + 1 - n))
                if not chunk:
                    break
                chunks.append(chunk)
                n += len(chunk)
            data = b"".join(chunks)
    if len(data) > limit:
        raise InputError(f"{path}: input exceeds the size limit (see max_bytes)", "too_large")
    return data


def _path_docs(path: str, limit: int) -> List[Tuple[str, Any, None]]:
    if os.path.isdir(path):
        files: List[str] = []
        _walk(path, files, ())
        if not files:
            raise InputError(f"{path}: directory holds no files")
        return [(p, functools.partial(_read, p, limit), None) for p in files]
    return [(path, functools.partial(_read, path, limit), None)]


def read_inputs(inputs: Optional[Inputs] = None, *, texts: Optional[Iterable[Any]] = None,
                paths: Optional[Iterable[PathLike]] = None,
                max_bytes: Optional[int] = None) -> List[Tuple[str, Any, Optional[str]]]:
    """The documents of 'inputs' as (name, data, date or None), in order; what summarize()
    does with its first arguments. 'data' is the bytes of a text, or for a file a function
    that reads it (files are read one at a time as they are added to the corpus, as the
    precis command does, so that the corpus is never held twice). A directory is every regular
    file below it, sorted by path, as the precis command reads it."""
    limit = max_bytes if max_bytes is not None else 2 << 30
    docs: List[Tuple[str, Any, Optional[str]]] = []

    def text_doc(t: Any, name: Optional[str] = None, date: Optional[str] = None) -> None:
        name = name if name is not None else f"documents[{len(docs)}]"
        if isinstance(t, str):
            data: Any = t.encode("utf-8", "surrogatepass")
        elif isinstance(t, (bytes, bytearray, memoryview)):
            data = t
        else:
            raise UsageError(f"invalid document {type(t).__name__}: expected text (str or "
                             f"bytes), a path or a {{'text': ...}} record")
        if len(data) > limit:
            raise InputError(f"{name}: input exceeds the size limit (see max_bytes)",
                             "too_large")
        if date is not None and not isinstance(date, str):
            raise UsageError(f"invalid date {date!r} for {name}: expected an ISO 8601 string")
        docs.append((str(name), data, date))

    def one(x: Any) -> None:
        if isinstance(x, os.PathLike):
            docs.extend(_path_docs(os.fspath(x), limit))
        elif isinstance(x, str):
            if _is_path(x):
                docs.extend(_path_docs(x, limit))
            else:
                text_doc(x)
        elif isinstance(x, (bytes, bytearray, memoryview)):
            text_doc(x)
        elif isinstance(x, Mapping):
            if "text" not in x:
                raise UsageError("a document record needs 'text' ({'name': ..., 'text': ..., "
                                 "'date': ...})")
            text_doc(x["text"], x.get("name"), x.get("date"))
        else:
            raise UsageError(f"invalid input {type(x).__name__}: expected text, a path, a "
                             f"document record or a list of them")

    if inputs is not None:
        if isinstance(inputs, (str, bytes, bytearray, memoryview, os.PathLike, Mapping)):
            one(inputs)
        else:
            try:
                items = list(inputs)
            except TypeError:
                raise UsageError(f"invalid input {type(inputs).__name__}: expected text, a "
                                 f"path, a document record or a list of them") from None
            for x in items:
                one(x)
    for t in texts if texts is not None else ():
        if isinstance(t, Mapping):
            one(t)
        else:
            text_doc(t)
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    for p in paths if paths is not None else ():
        if not isinstance(p, (str, os.PathLike)):
            raise UsageError(f"invalid path {p!r}")
        docs.extend(_path_docs(os.fspath(p), limit))
    if not docs:
        raise UsageError("no input: give text, paths, a directory or document records")
    return docs


def _apply_dates(docs: List[Tuple[str, Any, Optional[str]]],
                 dates: Mapping[Union[str, int], str]) -> None:
    """dates={NAME_OR_INDEX: DATE}: a name matches a document whose name is it or ends with
    '/' and it, as the CLI's --date FILE=DATE; an int is the document's index."""
    for key, date in dates.items():
        if not isinstance(date, str):
            raise UsageError(f"invalid date {date!r} for {key!r}: expected an ISO 8601 string")
        if isinstance(key, int) and not isinstance(key, bool):
            if not 0 <= key < len(docs):
                raise UsageError(f"invalid key {key} in dates: there are {len(docs)} documents")
            found = key
        elif isinstance(key, (str, os.PathLike)):
            k = os.fspath(key)
            hits = [i for i, d in enumerate(docs) if d[0] == k]
            if not hits:
                hits = [i for i, d in enumerate(docs) if d[0].endswith("/" + k)]
            if len(hits) != 1:
                raise UsageError(f"invalid key {k!r} in dates: "
                                 f"{'no' if not hits else 'more than one'} input is named {k!r}")
            found = hits[0]
        else:
            raise UsageError(f"invalid key {key!r} in dates: expected a name or an index")
        name, data, _ = docs[found]
        docs[found] = (name, data, date)


# ---- summarize ------------------------------------------------------------------------------

def _options(options: Optional[Options], given: Mapping[str, Any]) -> Options:
    changes = {k: v for k, v in given.items() if v is not None}
    if options is None:
        return Options(**changes)
    if not isinstance(options, Options):
        raise UsageError(f"invalid options {options!r}: expected precis.Options")
    if len([b for b in _BUDGETS if b in changes]) > 1:
        raise UsageError("give one length at a time (sentences, words, bytes or ratio)")
    return options.replace(**changes) if changes else options


def _record_options(raw: Any) -> dict:
    """A batch record's "options": the CLI's long names ('-' or '_'; "language" for "lang"),
    numbers or strings."""
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise UsageError("a record's 'options' must be an object")
    out: dict = {}
    for key, value in raw.items():
        name = str(key).replace("-", "_")
        name = "lang" if name == "language" else name
        if name not in _OPTION_NAMES or name in ("stopwords", "explain"):
            raise UsageError(f"unknown option {key!r}")
        if name in ("lang", "query") and not isinstance(value, str):
            raise UsageError(f"option {key!r}: expected a string")
        if isinstance(value, str) and name not in ("order", "graph", "lang", "query"):
            try:
                value = int(value) if value.strip().isdigit() else float(value)
            except ValueError:
                raise UsageError(f"invalid value {value!r} for option {key!r}") from None
        out[name] = value
    return out


def summarize(inputs: Optional[Inputs] = None, options: Optional[Options] = None, *,
              texts: Optional[Iterable[Any]] = None,
              paths: Optional[Iterable[PathLike]] = None,
              dates: Optional[Mapping[Union[str, int], str]] = None,
              sentences: Optional[int] = None, words: Optional[int] = None,
              bytes: Optional[int] = None, ratio: Optional[float] = None,
              lang: Optional[str] = None, order: Optional[str] = None,
              dedup: Optional[float] = None, restate: Optional[float] = None,
              min_words: Optional[int] = None, damping: Optional[float] = None,
              position_prior: Optional[float] = None, edge_threshold: Optional[float] = None,
              redundancy: Optional[float] = None, graph: Optional[str] = None,
              threads: Optional[int] = None, keywords: Optional[int] = None,
              stopwords: Any = None, max_bytes: Optional[int] = None,
              max_sentences: Optional[int] = None, explain: Optional[bool] = None,
              query: Optional[Union[str, _BYTES]] = None,
              query_mix: Optional[float] = None) -> Summary:
    """Summarizes one article or a cluster of articles together into a Summary.

    'inputs' is one input or a list of them, each one document:
      - a pathlib.Path (or any os.PathLike): a file, or a directory meaning every regular file
        below it, sorted by path, as the precis command reads it;
      - a str: a path when it names an existing file or directory, else the text itself
        (use texts= or paths= to say which; a str with a line break is always text);
      - bytes: the document's bytes (UTF-8; checked by the library as a file's are);
      - a dict {"text": ..., "name": ..., "date": ...}: a document of a 'precis batch' record
        ("name" and "date" optional);
      - a 'precis batch' record {"documents": [...], "query": ..., "options": {...}}: its
        documents (texts, never paths), with its options over those given here and its
        "query" (a string) over theirs, as 'precis batch' reads a line.
    Text documents are named "documents[i]" unless named. 'dates' gives documents their dates
    ({"a.txt": "2023-09-17"} or {0: "2023-09-17T08:00+09:00"}), as --date does.

    The keyword options are those of precis.Options (the precis command's long options),
    over 'options' when it is given. The GIL is released while the library works.

    query= makes the summary answer a question or a topic (--query): "What did the talks
    decide?". Each sentence then has a 'relevance' (cosine with the query) and Summary.query
    says whether the query was used. A query that cannot be used (empty, only stopwords, or
    words the documents never use) is not an error: the summary is the generic one, its
    Summary.query.status is "empty" or "absent", and a precis.QueryWarning is issued, as the
    precis command warns on stderr. query_mix (0..1, default 0.8) is how far the ranking
    leans toward the query (--query-mix).

    Raises InputError (the input cannot be summarized; the CLI's exit status 1), UsageError
    (an invalid option or argument; exit status 2), MemoryError, and OSError when a file
    cannot be read.
    """
    given = dict(sentences=sentences, words=words, bytes=bytes, ratio=ratio, lang=lang,
                 order=order, dedup=dedup, restate=restate, min_words=min_words,
                 damping=damping, position_prior=position_prior,
                 edge_threshold=edge_threshold, redundancy=redundancy, graph=graph,
                 threads=threads, keywords=keywords, stopwords=stopwords, max_bytes=max_bytes,
                 max_sentences=max_sentences, explain=explain, query=query,
                 query_mix=query_mix)
    if isinstance(inputs, Mapping) and "documents" in inputs:
        record = inputs
        documents = record["documents"]
        if isinstance(documents, (str, _BYTES)) or not isinstance(documents, Iterable):
            raise UsageError("a record's 'documents' must be a list of {'text': ...} objects")
        # A record's documents are texts, never paths: records come from data, as in 'precis
        # batch', and must not make precis read local files.
        inputs, texts = None, [*documents, *(texts or ())]
        rec = _record_options(record.get("options"))
        if any(b in rec for b in _BUDGETS):
            rec = {**{b: None for b in _BUDGETS}, **rec}
        if record.get("query") is not None:  # the line's question, over its options'
            if not isinstance(record["query"], str):
                raise UsageError("'query' must be a string")
            rec["query"] = record["query"]
        options = _options(options, given)
        opts = options.replace(**rec) if rec else options
    else:
        opts = _options(options, given)
    docs = read_inputs(inputs, texts=texts, paths=paths, max_bytes=opts.max_bytes)
    if dates:
        _apply_dates(docs, dates)
    result = _capi.summarize(docs, opts)
    _warn_query(result)
    return result


def _warn_query(s: Summary) -> None:
    """The CLI's warning for a query it could not use, as a QueryWarning for the caller."""
    q = s.query
    if q is not None and q.status != "used":
        warnings.warn(QueryWarning(f"query {q.text!r}: {q.problem}: the summary is the "
                                   f"generic one", q.text, q.status, q.problem), stacklevel=3)


def summarize_many(items: Iterable[Any], options: Optional[Options] = None, *,
                   workers: Optional[int] = None, return_exceptions: bool = False,
                   **kwargs: Any) -> List[Any]:
    """summarize() of each item, in order: each item is what summarize() takes as 'inputs'
    (a text, a path, a list of them, a 'precis batch' record ...), with the same options and
    keyword arguments for all. 'workers' threads summarize at once (default: the number of
    processors); each call then uses one thread of its own unless threads= says otherwise,
    and the results are the same as one by one. With return_exceptions=True an item that
    fails gives its exception in its place instead of raising it."""
    items = list(items)
    n = workers if workers is not None else (os.cpu_count() or 1)
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise UsageError(f"invalid value {workers!r} for workers: expected a whole number >= 1")
    if n > 1 and kwargs.get("threads") is None and (options is None or options.threads is None):
        kwargs["threads"] = 1

    def run(item: Any) -> Any:
        try:
            return summarize(item, options, **kwargs)
        except (InputError, UsageError, MemoryError, OSError) as e:
            if return_exceptions:
                return e
            raise

    if n == 1 or len(items) <= 1:
        return [run(x) for x in items]
    with ThreadPoolExecutor(max_workers=min(n, len(items))) as pool:
        return list(pool.map(run, items))


# ---- ROUGE ----------------------------------------------------------------------------------

def _rouge_text(x: Any, what: str) -> bytes:
    if isinstance(x, Summary):
        return (x.text + "\n").encode()
    if isinstance(x, os.PathLike) or (isinstance(x, str) and _is_path(x)
                                      and os.path.isfile(x)):
        with open(x, "rb") as f:
            return f.read()
    if isinstance(x, str):
        return x.encode("utf-8", "surrogatepass")
    if isinstance(x, (bytes, bytearray)):
        return bytes(x)
    raise UsageError(f"invalid {what} {type(x).__name__}: expected text, a path or a Summary")


def _ref_files(d: str) -> List[str]:
    """The reference files of directory 'd': regular files, sorted, not '.'-files or
    meta.json (as 'precis rouge')."""
    return sorted((os.path.join(d, n) for n in os.listdir(d)
                   if not n.startswith(".") and n != "meta.json"
                   and os.path.isfile(os.path.join(d, n))), key=os.fsencode)


def _dataset(root: str) -> List[Tuple[str, List[str]]]:
    """The clusters of a reference data set, as 'precis rouge' finds them: each subdirectory
    with files in its refs/ (or in itself); without subdirectories, files named
    <cluster>.<anything>."""
    names = sorted(n for n in os.listdir(root) if not n.startswith("."))
    subdirs = [n for n in names if os.path.isdir(os.path.join(root, n))]
    clusters: List[Tuple[str, List[str]]] = []
    for s in subdirs:
        d = os.path.join(root, s)
        if os.path.isdir(os.path.join(d, "refs")):
            d = os.path.join(d, "refs")
        files = _ref_files(d)
        if files:
            clusters.append((s, files))
    if not subdirs:
        byid: dict = {}
        for f in _ref_files(root):
            base = os.path.basename(f)
            if "." in base[1:]:
                byid.setdefault(base[:base.index(".")], []).append(f)
        clusters = sorted(byid.items())
    return clusters


def _find_summary(system: str, cid: str) -> Optional[str]:
    for p in (os.path.join(system, cid + ".txt"), os.path.join(system, cid)):
        if os.path.isfile(p):
            return p
    p = os.path.join(system, cid)
    if os.path.isdir(p):
        files = _ref_files(p)
        if len(files) == 1:
            return files[0]
    for f in _ref_files(system):
        if os.path.basename(f).startswith(cid + "."):
            return f
    return None


def rouge(summary: Any, references: Any, *, max_n: int = 2, stem: bool = False,
          remove_stopwords: bool = False, words: int = 0, bytes: int = 0,
          alpha: float = 0.5, jackknife: bool = False, missing: str = "error") -> RougeResult:
    """ROUGE-1..N, ROUGE-L and ROUGE-SU4 as ROUGE-1.5.5 (-f A) computes them, like
    'precis rouge --refs REFERENCES SUMMARY'.

    One summary: 'summary' is its text (one sentence per line), a path, or a Summary;
    'references' a directory of reference files, one file, or a list of texts or paths.
    A data set: 'summary' a directory of summaries <cluster>.txt and 'references' a data set
    laid out as REFS/<cluster>/refs/* (or REFS/<cluster>/*, or REFS/<cluster>.*): the mean
    over all clusters, each cluster's in RougeResult.per_cluster; a cluster without a summary
    is an error, skipped or scored empty ('missing').

    max_n (-n), stem (-m: Porter with the WordNet exceptions), remove_stopwords (-s), words
    (-l) or bytes (-b: truncation, 0 = none), alpha (-p) and jackknife (--jackknife) are the
    options of 'precis rouge'."""
    if isinstance(max_n, bool) or not isinstance(max_n, int) or not 1 <= max_n <= 9:
        raise UsageError(f"invalid value {max_n!r} for max_n: expected 1 to 9")
    for name, v in (("words", words), ("bytes", bytes)):
        if isinstance(v, bool) or not isinstance(v, int) or v < 0 or v > 2**62:
            raise UsageError(f"invalid value {v!r} for {name}: expected a whole number >= 0")
    if words and bytes:
        raise UsageError("give words or bytes, not both")
    if (isinstance(alpha, bool) or not isinstance(alpha, (int, float))
            or not 0 <= alpha <= 1):
        raise UsageError(f"invalid value {alpha!r} for alpha: expected 0 <= A <= 1")
    if missing not in ("error", "skip", "empty"):
        raise UsageError(f"invalid value {missing!r} for missing: expected error, skip or empty")
    scorer = _capi.Rouge(max_n, stem, remove_stopwords, words, bytes, jackknife, float(alpha))
    n_m = len(scorer.metrics)
    sums = [[0.0, 0.0, 0.0] for _ in range(n_m)]
    per_cluster: dict = {}
    missing_ids: List[str] = []
    instances = 0

    def add(cid: Optional[str], peer: "_BYTES", refs: "List[_BYTES]") -> None:
        nonlocal instances
        inst = scorer.score(peer, refs)
        mean = [[0.0, 0.0, 0.0] for _ in range(n_m)]
        for row in inst:
            for m, s in enumerate(row):
                for k, v in enumerate((s.recall, s.precision, s.f)):
                    sums[m][k] += v
                    mean[m][k] += v / len(inst)
        instances += len(inst)
        if cid is not None:
            per_cluster[cid] = {scorer.metrics[m]: RougeScore(*mean[m]) for m in range(n_m)}

    def is_dir(x: Any) -> bool:
        return (isinstance(x, os.PathLike) or (isinstance(x, str) and _is_path(x))) \
            and os.path.isdir(x)

    if is_dir(summary) and not is_dir(references):
        if isinstance(summary, os.PathLike):
            raise UsageError(f"{os.fspath(summary)} is a directory of summaries: 'references' "
                             f"must be the directory of their data set")
        # a str naming a directory, with references that are not a data set: it is text
    if is_dir(summary) and is_dir(references):
        system = os.fspath(summary)
        root = os.fspath(references)
        clusters = _dataset(root)
        if not clusters:
            raise InputError(f"{root}: no clusters with references found")
        for cid, files in clusters:
            path = _find_summary(system, cid)
            if path is None:
                if missing == "error":
                    raise InputError(f"{system}: no summary for cluster {cid} (see missing)")
                missing_ids.append(cid)
                if missing == "skip":
                    continue
            peer = _rouge_text(path, "summary") if path else b""
            add(cid, peer, [_rouge_text(f, "reference") for f in files])
        if instances == 0:
            raise InputError(f"{system}: no summary for any cluster of {root}")
    else:
        peer = _rouge_text(summary, "summary")
        if isinstance(references, (str, os.PathLike)) and os.path.isdir(references):
            refs = [_rouge_text(f, "reference") for f in _ref_files(os.fspath(references))]
        elif isinstance(references, (str, _BYTES, os.PathLike)):
            refs = [_rouge_text(references, "reference")]
        else:
            refs = [_rouge_text(r, "reference") for r in references]
        if not refs:
            raise InputError(f"{references}: no reference files")
        add(None, peer, refs)
    scores = {scorer.metrics[m]: RougeScore(*(v / instances for v in sums[m]))
              for m in range(n_m)}
    return RougeResult(scores, instances, per_cluster, tuple(missing_ids))
