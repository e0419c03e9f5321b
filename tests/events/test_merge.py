"""One record per event: repeated reports merged, every evidence span kept."""

from __future__ import annotations

from tests.events.helpers import code, country, only, place


def test_repeated_reports_are_merged() -> None:
    text = "زودت روسيا سوريا بصواريخ جديدة. وقالت موسكو إن روسيا زودت سوريا بمنظومة متطورة."
    doc = code(text, [country("روسيا", "RUS"), country("سوريا", "SYR"), place("موسكو", "RUS")])
    ev = only(doc, "AID")
    assert len(ev.evidence) == 2
    assert all(doc.body[s.start : s.end] for s in ev.evidence)


def test_different_recipients_stay_apart() -> None:
    text = "زودت روسيا سوريا بصواريخ. وزودت روسيا إيران بطائرات."
    doc = code(text, [country("روسيا", "RUS"), country("سوريا", "SYR"), country("إيران", "IRN")])
    assert len([e for e in doc.events if e.type == "AID"]) == 2


def test_ids_follow_the_text() -> None:
    text = "أدانت مصر إسرائيل. ورحبت الأردن بالقرار."
    doc = code(text, [country("مصر", "EGY"), country("إسرائيل", "ISR"), country("الأردن", "JOR")])
    assert [e.id for e in doc.events] == [f"v{n}" for n in range(1, len(doc.events) + 1)]


def test_merged_record_is_more_confident() -> None:
    one = code("زودت روسيا سوريا بصواريخ.", [country("روسيا", "RUS"), country("سوريا", "SYR")])
    two = code(
        "زودت روسيا سوريا بصواريخ. وزودت روسيا سوريا بطائرات.",
        [country("روسيا", "RUS"), country("سوريا", "SYR")],
    )
    assert only(two, "AID").confidence > only(one, "AID").confidence
