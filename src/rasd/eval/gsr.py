"""Event detection against the Arabic event gold standard (``openeventdata/arabic_event_gsr``).

The CSV has one labelled sentence a row (columns ``label`` and ``text``, usually also ``id`` and
``event_type``). Positives are ``yes``; negatives ``easy no`` and ``difficult no``;
``ambiguous`` rows are ignored. Each sentence is analysed as a one-sentence article and counts
as detected when the output has an event of the file's PLOVER type (ASSAULT or PROTEST).

The spans JSON (optional) gives, for the ``yes`` sentences, the annotators' source and target
actor codes: ``source_role`` / ``target_role`` objects with ``main`` (a country or group code)
and ``role`` (a sector). For every detected ``yes`` sentence whose annotators gave a code for a
slot, the slot agrees when the code of one of the detected events' actors (source: ``actors``,
target: ``recipients``) is among the annotators' codes for it.

Example::

    report = evaluate_gsr("assault_gsr.dev.csv", spans="assault_spans.dev.json")
    print(report.confusion.f1, report.agreement["source_country"].rate)
"""

from __future__ import annotations

import csv
import io
import json
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rasd.eval import EvalError
from rasd.eval.scores import PrecisionRecall, ratio
from rasd.model import Article, Document, Event

if TYPE_CHECKING:
    from rasd.pipeline import Pipeline

POSITIVE = frozenset({"yes"})
NEGATIVE = frozenset({"easy no", "difficult no"})
IGNORED = frozenset({"ambiguous"})
EVENT_TYPES = ("ASSAULT", "PROTEST")
SLOTS = ("source_country", "source_sector", "target_country", "target_sector")
_NO_CODE = frozenset({"", "NONE", "NULL", "UNKNOWN", "UNK"})

@dataclass(frozen=True, slots=True)
class GsrRow:
    """One labelled sentence."""

    id: str
    label: str
    text: str


@dataclass(slots=True)
class Confusion(PrecisionRecall):
    """Detection counts; ``fp_easy`` / ``fp_difficult`` split the false positives by label."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    fp_easy: int = 0
    fp_difficult: int = 0
    ignored: int = 0

    def counts(self) -> tuple[int, int, int, int]:
        """True positives and detections; true positives and gold positives."""
        return self.tp, self.tp + self.fp, self.tp, self.tp + self.fn

    def add(self, label: str, detected: bool) -> None:
        """Count one sentence with its gold label."""
        label = label.strip().lower()
        if label in POSITIVE:
            if detected:
                self.tp += 1
            else:
                self.fn += 1
        elif label in NEGATIVE:
            if detected:
                self.fp += 1
                if label == "easy no":
                    self.fp_easy += 1
                else:
                    self.fp_difficult += 1
            else:
                self.tn += 1
        else:
            self.ignored += 1

    def to_dict(self) -> dict[str, Any]:
        """Counts and rounded scores."""
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "tn": self.tn,
            "fp_easy_no": self.fp_easy,
            "fp_difficult_no": self.fp_difficult,
            "ignored": self.ignored,
        }


def confusion(items: Iterable[tuple[str, bool]]) -> Confusion:
    """Confusion counts of ``(gold label, detected)`` pairs."""
    c = Confusion()
    for label, detected in items:
        c.add(label, detected)
    return c


@dataclass(slots=True)
class Agreement:
    """How often a coded slot agrees with the annotators' codes.

    ``gold``: positive sentences whose annotators gave a code for the slot; ``detected``: of
    those, detected; ``coded``: of those, with a code in the slot; ``agree``: of those, with a
    code among the annotators' codes.
    """

    gold: int = 0
    detected: int = 0
    coded: int = 0
    agree: int = 0

    @property
    def rate(self) -> float:
        """agree / detected: a detected event without a code in the slot counts as a miss."""
        return ratio(self.agree, self.detected)

    def to_dict(self) -> dict[str, Any]:
        """Counts and the rounded rate."""
        return {
            "gold": self.gold,
            "detected": self.detected,
            "coded": self.coded,
            "agree": self.agree,
            "rate": round(self.rate, 4),
        }


@dataclass(slots=True)
class SpanGold:
    """The annotators' codes for one positive sentence; empty sets where none gave a code."""

    id: str
    text: str
    codes: dict[str, set[str]]


