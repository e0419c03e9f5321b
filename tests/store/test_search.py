"""Arabic full-text search: diacritics, hamza forms, teh marbuta / alef maqsura, clitics, syntax."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from rasd.model import Document
from rasd.pipeline import text_stage
from rasd.read.text import parse_text
from rasd.store import Filters, SearchError, connect, parse_query, store_documents
from rasd.store.queries import search_articles
from rasd.store.search import highlight, snippet

ARTICLES = {
    "a": "سياسة\n\nاجتماع في العاصمة\n\nوالرئيسُ الإيرانى التقى بالوفد للمفاوضات حول الاتفاق، "
    "وقال إن المُباحَثات كانت مثمرة في مدرسة المدينة قرب المستشفى.\n",
    "b": "اقتصاد\n\nأسعار النفط\n\nارتفعت أسعار النفط في الأسواق العالمية اليوم بعد قرار أوبك خفض الإنتاج.\n",
    "c": "رياضة\n\nمباراة\n\nفاز الفريق بالمباراة النهائية وسيلتقي رئيس النادي باللاعبين غداً في الملعب.\n",
}


def _doc(text: str, name: str) -> Document:
    return text_stage(Document(article=parse_text(text, name)))


@pytest.fixture(scope="module")
def conn(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sqlite3.Connection]:
    path = tmp_path_factory.mktemp("search") / "s.db"
    store_documents(path, [_doc(t, k) for k, t in ARTICLES.items()])
    c = connect(path, readonly=True)
    yield c
    c.close()


def found(conn: sqlite3.Connection, q: str) -> set[str]:
    """Names (source files) of the articles a query finds."""
    hits = search_articles(conn, Filters(q=q), limit=50).hits
    rows = conn.execute("SELECT id, source FROM articles").fetchall()
    source = {r["id"]: r["source"] for r in rows}
    return {source[h["id"]] for h in hits}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("رئيس", {"a", "c"}),  # والرئيسُ (conj + det + diacritic) and رئيس
        ("الرئيس", {"a", "c"}),
        ("والرئيس", {"a", "c"}),
        ("مفاوضات", {"a"}),  # للمفاوضات (prep + det)
        ("اتفاق", {"a"}),  # الاتفاق
        ("وفد", {"a"}),  # بالوفد
        ("يلتقي", {"c"}),  # وسيلتقي (conj + future)
        ("مباحثات", {"a"}),  # المُباحَثات: diacritics in the text
        ("مُبَاحَثَات", {"a"}),  # diacritics in the query
        ("ايراني", {"a"}),  # الإيرانى: hamza under alef and alef maqsura in the text
        ("إيراني", {"a"}),
        ("أيراني", {"a"}),
        ("آيراني", {"a"}),
        ("مدرسه", {"a"}),  # teh marbuta written as heh
        ("مدرسة", {"a"}),
        ("مستشفي", {"a"}),  # alef maqsura written as yeh
        ("مستشفى", {"a"}),
        ("اوبك", {"b"}),  # أوبك
        ("النفط", {"b"}),
        ("نفط", {"b"}),
        ("مباراة", {"c"}),  # بالمباراة
    ],
)
def test_spelling_and_clitics_do_not_matter(conn: sqlite3.Connection, query: str, expected: set[str]) -> None:
    assert found(conn, query) == expected


def test_all_words_are_required(conn: sqlite3.Connection) -> None:
    assert found(conn, "رئيس نادي") == {"c"}
    assert found(conn, "رئيس نفط") == set()


def test_or_not_phrase_and_prefix(conn: sqlite3.Connection) -> None:
    assert found(conn, "نفط OR مباراة") == {"b", "c"}
    assert found(conn, "رئيس NOT مفاوضات") == {"c"}
    assert found(conn, '"أسعار النفط"') == {"b"}
    assert found(conn, '"النفط أسعار"') == set()
    assert found(conn, '"سعار النفط"') == set()
    assert found(conn, "مفاوض*") == {"a"}
    assert found(conn, "(نفط OR مباراة) NOT رئيس") == {"b"}


@pytest.mark.parametrize("query", ["(رئيس", "رئيس)", "AND رئيس", "رئيس OR", "NOT رئيس"])
def test_bad_syntax_gives_a_friendly_error(conn: sqlite3.Connection, query: str) -> None:
    with pytest.raises(SearchError, match="could not understand the query"):
        search_articles(conn, Filters(q=query))


@pytest.mark.parametrize("query", ["", "   ", "،؟!", "AND", "()"])
def test_a_query_with_no_word_is_refused(query: str) -> None:
    with pytest.raises(SearchError, match="no word"):
        parse_query(query)


def test_unterminated_phrase_is_refused() -> None:
    with pytest.raises(SearchError, match="closing quote"):
        parse_query('"رئيس النادي')


def test_query_punctuation_cannot_inject_fts_syntax(conn: sqlite3.Connection) -> None:
    # quotes, colons, carets and column names are searched as text, never run as FTS5 syntax
    assert found(conn, "norms:رئيس") == set()
    assert found(conn, "رئيس:") == {"a", "c"}
    for q in ['رئيس"x', "stems : x", "^رئيس", "{norms}: رئيس", "رئيس + نادي", "NEAR(رئيس نادي)"]:
        with contextlib.suppress(SearchError):  # a friendly error is fine; an sqlite3 error is not
            search_articles(conn, Filters(q=q))


def test_highlight_marks_matching_words_and_escapes_the_rest() -> None:
    q = parse_query("رئيس")
    html = str(highlight("قال <b>والرئيسُ</b> & الرئيس", q))
    assert html == "قال &lt;b&gt;<mark>والرئيسُ</mark>&lt;/b&gt; &amp; <mark>الرئيس</mark>"


def test_snippet_is_around_the_match(conn: sqlite3.Connection) -> None:
    body = " ".join(["كلمة"] * 100) + " والرئيس " + " ".join(["نهاية"] * 100)
    s = str(snippet(body, parse_query("رئيس"), width=5))
    assert "<mark>والرئيس</mark>" in s and s.startswith("… ") and s.endswith(" …")
    assert s.count("كلمة") == 5


def test_results_carry_highlighted_snippets(conn: sqlite3.Connection) -> None:
    r = search_articles(conn, Filters(q="مفاوضات"))
    assert r.total == 1
    assert "<mark>للمفاوضات</mark>" in str(r.hits[0]["snippet"])


def test_search_filters_by_date(tmp_path: Path) -> None:
    docs = []
    for i, (k, t) in enumerate(ARTICLES.items()):
        d = _doc(t, k)
        d.article.date = f"2018-0{i + 1}-15"
        docs.append(d)
    store_documents(tmp_path / "d.db", docs)
    c = connect(tmp_path / "d.db", readonly=True)
    r = search_articles(c, Filters(q="رئيس", since="2018-02"))
    assert [h["date"] for h in r.hits] == ["2018-03-15"]
    r = search_articles(c, Filters(q="رئيس", until="2018-02"))
    assert [h["date"] for h in r.hits] == ["2018-01-15"]
    assert search_articles(c, Filters()).total == 3
