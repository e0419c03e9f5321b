"""The speaker ranking, run with a small hand-made model on inline Arabic."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.events.helpers import make_doc, person, place

from rasd.learn.linear import LinearModel, ModelFileError
from rasd.learn.view import DocView
from rasd.quotes.ranking import SPEAKERS_ENV, QuoteModel, apply, candidates_for, speaker_ranking

ZARIF = "وقال وزير الخارجية الإيراني محمد جواد ظريف إن واشنطن تنتهك الاتفاق النووي."
ENTITIES = [person("محمد جواد ظريف", "IRN"), place("واشنطن", "USA")]


def _model() -> QuoteModel:
    """Speakers stand right after the cue; the words of the quote are never its speaker; a
    continuation keeps the previous speaker."""
    return QuoteModel(
        LinearModel(
            ["yes"],
            {
                "first_after_cue": ((0, 2.0),),
                "in_content": ((0, -4.0),),
                "previous_speaker": ((0, 1.5),),
                "kind=none": ((0, 0.5),),
            },
            [0.0],
        )
    )


def test_the_name_after_the_cue_speaks_not_the_place_in_the_quote() -> None:
    doc = make_doc(ZARIF, ENTITIES, quotes=[("واشنطن تنتهك الاتفاق النووي", "واشنطن", "وقال")])
    apply(_model(), doc)
    assert doc.entity(doc.quotes[0].speaker).name == "محمد جواد ظريف"  # type: ignore[union-attr]


def test_a_continuation_keeps_the_previous_speaker() -> None:
    text = ZARIF + "\nوأضاف أن العقوبات لن تنجح."
    doc = make_doc(text, ENTITIES, quotes=[("واشنطن تنتهك الاتفاق النووي", "محمد جواد ظريف", "وقال")])
    doc.quotes.append(
        type(doc.quotes[0])(
            id="q2", speaker=None, speaker_text=None,
            cue=type(doc.quotes[0].content)(text.index("وأضاف"), text.index("وأضاف") + 5),
            content=type(doc.quotes[0].content)(text.index("العقوبات"), len(text) - 1), kind="indirect",
        )
    )
    apply(_model(), doc)
    assert doc.entity(doc.quotes[1].speaker).name == "محمد جواد ظريف"  # type: ignore[union-attr]


def test_the_candidates_include_nobody() -> None:
    doc = make_doc(ZARIF, ENTITIES, quotes=[("واشنطن تنتهك الاتفاق النووي", "واشنطن", "وقال")])
    kinds = [c.kind for c in candidates_for(DocView(doc, []), doc.quotes[0], None)]
    assert kinds[-1] == "none" and kinds.count("entity") == 2


def test_the_candidates_include_a_name_of_the_sentence_before() -> None:
    text = "وصل محمد جواد ظريف إلى بغداد.\nوقال إن واشنطن تنتهك الاتفاق النووي."
    doc = make_doc(text, [person("محمد جواد ظريف", "IRN"), place("بغداد", "IRQ"), place("واشنطن", "USA")],
                   quotes=[("واشنطن تنتهك الاتفاق النووي", "واشنطن", "وقال")])
    cands = candidates_for(DocView(doc, []), doc.quotes[0], None)
    earlier = [c for c in cands if c.entity is not None and c.entity.name == "محمد جواد ظريف"]
    assert earlier and earlier[0].sentence_distance == 1


def test_the_candidates_include_the_unnamed_source_the_rules_read() -> None:
    from rasd.model import Quote, Span

    text = "وقالت مصادر يمنية إن الهدنة انهارت."
    doc = make_doc(text, [], quotes=[])
    cue = Span(text.index("وقالت"), text.index("وقالت") + 5)
    doc.quotes.append(Quote("q1", None, "مصادر يمنية", cue, Span(text.index("الهدنة"), len(text) - 1), "indirect"))
    cands = candidates_for(DocView(doc, []), doc.quotes[0], None)
    assert [(c.kind, c.text) for c in cands if c.kind == "unnamed"] == [("unnamed", "مصادر يمنية")]


def test_a_quote_with_no_one_to_say_it_keeps_no_speaker() -> None:
    text = "وجاء في البيان أن الاجتماع سيعقد غدا."
    doc = make_doc(text, [], quotes=[])
    from rasd.model import Quote, Span

    doc.quotes.append(Quote("q1", None, None, Span(0, 4), Span(text.index("الاجتماع"), len(text) - 1), "indirect"))
    apply(_model(), doc)
    assert doc.quotes[0].speaker is None


def test_every_ranked_quote_has_a_confidence() -> None:
    doc = make_doc(ZARIF, ENTITIES, quotes=[("واشنطن تنتهك الاتفاق النووي", "واشنطن", "وقال")])
    apply(_model(), doc)
    assert 0.0 <= doc.quotes[0].confidence <= 1.0  # type: ignore[operator]


def test_a_missing_speaker_model_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ModelFileError, match="rasd train quotes"):
        QuoteModel.load(tmp_path / "quotes.model.json")


def test_an_unknown_ranking_choice_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SPEAKERS_ENV, "oracle")
    with pytest.raises(ValueError, match="RASD_SPEAKERS"):
        speaker_ranking()
