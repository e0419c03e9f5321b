"""The news corpus gold records: each one loads and is right against its article."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasd.eval.corpus import read_manifest
from rasd.eval.gold import GOLD_SUFFIX
from rasd.eval.gold_check import check_gold_file

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "corpus" / "gold"
RECORDS = sorted(GOLD.glob("*" + GOLD_SUFFIX))


@pytest.mark.parametrize("record", RECORDS, ids=[r.name.removesuffix(GOLD_SUFFIX) for r in RECORDS])
def test_a_corpus_record_is_right_against_its_article(record: Path, shared: Path) -> None:
    article = shared / "data" / "news-corpus" / (record.name.removesuffix(GOLD_SUFFIX) + ".txt")
    assert article.is_file(), f"{record.name} annotates no article of the news corpus"
    assert check_gold_file(record, article) == []


def test_every_record_belongs_to_the_manifest(shared: Path) -> None:
    listed = {n.removesuffix(".txt") for n in read_manifest(shared / "data" / "news-corpus")}
    assert {r.name.removesuffix(GOLD_SUFFIX) for r in RECORDS} <= listed


def test_every_article_of_the_manifest_has_its_record(shared: Path) -> None:
    listed = {n.removesuffix(".txt") for n in read_manifest(shared / "data" / "news-corpus")}
    assert listed == {r.name.removesuffix(GOLD_SUFFIX) for r in RECORDS}
