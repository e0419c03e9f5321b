"""The web app in a real browser: Playwright driving Debian's chromium against ``rasd serve``.

The site holds the seed article and the dev corpus, ingested by ``rasd ingest`` with the real
pipeline, plus an article full of HTML-like text and ``<script>`` tags, and a copy of the seed
republished by another outlet with its last paragraph changed (so the seed has a story of two
articles and events reported by both). Each page is opened,
checked for its records, right-to-left layout and local-only requests, and saved as a screenshot
under ``tests/e2e/screenshots/`` (not committed) for a person to look at.
"""

from __future__ import annotations

import json
import shutil
import socket
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.e2e.test_ingest import NEWS_DEV, dev_database, in_process
from tests.e2e.test_ingest import _invoke as invoke
from tests.store.docs import HOSTILE_TEXT

from rasd.store import connect

pytestmark = pytest.mark.e2e

CHROMIUM = shutil.which("chromium")
if CHROMIUM is None:
    pytest.skip("chromium is not installed (make test installs Debian's chromium); browser tests skipped",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed (dev extras)")

ROOT = Path(__file__).resolve().parents[2]
SHOTS = Path(__file__).resolve().parent / "screenshots"
SEED_ID = "af50b85383313386"
VARIANT_OUTLET = "وكالة الاختبار"
VARIANT_HEADLINE = "المقداد في طهران: مباحثات سورية إيرانية قبيل «أستانا 7»"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The web app (as ``rasd serve`` runs it) on a free port, in a thread, over the seed, the
    dev corpus and a hostile article, all ingested by ``rasd ingest``."""
    import threading

    import uvicorn

    from rasd.web import create_app

    folder = tmp_path_factory.mktemp("browser")
    db = folder / "site.db"
    if NEWS_DEV.is_dir():
        shutil.copy(dev_database(tmp_path_factory), db)
    else:
        print(f"dev corpus not found at {NEWS_DEV}: the site holds the seed article only")
    hostile = folder / "hostile.txt"
    hostile.write_text(HOSTILE_TEXT, encoding="utf-8")
    code, out = invoke("ingest", str(ROOT / "examples"), str(hostile), "--db", str(db), *in_process())
    assert code == 0, out
    variant = folder / "variant.txt"
    variant.write_text(_republished_seed(), encoding="utf-8")
    code, out = invoke("ingest", str(variant), "--db", str(db), "--outlet", VARIANT_OUTLET, *in_process())
    assert code == 0, out
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the web app did not start"
        time.sleep(0.05)
    with urllib.request.urlopen(base + "/", timeout=10) as resp:
        assert resp.status == 200
    yield base, db
    server.should_exit = True
    thread.join(timeout=10)


def _republished_seed() -> str:
    """The seed article as another outlet would republish it: another headline, the last
    paragraph rewritten, no masthead."""
    lines = (ROOT / "examples" / "000_17848a7770633ebb.txt").read_text("utf-8").splitlines()
    body = [ln for ln in lines[4:] if ln.strip() and ln.strip() not in ("زر الذهاب إلى الأعلى", "صحيفة الوطن")]
    body[-1] = "وقالت مصادر مطلعة إن الجولة المقبلة من المحادثات ستعقد في العاصمة الكازاخية خلال أيام."
    return "\n\n".join([lines[0], VARIANT_HEADLINE, "| وكالات", *body]) + "\n"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One chromium and one context (its cache keeps plotly.js parsed once) for the module."""
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = b.new_context(viewport={"width": 1400, "height": 1000}, locale="ar")
        yield context
        context.close()
        b.close()


class Visit:
    """A browser page that records every request and script error."""

    def __init__(self, browser: Any, base: str) -> None:
        self.base = base
        self.page = browser.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda req: self.requests.append(req.url))
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))

    def open(self, path: str) -> Any:
        self.page.goto(self.base + path, wait_until="load")
        assert self.page.get_attribute("html", "dir") == "rtl"
        return self.page

    def shot(self, name: str, *, full_page: bool = False) -> None:
        SHOTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full_page)

    def check_local(self) -> None:
        foreign = [u for u in self.requests if not u.startswith((self.base, "data:", "blob:", "about:"))]
        assert foreign == [], f"requests left the machine: {foreign}"
        assert self.errors == [], f"script errors: {self.errors}"

    def close(self) -> None:
        self.check_local()
        self.page.close()


@pytest.fixture
def visit(browser: Any, site: tuple[str, Path]) -> Iterator[Visit]:
    v = Visit(browser, site[0])
    yield v
    v.close()


def _one(db: Path, sql: str, *args: Any) -> Any:
    conn = connect(db, readonly=True)
    try:
        row = conn.execute(sql, args).fetchone()
        return row[0] if row else None
    finally:
        conn.close()


