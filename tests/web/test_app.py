"""The web app over a hand-built store: pages, facets in the URL, exports, escaping, read-only."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from rasd.model import Span
from rasd.store import Filters, StoreError, connect, store_documents
from rasd.store.export import parquet_row, records
from rasd.web import create_app
from rasd.web.app import iter_routes, plotly_js_path
from rasd.web.render import Layer, annotate, toggle, url
from tests.store.docs import hostile_document, second_document, seed_document

SEED = "af50b85383313386"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web") / "web.db"
    store_documents(path, [seed_document(), second_document(), hostile_document()])
    return path


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db)) as c:
        yield c


def actor_id(db: Path, key: str) -> int:
    conn = connect(db, readonly=True)
    try:
        return int(conn.execute("SELECT id FROM actors WHERE key = ?", (key,)).fetchone()[0])
    finally:
        conn.close()


def test_a_missing_database_is_refused_at_start(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="rasd ingest"):
        create_app(tmp_path / "none.db")


@pytest.mark.parametrize(
    "path", ["/", "/events", "/quotes", "/actors", "/timeline", "/network", "/map", "/stories", f"/article/{SEED}"]
)
def test_every_page_is_right_to_left_and_local(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200
    assert '<html lang="ar" dir="rtl">' in r.text
    # no asset from another host: every src/href is a local path, an anchor or the article's link
    for attr in re.findall(r'(?:src|href)="([^"]*)"', r.text):
        assert attr.startswith(("/", "#")) or attr == "https://example.org/second", attr
    assert r.headers["content-security-policy"].startswith("default-src 'self'")


def test_the_app_has_no_write_endpoint(client: TestClient) -> None:
    for path, methods in iter_routes(client.app):  # type: ignore[arg-type]
        assert methods <= {"GET", "HEAD"}, (path, methods)
    assert client.post("/events").status_code == 405
    assert client.delete(f"/article/{SEED}").status_code == 405


def test_plotly_comes_from_the_installed_package(client: TestClient) -> None:
    r = client.get("/static/plotly.min.js")
    assert r.status_code == 200
    assert r.content == plotly_js_path().read_bytes()
    assert client.get("/static/world_110m.json").json()["objects"]["coastlines"]["type"] == "MultiLineString"


def test_search_page_finds_and_highlights(client: TestClient) -> None:
    r = client.get("/", params={"q": "يستقبل"})
    assert r.status_code == 200
    assert "المقداد <mark>يستقبل</mark> لاريجاني في دمشق" in r.text  # the headline
    r = client.get("/", params={"q": "مباحثات"})
    assert "<mark>مباحثات</mark>" in r.text  # a passage of the body
    r = client.get("/", params={"q": "مباحثات", "since": "2017-11"})
    assert "لا نتائج" in r.text


def test_search_syntax_error_is_a_friendly_message(client: TestClient) -> None:
    r = client.get("/", params={"q": "(رئيس"})
    assert r.status_code == 400
    assert "تعذر فهم الاستعلام" in r.text and 'role="alert"' in r.text


def test_home_shows_archive_counts(client: TestClient) -> None:
    r = client.get("/")
    assert "أحدث المقالات" in r.text and "<b>3</b> مقال" in r.text


def test_article_page_highlights_entities_quotes_and_evidence(client: TestClient, db: Path) -> None:
    r = client.get(f"/article/{SEED}")
    assert r.status_code == 200
    mekdad = actor_id(db, "kb:syr.gov.mekdad_faisal")
    assert f'<a class="ent ent-PER r-e1" href="/actor/{mekdad}"' in r.text
    assert 'id="q-q1"' in r.text and 'id="v-v1"' in r.text
    assert '<span class="quote r-q1"' in r.text and '<span class="evid r-v1"' in r.text
    assert '<span class="cue r-q1"' in r.text
    # the side panel lists the records with links to their spans
    assert 'href="#v-v1"' in r.text and 'href="#q-q2"' in r.text
    assert "CONSULT/visit" in r.text and "عبر سانا" in r.text


def test_article_page_shows_the_rules_behind_each_record(client: TestClient) -> None:
    r = client.get(f"/article/{SEED}")
    panel = r.text[r.text.index('href="#v-v1"') : r.text.index('href="#v-v2"')]
    assert '<details class="rules">' in panel
    assert "<code>events.role.light_verb</code>" in panel and "<code>events.role.place</code>" in panel


def test_article_text_is_escaped(client: TestClient) -> None:
    doc = hostile_document()
    r = client.get(f"/article/{doc.article.id}")
    assert r.status_code == 200
    assert "<script>window" not in r.text
    assert "<img src=x" not in r.text and "<i>" not in r.text
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in r.text
    assert "a &lt; b &amp;&amp; c &gt; d" in r.text
    # the same in every list that shows the hostile actor's name or quote
    for path in ("/events", "/actors", "/quotes", "/network", "/", "/?q=المعادلة"):
        page = client.get(path).text
        assert "<script>window" not in page, path
        assert "<img src=x" not in page, path


def test_annotations_escape_every_piece() -> None:
    body = 'قال <b>"x"</b> & انتهى'
    html = str(annotate(body, [Layer(Span(4, 14), ("quote",), 't"<'), Layer(Span(0, 3), ("ent",), "", href="/actor/1")]))
    assert html == (
        '<a class="ent" href="/actor/1" title="">قال</a> '
        '<span class="quote" title="t&#34;&lt;">&lt;b&gt;&#34;x&#34;&lt;/b&gt;</span> &amp; انتهى'
    )


def test_overlapping_annotations_nest_outer_to_inner() -> None:
    html = str(annotate("abcdef", [Layer(Span(0, 4), ("quote",), order=0), Layer(Span(2, 6), ("evid",), order=1)]))
    assert html == (
        '<span class="quote" title="">ab</span>'
        '<span class="quote" title=""><span class="evid" title="">cd</span></span>'
        '<span class="evid" title="">ef</span>'
    )


def test_actor_page_aggregates_across_articles(client: TestClient, db: Path) -> None:
    mekdad = actor_id(db, "kb:syr.gov.mekdad_faisal")
    r = client.get(f"/actor/{mekdad}")
    assert r.status_code == 200
    assert "Faisal Mekdad" in r.text
    assert "سوريا ماضية في مكافحة الإرهاب" in r.text  # quote from the second article
    assert "التقدم مستمر نحو الحدود العراقية لتحرير البوكمال" in r.text  # and from the seed
    assert "علي لاريجاني" in r.text  # a network neighbour
    assert 'id="chart-data"' in r.text and "/static/plotly.min.js" in r.text
    assert client.get("/actor/999999").status_code == 404
    assert client.get("/actor/abc").status_code in (404, 422)


def test_place_actor_page_lists_events_there(client: TestClient, db: Path) -> None:
    idlib = actor_id(db, "kb:geo:169389")
    r = client.get(f"/actor/{idlib}")
    assert "أحداث في هذا المكان" in r.text and "MOBILIZE" in r.text


def test_events_facets_live_in_the_url(client: TestClient) -> None:
    r = client.get("/events", params={"type": "CONSULT"})
    assert r.status_code == 200
    assert "3 حدث" in r.text
    # the facet link for the active value removes it; another value is added to the state
    assert 'href="/events"' in r.text or 'href="/events?' in r.text
    links = re.findall(r'href="(/events\?[^"]*)"', r.text)
    states = [parse_qs(urlparse(h.replace("&amp;", "&")).query) for h in links]
    assert {"type": ["CONSULT"], "country": ["IRN"]} in states
    # the export link carries the same state
    assert 'href="/export/events.csv?type=CONSULT"' in r.text
    assert 'href="/timeline?type=CONSULT"' in r.text and 'href="/map?type=CONSULT"' in r.text


def test_events_page_filters(client: TestClient) -> None:
    r = client.get("/events", params={"country": "TUR", "since": "2017-11"})
    assert "1 حدث" in r.text and "THREATEN" in r.text and "MOBILIZE</span>" not in r.text


def test_export_link_returns_the_current_view(client: TestClient, db: Path) -> None:
    r = client.get("/export/events.parquet", params={"type": "CONSULT"})
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    rows = pq.read_table(io.BytesIO(r.content)).to_pylist()
    conn = connect(db, readonly=True)
    assert rows == [parquet_row("events", r) for r in records(conn, "events", Filters(type="CONSULT"))]
    assert client.get("/export/events.xlsx").status_code == 404
    assert client.get("/export/people.csv").status_code == 400
    r = client.get("/export/network.gexf")
    assert r.status_code == 200 and b"<gexf" in r.content


def test_quotes_page(client: TestClient) -> None:
    r = client.get("/quotes", params={"speaker": "لاريجاني"})
    assert "1 تصريح" in r.text and "عبر سانا" in r.text


def test_actors_page_filters_by_type(client: TestClient) -> None:
    r = client.get("/actors", params={"type": "LOC"})
    assert "طهران" in r.text and "فيصل المقداد" not in r.text


def test_chart_pages_embed_their_data(client: TestClient) -> None:
    for path, kind in (("/timeline", "timeline"), ("/network", "network"), ("/map", "map")):
        r = client.get(path)
        m = re.search(r'<script type="application/json" id="chart-data">(.*?)</script>', r.text, re.S)
        assert m is not None, path
        assert f'"kind": "{kind}"' in m.group(1)
    r = client.get("/timeline", params={"bucket": "month"})
    assert '"bucket": "month"' in r.text


def test_chart_labels_are_escaped_for_plotly(client: TestClient) -> None:
    r = client.get("/network")
    data = re.search(r'id="chart-data">(.*?)</script>', r.text, re.S)
    assert data is not None and "<script" not in data.group(1)


def test_unknown_pages_are_404(client: TestClient) -> None:
    assert client.get("/article/0000").status_code == 404
    assert "تعذر عرض الصفحة" in client.get("/nowhere").text


def test_url_helpers() -> None:
    assert url("/events", {"type": "CONSULT", "q": ""}, page=2) == "/events?type=CONSULT&page=2"
    assert toggle("/events", {"type": "CONSULT", "page": "3"}, "type", "CONSULT") == "/events"
    assert toggle("/events", {"type": "CONSULT"}, "country", "SYR") == "/events?type=CONSULT&country=SYR"


def test_a_runaway_search_is_refused_in_arabic(client: TestClient) -> None:
    r = client.get("/", params={"q": " ".join(["ا*"] * 100)})
    assert r.status_code == 400
    assert "البادئة \u2068ا*\u2069 قصيرة جداً" in r.text and 'role="alert"' in r.text


def test_minus_word_excludes_in_the_app(client: TestClient) -> None:
    with_both = client.get("/", params={"q": "لاريجاني"}).text
    without = client.get("/", params={"q": "لاريجاني -البوكمال"}).text
    assert with_both.count('class="headline"') == 2 and without.count('class="headline"') == 1
    # the article left is the one that does not name البوكمال (the seed does)
    assert f"/article/{SEED}" in with_both and f"/article/{SEED}" not in without


BIG = "999999999999999999999999"


@pytest.mark.parametrize("params", [{"page": BIG}, {"page": "0"}, {"page": "two"}, {"page": "²"}])
def test_a_page_number_out_of_range_is_a_400_page(client: TestClient, params: dict[str, str]) -> None:
    r = client.get("/events", params=params)
    assert r.status_code == 400
    assert "رقم الصفحة" in r.text and '<html lang="ar" dir="rtl">' in r.text


def test_a_page_past_the_last_is_a_404_page(client: TestClient) -> None:
    r = client.get("/events", params={"page": "5000"})
    assert r.status_code == 404 and "لا صفحة 5000" in r.text


@pytest.mark.parametrize("name", ["actor", "place"])
def test_a_huge_id_filter_is_a_400_page(client: TestClient, name: str) -> None:
    r = client.get("/events", params={name: BIG})
    assert r.status_code == 400 and "رقماً صحيحاً" in r.text


@pytest.mark.parametrize("key", [BIG, "abc", "²"])
def test_an_actor_page_that_cannot_exist_is_the_apps_404_page(client: TestClient, key: str) -> None:
    r = client.get(f"/actor/{key}")
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("text/html") and "لا فاعل" in r.text


@pytest.mark.parametrize("params", [{"since": "2018-13-45"}, {"until": "yesterday"}, {"type": "FOO"},
                                    {"status": "maybe"}, {"quad": "cooperation"}, {"country": "Syria"}])
def test_a_filter_that_selects_nothing_is_a_400_page(client: TestClient, params: dict[str, str]) -> None:
    r = client.get("/events", params=params)
    assert r.status_code == 400 and 'role="alert"' in r.text


def test_a_bad_bucket_is_a_400_page(client: TestClient) -> None:
    assert client.get("/timeline", params={"bucket": "hour"}).status_code == 400


@pytest.mark.parametrize("path", ["/", "/events", "/actors", f"/article/{SEED}", "/static/rasd.css"])
def test_head_is_served(client: TestClient, path: str) -> None:
    r = client.head(path)
    assert r.status_code == 200 and not r.content


@pytest.mark.parametrize(
    ("path", "key"),
    [("/search.json", "hits"), ("/events.json", "events"), ("/quotes.json", "quotes"), ("/actors.json", "actors"),
     ("/timeline.json", "series"), ("/network.json", "edges"), ("/map.json", "places"), ("/stories.json", "stories"),
     (f"/article/{SEED}.json", "document")],
)
def test_every_page_has_a_json_twin(client: TestClient, path: str, key: str) -> None:
    r = client.get(path)
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    assert key in r.json()


def test_the_twin_keeps_the_filters(client: TestClient) -> None:
    data = client.get("/events.json", params={"type": "CONSULT"}).json()
    assert data["total"] == len(data["events"]) > 0
    assert {e["event_type"] for e in data["events"]} == {"CONSULT"}
    exported = client.get("/export/events.jsonl", params={"type": "CONSULT"}).text.splitlines()
    assert data["events"] == [json.loads(line) for line in exported]


def test_the_twin_keeps_the_paging(client: TestClient) -> None:
    page = client.get("/actors.json", params={"page": "1"}).json()
    assert page["page"] == 1 and page["pages"] == 1 and len(page["actors"]) == page["total"]
    assert client.get("/actors.json", params={"page": "2"}).status_code == 404


def test_every_page_links_its_twin(client: TestClient) -> None:
    r = client.get("/events", params={"type": "CONSULT"})
    assert 'href="/events.json?type=CONSULT"' in r.text
    assert 'href="/search.json"' in client.get("/").text


def test_a_twin_error_is_json(client: TestClient) -> None:
    r = client.get("/events.json", params={"since": "2018-13-45"})
    assert r.status_code == 400 and "YYYY-MM-DD" in r.json()["error"]["message"]
    r = client.get("/actor/abc.json")
    assert r.status_code == 404 and r.json()["error"]["message"]


@pytest.mark.parametrize("path", ["/?q=(رئيس", "/?q=ال*", "/events?type=FOO", "/events?page=0", "/article/nope",
                                  "/actor/abc", "/export/people.csv", "/export/quotes.csv?min_sources=2",
                                  "/export/events.xlsx", "/timeline?bucket=hour"])
def test_error_messages_in_the_app_are_arabic(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code in (400, 404)
    (message,) = re.findall(r'<p class="error" role="alert">(.*?)</p>', r.text, re.S)
    # Arabic sentences; the values a parameter takes (CONSULT, csv) stay as they are written
    arabic_words = re.findall(r"[\u0621-\u064a]{2,}", message)
    assert len(arabic_words) >= 3 and re.match(r"\W*[\u0621-\u064a]", message), message
