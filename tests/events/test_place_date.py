"""An event's place (named in its clause) and date (explicit or relative to the article)."""

from __future__ import annotations

from tests.events.helpers import code, country, only, org, person, place

MEET = [person("المقداد", "SYR"), person("علي لاريجاني", "IRN", "LEG"), place("طهران", "IRN")]


def test_place_named_in_the_clause() -> None:
    doc = code("التقى المقداد علي لاريجاني في طهران.", MEET)
    ev = only(doc, "CONSULT")
    assert doc.entity(ev.place).name == "طهران"


def test_place_after_a_place_noun() -> None:
    doc = code("وتوغل الجيش التركي في محافظة إدلب.", [org("الجيش التركي", "TUR", "MIL"), place("محافظة إدلب", "SYR")])
    assert doc.entity(only(doc, "MOBILIZE").place).name == "محافظة إدلب"


def test_no_place_when_none_is_named() -> None:
    doc = code("التقى المقداد علي لاريجاني.", MEET)
    assert only(doc, "CONSULT").place is None


def test_a_topic_is_not_a_place() -> None:
    doc = code("بحث المقداد مع علي لاريجاني الأوضاع في سورية.", [*MEET, country("سورية", "SYR")])
    assert only(doc, "CONSULT").place is None


def test_relative_date_without_article_date_stays_raw() -> None:
    doc = code("وأجرى المقداد، أمس، مباحثات مع علي لاريجاني.", MEET)
    ev = only(doc, "CONSULT")
    assert ev.date_raw == "أمس" and ev.date is None


def test_relative_date_resolved_against_the_article_date() -> None:
    doc = code("وأجرى المقداد، أمس، مباحثات مع علي لاريجاني.", MEET, date="2017-10-25")
    ev = only(doc, "CONSULT")
    assert ev.date == "2017-10-24"


def test_weekday_with_article_date() -> None:
    doc = code("التقى المقداد علي لاريجاني الخميس الماضي.", MEET, date="2017-10-28")
    assert only(doc, "CONSULT").date == "2017-10-26"


def test_explicit_date() -> None:
    doc = code("التقى المقداد علي لاريجاني في 12 آذار 2017.", MEET)
    assert only(doc, "CONSULT").date == "2017-03-12"


def test_article_date_when_the_text_gives_none() -> None:
    doc = code("التقى المقداد علي لاريجاني.", MEET, date="2017-10-25")
    ev = only(doc, "CONSULT")
    assert ev.date == "2017-10-25" and ev.date_raw is None


def test_past_year_makes_the_event_historical() -> None:
    doc = code("زودت روسيا سوريا بصواريخ في عام 2013.", [country("روسيا", "RUS"), country("سوريا", "SYR")], date="2018-10-03")
    assert only(doc, "AID").status == "historical"


def test_a_year_after_the_article_makes_the_event_future() -> None:
    doc = code("التقى المقداد علي لاريجاني في عام 2020.", MEET, date="2018-03-05")
    ev = only(doc, "CONSULT")
    assert (ev.date, ev.status) == ("2020", "future")


def test_next_year_makes_the_event_future() -> None:
    doc = code("التقى المقداد علي لاريجاني العام المقبل.", MEET, date="2018-03-05")
    assert only(doc, "CONSULT").status == "future"


def test_a_month_after_the_article_makes_the_event_future() -> None:
    doc = code("التقى المقداد علي لاريجاني في أفريل.", MEET, date="2017-03-05")
    ev = only(doc, "CONSULT")
    assert (ev.date, ev.status) == ("2017-04", "future")


def test_a_date_decades_before_the_article_is_kept_as_words_only() -> None:
    doc = code("التقى المقداد علي لاريجاني في عام 1944.", MEET, date="2018-03-05")
    ev = only(doc, "CONSULT")
    assert (ev.date, ev.date_raw, ev.status) == (None, "في عام 1944", "historical")


def test_a_past_year_within_the_story_keeps_its_date() -> None:
    doc = code("التقى المقداد علي لاريجاني في عام 2011.", MEET, date="2018-03-05")
    ev = only(doc, "CONSULT")
    assert (ev.date, ev.status) == ("2011", "historical")


def test_a_date_already_past_overrides_a_future_form() -> None:
    doc = code("سيلتقي المقداد علي لاريجاني في مايو 2016.", MEET, date="2017-03-13")
    assert only(doc, "CONSULT").status == "historical"
