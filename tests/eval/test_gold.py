"""Tests for the gold/1 scorer: matching rules, one-to-one matching, counts, gold reading."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from rasd.eval import EvalError, evaluate_ner
from rasd.eval.gold import (
    Gold,
    contains_words,
    evaluate_gold,
    find_pairs,
    load_gold,
    parse_gold,
    score_document,
    word_overlap,
)
from rasd.model import Actor, Article, Document, Event, Mention, Quote, Sentence, Span
from rasd.pipeline import Pipeline

BODY = (
    "أجرى وزير الخارجية السوري فيصل المقداد مباحثات مع علي لاريجاني في طهران. "
    "وقال المقداد إن سورية ترفض التدخل التركي في إدلب وتطالب بخروج الجيش التركي. "
    "وأكد لاريجاني أن إيران ستواصل دعم سورية."
)


def _span(text: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = BODY.index(text, start + 1)
    return Span(start, start + len(text))


def _sentences() -> list[Sentence]:
    out, start = [], 0
    for part in BODY.split(". "):
        end = start + len(part) + (1 if not part.endswith(".") else 0)
        out.append(Sentence(start, min(end, len(BODY))))
        start = end + 1
    return out


def ent(eid: str, name: str, typ: str, country: str | None, *mentions: str, **kw: Any) -> Actor:
    spans = [_span(m) for m in mentions]
    return Actor(
        eid,
        name,
        typ,
        country=country,
        mentions=[Mention(s.start, s.end, typ, "test") for s in spans],
        **kw,
    )


def quote(qid: str, speaker: str | None, text: str, co: list[str] | None = None) -> Quote:
    return Quote(qid, speaker, None, None, _span(text), "indirect", co_speakers=co or [])


def event(vid: str, typ: str, actors: list[str], recipients: list[str], evidence: str) -> Event:
    return Event(vid, typ, actors=actors, recipients=recipients, evidence=[_span(evidence)])


ENTITIES = [
    ent("e1", "فيصل المقداد", "PER", "SYR", "فيصل المقداد", "المقداد"),
    ent("e2", "علي لاريجاني", "PER", "IRN", "علي لاريجاني"),
    ent("e3", "سورية", "GPE", "SYR", "سورية"),
    ent("e4", "الجيش التركي", "ORG", "TUR", "الجيش التركي"),
    ent("e5", "إيران", "GPE", "IRN", "إيران"),
]


def doc(
    entities: list[Actor] | None = None,
    quotes: list[Quote] | None = None,
    events: list[Event] | None = None,
    **article: Any,
) -> Document:
    return Document(
        Article(BODY, **article),
        sentences=_sentences(),
        entities=list(ENTITIES if entities is None else entities),
        quotes=quotes or [],
        events=events or [],
    )


def gold(**layers: Any) -> Gold:
    data = {"format": "gold/1", "meta": layers.pop("meta", {}), **layers}
    return parse_gold(data, Path("test.gold.json"))


GOLD_ENTITIES = [
    {"name": "فيصل المقداد", "type": "PER", "country": "SYR", "mentions": ["فيصل المقداد", "المقداد"]},
    {"name": "علي لاريجاني", "type": "PER", "country": "IRN", "mentions": ["لاريجاني"]},
    {"name": "سورية", "type": "LOC", "country": "SYR", "mentions": ["سورية"]},
    {"name": "الجيش التركي", "type": "ORG", "country": "TUR", "mentions": ["الجيش التركي"]},
    {"name": "إيران", "type": "LOC", "country": "IRN", "mentions": ["إيران"]},
]
GOLD_QUOTE = {"speaker": "فيصل المقداد", "text": "سورية ترفض التدخل التركي في إدلب"}
CONSULT = {"id": "E1", "type": ["CONSULT"], "source": ["SYR"], "target": ["IRN"]}
REJECT = {"id": "E2", "type": ["REJECT", "ACCUSE"], "source": ["SYR"], "target": ["TUR"]}


# --------------------------------------------------------------------------- whole scores


def test_perfect_output_scores_one() -> None:
    g = gold(entities=GOLD_ENTITIES, quotes=[GOLD_QUOTE], events=[CONSULT, REJECT])
    d = doc(
        quotes=[quote("q1", "e1", "سورية ترفض التدخل التركي في إدلب")],
        events=[
            event("v1", "CONSULT", ["e1"], ["e2"], "أجرى وزير الخارجية"),
            event("v2", "REJECT", ["e3"], ["e4"], "ترفض التدخل التركي"),
        ],
    )
    s = score_document(g, d)
    for layer in ("entities", "quotes", "events"):
        c = s.layers[layer].counts
        assert (c.precision, c.recall, c.f1) == (1.0, 1.0, 1.0), layer
        assert s.layers[layer].errors == []


def test_empty_output_scores_zero() -> None:
    g = gold(entities=GOLD_ENTITIES, quotes=[GOLD_QUOTE], events=[CONSULT])
    s = score_document(g, doc(entities=[]))
    for layer in ("entities", "quotes", "events"):
        c = s.layers[layer].counts
        assert (c.precision, c.recall, c.f1) == (0.0, 0.0, 0.0), layer
    assert [e.kind for e in s.layers["events"].errors] == ["missed"]


def test_wrong_event_type_counts_against_precision() -> None:
    g = gold(events=[REJECT])
    d = doc(
        events=[
            event("v1", "REJECT", ["e3"], ["e4"], "ترفض التدخل التركي"),
            event("v2", "THREATEN", ["e3"], ["e4"], "وتطالب بخروج"),
        ]
    )
    c = score_document(g, d).layers["events"].counts
    assert (c.output, c.matched_output, c.precision, c.recall) == (2, 1, 0.5, 1.0)


def test_consult_is_reciprocal() -> None:
    g = gold(events=[CONSULT])
    d = doc(events=[event("v1", "CONSULT", ["e2"], ["e1"], "أجرى وزير الخارجية")])
    assert score_document(g, d).layers["events"].counts.f1 == 1.0


def test_other_types_keep_their_direction() -> None:
    g = gold(events=[REJECT])
    d = doc(events=[event("v1", "REJECT", ["e4"], ["e3"], "ترفض التدخل التركي")])
    assert score_document(g, d).layers["events"].counts.matched_output == 0


def test_duplicate_output_event_matches_only_once() -> None:
    g = gold(events=[REJECT])
    v = event("v1", "REJECT", ["e3"], ["e4"], "ترفض التدخل التركي")
    dup = event("v2", "REJECT", ["e3"], ["e4"], "ترفض التدخل التركي")
    s = score_document(g, doc(events=[v, dup]))
    c = s.layers["events"].counts
    assert (c.matched_required, c.output, c.precision, c.recall) == (1, 2, 0.5, 1.0)
    assert [e.kind for e in s.layers["events"].errors] == ["spurious"]


def test_optional_gold_event_absorbs_output_without_adding_to_recall() -> None:
    optional = {**REJECT, "id": "E3", "type": ["REQUEST"], "required": False}
    g = gold(events=[REJECT, optional])
    d = doc(
        events=[
            event("v1", "REJECT", ["e3"], ["e4"], "ترفض التدخل التركي"),
            event("v2", "REQUEST", ["e3"], ["e4"], "وتطالب بخروج"),
        ]
    )
    c = score_document(g, d).layers["events"].counts
    assert (c.required, c.matched_required, c.matched_optional) == (1, 1, 1)
    assert (c.precision, c.recall) == (1.0, 1.0)


def test_matching_is_maximal_not_first_come() -> None:
    # v1 fits both gold events, v2 only the first: greedy pairing of v1 with E1 would lose E2.
    broad = {"id": "E1", "type": ["REJECT", "ACCUSE"], "source": ["SYR"], "target": ["TUR"]}
    narrow = {"id": "E2", "type": ["REJECT"], "source": ["SYR"], "target": ["TUR"]}
    g = gold(events=[broad, narrow])
    d = doc(
        events=[
            event("v1", "REJECT", ["e3"], ["e4"], "ترفض التدخل التركي"),
            event("v2", "ACCUSE", ["e3"], ["e4"], "ترفض التدخل التركي"),
        ]
    )
    assert score_document(g, d).layers["events"].counts.matched_required == 2


def test_required_gold_is_matched_before_optional() -> None:
    optional = {**REJECT, "id": "E0", "required": False}
    g = gold(events=[optional, REJECT])
    d = doc(events=[event("v1", "REJECT", ["e3"], ["e4"], "ترفض التدخل التركي")])
    c = score_document(g, d).layers["events"].counts
    assert (c.matched_required, c.matched_optional) == (1, 0)


def test_missing_target_matches_only_a_null_in_gold_target() -> None:
    lone = event("v1", "REJECT", ["e3"], [], "ترفض التدخل التركي")
    assert score_document(gold(events=[REJECT]), doc(events=[lone])).layers["events"].counts.f1 == 0
    with_null = {**REJECT, "target": [None, "TUR"]}
    assert score_document(gold(events=[with_null]), doc(events=[lone])).layers["events"].counts.f1 == 1


def test_named_actor_code_matches_kb_id_or_name() -> None:
    isis = ent("e9", "داعش", "ORG", None, "سورية", kb_id="img.isis")  # mention span is irrelevant
    fight = {"id": "E1", "type": ["ASSAULT"], "source": ["SYR"], "target": [None, "ISIS", "IMG"]}
    d = doc(entities=[*ENTITIES, isis], events=[event("v1", "ASSAULT", ["e3"], ["e9"], "الجيش التركي")])
    assert score_document(gold(events=[fight]), d).layers["events"].counts.f1 == 1.0
    by_name = ent("e9", "تنظيم داعش", "ORG", "SYR", "سورية")
    d = doc(entities=[*ENTITIES, by_name], events=[event("v1", "ASSAULT", ["e3"], ["e9"], "الجيش التركي")])
    assert score_document(gold(events=[{**fight, "target": ["ISIS"]}]), d).layers["events"].counts.f1 == 1.0


def test_status_is_reported_but_does_not_affect_matching() -> None:
    g = gold(events=[{**REJECT, "status": "asserted"}])
    v = event("v1", "REJECT", ["e3"], ["e4"], "ترفض التدخل التركي")
    v.status = "future"
    s = score_document(g, doc(events=[v]))
    assert s.layers["events"].counts.f1 == 1.0
    assert (s.status_agree, s.status_total) == (0, 1)


# --------------------------------------------------------------------------- entities


def test_entity_matches_by_mention_inside_output_name() -> None:
    g = gold(entities=[{"name": "فيصل المقداد", "type": "PER", "country": "SYR", "mentions": ["المقداد"]}])
    d = doc(entities=[ent("e1", "المقداد", "PER", "SYR", "المقداد")])
    assert score_document(g, d).layers["entities"].counts.f1 == 1.0


def test_entity_gpe_counts_as_loc() -> None:
    g = gold(entities=[{"name": "سورية", "type": "LOC", "country": "SYR", "mentions": ["سورية"]}])
    assert score_document(g, doc(entities=[ENTITIES[2]])).layers["entities"].counts.f1 == 1.0


def test_entity_country_must_agree_when_gold_gives_one() -> None:
    g = gold(entities=[{"name": "الجيش السوري", "type": "ORG", "country": "SYR", "mentions": ["الجيش"]}])
    c = score_document(g, doc(entities=[ENTITIES[3]])).layers["entities"].counts
    assert (c.matched_output, c.output) == (0, 1)


def test_entity_of_unannotated_kind_counts_against_precision() -> None:
    g = gold(entities=GOLD_ENTITIES)
    extra = ent("e6", "طهران", "GPE", "IRN", "طهران")
    c = score_document(g, doc(entities=[*ENTITIES, extra])).layers["entities"].counts
    assert (c.recall, c.output, c.matched_output) == (1.0, 6, 5)


def test_optional_gold_entity_is_not_in_recall() -> None:
    g = gold(entities=[{**GOLD_ENTITIES[0], "required": False}])
    c = score_document(g, doc(entities=[ENTITIES[0]])).layers["entities"].counts
    assert (c.required, c.matched_optional, c.precision) == (0, 1, 1.0)


def test_containment_is_by_whole_words_with_proclitics() -> None:
    assert contains_words("والمقداد", "المقداد")
    assert contains_words("للمقداد", "المقداد")
    assert contains_words("الولايات المتحدة الأميركية", "الولايات المتحدة")
    assert not contains_words("الإيرانية", "إيران")
    assert contains_words("إيران", "ايران")  # hamza folded by normalization


# --------------------------------------------------------------------------- quotes


def test_speaker_matches_by_gold_mention() -> None:
    # the output speaker is a local entity named only "المقداد"; the gold names him in full
    speaker = ent("e1", "المقداد", "PER", None, "المقداد")
    g = gold(entities=GOLD_ENTITIES, quotes=[GOLD_QUOTE])
    d = doc(entities=[speaker], quotes=[quote("q1", "e1", "سورية ترفض التدخل التركي في إدلب")])
    assert score_document(g, d).layers["quotes"].counts.f1 == 1.0


def test_wrong_speaker_does_not_match() -> None:
    g = gold(entities=GOLD_ENTITIES, quotes=[GOLD_QUOTE])
    d = doc(quotes=[quote("q1", "e2", "سورية ترفض التدخل التركي في إدلب")])
    assert score_document(g, d).layers["quotes"].counts.matched_output == 0


def test_co_speaker_counts_as_speaker() -> None:
    g = gold(entities=GOLD_ENTITIES, quotes=[GOLD_QUOTE])
    d = doc(quotes=[quote("q1", "e2", "سورية ترفض التدخل التركي في إدلب", co=["e1"])])
    assert score_document(g, d).layers["quotes"].counts.f1 == 1.0


def test_half_of_the_gold_words_is_enough() -> None:
    # gold: 6 words; the output covers 3 of them
    g = gold(entities=GOLD_ENTITIES, quotes=[GOLD_QUOTE])
    d = doc(quotes=[quote("q1", "e1", "سورية ترفض التدخل")])
    assert score_document(g, d).layers["quotes"].counts.f1 == 1.0


def test_less_than_half_of_the_gold_words_is_not_enough() -> None:
    g = gold(entities=GOLD_ENTITIES, quotes=[GOLD_QUOTE])
    d = doc(quotes=[quote("q1", "e1", "سورية ترفض")])
    assert score_document(g, d).layers["quotes"].counts.matched_output == 0


def test_word_overlap_counts_gold_words() -> None:
    assert word_overlap("سورية ترفض التدخل التركي", "قال إن سوريةَ ترفض") == 0.5


def test_quote_marked_not_required_is_out_of_recall() -> None:
    g = gold(entities=GOLD_ENTITIES, quotes=[{**GOLD_QUOTE, "required": False}])
    c = score_document(g, doc()).layers["quotes"].counts
    assert (c.required, c.recall, c.f1) == (0, 0.0, 0.0)


# --------------------------------------------------------------------------- errors and meta


def test_errors_carry_the_evidence_sentence() -> None:
    g = gold(events=[{**REJECT, "evidence": "ترفض التدخل التركي"}])
    s = score_document(g, doc())
    (err,) = s.layers["events"].errors
    assert err.kind == "missed" and err.sentence is not None and err.sentence.startswith("وقال المقداد")


def test_meta_agreement_per_field() -> None:
    g = gold(meta={"section": "سورية", "byline": None, "outlet": "الوطن", "boilerplate": ["زر الذهاب إلى الأعلى"]})
    s = score_document(g, doc(section="سوريه", outlet="البعث", boilerplate=["زر الذهاب إلى الأعلى"]))
    assert s.meta == {"section": True, "byline": True, "outlet": False, "boilerplate": True}


# --------------------------------------------------------------------------- reading gold


def test_malformed_gold_json_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "a.gold.json"
    bad.write_text('{"entities": [', encoding="utf-8")
    with pytest.raises(EvalError, match=r"a\.gold\.json: malformed gold JSON \(line 1"):
        load_gold(bad)


def test_gold_without_event_types_is_rejected(tmp_path: Path) -> None:
    bad = tmp_path / "a.gold.json"
    bad.write_text(json.dumps({"events": [{"source": ["SYR"], "target": []}]}), encoding="utf-8")
    with pytest.raises(EvalError, match=r"events\[0\] has no 'type'"):
        load_gold(bad)


def test_find_pairs_in_gold_folder_and_beside(tmp_path: Path) -> None:
    (tmp_path / "gold").mkdir()
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "b.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "gold" / "a.gold.json").write_text("{}", encoding="utf-8")
    (tmp_path / "b.gold.json").write_text("{}", encoding="utf-8")
    (tmp_path / "c.txt").write_text(BODY, encoding="utf-8")  # no gold: not scored
    pairs, problems = find_pairs([tmp_path])
    assert sorted(a.name for a, _ in pairs) == ["a.txt", "b.txt"] and problems == []
    _, problems = find_pairs([tmp_path / "c.txt"])
    assert problems and "no gold record" in problems[0]


def test_evaluate_gold_reports_bad_gold_and_goes_on(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "b.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "a.gold.json").write_text(json.dumps({"events": [REJECT]}), encoding="utf-8")
    (tmp_path / "b.gold.json").write_text("not json", encoding="utf-8")
    report = evaluate_gold([tmp_path], pipeline=Pipeline([]))
    assert [a.name for a in report.articles] == ["a.txt"]
    assert len(report.problems) == 1 and "b.gold.json: malformed gold JSON" in report.problems[0]
    assert report.headline == "events F1 0.000"


# --------------------------------------------------------------------------- NER command scorer


class _StubTagger:
    """Tags every token that is a key of ``known`` with its label."""

    def __init__(self, known: dict[str, str]) -> None:
        self.known = known

    def tag_many(self, sentences: Any) -> list[list[str]]:
        return [[self.known.get(t, "O") for t in s] for s in sentences]


def test_evaluate_ner_with_a_tagger(tmp_path: Path) -> None:
    path = tmp_path / "test.txt"
    path.write_text("زار O\nالمقداد B-PERS\nطهران B-LOC\n\nقال O\nلاريجاني B-PERS\n\n", encoding="utf-8")
    result = evaluate_ner(path, _StubTagger({"المقداد": "B-PERS", "طهران": "B-ORG"}))
    assert (result.overall.tp, result.overall.fp, result.overall.fn) == (1, 1, 2)
    assert result.per_type["PERS"].recall == 0.5


def test_evaluate_ner_missing_file_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(EvalError, match="no such file"):
        evaluate_ner(tmp_path / "absent.txt", _StubTagger({}))
