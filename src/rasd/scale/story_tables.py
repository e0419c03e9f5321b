"""Story clusters and cross-article events in the store (tables ``stories``, ``cross_events``,
``cross_event_members``; schema version 3).

:func:`update_store_stories` brings them up to date after an ingest: it signs the articles
that have no MinHash signature yet (their bodies are read once; the signatures are kept in
``stories.minhash``), clusters every article from the stored signatures, and merges the stored
events into cross-article events (:func:`rasd.scale.stories.merge_reports`), all in one
transaction. The stored events carry their actors' cross-article keys (``actors.key``), the
same keys :func:`rasd.scale.stories.actor_key` gives, so the store and the in-memory functions
agree. Evidence spans stay in ``evidence`` and are reached through ``cross_event_members``.
"""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass
from typing import Any

from rasd.scale.stories import (
    DEFAULT_THRESHOLD,
    DEFAULT_WINDOW_DAYS,
    Report,
    Signer,
    _parse_date,
    cluster_signatures,
    signature_bytes,
    signature_from_bytes,
    story_sizes,
)

__all__ = ["StoryUpdate", "cross_events_of_article", "story_articles", "update_store_stories"]


@dataclass(slots=True)
class StoryUpdate:
    """What :func:`update_store_stories` did."""

    signed: int = 0
    articles: int = 0
    stories: int = 0
    multi_article_stories: int = 0
    cross_events: int = 0
    multi_source_events: int = 0
    seconds: float = 0.0


def _has_tables(conn: sqlite3.Connection) -> bool:
    row = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'cross_events'").fetchone()
    return row is not None


def _reports(conn: sqlite3.Connection, clusters: dict[str, str]) -> list[Report]:
    roles: dict[tuple[str, str], dict[str, list[tuple[str, str]]]] = {}
    for article_id, event_id, role, key, name in conn.execute(
        "SELECT ea.article_id, ea.event_id, ea.role, ac.key, ac.name FROM event_actors ea "
        "JOIN actors ac ON ac.id = ea.actor_id"
    ):
        roles.setdefault((article_id, event_id), {}).setdefault(role, []).append((key, name))
    out = []
    for article_id, event_id, type_, mode, status, confidence, sort_date, outlet in conn.execute(
        "SELECT e.article_id, e.id, e.type, e.mode, e.status, e.confidence, e.sort_date, a.outlet "
        "FROM events e JOIN articles a ON a.id = e.article_id"
    ):
        r = roles.get((article_id, event_id), {})
        actors = sorted(set(r.get("actor", [])))
        recipients = sorted(set(r.get("recipient", [])))
        out.append(Report(
            article_id=article_id, event_id=event_id, type=type_, mode=mode, status=status,
            actors=tuple(k for k, _ in actors), recipients=tuple(k for k, _ in recipients),
            actor_names=tuple(n for _, n in actors), recipient_names=tuple(n for _, n in recipients),
            date=_parse_date(sort_date), story=clusters.get(article_id, "s-" + article_id), outlet=outlet,
            confidence=float(confidence), evidence=[],
        ))
    return out


