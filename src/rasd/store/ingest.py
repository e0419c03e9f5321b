"""Ingest: analysed documents in, one transaction per batch, idempotent by article id.

Ingest is two parts that meet at a stream of items:

- a **producer** (:func:`analyse_inputs`) reads inputs and runs the pipeline, yielding a
  :class:`~rasd.model.Document` per article, a :class:`~rasd.read.ReadProblem` per input that
  could not be read or analysed, and an :class:`AlreadyStored` marker for an article the
  database already has (it is not analysed again);
- a single **writer** (:func:`store_documents`) that consumes the stream and commits it in
  batches, one transaction each. A run killed at any point loses at most the batch it was
  writing; running it again skips what was committed and stores the rest.

A parallel producer (a process pool analysing articles) can replace :func:`analyse_inputs`
as long as it yields the same three kinds of items to the one writer.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Container, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, cast

from rasd import __version__
from rasd.model import Actor, Article, Document, Event, Quote, Span
from rasd.read import ReadProblem, iter_inputs
from rasd.store.codes import actor_key, full_date, norm_name, quad_class
from rasd.store.schema import connect, now
from rasd.store.search import index_text

if TYPE_CHECKING:
    from rasd.pipeline import Pipeline

DEFAULT_BATCH_SIZE = 50


@dataclass(frozen=True, slots=True)
class AlreadyStored:
    """An article the database already holds (same content hash); it is not analysed again."""

    article_id: str
    source: str | None = None


Item = Document | ReadProblem | AlreadyStored
"""What a producer yields to :func:`store_documents`."""


@dataclass(slots=True)
class IngestSummary:
    """What an ingest run did.

    Attributes:
        stored: articles written by this run.
        skipped: articles already in the database (by content hash), including repeats within
            the run.
        problems: inputs that could not be read, analysed or stored, with the reason.
        entities, quotes, events: records written with the stored articles.
        batches: transactions committed.
        seconds: wall time of the run.
        received: items taken from the stream so far (stored, skipped, failed or pending in
            the open batch).
        run_id: the row of ``ingest_runs`` describing this run.
    """

    stored: int = 0
    skipped: int = 0
    problems: list[ReadProblem] = field(default_factory=list)
    entities: int = 0
    quotes: int = 0
    events: int = 0
    batches: int = 0
    seconds: float = 0.0
    received: int = 0
    run_id: int | None = None

    @property
    def seen(self) -> int:
        """Items taken from the stream so far."""
        return self.received

    @property
    def rate(self) -> float:
        """Items per second."""
        return self.seen / self.seconds if self.seconds > 0 else 0.0


def stored_ids(conn: sqlite3.Connection) -> set[str]:
    """The ids of every article in the database."""
    return {r[0] for r in conn.execute("SELECT id FROM articles")}


def analyse_inputs(
    paths: Iterable[str | Path],
    *,
    pipeline: Pipeline | None = None,
    known_ids: Container[str] = frozenset(),
    date: str | None = None,
    outlet: str | None = None,
) -> Iterator[Item]:
    """Read ``paths`` and analyse each article not in ``known_ids``, in input order.

    Args:
        paths: files, folders (walked recursively) and ``-`` for standard input.
        pipeline: the analysis to run; by default the full :class:`rasd.pipeline.Pipeline`.
        known_ids: ids of articles already stored; these yield :class:`AlreadyStored`.
        date: publication date for articles that lack one.
        outlet: outlet name for articles that lack one.

    Yields:
        A Document, a ReadProblem (unreadable input or failed analysis) or AlreadyStored.
    """
    if pipeline is None:
        from rasd.pipeline import Pipeline

        pipeline = Pipeline()

    def unknown() -> Iterator[Article | ReadProblem | AlreadyStored]:
        for item in iter_inputs(paths):
            if isinstance(item, ReadProblem):
                yield item
                continue
            if date and not item.date:
                item.date = date
            if outlet and not item.outlet:
                item.outlet = outlet
            yield AlreadyStored(item.id, item.source) if item.id in known_ids else item

    # mypy cannot solve pipe's type variable for a three-way union; pipe passes non-articles on
    yield from cast(Iterator[Item], pipeline.pipe(unknown()))


# --------------------------------------------------------------------------- places


@lru_cache(maxsize=1)
def _place_table() -> tuple[dict[str, tuple[float, float]], dict[str, tuple[float, float]]]:
    """(place id -> lat/lon, country code -> its capital's lat/lon) from the knowledge base."""
    try:
        from rasd.kb import load_kb

        kb = load_kb()
    except (ImportError, OSError, KeyError, ValueError):
        return {}, {}
    places = {pid: (p.lat, p.lon) for pid, p in kb.places.items()}
    capitals: dict[str, tuple[float, float]] = {}
    for p in kb.places.values():
        if p.kind == "capital" and p.country not in capitals:
            capitals[p.country] = (p.lat, p.lon)
    return places, capitals


def place_coordinates(kb_id: str | None) -> tuple[float, float, str] | None:
    """``(lat, lon, precision)`` of a knowledge-base id, or ``None``.

    A place id gives its own coordinates (precision ``place``); a country code (``SYR``, or
    ``country:SYR``) gives its capital's (precision ``country``). Without the knowledge-base
    module there are no coordinates.
    """
    if not kb_id:
        return None
    places, capitals = _place_table()
    if kb_id in places:
        lat, lon = places[kb_id]
        return lat, lon, "place"
    code = kb_id.rsplit(":", 1)[-1]
    if code in capitals and (code == kb_id or kb_id.split(":", 1)[0] in ("country", "gpe", "iso3")):
        lat, lon = capitals[code]
        return lat, lon, "country"
    return None


# --------------------------------------------------------------------------- writing


def _check_span(span: Span | None, body: str, what: str) -> None:
    if span is not None and span.end > len(body):
        raise ValueError(f"{what} span [{span.start}, {span.end}) runs past the body ({len(body)} characters)")


class _Writer:
    """Writes documents into an open connection; caches actor ids within a transaction."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.actor_ids: dict[str, int] = {}

    def forget(self) -> None:
        """Drop cached actor ids (after a rollback they may not exist)."""
        self.actor_ids.clear()

    def actor_id(self, e: Actor) -> int:
        key = actor_key(e.kb_id, e.type, e.name, e.country)
        cached = self.actor_ids.get(key)
        if cached is not None:
            return cached
        row = self.conn.execute("SELECT id FROM actors WHERE key = ?", (key,)).fetchone()
        if row is not None:
            aid = int(row[0])
            # fill what an earlier article did not know
            self.conn.execute(
                "UPDATE actors SET name_en = coalesce(name_en, ?), country = coalesce(country, ?), "
                "sector = coalesce(sector, ?) WHERE id = ?",
                (e.name_en, e.country, e.sector, aid),
            )
        else:
            coords = place_coordinates(e.kb_id)
            lat, lon, precision = coords if coords else (None, None, None)
            cur = self.conn.execute(
                "INSERT INTO actors (key, kb_id, name, name_en, type, country, sector, norm_name, "
                "lat, lon, geo_precision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (key, e.kb_id, e.name, e.name_en, e.type, e.country, e.sector, norm_name(e.name),
                 lat, lon, precision),
            )
            aid = int(cur.lastrowid or 0)
        self.actor_ids[key] = aid
        return aid

    def exists(self, article_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def write(self, doc: Document) -> None:
        """Insert one document (the caller holds the transaction)."""
        a = doc.article
        body = a.body
        c = self.conn
        cur = c.execute(
            "INSERT INTO articles (id, section, headline, headline_parts, byline, outlet, date, url, "
            "body, boilerplate, source, meta, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (a.id, a.section, a.headline, json.dumps(a.headline_parts, ensure_ascii=False), a.byline,
             a.outlet, a.date, a.url, body, json.dumps(a.boilerplate, ensure_ascii=False), a.source,
             json.dumps(doc.meta, ensure_ascii=False), now()),
        )
        num = cur.lastrowid
        norms, stems = index_text(doc)
        c.execute("INSERT INTO search (rowid, norms, stems) VALUES (?, ?, ?)", (num, norms, stems))
        c.executemany(
            'INSERT INTO sentences (article_id, pos, start, "end", paragraph) VALUES (?, ?, ?, ?, ?)',
            [(a.id, i, s.start, s.end, s.paragraph) for i, s in enumerate(doc.sentences)],
        )
        by_entity: dict[str, int] = {}
        for e in doc.entities:
            for m in e.mentions:
                _check_span(m.span, body, f"entity {e.id} mention")
            aid = self.actor_id(e)
            by_entity[e.id] = aid
            c.execute(
                "INSERT INTO entities (article_id, id, actor_id, name, name_en, type, country, sector, "
                "role, kb_id, nominal) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (a.id, e.id, aid, e.name, e.name_en, e.type, e.country, e.sector, e.role, e.kb_id,
                 int(e.nominal)),
            )
            c.executemany(
                'INSERT INTO mentions (article_id, entity_id, pos, start, "end", source) VALUES (?, ?, ?, ?, ?, ?)',
                [(a.id, e.id, i, m.start, m.end, m.source) for i, m in enumerate(e.mentions)],
            )
        for q in doc.quotes:
            self._write_quote(a.id, body, q, by_entity)
        for ev in doc.events:
            self._write_event(a, ev, by_entity)

    def _write_quote(self, article_id: str, body: str, q: Quote, by_entity: dict[str, int]) -> None:
        for span, what in ((q.cue, "cue"), (q.content, "content"), (q.speaker_span, "speaker")):
            _check_span(span, body, f"quote {q.id} {what}")
        cue, sp = q.cue, q.speaker_span
        self.conn.execute(
            "INSERT INTO quotes (article_id, id, speaker, speaker_actor, speaker_text, co_speakers, "
            "cue_start, cue_end, content_start, content_end, content, kind, via, stance, "
            "speaker_start, speaker_end, rules, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (article_id, q.id, q.speaker, by_entity.get(q.speaker or ""), q.speaker_text,
             json.dumps(q.co_speakers), cue.start if cue else None, cue.end if cue else None,
             q.content.start, q.content.end, body[q.content.start : q.content.end], q.kind, q.via,
             q.stance, sp.start if sp else None, sp.end if sp else None, json.dumps(q.rules), q.confidence),
        )
        links: dict[str, str] = {}
        if q.speaker and q.speaker in by_entity:
            links[q.speaker] = "speaker"
        for co in q.co_speakers:
            if co in by_entity and co not in links:
                links[co] = "co_speaker"
        self.conn.executemany(
            "INSERT INTO quote_actors (article_id, quote_id, entity_id, actor_id, role) VALUES (?, ?, ?, ?, ?)",
            [(article_id, q.id, eid, by_entity[eid], role) for eid, role in links.items()],
        )

    def _write_event(self, a: Article, ev: Event, by_entity: dict[str, int]) -> None:
        for span in [*ev.evidence, ev.cue]:
            _check_span(span, a.body, f"event {ev.id}")
        cue = ev.cue
        self.conn.execute(
            "INSERT INTO events (article_id, id, type, mode, quad, place, place_actor, date, date_raw, "
            "sort_date, status, confidence, quote, cue_start, cue_end, rules) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (a.id, ev.id, ev.type, ev.mode, quad_class(ev.type), ev.place,
             by_entity.get(ev.place or ""), ev.date, ev.date_raw, full_date(ev.date or a.date), ev.status,
             float(ev.confidence), ev.quote, cue.start if cue else None, cue.end if cue else None,
             json.dumps(ev.rules)),
        )
        rows = [(a.id, ev.id, "actor", i, eid, by_entity.get(eid)) for i, eid in enumerate(ev.actors)]
        rows += [(a.id, ev.id, "recipient", i, eid, by_entity.get(eid)) for i, eid in enumerate(ev.recipients)]
        self.conn.executemany(
            "INSERT INTO event_actors (article_id, event_id, role, pos, entity_id, actor_id) VALUES (?, ?, ?, ?, ?, ?)",
            rows,
        )
        self.conn.executemany(
            'INSERT INTO evidence (article_id, event_id, pos, start, "end", text) VALUES (?, ?, ?, ?, ?, ?)',
            [(a.id, ev.id, i, s.start, s.end, a.body[s.start : s.end]) for i, s in enumerate(ev.evidence)],
        )


def store_documents(
    db: str | Path | sqlite3.Connection,
    docs_or_problems: Iterable[Item],
    batch_size: int = DEFAULT_BATCH_SIZE,
    *,
    progress: Callable[[IngestSummary], None] | None = None,
    max_batch_seconds: float = 10.0,
) -> IngestSummary:
    """Write a stream of analysed documents into the store, one transaction per batch.

    Args:
        db: the database file (created and migrated when needed) or an open connection.
        docs_or_problems: Documents to store, ReadProblems to record, AlreadyStored markers to
            count; typically :func:`analyse_inputs`.
        batch_size: documents per transaction; a crash loses at most one batch.
        progress: called with the running summary after each item.
        max_batch_seconds: also commit a smaller batch when the producer is slow.

    Returns:
        The run's :class:`IngestSummary`. An article whose id is already stored is skipped;
        a document that cannot be written (say, a span past the end of its body) is recorded
        as a problem and the batch goes on.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    own = not isinstance(db, sqlite3.Connection)
    conn = connect(db) if not isinstance(db, sqlite3.Connection) else db
    writer = _Writer(conn)
    summary = IngestSummary()
    started = time.monotonic()
    cur = conn.execute(
        "INSERT INTO ingest_runs (started_at, rasd_version) VALUES (?, ?)", (now(), __version__)
    )
    summary.run_id = int(cur.lastrowid or 0)
    batch: list[Document] = []
    pending_problems: list[ReadProblem] = []
    last_commit = time.monotonic()

    def flush() -> None:
        nonlocal last_commit
        if not batch and not pending_problems:
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            for doc in batch:
                if writer.exists(doc.article.id):
                    summary.skipped += 1
                    continue
                conn.execute("SAVEPOINT doc")
                try:
                    writer.write(doc)
                except (ValueError, sqlite3.IntegrityError) as exc:
                    conn.execute("ROLLBACK TO doc")
                    conn.execute("RELEASE doc")
                    writer.forget()
                    pending_problems.append(
                        ReadProblem(doc.article.source or doc.article.id, f"could not be stored ({exc})")
                    )
                    summary.problems.append(pending_problems[-1])
                    continue
                conn.execute("RELEASE doc")
                summary.stored += 1
                summary.entities += len(doc.entities)
                summary.quotes += len(doc.quotes)
                summary.events += len(doc.events)
            conn.executemany(
                "INSERT INTO ingest_problems (run_id, source, problem, hint) VALUES (?, ?, ?, ?)",
                [(summary.run_id, p.source, p.problem, p.hint) for p in pending_problems],
            )
            conn.execute(
                "UPDATE ingest_runs SET stored = ?, skipped = ?, problems = ? WHERE id = ?",
                (summary.stored, summary.skipped, len(summary.problems), summary.run_id),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            writer.forget()
            raise
        summary.batches += 1
        batch.clear()
        pending_problems.clear()
        last_commit = time.monotonic()

    try:
        for item in docs_or_problems:
            summary.received += 1
            if isinstance(item, ReadProblem):
                summary.problems.append(item)
                pending_problems.append(item)
            elif isinstance(item, AlreadyStored):
                summary.skipped += 1
            else:
                batch.append(item)
            if len(batch) >= batch_size or (
                (batch or pending_problems) and time.monotonic() - last_commit >= max_batch_seconds
            ):
                flush()
            summary.seconds = time.monotonic() - started
            if progress is not None:
                progress(summary)
        flush()
        summary.seconds = time.monotonic() - started
        conn.execute(
            "UPDATE ingest_runs SET finished_at = ?, stored = ?, skipped = ?, problems = ? WHERE id = ?",
            (now(), summary.stored, summary.skipped, len(summary.problems), summary.run_id),
        )
    finally:
        if own:
            conn.close()
    return summary


# --------------------------------------------------------------------------- reading back


def load_document(conn: sqlite3.Connection, article_id: str) -> Document | None:
    """The stored document with this id (every layer but tokens), or ``None``."""
    from rasd.model import Mention, Sentence

    row = conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        return None
    article = Article(
        body=row["body"],
        id=row["id"],
        section=row["section"],
        headline=row["headline"],
        headline_parts=json.loads(row["headline_parts"]),
        byline=row["byline"],
        outlet=row["outlet"],
        date=row["date"],
        url=row["url"],
        boilerplate=json.loads(row["boilerplate"]),
        source=row["source"],
    )
    doc = Document(article=article, meta=json.loads(row["meta"]))
    doc.sentences = [
        Sentence(r["start"], r["end"], paragraph=r["paragraph"])
        for r in conn.execute(
            'SELECT start, "end", paragraph FROM sentences WHERE article_id = ? ORDER BY pos', (article_id,)
        )
    ]
    mentions: dict[str, list[Mention]] = {}
    for r in conn.execute(
        'SELECT m.entity_id, m.start, m."end", m.source, e.type FROM mentions m '
        "JOIN entities e ON e.article_id = m.article_id AND e.id = m.entity_id "
        "WHERE m.article_id = ? ORDER BY m.entity_id, m.pos",
        (article_id,),
    ):
        mentions.setdefault(r["entity_id"], []).append(Mention(r["start"], r["end"], r["type"], r["source"]))
    doc.entities = [
        Actor(
            id=r["id"], name=r["name"], type=r["type"], name_en=r["name_en"], country=r["country"],
            sector=r["sector"], role=r["role"], kb_id=r["kb_id"], mentions=mentions.get(r["id"], []),
            nominal=bool(r["nominal"]),
        )
        for r in conn.execute("SELECT * FROM entities WHERE article_id = ?", (article_id,))
    ]
    doc.entities.sort(key=lambda e: _id_order(e.id))

    def span(a: int | None, b: int | None) -> Span | None:
        return Span(a, b) if a is not None and b is not None else None

    doc.quotes = [
        Quote(
            id=r["id"], speaker=r["speaker"], speaker_text=r["speaker_text"],
            cue=span(r["cue_start"], r["cue_end"]), content=Span(r["content_start"], r["content_end"]),
            kind=r["kind"], via=r["via"], co_speakers=json.loads(r["co_speakers"]), stance=r["stance"],
            speaker_span=span(r["speaker_start"], r["speaker_end"]), rules=json.loads(r["rules"]),
            confidence=r["confidence"],
        )
        for r in conn.execute("SELECT * FROM quotes WHERE article_id = ?", (article_id,))
    ]
    doc.quotes.sort(key=lambda q: _id_order(q.id))
    roles: dict[tuple[str, str], list[str]] = {}
    for r in conn.execute(
        "SELECT event_id, role, entity_id FROM event_actors WHERE article_id = ? ORDER BY event_id, role, pos",
        (article_id,),
    ):
        roles.setdefault((r["event_id"], r["role"]), []).append(r["entity_id"])
    evidence: dict[str, list[Span]] = {}
    for r in conn.execute(
        'SELECT event_id, start, "end" FROM evidence WHERE article_id = ? ORDER BY event_id, pos', (article_id,)
    ):
        evidence.setdefault(r["event_id"], []).append(Span(r["start"], r["end"]))
    doc.events = [
        Event(
            id=r["id"], type=r["type"], mode=r["mode"], actors=roles.get((r["id"], "actor"), []),
            recipients=roles.get((r["id"], "recipient"), []), place=r["place"], date=r["date"],
            date_raw=r["date_raw"], status=r["status"], evidence=evidence.get(r["id"], []),
            confidence=r["confidence"], quote=r["quote"], cue=span(r["cue_start"], r["cue_end"]),
            rules=json.loads(r["rules"]),
        )
        for r in conn.execute("SELECT * FROM events WHERE article_id = ?", (article_id,))
    ]
    doc.events.sort(key=lambda e: _id_order(e.id))
    return doc


def _id_order(local_id: str) -> tuple[str, int, str]:
    """Sort ``e2`` before ``e10``."""
    head = local_id.rstrip("0123456789")
    tail = local_id[len(head) :]
    return head, int(tail) if tail else -1, local_id
