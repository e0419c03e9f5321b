"""The web app: FastAPI routes over a read-only store, rendered with Jinja2 (autoescaped).

Pages: search (``/``), article (with the other articles of its story), actors, actor, events
(facets in the URL, export links, ``n_sources`` badges), quotes, timeline, network, map,
stories, story and cross-article event. Every page is a GET; the database is opened read-only per
request; all assets, plotly.js included, are served from this process.
"""

from __future__ import annotations

import html
import io
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint

from rasd import __version__
from rasd.scale.story_tables import cross_events_of_article, story_articles
from rasd.store import (
    DEFAULT_LIMITS,
    Filters,
    QueryCancelled,
    QueryTimeout,
    SearchError,
    SearchLimits,
    connect,
    load_document,
    time_limit,
)
from rasd.store import queries as Q
from rasd.store.codes import QUADS
from rasd.store.export import GRAPH_FORMATS, TABLE_FORMATS, ExportError, export
from rasd.store.search import isolate
from rasd.web.render import annotate, document_layers, toggle, url
from rasd.web.twins import JSON_MEDIA, twin_json, twin_path

Endpoint = Callable[..., Response]
HERE = Path(__file__).resolve().parent
PAGE = 50
ACTOR_TYPES = ("PER", "ORG", "GPE", "LOC", "EVENT")
MAX_PAGE = 1_000_000
"""The largest page number (and min_sources) a URL may ask for."""
EVENT_TYPES = Q.EVENT_TYPES
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
MEDIA = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson; charset=utf-8",
         "parquet": "application/vnd.apache.parquet", "gexf": "application/xml", "graphml": "application/xml"}


def plotly_js_path() -> Path:
    """plotly.min.js from the installed ``plotly`` package."""
    import plotly

    return Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"


