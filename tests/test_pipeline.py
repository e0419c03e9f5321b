from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rasd
from rasd.model import Article, Document
from rasd.pipeline import Pipeline, Stage, text_stage
from rasd.read import ReadProblem
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


def _seed_like() -> Document:
    return Pipeline()(Article(body="وأجرى المقداد مباحثات في طهران مع علي لاريجاني.\nوقال المقداد إن سورية تدعم إيران."))


def test_span_check_passes_a_real_document() -> None:
    doc = _seed_like()
    assert doc.entities and doc.quotes and doc.events
    assert_spans_exact(doc, "وأجرى المقداد مباحثات في طهران مع علي لاريجاني.\nوقال المقداد إن سورية تدعم إيران.")


def test_span_check_fails_a_mention_outside_the_body() -> None:
    doc = _seed_like()
    m = doc.entities[0].mentions[0]
    m.start, m.end = len(doc.body) + 5, len(doc.body) + 9
    with pytest.raises(AssertionError, match="outside the body"):
        assert_spans_exact(doc)


def test_span_check_fails_an_empty_evidence_span() -> None:
    doc = _seed_like()
    first = doc.events[0].evidence[0]
    doc.events[0].evidence[0] = type(first)(first.start, first.start)
    with pytest.raises(AssertionError, match="empty or outside"):
        assert_spans_exact(doc)


def test_span_check_fails_a_changed_body() -> None:
    doc = _seed_like()
    with pytest.raises(AssertionError, match="not the text"):
        assert_spans_exact(doc, "نص آخر.")


def test_span_check_fails_a_token_that_no_longer_reads_its_form() -> None:
    doc = _seed_like()
    doc.tokens[1].start += 1
    with pytest.raises(AssertionError):
        assert_spans_exact(doc)


def _layer_state(doc: Document, layer: str) -> object:
    """A deep, comparable picture of one layer (mentions included, which the JSON leaves out)."""
    if layer == "mentions":
        return [(m.start, m.end, m.label, m.source, m.score, m.key, m.role) for m in doc.mentions]
    if layer == "entities":
        return [
            (e.to_dict(doc.body), [(m.label, m.score, m.key, m.role) for m in e.mentions]) for e in doc.entities
        ]
    if layer == "tokens":
        return doc.to_dict(tokens=True)["tokens"]
    if layer == "meta":
        return dict(doc.meta)
    if layer == "dropped":
        return list(doc.dropped)
    data = doc.to_dict()
    return data[layer]


def test_every_stage_writes_only_the_layers_it_declares(example_path: Path) -> None:
    from rasd.pipeline import LAYERS

    pipeline = Pipeline()
    doc = Document(article=next(iter(rasd.pipeline.read_path(example_path))), meta={"stages": pipeline.names})  # type: ignore[arg-type]
    for stage in pipeline.stages:
        before = {layer: _layer_state(doc, layer) for layer in LAYERS}
        doc = stage(doc)
        for layer in LAYERS:
            after = _layer_state(doc, layer)
            if layer not in stage.provides:
                assert after == before[layer], f"stage {stage.name} changed {layer}, which it does not declare"
            elif isinstance(before[layer], list) and before[layer]:
                # an extended layer keeps every item it had, unchanged, in front
                assert after[: len(before[layer])] == before[layer], f"stage {stage.name} rewrote {layer}"  # type: ignore[index]


def test_a_stage_naming_an_unknown_layer_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown layer"):
        Pipeline([Stage("text", text_stage, (), ("sentences", "words"))])


def test_a_stage_needing_a_layer_no_earlier_stage_writes_is_refused() -> None:
    with pytest.raises(ValueError, match="needs entities"):
        Pipeline([Stage("text", text_stage, (), ("sentences", "tokens")), Stage("late", text_stage, ("entities",), ("quotes",))])


def test_a_stage_extending_a_layer_must_require_it() -> None:
    with pytest.raises(ValueError, match="must require it"):
        Pipeline([Stage("text", text_stage, (), ("sentences", "tokens")), Stage("again", text_stage, (), ("tokens",))])


def _boom(doc: Document) -> Document:
    if "انفجار" in doc.body:
        raise RuntimeError("stage failed")
    return doc


def test_pipe_reports_a_failing_article_and_goes_on() -> None:
    p = Pipeline([Stage("text", text_stage, (), ("sentences", "tokens")), Stage("boom", _boom, (), ("quotes",))])
    out = list(p.pipe([Article(body="أولاً.", source="a"), Article(body="انفجار.", source="b"), Article(body="ثالثاً.")]))
    assert isinstance(out[0], Document) and isinstance(out[2], Document)
    assert isinstance(out[1], ReadProblem)
    assert out[1].message == "b: analysis failed (RuntimeError: stage failed) (please report it with the article)"


def test_pipe_passes_other_records_through_in_place() -> None:
    problem = ReadProblem("x.bin", "not text")
    out = list(Pipeline(until="text").pipe([Article(body="أولاً."), problem]))
    assert out[1] is problem


def _slow(doc: Document) -> Document:
    import time

    time.sleep(2)
    return doc


def test_pipe_stops_an_article_past_the_time_limit() -> None:
    p = Pipeline([Stage("slow", _slow, (), ("quotes",))])
    (out,) = p.pipe([Article(body="بطيء.", source="s")], time_limit=0.2)
    assert isinstance(out, ReadProblem) and "AnalysisTimeout" in out.problem


def test_a_name_found_only_behind_ba_is_an_entity() -> None:
    doc = rasd.analyze("واجتمع الرئيس السوري بلافروف في دمشق أمس.", date="2018-01-01")
    lavrov = [e for e in doc.entities if e.kb_id == "rus.gov.lavrov_sergei"]
    assert lavrov and doc.text(lavrov[0].mentions[0].span) == "لافروف"
