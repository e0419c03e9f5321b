"""The parallel producer of ``rasd ingest``: inputs in, documents out, in input order.

:func:`ingest_items` yields exactly what :func:`rasd.store.ingest.analyse_inputs` yields (a
Document per new article, a ReadProblem per failure, an AlreadyStored marker per article the
database holds) but analyses on ``workers`` processes, and it also accepts the output of
``rasd run`` (a folder with ``_manifest.json``, Parquet shards, rasd/1 JSON Lines shards), whose
documents are stored as they are, without being analysed again. The single writer
(:func:`rasd.store.ingest.store_documents`) consumes the stream unchanged, so the database is
the same whatever the number of workers.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Container, Iterable, Iterator
from pathlib import Path
from typing import cast

from rasd.model import SCHEMA, Article, Document
from rasd.pipeline import Pipeline
from rasd.read import ReadProblem, iter_inputs
from rasd.scale.parallel import DEFAULT_CHUNK, analyse_parallel
from rasd.scale.shards import is_shard_dir, iter_shard_documents
from rasd.store.ingest import AlreadyStored, Item

__all__ = ["ingest_items", "is_rasd_jsonl", "is_shard_input"]


def is_rasd_jsonl(path: Path) -> bool:
    """True when the first record of a JSON Lines file is a rasd/1 document."""
    name = path.name.lower()
    if not name.endswith((".jsonl", ".jsonl.gz", ".ndjson")):
        return False
    try:
        opener = gzip.open if name.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    record = json.loads(line)
                    return isinstance(record, dict) and record.get("schema") == SCHEMA
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, EOFError):
        return False
    return False


def is_shard_input(path: str | Path) -> bool:
    """True for already-analysed input: a ``rasd run`` folder, a Parquet shard, rasd/1 JSONL."""
    p = Path(path)
    if str(path) == "-":
        return False
    if p.is_dir():
        return is_shard_dir(p)
    return p.is_file() and (p.name.endswith(".parquet") or is_rasd_jsonl(p))


def _items(
    paths: Iterable[str | Path], known_ids: Container[str], date: str | None, outlet: str | None
) -> Iterator[Article | Document | ReadProblem | AlreadyStored]:
    for path in paths:
        source: Iterable[Article | Document | ReadProblem]
        source = iter_shard_documents([path]) if is_shard_input(path) else iter_inputs([path])
        for item in source:
            if isinstance(item, ReadProblem):
                yield item
                continue
            article = item.article if isinstance(item, Document) else item
            if date and not article.date:
                article.date = date
            if outlet and not article.outlet:
                article.outlet = outlet
            if article.id in known_ids:
                yield AlreadyStored(article.id, article.source)
                continue
            yield item


def ingest_items(
    paths: Iterable[str | Path],
    *,
    workers: int | None = None,
    chunk: int = DEFAULT_CHUNK,
    until: str | None = None,
    pipeline: Pipeline | None = None,
    known_ids: Container[str] = frozenset(),
    date: str | None = None,
    outlet: str | None = None,
) -> Iterator[Item]:
    """Read ``paths`` and analyse each new article on ``workers`` processes, in input order.

    Args:
        paths: files, folders and ``-`` as for :func:`rasd.read.iter_inputs`, plus ``rasd run``
            output folders and shard files, whose documents are passed on without analysis.
        workers: worker processes (default: all cores); ``1`` analyses in this process.
        chunk: articles sent to a worker at a time.
        until: run the pipeline up to this stage only (in each worker).
        pipeline: the pipeline to use in this process when ``workers`` is 1.
        known_ids: ids of articles already stored; these yield AlreadyStored.
        date: publication date for articles that lack one.
        outlet: outlet name for articles that lack one.

    Yields:
        A Document, a ReadProblem or an AlreadyStored marker per input article.
    """
    items = _items(paths, known_ids, date, outlet)
    for out in analyse_parallel(items, workers=workers, chunk=chunk, until=until, pipeline=pipeline):
        yield cast(Item, out)
