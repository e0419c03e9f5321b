"""The store's schema, ingest (batches, idempotence, resumption) and reading documents back."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from rasd.model import Document, Event, Span
from rasd.read import ReadProblem
from rasd.store import (
    SCHEMA_VERSION,
    AlreadyStored,
    StoreError,
    connect,
    load_document,
    store_documents,
)
from rasd.store.ingest import place_coordinates
from rasd.store.schema import has_fts5, schema_version
from tests.conftest import assert_spans_exact
from tests.store.docs import hostile_document, second_document, seed_document


def snapshot(conn: sqlite3.Connection) -> dict[str, list[tuple[Any, ...]]]:
    """Every record of the store except run logs and ingest times, in a stable order."""
    tables = {
        "articles": "SELECT num, id, section, headline, headline_parts, byline, outlet, date, url, body, "
        "boilerplate, source, meta FROM articles",
        "sentences": "SELECT * FROM sentences",
        "actors": "SELECT * FROM actors",
        "entities": "SELECT * FROM entities",
        "mentions": "SELECT * FROM mentions",
        "quotes": "SELECT * FROM quotes",
        "quote_actors": "SELECT * FROM quote_actors",
        "events": "SELECT * FROM events",
        "event_actors": "SELECT * FROM event_actors",
        "evidence": "SELECT * FROM evidence",
        "search": "SELECT rowid, norms, stems FROM search",
    }
    return {name: sorted(tuple(r) for r in conn.execute(sql)) for name, sql in tables.items()}


def test_fts5_is_available() -> None:
    assert has_fts5()


def test_new_database_has_the_current_schema_version(tmp_path: Path) -> None:
    conn = connect(tmp_path / "a.db")
    assert schema_version(conn) == SCHEMA_VERSION
    rows = conn.execute("SELECT version, description FROM schema_version").fetchall()
    assert [r[0] for r in rows] == list(range(1, SCHEMA_VERSION + 1))
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()
    # opening again applies nothing twice
    conn = connect(tmp_path / "a.db")
    assert conn.execute("SELECT count(*) FROM schema_version").fetchone()[0] == SCHEMA_VERSION


def test_an_old_database_is_migrated_and_keeps_its_records(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from rasd.store import schema

    path = tmp_path / "old.db"
    # a database written by a rasd whose schema stopped at version 1 (no entities.nominal)
    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:1])
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 1)
    old = connect(path)
    old.execute("INSERT INTO articles (id, body, ingested_at) VALUES ('a1', 'نص', '2020-01-01')")
    old.close()
    monkeypatch.undo()
    with pytest.raises(StoreError, match="older"):
        connect(path, readonly=True)
    conn = connect(path)
    assert schema_version(conn) == SCHEMA_VERSION >= 2
    assert conn.execute("SELECT body FROM articles WHERE id = 'a1'").fetchone()[0] == "نص"
    cols = [r[1] for r in conn.execute("PRAGMA table_info(entities)")]
    assert "nominal" in cols


def test_readonly_open_of_a_missing_file_says_how_to_create_it(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="rasd ingest"):
        connect(tmp_path / "missing.db", readonly=True)
    assert not (tmp_path / "missing.db").exists()


def test_a_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    c = sqlite3.connect(path)
    c.execute("CREATE TABLE t (x)")
    c.commit()
    c.close()
    with pytest.raises(StoreError, match="not a rasd database"):
        connect(path)


def test_a_database_from_a_newer_rasd_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    connect(path).execute(
        "INSERT INTO schema_version VALUES (?, 'future', '2099-01-01')", (SCHEMA_VERSION + 1,)
    )
    with pytest.raises(StoreError, match="newer"):
        connect(path)
    with pytest.raises(StoreError, match="newer"):
        connect(path, readonly=True)


def test_a_text_file_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("not a database at all " * 100)
    with pytest.raises(StoreError):
        connect(path)


def test_readonly_connection_cannot_write(conn: sqlite3.Connection) -> None:
    with pytest.raises(sqlite3.OperationalError):
        conn.execute("DELETE FROM articles")


def test_documents_read_back_equal_what_was_stored(conn: sqlite3.Connection) -> None:
    for original in (seed_document(), second_document()):
        back = load_document(conn, original.article.id)
        assert back is not None
        assert [e.nominal for e in back.entities] == [e.nominal for e in original.entities]
        assert back is not None
        assert back.to_dict() == original.to_dict()
        assert_spans_exact(back)
    assert load_document(conn, "0000000000000000") is None


def test_counts_of_every_layer(conn: sqlite3.Connection) -> None:
    one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    assert one("SELECT count(*) FROM articles") == 2
    assert one("SELECT count(*) FROM entities") == 16
    assert one("SELECT count(*) FROM entities WHERE nominal = 1") == 1
    assert one("SELECT count(*) FROM quotes") == 5
    assert one("SELECT count(*) FROM events") == 8
    assert one("SELECT count(*) FROM evidence") == 8


def test_actors_are_shared_across_articles(conn: sqlite3.Connection) -> None:
    rows = conn.execute(
        "SELECT c.key, count(DISTINCT e.article_id) FROM actors c JOIN entities e ON e.actor_id = c.id GROUP BY c.id"
    ).fetchall()
    per_key = dict(rows)
    assert per_key["kb:syr.gov.mekdad_faisal"] == 2
    assert per_key["kb:irn.leg.larijani_ali"] == 2
    assert per_key["kb:geo:169389"] == 2  # Idlib
    # a document-local actor is keyed by type, normalized name and country
    assert per_key["local:ORG:الجيش التركي:TUR"] == 2
    assert per_key["local:PER:ولايتي:IRN"] == 1


def test_places_get_coordinates_from_the_knowledge_base(conn: sqlite3.Connection) -> None:
    pytest.importorskip("rasd.kb")
    tehran = conn.execute("SELECT lat, lon, geo_precision FROM actors WHERE kb_id = 'geo:112931'").fetchone()
    assert tehran["geo_precision"] == "place"
    assert tehran["lat"] == pytest.approx(35.69, abs=0.1) and tehran["lon"] == pytest.approx(51.42, abs=0.1)
    syria = conn.execute("SELECT lat, lon, geo_precision FROM actors WHERE kb_id = 'SYR'").fetchone()
    assert syria["geo_precision"] == "country"  # the capital's coordinates
    assert syria["lat"] == pytest.approx(33.5, abs=0.1)
    person = conn.execute("SELECT lat FROM actors WHERE kb_id = 'syr.gov.mekdad_faisal'").fetchone()
    assert person["lat"] is None
    assert place_coordinates(None) is None and place_coordinates("no.such.id") is None


def test_storing_the_same_documents_again_changes_nothing(db_path: Path) -> None:
    conn = connect(db_path)
    before = snapshot(conn)
    summary = store_documents(conn, [seed_document(), second_document(), seed_document()], batch_size=2)
    assert summary.stored == 0 and summary.skipped == 3
    assert snapshot(conn) == before


def test_already_stored_markers_and_problems_are_counted_and_logged(tmp_path: Path) -> None:
    items = [
        seed_document(),
        ReadProblem("broken.txt", "no Arabic text (0% of letters are Arabic)", "rasd analyses Arabic news only"),
        AlreadyStored("abc", "old.txt"),
    ]
    conn = connect(tmp_path / "a.db")
    summary = store_documents(conn, items, batch_size=1)
    assert (summary.stored, summary.skipped, len(summary.problems)) == (1, 1, 1)
    logged = conn.execute("SELECT source, problem, hint FROM ingest_problems").fetchall()
    assert [tuple(r) for r in logged] == [("broken.txt", "no Arabic text (0% of letters are Arabic)",
                                          "rasd analyses Arabic news only")]
    run = conn.execute("SELECT stored, skipped, problems, finished_at FROM ingest_runs").fetchone()
    assert tuple(run)[:3] == (1, 1, 1) and run["finished_at"]


def test_a_document_that_cannot_be_stored_is_a_problem_and_the_batch_goes_on(tmp_path: Path) -> None:
    bad = second_document()
    bad.events.append(Event("v9", "ACCUSE", evidence=[Span(0, len(bad.article.body) + 5)]))
    conn = connect(tmp_path / "a.db")
    summary = store_documents(conn, [seed_document(), bad, hostile_document()], batch_size=10)
    assert summary.stored == 2
    assert len(summary.problems) == 1 and "past the body" in summary.problems[0].problem
    ids = {r[0] for r in conn.execute("SELECT id FROM articles")}
    assert bad.article.id not in ids
    # nothing of the failed document is left behind
    assert conn.execute("SELECT count(*) FROM events WHERE article_id = ?", (bad.article.id,)).fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM search").fetchone()[0] == 2


class Crash(Exception):
    pass


def _crashing(docs: list[Document], after: int) -> Iterator[Document]:
    for i, d in enumerate(docs):
        if i == after:
            raise Crash
        yield d


def test_a_crash_keeps_committed_batches_and_a_rerun_completes_the_store(tmp_path: Path) -> None:
    docs = [seed_document(), second_document(), hostile_document()]
    full = connect(tmp_path / "full.db")
    store_documents(full, docs, batch_size=1)

    part = connect(tmp_path / "part.db")
    with pytest.raises(Crash):
        store_documents(part, _crashing(docs, after=2), batch_size=1)
    assert part.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
    summary = store_documents(part, docs, batch_size=1)
    assert (summary.stored, summary.skipped) == (1, 2)
    assert snapshot(part) == snapshot(full)


def test_an_uncommitted_batch_is_lost_whole(tmp_path: Path) -> None:
    docs = [seed_document(), second_document(), hostile_document()]
    conn = connect(tmp_path / "a.db")
    with pytest.raises(Crash):
        store_documents(conn, _crashing(docs, after=2), batch_size=5)
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM actors").fetchone()[0] == 0


def test_batch_size_must_be_positive(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        store_documents(tmp_path / "a.db", [], batch_size=0)


def test_progress_is_reported_per_item(tmp_path: Path) -> None:
    seen: list[int] = []
    store_documents(tmp_path / "a.db", [seed_document(), second_document()], progress=lambda s: seen.append(s.seen))
    assert seen == [1, 2]


def test_a_slow_stream_is_committed_before_the_batch_is_full(tmp_path: Path) -> None:
    # with no time allowed between commits every document is its own transaction
    summary = store_documents(tmp_path / "a.db", [seed_document(), second_document()], batch_size=50,
                              max_batch_seconds=0)
    assert summary.batches == 2 and summary.stored == 2
