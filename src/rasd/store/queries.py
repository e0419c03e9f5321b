"""Read queries over the store: events, quotes, actors, facets, timeline, network, map, search.

Every function takes an open connection (read-only is enough) and returns plain dicts, so the
command line, the exports and the web app show the same records. Filters are one
:class:`Filters` value, whose fields are also the web app's URL parameters.
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, fields, replace
from datetime import date as _date
from typing import Any

from markupsafe import Markup

from rasd.store.codes import QUADS, norm_name
from rasd.store.search import (
    Query,
    SearchError,
    highlight_parts,
    isolate,
    limits_of,
    match_rowids,
    parse_query,
    run_search_sql,
    snippet_parts,
    to_markup,
)

EVENT_STATUSES = ("asserted", "future", "hypothetical", "negated", "historical")
EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
    "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
"""The 16 PLOVER event types."""


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
        min_confidence: a number from 0 to 1: only events (and quotes) whose confidence is at
            least this (quotes without a confidence, from the rules alone, are kept).
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
    min_confidence: str | None = None

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

MAX_ID = 2**63 - 1
"""The largest integer SQLite stores: a larger id names nothing."""
_PERIOD_RE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_CODE_RE = re.compile(r"[A-Za-z]{3}")


class FilterError(SearchError):
    """A filter value that cannot select anything (an unknown event type, a date such as
    ``2018-13-45``); the message names the filter and the values it takes."""


def check_period(name: str, value: str) -> str:
    """``value`` when it is a real ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` date.

    Raises:
        FilterError: it is not (``2018-13-45``, ``18-01``, ``yesterday``).
    """
    m = _PERIOD_RE.fullmatch(value)
    ok = m is not None
    if m is not None and m.group(2):
        try:
            _date(int(m.group(1)), int(m.group(2)), int(m.group(3) or 1))
        except ValueError:
            ok = False
    if not ok:
        raise FilterError(
            f"{name} must be a date written YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}",
            f"يجب أن يكون {_AR_NAMES.get(name, name)} تاريخاً بالصيغة YYYY أو YYYY-MM أو YYYY-MM-DD، لا {isolate(value)}",
        )
    return value


def check_id(name: str, value: str) -> int:
    """``value`` as a database id.

    Raises:
        FilterError: it is not a whole number from 0 to :data:`MAX_ID`.
    """
    if not value.isdecimal() or int(value) > MAX_ID:
        raise FilterError(
            f"{name} must be an id (a whole number up to {MAX_ID}), not {value!r}",
            f"يجب أن يكون {_AR_NAMES.get(name, name)} رقماً صحيحاً (حتى {MAX_ID})، لا {isolate(value)}",
        )
    return int(value)


_AR_NAMES = {"min_confidence": "حد الثقة الأدنى (min_confidence)", "since": "تاريخ البداية (since)", "until": "تاريخ النهاية (until)", "place": "المكان (place)",
             "actor": "الفاعل (actor)", "type": "نوع الحدث (type)", "quad": "الفئة (quad)",
             "status": "الحالة (status)", "role": "الدور (role)", "country": "رمز الدولة (country)"}


def _choice(name: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise FilterError(
            f"unknown {name} {value!r}: choose one of {', '.join(allowed)}",
            f"قيمة {_AR_NAMES.get(name, name)} غير معروفة {isolate(value)}: اختر إحدى القيم {', '.join(allowed)}",
        )


def check_confidence(value: str) -> float:
    """``value`` as a confidence threshold.

    Raises:
        FilterError: it is not a number from 0 to 1.
    """
    try:
        x = float(value)
    except ValueError:
        x = -1.0
    if not 0.0 <= x <= 1.0:
        raise FilterError(
            f"min_confidence must be a number from 0 to 1, not {value!r}",
            f"يجب أن يكون {_AR_NAMES['min_confidence']} عدداً بين 0 و1، لا {isolate(value)}",
        )
    return x


def check_filters(f: Filters) -> Filters:
    """The filters checked and put in the stored form (``consult`` → ``CONSULT``,
    ``verbal cooperation`` → ``verbal_cooperation``, ``syr`` → ``SYR``).

    Raises:
        FilterError: a value that cannot select anything, with the values the filter takes.
    """
    changes: dict[str, str] = {}
    if f.type:
        changes["type"] = f.type.upper()
        _choice("type", changes["type"], EVENT_TYPES)
    if f.quad:
        changes["quad"] = f.quad.strip().lower().replace(" ", "_")
        _choice("quad", changes["quad"], QUADS)
    if f.status:
        _choice("status", f.status, EVENT_STATUSES)
    if f.role:
        _choice("role", f.role, ("actor", "recipient"))
    if f.country:
        if not _CODE_RE.fullmatch(f.country):
            raise FilterError(
                f"country must be a three-letter code (ISO 3166-1 alpha-3 such as SYR, or IGO, UNO...), not {f.country!r}",
                f"يجب أن يكون رمز الدولة (country) من ثلاثة أحرف (مثل SYR أو IGO)، لا {isolate(f.country)}",
            )
        changes["country"] = f.country.upper()
    for name in ("since", "until"):
        value = getattr(f, name)
        if value:
            check_period(name, value)
    if f.since and f.until and f.since[: len(f.until)] > f.until:
        raise FilterError(
            f"since ({f.since}) is after until ({f.until})",
            f"تاريخ البداية ({f.since}) بعد تاريخ النهاية ({f.until})",
        )
    if f.place:
        check_id("place", f.place)
    if f.min_confidence:
        check_confidence(f.min_confidence)
    if f.actor and f.actor.strip().isdecimal():
        check_id("actor", f.actor.strip())
    return replace(f, **changes) if changes else f


# --------------------------------------------------------------------------- helpers


def resolve_actors(conn: sqlite3.Connection, actor: str) -> list[int]:
    """Actor ids for an id, a key or a name fragment (normalized Arabic or English)."""
    actor = actor.strip()
    if actor.isdecimal():
        return [int(actor)] if int(actor) <= MAX_ID else []
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
    return [num for num, _ in match_rowids(conn, parse_query(q, limits_of(conn)))]


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
    if f.min_confidence:
        where.append("e.confidence >= ?")
        params.append(check_confidence(f.min_confidence))
    if f.place:
        where.append("e.place_actor = ?")
        params.append(int(f.place) if f.place.isdecimal() and int(f.place) <= MAX_ID else -1)
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
    ``headline``, ``article_date``, and the event's story and cross-article event
    (``story_id``, ``story_size``, ``cross_event_id``, ``n_sources``, ``n_outlets``; see
    :func:`event_story_links`).
    """
    where, params = event_where(conn, f)
    sql = (f"{_EVENT_SELECT} WHERE {where} "
           "ORDER BY e.sort_date IS NULL, e.sort_date DESC, a.num, length(e.id), e.id LIMIT ? OFFSET ?")
    for rows in _pages(conn, sql, params, limit=limit, offset=offset, chunk=chunk):
        keys = [(r["article_id"], r["id"]) for r in rows]
        parts = _participants(conn, keys)
        evid = _evidence(conn, keys)
        links = event_story_links(conn, keys)  # story and cross-article event (section below)
        for r in rows:
            d = dict(r)
            key = (r["article_id"], r["id"])
            d["event_id"] = f"{r['article_id']}-{r['id']}"
            d["actors"] = parts[key]["actor"]
            d["recipients"] = parts[key]["recipient"]
            d["evidence"] = evid.get(key, [])
            d.update(links.get(key, NO_STORY_LINKS))
            yield d


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
    if f.min_confidence:
        where.append("(qt.confidence IS NULL OR qt.confidence >= ?)")
        params.append(check_confidence(f.min_confidence))
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
        query: Query | None = parse_query(f.q, limits_of(conn))
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


# --- story clusters and cross-article events (tables of src/rasd/scale/story_tables.py) ----------
# Read by the exports (stories, cross_events; story and source columns of events and articles)
# and the web app (same-story panel, n_sources badges, stories, story and cross-event pages).

NO_STORY_LINKS: dict[str, Any] = {
    "story_id": None, "story_size": None, "cross_event_id": None, "n_sources": None, "n_outlets": None,
}
"""The story fields of an event or article not (yet) clustered."""


def _pages(
    conn: sqlite3.Connection, sql: str, params: list[Any], *, limit: int | None, offset: int, chunk: int
) -> Iterator[list[sqlite3.Row]]:
    """The rows of ``sql`` (which ends in ``LIMIT ? OFFSET ?``) from ``offset``, at most
    ``limit`` of them (all when None), fetched ``chunk`` rows at a time."""
    remaining = limit if limit is not None else -1
    pos = offset
    while remaining != 0:
        n = chunk if remaining < 0 else min(chunk, remaining)
        rows = conn.execute(sql, [*params, n, pos]).fetchall()
        if not rows:
            return
        yield rows
        pos += len(rows)
        if remaining > 0:
            remaining -= len(rows)
        if len(rows) < n:
            return


def _in_chunks(items: list[Any], size: int = 500) -> Iterator[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def event_story_links(conn: sqlite3.Connection, keys: list[tuple[str, str]]) -> dict[tuple[str, str], dict[str, Any]]:
    """For each ``(article_id, event_id)``: its article's story (``story_id``, ``story_size``)
    and its cross-article event (``cross_event_id``; ``n_sources``: articles reporting it;
    ``n_outlets``: distinct outlets reporting it). Events of articles not clustered yet are
    missing from the result."""
    out: dict[tuple[str, str], dict[str, Any]] = {}
    wanted = set(keys)
    for chunk in _in_chunks(sorted({k[0] for k in keys})):
        marks = ",".join("?" * len(chunk))
        stories = {r[0]: (r[1], r[2]) for r in conn.execute(
            f"SELECT article_id, story_id, size FROM stories WHERE article_id IN ({marks})", chunk)}
        for r in conn.execute(
            "SELECT m.article_id, m.event_id, x.id, x.n_sources, json_array_length(x.outlets) "
            "FROM cross_event_members m JOIN cross_events x ON x.id = m.cross_id "
            f"WHERE m.article_id IN ({marks})",
            chunk,
        ):
            key = (r[0], r[1])
            if key in wanted:
                story, size = stories.get(r[0], (None, None))
                out[key] = {"story_id": story, "story_size": size, "cross_event_id": r[2], "n_sources": r[3],
                            "n_outlets": r[4]}
        for key in wanted:
            if key[0] in stories and key not in out:
                story, size = stories[key[0]]
                out[key] = {**NO_STORY_LINKS, "story_id": story, "story_size": size}
    return out


def article_story(conn: sqlite3.Connection, article_id: str) -> dict[str, Any] | None:
    """An article's story: ``{story_id, size}``, or None when it is not clustered yet."""
    row = conn.execute("SELECT story_id, size FROM stories WHERE article_id = ?", (article_id,)).fetchone()
    return {"story_id": row[0], "size": row[1]} if row else None


def story_where(conn: sqlite3.Connection, f: Filters, *, min_articles: int = 1,
                story_id: str | None = None) -> tuple[str, list[Any]]:
    """SQL condition selecting story rows ``s``: stories of at least ``min_articles`` articles
    with at least one article selected by ``f`` (dates, outlet, actor, country, type, quad,
    search)."""
    where = ["s.size >= ?"]
    params: list[Any] = [min_articles]
    if story_id is not None:
        where.append("s.story_id = ?")
        params.append(story_id)
    inner, inner_params = article_where(conn, f)
    if f.article:
        inner += " AND a.id = ?"
        inner_params.append(f.article)
    if f.q:
        clause, ids = _ids_clause("a.num", _search_rowids(conn, f.q))
        inner += f" AND {clause}"
        inner_params += ids
    if inner != "1":
        where.append(f"s.story_id IN (SELECT t.story_id FROM stories t JOIN articles a ON a.id = t.article_id WHERE {inner})")
        params += inner_params
    return " AND ".join(where), params


def count_stories(conn: sqlite3.Connection, f: Filters = ALL, *, min_articles: int = 1) -> int:
    """How many stories :func:`iter_stories` gives."""
    where, params = story_where(conn, f, min_articles=min_articles)
    return int(conn.execute(f"SELECT count(DISTINCT s.story_id) FROM stories s WHERE {where}", params).fetchone()[0])


def iter_stories(conn: sqlite3.Connection, f: Filters = ALL, *, min_articles: int = 1, story_id: str | None = None,
                 limit: int | None = None, offset: int = 0, chunk: int = 1000) -> Iterator[dict[str, Any]]:
    """Stories (clusters of near-duplicate articles), largest first, then most recent.

    Each dict has ``story_id``, ``n_articles``, ``first_date`` and ``last_date`` (of its
    articles), ``outlets`` (distinct, in date order) and ``n_outlets``, ``article_id`` and
    ``headline`` of its representative article (the earliest with a headline) and ``articles``
    (``id``, ``date``, ``outlet``, ``headline``, ``url``; oldest first).
    """
    where, params = story_where(conn, f, min_articles=min_articles, story_id=story_id)
    sql = (
        "SELECT s.story_id, count(*) AS n_articles, min(a.date) AS first_date, max(a.date) AS last_date "
        f"FROM stories s JOIN articles a ON a.id = s.article_id WHERE {where} GROUP BY s.story_id "
        "ORDER BY n_articles DESC, last_date IS NULL, last_date DESC, s.story_id LIMIT ? OFFSET ?"
    )
    for rows in _pages(conn, sql, params, limit=limit, offset=offset, chunk=chunk):
        members: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for ids in _in_chunks([r["story_id"] for r in rows]):
            for m in conn.execute(
                "SELECT s.story_id, a.id, a.date, a.outlet, a.headline, a.url FROM stories s "
                f"JOIN articles a ON a.id = s.article_id WHERE s.story_id IN ({','.join('?' * len(ids))}) "
                "ORDER BY s.story_id, a.date IS NULL, a.date, a.num",
                ids,
            ):
                members[m["story_id"]].append({k: m[k] for k in ("id", "date", "outlet", "headline", "url")})
        for r in rows:
            arts = members[r["story_id"]]
            head = next((m for m in arts if m["headline"]), arts[0] if arts else {})
            outlets = list(dict.fromkeys(m["outlet"] for m in arts if m["outlet"]))
            yield {
                "story_id": r["story_id"], "n_articles": r["n_articles"], "first_date": r["first_date"],
                "last_date": r["last_date"], "outlets": outlets, "n_outlets": len(outlets),
                "article_id": head.get("id"), "headline": head.get("headline"), "articles": arts,
            }


def stories(conn: sqlite3.Connection, f: Filters = ALL, *, min_articles: int = 1, limit: int = 50,
            offset: int = 0) -> list[dict[str, Any]]:
    """A page of stories (see :func:`iter_stories`)."""
    return list(iter_stories(conn, f, min_articles=min_articles, limit=limit, offset=offset))


def story(conn: sqlite3.Connection, story_id: str) -> dict[str, Any] | None:
    """One story (see :func:`iter_stories`), or None."""
    return next(iter_stories(conn, story_id=story_id, limit=1), None)


def cross_event_where(conn: sqlite3.Connection, f: Filters, *, min_sources: int = 1) -> tuple[str, list[Any]]:
    """SQL condition selecting cross-article events ``x``: reported by at least ``min_sources``
    articles, and with at least one report selected by ``f`` (the filters of
    :func:`event_where`)."""
    where = ["x.n_sources >= ?"]
    params: list[Any] = [min_sources]
    if f != ALL:
        inner, inner_params = event_where(conn, f)
        where.append(
            "EXISTS (SELECT 1 FROM cross_event_members m JOIN events e ON e.article_id = m.article_id "
            f"AND e.id = m.event_id JOIN articles a ON a.id = e.article_id WHERE m.cross_id = x.id AND {inner})"
        )
        params += inner_params
    return " AND ".join(where), params


def count_cross_events(conn: sqlite3.Connection, f: Filters = ALL, *, min_sources: int = 1) -> int:
    """How many cross-article events :func:`iter_cross_events` gives."""
    where, params = cross_event_where(conn, f, min_sources=min_sources)
    return int(conn.execute(f"SELECT count(*) FROM cross_events x WHERE {where}", params).fetchone()[0])


def _actors_by_key(conn: sqlite3.Connection, keys: set[str]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for chunk in _in_chunks(sorted(keys)):
        for r in conn.execute(
            "SELECT key, id AS actor_id, name, name_en, country, sector, type, kb_id FROM actors "
            f"WHERE key IN ({','.join('?' * len(chunk))})",
            chunk,
        ):
            out[r["key"]] = dict(r)
    return out


def iter_cross_events(conn: sqlite3.Connection, f: Filters = ALL, *, min_sources: int = 1,
                      cross_ids: list[str] | None = None, limit: int | None = None, offset: int = 0,
                      chunk: int = 1000) -> Iterator[dict[str, Any]]:
    """Cross-article events (one event reported by one or more articles), newest first.

    Each dict has the ``cross_events`` columns (``id``, ``type``, ``mode``, ``status``,
    ``date`` and ``date_end``: first and last date of the reports, ``n_sources``: articles,
    ``confidence``), ``actors`` and ``recipients`` (actor records: ``key``, ``actor_id``,
    ``name``, ``name_en``, ``country``, ``sector``, ``type``, ``kb_id``), ``outlets`` and
    ``stories`` (lists), ``members`` (``(article_id, event_id)`` of every report, by article
    date), ``n_reports`` and ``evidence`` (every span of every report, with its article and
    event ids). ``cross_ids`` restricts them to those ids (at most 500).
    """
    import json

    where, params = cross_event_where(conn, f, min_sources=min_sources)
    if cross_ids is not None:
        if len(cross_ids) > 500:
            raise ValueError("at most 500 cross_ids at a time")
        where += f" AND x.id IN ({','.join('?' * len(cross_ids))})" if cross_ids else " AND 0"
        params += list(cross_ids)
    sql = (f"SELECT x.* FROM cross_events x WHERE {where} "
           "ORDER BY x.date IS NULL, x.date DESC, x.type, x.id LIMIT ? OFFSET ?")
    for rows in _pages(conn, sql, params, limit=limit, offset=offset, chunk=chunk):
        members: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for ids in _in_chunks([r["id"] for r in rows]):
            for m in conn.execute(
                "SELECT m.cross_id, m.article_id, m.event_id FROM cross_event_members m "
                "JOIN articles a ON a.id = m.article_id "
                f"WHERE m.cross_id IN ({','.join('?' * len(ids))}) "
                "ORDER BY m.cross_id, a.date IS NULL, a.date, a.num, length(m.event_id), m.event_id",
                ids,
            ):
                members[m[0]].append((m[1], m[2]))
        evid = _evidence(conn, [k for ms in members.values() for k in ms])
        decoded = [
            {k: json.loads(r[k]) for k in ("actors", "recipients", "actor_names", "recipient_names", "outlets", "stories")}
            for r in rows
        ]
        people = _actors_by_key(conn, {k for d in decoded for k in d["actors"] + d["recipients"]})
        for r, d in zip(rows, decoded, strict=True):
            ms = members[r["id"]]
            x = dict(r)
            x.update(d)
            for role, names in (("actors", "actor_names"), ("recipients", "recipient_names")):
                fallback = d[names]
                x[role] = [
                    people.get(k) or {"key": k, "actor_id": None, "name": fallback[i] if i < len(fallback) else k,
                                      "name_en": None, "country": None, "sector": None, "type": None, "kb_id": None}
                    for i, k in enumerate(d[role])
                ]
            x["members"] = ms
            x["n_reports"] = len(ms)
            x["evidence"] = [{"article_id": a, "event_id": e, **s} for a, e in ms for s in evid.get((a, e), [])]
            yield x


def cross_event(conn: sqlite3.Connection, cross_id: str) -> dict[str, Any] | None:
    """One cross-article event (see :func:`iter_cross_events`) with ``reports``: each
    per-article event merged into it, as :func:`iter_events` gives them, by article date."""
    x = next(iter_cross_events(conn, cross_ids=[cross_id], limit=1), None)
    if x is None:
        return None
    order = {key: i for i, key in enumerate(x["members"])}
    reports: list[dict[str, Any]] = []
    for article_id in dict.fromkeys(a for a, _ in x["members"]):
        reports += [e for e in iter_events(conn, Filters(article=article_id)) if (e["article_id"], e["id"]) in order]
    x["reports"] = sorted(reports, key=lambda e: order[(e["article_id"], e["id"])])
    return x


def story_cross_events(conn: sqlite3.Connection, story_id: str, *, min_sources: int = 2,
                       limit: int = 200) -> list[dict[str, Any]]:
    """The cross-article events reported by articles of a story (by default those reported by
    more than one article), most reported first."""
    ids = [r[0] for r in conn.execute(
        "SELECT DISTINCT m.cross_id, x.n_sources, x.date FROM stories s "
        "JOIN cross_event_members m ON m.article_id = s.article_id JOIN cross_events x ON x.id = m.cross_id "
        "WHERE s.story_id = ? AND x.n_sources >= ? ORDER BY x.n_sources DESC, x.date IS NULL, x.date, m.cross_id "
        "LIMIT ?",
        (story_id, min_sources, min(limit, 500)),
    )]
    out = list(iter_cross_events(conn, min_sources=min_sources, cross_ids=ids))
    out.sort(key=lambda x: (-x["n_sources"], x["date"] or "9999", x["type"], x["id"]))
    return out
# --- end story clusters and cross-article events --------------------------------------------------
