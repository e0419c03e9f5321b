"""Arabic full-text search: diacritics, hamza forms, teh marbuta / alef maqsura, clitics, syntax."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from rasd.model import Document
from rasd.pipeline import text_stage
from rasd.read.text import parse_text
from rasd.store import (
    Filters,
    QueryCancelled,
    QueryTimeout,
    SearchError,
    SearchLimits,
    connect,
    parse_query,
    store_documents,
    time_limit,
)
from rasd.store.queries import search_articles
from rasd.store.search import highlight, run_search_sql, snippet

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


def test_minus_word_excludes(conn: sqlite3.Connection) -> None:
    assert found(conn, "رئيس -مفاوضات") == {"c"}


def test_minus_phrase_excludes(conn: sqlite3.Connection) -> None:
    assert found(conn, 'رئيس -"رئيس النادي"') == {"a"}


def test_exclusions_apply_to_the_whole_query(conn: sqlite3.Connection) -> None:
    assert found(conn, "نفط OR رئيس -مباراة") == {"a", "b"}


def test_a_query_of_exclusions_only_is_refused() -> None:
    with pytest.raises(SearchError, match="only excludes"):
        parse_query("-ظريف")


def test_near_finds_words_close_together(conn: sqlite3.Connection) -> None:
    # والرئيسُ الإيرانى التقى بالوفد للمفاوضات: four words apart
    assert found(conn, "رئيس NEAR مفاوضات") == {"a"}


def test_near_with_a_distance(conn: sqlite3.Connection) -> None:
    assert found(conn, "رئيس NEAR/2 مفاوضات") == set()
    assert found(conn, "رئيس NEAR/4 مفاوضات") == {"a"}


@pytest.mark.parametrize("query", ["NEAR ظريف", "ظريف NEAR", "(رئيس OR وزير) NEAR ظريف"])
def test_near_without_a_term_on_each_side_is_refused(query: str) -> None:
    with pytest.raises(SearchError, match="NEAR joins two words"):
        parse_query(query)


def test_a_long_query_is_refused_before_it_runs() -> None:
    with pytest.raises(SearchError, match="at most 500 are allowed"):
        parse_query("رئيس " * 120)


def test_too_many_words_are_refused() -> None:
    with pytest.raises(SearchError, match="at most 24 are allowed"):
        parse_query(" ".join(f"كلمة{i}" for i in range(30)))


def test_too_many_prefixes_are_refused() -> None:
    with pytest.raises(SearchError, match="prefixes; at most 4"):
        parse_query("مفا* رئي* وزي* خار* سور*")


@pytest.mark.parametrize("query", ["ا*", "ال*", "وال*", "لل*"])
def test_a_prefix_of_almost_nothing_is_refused(query: str) -> None:
    with pytest.raises(SearchError, match="too short a prefix"):
        parse_query(query)


def test_the_runaway_query_of_issue_14_is_refused() -> None:
    with pytest.raises(SearchError):
        parse_query(" ".join(["ا*"] * 100))


def test_limits_are_settable() -> None:
    assert parse_query("ا*", SearchLimits(min_prefix_letters=1)).prefixes == ["ا"]


def test_refusals_carry_an_arabic_message() -> None:
    with pytest.raises(SearchError) as info:
        parse_query("ال*")
    assert "البادئة" in info.value.arabic


# a statement that would count for minutes
_SLOW = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000000) SELECT count(*) FROM n"


def test_a_statement_past_its_time_limit_is_stopped() -> None:
    c = sqlite3.connect(":memory:")
    with pytest.raises(QueryTimeout, match=r"took longer than 0\.05 s"), time_limit(c, 0.05):
        c.execute(_SLOW).fetchall()


def test_a_cancelled_statement_says_the_server_is_stopping() -> None:
    c = sqlite3.connect(":memory:")
    stop = threading.Event()
    stop.set()
    with pytest.raises(QueryCancelled, match="shutting down"), time_limit(c, None, stop):
        c.execute(_SLOW).fetchall()


def test_the_time_limit_ends_with_its_block() -> None:
    c = sqlite3.connect(":memory:")
    with time_limit(c, 30):
        pass
    assert c.execute("SELECT 1").fetchone() == (1,)


def test_a_search_past_its_time_limit_is_a_search_error(tmp_path: Path) -> None:
    store_documents(tmp_path / "t.db", [_doc(t, k) for k, t in ARTICLES.items()])
    c = connect(tmp_path / "t.db", readonly=True, limits=SearchLimits(seconds=0.05))
    slow_match = (
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000000) "
        "SELECT count(*) FROM search, n WHERE search MATCH ?"
    )
    with pytest.raises(SearchError, match="took longer"):
        run_search_sql(c, slow_match, ['"رئيس"'], "رئيس")


def test_a_name_behind_ba_is_found(tmp_path: Path) -> None:
    text = "سياسة\n\nلقاء في دمشق\n\nواجتمع الرئيس السوري بلافروف في دمشق أمس لبحث التسوية.\n"
    store_documents(tmp_path / "n.db", [_doc(text, "n")])
    c = connect(tmp_path / "n.db", readonly=True)
    r = search_articles(c, Filters(q="لافروف"))
    assert r.total == 1 and "<mark>بلافروف</mark>" in str(r.hits[0]["snippet"])
