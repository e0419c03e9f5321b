"""Story clusters and cross-article events in the web app, over hand-built documents: two
near-identical wire articles form one story and report one meeting; a third is unrelated."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from rasd.store import connect
from rasd.store.export import parquet_row, records
from rasd.web import create_app
from tests.store.docs import hostile_document
from tests.web.story_docs import MEETING, story_database, wire_documents

FIRST, SECOND, OTHER = (d.article.id for d in wire_documents())
STORY = "s-" + min(FIRST, SECOND)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return story_database(tmp_path_factory.mktemp("web-stories") / "s.db", extra=[hostile_document()])


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db)) as c:
        yield c


@pytest.fixture(scope="module")
def cross_id(db: Path) -> str:
    conn = connect(db, readonly=True)
    try:
        return str(conn.execute("SELECT id FROM cross_events WHERE n_sources = 2").fetchone()[0])
    finally:
        conn.close()


def _no_markup_from_articles(html: str) -> None:
    assert "<script>window" not in html and "<b>غداً</b>" not in html
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html


@pytest.mark.parametrize("path", ["/stories", f"/story/{STORY}", "/cross/{cross}", f"/article/{FIRST}"])
def test_new_pages_are_right_to_left_and_local(client: TestClient, cross_id: str, path: str) -> None:
    r = client.get(path.replace("{cross}", cross_id))
    assert r.status_code == 200
    assert '<html lang="ar" dir="rtl">' in r.text
    for attr in re.findall(r'(?:src|href)="([^"]*)"', r.text):
        assert attr.startswith(("/", "#", "https://example.org/")), attr
    assert 'href="/stories"' in r.text  # in the navigation


def test_article_page_lists_the_same_story(client: TestClient, cross_id: str) -> None:
    r = client.get(f"/article/{FIRST}")
    panel = re.search(r'<section class="same-story">(.*?)</section>', r.text, re.S)
    assert panel is not None
    html = panel.group(1)
    assert f'href="/article/{SECOND}"' in html and f'href="/article/{FIRST}"' not in html
    assert "الأهرام" in html and "2018-04-02" in html and f'href="/story/{STORY}"' in html
    _no_markup_from_articles(html)
    # the meeting is reported by both articles: a badge links to the cross-article event
    assert f'<a class="nsrc" href="/cross/{cross_id}" data-n-sources="2"' in r.text
    # and the other way round
    r = client.get(f"/article/{SECOND}")
    assert f'href="/article/{FIRST}"' in r.text and "صحيفة الوطن" in r.text


def test_an_article_alone_has_no_story_panel_or_badge(client: TestClient) -> None:
    r = client.get(f"/article/{OTHER}")
    assert r.status_code == 200
    assert "same-story" not in r.text and 'class="nsrc"' not in r.text


def test_events_page_shows_the_sources_badge(client: TestClient, cross_id: str) -> None:
    r = client.get("/events", params={"type": "CONSULT"})
    assert r.text.count(f'href="/cross/{cross_id}"') == 2  # on both reports' rows
    assert "مصدران" in r.text
    r = client.get("/events", params={"type": "ACCUSE"})  # the hostile article's event: one source
    assert 'class="nsrc"' not in r.text


def test_cross_event_page_lists_every_report(client: TestClient, cross_id: str) -> None:
    r = client.get(f"/cross/{cross_id}")
    assert r.status_code == 200
    assert "CONSULT/visit" in r.text and "سامح شكري" in r.text and "أيمن الصفدي" in r.text
    rows = re.findall(r'<tr class="q-[^"]*">(.*?)</tr>', r.text, re.S)
    assert len(rows) == 2
    for row, article, outlet in zip(rows, (FIRST, SECOND), ("صحيفة الوطن", "الأهرام"), strict=True):
        assert f"<q>{MEETING}</q>" in row
        assert f'href="/article/{article}#v-v1"' in row and outlet in row
    assert "شكري يلتقي الصفدي في عمّان" in rows[0]  # each report with its article's headline
    _no_markup_from_articles(r.text)  # escaped, the second one's too
    assert 'class="nsrc"' not in r.text  # no badge linking the page to itself
    assert f'href="/story/{STORY}"' in r.text


def test_stories_page_lists_the_largest_stories(client: TestClient) -> None:
    r = client.get("/stories")
    assert r.status_code == 200
    assert "1 قصة" in r.text
    assert f'href="/story/{STORY}"' in r.text and "شكري يلتقي الصفدي في عمّان" in r.text
    assert "صحيفة الوطن" in r.text and "الأهرام" in r.text and "2018-04-01" in r.text
    assert f'href="/article/{FIRST}"' in r.text and f"/story/s-{OTHER}" not in r.text
    assert 'href="/export/stories.csv?min_sources=2"' in r.text
    # every story, alone ones too, when asked; the filters live in the URL
    r = client.get("/stories", params={"min_sources": "1"})
    assert f'href="/story/s-{OTHER}"' in r.text and "3 قصة" in r.text
    r = client.get("/stories", params={"min_sources": "1", "q": "النفط"})
    assert "1 قصة" in r.text and f"/story/s-{OTHER}" in r.text and f"/story/{STORY}" not in r.text
    assert 'value="النفط"' in r.text
    assert client.get("/stories", params={"min_sources": "two"}).status_code == 400
    assert client.get("/stories", params={"q": "(رئيس"}).status_code == 400


def test_story_page(client: TestClient, cross_id: str) -> None:
    r = client.get(f"/story/{STORY}")
    assert r.status_code == 200
    assert f'href="/article/{FIRST}"' in r.text and f'href="/article/{SECOND}"' in r.text
    assert 'href="https://example.org/ahram"' in r.text
    assert f'href="/cross/{cross_id}"' in r.text
    _no_markup_from_articles(r.text)


def test_unknown_story_and_cross_event_are_404(client: TestClient) -> None:
    assert client.get("/story/s-0000").status_code == 404
    assert client.get("/cross/x0000").status_code == 404


def test_story_exports_follow_the_view(client: TestClient, db: Path) -> None:
    r = client.get("/export/stories.parquet", params={"min_sources": "2"})
    assert r.status_code == 200
    conn = connect(db, readonly=True)
    try:
        back = pq.read_table(io.BytesIO(r.content)).to_pylist()
        assert back == [parquet_row("stories", row) for row in records(conn, "stories", min_sources=2)]
    finally:
        conn.close()
    r = client.get("/export/cross_events.csv", params={"min_sources": "2"})
    assert r.status_code == 200 and len(r.text.strip().splitlines()) == 2
    assert client.get("/export/quotes.csv", params={"min_sources": "2"}).status_code == 400
    assert client.get("/export/events.csv", params={"min_sources": "0"}).status_code == 400