def test_article_page(visit: Visit, site: tuple[str, Path]) -> None:
    _, db = site
    page = visit.open(f"/article/{SEED_ID}")
    assert "مباحثات سورية إيرانية" in page.inner_text("h1")
    body = page.locator(".body")
    assert body.get_attribute("dir") == "rtl"
    assert "وأجرى المقداد، أمس، مباحثات في طهران" in body.inner_text()
    # every stored record of the article is on the page, highlighted and listed
    n_quotes = _one(db, "SELECT count(*) FROM quotes WHERE article_id = ?", SEED_ID)
    n_events = _one(db, "SELECT count(*) FROM events WHERE article_id = ?", SEED_ID)
    n_entities = _one(db, "SELECT count(*) FROM entities WHERE article_id = ?", SEED_ID)
    assert page.locator(".body .anchor[id^='q-']").count() == n_quotes
    assert page.locator(".body .anchor[id^='v-']").count() == n_events
    assert page.locator("ul.side.entities li").count() == n_entities
    if n_entities:
        assert page.locator(".body .ent").count() > 0
        assert "المقداد" in page.locator(".body .ent").all_inner_texts()
    visit.shot("article")
    visit.shot("article-full", full_page=True)
    if n_events:
        # a record in the side panel brings its words into view, highlighted
        page.locator("ol.side.events a[data-record]").first.click()
        page.wait_for_timeout(200)
        assert page.locator(".body .focus").count() > 0
        assert "#v-" in page.url
        visit.shot("article-focus")


def test_actor_page(visit: Visit, site: tuple[str, Path]) -> None:
    _, db = site
    actor = _one(db, "SELECT actor_id FROM entities WHERE article_id = ? AND name LIKE '%المقداد%' "
                 "ORDER BY length(name) DESC", SEED_ID)
    if actor is None:
        pytest.skip("the pipeline found no المقداد entity in the seed article")
    page = visit.open(f"/actor/{actor}")
    assert "المقداد" in page.inner_text("h1")
    n_quotes = _one(db, "SELECT count(*) FROM quote_actors WHERE actor_id = ?", actor)
    assert page.locator("ul.quotes > li:not(.empty)").count() == min(n_quotes, 50)
    if _one(db, "SELECT count(*) FROM event_actors x JOIN events e ON e.article_id = x.article_id "
            "AND e.id = x.event_id WHERE x.actor_id = ? AND e.sort_date IS NOT NULL", actor):
        page.wait_for_selector(".js-plotly-plot .barlayer .point path", state="attached")
    visit.shot("actor")


def test_events_page_facets_live_in_the_url(visit: Visit, site: tuple[str, Path]) -> None:
    _, db = site
    total = _one(db, "SELECT count(*) FROM events")
    page = visit.open("/events")
    assert f"{total:,} حدث" in page.inner_text(".toolbar .count")
    if not total:
        pytest.skip("no events in the database")
    assert page.locator("table.events tbody tr").count() == min(total, 50)
    first = page.locator("aside.facets section.facet").first.locator("li a").first
    value_text = first.locator("span").inner_text()
    with page.expect_navigation():
        first.click()
    assert "type=" in page.url
    n = _one(db, "SELECT count(*) FROM events WHERE type = ?", value_text)
    assert f"{n:,} حدث" in page.inner_text(".toolbar .count")
    href = page.locator(".exports a", has_text="csv").get_attribute("href")
    assert href == f"/export/events.csv?type={value_text}"
    visit.shot("events")


def test_search_page(visit: Visit, site: tuple[str, Path]) -> None:
    page = visit.open("/")
    page.fill("form.search input[name=q]", "الرَّئِيس")
    with page.expect_navigation():
        page.locator("form.search button").click()
    assert "q=" in page.url
    hits = page.locator("ol.hits > li:not(.empty)")
    assert hits.count() > 0
    assert page.locator("ol.hits mark").count() > 0
    # diacritics and clitics do not change the results
    with_diacritics = page.inner_text("p.count")
    visit.open("/?q=رئيس")
    assert page.inner_text("p.count") == with_diacritics
    visit.shot("search")
    visit.open("/?q=" + "(رئيس")
    assert "تعذر فهم الاستعلام" in page.inner_text(".error")


def test_timeline_page(visit: Visit, site: tuple[str, Path]) -> None:
    _, db = site
    page = visit.open("/timeline")
    if _one(db, "SELECT count(*) FROM events WHERE sort_date IS NOT NULL"):
        page.wait_for_selector(".js-plotly-plot .barlayer .point path", state="attached")
        assert page.locator(".js-plotly-plot .legend .traces").count() >= 1
    visit.shot("timeline")


