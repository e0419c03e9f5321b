"""Read queries over the store: events, quotes, actors, facets, timeline, network, map, search.

Every function takes an open connection (read-only is enough) and returns plain dicts, so the
command line, the exports and the web app show the same records. Filters are one
:class:`Filters` value, whose fields are also the web app's URL parameters.
"""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, fields, replace
from typing import Any

from markupsafe import Markup

from rasd.store.codes import norm_name
from rasd.store.search import (
    Query,
    highlight_parts,
    match_rowids,
    parse_query,
    run_search_sql,
    snippet_parts,
    to_markup,
)

EVENT_STATUSES = ("asserted", "future", "hypothetical", "negated", "historical")


@dataclass(frozen=True, slots=True)
class Filters:
    """What to select; ``None`` means no restriction.

    Attributes:
        q: full-text query: only records of articles matching it.
        actor: an actor id, an actor key (``kb:...``) or part of a name (Arabic, any spelling,
            or English): records involving a matching actor.
        role: with ``actor``, only events where the actor is the ``actor`` or the ``recipient``.
        type: PLOVER event type (``CONSULT``).
        quad: PLOVER quad class (``verbal cooperation``).
        country: ISO3 or group code of any actor or recipient of the event.
        since, until: date range, inclusive (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``), on the
            event's date, else its article's.
        status: event status (``asserted``, ``future``, ...).
        article: one article id.
        outlet: the outlet's name.
        place: an actor id: events that happened at this place.
    """

    q: str | None = None
    actor: str | None = None
    role: str | None = None
    type: str | None = None
    quad: str | None = None
    country: str | None = None
    since: str | None = None
    until: str | None = None
    status: str | None = None
    article: str | None = None
    outlet: str | None = None
    place: str | None = None

    @staticmethod
    def from_params(params: dict[str, Any]) -> Filters:
        """Filters from URL or form parameters (unknown keys and empty values ignored)."""
        names = {f.name for f in fields(Filters)}
        return Filters(**{k: str(v).strip() for k, v in params.items() if k in names and str(v).strip()})

    def params(self) -> dict[str, str]:
        """The non-empty fields, for a URL."""
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}

    def without(self, *names: str) -> Filters:
        """A copy with the named fields cleared."""
        return replace(self, **dict.fromkeys(names))


ALL = Filters()
"""No restriction."""


# --------------------------------------------------------------------------- helpers


def resolve_actors(conn: sqlite3.Connection, actor: str) -> list[int]:
    """Actor ids for an id, a key or a name fragment (normalized Arabic or English)."""
    actor = actor.strip()
    if actor.isdigit():
        return [int(actor)]
    if actor.startswith(("kb:", "local:")):
        return [r[0] for r in conn.execute("SELECT id FROM actors WHERE key = ?", (actor,))]
    rows = conn.execute(
        "SELECT id FROM actors WHERE norm_name = ? OR kb_id = ? OR lower(name_en) = lower(?)",
        (norm_name(actor), actor, actor),
    ).fetchall()
    if rows:
        return [r[0] for r in rows]
    like = "%" + norm_name(actor).replace("%", "").replace("_", "") + "%"
    return [
        r[0]
        for r in conn.execute(
            "SELECT id FROM actors WHERE norm_name LIKE ? OR lower(name_en) LIKE lower(?)", (like, like)
        )
    ]


def _date_clause(column: str, since: str | None, until: str | None) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if since:
        where.append(f"{column} >= ?")
        params.append(since)
    if until:
        # inclusive at the precision given: until=2018-04 keeps 2018-04-30
        where.append(f"substr({column}, 1, ?) <= ?")
        params += [len(until), until]
    return where, params


def _ids_clause(column: str, ids: list[int]) -> tuple[str, list[Any]]:
    if not ids:
        return "0", []
    return f"{column} IN ({','.join('?' * len(ids))})", list(ids)


def _search_rowids(conn: sqlite3.Connection, q: str) -> list[int]:
    return [num for num, _ in match_rowids(conn, parse_query(q))]


