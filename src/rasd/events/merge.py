"""One record per event: repeated reports of it are merged (:data:`MERGE`).

Reports with the same type and status (a past report of a present event counts as the same),
the same actor countries and overlapping recipient countries, no conflicting explicit date or
place, are merged; a report that names no recipient joins one with the same cue word that
does. Acts of two different named persons or bodies stay apart. The merged record keeps every
evidence span and the rules of every report; its confidence grows with each report.
"""

from __future__ import annotations

from dataclasses import dataclass

from rasd.events.filters import MATERIAL
from rasd.model import Event
from rasd.rules import RuleList, rule

Key = tuple[frozenset[str], frozenset[str]]


@dataclass(slots=True)
class Report:
    """One event as reported, with what merging compares.

    Attributes:
        event: the record.
        key: the countries (or ids) of its actors and of its recipients.
        lemma: the cue's lexicon head.
        specific: its actors that are named persons or bodies.
    """

    event: Event
    key: Key
    lemma: str
    specific: frozenset[str]


def _same_status(a: str, b: str) -> bool:
    return a == b or {a, b} == {"asserted", "historical"}


@rule("events.merge.different_persons", "apart")
def different_persons(new: Report, old: Report) -> bool:
    """Acts of two different named persons or bodies are two events (``وصل وفد …``، ``زيارة
    مسؤول …``)."""
    return bool(new.specific and old.specific and set(new.event.actors) != set(old.event.actors))


@rule("events.merge.different_kind", "apart")
def different_kind(new: Report, old: Report) -> bool:
    """Reports of another type, or of another status (but a past report of a present event), are
    other events."""
    return old.event.type != new.event.type or not _same_status(old.event.status, new.event.status)


@rule("events.merge.different_date", "apart")
def different_date(new: Report, old: Report) -> bool:
    """Two reports that name different dates are two events."""
    a, b = new.event.date_raw, old.event.date_raw
    return bool(a and b and a != b)


@rule("events.merge.different_place", "apart")
def different_place(new: Report, old: Report) -> bool:
    """Two reports that name different places are two events; a strike told with its place and
    one told without are two strikes."""
    a, b = new.event.place, old.event.place
    if a and b and a != b:
        return True
    return new.event.type in MATERIAL and a != b


@rule("events.merge.same_event", "merge")
def same_event(new: Report, old: Report) -> bool:
    """Same actors and overlapping recipients (by country), told with the same cue word, in one
    statement, or a meeting told with many words (``مباحثات``، ``لقاء``، ``بحث``)."""
    reciprocal = new.event.type in ("CONSULT", "COOPERATE")
    if reciprocal:
        same = (new.key[0] | new.key[1]) == (old.key[0] | old.key[1])
    else:
        same = (new.key[0] == old.key[0] and bool(new.key[1] & old.key[1])) or new.key == old.key
    one_statement = new.event.quote is not None and new.event.quote == old.event.quote
    return same and (new.lemma == old.lemma or reciprocal or one_statement)


@rule("events.merge.unnamed_recipient", "merge")
def unnamed_recipient(new: Report, old: Report) -> bool:
    """A verbal act that names no recipient joins one with the same actors and cue word that
    does (``لدعم إيران`` after ``إيران مستمرة في دعمها لسورية``); two strikes or two arrests
    stay two."""
    return (
        new.event.type not in ("CONSULT", "COOPERATE")
        and new.key[0] == old.key[0]
        and (not new.key[1] or not old.key[1])
        and new.lemma == old.lemma
        and new.event.type not in MATERIAL
    )


MERGE = RuleList(
    "events.merge",
    "(new report: Report, earlier report: Report) -> bool; the first rule that fires decides",
    {"apart": bool, "merge": bool},
    (different_persons, different_kind, different_date, different_place, same_event, unnamed_recipient),
)


def merge_reports(reports: list[Report]) -> list[Event]:
    """One record per event, in the order of first report.

    A report kept apart from an earlier one that a merge rule would have joined it to names the
    rule that kept it apart (``events.merge.different_date``…).
    """
    out: list[Report] = []
    for rep in reports:
        target: Report | None = None
        rule_id = ""
        for item in out:
            verdict = next(iter(MERGE.fire(rep, item)), None)
            if verdict is not None and verdict[0].effect == "merge":
                target, rule_id = item, verdict[0].id
                break
            apart = verdict is not None and verdict[0].effect == "apart"
            if apart and verdict is not None and verdict[0].id not in rep.event.rules and _would_merge(rep, item):
                rep.event.rules.append(verdict[0].id)
        if target is None:
            out.append(rep)
            continue
        _join(target, rep, rule_id)
    return [r.event for r in out]


def _would_merge(new: Report, old: Report) -> bool:
    """Whether a merge rule alone would join the two reports."""
    return any(r.effect == "merge" and r(new, old) for r in MERGE)


def _join(target: Report, rep: Report, rule_id: str) -> None:
    """Fold the report ``rep`` into the record ``target``."""
    other, ev = target.event, rep.event
    other.evidence.extend(e for e in ev.evidence if e not in other.evidence)
    other.evidence.sort()
    if not target.key[1] and rep.key[1]:
        # the report that names the recipient leads
        other.actors, other.recipients = ev.actors, ev.recipients
        other.cue, other.quote = ev.cue, ev.quote
        target.key = rep.key
    if ev.status == "asserted":
        other.status = "asserted"
    other.place = other.place or ev.place
    other.date_raw = other.date_raw or ev.date_raw
    if ev.date_raw and other.date == other.date_raw:
        other.date = ev.date
    other.confidence = round(1 - (1 - other.confidence) * (1 - ev.confidence * 0.5), 3)
    other.rules.extend(x for x in [*ev.rules, rule_id] if x not in other.rules)