@dataclass(slots=True)
class GsrReport:
    """The result of :func:`evaluate_gsr`."""

    event_type: str
    path: str
    confusion: Confusion
    agreement: dict[str, Agreement] | None = None
    spans_path: str | None = None
    spans_unused: int = 0
    errors: list[tuple[str, str, str]] = field(default_factory=list)  # kind, id, text
    failures: list[str] = field(default_factory=list)  # sentences the pipeline failed on
    seconds: float = 0.0

    @property
    def sentences(self) -> int:
        """Sentences scored (ambiguous ones excluded)."""
        c = self.confusion
        return c.tp + c.fp + c.fn + c.tn

    @property
    def headline(self) -> str:
        """The last line of the report: ``assault F1 0.654``."""
        return f"{self.event_type.lower()} F1 {self.confusion.f1:.3f}"

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "event_type": self.event_type,
            "file": self.path,
            "sentences": self.sentences,
            **self.confusion.to_dict(),
            "spans": None
            if self.agreement is None
            else {
                "file": self.spans_path,
                "unused_records": self.spans_unused,
                **{k: v.to_dict() for k, v in self.agreement.items()},
            },
            "errors": [{"kind": k, "id": i, "text": t} for k, i, t in self.errors],
            "failures": list(self.failures),
            "seconds": round(self.seconds, 3),
            "headline": self.headline,
        }


def read_gsr(path: str | Path) -> tuple[str | None, list[GsrRow]]:
    """Read a GSR CSV: its event type (from the ``event_type`` column, if any) and its rows.

    Raises:
        EvalError: the file is missing, not UTF-8, or lacks the ``label`` / ``text`` columns.
    """
    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise EvalError(p, "no such file", "check the path") from None
    except IsADirectoryError:
        raise EvalError(p, "is a folder, not a CSV file") from None
    except UnicodeDecodeError:
        raise EvalError(p, "is not UTF-8 text") from None
    try:
        reader = csv.DictReader(io.StringIO(raw, newline=""))
        fields = [f.strip().lower() for f in reader.fieldnames or []]
        missing = [c for c in ("label", "text") if c not in fields]
        if missing:
            found = ", ".join(f[:20] for f in fields[:8]) + (", …" if len(fields) > 8 else "")
            raise EvalError(
                p,
                f"CSV without the column(s) {', '.join(missing)} (found: {found or 'none'})",
                "expected the event GSR columns label, text, id, event_type",
            )
        rows: list[GsrRow] = []
        types: set[str] = set()
        for n, rec in enumerate(reader, start=2):
            r = {(k or "").strip().lower(): (v or "") for k, v in rec.items() if isinstance(v, str)}
            rows.append(GsrRow(r.get("id") or f"{p.name}:{n}", r.get("label", "").strip().lower(), r.get("text", "")))
            if r.get("event_type", "").strip():
                types.add(r["event_type"].strip().upper())
    except csv.Error as exc:
        raise EvalError(p, f"malformed CSV ({exc})") from None
    if len(types) > 1:
        raise EvalError(p, f"mixes event types {', '.join(sorted(types))}", "use one file per type")
    return (next(iter(types)) if types else None), rows


def infer_event_type(path: str | Path, column_type: str | None) -> str | None:
    """The event type: the CSV's ``event_type`` column, else a type named in the file name."""
    if column_type:
        return column_type
    name = Path(path).name.upper()
    for t in EVENT_TYPES:
        if t in name:
            return t
    return None


def _code(v: Any) -> str | None:
    if not isinstance(v, str):
        return None
    c = v.strip().upper()
    return None if c in _NO_CODE else c