def event_where(conn: sqlite3.Connection, f: Filters) -> tuple[str, list[Any]]:
    """SQL condition and parameters selecting events ``e`` (joined with articles ``a``)."""
    where: list[str] = ["1"]
    params: list[Any] = []
    for col, value in (("e.type", f.type), ("e.quad", f.quad), ("e.status", f.status),
                       ("e.article_id", f.article), ("a.outlet", f.outlet)):
        if value:
            where.append(f"{col} = ?")
            params.append(value.upper() if col == "e.type" else value)
    w, p = _date_clause("e.sort_date", f.since, f.until)
    where += w
    params += p
    if f.place:
        where.append("e.place_actor = ?")
        params.append(int(f.place) if f.place.isdigit() else -1)
    if f.country:
        where.append(
            "EXISTS (SELECT 1 FROM event_actors x JOIN actors c ON c.id = x.actor_id "
            "WHERE x.article_id = e.article_id AND x.event_id = e.id AND c.country = ?)"
        )
        params.append(f.country.upper())
    if f.actor:
        clause, ids = _ids_clause("x.actor_id", resolve_actors(conn, f.actor))
        role = " AND x.role = ?" if f.role in ("actor", "recipient") else ""
        where.append(
            f"EXISTS (SELECT 1 FROM event_actors x WHERE x.article_id = e.article_id "
            f"AND x.event_id = e.id AND {clause}{role})"
        )
        params += ids + ([f.role] if role else [])
    if f.q:
        clause, ids = _ids_clause("a.num", _search_rowids(conn, f.q))
        where.append(clause)
        params += ids
    return " AND ".join(where), params


# --------------------------------------------------------------------------- events


def _participants(conn: sqlite3.Connection, keys: list[tuple[str, str]]) -> dict[tuple[str, str], dict[str, list[dict[str, Any]]]]:
    out: dict[tuple[str, str], dict[str, list[dict[str, Any]]]] = defaultdict(lambda: {"actor": [], "recipient": []})
    articles = sorted({k[0] for k in keys})
    wanted = set(keys)
    for i in range(0, len(articles), 500):
        chunk = articles[i : i + 500]
        for r in conn.execute(
            "SELECT x.article_id, x.event_id, x.role, x.entity_id, x.actor_id, "
            "coalesce(c.name, en.name, x.entity_id) AS name, c.name_en, "
            "coalesce(en.country, c.country) AS country, coalesce(en.sector, c.sector) AS sector, "
            "coalesce(en.type, c.type) AS type, c.kb_id "
            "FROM event_actors x LEFT JOIN actors c ON c.id = x.actor_id "
            "LEFT JOIN entities en ON en.article_id = x.article_id AND en.id = x.entity_id "
            f"WHERE x.article_id IN ({','.join('?' * len(chunk))}) ORDER BY x.article_id, x.event_id, x.role, x.pos",
            chunk,
        ):
            key = (r["article_id"], r["event_id"])
            if key in wanted:
                out[key][r["role"]].append(
                    {k: r[k] for k in ("entity_id", "actor_id", "name", "name_en", "country", "sector", "type", "kb_id")}
                )
    return out


def _evidence(conn: sqlite3.Connection, keys: list[tuple[str, str]]) -> dict[tuple[str, str], list[dict[str, Any]]]:
    out: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    articles = sorted({k[0] for k in keys})
    wanted = set(keys)
    for i in range(0, len(articles), 500):
        chunk = articles[i : i + 500]
        for r in conn.execute(
            f'SELECT article_id, event_id, start, "end", text FROM evidence WHERE article_id IN ({",".join("?" * len(chunk))}) '
            "ORDER BY article_id, event_id, pos",
            chunk,
        ):
            key = (r["article_id"], r["event_id"])
            if key in wanted:
                out[key].append({"start": r["start"], "end": r["end"], "text": r["text"]})
    return out


_EVENT_SELECT = (
    "SELECT e.*, a.outlet, a.url, a.headline, a.date AS article_date, "
    "p.name AS place_name, p.name_en AS place_name_en, p.country AS place_country, p.lat, p.lon, "
    "p.geo_precision, substr(a.body, e.cue_start + 1, e.cue_end - e.cue_start) AS cue "
    "FROM events e JOIN articles a ON a.id = e.article_id LEFT JOIN actors p ON p.id = e.place_actor "
)


