"""All cores: documents come back in input order, identical to one process; failures are isolated."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from rasd.model import Article, Document
from rasd.pipeline import Pipeline, Stage, text_stage
from rasd.read import ReadProblem, iter_inputs
from rasd.scale.parallel import analyse_parallel, default_workers

ROOT = Path(__file__).resolve().parents[2]
BOOM = "انفجار"
CRASH = "انهيار"


def _articles(n: int) -> list[Article]:
    base = (ROOT / "examples" / "000_17848a7770633ebb.txt").read_text("utf-8").splitlines()[5:]
    return [Article(body="\n".join([*base[i % len(base) :], f"الفقرة رقم {i}"]), source=f"mem:{i}") for i in range(n)]


def _fragile(doc: Document) -> Document:
    if BOOM in doc.body:
        raise RuntimeError("stage failed")
    if CRASH in doc.body:
        os._exit(3)  # a crash in native code, as the worker sees it
    return doc


def fragile_pipeline() -> Pipeline:
    """The text stage plus a stage that fails on BOOM and kills its process on CRASH."""
    return Pipeline(
        [Stage("text", text_stage, (), ("sentences", "tokens")), Stage("fragile", _fragile, ("tokens",), ("mentions",))]
    )


def test_default_workers_is_the_core_count() -> None:
    assert default_workers() >= 1


def test_workers_give_the_same_documents_in_the_same_order() -> None:
    items: list[Article | ReadProblem] = list(_articles(23))
    items.insert(5, ReadProblem("bad.txt", "no Arabic text"))
    one = list(analyse_parallel(items, workers=1, until="text"))
    two = list(analyse_parallel(items, workers=2, chunk=3, until="text"))
    assert len(one) == len(two) == 24
    assert isinstance(two[5], ReadProblem) and two[5].source == "bad.txt"
    assert [d.to_dict(tokens=True) if isinstance(d, Document) else d for d in one] == [
        d.to_dict(tokens=True) if isinstance(d, Document) else d for d in two
    ]


def test_other_items_pass_through_in_place() -> None:
    marker = ("already stored", "abc")
    items: list[object] = [marker, *_articles(3), marker]
    out = list(analyse_parallel(items, workers=2, chunk=1, until="text", start_method="fork"))  # type: ignore[arg-type]
    assert out[0] == marker and out[-1] == marker
    assert all(isinstance(d, Document) for d in out[1:-1])


def test_reads_problems_and_articles_from_inputs(example_path: Path, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", "utf-8")
    out = list(analyse_parallel(iter_inputs([example_path, tmp_path / "empty.txt"]), workers=1, until="text"))
    assert isinstance(out[0], Document) and isinstance(out[1], ReadProblem)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_failing_article_is_a_problem_and_the_batch_goes_on(workers: int) -> None:
    arts = _articles(6)
    arts[2] = Article(body=arts[2].body + " " + BOOM, source="mem:boom")
    out = list(analyse_parallel(arts, workers=workers, chunk=2, pipeline_factory=fragile_pipeline,
                                start_method="fork"))
    assert [type(o).__name__ for o in out] == ["Document"] * 2 + ["ReadProblem"] + ["Document"] * 3
    problem = out[2]
    assert isinstance(problem, ReadProblem) and problem.source == "mem:boom"
    assert "RuntimeError: stage failed" in problem.problem


def test_an_article_that_kills_its_worker_is_isolated() -> None:
    arts = _articles(9)
    arts[4] = Article(body=arts[4].body + " " + CRASH, source="mem:crash")
    out = list(analyse_parallel(arts, workers=2, chunk=2, pipeline_factory=fragile_pipeline, start_method="fork"))
    assert len(out) == 9
    assert [o.article.source for o in out if isinstance(o, Document)] == [
        f"mem:{i}" for i in range(9) if i != 4
    ]
    problem = out[4]
    assert isinstance(problem, ReadProblem) and problem.source == "mem:crash"
    assert "crashed" in problem.problem


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError):
        list(analyse_parallel([], workers=0))
    with pytest.raises(ValueError):
        list(analyse_parallel([], workers=1, chunk=0))