def test_network_page(visit: Visit, site: tuple[str, Path]) -> None:
    _, db = site
    # the seed alone links actors by events, so the site always has a network to draw
    assert _one(db, "SELECT count(DISTINCT actor_id) FROM event_actors WHERE actor_id IS NOT NULL") >= 2
    page = visit.open("/network")
    assert page.locator("#chart").count() == 1
    page.wait_for_selector(".js-plotly-plot .scatterlayer path.point")
    assert page.locator(".js-plotly-plot .scatterlayer path.point").count() >= 2
    assert page.locator("table.edges tbody tr").count() >= 1
    visit.shot("network")


def test_map_page(visit: Visit, site: tuple[str, Path]) -> None:
    _, db = site
    page = visit.open("/map")
    located = _one(db, "SELECT count(*) FROM events e JOIN actors p ON p.id = e.place_actor WHERE p.lat IS NOT NULL")
    if located:
        page.wait_for_selector(".js-plotly-plot .scattergeo path.point")
        # the world outlines come from this server, not a tile or CDN host
        outline = page.locator(".js-plotly-plot .layer.countries path").first.get_attribute("d")
        assert outline and len(outline) > 100
        assert any(u.endswith("/static/world_110m.json") for u in visit.requests)
    visit.shot("map")


def test_hostile_article_is_shown_as_text(visit: Visit, site: tuple[str, Path]) -> None:
    _, db = site
    article = _one(db, "SELECT id FROM articles WHERE body LIKE '%window.__pwned%'")
    assert article is not None
    page = visit.open(f"/article/{article}")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert "<script>window.__pwned=1</script>" in page.inner_text(".body")
    assert "<script>window.__pwned=1</script>" in page.inner_text("h1")
    assert 'onerror="window.__pwned=1"' in page.inner_text(".body")
    assert "a < b && c > d" in page.inner_text(".body")
    assert page.locator(".body script, .body img, .body i, h1 script").count() == 0
    visit.shot("hostile-article")
    # the hostile entity's name and quote appear in the lists too
    for path in ("/events", "/actors", "/quotes", "/?q=المعادلة"):
        visit.open(path)
        assert page.evaluate("typeof window.__pwned") == "undefined", path


def test_stories_and_cross_events(visit: Visit, site: tuple[str, Path]) -> None:
    _, db = site
    story = _one(db, "SELECT story_id FROM stories WHERE article_id = ?", SEED_ID)
    assert story is not None and _one(db, "SELECT size FROM stories WHERE article_id = ?", SEED_ID) == 2
    page = visit.open("/stories")
    rows = page.locator("table.stories tbody tr")
    assert rows.count() == min(50, _one(db, "SELECT count(DISTINCT story_id) FROM stories WHERE size >= 2"))
    assert page.locator(f"table.stories a[href='/story/{story}']").count() == 2
    assert VARIANT_OUTLET in page.inner_text("table.stories")
    visit.shot("stories")
    # the seed article lists its republished copy, and its events carry the n_sources badge
    page = visit.open(f"/article/{SEED_ID}")
    panel = page.locator("section.same-story")
    assert panel.is_visible()
    assert VARIANT_HEADLINE in panel.inner_text() and VARIANT_OUTLET in panel.inner_text()
    badges = page.locator("ol.side.events a.nsrc")
    assert badges.count() == _one(
        db, "SELECT count(*) FROM cross_event_members m JOIN cross_events x ON x.id = m.cross_id "
        "WHERE m.article_id = ? AND x.n_sources > 1", SEED_ID)
    assert badges.count() > 0
    visit.shot("article-same-story")
    with page.expect_navigation():
        badges.first.click()
    assert "/cross/" in page.url
    reports = page.locator("table.events tbody tr")
    assert reports.count() >= 2
    assert VARIANT_OUTLET in page.inner_text("table.events") and page.locator("td.evidence q").count() >= 2
    visit.shot("cross-event")


def test_json_twin_and_an_arabic_error(visit: Visit, site: tuple[str, Path]) -> None:
    _, db = site
    page = visit.open("/events?page=1")
    link = page.locator("footer a.json-twin")
    assert link.get_attribute("href") == "/events.json?page=1"
    with page.expect_navigation():
        link.click()
    data = json.loads(page.inner_text("body"))  # chromium shows a JSON document as its text
    total = _one(db, "SELECT count(*) FROM events")
    assert data["total"] == total and data["page"] == 1 and len(data["events"]) == min(total, 50)
    page = visit.open("/?q=" + "ال*")
    message = page.inner_text(".error")
    assert message.startswith("البادئة") and "قصيرة جداً" in message
    visit.shot("arabic-error")
