"""Queries over the hand-built store: events and their facets, quotes, actors, timeline, network, map."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from rasd.store import Filters, connect, store_documents
from rasd.store.export import records
from rasd.store.queries import (
    actor,
    actors,
    count_events,
    count_quotes,
    event_facets,
    events,
    map_points,
    neighbours,
    network,
    quotes,
    resolve_actors,
    stats,
    timeline,
)
from tests.store.docs import second_document


def actor_id(conn: sqlite3.Connection, key: str) -> int:
    return int(conn.execute("SELECT id FROM actors WHERE key = ?", (key,)).fetchone()[0])


MEKDAD = "kb:syr.gov.mekdad_faisal"


def test_every_event_with_its_participants_and_evidence(conn: sqlite3.Connection) -> None:
    rows = events(conn, limit=100)
    assert len(rows) == count_events(conn, Filters()) == 8
    # newest first: the second article's events (2017-11-20) lead
    assert rows[0]["sort_date"] == "2017-11-20"
    v1 = next(r for r in rows if r["event_id"].endswith("-v1") and r["sort_date"] == "2017-10-24")
    assert [a["name"] for a in v1["actors"]] == ["فيصل المقداد"]
    assert [a["name"] for a in v1["recipients"]] == ["علي لاريجاني"]
    assert v1["recipients"][0]["country"] == "IRN" and v1["recipients"][0]["sector"] == "LEG"
    assert v1["place_name"] == "طهران" and v1["quad"] == "verbal_cooperation"
    assert v1["evidence"][0]["text"] == "وأجرى المقداد، أمس، مباحثات في طهران"
    assert v1["cue"] == "مباحثات"


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(type="CONSULT"), 3),
        (Filters(type="consult"), 3),
        (Filters(quad="material_conflict"), 2),
        (Filters(country="TUR"), 4),  # the Turkish army (3) and Turkey (1)
        (Filters(country="irn"), 3),
        (Filters(status="future"), 1),
        (Filters(since="2017-11"), 2),
        # the seed's events: two dated 2017-10-24, four taking the article's date 2017-10-25
        (Filters(until="2017-10"), 6),
        (Filters(type="CONSULT", country="IRN"), 3),
        (Filters(actor="المقداد"), 5),
        (Filters(actor="Mekdad"), 5),
        (Filters(actor="فيصل المقداد", role="recipient"), 1),
        (Filters(actor="فيصل المقداد", role="actor"), 4),
        (Filters(actor="no such actor"), 0),
        (Filters(q="توغل"), 6),
        (Filters(q="يستقبل"), 2),
    ],
)
def test_event_filters(conn: sqlite3.Connection, filters: Filters, expected: int) -> None:
    assert count_events(conn, filters) == expected
    assert len(events(conn, filters, limit=100)) == expected


def test_actor_filter_by_id_and_key(conn: sqlite3.Connection) -> None:
    aid = actor_id(conn, MEKDAD)
    assert resolve_actors(conn, str(aid)) == [aid]
    assert resolve_actors(conn, MEKDAD) == [aid]
    assert resolve_actors(conn, "المقداد") == [aid]
    assert count_events(conn, Filters(actor=str(aid))) == 5


def test_pages_do_not_overlap(conn: sqlite3.Connection) -> None:
    first, second = events(conn, limit=5), events(conn, limit=5, offset=5)
    assert len(first) == 5 and len(second) == 3
    assert {r["event_id"] for r in first}.isdisjoint(r["event_id"] for r in second)


def test_facets_count_each_value_with_the_other_filters(conn: sqlite3.Connection) -> None:
    f = event_facets(conn, Filters(type="CONSULT"))
    # the type facet ignores the type filter itself
    types = {v: n for v, _, n in f["type"]}
    assert types["CONSULT"] == 3 and types["MOBILIZE"] == 1
    countries = {v: n for v, _, n in f["country"]}
    assert countries == {"SYR": 3, "IRN": 3}
    actors_ = {label: n for _, label, n in f["actor"]}
    assert actors_["فيصل المقداد"] == 3
    assert {v for v, _, _ in f["quad"]} == {"verbal_cooperation"}


def test_timeline_by_day_week_and_month(conn: sqlite3.Connection) -> None:
    bucket, rows, coarser = timeline(conn, Filters(), "day")
    assert bucket == "day" and coarser == 0
    per_day = {(r["period"], r["type"]): r["count"] for r in rows}
    assert per_day[("2017-10-24", "CONSULT")] == 2
    assert per_day[("2017-11-20", "THREATEN")] == 1
    _, weeks, _ = timeline(conn, Filters(), "week")
    assert {r["period"] for r in weeks} == {"2017-10-23", "2017-11-20"}  # Mondays
    _, months, _ = timeline(conn, Filters(), "month")
    assert {r["period"] for r in months} == {"2017-10", "2017-11"}
    assert timeline(conn, Filters(), "auto")[0] == "day"
    with pytest.raises(ValueError):
        timeline(conn, Filters(), "decade")


def test_dates_known_to_a_week_month_or_year(tmp_path: Path) -> None:
    doc = second_document()
    base = doc.events[0]
    doc.events = [
        replace(base, id=f"v{i}", date=d) for i, d in enumerate(["2017-11-14", "2017-W46", "2017-11", "2017", None])
    ]
    store_documents(tmp_path / "d.db", [doc])
    c = connect(tmp_path / "d.db", readonly=True)
    sort_dates = [r[0] for r in c.execute("SELECT sort_date FROM events ORDER BY length(id), id")]
    assert sort_dates == ["2017-11-14", "2017-11-13", "2017-11-01", "2017-01-01", "2017-11-20"]
    day = timeline(c, Filters(), "day")
    assert {r["period"] for r in day[1]} == {"2017-11-14", "2017-11-20"} and day[2] == 3
    week = timeline(c, Filters(), "week")
    assert {(r["period"], r["count"]) for r in week[1]} == {("2017-11-13", 2), ("2017-11-20", 1)} and week[2] == 2
    month = timeline(c, Filters(), "month")
    assert month[1] == [{"period": "2017-11", "type": "CONSULT", "count": 4}] and month[2] == 1
    year = timeline(c, Filters(), "year")
    assert year[1] == [{"period": "2017", "type": "CONSULT", "count": 5}] and year[2] == 0
    # filters and exports use the same dates
    assert count_events(c, Filters(until="2017-11-13")) == 3
    rows = {r["event_id"].split("-")[1]: r for r in records(c, "events")}
    assert [rows[f"v{i}"]["date_precision"] for i in range(5)] == ["day", "week", "month", "year", "day"]


def test_network_edges_go_from_actor_to_recipient(conn: sqlite3.Connection) -> None:
    nodes, edges = network(conn, Filters())
    name = {i: n["name"] for i, n in nodes.items()}
    pairs = {(name[e["source"]], name[e["target"]]): e for e in edges}
    e = pairs[("فيصل المقداد", "علي لاريجاني")]
    assert e["weight"] == 1 and e["types"] == {"CONSULT": 1} and not e["reciprocal"]
    assert pairs[("علي لاريجاني", "فيصل المقداد")]["types"] == {"CONSULT": 1}
    # a joint event with no recipient links its actors
    assert pairs[("فيصل المقداد", "ولايتي")]["reciprocal"]
    assert pairs[("الجيش التركي", "سورية")]["types"] == {"MOBILIZE": 1}


def test_map_points_have_knowledge_base_coordinates(conn: sqlite3.Connection) -> None:
    pytest.importorskip("rasd.kb")
    points = {p["name"]: p for p in map_points(conn, Filters())}
    assert points["إدلب"]["count"] == 3  # MOBILIZE, REJECT, THREATEN
    assert points["إدلب"]["types"] == {"MOBILIZE": 1, "REJECT": 1, "THREATEN": 1}
    assert set(points) == {"إدلب", "طهران", "دير الزور", "دمشق"}
    assert points["طهران"]["lat"] == pytest.approx(35.69, abs=0.1)
    assert {p["name"] for p in map_points(conn, Filters(type="CONSULT"))} == {"طهران", "دمشق"}


def test_quotes_by_speaker_include_joint_statements(conn: sqlite3.Connection) -> None:
    rows = quotes(conn, speaker="المقداد")
    assert count_quotes(conn, speaker="المقداد") == len(rows) == 5  # 4 as speaker, 1 as co-speaker
    q2 = next(r for r in rows if r["co_speaker_names"])
    assert q2["speaker_name"] == "علي لاريجاني" and q2["co_speaker_names"] == "فيصل المقداد"
    assert q2["via"] == "سانا" and q2["cue"] == "أكد"
    assert rows[0]["date"] == "2017-11-20" and rows[0]["content"] == "سوريا ماضية في مكافحة الإرهاب"
    assert count_quotes(conn, Filters(country="IRN")) == 1
    assert count_quotes(conn, Filters(q="يستقبل")) == 1


def test_actors_with_counts(conn: sqlite3.Connection) -> None:
    rows = {r["key"]: r for r in actors(conn, limit=100)}
    m = rows[MEKDAD]
    assert (m["articles"], m["events_as_actor"], m["events_as_recipient"], m["quotes"]) == (2, 4, 1, 5)
    assert m["mentions"] > 10
    assert [r["name"] for r in actors(conn, name="لاريجانى")] == ["علي لاريجاني"]  # ى for ي
    assert {r["type"] for r in actors(conn, type_="loc", limit=100)} == {"LOC"}
    assert all(r["country"] == "TUR" for r in actors(conn, Filters(country="TUR")))


def test_one_actor_and_its_neighbours(conn: sqlite3.Connection) -> None:
    aid = actor_id(conn, MEKDAD)
    a = actor(conn, aid)
    assert a is not None and a["name_en"] == "Faisal Mekdad"
    assert a["roles"][0] in ("نائب وزير الخارجية والمغتربين", "وزير الخارجية")
    assert len(a["articles_list"]) == 2
    near = {n["name"]: n for n in neighbours(conn, aid)}
    assert near["علي لاريجاني"]["to"] == 1 and near["علي لاريجاني"]["from"] == 1
    assert near["تركيا"]["to"] == 1 and near["تركيا"]["types"] == {"REJECT": 1}
    assert near["ولايتي"]["joint"] == 1
    assert actor(conn, 999_999) is None


def test_stats(conn: sqlite3.Connection) -> None:
    s = stats(conn)
    assert (s["articles"], s["events"], s["quotes"]) == (2, 8, 5)
    assert (s["first_date"], s["last_date"]) == ("2017-10-25", "2017-11-20")


def test_filters_round_trip_through_url_parameters() -> None:
    f = Filters.from_params({"type": "CONSULT", "country": " SYR ", "page": "2", "since": ""})
    assert f == Filters(type="CONSULT", country="SYR")
    assert f.params() == {"type": "CONSULT", "country": "SYR"}
    assert f.without("type") == Filters(country="SYR")


def test_a_confidence_threshold_keeps_the_events_at_or_above_it(conn: sqlite3.Connection) -> None:
    every = events(conn, limit=100)
    cut = sorted(e["confidence"] for e in every)[len(every) // 2]
    kept = events(conn, Filters(min_confidence=f"{cut}"), limit=100)
    assert kept and len(kept) < len(every) and all(e["confidence"] >= cut for e in kept)


def test_a_confidence_threshold_keeps_quotes_without_a_confidence(conn: sqlite3.Connection) -> None:
    assert count_quotes(conn, Filters(min_confidence="0.99")) == count_quotes(conn, Filters())


@pytest.mark.parametrize("value", ["1.5", "high", "-0.1"])
def test_a_confidence_outside_zero_to_one_is_refused(value: str) -> None:
    from rasd.store.queries import FilterError, check_filters

    with pytest.raises(FilterError, match="min_confidence"):
        check_filters(Filters(min_confidence=value))