def count_events(conn: sqlite3.Connection, f: Filters) -> int:
    """How many events the filters select."""
    where, params = event_where(conn, f)
    return int(conn.execute(
        f"SELECT count(*) FROM events e JOIN articles a ON a.id = e.article_id WHERE {where}", params
    ).fetchone()[0])


def iter_events(conn: sqlite3.Connection, f: Filters, *, limit: int | None = None, offset: int = 0,
                chunk: int = 2000) -> Iterator[dict[str, Any]]:
    """Events selected by ``f``, newest first, each with actors, recipients, place and evidence.

    Each dict has the ``events`` columns plus ``event_id`` (``<article id>-<local id>``),
    ``actors`` and ``recipients`` (lists of dicts with name, country, sector...), ``place_*``,
    ``lat``/``lon``, ``evidence`` (list of spans with text), ``cue``, ``outlet``, ``url``,
    ``headline`` and ``article_date``.
    """
    where, params = event_where(conn, f)
    sql = (f"{_EVENT_SELECT} WHERE {where} "
           "ORDER BY e.sort_date IS NULL, e.sort_date DESC, a.num, length(e.id), e.id LIMIT ? OFFSET ?")
    remaining = limit if limit is not None else -1
    pos = offset
    while remaining != 0:
        n = chunk if remaining < 0 else min(chunk, remaining)
        rows = conn.execute(sql, [*params, n, pos]).fetchall()
        if not rows:
            return
        keys = [(r["article_id"], r["id"]) for r in rows]
        parts = _participants(conn, keys)
        evid = _evidence(conn, keys)
        for r in rows:
            d = dict(r)
            key = (r["article_id"], r["id"])
            d["event_id"] = f"{r['article_id']}-{r['id']}"
            d["actors"] = parts[key]["actor"]
            d["recipients"] = parts[key]["recipient"]
            d["evidence"] = evid.get(key, [])
            yield d
        pos += len(rows)
        if remaining > 0:
            remaining -= len(rows)
        if len(rows) < n:
            return


