from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rasd
from rasd.model import Article, Document
from rasd.pipeline import Pipeline, text_stage
from tests.conftest import assert_spans_exact


def test_analyze_a_path_gives_a_document(example_path: Path) -> None:
    doc = rasd.analyze(example_path)
    assert doc.article.section == "سورية" and len(doc.sentences) > 20
    assert_spans_exact(doc)


def test_analyze_text_with_date_and_outlet() -> None:
    doc = rasd.analyze("أعلنت موسكو تسليم الجيش السوري صواريخ جديدة.", date="2018-10-03", outlet="BBC")
    assert (doc.article.date, doc.article.outlet) == ("2018-10-03", "BBC")


def test_pipe_streams_in_order() -> None:
    p = Pipeline(until="text")
    docs = list(p.pipe([Article(body="أولاً."), Article(body="ثانياً.")]))
    assert [d.article.body for d in docs] == ["أولاً.", "ثانياً."]


def test_until_runs_a_prefix() -> None:
    assert Pipeline(until="text").names == ["text"]


def test_unknown_stage_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown stage"):
        Pipeline(until="nothing")


def test_sentence_spans_on_the_seed_are_exact(example_path: Path) -> None:
    doc = Pipeline(until="text")(next(iter(rasd.pipeline.read_path(example_path))))  # type: ignore[arg-type]
    texts = [doc.text(s) for s in doc.sentences]
    assert texts[0].startswith("قبل أيام قليلة") and texts[0].endswith("لتحرير البوكمال».")
    assert all(t == t.strip() for t in texts)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ابتثجحخدسشعغفقكلمنهويءأإآةىًَُّـ٣4b .،:؟«»“”\"\n\u200e")), min_size=1, max_size=120))
def test_every_token_and_sentence_span_reproduces_the_body(text: str) -> None:
    doc = text_stage(Document(article=Article(body=text)))
    for s in doc.sentences:
        assert text[s.start : s.end].strip() == text[s.start : s.end]
        for t in doc.sentence_tokens(s):
            assert s.start <= t.start < t.end <= s.end


def test_a_name_found_only_behind_ba_is_an_entity() -> None:
    doc = rasd.analyze("واجتمع الرئيس السوري بلافروف في دمشق أمس.", date="2018-01-01")
    lavrov = [e for e in doc.entities if e.kb_id == "rus.gov.lavrov_sergei"]
    assert lavrov and doc.text(lavrov[0].mentions[0].span) == "لافروف"
