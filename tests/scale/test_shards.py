"""Shard files: names, atomic writing, and reading rasd/1 documents back without re-analysis."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rasd.model import Actor, Article, Document, Event, Mention, Quote, Sentence, Span
from rasd.read import ReadProblem
from rasd.scale.shards import (
    ShardWriter,
    is_shard_dir,
    iter_shard_documents,
    iter_shard_records,
    shard_files,
    shard_name,
    write_shard,
)

BODY = "قال وزير الخارجية السوري فيصل المقداد في طهران: «التقدم مستمر». وأكد دعم إيران."


def full_doc(body: str = BODY, n: int = 0) -> Document:
    """A document with every layer filled, spans checked."""
    body = body + (f" {n}" if n else "")
    art = Article(body=body, section="سورية", headline="عنوان … جزء", headline_parts=["عنوان", "جزء"],
                  byline="وكالات", outlet="صحيفة الوطن", date="2017-10-20", url="https://example.org/a",
                  boilerplate=["زر الذهاب إلى الأعلى"], source=f"mem:{n}")
    s = body.index("فيصل المقداد")
    t = body.index("طهران")
    q = body.index("«")
    doc = Document(article=art, sentences=[Sentence(0, body.index("»") + 2), Sentence(body.index("وأكد"), len(body))])
    doc.entities = [
        Actor("e1", "فيصل المقداد", "PER", name_en="Faisal Mekdad", country="SYR", sector="GOV",
              role="وزير الخارجية", kb_id="Q1", mentions=[Mention(s, s + 12, "PER", "gazetteer")]),
        Actor("e2", "طهران", "GPE", country="IRN", kb_id=None, mentions=[Mention(t, t + 5, "GPE", "gazetteer")]),
    ]
    doc.quotes = [Quote("q1", "e1", "فيصل المقداد", Span(0, 3), Span(q, body.index("»") + 1), "direct",
                        via=None, co_speakers=[], stance="affirm", speaker_span=Span(s, s + 12))]
    doc.events = [
        Event("v1", "CONSULT", mode=None, actors=["e1"], recipients=[], place="e2", date="2017-10-20",
              date_raw="أمس", status="asserted", evidence=[Span(0, 10), Span(s, s + 12)], confidence=0.75,
              quote="q1", cue=Span(0, 3)),
        Event("v2", "SUPPORT", actors=["e1"], recipients=["e2"], evidence=[Span(body.index("وأكد"), len(body))]),
    ]
    doc.meta = {"rasd": "0.1.0", "stages": ["text", "entities"]}
    return doc


def test_shard_name_is_deterministic_and_collision_free(tmp_path: Path) -> None:
    a = tmp_path / "x" / "part-0001.jsonl.gz"
    b = tmp_path / "y" / "part-0001.jsonl.gz"
    assert shard_name(a) == shard_name(str(a))
    assert shard_name(a) != shard_name(b)
    assert shard_name(a).startswith("part-0001-") and shard_name(a).endswith(".jsonl")
    assert shard_name(a, "parquet").endswith(".parquet")
    assert shard_name("s3://bucket/news/part-7.jsonl") == shard_name("s3://bucket/news/part-7.jsonl")
    with pytest.raises(ValueError):
        shard_name(a, "csv")


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_shards_round_trip_every_layer(tmp_path: Path, fmt: str) -> None:
    docs = [full_doc(n=i) for i in range(3)]
    path = write_shard(docs, tmp_path, shard_name("in.jsonl", fmt), fmt)
    assert Path(path).is_file()
    back = list(iter_shard_documents([path]))
    assert [d.to_dict() for d in back if isinstance(d, Document)] == [d.to_dict() for d in docs]
    records = list(iter_shard_records([tmp_path]))
    assert records == [d.to_dict() for d in docs]


def test_empty_shard_is_a_finished_shard(tmp_path: Path) -> None:
    for fmt in ("jsonl", "parquet"):
        path = write_shard([], tmp_path, f"empty.{fmt}", fmt)
        assert Path(path).is_file()
        assert list(iter_shard_documents([path])) == []


def test_an_aborted_shard_leaves_nothing(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), ShardWriter(tmp_path, "a.jsonl") as w:
        w.add(full_doc().to_dict())
        raise RuntimeError("worker lost")
    assert list(tmp_path.iterdir()) == []


def test_temporary_and_bookkeeping_files_are_not_shards(tmp_path: Path) -> None:
    write_shard([full_doc()], tmp_path, "a.jsonl")
    (tmp_path / ".tmp-b.jsonl.1234").write_text("{}\n", "utf-8")
    (tmp_path / "_errors.jsonl").write_text("{}\n", "utf-8")
    (tmp_path / "_manifest.json").write_text("{}", "utf-8")
    assert [p.name for p in shard_files(tmp_path)] == ["a.jsonl"]
    assert is_shard_dir(tmp_path)
    assert len(list(iter_shard_documents([tmp_path]))) == 1


def test_damaged_records_are_problems_and_reading_goes_on(tmp_path: Path) -> None:
    good = full_doc().to_dict()
    bad_span = full_doc(n=1).to_dict()
    bad_span["entities"][0]["mentions"][0]["text"] = "غير ذلك"
    path = tmp_path / "a.jsonl"
    path.write_text(
        "\n".join([json.dumps(good, ensure_ascii=False), "{not json", json.dumps(bad_span, ensure_ascii=False),
                   json.dumps({"schema": "other/9"}), "[1]", json.dumps(good, ensure_ascii=False)]) + "\n",
        "utf-8",
    )
    items = list(iter_shard_documents([path]))
    assert [type(i).__name__ for i in items] == [
        "Document", "ReadProblem", "ReadProblem", "ReadProblem", "ReadProblem", "Document"]
    problems = [i for i in items if isinstance(i, ReadProblem)]
    assert problems[0].source == f"{path}:2"
    assert "mem:1" in problems[1].source


def test_an_unreadable_parquet_shard_is_one_problem(tmp_path: Path) -> None:
    (tmp_path / "a.parquet").write_bytes(b"PAR1 not really")
    write_shard([full_doc()], tmp_path, "b.jsonl")
    items = list(iter_shard_documents([tmp_path]))
    assert isinstance(items[0], ReadProblem) and "a.parquet" in items[0].source
    assert isinstance(items[1], Document)


def test_a_field_the_parquet_schema_lacks_is_an_error_not_a_loss(tmp_path: Path) -> None:
    from rasd.model import SchemaError
    from rasd.scale.shards import encode_shard

    record = full_doc().to_dict()
    record["events"][0]["new_field"] = 1
    with pytest.raises(SchemaError, match=r"record\.events\[\]\.new_field"):
        encode_shard([record], "parquet")
    assert b"new_field" in encode_shard([record], "jsonl")
