"""Exports: Parquet/CSV/JSON Lines round trips equal the query results; GEXF/GraphML networks."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import networkx as nx
import pyarrow.parquet as pq
import pytest

from rasd.store import Filters, load_document
from rasd.store.export import (
    ACTOR_COLUMNS,
    EVENT_COLUMNS,
    QUOTE_COLUMNS,
    ExportError,
    export,
    export_file,
    parquet_row,
    records,
)


@pytest.mark.parametrize("table", ["events", "quotes", "actors", "articles"])
def test_parquet_read_back_equals_the_query_result(conn: sqlite3.Connection, tmp_path: Path, table: str) -> None:
    path = tmp_path / f"{table}.parquet"
    n = export_file(conn, table, "parquet", path)
    expected = list(records(conn, table))
    assert n == len(expected) > 0
    back = pq.read_table(path)
    assert back.column_names == list(expected[0])
    assert back.to_pylist() == [parquet_row(table, r) for r in expected]


def test_filtered_parquet_export(conn: sqlite3.Connection, tmp_path: Path) -> None:
    f = Filters(type="CONSULT", country="IRN")
    export_file(conn, "events", "parquet", tmp_path / "e.parquet", f)
    back = pq.read_table(tmp_path / "e.parquet").to_pylist()
    assert back == [parquet_row("events", r) for r in records(conn, "events", f)]
    assert {r["event_type"] for r in back} == {"CONSULT"} and len(back) == 3


def test_an_empty_selection_still_writes_a_typed_parquet_file(conn: sqlite3.Connection, tmp_path: Path) -> None:
    assert export_file(conn, "events", "parquet", tmp_path / "none.parquet", Filters(type="PROTEST")) == 0
    t = pq.read_table(tmp_path / "none.parquet")
    assert t.num_rows == 0 and t.column_names == list(EVENT_COLUMNS)


def test_event_columns_use_event_data_names(conn: sqlite3.Connection) -> None:
    rows = list(records(conn, "events", Filters(type="CONSULT", since="2017-11")))
    assert len(rows) == 1
    r = rows[0]
    assert list(r) == list(EVENT_COLUMNS)
    assert (r["actor1"], r["actor1_country"], r["actor1_sector"]) == ("علي لاريجاني", "IRN", "LEG")
    assert (r["actor2"], r["actor2_country"], r["actor2_en"]) == ("فيصل المقداد", "SYR", "Faisal Mekdad")
    assert r["event_date"] == "2017-11-20" and r["date_raw"] == "اليوم"
    assert r["quad_class"] == "verbal_cooperation" and r["mode"] == "visit"
    assert r["source_outlet"] == "اختبار" and r["source_url"] == "https://example.org/second"
    assert r["evidence"].startswith("استقبل وزير الخارجية") and r["cue"] == "استقبل"
    assert r["place"] == "دمشق"
    assert r["event_id"] == f"{r['article_id']}-v1"


def test_joint_actors_go_to_assoc_actor(conn: sqlite3.Connection) -> None:
    joint = [r for r in records(conn, "events") if r["assoc_actor_1"]]
    assert len(joint) == 1
    assert joint[0]["actor1"] == "فيصل المقداد" and joint[0]["assoc_actor_1"] == "ولايتي"
    assert joint[0]["actor2"] is None


def test_csv_has_a_header_and_one_row_per_record(conn: sqlite3.Connection) -> None:
    buf = io.BytesIO()
    n = export(conn, "quotes", "csv", buf)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue().decode("utf-8"))))
    assert n == len(rows) == 5
    assert list(rows[0]) == list(QUOTE_COLUMNS)
    expected = list(records(conn, "quotes"))
    assert [r["quote"] for r in rows] == [r["quote"] for r in expected]
    assert [r["speaker"] for r in rows] == [r["speaker"] or "" for r in expected]


def test_csv_of_an_empty_selection_is_just_the_header(conn: sqlite3.Connection) -> None:
    buf = io.BytesIO()
    assert export(conn, "actors", "csv", buf, Filters(country="ZZZ")) == 0
    assert buf.getvalue().decode().strip() == ",".join(ACTOR_COLUMNS)


def test_jsonl_round_trip(conn: sqlite3.Connection) -> None:
    buf = io.BytesIO()
    export(conn, "events", "jsonl", buf)
    back = [json.loads(line) for line in buf.getvalue().decode("utf-8").splitlines()]
    assert back == list(records(conn, "events"))


def test_documents_export_is_rasd_json(conn: sqlite3.Connection) -> None:
    buf = io.BytesIO()
    assert export(conn, "documents", "jsonl", buf) == 2
    for line in buf.getvalue().decode("utf-8").splitlines():
        d = json.loads(line)
        assert d["schema"] == "rasd/1"
        doc = load_document(conn, d["article"]["id"])
        assert doc is not None and doc.to_dict() == d


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_network_export_for_gephi(conn: sqlite3.Connection, tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"net.{fmt}"
    n = export_file(conn, "network", fmt, path)
    g = nx.read_gexf(path) if fmt == "gexf" else nx.read_graphml(path)
    assert g.number_of_edges() == n > 0
    labels = {node: data["label"] for node, data in g.nodes(data=True)}
    by_label = {v: k for k, v in labels.items()}
    edge = g.edges[by_label["فيصل المقداد"], by_label["علي لاريجاني"]]
    assert int(edge["weight"]) == 1 and edge["types"] == "CONSULT:1"
    assert int(edge["type_CONSULT"]) == 1 and int(edge["type_REJECT"]) == 0
    assert g.nodes[by_label["علي لاريجاني"]]["country"] == "IRN"


def test_network_of_a_selection(conn: sqlite3.Connection) -> None:
    buf = io.BytesIO()
    n = export(conn, "network", "gexf", buf, Filters(type="MOBILIZE"))
    assert n == 1


@pytest.mark.parametrize(
    ("table", "fmt"),
    [("network", "csv"), ("quotes", "gexf"), ("documents", "parquet"), ("events", "xlsx"), ("people", "csv")],
)
def test_impossible_exports_are_refused(conn: sqlite3.Connection, table: str, fmt: str) -> None:
    with pytest.raises(ExportError):
        export(conn, table, fmt, io.BytesIO())


def test_a_failed_export_leaves_no_file(conn: sqlite3.Connection, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(ExportError):
        export_file(conn, "documents", "csv", out / "x.csv")
    assert list(out.iterdir()) == []


@pytest.mark.parametrize(("table", "columns"), [("events", ["event_date", "source_date"]), ("quotes", ["date"]),
                                                ("articles", ["date"])])
def test_parquet_dates_are_dates(conn: sqlite3.Connection, tmp_path: Path, table: str, columns: list[str]) -> None:
    import datetime

    import pyarrow as pa

    export_file(conn, table, "parquet", tmp_path / "t.parquet")
    back = pq.read_table(tmp_path / "t.parquet")
    for name in columns:
        assert back.schema.field(name).type == pa.date32(), name
        assert all(isinstance(v, datetime.date) for v in back.column(name).to_pylist() if v is not None)


def test_events_carry_gdelts_numeric_quad_class_and_goldstein_scale(conn: sqlite3.Connection) -> None:
    rows = list(records(conn, "events"))
    by_type = {r["event_type"]: r for r in rows}
    assert by_type["CONSULT"]["quad_class_code"] == 1 and by_type["ASSAULT"]["quad_class_code"] == 4
    assert by_type["REQUEST"]["quad_class_code"] == 3 and by_type["MOBILIZE"]["quad_class_code"] == 4
    for r in rows:
        assert r["goldstein_scale"] == r["event_score"] and -10 <= r["goldstein_scale"] <= 10
