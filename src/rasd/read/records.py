"""Record inputs: JSON Lines, a JSON array, CSV/TSV with a header.

Fields are matched by name, case-insensitively: ``title``/``headline``, ``text``/``content``/
``body``/``article``, ``date``/``published``, ``url``/``link``, ``source``/``outlet``/``site``,
``section``/``category``, ``author``/``byline``. A record that is malformed or has no text is
reported with its line number and the rest of the file is read. HTML markup inside the text or
the title (``<p>…</p>``, ``<br>``, ``&amp;``) is turned into plain text, one line per paragraph.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from rasd.model import Article
from rasd.read.errors import ReadError
from rasd.read.html import has_markup, markup_text
from rasd.read.meta import first_field, iso_date
from rasd.read.text import parse_text, split_headline

TEXT_FIELDS = ("text", "content", "body", "article", "maintext", "story")
TITLE_FIELDS = ("title", "headline")
DATE_FIELDS = ("date", "date_iso", "published", "pubdate", "date_publish", "datetime", "time")
URL_FIELDS = ("url", "link", "href")
OUTLET_FIELDS = ("outlet", "source", "site", "sitename", "publisher", "newspaper")
SECTION_FIELDS = ("section", "category", "category_ar_line1")
BYLINE_FIELDS = ("author", "byline", "author_byline", "authors")

csv.field_size_limit(64 * 1024 * 1024)


def article_from_record(record: dict[str, Any], source: str) -> Article:
    """Build an Article from one record.

    Raises:
        ReadError: the record has no text field.
    """
    text = first_field(record, TEXT_FIELDS)
    if not isinstance(text, str) or not text.strip():
        raise ReadError(source, "record has no text", f"put the article in one of the fields {', '.join(TEXT_FIELDS)}")
    text = text.replace("\r\n", "\n")
    if has_markup(text):
        text = markup_text(text)
        if not text.strip():
            raise ReadError(source, "record's text is only HTML markup", "put the article's words in the text field")
    article = parse_text(text, source, headers=False)
    title = first_field(record, TITLE_FIELDS)
    if title is not None:
        title = str(title)
        article.headline = (markup_text(title) if has_markup(title) else title).strip()
        article.headline_parts = split_headline(article.headline)
    outlet = first_field(record, OUTLET_FIELDS)
    if outlet is not None:
        article.outlet = str(outlet)
    section = first_field(record, SECTION_FIELDS)
    if section is not None:
        article.section = str(section)
    byline = first_field(record, BYLINE_FIELDS)
    if byline is not None:
        article.byline = ", ".join(byline) if isinstance(byline, list) else str(byline)
    article.date = iso_date(first_field(record, DATE_FIELDS))
    url = first_field(record, URL_FIELDS)
    article.url = str(url) if url is not None else None
    return article


def json_problem(exc: json.JSONDecodeError, where: str) -> str:
    """What the JSON parser found and where: ``Expecting ',' delimiter at column 16``.

    Some of its messages already end in "at" (``Unterminated string starting at``), which
    must not be written twice.
    """
    place = exc.colno if where == "column" else exc.lineno
    joint = " " if exc.msg.endswith(" at") else " at "
    return f"{exc.msg}{joint}{where} {place}"


def iter_jsonl(text: str, source: str) -> Iterator[Article | ReadError]:
    """Articles of a JSON Lines text; each bad line gives one ReadError and reading goes on."""
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{source}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ReadError(where, f"malformed JSON ({json_problem(exc, 'column')})", "the line is skipped; fix or remove it")
            continue
        if not isinstance(record, dict):
            yield ReadError(where, "JSON line is not an object", "each line must be one {...} record")
            continue
        try:
            yield article_from_record(record, where)
        except ReadError as err:
            yield err


def iter_json(text: str, source: str) -> Iterator[Article | ReadError]:
    """Articles of a JSON document: one record, a list of records, or a rasd/1 document."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield ReadError(source, f"malformed JSON ({json_problem(exc, 'line')})", "fix the file or give JSON Lines")
        return
    records = data if isinstance(data, list) else [data]
    for k, record in enumerate(records):
        where = f"{source}[{k}]" if isinstance(data, list) else source
        if isinstance(record, dict) and isinstance(record.get("article"), dict) and "schema" in record:
            record = record["article"]
        if not isinstance(record, dict):
            yield ReadError(where, "JSON item is not an object", "give objects with a text field")
            continue
        try:
            yield article_from_record(record, where)
        except ReadError as err:
            yield err


def iter_csv(text: str, source: str, delimiter: str = ",") -> Iterator[Article | ReadError]:
    """Articles of a CSV/TSV file with a header row."""
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    fields = [f.lower() for f in reader.fieldnames or []]
    if not any(f in fields for f in TEXT_FIELDS):
        yield ReadError(source, f"table has no text column (columns: {', '.join(fields) or 'none'})", f"name the article column one of {', '.join(TEXT_FIELDS)}")
        return
    for row in reader:
        where = f"{source}:{reader.line_num}"
        try:
            yield article_from_record(dict(row), where)
        except ReadError as err:
            yield err
