"""Analyse a stream of articles on all cores, yielding documents in input order.

:func:`analyse_parallel` sends chunks of articles to a pool of worker processes (each loads the
pipeline once) and yields the analysed documents, and the problems, in exactly the order of the
input, so that whatever consumes the stream (one writer of the SQLite store, a JSONL file) sees
the same sequence as with ``workers=1``. Only a bounded window of chunks is in flight, so memory
stays flat however long the input is. An article whose analysis raises becomes a
:class:`~rasd.read.ReadProblem`; an article that kills its worker process (a crash in native
code, the out-of-memory killer) is isolated, reported, and the batch goes on.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import multiprocessing
import os
import select
import threading
import time
from array import array
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from itertools import islice
from typing import Any, TypeVar

from rasd.model import Article, Document, Segment, Token
from rasd.pipeline import Pipeline
from rasd.read import ReadProblem

__all__ = [
    "PipelineFactory",
    "analyse_chunk",
    "analyse_one",
    "analyse_parallel",
    "default_workers",
    "mp_context",
    "warm_up",
    "watch_owner",
    "worker_pipeline",
]

T = TypeVar("T")
PipelineFactory = Callable[[], Pipeline]
Result = Any  # Document | ReadProblem | an item passed through unchanged

DEFAULT_CHUNK = 8
# chunks in flight per worker: enough to keep every worker busy, small enough to bound memory
_WINDOW_PER_WORKER = 3

# one pipeline per worker process (and per extra thread), built on its first use
_PIPELINES: dict[object, Pipeline] = {}
_LOCAL = threading.local()


def default_workers() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def worker_pipeline(until: str | None = None, factory: PipelineFactory | None = None) -> Pipeline:
    """This process's (and thread's) pipeline, built on first use and then reused."""
    cache: dict[object, Pipeline] = _PIPELINES
    if threading.current_thread() is not threading.main_thread():
        # stages may keep per-document state: each extra thread gets its own pipeline
        if not hasattr(_LOCAL, "pipelines"):
            _LOCAL.pipelines = {}
        cache = _LOCAL.pipelines
    key: object = factory if factory is not None else until
    pipe = cache.get(key)
    if pipe is None:
        pipe = factory() if factory is not None else Pipeline(until=until)
        cache[key] = pipe
    return pipe


def analyse_one(pipeline: Pipeline, item: Article | T) -> Document | ReadProblem | T:
    """Analyse one article; a failure becomes a problem record naming the article.

    Anything that is not an :class:`~rasd.model.Article` (a read problem, a marker of an
    article already stored) is returned unchanged (see :meth:`rasd.pipeline.Pipeline.pipe`).
    """
    return next(pipeline.pipe([item]))


def analyse_chunk(
    items: list[Any], until: str | None = None, factory: PipelineFactory | None = None
) -> list[Result]:
    """Analyse a chunk of items with this process's pipeline (built once, then reused)."""
    return list(worker_pipeline(until, factory).pipe(items))


class _Packed:
    """A document on its way back from a worker, its token layer in columns.

    Pickling hundreds of small slotted objects per article costs more than a tenth of the
    analysis; the token layer travels instead as arrays of integers, lists of (interned) kind
    and role names, and the normalized forms joined into one string, which pickle copies in
    bulk. :meth:`unpack` rebuilds the Token and Segment objects in the receiving process.
    """

    __slots__ = ("doc", "ints", "kinds", "norms", "roles", "seg_ints", "seg_norms")

    def __init__(self, doc: Document) -> None:
        ints = array("q")
        seg_ints = array("q")
        kinds: list[str] = []
        roles: list[str] = []
        norms: list[str] = []
        seg_norms: list[str] = []
        for t in doc.tokens:
            ints.extend((t.start, t.end, len(t.norm), len(t.segments)))
            kinds.append(t.kind)
            norms.append(t.norm)
            for sg in t.segments:
                seg_ints.extend((sg.start, sg.end, len(sg.norm)))
                roles.append(sg.role)
                seg_norms.append(sg.norm)
        self.ints, self.seg_ints = ints, seg_ints
        self.kinds, self.roles = kinds, roles
        self.norms, self.seg_norms = "".join(norms), "".join(seg_norms)
        doc.tokens = []
        self.doc = doc

    def __getstate__(self) -> tuple[Any, ...]:
        return self.doc, self.ints, self.kinds, self.norms, self.roles, self.seg_ints, self.seg_norms

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        self.doc, self.ints, self.kinds, self.norms, self.roles, self.seg_ints, self.seg_norms = state

    def unpack(self) -> Document:
        tokens: list[Token] = []
        norms, seg_norms = self.norms, self.seg_norms
        ints, sints = self.ints, self.seg_ints
        segs = zip(sints[0::3], sints[1::3], sints[2::3], self.roles, strict=True)
        pos = spos = 0
        for start, end, n, n_seg, kind in zip(ints[0::4], ints[1::4], ints[2::4], ints[3::4], self.kinds, strict=True):
            segments = []
            for _ in range(n_seg):
                s_start, s_end, sn, role = next(segs)
                segments.append(Segment(s_start, s_end, role, seg_norms[spos : spos + sn]))
                spos += sn
            tokens.append(Token(start, end, norms[pos : pos + n], kind, segments))
            pos += n
        self.doc.tokens = tokens
        return self.doc


