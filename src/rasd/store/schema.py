"""The SQLite schema of the store, its version table and migrations, and opening a database.

A database holds the analysed articles and every layer of them (sentences, per-article entities
with their mentions, quotes, events with their actors and evidence), a cross-article ``actors``
table, an FTS5 index over the normalized text, and a log of ingest runs. The schema version is
kept in ``schema_version``; :func:`connect` applies the missing migrations in one transaction
each, so an old database is brought up to date the first time a newer rasd writes to it.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

from rasd.store.search import DEFAULT_LIMITS, SearchLimits

SCHEMA_VERSION = 5
"""The schema version this code writes and reads."""


class StoreError(Exception):
    """A database that cannot be used: missing, not a rasd database, too new, no FTS5."""


class StoreConnection(sqlite3.Connection):
    """A connection to a rasd database, carrying the search limits its queries obey."""

    limits: SearchLimits = DEFAULT_LIMITS


_V1 = """
CREATE TABLE articles (
    num            INTEGER PRIMARY KEY,          -- rowid, shared with the search index
    id             TEXT NOT NULL UNIQUE,         -- content hash of the body (rasd/1 article.id)
    section        TEXT,
    headline       TEXT,
    headline_parts TEXT NOT NULL DEFAULT '[]',   -- JSON list
    byline         TEXT,
    outlet         TEXT,
    date           TEXT,                         -- YYYY-MM-DD or NULL
    url            TEXT,
    body           TEXT NOT NULL,
    boilerplate    TEXT NOT NULL DEFAULT '[]',   -- JSON list
    source         TEXT,
    meta           TEXT NOT NULL DEFAULT '{}',   -- JSON: rasd version and stages that ran
    ingested_at    TEXT NOT NULL
);
CREATE INDEX articles_date ON articles(date);
CREATE INDEX articles_outlet ON articles(outlet);

CREATE TABLE sentences (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    pos        INTEGER NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    paragraph  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (article_id, pos)
) WITHOUT ROWID;

