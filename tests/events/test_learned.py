"""The learned event coder, run with small hand-made models on inline Arabic."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.events.helpers import make_doc, person, place, sides

from rasd.events import CODER_ENV, event_coder, rule_events_stage
from rasd.events.learned.coder import EventModel, code_events_learned
from rasd.learn.linear import Calibration, LinearModel, ModelFileError

MEETING = "التقى وزير الخارجية السعودي عادل الجبير نظيره الروسي سيرغي لافروف في موسكو."
ENTITIES = [person("عادل الجبير", "SAU"), person("سيرغي لافروف", "RUS"), place("موسكو", "RUS")]


def _model(threshold: float = 0.5, rule_types: tuple[str, ...] = ()) -> EventModel:
    """A model that reads CONSULT from the cue lexicon, takes the first name after the cue as the
    actor and the second as the recipient, and reads the future prefix as the future."""
    types = LinearModel(["CONSULT", "ACCUSE"], {"lex=CONSULT": ((0, 6.0),)}, [-3.0, -6.0])
    source = LinearModel(["yes"], {"src:rank+=0": ((0, 3.0),), "src:none": ((0, -1.0),)}, [0.0])
    target = LinearModel(["yes"], {"tgt:rank+=1": ((0, 3.0),), "tgt:none": ((0, -1.0),)}, [0.0])
    status = LinearModel(["asserted", "future"], {"futprefix": ((1, 5.0),)}, [1.0, 0.0])
    return EventModel(types, source, target, status, None, Calibration(), threshold, 0.2, rule_types)


def _code(text: str, model: EventModel) -> tuple:  # type: ignore[type-arg]
    doc = rule_events_stage(make_doc(text, ENTITIES))
    events = code_events_learned(doc, doc.events, model)
    doc.events = events
    return doc, events


def test_a_meeting_is_coded_with_its_actor_and_recipient() -> None:
    doc, events = _code(MEETING, _model())
    consult = [e for e in events if e.type == "CONSULT"]
    assert len(consult) == 1
    assert sides(doc, consult[0]) == ({"SAU"}, {"RUS"})


def test_every_record_carries_a_confidence_and_its_sentence_as_evidence() -> None:
    doc, events = _code(MEETING, _model())
    ev = events[0]
    assert 0.5 <= ev.confidence <= 1.0
    assert doc.body[ev.evidence[0].start : ev.evidence[0].end].startswith("التقى")


def test_records_under_the_threshold_are_not_reported() -> None:
    _, events = _code(MEETING, _model(threshold=0.99))
    assert events == []


def test_the_status_model_reads_the_future() -> None:
    _, events = _code("سيلتقي وزير الخارجية السعودي عادل الجبير نظيره الروسي سيرغي لافروف في موسكو.", _model())
    assert [e.status for e in events] == ["future"]


def test_repeated_reports_of_one_meeting_become_one_record() -> None:
    text = MEETING + "\nوالتقى عادل الجبير سيرغي لافروف مجددا في موسكو."
    _, events = _code(text, _model())
    assert len(events) == 1 and len(events[0].evidence) == 2


def test_a_type_with_a_threshold_of_its_own_is_held_to_it() -> None:
    model = _model(threshold=0.5)
    model.type_thresholds = {"CONSULT": 0.99}
    _, events = _code(MEETING, model)
    assert events == []


def test_a_threshold_of_another_type_leaves_a_record_alone() -> None:
    model = _model(threshold=0.5)
    model.type_thresholds = {"ACCUSE": 0.99}
    _, events = _code(MEETING, model)
    assert [e.type for e in events] == ["CONSULT"]


def test_a_sentence_without_a_cue_reports_nothing() -> None:
    _, events = _code("يعيش عادل الجبير في موسكو منذ سنوات.", _model())
    assert events == []


def test_types_kept_for_the_rules_take_the_rule_coders_records() -> None:
    doc = rule_events_stage(make_doc(MEETING, ENTITIES))
    rules = [e for e in doc.events if e.type == "CONSULT"]
    events = code_events_learned(doc, doc.events, _model(threshold=0.99, rule_types=("CONSULT",)))
    assert [e.type for e in events] == [e.type for e in rules] and rules


def test_a_missing_model_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ModelFileError, match="rasd train events"):
        EventModel.load(tmp_path / "events.model.json")


def test_the_model_file_round_trips(tmp_path: Path) -> None:
    import json

    model = _model()
    model.type_thresholds = {"ASSAULT": 0.4}
    model.ruled_sentence_threshold = 0.7
    path = tmp_path / "events.model.json"
    path.write_text(json.dumps(model.to_dict()), encoding="utf-8")
    assert EventModel.load(path).to_dict() == model.to_dict()


def test_an_unknown_coder_name_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CODER_ENV, "neural")
    with pytest.raises(ValueError, match="RASD_EVENT_CODER"):
        event_coder()
