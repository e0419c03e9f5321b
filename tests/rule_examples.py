"""Examples as records: an Arabic sentence, the records the rules must yield from it, and the rules
that must fire on it or stay quiet.

Each line of ``tests/events/examples.jsonl`` and ``tests/quotes/examples.jsonl`` is one example::

    {"text": "...", "fires": ["events.filter.disaster"], "quiet": ["events.role.agent_marker"],
     "events": [{"type": "ASSAULT", "actors": ["ISR"], "recipients": [], "status": "asserted"}],
     "entities": [{"surface": "...", "type": "ORG", "country": "ISR", "sector": "MIL"}],
     "nisba": {"إسرائيلية": "ISR"}, "date": "2018-04-06", "note": "..."}

A sentence taken from a corpus in ``../shared/data`` is not copied: the example names it by
``"ref": {"file": "data/event-gsr/...", "start": s, "end": e, "sha1": "..."}`` (character offsets
into the file, and the first twelve hex digits of the sentence's SHA-1) and reads it from there at
test time; a long quoted content in ``quoted`` is then ``[start, end]`` within the sentence. Without
``../shared`` such an example is skipped.

An event example is coded on a document built by hand (:func:`tests.events.helpers.make_doc`):
``entities`` (every occurrence of a surface is a mention), ``nisba``, ``demonyms``, ``titles``
and ``quotes`` (``[content, speaker surface, cue surface]``), so it depends on the event rules
only. A quote example runs the pipeline up to the quote stage on its text. ``events`` (or
``quotes``) are the records expected, all of them, in order; ``fires`` the rules that must fire
(in a record's ``rules`` or in the trace of candidates turned down) — the example is a positive
one for them — and ``quiet`` the rules that must not: a negative one. ``tests/test_rule_examples.py``
checks that every registered rule has at least one of each.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rasd.model import Article, Document
from tests.conftest import SHARED

HERE = Path(__file__).resolve().parent
EVENT_EXAMPLES = HERE / "events" / "examples.jsonl"
QUOTE_EXAMPLES = HERE / "quotes" / "examples.jsonl"
KEYS = frozenset(
    {"text", "ref", "fires", "quiet", "events", "quotes", "entities", "nisba", "demonyms", "titles", "quoted", "date", "note"}
)


@dataclass
class Example:
    """One example record, with where it stands."""

    where: str
    text: str
    fires: list[str] = field(default_factory=list)
    quiet: list[str] = field(default_factory=list)
    expected: list[dict[str, Any]] = field(default_factory=list)
    setup: dict[str, Any] = field(default_factory=dict)
    date: str | None = None
    note: str = ""
    missing: str = ""

    def __str__(self) -> str:
        return self.where


_FILES: dict[Path, str] = {}


def _referenced(ref: dict[str, Any], where: str) -> tuple[str, str]:
    """The sentence an example names in ../shared, or why it cannot be read."""
    path = SHARED / ref["file"]
    if not path.is_file():
        return "", f"{where}: {path} not found (the example's sentence is read from ../shared)"
    if path not in _FILES:
        _FILES[path] = path.read_text("utf-8")
    text = _FILES[path][ref["start"] : ref["end"]]
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[: len(ref["sha1"])]
    assert digest == ref["sha1"], f"{where}: {path} changed: [{ref['start']}, {ref['end']}) is not the sentence"
    return text, ""


def _setup(d: dict[str, Any], text: str) -> dict[str, Any]:
    """The hand-built document's parts, a quoted content given by offsets read from the text."""
    setup: dict[str, Any] = {k: d[k] for k in ("entities", "nisba", "demonyms", "titles", "quoted") if k in d}
    if "quoted" in setup:
        setup["quoted"] = [
            [text[q[0][0] : q[0][1]] if isinstance(q[0], list) else q[0], *q[1:]] for q in setup["quoted"]
        ]
    return setup


def load(path: Path, records: str) -> list[Example]:
    """The examples of a file; ``records`` is ``events`` or ``quotes``."""
    out = []
    for n, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        d = json.loads(line)
        unknown = set(d) - KEYS
        assert not unknown, f"{path.name}:{n}: unknown keys {sorted(unknown)}"
        where = f"{path.name}:{n}"
        assert d.get("fires") or d.get("quiet"), f"{where}: an example fires or quiets a rule"
        assert ("text" in d) != ("ref" in d), f"{where}: an example has a text or a ref, not both"
        text, missing = _referenced(d["ref"], where) if "ref" in d else (d["text"], "")
        out.append(
            Example(
                where=where,
                text=text,
                fires=list(d.get("fires") or []),
                quiet=list(d.get("quiet") or []),
                expected=list(d.get(records) or []),
                setup=_setup(d, text) if text else {},
                date=d.get("date"),
                note=d.get("note", ""),
                missing=missing,
            )
        )
    return out


def fired(doc: Document) -> set[str]:
    """Every rule that fired on a document: in its records and in its trace."""
    out = {x.rule for x in doc.dropped} | {r for x in doc.dropped for r in x.before}
    for rec in (*doc.quotes, *doc.events):
        out.update(rec.rules)
    return out


def _who(doc: Document, ids: list[str]) -> list[str]:
    """Entities as their country (or their name, for one with none)."""
    out = []
    for i in ids:
        e = doc.entity(i)
        out.append((e.country or e.name) if e is not None else i)
    return out


def event_record(doc: Document, ev: Any) -> dict[str, Any]:
    """The comparable form of an event: type, mode, actors and recipients by country, status."""
    return {
        "type": ev.type,
        "mode": ev.mode,
        "actors": _who(doc, ev.actors),
        "recipients": _who(doc, ev.recipients),
        "status": ev.status,
    }


def quote_record(doc: Document, q: Any) -> dict[str, Any]:
    """The comparable form of a quote: who (name or words), kind, content."""
    speaker = doc.entity(q.speaker)
    return {"speaker": speaker.name if speaker else q.speaker_text, "kind": q.kind, "content": doc.text(q.content)}


def run_events(ex: Example) -> Document:
    """Code an event example on its hand-built document."""
    from tests.events.helpers import Ent, code

    ents = [
        Ent(e["surface"], e["type"], e.get("country"), e.get("sector"), e.get("kb_id"))
        for e in ex.setup.get("entities", [])
    ]
    return code(
        ex.text,
        ents,
        nisba=ex.setup.get("nisba"),
        demonyms=ex.setup.get("demonyms"),
        titles=ex.setup.get("titles", []),
        quotes=[tuple(q) for q in ex.setup.get("quoted", [])],
        date=ex.date,
    )


_QUOTE_PIPELINE: Any = None


def run_quotes(ex: Example) -> Document:
    """Run a quote example through the pipeline up to the quote stage, the quote rules alone
    choosing the speaker (the examples are the rules')."""
    import os

    from rasd.quotes.ranking import SPEAKERS_ENV

    global _QUOTE_PIPELINE
    if _QUOTE_PIPELINE is None:
        from rasd.pipeline import Pipeline

        _QUOTE_PIPELINE = Pipeline(until="quotes")
    saved = os.environ.get(SPEAKERS_ENV)
    os.environ[SPEAKERS_ENV] = "rules"
    try:
        return _QUOTE_PIPELINE(Article(body=ex.text, date=ex.date))  # type: ignore[no-any-return]
    finally:
        if saved is None:
            os.environ.pop(SPEAKERS_ENV, None)
        else:
            os.environ[SPEAKERS_ENV] = saved
