"""Shard files of analysed documents: rasd/1 JSON Lines or Parquet, written atomically.

A run over many inputs (``rasd run``) writes one shard per input shard into an output folder,
named deterministically from the input path (:func:`shard_name`), through a temporary file that
is renamed into place only once complete: a shard that exists is a finished shard. The folder
also holds ``_manifest.json`` (what each shard holds) and ``_errors.jsonl`` (the problems).

:func:`iter_shard_documents` reads shards back as :class:`~rasd.model.Document` objects, without
analysing anything again, for ``rasd ingest OUT_DIR`` and for analysis scripts. The Parquet form
has one row per article with the rasd/1 layers as nested columns (:data:`PARQUET_SCHEMA`), so
``pyarrow``, DuckDB or pandas can query it directly.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import io
import json
import os
import re
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

import pyarrow as pa
import pyarrow.parquet as pq

from rasd.model import Document, SchemaError
from rasd.read import ReadProblem
from rasd.read.records import json_problem

__all__ = [
    "ERRORS_NAME",
    "FORMATS",
    "MANIFEST_NAME",
    "PARQUET_SCHEMA",
    "ShardWriter",
    "is_shard_dir",
    "iter_shard_documents",
    "iter_shard_records",
    "shard_files",
    "shard_name",
    "write_atomic",
    "write_shard",
]

FORMATS = ("jsonl", "parquet")
MANIFEST_NAME = "_manifest.json"
ERRORS_NAME = "_errors.jsonl"
TMP_PREFIX = ".tmp-"

_SPAN = pa.struct([("start", pa.int64()), ("end", pa.int64()), ("text", pa.string())])
_STRINGS = pa.list_(pa.string())

PARQUET_SCHEMA = pa.schema(
    [
        ("schema", pa.string()),
        (
            "article",
            pa.struct(
                [
                    ("id", pa.string()),
                    ("section", pa.string()),
                    ("headline", pa.string()),
                    ("headline_parts", _STRINGS),
                    ("byline", pa.string()),
                    ("outlet", pa.string()),
                    ("date", pa.string()),
                    ("url", pa.string()),
                    ("body", pa.string()),
                    ("boilerplate", _STRINGS),
                    ("source", pa.string()),
                ]
            ),
        ),
        ("sentences", pa.list_(pa.struct([("start", pa.int64()), ("end", pa.int64())]))),
        (
            "entities",
            pa.list_(
                pa.struct(
                    [
                        ("id", pa.string()),
                        ("name", pa.string()),
                        ("name_en", pa.string()),
                        ("type", pa.string()),
                        ("country", pa.string()),
                        ("sector", pa.string()),
                        ("role", pa.string()),
                        ("kb_id", pa.string()),
                        ("nominal", pa.bool_()),
                        (
                            "mentions",
                            pa.list_(
                                pa.struct(
                                    [
                                        ("start", pa.int64()),
                                        ("end", pa.int64()),
                                        ("text", pa.string()),
                                        ("source", pa.string()),
                                    ]
                                )
                            ),
                        ),
                    ]
                )
            ),
        ),
        (
            "quotes",
            pa.list_(
                pa.struct(
                    [
                        ("id", pa.string()),
                        ("speaker", pa.string()),
                        ("speaker_text", pa.string()),
                        ("co_speakers", _STRINGS),
                        ("cue", _SPAN),
                        ("content", _SPAN),
                        ("kind", pa.string()),
                        ("via", pa.string()),
                        ("stance", pa.string()),
                        ("speaker_span", _SPAN),
                        ("confidence", pa.float64()),
                        ("rules", _STRINGS),
                    ]
                )
            ),
        ),
        (
            "events",
            pa.list_(
                pa.struct(
                    [
                        ("id", pa.string()),
                        ("type", pa.string()),
                        ("mode", pa.string()),
                        ("actors", _STRINGS),
                        ("recipients", _STRINGS),
                        ("place", pa.string()),
                        ("date", pa.string()),
                        ("date_raw", pa.string()),
                        ("status", pa.string()),
                        ("evidence", pa.list_(_SPAN)),
                        ("confidence", pa.float64()),
                        ("quote", pa.string()),
                        ("cue", _SPAN),
                        ("rules", _STRINGS),
                    ]
                )
            ),
        ),
        ("meta", pa.string()),
    ]
)
"""One row per article: the rasd/1 record with its layers as nested columns (no tokens);
``meta`` is kept as a JSON string."""

_UNSAFE = re.compile(r"[^0-9A-Za-z._-]+")


def _canonical(path: str) -> str:
    """The form of an input path that names its shard: absolute for local files, URLs as given."""
    if "://" in path:
        return path
    return str(Path(path).expanduser().resolve())


def shard_name(input_path: str | Path, fmt: str = "jsonl") -> str:
    """The output shard's file name for an input: readable stem plus a hash of the full path.

    The same input path always gives the same name (so a rerun finds the shards it already
    wrote), and two inputs with the same file name in different folders do not collide.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown shard format {fmt!r}; choose one of {', '.join(FORMATS)}")
    path = str(input_path)
    base = path.rstrip("/").rsplit("/", 1)[-1]
    for ext in (".gz", ".jsonl", ".ndjson", ".json", ".txt", ".csv", ".tsv", ".html", ".htm"):
        if base.lower().endswith(ext):
            base = base[: -len(ext)]
    stem = _UNSAFE.sub("_", base).strip("._")[:60] or "input"
    digest = hashlib.sha256(_canonical(path).encode("utf-8")).hexdigest()[:12]
    return f"{stem}-{digest}.{fmt}"