def _analyse_packed(
    items: list[Any], until: str | None = None, factory: PipelineFactory | None = None
) -> list[Any]:
    return [_Packed(r) if isinstance(r, Document) else r for r in analyse_chunk(items, until, factory)]


def _unpacked(results: list[Any]) -> Iterator[Result]:
    for r in results:
        yield r.unpack() if isinstance(r, _Packed) else r


WARM_TEXT = (
    "قال وزير الخارجية السوري فيصل المقداد في طهران أمس إن «سورية ستواصل محاربة الإرهاب»، "
    "وأكد أن دمشق تدعم الحوار مع أنقرة. وهاجم الجيش مواقع المسلحين قرب إدلب يوم 3 تشرين الأول 2017."
)
"""A short article that makes every stage load its models and lexicons."""


# An analysis allocates tens of thousands of short-lived objects (tokens, segments, mentions)
# that reference counting frees; the default first-generation threshold (700) runs the cyclic
# collector hundreds of times per article for nothing.
_GC_THRESHOLDS = (50_000, 20, 20)


def warm_up(until: str | None = None) -> None:
    """Build this process's pipeline, run it once, and exempt what it loaded from the GC.

    After this the models and lexicons are in memory (ready to be shared by forked workers),
    and :func:`gc.freeze` moves them out of the cyclic garbage collector's sight: with large
    models loaded, the collector otherwise spends a sixth of the analysis time re-scanning
    them, and its scans would unshare the pages that forked workers share.
    """
    worker_pipeline(until)(Article(body=WARM_TEXT, source="<warm-up>"))
    quiet_gc()


def quiet_gc() -> None:
    """Freeze what is loaded and space out the collector's runs (see ``_GC_THRESHOLDS``)."""
    gc.freeze()
    gc.set_threshold(*_GC_THRESHOLDS)


