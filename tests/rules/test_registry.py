"""Registered rules: ids, declared effects, the results a list takes, one list per rule."""

from __future__ import annotations

import pytest

from rasd.rules import Registry, RuleError, RuleList, rule


@rule("demo.filter.question", "drop")
def question(text: str) -> bool:
    """A question reports nothing (``هل هاجم الجيش؟``)."""
    return text.endswith("؟")


@rule("demo.role.first_word", "role")
def first_word(text: str) -> str | None:
    """The first word is the actor (``هاجم``)."""
    return text.split()[0] if text else None


def test_a_rule_keeps_its_id_effect_and_summary() -> None:
    assert (question.id, question.effect, question.stage) == ("demo.filter.question", "drop", "demo")
    assert question.summary == "A question reports nothing (``هل هاجم الجيش؟``)."


def test_a_rule_without_a_docstring_is_refused() -> None:
    with pytest.raises(RuleError, match="no docstring"):

        @rule("demo.filter.silent", "drop")
        def silent(text: str) -> bool:
            return False


def test_an_unknown_effect_is_refused() -> None:
    with pytest.raises(RuleError, match="unknown effect"):
        rule("demo.filter.x", "delete")


def test_an_id_needs_stage_kind_and_name() -> None:
    with pytest.raises(RuleError, match=r"<stage>\.<kind>\.<name>"):
        rule("demo.question", "drop")


def test_fire_yields_the_rules_that_fire_in_order() -> None:
    rl = RuleList("demo.all", "(text)", {"drop": bool, "role": str}, (question, first_word))
    assert [(r.id, out) for r, out in rl.fire("هل هاجم الجيش؟")] == [
        ("demo.filter.question", True),
        ("demo.role.first_word", "هل"),
    ]


def test_a_rule_not_firing_is_skipped() -> None:
    rl = RuleList("demo.all", "(text)", {"drop": bool, "role": str}, (question, first_word))
    assert [r.id for r, _ in rl.fire("هاجم الجيش.")] == ["demo.role.first_word"]


def test_a_result_of_the_wrong_kind_stops_the_run() -> None:
    rl = RuleList("demo.all", "(text)", {"drop": bool, "role": int}, (first_word,))
    with pytest.raises(RuleError, match="returned str"):
        list(rl.fire("هاجم الجيش."))


def test_a_list_refuses_an_effect_it_does_not_take() -> None:
    with pytest.raises(RuleError, match="does not take"):
        RuleList("demo.drops", "(text)", {"drop": bool}, (first_word,))


def test_a_rule_listed_twice_is_refused() -> None:
    with pytest.raises(RuleError, match="twice"):
        RuleList("demo.drops", "(text)", {"drop": bool}, (question, question))


def test_a_registry_refuses_a_rule_in_two_lists() -> None:
    a = RuleList("demo.a", "(text)", {"drop": bool}, (question,))
    b = RuleList("demo.b", "(text)", {"drop": bool}, (question,))
    with pytest.raises(RuleError, match="registered twice"):
        Registry("demo", [a, b])


def test_a_registry_refuses_another_stages_rule() -> None:
    with pytest.raises(RuleError, match="in the quotes registry"):
        Registry("quotes", [RuleList("demo.a", "(text)", {"drop": bool}, (question,))])


def test_a_registry_finds_a_rule_by_id() -> None:
    reg = Registry("demo", [RuleList("demo.a", "(text)", {"drop": bool, "role": str}, (question, first_word))])
    assert reg.get("demo.role.first_word") is first_word and "demo.filter.question" in reg
    with pytest.raises(KeyError, match="no demo rule"):
        reg.get("demo.filter.absent")