class _SecurityHeaders(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response


def _chart_text(s: str | None) -> str:
    """A label for plotly, which reads a few HTML tags in text: escape it."""
    return html.escape(s or "", quote=False)


def error_status(exc: SearchError) -> int:
    """The HTTP status of a search error: 503 when the query ran out of time (or the server is
    stopping), 400 when the query itself is at fault."""
    return 503 if isinstance(exc, QueryTimeout | QueryCancelled) else 400


def create_app(db: str | Path, *, limits: SearchLimits | None = None, stopping: threading.Event | None = None) -> FastAPI:
    """The web app over the database ``db`` (opened read-only).

    Args:
        db: the database file.
        limits: what one search may cost; ``limits.seconds`` also bounds the database time of
            each page (default :data:`rasd.store.DEFAULT_LIMITS`).
        stopping: set when the server shuts down: running queries stop at once (``app.state.stopping``).

    Raises:
        rasd.store.StoreError: the database is missing, empty or of another schema version.
    """
    db_path = Path(db)
    connect(db_path, readonly=True).close()  # fail now, with a clear message, not per request
    limits = limits or DEFAULT_LIMITS
    stopping = stopping or threading.Event()

    env = Environment(
        loader=FileSystemLoader(str(HERE / "templates")),
        autoescape=select_autoescape(enabled_extensions=("html",), default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(url=url, toggle=toggle, version=__version__, EVENT_TYPES=EVENT_TYPES, QUADS=QUADS,
                       STATUSES=Q.EVENT_STATUSES)
    env.filters["num"] = lambda n: f"{n:,}" if isinstance(n, int) else n
    env.filters["quad"] = lambda q: (q or "").replace("_", " ")
    env.filters["http_url"] = lambda u: bool(u) and str(u).lower().startswith(("http://", "https://"))

    app = FastAPI(title="rasd", version=__version__, docs_url=None, redoc_url=None, openapi_url=None)
    app.add_middleware(_SecurityHeaders)
    app.state.stopping = stopping
    app.state.limits = limits

    def render(name: str, request: Request, status: int = 200, **ctx: Any) -> Response:
        path = request.url.path
        if path.endswith(".json"):  # the page's twin: the same context, as data
            return Response(twin_json(name, {**ctx, "status": status}), status_code=status, media_type=JSON_MEDIA)
        params = {k: v for k, v in request.query_params.items() if v}
        fparams = {k: v for k, v in params.items() if k not in ("page", "bucket")}
        json_url = url(twin_path(path), params) if name != "error.html" else None
        body = env.get_template(name).render(request_path=path, params=params, fparams=fparams,
                                             db_name=db_path.name, json_url=json_url, **ctx)
        return HTMLResponse(body, status_code=status)

    def page(path: str) -> Callable[[Endpoint], Endpoint]:
        """Register a page at ``path`` and its JSON twin (registered first, so that
        ``/article/ID.json`` is not read as the article ``ID.json``)."""

        def register(endpoint: Endpoint) -> Endpoint:
            app.add_api_route(twin_path(path), endpoint, methods=["GET", "HEAD"], include_in_schema=False)
            app.add_api_route(path, endpoint, methods=["GET", "HEAD"], response_class=HTMLResponse)
            return endpoint

        return register

    @contextmanager
    def db_conn() -> Iterator[sqlite3.Connection]:
        # one read-only connection per request; every statement of the page shares its time
        # limit, and all stop at once when the server shuts down
        with closing(connect(db_path, readonly=True, limits=limits)) as conn, time_limit(conn, limits.seconds, stopping):
            yield conn

    def page_of(request: Request) -> int:
        value = (request.query_params.get("page") or "1").strip()
        if not value.isdecimal() or not 1 <= int(value) <= MAX_PAGE:
            raise HTTPException(400, f"رقم الصفحة (page) يجب أن يكون عدداً صحيحاً من 1 إلى {MAX_PAGE:,}، لا {isolate(value)}")
        return int(value)

    def check_page(page: int, pages: int) -> None:
        if page > max(1, pages):
            raise HTTPException(404, f"لا صفحة {page} هنا: النتائج في {max(1, pages)} صفحة")

    def filters_of(request: Request, *, skip: tuple[str, ...] = ()) -> Filters:
        params = {k: v for k, v in request.query_params.items() if k not in skip}
        return Q.check_filters(Filters.from_params(params))

    def min_sources_of(request: Request, default: int = 1) -> int:
        value = request.query_params.get("min_sources") or str(default)
        if not value.isdecimal() or not 1 <= int(value) <= MAX_PAGE:
            raise HTTPException(400, f"المعامل min_sources يجب أن يكون عدداً صحيحاً من 1 إلى {MAX_PAGE:,}، لا {isolate(value)}")
        return int(value)

    @app.api_route("/static/plotly.min.js", methods=["GET", "HEAD"], include_in_schema=False)
    def plotly_js() -> FileResponse:
        return FileResponse(plotly_js_path(), media_type="text/javascript",
                            headers={"Cache-Control": "public, max-age=86400"})

    @app.api_route("/favicon.ico", methods=["GET", "HEAD"], include_in_schema=False)
    def favicon() -> FileResponse:
        return FileResponse(HERE / "static" / "favicon.svg", media_type="image/svg+xml")

    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @page("/")
    def search_page(request: Request) -> Response:
        f = filters_of(request)
        page = page_of(request)
        with db_conn() as conn:
            error = None
            result = None
            status = 200
            try:
                result = Q.search_articles(conn, f, limit=20, offset=(page - 1) * 20)
            except SearchError as exc:
                error = exc.arabic
                status = error_status(exc)
            if result is not None:
                check_page(page, -(-result.total // 20))
            return render("search.html", request, status=status, f=f, result=result, error=error,
                          page=page, stats=Q.stats(conn) if not f.q else None)

    @page("/article/{article_id}")
    def article_page(request: Request, article_id: str) -> Response:
        with db_conn() as conn:
            doc = load_document(conn, article_id)
            if doc is None:
                raise HTTPException(404, f"لا مقال {isolate(article_id)} في قاعدة البيانات هذه")
            actor_ids = {r["id"]: r["actor_id"] for r in conn.execute(
                "SELECT id, actor_id FROM entities WHERE article_id = ?", (article_id,))}
            layers = document_layers(doc, actor_ids)
            names = {e.id: e.name for e in doc.entities}
            mentions = {e.id: len(e.mentions) for e in doc.entities}
            body_html = annotate(doc.article.body, layers)
            return render("article.html", request, doc=doc, body_html=body_html, actor_ids=actor_ids,
                          names=names, mentions=mentions, story=Q.article_story(conn, article_id),
                          same_story=story_articles(conn, article_id), crosses=cross_events_of_article(conn, article_id))

    @page("/stories")
    def stories_page(request: Request) -> Response:
        f = filters_of(request)
        min_sources = min_sources_of(request, default=2)
        page = page_of(request)
        with db_conn() as conn:
            try:
                rows = Q.stories(conn, f, min_articles=min_sources, limit=PAGE, offset=(page - 1) * PAGE)
                total = Q.count_stories(conn, f, min_articles=min_sources)
            except SearchError as exc:
                return render("stories.html", request, status=error_status(exc), rows=[], total=0, page=1, pages=0,
                              min_sources=min_sources, error=exc.arabic)
            check_page(page, -(-total // PAGE))
            return render("stories.html", request, rows=rows, total=total, page=page, pages=-(-total // PAGE),
                          min_sources=min_sources, error=None)

    @page("/story/{story_id}")
    def story_page(request: Request, story_id: str) -> Response:
        with db_conn() as conn:
            s = Q.story(conn, story_id)
            if s is None:
                raise HTTPException(404, f"لا قصة {isolate(story_id)} في قاعدة البيانات هذه")
            return render("story.html", request, s=s, crosses=Q.story_cross_events(conn, story_id))

    @page("/cross/{cross_id}")
    def cross_event_page(request: Request, cross_id: str) -> Response:
        with db_conn() as conn:
            x = Q.cross_event(conn, cross_id)
            if x is None:
                raise HTTPException(404, f"لا حدث مشترك بين المقالات {isolate(cross_id)} في قاعدة البيانات هذه")
            return render("cross.html", request, x=x)

    @page("/actors")
    def actors_page(request: Request) -> Response:
        f = filters_of(request, skip=("type",))  # here type is the actor's
        name = request.query_params.get("name") or None
        type_ = (request.query_params.get("type") or "").upper() or None
        if type_ is not None and type_ not in ACTOR_TYPES:
            raise HTTPException(400, f"نوع الفاعل (type) يجب أن يكون {' أو '.join(ACTOR_TYPES)}، لا {isolate(type_)}")
        page = page_of(request)
        with db_conn() as conn:
            rows = Q.actors(conn, f, name=name, type_=type_, limit=PAGE, offset=(page - 1) * PAGE)
            total = Q.count_actors(conn, f, name=name, type_=type_)
            check_page(page, -(-total // PAGE))
            return render("actors.html", request, rows=rows, total=total, page=page, pages=-(-total // PAGE))

    @page("/actor/{actor_key}")
    def actor_page(request: Request, actor_key: str) -> Response:
        actor_id = int(actor_key) if actor_key.isdecimal() and int(actor_key) <= Q.MAX_ID else -1
        with db_conn() as conn:
            a = Q.actor(conn, actor_id) if actor_id >= 0 else None
            if a is None:
                raise HTTPException(404, f"لا فاعل {isolate(actor_key)} في قاعدة البيانات هذه")
            f = Filters(actor=str(actor_id))
            as_actor = Q.events(conn, Filters(actor=str(actor_id), role="actor"), limit=PAGE)
            as_recipient = Q.events(conn, Filters(actor=str(actor_id), role="recipient"), limit=PAGE)
            said = Q.quotes(conn, speaker=str(actor_id), limit=PAGE)
            here = Q.events(conn, Filters(place=str(actor_id)), limit=PAGE)
            bucket, series, _ = Q.timeline(conn, f)
            chart = {"kind": "timeline", "bucket": bucket, "series": series}
            near = Q.neighbours(conn, actor_id)
            return render("actor.html", request, a=a, as_actor=as_actor, as_recipient=as_recipient, said=said,
                          chart=chart, near=near, here=here, n_here=Q.count_events(conn, Filters(place=str(actor_id))))

    @page("/events")
    def events_page(request: Request) -> Response:
        f = filters_of(request)
        page = page_of(request)
        with db_conn() as conn:
            try:
                rows = Q.events(conn, f, limit=PAGE, offset=(page - 1) * PAGE)
                total = Q.count_events(conn, f)
                facets = Q.event_facets(conn, f)
            except SearchError as exc:
                return render("events.html", request, status=error_status(exc), f=f, error=exc.arabic, rows=[], total=0,
                              facets={}, page=1, pages=0, actor_label=None)
            check_page(page, -(-total // PAGE))
            actor_label = None
            if f.actor and f.actor.isdecimal():
                a = conn.execute("SELECT name FROM actors WHERE id = ?", (int(f.actor),)).fetchone()
                actor_label = a["name"] if a else None
            return render("events.html", request, f=f, rows=rows, total=total, facets=facets, page=page,
                          pages=-(-total // PAGE), error=None, actor_label=actor_label)

    @page("/quotes")
    def quotes_page(request: Request) -> Response:
        f = filters_of(request)
        speaker = request.query_params.get("speaker") or None
        page = page_of(request)
        with db_conn() as conn:
            try:
                rows = Q.quotes(conn, f, speaker=speaker, limit=PAGE, offset=(page - 1) * PAGE)
                total = Q.count_quotes(conn, f, speaker=speaker)
            except SearchError as exc:
                return render("quotes.html", request, status=error_status(exc), rows=[], total=0, page=1, pages=0, error=exc.arabic)
            check_page(page, -(-total // PAGE))
            return render("quotes.html", request, rows=rows, total=total, page=page, pages=-(-total // PAGE), error=None)

    @page("/timeline")
    def timeline_page(request: Request) -> Response:
        f = filters_of(request)
        bucket = request.query_params.get("bucket") or "auto"
        if bucket not in ("auto", "day", "week", "month", "year"):
            raise HTTPException(400, f"المعامل bucket يجب أن يكون auto أو day أو week أو month أو year، لا {isolate(bucket)}")
        with db_conn() as conn:
            try:
                used, series, coarser = Q.timeline(conn, f, bucket)
            except SearchError as exc:
                return render("timeline.html", request, status=error_status(exc), f=f, chart=None, error=exc.arabic, total=0,
                              bucket=bucket, coarser=0)
            total = sum(r["count"] for r in series)
            chart = {"kind": "timeline", "bucket": used, "series": series}
            return render("timeline.html", request, f=f, chart=chart, error=None, total=total, bucket=used,
                          coarser=coarser)

    @page("/network")
    def network_page(request: Request) -> Response:
        f = filters_of(request)
        with db_conn() as conn:
            try:
                nodes, edges = Q.network(conn, f)
            except SearchError as exc:
                return render("network.html", request, status=error_status(exc), f=f, chart=None, edges=[], n_edges=0, nodes={},
                              error=exc.arabic)
            chart = network_chart(nodes, edges)
            return render("network.html", request, f=f, chart=chart, edges=edges[:100], n_edges=len(edges),
                          nodes=nodes, error=None, graph=(nodes, edges))

    @page("/map")
    def map_page(request: Request) -> Response:
        f = filters_of(request)
        with db_conn() as conn:
            try:
                points = Q.map_points(conn, f)
                total = Q.count_events(conn, f)
            except SearchError as exc:
                return render("map.html", request, status=error_status(exc), f=f, chart=None, points=[], total=0, error=exc.arabic)
            chart = {
                "kind": "map",
                "points": [
                    {"lat": p["lat"], "lon": p["lon"], "count": p["count"], "name": _chart_text(p["name"]),
                     "types": ", ".join(f"{t} {n}" for t, n in p["types"].items()), "id": p["actor_id"]}
                    for p in points
                ],
            }
            return render("map.html", request, f=f, chart=chart, points=points, total=total, error=None)

    @app.api_route("/export/{table}.{fmt}", methods=["GET", "HEAD"])
    def export_view(request: Request, table: str, fmt: str) -> Response:
        if fmt not in TABLE_FORMATS + GRAPH_FORMATS:
            raise HTTPException(404, f"لا صيغة تصدير {isolate(fmt)}: اختر csv أو jsonl أو parquet أو gexf أو graphml")
        f = filters_of(request)
        with db_conn() as conn:
            buf = io.BytesIO()
            try:
                export(conn, table, fmt, buf, f, min_sources=min_sources_of(request))
            except SearchError as exc:
                raise HTTPException(error_status(exc), exc.arabic) from None
            except ExportError as exc:
                raise HTTPException(400, exc.arabic) from None
        return Response(buf.getvalue(), media_type=MEDIA[fmt],
                        headers={"Content-Disposition": f'attachment; filename="rasd-{table}.{fmt}"'})

    @app.exception_handler(SearchError)
    def search_error(request: Request, exc: SearchError) -> Response:
        return render("error.html", request, status=error_status(exc), message=exc.arabic)

    @app.exception_handler(RequestValidationError)
    def bad_request(request: Request, exc: RequestValidationError) -> Response:
        return render("error.html", request, status=400, message="طلب غير صالح: تحقق من عنوان الصفحة ومعاييرها")

    @app.exception_handler(StarletteHTTPException)
    def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return render("error.html", request, status=exc.status_code, message=str(exc.detail))

    return app


def network_chart(nodes: dict[int, dict[str, Any]], edges: list[dict[str, Any]], *, max_nodes: int = 60,
                  max_labels: int = 18, max_groups: int = 9) -> dict[str, Any]:
    """Positions and labels for the network chart: the ``max_nodes`` actors with the most events,
    laid out with a seeded spring layout (the same picture on every load); the ``max_labels``
    busiest are labelled, the others named on hover."""
    import networkx as nx

    degree: dict[int, int] = {}
    for e in edges:
        degree[e["source"]] = degree.get(e["source"], 0) + e["weight"]
        degree[e["target"]] = degree.get(e["target"], 0) + e["weight"]
    keep = set(sorted(degree, key=lambda n: (-degree[n], n))[:max_nodes])
    g = nx.Graph()
    g.add_nodes_from(sorted(keep))
    for e in edges:
        if e["source"] in keep and e["target"] in keep:
            w = g.edges[e["source"], e["target"]]["weight"] if g.has_edge(e["source"], e["target"]) else 0
            g.add_edge(e["source"], e["target"], weight=w + e["weight"])
    g.remove_nodes_from([n for n in list(g.nodes) if g.degree(n) == 0])
    pos = _component_layout(g)
    # colour by country: the commonest few get a colour each, the rest are "other"
    country_count: dict[str, int] = {}
    for n in g.nodes:
        c = nodes[n]["country"] or "none"
        country_count[c] = country_count.get(c, 0) + 1
    named = set(sorted(country_count, key=lambda c: (-country_count[c], c))[:max_groups])
    labelled = set(sorted(g.nodes, key=lambda n: (-degree[n], n))[:max_labels])
    return {
        "kind": "network",
        "nodes": [
            {"id": n, "x": float(pos[n][0]), "y": float(pos[n][1]), "size": degree[n],
             "name": _chart_text(nodes[n]["name"]), "label": n in labelled,
             "group": (nodes[n]["country"] or "none") if (nodes[n]["country"] or "none") in named else "other"}
            for n in g.nodes
        ],
        "edges": [
            {"source": s, "target": t, "weight": d["weight"]} for s, t, d in g.edges(data=True)
        ],
        "hidden": max(0, len(degree) - len(keep)),
    }


def _component_layout(g: Any) -> dict[Any, tuple[float, float]]:
    """Seeded spring layout per connected component: the largest in the middle, the others
    smaller, on a ring around it (one layout for all would push small parts far away)."""
    import math

    import networkx as nx

    parts = sorted((sorted(c) for c in nx.connected_components(g)), key=lambda c: (-len(c), c[0]))
    pos: dict[Any, tuple[float, float]] = {}
    if not parts:
        return pos
    largest = len(parts[0])
    for i, part in enumerate(parts):
        scale = 1.0 if i == 0 else max(0.08, 0.9 * math.sqrt(len(part) / largest))
        if i == 0:
            cx = cy = 0.0
        else:
            angle = 2 * math.pi * (i - 1) / max(1, len(parts) - 1)
            cx, cy = 1.45 * math.cos(angle), 1.45 * math.sin(angle)
        sub = g.subgraph(part)
        local = nx.spring_layout(sub, seed=7, weight="weight", scale=scale) if len(part) > 1 else {part[0]: (0.0, 0.0)}
        for n, (x, y) in local.items():
            pos[n] = (cx + float(x), cy + float(y))
    return pos


def iter_routes(app: FastAPI) -> Iterator[tuple[str, set[str]]]:
    """``(path, methods)`` of every route (tests check the app has no write endpoint)."""
    for r in app.routes:
        methods = getattr(r, "methods", None) or set()
        yield getattr(r, "path", ""), set(methods)
