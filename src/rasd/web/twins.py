"""The ``.json`` twin of every page: the same selection, the same paging, as data.

As in datasette, adding ``.json`` to a page's path (``/events.json?type=CONSULT&page=2``; the
search page's twin is ``/search.json``) gives what the page shows as JSON. Records are the
export rows (:mod:`rasd.store.export`), so a page's twin and its CSV export share columns.
Each projection below takes the context a page's template is rendered with.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from rasd.store.export import actor_record, event_record, quote_record

JSON_MEDIA = "application/json; charset=utf-8"


def _paging(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"total": ctx.get("total", 0), "page": ctx.get("page", 1), "pages": ctx.get("pages", 0)}


def _search(ctx: dict[str, Any]) -> dict[str, Any]:
    result = ctx.get("result")
    hits = []
    for h in result.hits if result is not None else []:
        hits.append({
            "article_id": h["id"], "date": h["date"], "outlet": h["outlet"], "section": h["section"],
            "headline": h["headline"], "url": h["url"],
            "passages": ["".join(piece for piece, _ in frag) for frag in h["parts"]],
        })
    total = result.total if result is not None else 0
    out: dict[str, Any] = {"query": ctx["f"].q, "total": total, "page": ctx.get("page", 1),
                           "pages": -(-total // 20), "hits": hits}
    if ctx.get("stats"):
        out["archive"] = {k: v for k, v in ctx["stats"].items() if k != "outlets"}
        out["archive"]["outlets"] = [{"outlet": o, "articles": n} for o, n in ctx["stats"]["outlets"]]
    return out


def _article(ctx: dict[str, Any]) -> dict[str, Any]:
    return {
        "document": ctx["doc"].to_dict(),
        "actor_ids": ctx["actor_ids"],
        "story": ctx.get("story"),
        "same_story": ctx.get("same_story", []),
        "cross_events": ctx.get("crosses", []),
    }


def _events(ctx: dict[str, Any]) -> dict[str, Any]:
    facets = {
        name: [{"value": v, "label": label, "count": n} for v, label, n in values]
        for name, values in (ctx.get("facets") or {}).items()
    }
    return {**_paging(ctx), "events": [event_record(e) for e in ctx.get("rows", [])], "facets": facets}


def _quotes(ctx: dict[str, Any]) -> dict[str, Any]:
    return {**_paging(ctx), "quotes": [quote_record(q) for q in ctx.get("rows", [])]}


def _actors(ctx: dict[str, Any]) -> dict[str, Any]:
    return {**_paging(ctx), "actors": [actor_record(a) for a in ctx.get("rows", [])]}


def _actor(ctx: dict[str, Any]) -> dict[str, Any]:
    a = dict(ctx["a"])
    return {
        "actor": {**actor_record(a), "roles": a.get("roles", []), "articles_list": a.get("articles_list", [])},
        "events_as_actor": [event_record(e) for e in ctx["as_actor"]],
        "events_as_recipient": [event_record(e) for e in ctx["as_recipient"]],
        "events_here": [event_record(e) for e in ctx["here"]],
        "events_here_total": ctx["n_here"],
        "quotes": [quote_record(q) for q in ctx["said"]],
        "neighbours": ctx["near"],
        "timeline": {"bucket": ctx["chart"]["bucket"], "series": ctx["chart"]["series"]},
    }


def _stories(ctx: dict[str, Any]) -> dict[str, Any]:
    return {**_paging(ctx), "min_sources": ctx.get("min_sources"), "stories": ctx.get("rows", [])}


def _story(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"story": ctx["s"], "cross_events": ctx["crosses"]}


def _cross(ctx: dict[str, Any]) -> dict[str, Any]:
    x = dict(ctx["x"])
    x["reports"] = [event_record(e) for e in x.get("reports", [])]
    return {"cross_event": x}


def _timeline(ctx: dict[str, Any]) -> dict[str, Any]:
    chart = ctx.get("chart") or {}
    return {"bucket": chart.get("bucket", ctx.get("bucket")), "series": chart.get("series", []),
            "total": ctx.get("total", 0), "coarser": ctx.get("coarser", 0)}


def _network(ctx: dict[str, Any]) -> dict[str, Any]:
    nodes, edges = ctx.get("graph") or ({}, [])
    return {"nodes": list(nodes.values()), "edges": edges}


def _map(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"total": ctx.get("total", 0), "places": ctx.get("points", [])}


def _error(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"error": {"status": ctx.get("status"), "message": ctx.get("message")}}


PROJECTIONS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "search.html": _search, "article.html": _article, "events.html": _events, "quotes.html": _quotes,
    "actors.html": _actors, "actor.html": _actor, "stories.html": _stories, "story.html": _story,
    "cross.html": _cross, "timeline.html": _timeline, "network.html": _network, "map.html": _map,
    "error.html": _error,
}


def twin_json(template: str, ctx: dict[str, Any]) -> bytes:
    """The JSON twin of a page rendered from ``template`` with ``ctx``. A page that shows an
    error (a bad query) carries it as ``error``."""
    data = PROJECTIONS[template](ctx)
    if ctx.get("error") and "error" not in data:
        data["error"] = {"status": ctx.get("status"), "message": ctx["error"]}
    return json.dumps(data, ensure_ascii=False, default=_plain).encode("utf-8")


def _plain(value: Any) -> Any:
    """What json cannot write by itself: sets and tuples as lists, the rest as text."""
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    return str(value)


def twin_path(path: str) -> str:
    """The path of a page's JSON twin: ``/events`` → ``/events.json``, ``/`` → ``/search.json``."""
    return "/search.json" if path == "/" else path + ".json"