def read_spans(path: str | Path) -> list[SpanGold]:
    """Read a GSR spans JSON: per sentence, the codes any annotator gave to each slot.

    Raises:
        EvalError: the file is missing or not the expected JSON list of records.
    """
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise EvalError(p, "no such file", "check the path") from None
    except UnicodeDecodeError:
        raise EvalError(p, "is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise EvalError(p, f"malformed JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    if not isinstance(data, list):
        raise EvalError(p, "not a GSR spans file: the top level is not a list of records")
    out: list[SpanGold] = []
    for i, rec in enumerate(data):
        if not isinstance(rec, dict) or not isinstance(rec.get("spans"), list):
            raise EvalError(p, f"not a GSR spans file: record {i} has no 'spans' list")
        codes: dict[str, set[str]] = {s: set() for s in SLOTS}
        for span in rec["spans"]:
            if not isinstance(span, dict):
                continue
            for side in ("source", "target"):
                role = span.get(f"{side}_role")
                if not isinstance(role, dict):
                    continue
                country, sector = _code(role.get("main")), _code(role.get("role"))
                if country:
                    codes[f"{side}_country"].add(country)
                if sector:
                    codes[f"{side}_sector"].add(sector)
        out.append(SpanGold(str(rec.get("source") or ""), str(rec.get("text") or ""), codes))
    return out


# an attack that did not happen (لم تنفجر) or might happen (إذا هاجموا) is not a reported attack
NOT_OCCURRED = frozenset({"negated", "hypothetical"})


def detected_events(doc: Document, event_type: str) -> list[Event]:
    """The events of ``event_type`` that the sentence reports as happening (or about to).

    The GSR's positives are sentences that report an attack or a protest; an event the coder
    marks ``negated`` or ``hypothetical`` is not such a report.
    """
    return [
        e
        for e in doc.events
        if (e.type or "").upper() == event_type and e.status not in NOT_OCCURRED
    ]


def slot_codes(doc: Document, events: Sequence[Event]) -> dict[str, set[str]]:
    """Country and sector codes of the events' actors (source) and recipients (target)."""
    out: dict[str, set[str]] = {s: set() for s in SLOTS}
    for ev in events:
        for side, ids in (("source", ev.actors), ("target", ev.recipients)):
            for i in ids:
                ent = doc.entity(i)
                if ent is None:
                    continue
                if ent.country:
                    out[f"{side}_country"].add(ent.country.upper())
                if ent.sector:
                    out[f"{side}_sector"].add(ent.sector.upper())
    return out


def _sentence_article(row: GsrRow, source: str) -> Article:
    return Article(body=row.text.strip(), source=f"{source}:{row.id}")


def evaluate_gsr(
    path: str | Path,
    spans: str | Path | None = None,
    pipeline: Pipeline | None = None,
    *,
    event_type: str | None = None,
    keep_errors: bool = True,
    time_limit: float | None = None,
) -> GsrReport:
    """Detect events in every labelled sentence of a GSR CSV and score the detection.

    Args:
        path: the GSR CSV.
        spans: the spans JSON; adds actor-code agreement on the detected positives.
        pipeline: the pipeline to evaluate; the full :class:`rasd.Pipeline` when omitted.
        event_type: ASSAULT or PROTEST; read from the CSV or its name when omitted.
        keep_errors: list the missed positives and the false alarms in ``report.errors``.
        time_limit: seconds allowed per sentence; a sentence whose analysis fails or runs
            longer counts as not detected and is listed in ``report.failures``.

    Raises:
        EvalError: a file is unusable or the event type cannot be told.
    """
    t0 = time.perf_counter()
    column_type, rows = read_gsr(path)
    etype = (event_type or "").upper() or infer_event_type(path, column_type)
    if not etype:
        raise EvalError(path, "the event type is unknown", "pass --type ASSAULT or --type PROTEST")
    gold_spans = read_spans(spans) if spans is not None else None
    if pipeline is None:
        from rasd.pipeline import Pipeline

        pipeline = Pipeline()

    report = GsrReport(etype, str(path), Confusion(), spans_path=str(spans) if spans else None)
    by_id: dict[str, Document] = {}
    by_text: dict[str, str] = {}
    positives: set[str] = set()
    source = Path(path).name
    scored: deque[GsrRow] = deque()  # rows sent to the pipeline, in order

    def articles() -> Iterator[Article]:
        for row in rows:
            if row.label not in POSITIVE and row.label not in NEGATIVE:
                report.confusion.add(row.label, False)
                continue
            if not row.text.strip():
                raise EvalError(path, f"row {row.id} has no text")
            scored.append(row)
            yield _sentence_article(row, source)

    for out in pipeline.pipe(articles(), time_limit=time_limit):
        row = scored.popleft()
        if isinstance(out, Document):
            doc = out
        else:  # a failing sentence is not detected, and is reported
            report.failures.append(f"{source}:{row.id}: {out.problem}")
            doc = Document(article=_sentence_article(row, source))
        hit = bool(detected_events(doc, etype))
        report.confusion.add(row.label, hit)
        if keep_errors and hit != (row.label in POSITIVE):
            report.errors.append(("missed" if not hit else "false alarm", row.id, row.text.strip()))
        if row.label in POSITIVE:
            positives.add(row.id)
            by_id[row.id] = doc
            by_text[" ".join(row.text.split())] = row.id

    if gold_spans is not None:
        report.agreement = {s: Agreement() for s in SLOTS}
        merged: dict[str, dict[str, set[str]]] = {}
        for g in gold_spans:  # a sentence may have several records: their codes are pooled
            rid = g.id if g.id in positives else by_text.get(" ".join(g.text.split()))
            if rid is None:
                report.spans_unused += 1
                continue
            pooled = merged.setdefault(rid, {s: set() for s in SLOTS})
            for slot in SLOTS:
                pooled[slot] |= g.codes[slot]
        for rid, codes in merged.items():
            doc = by_id[rid]
            events = detected_events(doc, etype)
            found = slot_codes(doc, events)
            for slot in SLOTS:
                if not codes[slot]:
                    continue
                a = report.agreement[slot]
                a.gold += 1
                if events:
                    a.detected += 1
                if found[slot]:
                    a.coded += 1
                    a.agree += int(bool(found[slot] & codes[slot]))
    report.seconds = time.perf_counter() - t0
    return report
