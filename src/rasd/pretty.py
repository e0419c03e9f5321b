"""A readable terminal view of a Document: header, entities, who said what, events."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from rasd.model import Document


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _rules(ids: list[str]) -> str:
    return "\n".join(ids)


def render(doc: Document, console: Console, *, explain: bool = False) -> None:
    """Print ``doc`` to ``console``; Arabic columns are right-aligned for right-to-left reading.

    With ``explain``, each quote and event shows the rules that made it, and a last table the
    candidates each drop rule turned down.
    """
    a = doc.article
    head = Text()
    if a.headline:
        head.append(a.headline + "\n", style="bold")
    meta = [
        f"{label}: {value}"
        for label, value in (
            ("section", a.section),
            ("outlet", a.outlet),
            ("byline", a.byline),
            ("date", a.date),
            ("id", a.id),
        )
        if value
    ]
    head.append(" · ".join(meta), style="dim")
    head.append(
        f"\n{len(doc.sentences)} sentences · {len(doc.tokens)} tokens · {len(doc.entities)} entities"
        f" · {len(doc.quotes)} quotes · {len(doc.events)} events",
        style="dim",
    )
    console.print(Panel(head, title="rasd", title_align="left"))
    names = {e.id: e.name for e in doc.entities}

    if doc.entities:
        t = Table(title="Entities", show_lines=False, expand=False)
        t.add_column("name", justify="right")
        t.add_column("type")
        t.add_column("country")
        t.add_column("sector")
        t.add_column("mentions", justify="right")
        t.add_column("English")
        for e in doc.entities:
            t.add_row(e.name, e.type, e.country or "", e.sector or "", str(len(e.mentions)), e.name_en or "")
        console.print(t)

    if doc.quotes:
        t = Table(title="Who said what", show_lines=True)
        t.add_column("speaker", justify="right")
        t.add_column("cue", justify="right")
        t.add_column("kind")
        t.add_column("said", justify="right", ratio=1)
        for q in doc.quotes:
            speaker = names.get(q.speaker or "", q.speaker_text or "—")
            t.add_row(speaker, doc.text(q.cue) if q.cue else "", q.kind, _short(doc.text(q.content), 160))
        console.print(t)

    if doc.events:
        coded = {e.id: f"{e.name} ({e.country})" if e.country else e.name for e in doc.entities}
        codebook = doc.meta.get("codebook")
        t = Table(title="Events", caption=f"codebook {codebook}" if codebook else None, show_lines=True)
        t.add_column("type")
        t.add_column("actor", justify="right")
        t.add_column("recipient", justify="right")
        t.add_column("status")
        t.add_column("place / date", justify="right")
        t.add_column("evidence", justify="right", ratio=1)
        for ev in doc.events:
            evidence = _short(doc.text(ev.evidence[0]), 140) if ev.evidence else ""
            if len(ev.evidence) > 1:
                evidence += f"  (+{len(ev.evidence) - 1})"
            date = ev.date or ev.date_raw or ""
            if ev.date and ev.date_raw:
                date = f"{ev.date_raw} = {ev.date}"
            t.add_row(
                ev.type + (f" ({ev.mode})" if ev.mode else ""),
                "، ".join(coded.get(x, x) for x in ev.actors),
                "، ".join(coded.get(x, x) for x in ev.recipients),
                f"{ev.status} {ev.confidence:.2f}",
                " / ".join(x for x in (names.get(ev.place or "", ""), date) if x),
                evidence,
            )
        console.print(t)
    if explain:
        _explain(doc, console)


def _explain(doc: Document, console: Console) -> None:
    """The rules behind each quote and event, and the candidates each drop rule turned down."""
    names = {e.id: e.name for e in doc.entities}
    if doc.quotes or doc.events:
        t = Table(title="Rules behind each record", show_lines=True)
        t.add_column("record")
        t.add_column("what", justify="right")
        t.add_column("rules", overflow="fold", ratio=1)
        for q in doc.quotes:
            who = names.get(q.speaker or "", q.speaker_text or "—")
            t.add_row(q.id, who, _rules(q.rules))
        for ev in doc.events:
            t.add_row(ev.id, ev.type, _rules(ev.rules))
        console.print(t)
    if doc.dropped:
        t = Table(title="Turned down", show_lines=False)
        t.add_column("words", justify="right")
        t.add_column("would be")
        t.add_column("rule", overflow="fold")
        for x in sorted(doc.dropped, key=lambda x: (x.start, x.end)):
            t.add_row(_short(doc.body[x.start : x.end], 60), x.what, x.rule)
        console.print(t)
    if not (doc.entities or doc.quotes or doc.events):
        body = Group(*[Text(_short(doc.text(s), 200), justify="right") for s in doc.sentences[:20]])
        console.print(Panel(body, title="Sentences"))
