"""Exports: events, quotes, actors and articles as CSV, JSON Lines or Parquet; the actor network
as GEXF or GraphML (for Gephi).

Event columns follow the names event-data users know from GDELT and ACLED (``event_id``,
``event_date``, ``actor1``, ``actor1_country``, ``assoc_actor_1``, ``actor2``...,
``lat``/``lon``, ``geo_precision``, ``source_outlet``, ``source_url``); each record keeps the
evidence text and the article id, so every row can be traced to the words it came from.

Story clusters and cross-article events (``rasd.scale.story_tables``) are exported as the
``stories`` and ``cross_events`` tables; events carry their ``story_id``, ``cross_event_id``
and ``n_sources`` (articles reporting the event), articles their ``story_id`` and
``story_size``.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import date as _date
from pathlib import Path
from typing import IO, Any

from rasd.store.codes import date_precision, quad_code, type_codes
from rasd.store.queries import (
    ALL,
    Filters,
    iter_actors,
    iter_cross_events,
    iter_events,
    iter_quotes,
    iter_stories,
    network,
)

TABLES = ("events", "quotes", "actors", "articles", "stories", "cross_events", "documents", "network")
"""What can be exported (``documents`` = full rasd/1 JSON, JSON Lines only)."""
SOURCE_TABLES = ("events", "cross_events", "stories", "articles")
"""The tables a ``min_sources`` selection applies to."""

TABLE_FORMATS = ("csv", "jsonl", "parquet")
GRAPH_FORMATS = ("gexf", "graphml")

# column name -> pyarrow type name
EVENT_COLUMNS: dict[str, str] = {
    "event_id": "string", "article_id": "string", "event_date": "date", "date_precision": "string",
    "date_raw": "string",
    "event_type": "string", "mode": "string", "quad_class": "string", "quad_class_code": "int64",
    "event_score": "float64", "goldstein_scale": "float64",
    "cameo_code": "string", "status": "string",
    "confidence": "float64",
    "actor1": "string", "actor1_en": "string", "actor1_country": "string", "actor1_sector": "string",
    "actor1_type": "string", "actor1_kb_id": "string", "assoc_actor_1": "string",
    "actor2": "string", "actor2_en": "string", "actor2_country": "string", "actor2_sector": "string",
    "actor2_type": "string", "actor2_kb_id": "string", "assoc_actor_2": "string",
    "place": "string", "place_en": "string", "place_country": "string", "lat": "float64", "lon": "float64",
    "geo_precision": "string", "source_outlet": "string", "source_url": "string",
    "source_date": "date", "headline": "string", "cue": "string", "evidence": "string",
    "quote_id": "string",
    "story_id": "string", "cross_event_id": "string", "n_sources": "int64", "n_outlets": "int64",
}
QUOTE_COLUMNS: dict[str, str] = {
    "quote_id": "string", "article_id": "string", "date": "date", "speaker": "string",
    "speaker_en": "string", "speaker_country": "string", "speaker_sector": "string",
    "speaker_kb_id": "string", "speaker_text": "string", "co_speakers": "string", "cue": "string",
    "kind": "string", "stance": "string", "via": "string", "quote": "string", "confidence": "float64",
    "source_outlet": "string", "source_url": "string", "headline": "string",
}
ACTOR_COLUMNS: dict[str, str] = {
    "actor_id": "int64", "actor_key": "string", "kb_id": "string", "name": "string", "name_en": "string",
    "type": "string", "country": "string", "sector": "string", "lat": "float64", "lon": "float64",
    "articles": "int64", "mentions": "int64", "events_as_actor": "int64",
    "events_as_recipient": "int64", "quotes": "int64",
}
ARTICLE_COLUMNS: dict[str, str] = {
    "article_id": "string", "date": "date", "outlet": "string", "section": "string",
    "headline": "string", "byline": "string", "url": "string", "source": "string",
    "story_id": "string", "story_size": "int64", "body": "string",
}
STORY_COLUMNS: dict[str, str] = {
    "story_id": "string", "n_articles": "int64", "first_date": "date", "last_date": "date",
    "n_outlets": "int64", "outlets": "string", "article_id": "string", "headline": "string",
    "article_ids": "string",
}
CROSS_EVENT_COLUMNS: dict[str, str] = {
    "cross_event_id": "string", "first_date": "date", "last_date": "date", "event_type": "string",
    "mode": "string", "quad_class": "string", "quad_class_code": "int64", "event_score": "float64",
    "goldstein_scale": "float64", "cameo_code": "string",
    "status": "string", "confidence": "float64", "n_sources": "int64", "n_reports": "int64",
    "n_outlets": "int64",
    "actor1": "string", "actor1_en": "string", "actor1_country": "string", "actor1_sector": "string",
    "actor1_type": "string", "actor1_kb_id": "string", "assoc_actor_1": "string",
    "actor2": "string", "actor2_en": "string", "actor2_country": "string", "actor2_sector": "string",
    "actor2_type": "string", "actor2_kb_id": "string", "assoc_actor_2": "string",
    "outlets": "string", "story_ids": "string", "article_ids": "string", "event_ids": "string",
    "evidence": "string",
}
COLUMNS: dict[str, dict[str, str]] = {
    "events": EVENT_COLUMNS, "quotes": QUOTE_COLUMNS, "actors": ACTOR_COLUMNS, "articles": ARTICLE_COLUMNS,
    "stories": STORY_COLUMNS, "cross_events": CROSS_EVENT_COLUMNS,
}


class ExportError(ValueError):
    """An export that cannot be made (unknown table or format, or a format needing a file).

    Args:
        message: what is wrong, in English (the command line's language).
        arabic: the same in Arabic, for the web app.
    """

    def __init__(self, message: str, arabic: str | None = None) -> None:
        super().__init__(message)
        self.arabic = arabic or message


def _names(people: list[dict[str, Any]]) -> str | None:
    return "; ".join(p["name"] for p in people) if people else None


def _joined(values: Iterable[str]) -> str | None:
    return "; ".join(values) or None


def _actor_columns(rec: dict[str, Any], actors: list[dict[str, Any]], recipients: list[dict[str, Any]]) -> None:
    for n, people in ((1, actors), (2, recipients)):
        first = people[0] if people else {}
        rec[f"actor{n}"] = first.get("name")
        rec[f"actor{n}_en"] = first.get("name_en")
        rec[f"actor{n}_country"] = first.get("country")
        rec[f"actor{n}_sector"] = first.get("sector")
        rec[f"actor{n}_type"] = first.get("type")
        rec[f"actor{n}_kb_id"] = first.get("kb_id")
        rec[f"assoc_actor_{n}"] = _names(people[1:])


def event_record(e: dict[str, Any]) -> dict[str, Any]:
    """One flat export row of an event from :func:`rasd.store.queries.iter_events`."""
    codes = type_codes(e["type"], e["mode"])
    rec: dict[str, Any] = {
        "event_id": e["event_id"], "article_id": e["article_id"], "event_date": e["sort_date"],
        "date_precision": date_precision(e["date"] or e["article_date"]), "date_raw": e["date_raw"], "event_type": e["type"], "mode": e["mode"], "quad_class": e["quad"],
        "quad_class_code": quad_code(e["quad"]), "event_score": codes.score, "goldstein_scale": codes.score,
        "cameo_code": codes.cameo, "status": e["status"],
        "confidence": e["confidence"],
    }
    _actor_columns(rec, e["actors"], e["recipients"])
    rec.update({
        "place": e["place_name"], "place_en": e["place_name_en"], "place_country": e["place_country"],
        "lat": e["lat"], "lon": e["lon"], "geo_precision": e["geo_precision"],
        "source_outlet": e["outlet"], "source_url": e["url"], "source_date": e["article_date"],
        "headline": e["headline"], "cue": e["cue"],
        "evidence": " | ".join(s["text"] for s in e["evidence"]) or None,
        "quote_id": f"{e['article_id']}-{e['quote']}" if e["quote"] else None,
        "story_id": e.get("story_id"), "cross_event_id": e.get("cross_event_id"),
        "n_sources": e.get("n_sources"), "n_outlets": e.get("n_outlets"),
    })
    return rec


def story_record(s: dict[str, Any]) -> dict[str, Any]:
    """One flat export row of a story from :func:`rasd.store.queries.iter_stories`."""
    return {
        "story_id": s["story_id"], "n_articles": s["n_articles"], "first_date": s["first_date"],
        "last_date": s["last_date"], "n_outlets": s["n_outlets"], "outlets": _joined(s["outlets"]),
        "article_id": s["article_id"], "headline": s["headline"],
        "article_ids": _joined(a["id"] for a in s["articles"]),
    }


def cross_event_record(x: dict[str, Any]) -> dict[str, Any]:
    """One flat export row of a cross-article event from
    :func:`rasd.store.queries.iter_cross_events`."""
    codes = type_codes(x["type"], x["mode"])
    rec: dict[str, Any] = {
        "cross_event_id": x["id"], "first_date": x["date"], "last_date": x["date_end"], "event_type": x["type"],
        "mode": x["mode"], "quad_class": codes.quad, "quad_class_code": quad_code(codes.quad),
        "event_score": codes.score, "goldstein_scale": codes.score, "cameo_code": codes.cameo, "status": x["status"], "confidence": x["confidence"],
        "n_sources": x["n_sources"], "n_reports": x["n_reports"], "n_outlets": len(x["outlets"]),
    }
    _actor_columns(rec, x["actors"], x["recipients"])
    rec.update({
        "outlets": _joined(x["outlets"]), "story_ids": _joined(x["stories"]),
        "article_ids": _joined(dict.fromkeys(a for a, _ in x["members"])),
        "event_ids": _joined(f"{a}-{e}" for a, e in x["members"]),
        "evidence": " | ".join(s["text"] for s in x["evidence"]) or None,
    })
    return rec


def quote_record(q: dict[str, Any]) -> dict[str, Any]:
    """One flat export row of a quote from :func:`rasd.store.queries.iter_quotes`."""
    return {
        "quote_id": q["quote_id"], "article_id": q["article_id"], "date": q["date"],
        "speaker": q["speaker_name"], "speaker_en": q["speaker_en"], "speaker_country": q["speaker_country"],
        "speaker_sector": q["speaker_sector"], "speaker_kb_id": q["speaker_kb_id"],
        "speaker_text": q["speaker_text"], "co_speakers": q["co_speaker_names"], "cue": q["cue"],
        "kind": q["kind"], "stance": q["stance"], "via": q["via_name"], "quote": q["content"],
        "confidence": q.get("confidence"), "source_outlet": q["outlet"], "source_url": q["url"], "headline": q["headline"],
    }


def actor_record(a: dict[str, Any]) -> dict[str, Any]:
    """One flat export row of an actor from :func:`rasd.store.queries.iter_actors`."""
    return {
        "actor_id": a["id"], "actor_key": a["key"], "kb_id": a["kb_id"], "name": a["name"],
        "name_en": a["name_en"], "type": a["type"], "country": a["country"], "sector": a["sector"],
        "lat": a["lat"], "lon": a["lon"], "articles": a["articles"], "mentions": a["mentions"],
        "events_as_actor": a["events_as_actor"], "events_as_recipient": a["events_as_recipient"],
        "quotes": a["quotes"],
    }


def _article_rows(conn: sqlite3.Connection, f: Filters, min_sources: int = 1) -> Iterator[dict[str, Any]]:
    from rasd.store.queries import article_where
    from rasd.store.search import limits_of, parse_query, run_search_sql

    where, params = article_where(conn, f)
    if f.article:
        where += " AND a.id = ?"
        params.append(f.article)
    if min_sources > 1:
        where += " AND s.size >= ?"
        params.append(min_sources)
    cols = "a.*, s.story_id, s.size AS story_size"
    stories = "LEFT JOIN stories s ON s.article_id = a.id"
    if f.q:
        query = parse_query(f.q, limits_of(conn))
        rows = run_search_sql(
            conn,
            f"SELECT {cols} FROM search JOIN articles a ON a.num = search.rowid {stories} "
            f"WHERE search MATCH ? AND {where} ORDER BY bm25(search), a.num",
            [query.fts, *params],
            f.q,
        )
        yield from (dict(r) for r in rows)
        return
    for r in conn.execute(f"SELECT {cols} FROM articles a {stories} WHERE {where} ORDER BY a.date, a.num", params):
        yield dict(r)


def _check_min_sources(table: str, min_sources: int) -> None:
    if min_sources < 1:
        raise ExportError(f"min_sources (--min-sources) must be 1 or more, not {min_sources}",
                          f"يجب أن يكون المعامل min_sources عدداً صحيحاً من 1 فأكثر، لا {min_sources}")
    if min_sources > 1 and table not in SOURCE_TABLES:
        raise ExportError(f"min_sources (--min-sources) applies to {', '.join(SOURCE_TABLES)}; not to {table}",
                          f"المعامل min_sources ينطبق على {', '.join(SOURCE_TABLES)} فقط، لا على {table}")


def records(conn: sqlite3.Connection, table: str, f: Filters = ALL, *, min_sources: int = 1) -> Iterator[dict[str, Any]]:
    """The flat export rows of ``table`` (events, quotes, actors, articles, stories or
    cross_events) under ``f``.

    Args:
        min_sources: only events and cross events reported by at least this many articles,
            stories of at least this many articles and articles of such stories.

    Raises:
        ExportError: an unknown table, or ``min_sources`` for a table it does not select.
    """
    if table not in COLUMNS:
        raise ExportError(f"no table {table!r}; choose {', '.join(COLUMNS)}",
                          f"لا جدول {table} للتصدير: اختر {', '.join(COLUMNS)}")
    _check_min_sources(table, min_sources)
    if table == "events":
        rows = (event_record(e) for e in iter_events(conn, f))
        return rows if min_sources == 1 else (r for r in rows if (r["n_sources"] or 0) >= min_sources)
    if table == "quotes":
        return (quote_record(q) for q in iter_quotes(conn, f))
    if table == "actors":
        return (actor_record(a) for a in iter_actors(conn, f, name=f.actor))
    if table == "stories":
        return (story_record(s) for s in iter_stories(conn, f, min_articles=min_sources))
    if table == "cross_events":
        return (cross_event_record(x) for x in iter_cross_events(conn, f, min_sources=min_sources))
    return (
        {"article_id": r["id"], **{k: r[k] for k in ARTICLE_COLUMNS if k != "article_id"}}
        for r in _article_rows(conn, f, min_sources)
    )


def documents(conn: sqlite3.Connection, f: Filters = ALL) -> Iterator[dict[str, Any]]:
    """Full rasd/1 JSON documents of the selected articles."""
    from rasd.store.ingest import load_document

    for r in _article_rows(conn, f):
        doc = load_document(conn, r["id"])
        if doc is not None:
            yield doc.to_dict()


def arrow_schema(table: str) -> Any:
    """The pyarrow schema of an export table (dates as Arrow ``date32``)."""
    import pyarrow as pa

    types = {"string": pa.string(), "float64": pa.float64(), "int64": pa.int64(), "date": pa.date32()}
    return pa.schema([(name, types[t]) for name, t in COLUMNS[table].items()])


def _as_date(value: Any) -> _date | None:
    """A ``YYYY-MM-DD`` text as a date; None for anything less precise (its precision is in
    ``date_precision`` or ``date_raw``)."""
    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        return _date.fromisoformat(value)
    except ValueError:
        return None


def parquet_row(table: str, row: dict[str, Any]) -> dict[str, Any]:
    """An export row with the values Parquet stores: the date columns as dates."""
    columns = COLUMNS[table]
    return {k: _as_date(v) if columns.get(k) == "date" else v for k, v in row.items()}


def write_rows(rows: Iterable[dict[str, Any]], table: str, fmt: str, out: IO[bytes], *, batch: int = 10_000) -> int:
    """Write flat rows as CSV (UTF-8, header), JSON Lines or Parquet into a binary stream."""
    n = 0
    columns = list(COLUMNS[table]) if table in COLUMNS else None
    if fmt == "csv":
        text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
        writer: csv.DictWriter[str] | None = None
        for row in rows:
            if writer is None:
                writer = csv.DictWriter(text, fieldnames=columns or list(row))
                writer.writeheader()
            writer.writerow(row)
            n += 1
        if writer is None and columns:
            csv.writer(text).writerow(columns)
        text.flush()
        text.detach()
    elif fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False).encode("utf-8") + b"\n")
            n += 1
    elif fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = arrow_schema(table)
        with pq.ParquetWriter(out, schema) as pw:
            chunk: list[dict[str, Any]] = []
            for row in rows:
                chunk.append(parquet_row(table, row))
                n += 1
                if len(chunk) >= batch:
                    pw.write_table(pa.Table.from_pylist(chunk, schema=schema))
                    chunk = []
            if chunk or n == 0:
                pw.write_table(pa.Table.from_pylist(chunk, schema=schema))
    else:
        raise ExportError(f"unknown table format {fmt!r}; choose csv, jsonl or parquet",
                          f"صيغة جدول غير معروفة {fmt}: اختر csv أو jsonl أو parquet")
    return n


def network_graph(conn: sqlite3.Connection, f: Filters = ALL) -> Any:
    """The actor network of the selected events as a ``networkx.DiGraph``.

    Nodes are actors (``label``, ``name_en``, ``type``, ``country``, ``sector``, ``kb_id``);
    an edge from actor to recipient has ``weight`` (events), ``types`` (``CONSULT:3;SUPPORT:1``),
    one ``type_<TYPE>`` count per event type in the graph, and ``reciprocal`` (a joint event
    with no recipient).
    """
    import networkx as nx

    nodes, edges = network(conn, f)
    g = nx.DiGraph(name="rasd actor network")
    for nid, n in nodes.items():
        g.add_node(
            str(nid), label=n["name"], name_en=n["name_en"] or "", type=n["type"] or "",
            country=n["country"] or "", sector=n["sector"] or "", kb_id=n["kb_id"] or "", key=n["key"],
        )
    all_types = sorted({t for e in edges for t in e["types"]})
    for e in edges:
        attrs: dict[str, Any] = {
            "weight": e["weight"],
            "types": ";".join(f"{t}:{c}" for t, c in sorted(e["types"].items(), key=lambda kv: (-kv[1], kv[0]))),
            "reciprocal": bool(e["reciprocal"]),
        }
        attrs.update({f"type_{t}": int(e["types"].get(t, 0)) for t in all_types})
        g.add_edge(str(e["source"]), str(e["target"]), **attrs)
    return g


def write_graph(g: Any, fmt: str, out: IO[bytes]) -> None:
    """Write a graph as GEXF 1.2 or GraphML into a binary stream."""
    import networkx as nx

    if fmt == "gexf":
        nx.write_gexf(g, out)
    elif fmt == "graphml":
        nx.write_graphml(g, out)
    else:
        raise ExportError(f"unknown graph format {fmt!r}; choose gexf or graphml",
                          f"صيغة شبكة غير معروفة {fmt}: اختر gexf أو graphml")


def export(conn: sqlite3.Connection, table: str, fmt: str, out: IO[bytes], f: Filters = ALL, *,
           min_sources: int = 1) -> int:
    """Export ``table`` in ``fmt`` into a binary stream; returns the rows (or edges) written.

    Args:
        table: events, quotes, actors, articles, stories, cross_events, documents (jsonl only)
            or network.
        fmt: csv, jsonl or parquet for tables; gexf or graphml for the network.
        out: where to write.
        f: the selection (the same filters as ``rasd events`` and the web app's URLs).
        min_sources: only records reported by (events, cross events) or belonging to stories
            of (stories, articles) at least this many articles.

    Raises:
        ExportError: an unknown table or format, or a combination that does not exist.
    """
    if fmt in GRAPH_FORMATS:
        _check_min_sources("network", min_sources)
        if table not in ("network", "events"):
            raise ExportError(f"{fmt} exports the actor network; use --what network (not {table})",
                              f"صيغة {fmt} تصدّر شبكة الفاعلين: اطلب network لا {table}")
        g = network_graph(conn, f)
        write_graph(g, fmt, out)
        return int(g.number_of_edges())
    if table == "network":
        raise ExportError("the network is exported as gexf or graphml", "تُصدَّر الشبكة بصيغة gexf أو graphml")
    if fmt not in TABLE_FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose csv, jsonl, parquet, gexf or graphml",
                          f"صيغة غير معروفة {fmt}: اختر csv أو jsonl أو parquet أو gexf أو graphml")
    if table == "documents":
        if fmt != "jsonl":
            raise ExportError("documents (full rasd/1 JSON) are exported as jsonl only",
                              "تُصدَّر الوثائق الكاملة (rasd/1) بصيغة jsonl فقط")
        _check_min_sources(table, min_sources)
        n = 0
        for d in documents(conn, f):
            out.write(json.dumps(d, ensure_ascii=False).encode("utf-8") + b"\n")
            n += 1
        return n
    if table not in COLUMNS:
        raise ExportError(f"no table {table!r}; choose one of {', '.join(TABLES)}",
                          f"لا جدول {table} للتصدير: اختر أحد {', '.join(TABLES)}")
    return write_rows(records(conn, table, f, min_sources=min_sources), table, fmt, out)


def export_file(conn: sqlite3.Connection, table: str, fmt: str, path: str | Path, f: Filters = ALL, *,
                min_sources: int = 1) -> int:
    """:func:`export` into a file (written whole, then renamed into place)."""
    p = Path(path)
    tmp = p.with_name(p.name + ".part")
    try:
        with tmp.open("wb") as out:
            n = export(conn, table, fmt, out, f, min_sources=min_sources)
        tmp.replace(p)
    finally:
        tmp.unlink(missing_ok=True)
    return n