def _unknown_fields(value: Any, dtype: pa.DataType, path: str) -> Iterator[str]:
    """Paths of keys in ``value`` that the Arrow type has no field for."""
    if isinstance(value, dict) and pa.types.is_struct(dtype):
        names = {dtype.field(i).name: dtype.field(i).type for i in range(dtype.num_fields)}
        for key, v in value.items():
            if key not in names:
                yield f"{path}.{key}"
            elif v is not None:
                yield from _unknown_fields(v, names[key], f"{path}.{key}")
    elif isinstance(value, list) and pa.types.is_list(dtype) and value:
        yield from _unknown_fields(value[0], dtype.value_type, f"{path}[]")


_RECORD_TYPE = pa.struct(list(PARQUET_SCHEMA))


def _records_to_table(records: list[dict[str, Any]]) -> pa.Table:
    for r in records[:1]:
        unknown = sorted(set(_unknown_fields(r, _RECORD_TYPE, "record")))
        if unknown:
            raise SchemaError(
                f"the Parquet shard schema has no column for {', '.join(unknown)}; "
                "add it to rasd.scale.shards.PARQUET_SCHEMA (or write --format jsonl)"
            )
    rows = []
    for r in records:
        row = {k: r.get(k) for k in PARQUET_SCHEMA.names}
        row["meta"] = json.dumps(r.get("meta") or {}, ensure_ascii=False)
        rows.append(row)
    return pa.Table.from_pylist(rows, schema=PARQUET_SCHEMA)


def encode_shard(records: list[dict[str, Any]], fmt: str) -> bytes:
    """The bytes of a shard holding these rasd/1 records."""
    sink = io.BytesIO()
    writer = _FormatWriter(sink, fmt)
    for r in records:
        writer.add(r)
    writer.close()
    return sink.getvalue()


