"""Readers: turn files, folders, JSONL/CSV records, HTML pages and stdin into Articles.

The format is chosen by sniffing the content (a ``.txt`` file holding HTML is read as HTML).
Every failure is a :class:`ReadError` naming the input; :func:`iter_inputs` turns failures into
:class:`ReadProblem` records and goes on with the rest of the batch.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from rasd.model import Article
from rasd.read.decode import arabic_ratio, decode_bytes
from rasd.read.errors import ReadError, ReadProblem
from rasd.read.html import parse_html
from rasd.read.meta import iso_date
from rasd.read.records import TEXT_FIELDS, iter_csv, iter_json, iter_jsonl
from rasd.read.text import parse_text

__all__ = [
    "ReadError",
    "ReadProblem",
    "iter_inputs",
    "read_bytes",
    "read_path",
    "read_text",
    "sniff",
]

MAX_ARTICLE_CHARS = 2_000_000
MIN_ARABIC_RATIO = 0.2
_HTML_START = re.compile(r"<(!doctype\s+html|html|head|body|article|div|p|meta|title)\b", re.I)
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?>")
_SKIP_NAMES = re.compile(r"(\.gold\.json$|^manifest\.tsv$|^readme|^license|^notice|^\.)", re.I)


def _json_object(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except json.JSONDecodeError:
        return False


def _sniff_records(head: str, lower: str) -> str | None:
    """jsonl, json, csv or tsv when ``head`` has the structure of records, else None.

    Records are recognised before any HTML heuristic: a JSON Lines or CSV file whose text fields
    hold markup is still one article per record, never one page.
    """
    if head.startswith("["):
        return "json"
    if head.startswith("{"):
        lines = [line.strip() for line in head.split("\n") if line.strip()]
        complete = lines[:-1] if len(lines) > 1 else lines  # the last line may be cut at 5,000
        if any(_json_object(line) for line in complete[:5]) or lower.endswith((".jsonl", ".ndjson", ".jsonl.gz")):
            return "jsonl"
        return "json"
    first_line = head.split("\n", 1)[0]
    for delim, kind in (("\t", "tsv"), (",", "csv")):
        if delim in first_line:
            cols = [c.strip().strip('"').lower() for c in next(csv.reader(io.StringIO(first_line), delimiter=delim))]
            if any(c in TEXT_FIELDS for c in cols):
                return kind
    return None


def sniff(text: str, name: str = "") -> str:
    """The input kind of ``text``: html, jsonl, json, csv, tsv or text."""
    head = text.lstrip()[:5000]
    lower = name.lower()
    if head.startswith("<") and _HTML_START.search(head[:2000]):
        return "html"
    records = _sniff_records(head, lower)
    if records is not None:
        return records
    if len(_TAG.findall(head)) >= 8:
        return "html"
    if lower.endswith(".csv"):
        return "csv"
    if lower.endswith(".tsv"):
        return "tsv"
    return "text"


def _check(article: Article, source: str) -> Article:
    if not article.body.strip():
        raise ReadError(source, "no article text left after removing headers and site furniture", "is this a real article?")
    if len(article.body) > MAX_ARTICLE_CHARS:
        raise ReadError(source, f"article is {len(article.body):,} characters long", "split it; one article should be under 2,000,000 characters")
    ratio = arabic_ratio(article.body)
    if ratio < MIN_ARABIC_RATIO:
        raise ReadError(source, f"no Arabic text ({ratio:.0%} of letters are Arabic)", "rasd analyses Arabic news only")
    return article


def read_text(text: str, source: str = "<text>") -> Iterator[Article | ReadError]:
    """Articles in an already decoded input."""
    kind = sniff(text, source)
    items: Iterable[Article | ReadError]
    try:
        if kind == "html":
            items = [parse_html(text, source)]
        elif kind == "jsonl":
            items = iter_jsonl(text, source)
        elif kind == "json":
            items = iter_json(text, source)
        elif kind in ("csv", "tsv"):
            items = iter_csv(text, source, "\t" if kind == "tsv" else ",")
        else:
            items = [parse_text(text, source)]
    except ReadError as err:
        yield err
        return
    for item in items:
        if isinstance(item, ReadError):
            yield item
            continue
        try:
            yield _check(item, item.source or source)
        except ReadError as err:
            yield err


def read_bytes(data: bytes, source: str) -> Iterator[Article | ReadError]:
    """Articles in a raw input (any supported encoding)."""
    try:
        text = decode_bytes(data, source)
    except ReadError as err:
        yield err
        return
    yield from read_text(text, source)


def read_path(path: str | Path) -> Iterator[Article | ReadError]:
    """Articles in one file (``-`` is standard input)."""
    source = str(path)
    if source == "-":
        yield from read_bytes(sys.stdin.buffer.read(), "<stdin>")
        return
    p = Path(path)
    if p.is_symlink() and not p.exists():
        yield ReadError(source, f"is a broken symbolic link (it points to {os.readlink(p)}, which does not exist)",
                        "fix or remove the link")
        return
    try:
        data = p.read_bytes()
    except IsADirectoryError:
        yield ReadError(source, "is a folder", "use iter_inputs() for folders")
        return
    except FileNotFoundError:
        yield ReadError(source, "no such file", "check the path")
        return
    except PermissionError:
        yield ReadError(source, "permission denied", "check the file's permissions")
        return
    except OSError as exc:
        yield ReadError(source, f"cannot be read ({exc.strerror})")
        return
    yield from read_bytes(data, source)


def _manifest(folder: Path) -> dict[str, dict[str, str]]:
    """Per-file metadata from a ``manifest.tsv`` beside the articles (column ``file``)."""
    path = folder / "manifest.tsv"
    if not path.is_file():
        return {}
    try:
        rows = csv.DictReader(io.StringIO(path.read_text("utf-8")), delimiter="\t")
        return {r["file"]: r for r in rows if r.get("file")}
    except (OSError, UnicodeDecodeError, KeyError, csv.Error):
        return {}


def _apply_manifest(article: Article, row: dict[str, str]) -> None:
    outlet = row.get("outlet")
    if outlet and not article.outlet:
        article.outlet = outlet
    date = iso_date(row.get("date_iso") or row.get("date"))
    if date and not article.date:
        article.date = date
    if row.get("url") and not article.url:
        article.url = row["url"]
    byline = row.get("author")
    if byline and not article.byline:
        article.byline = byline


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Path | str]:
    """Files named by ``paths``: folders are walked recursively in sorted order.

    A dangling symbolic link inside a folder is yielded too, so that :func:`read_path`
    reports it instead of skipping it without a word.
    """
    for raw in paths:
        if str(raw) == "-":
            yield "-"
            continue
        p = Path(raw)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                # a dangling link is neither a file nor a folder: keep it so that it is reported
                dangling = f.is_symlink() and not f.exists()
                if (f.is_file() or dangling) and not _SKIP_NAMES.search(f.name) and not any(
                    part.startswith(".") for part in f.relative_to(p).parts
                ):
                    yield f
        else:
            yield p


def iter_inputs(paths: Iterable[str | Path]) -> Iterator[Article | ReadProblem]:
    """Every article in ``paths`` (files, folders, ``-``), with a problem record per failure."""
    manifests: dict[Path, dict[str, dict[str, str]]] = {}
    for f in expand_paths(paths):
        row = None
        if isinstance(f, Path):
            folder = f.parent
            if folder not in manifests:
                manifests[folder] = _manifest(folder)
            row = manifests[folder].get(f.name)
        for item in read_path(f):
            if isinstance(item, ReadError):
                yield ReadProblem.from_error(item)
                continue
            if row:
                _apply_manifest(item, row)
            yield item
