"""The cue lexicon: forms generated from one entry, clitics split at match time."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rasd.arabic.normalize import normalize
from rasd.events.lexicon import load_lexicon
from rasd.events.morphology import noun_forms, verb_forms


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


def _lexicon_copy(tmp_path: Path, name: str, old: str, new: str) -> Path:
    """The packaged cue lexicon copied to ``tmp_path`` with one change to ``name``."""
    from rasd.rules import lexicon_file

    for f in ("events.tsv", "events_light.tsv", "events_agents.tsv"):
        shutil.copyfile(str(lexicon_file(f)), tmp_path / f)
    path = tmp_path / name
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")
    return tmp_path


def test_an_unknown_cue_flag_stops_loading_with_file_and_line(tmp_path: Path) -> None:
    from rasd.events.lexicon import Lexicon
    from rasd.rules import LexiconError

    folder = _lexicon_copy(tmp_path, "events.tsv", "\tمع|على\trecip\n", "\tمع|على\trecp\n")
    with pytest.raises(LexiconError, match=r"events.tsv:\d+: unknown flag 'recp'"):
        Lexicon(folder)


def test_an_unknown_frame_preposition_is_refused(tmp_path: Path) -> None:
    from rasd.events.lexicon import Lexicon
    from rasd.rules import LexiconError

    folder = _lexicon_copy(tmp_path, "events.tsv", "\tمع|على\trecip\n", "\tمع|علي|فوق\trecip\n")
    with pytest.raises(LexiconError, match="frame 'فوق'"):
        Lexicon(folder)


def test_a_mode_the_type_does_not_have_is_refused(tmp_path: Path) -> None:
    from rasd.events.lexicon import Lexicon
    from rasd.rules import LexiconError

    folder = _lexicon_copy(tmp_path, "events.tsv", "AGREE\t\tverb\tاتفق/يتفق", "AGREE\tvisit\tverb\tاتفق/يتفق")
    with pytest.raises(LexiconError, match="AGREE has no mode 'visit'"):
        Lexicon(folder)


def test_an_unknown_light_verb_role_is_refused(tmp_path: Path) -> None:
    from rasd.events.lexicon import Lexicon
    from rasd.rules import LexiconError

    folder = _lexicon_copy(tmp_path, "events_light.tsv", "شن/يشن\tagent", "شن/يشن\tagnet")
    with pytest.raises(LexiconError, match=r"events_light.tsv:\d+: unknown role 'agnet'"):
        Lexicon(folder)


def test_an_unknown_agent_flag_is_refused(tmp_path: Path) -> None:
    from rasd.events.lexicon import Lexicon
    from rasd.rules import LexiconError

    folder = _lexicon_copy(tmp_path, "events_agents.tsv", "unknown|attack", "unknown|atack")
    with pytest.raises(LexiconError, match="unknown flag 'atack'"):
        Lexicon(folder)


def test_a_frame_preposition_as_news_writes_it_is_read_as_its_canonical_form() -> None:
    fire = next(c for c in load_lexicon().cues if c.lemma == "أطلق/يطلق" and c.type == "ASSAULT")
    assert normalize("نحو") in fire.frame  # written باتجاه in the lexicon