def events(conn: sqlite3.Connection, f: Filters = ALL, *, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """A page of events (see :func:`iter_events`)."""
    return list(iter_events(conn, f, limit=limit, offset=offset))


def event_facets(conn: sqlite3.Connection, f: Filters, *, top: int = 15) -> dict[str, list[tuple[str, str, int]]]:
    """Counts for each facet value, each facet counted with the other filters applied.

    Returns ``{facet: [(value, label, count), ...]}`` for ``type``, ``quad``, ``status``,
    ``country`` and ``actor`` (value = actor id, label = name).
    """
    out: dict[str, list[tuple[str, str, int]]] = {}
    base = "FROM events e JOIN articles a ON a.id = e.article_id"
    for facet, col in (("type", "e.type"), ("quad", "e.quad"), ("status", "e.status")):
        where, params = event_where(conn, f.without(facet))
        rows = conn.execute(
            f"SELECT {col} AS v, count(*) AS n {base} WHERE {where} AND {col} IS NOT NULL GROUP BY v ORDER BY n DESC, v",
            params,
        ).fetchall()
        out[facet] = [(r["v"], r["v"], r["n"]) for r in rows]
    where, params = event_where(conn, f.without("country"))
    rows = conn.execute(
        f"SELECT c.country AS v, count(DISTINCT e.article_id || '-' || e.id) AS n {base} "
        "JOIN event_actors x ON x.article_id = e.article_id AND x.event_id = e.id "
        f"JOIN actors c ON c.id = x.actor_id WHERE {where} AND c.country IS NOT NULL "
        "GROUP BY v ORDER BY n DESC, v LIMIT ?",
        [*params, top],
    ).fetchall()
    out["country"] = [(r["v"], r["v"], r["n"]) for r in rows]
    where, params = event_where(conn, f.without("actor", "role"))
    rows = conn.execute(
        f"SELECT c.id AS v, c.name AS label, count(DISTINCT e.article_id || '-' || e.id) AS n {base} "
        "JOIN event_actors x ON x.article_id = e.article_id AND x.event_id = e.id "
        f"JOIN actors c ON c.id = x.actor_id WHERE {where} GROUP BY c.id ORDER BY n DESC, label LIMIT ?",
        [*params, top],
    ).fetchall()
    out["actor"] = [(str(r["v"]), r["label"], r["n"]) for r in rows]
    return out


_D = "coalesce(e.date, a.date)"
PRECISION_SQL = (
    f"(CASE WHEN {_D} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' THEN 4 "
    f"WHEN {_D} GLOB '[0-9][0-9][0-9][0-9]-W[0-9][0-9]' THEN 3 "
    f"WHEN {_D} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' THEN 2 "
    f"WHEN {_D} GLOB '[0-9][0-9][0-9][0-9]' THEN 1 ELSE 0 END)"
)
"""SQL: how precisely an event's date is known: 4 day, 3 week, 2 month, 1 year, 0 unknown."""
_NEEDS = {"day": 4, "week": 3, "month": 2, "year": 1}
_PERIOD = {
    "day": "e.sort_date",
    "week": "date(e.sort_date, '-6 days', 'weekday 1')",
    "month": "substr(e.sort_date, 1, 7)",
    "year": "substr(e.sort_date, 1, 4)",
}


def timeline(conn: sqlite3.Connection, f: Filters, bucket: str = "auto") -> tuple[str, list[dict[str, Any]], int]:
    """Events per period and type: ``(bucket, [{period, type, count}], coarser)``.

    An event counts in a period only when its date is at least as precise as the bucket (an
    event dated "last month" is in no day); ``coarser`` says how many were left out so.

    Args:
        bucket: ``day``, ``week`` (periods start on Monday), ``month``, ``year`` or ``auto``
            (by the range of the dates: day up to 90 days, week up to three years, month up to
            thirty, else year).
    """
    where, params = event_where(conn, f)
    base = f"FROM events e JOIN articles a ON a.id = e.article_id WHERE {where} AND e.sort_date IS NOT NULL"
    if bucket == "auto":
        lo, hi = conn.execute(f"SELECT min(e.sort_date), max(e.sort_date) {base}", params).fetchone()
        days = 0
        if lo and hi:
            days = int(conn.execute("SELECT julianday(?) - julianday(?)", (hi, lo)).fetchone()[0] or 0)
        bucket = "day" if days <= 90 else "week" if days <= 3 * 366 else "month" if days <= 30 * 366 else "year"
    if bucket not in _PERIOD:
        raise ValueError(f"unknown bucket {bucket!r}; choose day, week, month, year or auto")
    period, need = _PERIOD[bucket], _NEEDS[bucket]
    rows = conn.execute(
        f"SELECT {period} AS period, e.type AS type, count(*) AS n {base} AND {PRECISION_SQL} >= ? "
        "GROUP BY period, e.type ORDER BY period, e.type",
        [*params, need],
    ).fetchall()
    coarser = conn.execute(f"SELECT count(*) {base} AND {PRECISION_SQL} < ?", [*params, need]).fetchone()[0]
    return bucket, [{"period": r["period"], "type": r["type"], "count": r["n"]} for r in rows], int(coarser)


def network(conn: sqlite3.Connection, f: Filters) -> tuple[dict[int, dict[str, Any]], list[dict[str, Any]]]:
    """The actor network of the selected events: ``(nodes by actor id, edges)``.

    An edge goes from each actor of an event to each recipient; an event with no recipient
    and several actors (a joint statement, a meeting) links its actors to one another, marked
    ``reciprocal``. Each edge has ``source``, ``target``, ``weight`` (events), ``types``
    (count per event type) and ``reciprocal``.
    """
    where, params = event_where(conn, f)
    rows = conn.execute(
        "SELECT x.article_id, x.event_id, x.role, x.actor_id, e.type "
        "FROM event_actors x JOIN events e ON e.article_id = x.article_id AND e.id = x.event_id "
        f"JOIN articles a ON a.id = e.article_id WHERE {where} AND x.actor_id IS NOT NULL "
        "ORDER BY x.article_id, x.event_id, x.role, x.pos",
        params,
    ).fetchall()
    per_event: dict[tuple[str, str], dict[str, Any]] = {}
    for r in rows:
        ev = per_event.setdefault((r["article_id"], r["event_id"]), {"type": r["type"], "actor": [], "recipient": []})
        if r["actor_id"] not in ev[r["role"]]:
            ev[r["role"]].append(r["actor_id"])
    weights: Counter[tuple[int, int]] = Counter()
    types: dict[tuple[int, int], Counter[str]] = defaultdict(Counter)
    reciprocal: dict[tuple[int, int], bool] = {}
    for ev in per_event.values():
        pairs: list[tuple[int, int, bool]] = []
        if ev["recipient"]:
            pairs = [(s, t, False) for s in ev["actor"] for t in ev["recipient"] if s != t]
        elif len(ev["actor"]) > 1:
            acts = ev["actor"]
            pairs = [(acts[i], acts[j], True) for i in range(len(acts)) for j in range(i + 1, len(acts))]
        for s, t, rec in set(pairs):
            weights[(s, t)] += 1
            types[(s, t)][ev["type"]] += 1
            reciprocal[(s, t)] = reciprocal.get((s, t), True) and rec
    ids = sorted({i for pair in weights for i in pair})
    nodes: dict[int, dict[str, Any]] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        for r in conn.execute(
            f"SELECT id, key, kb_id, name, name_en, type, country, sector FROM actors WHERE id IN ({','.join('?' * len(chunk))})",
            chunk,
        ):
            nodes[r["id"]] = dict(r)
    edges = [
        {"source": s, "target": t, "weight": w, "types": dict(types[(s, t)]), "reciprocal": reciprocal[(s, t)]}
        for (s, t), w in sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    return nodes, edges


def map_points(conn: sqlite3.Connection, f: Filters) -> list[dict[str, Any]]:
    """Places of the selected events that have coordinates, with event counts per type."""
    where, params = event_where(conn, f)
    rows = conn.execute(
        "SELECT p.id, p.name, p.name_en, p.country, p.lat, p.lon, p.geo_precision, e.type, count(*) AS n "
        "FROM events e JOIN articles a ON a.id = e.article_id JOIN actors p ON p.id = e.place_actor "
        f"WHERE {where} AND p.lat IS NOT NULL AND p.lon IS NOT NULL GROUP BY p.id, e.type ORDER BY p.id, n DESC",
        params,
    ).fetchall()
    places: dict[int, dict[str, Any]] = {}
    for r in rows:
        p = places.setdefault(r["id"], {
            "actor_id": r["id"], "name": r["name"], "name_en": r["name_en"], "country": r["country"],
            "lat": r["lat"], "lon": r["lon"], "precision": r["geo_precision"], "count": 0, "types": {},
        })
        p["count"] += r["n"]
        p["types"][r["type"]] = r["n"]
    return sorted(places.values(), key=lambda p: (-p["count"], p["actor_id"]))


# --------------------------------------------------------------------------- quotes


def quote_where(conn: sqlite3.Connection, f: Filters, speaker: str | None = None) -> tuple[str, list[Any]]:
    """SQL condition selecting quotes ``qt`` (joined with articles ``a``)."""
    where = ["1"]
    params: list[Any] = []
    who = speaker or f.actor
    if who:
        clause, ids = _ids_clause("y.actor_id", resolve_actors(conn, who))
        where.append(f"EXISTS (SELECT 1 FROM quote_actors y WHERE y.article_id = qt.article_id AND y.quote_id = qt.id AND {clause})")
        params += ids
    if f.country:
        where.append("sp.country = ?")
        params.append(f.country.upper())
    for col, value in (("qt.article_id", f.article), ("a.outlet", f.outlet)):
        if value:
            where.append(f"{col} = ?")
            params.append(value)
    w, p = _date_clause("a.date", f.since, f.until)
    where += w
    params += p
    if f.q:
        clause, ids = _ids_clause("a.num", _search_rowids(conn, f.q))
        where.append(clause)
        params += ids
    return " AND ".join(where), params


def iter_quotes(conn: sqlite3.Connection, f: Filters = ALL, *, speaker: str | None = None,
                limit: int | None = None, offset: int = 0) -> Iterator[dict[str, Any]]:
    """Quotes, newest article first, with the speaker's actor record and co-speakers' names."""
    where, params = quote_where(conn, f, speaker)
    sql = (
        "SELECT qt.*, a.outlet, a.url, a.headline, a.date, sp.name AS speaker_name, sp.name_en AS speaker_en, "
        "coalesce(en.country, sp.country) AS speaker_country, coalesce(en.sector, sp.sector) AS speaker_sector, "
        "sp.kb_id AS speaker_kb_id, coalesce(vi.name, qt.via) AS via_name, "
        "substr(a.body, qt.cue_start + 1, qt.cue_end - qt.cue_start) AS cue, "
        "(SELECT group_concat(c.name, '; ') FROM quote_actors y JOIN actors c ON c.id = y.actor_id "
        " WHERE y.article_id = qt.article_id AND y.quote_id = qt.id AND y.role = 'co_speaker') AS co_speaker_names "
        "FROM quotes qt JOIN articles a ON a.id = qt.article_id LEFT JOIN actors sp ON sp.id = qt.speaker_actor "
        "LEFT JOIN entities en ON en.article_id = qt.article_id AND en.id = qt.speaker "
        "LEFT JOIN entities vi ON vi.article_id = qt.article_id AND vi.id = qt.via "
        f"WHERE {where} ORDER BY a.date IS NULL, a.date DESC, a.num, length(qt.id), qt.id LIMIT ? OFFSET ?"
    )
    for r in conn.execute(sql, [*params, -1 if limit is None else limit, offset]):
        d = dict(r)
        d["quote_id"] = f"{r['article_id']}-{r['id']}"
        yield d


def quotes(conn: sqlite3.Connection, f: Filters = ALL, *, speaker: str | None = None,
           limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """A page of quotes (see :func:`iter_quotes`)."""
    return list(iter_quotes(conn, f, speaker=speaker, limit=limit, offset=offset))


def count_quotes(conn: sqlite3.Connection, f: Filters = ALL, *, speaker: str | None = None) -> int:
    """How many quotes the filters select."""
    where, params = quote_where(conn, f, speaker)
    return int(conn.execute(
        "SELECT count(*) FROM quotes qt JOIN articles a ON a.id = qt.article_id "
        f"LEFT JOIN actors sp ON sp.id = qt.speaker_actor WHERE {where}",
        params,
    ).fetchone()[0])


# --------------------------------------------------------------------------- actors

_ACTOR_SELECT = (
    "SELECT c.*, coalesce(en.articles, 0) AS articles, coalesce(en.mentions, 0) AS mentions, "
    "coalesce(ev.as_actor, 0) AS events_as_actor, coalesce(ev.as_recipient, 0) AS events_as_recipient, "
    "coalesce(qu.n, 0) AS quotes "
    "FROM actors c "
    "LEFT JOIN (SELECT en.actor_id, count(DISTINCT en.article_id) AS articles, count(m.pos) AS mentions "
    "  FROM entities en LEFT JOIN mentions m ON m.article_id = en.article_id AND m.entity_id = en.id "
    "  GROUP BY en.actor_id) en ON en.actor_id = c.id "
    "LEFT JOIN (SELECT actor_id, sum(role = 'actor') AS as_actor, sum(role = 'recipient') AS as_recipient "
    "  FROM (SELECT DISTINCT article_id, event_id, role, actor_id FROM event_actors) GROUP BY actor_id) ev "
    "  ON ev.actor_id = c.id "
    "LEFT JOIN (SELECT actor_id, count(*) AS n FROM quote_actors GROUP BY actor_id) qu ON qu.actor_id = c.id "
)


def actor_where(f: Filters, name: str | None = None, type_: str | None = None) -> tuple[str, list[Any]]:
    """SQL condition selecting actors ``c``."""
    where = ["1"]
    params: list[Any] = []
    if name:
        like = "%" + norm_name(name).replace("%", "").replace("_", "") + "%"
        where.append("(c.norm_name LIKE ? OR lower(c.name_en) LIKE lower(?) OR c.kb_id = ?)")
        params += [like, like, name]
    if type_:
        where.append("c.type = ?")
        params.append(type_.upper())
    if f.country:
        where.append("c.country = ?")
        params.append(f.country.upper())
    return " AND ".join(where), params


def iter_actors(conn: sqlite3.Connection, f: Filters = ALL, *, name: str | None = None,
                type_: str | None = None, limit: int | None = None, offset: int = 0) -> Iterator[dict[str, Any]]:
    """Actors of the archive with their counts, most frequent first."""
    where, params = actor_where(f, name, type_)
    sql = (f"{_ACTOR_SELECT} WHERE {where} "
           "ORDER BY articles DESC, events_as_actor + events_as_recipient DESC, c.name LIMIT ? OFFSET ?")
    for r in conn.execute(sql, [*params, -1 if limit is None else limit, offset]):
        yield dict(r)


def actors(conn: sqlite3.Connection, f: Filters = ALL, *, name: str | None = None,
           type_: str | None = None, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """A page of actors (see :func:`iter_actors`)."""
    return list(iter_actors(conn, f, name=name, type_=type_, limit=limit, offset=offset))


def count_actors(conn: sqlite3.Connection, f: Filters = ALL, *, name: str | None = None,
                 type_: str | None = None) -> int:
    """How many actors match."""
    where, params = actor_where(f, name, type_)
    return int(conn.execute(f"SELECT count(*) FROM actors c WHERE {where}", params).fetchone()[0])


def actor(conn: sqlite3.Connection, actor_id: int) -> dict[str, Any] | None:
    """One actor with its counts, roles seen in articles and the outlets that mention it."""
    row = conn.execute(f"{_ACTOR_SELECT} WHERE c.id = ?", (actor_id,)).fetchone()
    if row is None:
        return None
    d = dict(row)
    d["roles"] = [r[0] for r in conn.execute(
        "SELECT role, count(*) AS n FROM entities WHERE actor_id = ? AND role IS NOT NULL GROUP BY role ORDER BY n DESC",
        (actor_id,),
    )]
    d["articles_list"] = [dict(r) for r in conn.execute(
        "SELECT DISTINCT a.id, a.headline, a.date, a.outlet FROM entities en JOIN articles a ON a.id = en.article_id "
        "WHERE en.actor_id = ? ORDER BY a.date IS NULL, a.date DESC, a.num LIMIT 100",
        (actor_id,),
    )]
    return d


def neighbours(conn: sqlite3.Connection, actor_id: int, *, limit: int = 30) -> list[dict[str, Any]]:
    """Actors sharing events with ``actor_id``: counts as recipient of it, as source towards it,
    and jointly, with the event types involved."""
    rows = conn.execute(
        "SELECT o.actor_id AS id, c.name, c.name_en, c.country, c.type AS actor_type, x.role AS mine, o.role AS theirs, "
        "e.type, count(DISTINCT x.article_id || '-' || x.event_id) AS n "
        "FROM event_actors x JOIN event_actors o ON o.article_id = x.article_id AND o.event_id = x.event_id "
        "AND o.actor_id IS NOT NULL AND o.actor_id != x.actor_id "
        "JOIN events e ON e.article_id = x.article_id AND e.id = x.event_id JOIN actors c ON c.id = o.actor_id "
        "WHERE x.actor_id = ? GROUP BY o.actor_id, x.role, o.role, e.type",
        (actor_id,),
    ).fetchall()
    out: dict[int, dict[str, Any]] = {}
    for r in rows:
        d = out.setdefault(r["id"], {"id": r["id"], "name": r["name"], "name_en": r["name_en"], "country": r["country"],
                                     "type": r["actor_type"], "to": 0, "from": 0, "joint": 0, "types": Counter()})
        rel = "to" if (r["mine"], r["theirs"]) == ("actor", "recipient") else \
              "from" if (r["mine"], r["theirs"]) == ("recipient", "actor") else "joint"
        d[rel] += r["n"]
        d["types"][r["type"]] += r["n"]
    ranked = sorted(out.values(), key=lambda d: (-(d["to"] + d["from"] + d["joint"]), d["name"]))
    for d in ranked:
        d["types"] = dict(d["types"].most_common())
    return ranked[:limit]


# --------------------------------------------------------------------------- articles


def article_where(conn: sqlite3.Connection, f: Filters) -> tuple[str, list[Any]]:
    """SQL condition selecting articles ``a`` (no full-text part; see :func:`search_articles`)."""
    where = ["1"]
    params: list[Any] = []
    w, p = _date_clause("a.date", f.since, f.until)
    where += w
    params += p
    if f.outlet:
        where.append("a.outlet = ?")
        params.append(f.outlet)
    if f.actor:
        clause, ids = _ids_clause("en.actor_id", resolve_actors(conn, f.actor))
        where.append(f"EXISTS (SELECT 1 FROM entities en WHERE en.article_id = a.id AND {clause})")
        params += ids
    if f.country:
        where.append("EXISTS (SELECT 1 FROM entities en WHERE en.article_id = a.id AND en.country = ?)")
        params.append(f.country.upper())
    if f.type:
        where.append("EXISTS (SELECT 1 FROM events e WHERE e.article_id = a.id AND e.type = ?)")
        params.append(f.type.upper())
    if f.quad:
        where.append("EXISTS (SELECT 1 FROM events e WHERE e.article_id = a.id AND e.quad = ?)")
        params.append(f.quad)
    return " AND ".join(where), params


@dataclass(slots=True)
class SearchResult:
    """A page of articles matching a query: ``total`` matches, ``hits`` on this page."""

    query: Query | None
    total: int
    hits: list[dict[str, Any]]


def search_articles(conn: sqlite3.Connection, f: Filters, *, limit: int = 20, offset: int = 0) -> SearchResult:
    """Articles matching ``f.q`` (best first) and the other filters, each with a highlighted
    ``snippet`` (escaped HTML) and its ``parts`` (``[(text, is_match)]`` per fragment).
    Without ``f.q``, the newest articles.

    Raises:
        SearchError: the query is malformed.
    """
    where, params = article_where(conn, f)
    cols = "a.num, a.id, a.headline, a.date, a.outlet, a.section, a.url, a.body"
    if f.q:
        query: Query | None = parse_query(f.q)
        assert query is not None
        sql_from = "FROM search JOIN articles a ON a.num = search.rowid"
        cond = f"search MATCH ? AND {where}"
        args = [query.fts, *params]
        order = "bm25(search), a.num"
    else:
        query = None
        sql_from = "FROM articles a"
        cond = where
        args = params
        order = "a.date IS NULL, a.date DESC, a.num DESC"
    total = int(run_search_sql(conn, f"SELECT count(*) {sql_from} WHERE {cond}", args, f.q or "")[0][0])
    rows = run_search_sql(conn, f"SELECT {cols} {sql_from} WHERE {cond} ORDER BY {order} LIMIT ? OFFSET ?",
                [*args, limit, offset], f.q or "")
    hits = []
    for r in rows:
        d = dict(r)
        body = d.pop("body")
        if query is not None:
            d["parts"] = snippet_parts(body, query)
        else:
            d["parts"] = [[(body[:240] + ("…" if len(body) > 240 else ""), False)]]
        d["snippet"] = Markup(" ").join(to_markup(frag) for frag in d["parts"])
        headline = d["headline"] or ""
        d["headline_html"] = to_markup(highlight_parts(headline, query)) if query else Markup("{}").format(headline)
        hits.append(d)
    return SearchResult(query, total, hits)


def stats(conn: sqlite3.Connection) -> dict[str, Any]:
    """Counts of every kind of record, the date range and the outlets."""
    one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    lo, hi = conn.execute("SELECT min(date), max(date) FROM articles").fetchone()
    return {
        "articles": one("SELECT count(*) FROM articles"),
        "entities": one("SELECT count(*) FROM entities"),
        "actors": one("SELECT count(*) FROM actors"),
        "quotes": one("SELECT count(*) FROM quotes"),
        "events": one("SELECT count(*) FROM events"),
        "first_date": lo,
        "last_date": hi,
        "outlets": [(r[0], r[1]) for r in conn.execute(
            "SELECT outlet, count(*) AS n FROM articles WHERE outlet IS NOT NULL GROUP BY outlet ORDER BY n DESC LIMIT 20"
        )],
    }