class _FormatWriter:
    """Streams rasd/1 records into an open binary file as JSON Lines or Parquet row groups."""

    def __init__(self, fh: BinaryIO, fmt: str, row_group: int = 512) -> None:
        if fmt not in FORMATS:
            raise ValueError(f"unknown shard format {fmt!r}; choose one of {', '.join(FORMATS)}")
        self.fh = fh
        self.fmt = fmt
        self.row_group = row_group
        self.rows: list[dict[str, Any]] = []
        self.parquet: pq.ParquetWriter | None = None
        if fmt == "parquet":
            self.parquet = pq.ParquetWriter(fh, PARQUET_SCHEMA, compression="zstd")

    def add(self, record: dict[str, Any]) -> None:
        if self.parquet is None:
            self.fh.write((json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8"))
            return
        self.rows.append(record)
        if len(self.rows) >= self.row_group:
            self._flush()

    def _flush(self) -> None:
        if self.parquet is not None and self.rows:
            self.parquet.write_table(_records_to_table(self.rows))
            self.rows = []

    def close(self) -> None:
        if self.parquet is not None:
            self._flush()
            self.parquet.close()


class ShardWriter:
    """Write one shard through a temporary file; :meth:`commit` renames it into place.

    ``directory`` may be a local folder or an fsspec URL (``s3://bucket/run``). On a local or
    shared POSIX filesystem the rename is atomic, so a shard that exists is complete; on an
    object store the object appears when its upload finishes. Use as a context manager: leaving
    the block without :meth:`commit` (an exception) removes the temporary file.

    Args:
        directory: the output folder.
        name: the shard's file name (see :func:`shard_name`).
        fmt: ``jsonl`` or ``parquet``.
    """

    def __init__(self, directory: str | Path, name: str, fmt: str = "jsonl") -> None:
        self.directory = str(directory)
        self.name = name
        self.count = 0
        tmp_name = f"{TMP_PREFIX}{name}.{uuid.uuid4().hex[:8]}"
        self._fs: Any = None
        if "://" in self.directory:
            import fsspec

            self._fs, root = fsspec.core.url_to_fs(self.directory)
            self._root = root.rstrip("/")
            self._fs.makedirs(self._root, exist_ok=True)
            self._tmp = f"{self._root}/{tmp_name}"
            self._final = f"{self._root}/{name}"
            self._fh: BinaryIO = self._fs.open(self._tmp, "wb")
            self.path = f"{self.directory.rstrip('/')}/{name}"
        else:
            folder = Path(self.directory)
            folder.mkdir(parents=True, exist_ok=True)
            self._tmp = str(folder / tmp_name)
            self._final = str(folder / name)
            self._fh = open(self._tmp, "wb")  # noqa: SIM115 - closed in commit/abort
            self.path = self._final
        self._writer = _FormatWriter(self._fh, fmt)
        self._done = False

    def add(self, record: dict[str, Any]) -> None:
        """Append one rasd/1 record (``Document.to_dict()``)."""
        self._writer.add(record)
        self.count += 1

    def commit(self) -> str:
        """Finish the file and move it into place; returns the shard's path."""
        self._writer.close()
        if self._fs is None:
            self._fh.flush()
            os.fsync(self._fh.fileno())
            self._fh.close()
            os.replace(self._tmp, self._final)
        else:
            self._fh.close()
            self._fs.mv(self._tmp, self._final)
        self._done = True
        return self.path

    def abort(self) -> None:
        """Drop the temporary file."""
        if self._done:
            return
        self._done = True
        with contextlib.suppress(Exception):  # half-written; it is removed below anyway
            self._fh.close()
        with contextlib.suppress(OSError):
            if self._fs is None:
                os.unlink(self._tmp)
            else:
                self._fs.rm(self._tmp)

    def __enter__(self) -> ShardWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.abort()


def write_atomic(directory: str | Path, name: str, data: bytes) -> str:
    """Write ``data`` to ``directory/name`` through a temporary file renamed into place."""
    d = str(directory)
    if "://" not in d:
        folder = Path(d)
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f"{TMP_PREFIX}{name}.{uuid.uuid4().hex[:8]}"
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, folder / name)
        return str(folder / name)
    import fsspec

    fs, root = fsspec.core.url_to_fs(d)
    root = root.rstrip("/")
    fs.makedirs(root, exist_ok=True)
    tmp_path = f"{root}/{TMP_PREFIX}{name}.{uuid.uuid4().hex[:8]}"
    with fs.open(tmp_path, "wb") as fh:
        fh.write(data)
    fs.mv(tmp_path, f"{root}/{name}")
    return f"{d.rstrip('/')}/{name}"


def write_shard(docs: Iterable[Document], directory: str | Path, name: str, fmt: str = "jsonl") -> str:
    """Write analysed documents as one shard (atomically); returns the shard's path."""
    with ShardWriter(directory, name, fmt) as writer:
        for doc in docs:
            writer.add(doc.to_dict())
        return writer.commit()


def is_shard_dir(path: str | Path) -> bool:
    """True when ``path`` is a folder written by ``rasd run`` (it holds ``_manifest.json``)."""
    p = Path(path)
    return p.is_dir() and (p / MANIFEST_NAME).is_file()


def shard_files(directory: str | Path) -> list[Path]:
    """The finished shards of an output folder, sorted by name (temporary files excluded)."""
    folder = Path(directory)
    return sorted(
        f
        for f in folder.iterdir()
        if f.is_file()
        and not f.name.startswith((TMP_PREFIX, "_"))
        and f.name.endswith((".jsonl", ".jsonl.gz", ".parquet"))
    )


def _jsonl_records(path: Path) -> Iterator[dict[str, Any] | ReadProblem]:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield ReadProblem(f"{path}:{n}", f"malformed JSON line ({json_problem(exc, 'column')})",
                                  "the shard is damaged; delete it and rerun")
                continue
            if not isinstance(record, dict):
                yield ReadProblem(f"{path}:{n}", "line is not a JSON object", "the shard is damaged; delete it and rerun")
                continue
            yield record


def _parquet_records(path: Path, batch_size: int = 256) -> Iterator[dict[str, Any]]:
    pf = pq.ParquetFile(path)
    for batch in pf.iter_batches(batch_size=batch_size):
        for row in batch.to_pylist():
            meta = row.get("meta")
            row["meta"] = json.loads(meta) if meta else {}
            yield row


def iter_shard_records(paths: Iterable[str | Path]) -> Iterator[dict[str, Any] | ReadProblem]:
    """The rasd/1 records (as dicts) of shard files and output folders, streaming, in order."""
    for raw in paths:
        p = Path(raw)
        files = shard_files(p) if p.is_dir() else [p]
        for f in files:
            try:
                if f.name.endswith(".parquet"):
                    yield from _parquet_records(f)
                else:
                    yield from _jsonl_records(f)
            except (OSError, pa.ArrowException, UnicodeDecodeError) as exc:
                yield ReadProblem(str(f), f"cannot be read as a shard ({exc})", "delete it and rerun to redo it")


def iter_shard_documents(paths: Iterable[str | Path]) -> Iterator[Document | ReadProblem]:
    """Analysed documents from shard files or ``rasd run`` output folders (no re-analysis).

    Every span is checked against its body; a record that fails becomes a problem naming the
    shard and the article, and the reading goes on.
    """
    for record in iter_shard_records(paths):
        if isinstance(record, ReadProblem):
            yield record
            continue
        try:
            yield Document.from_dict(record)
        except (SchemaError, KeyError, TypeError, ValueError) as exc:
            article = record.get("article") if isinstance(record.get("article"), dict) else {}
            source = (article or {}).get("source") or (article or {}).get("id") or "shard record"
            yield ReadProblem(str(source), f"not a rasd/1 document ({exc})")
