"""Exports of story clusters and cross-article events: round trips equal the query results."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from rasd.cli import app
from rasd.store import Filters, connect, store_documents
from rasd.store import queries as Q
from rasd.store.export import (
    ARTICLE_COLUMNS,
    CROSS_EVENT_COLUMNS,
    STORY_COLUMNS,
    ExportError,
    cross_event_record,
    export,
    export_file,
    parquet_row,
    records,
    story_record,
)
from tests.web.story_docs import HOSTILE_HEADLINE, MEETING, story_database, wire_documents


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return story_database(tmp_path_factory.mktemp("stories") / "s.db")


@pytest.fixture
def conn(db: Path) -> Iterator[sqlite3.Connection]:
    c = connect(db, readonly=True)
    yield c
    c.close()


def _ids() -> tuple[str, str, str]:
    first, second, other = (d.article.id for d in wire_documents())
    return first, second, other


@pytest.mark.parametrize("table", ["stories", "cross_events"])
def test_parquet_read_back_equals_the_query_result(conn: sqlite3.Connection, tmp_path: Path, table: str) -> None:
    path = tmp_path / f"{table}.parquet"
    n = export_file(conn, table, "parquet", path)
    if table == "stories":
        expected = [story_record(s) for s in Q.iter_stories(conn)]
    else:
        expected = [cross_event_record(x) for x in Q.iter_cross_events(conn)]
    assert expected == list(records(conn, table))
    assert n == len(expected) > 0
    back = pq.read_table(path)
    assert back.column_names == list(STORY_COLUMNS if table == "stories" else CROSS_EVENT_COLUMNS)
    assert back.to_pylist() == [parquet_row(table, r) for r in expected]


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_text_round_trips(conn: sqlite3.Connection, fmt: str) -> None:
    buf = io.BytesIO()
    n = export(conn, "cross_events", fmt, buf)
    text = buf.getvalue().decode("utf-8")
    expected = list(records(conn, "cross_events"))
    if fmt == "jsonl":
        assert [json.loads(line) for line in text.splitlines()] == expected
    else:
        rows = list(csv.DictReader(io.StringIO(text)))
        assert n == len(rows) == len(expected)
        assert list(rows[0]) == list(CROSS_EVENT_COLUMNS)
        assert [r["cross_event_id"] for r in rows] == [r["cross_event_id"] for r in expected]
        assert [int(r["n_sources"]) for r in rows] == [r["n_sources"] for r in expected]


def test_story_rows(conn: sqlite3.Connection) -> None:
    first, second, other = _ids()
    rows = list(records(conn, "stories"))
    assert [r["n_articles"] for r in rows] == [2, 1]  # largest first
    story = rows[0]
    assert story["story_id"] == "s-" + min(first, second)
    assert (story["first_date"], story["last_date"]) == ("2018-04-01", "2018-04-02")
    assert story["n_outlets"] == 2 and story["outlets"] == "صحيفة الوطن; الأهرام"
    assert story["article_id"] == first and story["headline"] == "شكري يلتقي الصفدي في عمّان"
    assert story["article_ids"] == f"{first}; {second}"
    assert rows[1]["article_ids"] == other


def test_cross_event_rows(conn: sqlite3.Connection) -> None:
    first, second, _ = _ids()
    rows = list(records(conn, "cross_events", min_sources=2))
    assert len(rows) == 1
    r = rows[0]
    assert (r["event_type"], r["mode"], r["quad_class"]) == ("CONSULT", "visit", "verbal_cooperation")
    assert (r["n_sources"], r["n_reports"], r["n_outlets"]) == (2, 2, 2)
    assert (r["actor1"], r["actor1_en"], r["actor1_country"], r["actor1_sector"]) == (
        "سامح شكري", "Sameh Shoukry", "EGY", "GOV")
    assert (r["actor2"], r["actor2_country"], r["actor2_sector"]) == ("أيمن الصفدي", "JOR", "GOV")
    assert r["assoc_actor_1"] is None and r["assoc_actor_2"] is None
    assert (r["first_date"], r["last_date"]) == ("2018-04-02", "2018-04-02")
    assert r["article_ids"] == f"{first}; {second}"
    assert r["event_ids"] == f"{first}-v1; {second}-v1"
    assert set(r["outlets"].split("; ")) == {"صحيفة الوطن", "الأهرام"}
    assert r["evidence"] == f"{MEETING} | {MEETING}"
    assert r["status"] == "future" and r["confidence"] == pytest.approx(0.96)


def test_events_and_articles_carry_their_story(conn: sqlite3.Connection) -> None:
    first, second, other = _ids()
    events = list(records(conn, "events"))
    assert len(events) == 2
    cross = next(iter(records(conn, "cross_events")))["cross_event_id"]
    for e in events:
        assert e["story_id"] == "s-" + min(first, second)
        assert (e["cross_event_id"], e["n_sources"], e["n_outlets"]) == (cross, 2, 2)
    articles = {r["article_id"]: r for r in records(conn, "articles")}
    assert list(articles[first]) == list(ARTICLE_COLUMNS)
    assert (articles[first]["story_id"], articles[first]["story_size"]) == ("s-" + min(first, second), 2)
    assert (articles[other]["story_id"], articles[other]["story_size"]) == ("s-" + other, 1)
    assert articles[second]["headline"] == HOSTILE_HEADLINE


def test_min_sources_selects_what_several_articles_report(conn: sqlite3.Connection) -> None:
    first, second, _ = _ids()
    assert len(list(records(conn, "events", min_sources=2))) == 2
    assert list(records(conn, "events", min_sources=3)) == []
    assert [r["n_articles"] for r in records(conn, "stories", min_sources=2)] == [2]
    assert {r["article_id"] for r in records(conn, "articles", min_sources=2)} == {first, second}
    assert len(list(records(conn, "cross_events", min_sources=3))) == 0
    for table, n in (("quotes", 2), ("actors", 2), ("events", 0)):
        with pytest.raises(ExportError, match="min_sources"):
            list(records(conn, table, min_sources=n))
    with pytest.raises(ExportError, match="min_sources"):
        export(conn, "network", "gexf", io.BytesIO(), min_sources=2)


def test_filters_select_stories_and_cross_events(conn: sqlite3.Connection) -> None:
    _, _, other = _ids()
    assert [r["article_ids"] for r in records(conn, "stories", Filters(q="النفط"))] == [other]
    assert [r["n_articles"] for r in records(conn, "stories", Filters(since="2018-04-02", until="2018-04"))] == [2]
    assert len(list(records(conn, "cross_events", Filters(country="JOR")))) == 1
    assert list(records(conn, "cross_events", Filters(type="ASSAULT"))) == []
    assert len(list(records(conn, "cross_events", Filters(outlet="الأهرام")))) == 1


def test_an_unclustered_store_exports_empty_story_columns(tmp_path: Path) -> None:
    path = tmp_path / "plain.db"
    store_documents(path, wire_documents())  # no update_store_stories: as stored from Python
    c = connect(path, readonly=True)
    try:
        events = list(records(c, "events"))
        assert events and all(e["story_id"] is None and e["n_sources"] is None for e in events)
        assert list(records(c, "stories")) == [] and list(records(c, "cross_events")) == []
        assert pq.read_table(io.BytesIO(_parquet(c, "cross_events"))).num_rows == 0
    finally:
        c.close()


def _parquet(c: sqlite3.Connection, table: str) -> bytes:
    buf = io.BytesIO()
    export(c, table, "parquet", buf)
    return buf.getvalue()


def test_rasd_export_of_cross_events(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.parquet"
    result = CliRunner().invoke(app, ["export", "--db", str(db), "--what", "cross_events", "--format", "parquet",
                                      "--out", str(out), "--min-sources", "2"])
    assert result.exit_code == 0, result.output
    assert [r["n_sources"] for r in pq.read_table(out).to_pylist()] == [2]
    result = CliRunner().invoke(app, ["export", "--db", str(db), "--what", "quotes", "--format", "csv",
                                      "--min-sources", "2"])
    assert result.exit_code == 2 and "min_sources" in result.output
