"""Propose example records for registered rules that lack them (tests/*/examples.jsonl).

Every registered rule needs at least one positive example (a sentence on which it fires) and
one negative (a sentence of the same kind on which it stays quiet); ``tests/test_rule_examples.py``
fails until it has them. This script looks for candidates in the bundled example article and the
event GSR dev sentences of ``../shared/data``; a GSR sentence is written as a reference to it
(``ref``: file, offsets, hash), not copied, since that data stays in ``../shared``. For an event
rule each sentence is coded on a document built from what the pipeline found in it (entities,
nisba adjectives, titles, quotes), exactly as the example test will build it; for a quote rule
the pipeline runs up to the quote stage. The shortest sentence on which the rule fires is the
positive; the shortest on which it stays quiet while a record of the same kind (event type, or
a quote) comes out is the negative. The records each yields are written as its expectation.

Read what it proposes before committing it: a proposed example is what the rules do today, not
what they should do.

    .venv/bin/python scripts/rule_examples.py [--stage events|quotes] [--all] [--shared ../shared]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.rule_examples import (  # noqa: E402
    EVENT_EXAMPLES,
    QUOTE_EXAMPLES,
    Example,
    event_record,
    load,
    quote_record,
    run_events,
    run_quotes,
)

from rasd.model import Article, Document  # noqa: E402
from rasd.pipeline import Pipeline, text_stage  # noqa: E402

MAX_CHARS = 220


def sentences(shared: Path) -> Iterator[tuple[str, str | None, str]]:
    """``(text, date, where)``: the example article's sentences, then the GSR dev sentences."""
    from rasd.read import read_path

    seed = next(iter(read_path(ROOT / "examples" / "000_17848a7770633ebb.txt")))
    assert isinstance(seed, Article)
    doc = text_stage(Document(article=seed))
    for s in doc.sentences:
        yield doc.text(s), seed.date, "examples/000_17848a7770633ebb.txt"
    for path in sorted((shared / "data" / "event-gsr").glob("*_gsr.dev.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                text = " ".join((row.get("text") or "").split())
                if text:
                    yield text, None, f"event-gsr/{path.name}"


def event_setup(doc: Document) -> dict[str, Any] | None:
    """The hand-built form of what the pipeline found in a sentence (None when a surface would
    stand for two entities)."""
    entities: dict[str, dict[str, Any]] = {}
    for e in doc.entities:
        for m in e.mentions:
            surface = doc.text(m)
            rec = {"surface": surface, "type": e.type}
            rec.update({k: v for k, v in (("country", e.country), ("sector", e.sector), ("kb_id", e.kb_id)) if v})
            if surface in entities and entities[surface] != rec:
                return None
            entities[surface] = rec
    setup: dict[str, Any] = {"entities": sorted(entities.values(), key=lambda r: doc.body.index(r["surface"]))}
    for label, key in (("NISBA", "nisba"), ("DEMONYM", "demonyms")):
        cues = {doc.text(m): (m.key or "").split("|")[0].partition(":")[2] for m in doc.mentions if m.label == label}
        cues = {s: c for s, c in cues.items() if c and s not in entities}
        if cues:
            setup[key] = cues
    titles = sorted({doc.text(m) for m in doc.mentions if m.label == "TITLE"})
    if titles:
        setup["titles"] = titles
    quoted = []
    for q in doc.quotes:
        if q.cue is None:
            continue
        speaker = doc.entity(q.speaker)
        name = next((doc.text(m) for m in speaker.mentions), "") if speaker else ""
        if speaker is not None and name not in entities:
            return None
        quoted.append([doc.text(q.content), name, doc.text(q.cue)])
    if quoted:
        setup["quoted"] = quoted
    return setup


Candidate = tuple[Example, dict[str, set[str]], list[dict[str, Any]]]


def involved(doc: Document) -> dict[str, set[str]]:
    """Rule id → the kinds of record it fired for (event types, ``quote``), kept or dropped."""
    out: dict[str, set[str]] = {}
    for x in doc.dropped:
        for r in (*x.before, x.rule):
            out.setdefault(r, set()).update(x.what.split("|"))
    for q in doc.quotes:
        for r in q.rules:
            out.setdefault(r, set()).add("quote")
    for ev in doc.events:
        for r in ev.rules:
            out.setdefault(r, set()).add(ev.type)
    return out


def candidates(stage: str, shared: Path) -> Iterator[Candidate]:
    """Each sentence as an example (without fires/quiet yet), the rules that fired on it with
    the kinds of record they fired for, and its records."""
    pipeline = Pipeline(until="events" if stage == "events" else "quotes")
    seen: set[str] = set()
    for text, date, where in sentences(shared):
        if len(text) > MAX_CHARS or text in seen:
            continue
        seen.add(text)
        doc = pipeline(Article(body=text, date=date))
        if stage == "events":
            setup = event_setup(doc)
            if setup is None:
                continue
            ex = Example(where, text, setup=setup, date=date)
            try:
                coded = run_events(ex)
            except (AssertionError, KeyError, ValueError):
                continue
            yield ex, involved(coded), [event_record(coded, ev) for ev in coded.events]
        else:
            ex = Example(where, text, date=date)
            done = run_quotes(ex)
            yield ex, involved(done), [quote_record(done, q) for q in done.quotes]


def kinds(records: list[dict[str, Any]], stage: str) -> set[str]:
    """What kind of records a sentence yields: event types, or ``quote``."""
    return {r["type"] for r in records} if stage == "events" else ({"quote"} if records else set())


def propose(stage: str, shared: Path, everything: bool) -> list[dict[str, Any]]:
    """Example records for the rules of ``stage`` that lack a positive or a negative one."""
    if stage == "events":
        from rasd.events.registry import REGISTRY
    else:
        from rasd.quotes.registry import REGISTRY  # type: ignore[assignment]
    path = EVENT_EXAMPLES if stage == "events" else QUOTE_EXAMPLES
    have = load(path, stage) if path.exists() else []
    has_pos = {r for ex in have for r in ex.fires}
    has_neg = {r for ex in have for r in ex.quiet}
    want = [r.id for r in REGISTRY if everything or r.id not in has_pos or r.id not in has_neg]
    list_of = {r.id: rl.id for rl in REGISTRY.lists for r in rl}
    members = {rl.id: {r.id for r in rl} for rl in REGISTRY.lists}
    pool = list(candidates(stage, shared))
    quiet_load: dict[str, int] = {}
    chosen: dict[str, dict[str, Any]] = {}

    def line(ex: Example, records: list[dict[str, Any]]) -> dict[str, Any]:
        rec = chosen.get(ex.text)
        if rec is None:
            key = "events" if stage == "events" else "quotes"
            rec = {"text": ex.text, "fires": [], "quiet": [], key: records, **ex.setup, "note": ex.where}
            if ex.date:
                rec["date"] = ex.date
            chosen[ex.text] = rec
        return rec

    for rule_id in want:
        pos = sorted((c for c in pool if rule_id in c[1]), key=lambda c: len(c[0].text))
        if pos and (everything or rule_id not in has_pos):
            line(pos[0][0], pos[0][2])["fires"].append(rule_id)
        wanted: set[str] = set().union(*(c[1][rule_id] for c in pos[:20])) if pos else set()
        # a negative: a record of the same kind on which another rule of the same list decided
        siblings = members[list_of[rule_id]] - {rule_id}
        neg = sorted(
            (c for c in pool if rule_id not in c[1] and kinds(c[2], stage) & wanted and siblings & set(c[1])),
            key=lambda c: (quiet_load.get(c[0].text, 0) // 3, len(c[0].text)),
        )
        if neg and (everything or rule_id not in has_neg):
            line(neg[0][0], neg[0][2])["quiet"].append(rule_id)
            quiet_load[neg[0][0].text] = quiet_load.get(neg[0][0].text, 0) + 1
    missing = [r for r in want if not any(r in x["fires"] for x in chosen.values()) and r not in has_pos]
    quiet_missing = [r for r in want if not any(r in x["quiet"] for x in chosen.values()) and r not in has_neg]
    print(f"{stage}: no positive found for {missing}; no negative for {quiet_missing}", file=sys.stderr)
    return [r for r in chosen.values() if r["fires"] or r["quiet"]]


def fill(stage: str, path: Path) -> list[dict[str, Any]]:
    """Examples written by hand (text, set-up, fires, quiet): each with the records it yields
    today; an example whose rules do not fire (or stay quiet) as it says is reported and left out."""
    out = []
    for n, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        rec = json.loads(line)
        ex = Example(f"{path.name}:{n}", rec["text"], setup={k: rec[k] for k in ("entities", "nisba", "demonyms", "titles", "quoted") if k in rec}, date=rec.get("date"))
        doc = run_events(ex) if stage == "events" else run_quotes(ex)
        did = involved(doc)
        wrong = [f"{r} did not fire" for r in rec.get("fires", []) if r not in did]
        wrong += [f"{r} fired" for r in rec.get("quiet", []) if r in did]
        if wrong:
            print(f"{ex.where}: {'; '.join(wrong)} (fired: {sorted(did)})", file=sys.stderr)
            continue
        key = "events" if stage == "events" else "quotes"
        rec[key] = [event_record(doc, ev) for ev in doc.events] if stage == "events" else [quote_record(doc, q) for q in doc.quotes]
        out.append(rec)
    return out


def as_reference(rec: dict[str, Any], shared: Path) -> dict[str, Any] | None:
    """A proposed example whose sentence comes from ../shared, naming it there instead of copying
    it (None when the sentence is not found verbatim in its file)."""
    if not str(rec.get("note", "")).startswith("event-gsr/"):
        return rec
    path = shared / "data" / rec["note"]
    text = rec.pop("text")
    start = path.read_text("utf-8").find(text)
    if start < 0:
        return None
    sha1 = hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
    ref = {"file": f"data/{rec['note']}", "start": start, "end": start + len(text), "sha1": sha1}
    if "quoted" in rec:
        rec["quoted"] = [[[text.index(q[0]), text.index(q[0]) + len(q[0])], *q[1:]] for q in rec["quoted"]]
    return {"ref": ref, **rec}


def main(argv: list[str] | None = None) -> int:
    """Print the proposed example records as JSON Lines."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--stage", choices=("events", "quotes"), default="events")
    ap.add_argument("--all", action="store_true", help="propose for every rule, not only those lacking examples")
    ap.add_argument("--fill", type=Path, help="check hand-written examples and add the records they yield")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args(argv)
    if args.fill:
        for rec in fill(args.stage, args.fill):
            print(json.dumps(rec, ensure_ascii=False))
        return 0
    for proposed in propose(args.stage, args.shared, args.all):
        found = as_reference(proposed, args.shared)
        if found is None:
            continue
        rec = found
        if not rec["fires"]:
            rec.pop("fires")
        if not rec["quiet"]:
            rec.pop("quiet")
        print(json.dumps(rec, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