def mp_context(start_method: str | None = None) -> multiprocessing.context.BaseContext:
    """The multiprocessing context for worker pools.

    By default (and for ``forkserver``) a fork server that has loaded and warmed the full
    pipeline once: every worker forks from it with the models already in memory (shared
    copy-on-write), instead of loading them again, and the fork happens in a process with no
    other threads. ``RASD_START_METHOD`` (or ``start_method``) may choose ``spawn`` or ``fork``.
    """
    method = start_method or os.environ.get("RASD_START_METHOD") or (
        "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    )
    ctx = multiprocessing.get_context(method)
    if method == "forkserver":
        ctx.set_forkserver_preload(["rasd.scale._warm"])
        global _STOP_REGISTERED
        if not _STOP_REGISTERED:
            atexit.register(_stop_forkserver)
            _STOP_REGISTERED = True
    return ctx


_STOP_REGISTERED = False


def _stop_forkserver() -> None:
    """Stop the fork server at exit and wait for it, so its workers are accounted to us."""
    from multiprocessing import forkserver

    stop = getattr(forkserver._forkserver, "_stop", None)  # private, but stable since 3.8
    if stop is not None:
        with contextlib.suppress(Exception):
            stop()


def _owner_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process took the number: ours is gone
        return False
    return True


def _wait_for_exit(pid: int) -> None:
    """Return when process ``pid`` has exited (at once if it already has)."""
    try:
        fd = os.pidfd_open(pid)  # Linux 5.3+: readable when the process exits
    except ProcessLookupError:
        return
    except (AttributeError, OSError):
        while _owner_alive(pid):
            time.sleep(1.0)
        return
    try:
        select.select([fd], [], [])
    finally:
        os.close(fd)


def watch_owner(owner: int) -> None:
    """Make this worker process exit when ``owner`` (the process that made the pool) dies.

    A pool's workers block on a queue whose other end they hold themselves, and a fork
    server's workers keep it alive in turn, so a ``kill -9`` of ``rasd ingest`` used to leave
    the fork server and every worker (hundreds of MB each) running under init. A daemon thread
    waits on the owner (a pidfd, else a poll each second) and ends the worker when it goes;
    with its workers gone the fork server and the resource tracker see their pipes close and
    exit too. Given as the pools' ``initializer``.
    """

    def wait() -> None:
        _wait_for_exit(owner)
        os._exit(1)  # no clean-up: the results have no one left to go to

    threading.Thread(target=wait, name="rasd-owner-watch", daemon=True).start()


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while True:
        chunk = list(islice(it, size))
        if not chunk:
            return
        yield chunk


def _crashed(item: Any) -> Result:
    if not isinstance(item, Article):
        return item
    return ReadProblem(
        item.source or item.id,
        "analysis crashed its worker process (out of memory, or a fault in native code)",
        "analyse it alone with `rasd analyze` to see the error",
    )


class _Pool:
    """A process pool that can be rebuilt after a worker died."""

    def __init__(self, workers: int, start_method: str | None) -> None:
        self.workers = workers
        self.context = mp_context(start_method)
        self.executor = self._new()

    def _new(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.workers, mp_context=self.context, initializer=watch_owner, initargs=(os.getpid(),)
        )

    def rebuild(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self._new()

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def _isolate(
    pool: _Pool, chunks: list[list[Any]], work: Callable[[list[Any]], list[Result]]
) -> Iterator[Result]:
    """Re-run chunks one at a time after a crash, then article by article inside a bad chunk."""
    for chunk in chunks:
        try:
            yield from _unpacked(pool.executor.submit(work, chunk).result())
            continue
        except BrokenProcessPool:
            pool.rebuild()
        for item in chunk:
            try:
                yield from _unpacked(pool.executor.submit(work, [item]).result())
            except BrokenProcessPool:
                pool.rebuild()
                yield _crashed(item)


def analyse_parallel(
    inputs: Iterable[Article | T],
    workers: int | None = None,
    chunk: int = DEFAULT_CHUNK,
    *,
    until: str | None = None,
    pipeline_factory: PipelineFactory | None = None,
    pipeline: Pipeline | None = None,
    start_method: str | None = None,
) -> Iterator[Document | ReadProblem | T]:
    """Analyse articles on ``workers`` processes; yield documents and problems in input order.

    Args:
        inputs: articles and read problems, as :func:`rasd.read.iter_inputs` yields them;
            anything that is not an Article (a problem, a marker) passes through unchanged,
            at its place in the stream.
        workers: worker processes (default: all cores). ``1`` analyses in this process.
        chunk: articles sent to a worker at a time.
        until: run the pipeline up to this stage only.
        pipeline_factory: a picklable callable building the pipeline in each worker (for
            custom stages); by default ``Pipeline(until=until)``.
        pipeline: an already built pipeline, used instead when ``workers`` is 1.
        start_method: multiprocessing start method; by default a fork server holding a
            warmed pipeline (see :func:`mp_context`).

    Yields:
        One item per input item: a :class:`~rasd.model.Document` for an analysed article, a
        :class:`~rasd.read.ReadProblem` for one whose analysis failed, the item itself otherwise.
    """
    workers = default_workers() if workers is None else workers
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    if chunk < 1:
        raise ValueError(f"chunk must be at least 1, not {chunk}")
    if workers == 1:
        pipe = pipeline if pipeline is not None else worker_pipeline(until, pipeline_factory)
        frozen = False
        for out in pipe.pipe(inputs):
            yield out
            if not frozen and isinstance(out, Document):
                quiet_gc()  # the models are loaded now (see warm_up)
                frozen = True
        return
    work = partial(_analyse_packed, until=until, factory=pipeline_factory)
    # this process rebuilds and stores every document: keep the collector off what is loaded
    quiet_gc()
    pool = _Pool(workers, start_method)
    pending: deque[tuple[list[Any], Future[list[Result]]]] = deque()
    window = workers * _WINDOW_PER_WORKER
    source = _chunks(inputs, chunk)
    try:
        while True:
            while len(pending) < window:
                part = next(source, [])
                if not part:
                    break
                if not pending and not any(isinstance(i, Article) for i in part):
                    yield from part  # nothing to analyse and nothing ahead of it
                    continue
                pending.append((part, pool.executor.submit(work, part)))
            if not pending:
                return
            part, future = pending.popleft()
            try:
                results = future.result()
            except BrokenProcessPool:
                # a worker died: every chunk in flight is lost; redo them one at a time
                retry = [part] + [p for p, _ in pending]
                pending.clear()
                pool.rebuild()
                yield from _isolate(pool, retry, work)
                continue
            yield from _unpacked(results)
    finally:
        pool.close()