def update_store_stories(
    conn: sqlite3.Connection,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    window_days: int = DEFAULT_WINDOW_DAYS,
    batch: int = 500,
) -> StoryUpdate:
    """Sign new articles, re-cluster stories and re-merge cross-article events in the store.

    Args:
        conn: a writable connection (from :func:`rasd.store.connect`, schema version ≥ 3).
        threshold: Jaccard similarity above which two articles are one story.
        window_days: how far apart two dated reports of one event may be.
        batch: articles read and signed at a time.

    Returns:
        Counts of what is now stored.
    """
    started = time.perf_counter()
    result = StoryUpdate()
    if not _has_tables(conn):
        return result
    sign = Signer()
    conn.execute("BEGIN IMMEDIATE")
    try:
        # signatures of articles not yet signed (a placeholder row until the clustering below)
        while True:
            rows = conn.execute(
                "SELECT a.id, a.body FROM articles a LEFT JOIN stories s ON s.article_id = a.id "
                "WHERE s.article_id IS NULL LIMIT ?", (batch,),
            ).fetchall()
            if not rows:
                break
            values = []
            for article_id, body in rows:
                sig = sign(body)
                values.append((article_id, "s-" + article_id, signature_bytes(sig) if sig is not None else None))
            conn.executemany("INSERT INTO stories (article_id, story_id, minhash) VALUES (?, ?, ?)", values)
            result.signed += len(values)
        clusters = cluster_signatures(
            (
                (article_id, signature_from_bytes(blob) if blob is not None else None)
                for article_id, blob in conn.execute("SELECT article_id, minhash FROM stories ORDER BY article_id")
            ),
            threshold=threshold,
        )
        sizes = story_sizes(clusters)
        conn.executemany(
            "UPDATE stories SET story_id = ?, size = ? WHERE article_id = ?",
            [(sid, sizes[sid], aid) for aid, sid in clusters.items()],
        )
        result.articles = len(clusters)
        result.stories = len(sizes)
        result.multi_article_stories = sum(1 for n in sizes.values() if n > 1)

        from rasd.scale.stories import merge_reports

        crosses = merge_reports(_reports(conn, clusters), window_days=window_days)
        conn.execute("DELETE FROM cross_event_members")
        conn.execute("DELETE FROM cross_events")
        conn.executemany(
            "INSERT INTO cross_events (id, type, mode, status, date, date_end, n_sources, confidence, actors, "
            "recipients, actor_names, recipient_names, outlets, stories) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (x.id, x.type, x.mode, x.status, x.date, x.date_end, x.n_sources, round(x.confidence, 3),
                 json.dumps(x.actors, ensure_ascii=False), json.dumps(x.recipients, ensure_ascii=False),
                 json.dumps(x.actor_names, ensure_ascii=False), json.dumps(x.recipient_names, ensure_ascii=False),
                 json.dumps(x.outlets, ensure_ascii=False), json.dumps(x.stories, ensure_ascii=False))
                for x in crosses
            ],
        )
        conn.executemany(
            "INSERT INTO cross_event_members (cross_id, article_id, event_id) VALUES (?, ?, ?)",
            [(x.id, a, e) for x in crosses for a, e in x.members],
        )
        result.cross_events = len(crosses)
        result.multi_source_events = sum(1 for x in crosses if x.n_sources > 1)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    result.seconds = time.perf_counter() - started
    return result


def story_articles(conn: sqlite3.Connection, article_id: str) -> list[dict[str, Any]]:
    """The other articles of an article's story (id, outlet, date, headline), oldest first."""
    if not _has_tables(conn):
        return []
    return [
        dict(zip(("id", "outlet", "date", "headline"), row, strict=True))
        for row in conn.execute(
            "SELECT a.id, a.outlet, a.date, a.headline FROM stories s JOIN stories t ON t.story_id = s.story_id "
            "JOIN articles a ON a.id = t.article_id WHERE s.article_id = ? AND t.article_id != ? "
            "ORDER BY a.date IS NULL, a.date, a.id",
            (article_id, article_id),
        )
    ]


def cross_events_of_article(conn: sqlite3.Connection, article_id: str) -> dict[str, dict[str, Any]]:
    """For each event id of an article, its cross-article event (id, n_sources, outlets, stories)."""
    if not _has_tables(conn):
        return {}
    out: dict[str, dict[str, Any]] = {}
    for event_id, cid, n, outlets, date, date_end in conn.execute(
        "SELECT m.event_id, x.id, x.n_sources, x.outlets, x.date, x.date_end FROM cross_event_members m "
        "JOIN cross_events x ON x.id = m.cross_id WHERE m.article_id = ?",
        (article_id,),
    ):
        out[event_id] = {"id": cid, "n_sources": n, "outlets": json.loads(outlets), "date": date, "date_end": date_end}
    return out
