"""Story clusters and cross-article events in the store agree with the in-memory functions."""

from __future__ import annotations

import json
from pathlib import Path

from rasd.model import Document
from rasd.scale.stories import cluster_articles, merge_events
from rasd.scale.story_tables import cross_events_of_article, story_articles, update_store_stories
from rasd.store import connect, store_documents

from .test_stories import UNRELATED, WIRE, _body, _meeting_doc, _variants


def _docs() -> list[Document]:
    wire = _variants(WIRE)
    return [
        _meeting_doc(wire["original"], date="2018-04-01", outlet="صحيفة الوطن"),
        _meeting_doc(wire["changed sentence"], date="2018-04-02", outlet="الأهرام"),
        _meeting_doc(UNRELATED, date="2018-05-20", outlet="الغد"),
        _meeting_doc(_body(WIRE[:2]) + " " + UNRELATED, date=None, outlet="الرأي", event_type="ACCUSE"),
    ]


def test_store_holds_the_same_stories_and_cross_events(tmp_path: Path) -> None:
    docs = _docs()
    conn = connect(tmp_path / "s.db")
    store_documents(conn, docs)
    first = update_store_stories(conn)
    assert first.signed == 4 and first.articles == 4
    again = update_store_stories(conn)
    assert again.signed == 0 and again.cross_events == first.cross_events

    clusters = cluster_articles(docs)
    stored = dict(conn.execute("SELECT article_id, story_id FROM stories").fetchall())
    assert stored == clusters
    a, b = docs[0].article.id, docs[1].article.id
    assert stored[a] == stored[b]
    assert [x["id"] for x in story_articles(conn, a)] == [b]

    expected = {x.id: x for x in merge_events(docs, clusters)}
    rows = conn.execute("SELECT id, type, n_sources, date, date_end, actors, outlets FROM cross_events").fetchall()
    assert {r["id"] for r in rows} == set(expected)
    merged = [r for r in rows if r["n_sources"] == 2]
    assert len(merged) == 1
    x = merged[0]
    assert x["type"] == "CONSULT" and (x["date"], x["date_end"]) == ("2018-04-01", "2018-04-02")
    assert json.loads(x["actors"]) == ["kb:Q1"] and json.loads(x["outlets"]) == ["الأهرام", "صحيفة الوطن"]
    # the evidence of a cross event is the evidence of its members
    spans = conn.execute(
        "SELECT ev.article_id, ev.text FROM cross_event_members m JOIN evidence ev "
        "ON ev.article_id = m.article_id AND ev.event_id = m.event_id WHERE m.cross_id = ?", (x["id"],)
    ).fetchall()
    assert {s["article_id"] for s in spans} == {a, b}
    assert cross_events_of_article(conn, a)["v1"]["n_sources"] == 2


def test_new_articles_join_existing_stories(tmp_path: Path) -> None:
    docs = _docs()
    conn = connect(tmp_path / "s.db")
    store_documents(conn, docs[:1] + docs[2:])
    update_store_stories(conn)
    store_documents(conn, docs[1:2])
    update = update_store_stories(conn)
    assert update.signed == 1 and update.multi_source_events == 1
    assert conn.execute("SELECT size FROM stories WHERE article_id = ?", (docs[1].article.id,)).fetchone()[0] == 2