-- one row per real-world actor across the archive: key = kb:<kb_id>, else
-- local:<type>:<normalized name>:<country>
CREATE TABLE actors (
    id            INTEGER PRIMARY KEY,
    key           TEXT NOT NULL UNIQUE,
    kb_id         TEXT,
    name          TEXT NOT NULL,
    name_en       TEXT,
    type          TEXT NOT NULL,
    country       TEXT,
    sector        TEXT,
    norm_name     TEXT NOT NULL,
    lat           REAL,
    lon           REAL,
    geo_precision TEXT                           -- 'place' or 'country' (capital's coordinates)
);
CREATE INDEX actors_kb ON actors(kb_id);
CREATE INDEX actors_country ON actors(country);
CREATE INDEX actors_type ON actors(type);

CREATE TABLE entities (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    id         TEXT NOT NULL,                    -- document-local id (e1, e2, ...)
    actor_id   INTEGER NOT NULL REFERENCES actors(id),
    name       TEXT NOT NULL,
    name_en    TEXT,
    type       TEXT NOT NULL,
    country    TEXT,
    sector     TEXT,
    role       TEXT,
    kb_id      TEXT,
    PRIMARY KEY (article_id, id)
) WITHOUT ROWID;
CREATE INDEX entities_actor ON entities(actor_id);

CREATE TABLE mentions (
    article_id TEXT NOT NULL,
    entity_id  TEXT NOT NULL,
    pos        INTEGER NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    source     TEXT,
    PRIMARY KEY (article_id, entity_id, pos),
    FOREIGN KEY (article_id, entity_id) REFERENCES entities(article_id, id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE quotes (
    article_id    TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    id            TEXT NOT NULL,
    speaker       TEXT,                          -- entity id
    speaker_actor INTEGER REFERENCES actors(id),
    speaker_text  TEXT,
    co_speakers   TEXT NOT NULL DEFAULT '[]',    -- JSON list of entity ids
    cue_start     INTEGER,
    cue_end       INTEGER,
    content_start INTEGER NOT NULL,
    content_end   INTEGER NOT NULL,
    content       TEXT NOT NULL,
    kind          TEXT NOT NULL,
    via           TEXT,
    stance        TEXT,
    speaker_start INTEGER,
    speaker_end   INTEGER,
    PRIMARY KEY (article_id, id)
) WITHOUT ROWID;
CREATE INDEX quotes_speaker ON quotes(speaker_actor);

-- speakers and co-speakers of a quote, resolved to cross-article actors
CREATE TABLE quote_actors (
    article_id TEXT NOT NULL,
    quote_id   TEXT NOT NULL,
    entity_id  TEXT NOT NULL,
    actor_id   INTEGER NOT NULL REFERENCES actors(id),
    role       TEXT NOT NULL,                    -- 'speaker' | 'co_speaker'
    PRIMARY KEY (article_id, quote_id, entity_id),
    FOREIGN KEY (article_id, quote_id) REFERENCES quotes(article_id, id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX quote_actors_actor ON quote_actors(actor_id);

CREATE TABLE events (
    article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    id          TEXT NOT NULL,
    type        TEXT NOT NULL,
    mode        TEXT,
    quad        TEXT,                            -- PLOVER quad class of the type
    place       TEXT,                            -- entity id
    place_actor INTEGER REFERENCES actors(id),
    date        TEXT,
    date_raw    TEXT,
    sort_date   TEXT,                            -- the event's date, else the article's
    status      TEXT NOT NULL,
    confidence  REAL NOT NULL,
    quote       TEXT,
    cue_start   INTEGER,
    cue_end     INTEGER,
    PRIMARY KEY (article_id, id)
) WITHOUT ROWID;
CREATE INDEX events_type ON events(type);
CREATE INDEX events_sort_date ON events(sort_date);

CREATE TABLE event_actors (
    article_id TEXT NOT NULL,
    event_id   TEXT NOT NULL,
    role       TEXT NOT NULL,                    -- 'actor' | 'recipient'
    pos        INTEGER NOT NULL,
    entity_id  TEXT NOT NULL,
    actor_id   INTEGER REFERENCES actors(id),    -- NULL when the entity id is unknown
    PRIMARY KEY (article_id, event_id, role, pos),
    FOREIGN KEY (article_id, event_id) REFERENCES events(article_id, id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX event_actors_actor ON event_actors(actor_id, role);

CREATE TABLE evidence (
    article_id TEXT NOT NULL,
    event_id   TEXT NOT NULL,
    pos        INTEGER NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    text       TEXT NOT NULL,
    PRIMARY KEY (article_id, event_id, pos),
    FOREIGN KEY (article_id, event_id) REFERENCES events(article_id, id) ON DELETE CASCADE
) WITHOUT ROWID;

-- one row per article (rowid = articles.num): the normalized form and the clitic-free stem of
-- every word of the headline and body, in order
CREATE VIRTUAL TABLE search USING fts5(norms, stems, tokenize = 'unicode61 remove_diacritics 0');

CREATE TABLE ingest_runs (
    id           INTEGER PRIMARY KEY,
    started_at   TEXT NOT NULL,
    finished_at  TEXT,
    rasd_version TEXT NOT NULL,
    stored       INTEGER NOT NULL DEFAULT 0,
    skipped      INTEGER NOT NULL DEFAULT 0,
    problems     INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE ingest_problems (
    run_id  INTEGER NOT NULL REFERENCES ingest_runs(id),
    source  TEXT NOT NULL,
    problem TEXT NOT NULL,
    hint    TEXT NOT NULL DEFAULT ''
);
"""

_V2 = """
-- an actor described (مسؤول سعودي) rather than named (rasd/1 entities[].nominal)
ALTER TABLE entities ADD COLUMN nominal INTEGER NOT NULL DEFAULT 0;
"""

# --- story clusters and cross-article events (filled by rasd.scale.story_tables) ----------------
_V3 = """
-- the story (cluster of near-duplicate articles) of each article, and its MinHash signature
CREATE TABLE stories (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    story_id   TEXT NOT NULL,                    -- s-<smallest article id of the story>
    size       INTEGER NOT NULL DEFAULT 1,       -- articles in the story
    minhash    BLOB                              -- datasketch LeanMinHash, little-endian
) WITHOUT ROWID;
CREATE INDEX stories_story ON stories(story_id);

-- one event reported by one or more articles
CREATE TABLE cross_events (
    id              TEXT PRIMARY KEY,            -- x<hash of its members>
    type            TEXT NOT NULL,
    mode            TEXT,
    status          TEXT NOT NULL,
    date            TEXT,                        -- first and last date of the reports
    date_end        TEXT,
    n_sources       INTEGER NOT NULL,            -- distinct articles
    confidence      REAL NOT NULL,
    actors          TEXT NOT NULL DEFAULT '[]',  -- JSON: actor keys (actors.key)
    recipients      TEXT NOT NULL DEFAULT '[]',
    actor_names     TEXT NOT NULL DEFAULT '[]',
    recipient_names TEXT NOT NULL DEFAULT '[]',
    outlets         TEXT NOT NULL DEFAULT '[]',
    stories         TEXT NOT NULL DEFAULT '[]'
) WITHOUT ROWID;
CREATE INDEX cross_events_date ON cross_events(date);
CREATE INDEX cross_events_sources ON cross_events(n_sources);

-- the per-article events merged into a cross event (their evidence is in evidence)
CREATE TABLE cross_event_members (
    cross_id   TEXT NOT NULL REFERENCES cross_events(id) ON DELETE CASCADE,
    article_id TEXT NOT NULL,
    event_id   TEXT NOT NULL,
    PRIMARY KEY (article_id, event_id),
    FOREIGN KEY (article_id, event_id) REFERENCES events(article_id, id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX cross_event_members_cross ON cross_event_members(cross_id);
"""
# --- end story clusters --------------------------------------------------------------------------

_V4 = """
-- the ids of the rules that made each record (rasd/1 quotes[].rules, events[].rules)
ALTER TABLE quotes ADD COLUMN rules TEXT NOT NULL DEFAULT '[]';
ALTER TABLE events ADD COLUMN rules TEXT NOT NULL DEFAULT '[]';
"""

_V5 = """
-- the calibrated probability that a quote's speaker is right (rasd/1 quotes[].confidence)
ALTER TABLE quotes ADD COLUMN confidence REAL;
"""

MIGRATIONS: tuple[tuple[int, str, str], ...] = (
    (1, "initial schema", _V1),
    (2, "entities.nominal", _V2),
    (3, "story clusters and cross-article events", _V3),
    (4, "quotes.rules and events.rules", _V4),
    (5, "quotes.confidence", _V5),
)
"""``(version, description, SQL)`` in order; a migration takes the database from version-1."""


def now() -> str:
    """The current UTC time as ISO 8601 (seconds)."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def has_fts5() -> bool:
    """Whether this Python's SQLite has the FTS5 extension."""
    try:
        con = sqlite3.connect(":memory:")
        try:
            con.execute("CREATE VIRTUAL TABLE t USING fts5(x)")
        finally:
            con.close()
    except sqlite3.OperationalError:
        return False
    return True


def schema_version(conn: sqlite3.Connection) -> int:
    """The schema version of an open database (0 for an empty one)."""
    row = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    ).fetchone()
    if row is None:
        others = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if others:
            raise StoreError("this SQLite file is not a rasd database (it has no schema_version table)")
        return 0
    v = conn.execute("SELECT max(version) FROM schema_version").fetchone()[0]
    return int(v or 0)


def migrate(conn: sqlite3.Connection) -> int:
    """Apply the missing migrations, one transaction each; returns the resulting version."""
    current = schema_version(conn)
    if current > SCHEMA_VERSION:
        raise StoreError(
            f"the database has schema version {current}, newer than this rasd's "
            f"{SCHEMA_VERSION}: upgrade rasd"
        )
    if current < SCHEMA_VERSION and not has_fts5():
        raise StoreError("this Python's SQLite has no FTS5 extension, which the search index needs")
    for version, description, sql in MIGRATIONS:
        if version <= current:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            if version == 1:
                conn.execute(
                    "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, "
                    "description TEXT NOT NULL, applied_at TEXT NOT NULL)"
                )
            for statement in _statements(sql):
                conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)",
                (version, description, now()),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        current = version
    return current


def _statements(sql: str) -> list[str]:
    """Split a migration script into statements (comments dropped; no ';' inside literals)."""
    lines = [line.split("--", 1)[0] for line in sql.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def connect(path: str | Path, *, readonly: bool = False, limits: SearchLimits | None = None) -> sqlite3.Connection:
    """Open (and, when writable, create or migrate) a rasd database.

    Args:
        path: the SQLite file; created when writable and absent.
        readonly: open without write access (the web app and the query commands do).
        limits: what one full-text search may cost on this connection (default
            :data:`rasd.store.search.DEFAULT_LIMITS`).

    Returns:
        A connection in autocommit mode (callers open transactions explicitly) whose rows are
        :class:`sqlite3.Row`.

    Raises:
        StoreError: the file is missing (read-only), not a rasd database, or too new.
    """
    p = Path(path)
    if readonly:
        if not p.is_file():
            raise StoreError(f"{p}: no such database (create it with: rasd ingest PATH... --db {p})")
        uri = "file:" + quote(str(p.resolve())) + "?mode=ro"
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False, factory=StoreConnection)
    else:
        if p.parent and not p.parent.exists():
            p.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(p), isolation_level=None, check_same_thread=False, factory=StoreConnection)
    if limits is not None:
        conn.limits = limits
    conn.row_factory = sqlite3.Row
    try:
        conn.execute("PRAGMA busy_timeout = 10000")
        conn.execute("PRAGMA foreign_keys = ON")
        if readonly:
            version = schema_version(conn)
            if version == 0:
                raise StoreError(f"{p}: empty database (fill it with: rasd ingest PATH... --db {p})")
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"{p}: schema version {version} is newer than this rasd's {SCHEMA_VERSION}: upgrade rasd"
                )
            if version < SCHEMA_VERSION:
                raise StoreError(
                    f"{p}: schema version {version} is older than {SCHEMA_VERSION}; "
                    f"open it once for writing (rasd ingest --db {p}) to migrate it"
                )
        else:
            conn.execute("PRAGMA journal_mode = WAL")
            # every committed batch survives a crash or a power cut
            conn.execute("PRAGMA synchronous = FULL")
            migrate(conn)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(f"{p}: not a usable SQLite database ({exc})") from None
    except StoreError as exc:
        conn.close()
        msg = str(exc)
        raise StoreError(msg if msg.startswith(str(p)) else f"{p}: {msg}") from None
    return conn
