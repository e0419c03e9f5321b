"""The cue lexicon: forms generated from one entry, clitics split at match time."""

from __future__ import annotations

import pytest

from rasd.arabic.normalize import normalize
from rasd.events.lexicon import load_lexicon, noun_forms, verb_forms


@pytest.mark.parametrize("word", ["ستدعم", "يدعم", "دعمها", "ودعم", "تدعم", "ندعم", "دعموا"])
def test_every_form_of_a_verb_finds_its_entry(word: str) -> None:
    types = {h.cue.type for h in load_lexicon().match(normalize(word))}
    assert "SUPPORT" in types


def test_first_person_plural_is_marked() -> None:
    hits = load_lexicon().match(normalize("نرفض"))
    assert any(h.form.person == "1p" and h.cue.type == "REJECT" for h in hits)


def test_future_prefix_is_split_off() -> None:
    hits = load_lexicon().match(normalize("سيزور"))
    assert hits and "fut" in hits[0].analysis.roles


def test_defective_verb_forms() -> None:
    forms = verb_forms("التقى", "يلتقي")
    assert {normalize(f) for f in ("التقت", "التقوا", "يلتقون", "نلتقي")} <= set(forms)


def test_noun_before_a_pronoun_writes_teh() -> None:
    assert normalize("زيارت") in noun_forms("زيارة")


def test_participle_of_rejection() -> None:
    hits = load_lexicon().match(normalize("مرفوض"))
    assert hits and hits[0].cue.type == "REJECT"


def test_a_frequent_word_is_not_read_as_clitics_around_a_cue() -> None:
    # وزارة (ministry) is not و + زار (visited) + ه
    assert not load_lexicon().match(normalize("وزارة"))


def test_light_verbs() -> None:
    light = load_lexicon().light(normalize("وأجرى"))
    assert light is not None and light[0].role == "agent"


def test_agent_nouns_carry_a_sector() -> None:
    agent = load_lexicon().agent(normalize("المتظاهرين"))
    assert agent is not None and agent.sector == "CVL" and "protest" in agent.flags
