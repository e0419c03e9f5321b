"""Statuses: asserted, future, hypothetical, negated, historical."""

from __future__ import annotations

from tests.events.helpers import code, country, only

SYR_IRN = [country("إيران", "IRN"), country("سوريا", "SYR")]


def test_asserted() -> None:
    assert only(code("دعمت إيران سوريا.", SYR_IRN), "SUPPORT").status == "asserted"


def test_future_prefix() -> None:
    assert only(code("ستدعم إيران سوريا.", SYR_IRN), "SUPPORT").status == "future"


def test_future_particle() -> None:
    assert only(code("سوف تدعم إيران سوريا.", SYR_IRN), "SUPPORT").status == "future"


def test_hypothetical() -> None:
    doc = code("إذا هاجمت إسرائيل لبنان فسترد المقاومة.", [country("إسرائيل", "ISR"), country("لبنان", "LBN")])
    assert only(doc, "ASSAULT").status == "hypothetical"


def test_negated() -> None:
    doc = code("لم تعترف السعودية بإسرائيل.", [country("السعودية", "SAU"), country("إسرائيل", "ISR")])
    assert only(doc, "SUPPORT").status == "negated"


def test_negated_acceptance_is_a_rejection() -> None:
    doc = code("لن توافق تركيا على طلب العراق.", [country("تركيا", "TUR"), country("العراق", "IRQ")])
    ev = only(doc, "REJECT")
    assert ev.status == "asserted"


def test_historical() -> None:
    doc = code(
        "وكانت روسيا قد علقت تسليم الصواريخ إلى سوريا.",
        [country("روسيا", "RUS"), country("سوريا", "SYR")],
    )
    ev = only(doc, "SANCTION")
    assert ev.status == "historical"


def test_an_expected_attack_is_hypothetical() -> None:
    # لم يتوقع الوزير أن تشن إيران غارات: an expectation about an attack, not its report
    doc = code("ولم يتوقع الوزير أن تشن إيران غارات على المدينة قريبا.", [country("إيران", "IRN")])
    assert only(doc, "ASSAULT").status == "hypothetical"
