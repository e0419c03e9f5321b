"""Dates: relative words, Gregorian months in both naming systems, Maghrebi names, Hijri dates."""

from __future__ import annotations

from datetime import date

import pytest

from rasd.dates import date_bounds, date_relation, find_dates, may_have_date


def one(text: str, ref: str | None = None) -> tuple[str, str | None]:
    found = find_dates(text, ref=ref)
    assert len(found) == 1, found
    return found[0].raw, found[0].value


def test_yesterday_with_article_date() -> None:
    assert one("وأجرى المقداد، أمس، مباحثات", "2018-10-13") == ("أمس", "2018-10-12")


def test_yesterday_without_article_date_stays_raw() -> None:
    assert one("وأجرى المقداد، أمس، مباحثات") == ("أمس", None)


def test_yesterday_after_the_conjunction() -> None:
    assert one("وأمس قتل سائقان في هجوم", "2018-10-13") == ("أمس", "2018-10-12")


def test_today_and_tomorrow() -> None:
    assert one("يصل الوفد اليوم", "2018-10-13")[1] == "2018-10-13"
    assert one("يصل الوفد غداً", "2018-10-13")[1] == "2018-10-14"


def test_day_before_yesterday() -> None:
    assert one("وقع الهجوم أول من أمس", "2018-10-13")[1] == "2018-10-11"


def test_bare_weekday_is_the_last_one() -> None:
    # 2018-10-13 is a Saturday: "الجمعة" is the day before
    assert one("وصل وفد سعودي إلى تركيا الجمعة", "2018-10-13")[1] == "2018-10-12"


def test_past_weekday() -> None:
    assert one("الخميس الماضي", "2018-10-13")[1] == "2018-10-11"


def test_next_weekday() -> None:
    assert one("السبت المقبل", "2018-10-13")[1] == "2018-10-20"


def test_mid_last_month() -> None:
    assert one("في اجتماع أستانا منتصف الشهر الماضي", "2017-10-25") == ("منتصف الشهر الماضي", "2017-09")


def test_last_week_is_an_iso_week() -> None:
    assert one("الأسبوع الماضي", "2018-10-13")[1] == "2018-W40"


def test_weeks_ago() -> None:
    assert one("قبل أسبوعين", "2018-10-13")[1] == "2018-09-29"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("في 20 أكتوبر 2018", "2018-10-20"),
        ("في 20 تشرين الأول 2018", "2018-10-20"),
        ("بحلول 20 أكتوبر/تشرين الأول 2018", "2018-10-20"),
        ("في 25 أغسطس (آب) 2007", "2007-08-25"),
        ("في 12 آذار 2017", "2017-03-12"),
        ("في 12 جويلية 2016", "2016-07-12"),
    ],
)
def test_gregorian_months_in_every_naming_system(text: str, value: str) -> None:
    assert one(text)[1] == value


def test_ordinal_day() -> None:
    assert one("اختفى في الثاني من أكتوبر/تشرين أول الجاري", "2018-10-13")[1] == "2018-10-02"


def test_year_inferred_from_the_article_date() -> None:
    assert one("سيفتتح المؤتمر في 23 أكتوبر", "2018-10-13")[1] == "2018-10-23"
    assert one("وقع في 25 ديسمبر", "2018-03-10")[1] == "2017-12-25"


def test_month_without_day() -> None:
    assert one("آذار (مارس) 2011")[1] == "2011-03"


def test_hijri_date() -> None:
    assert one("15 رمضان 1436 هـ")[1] == "2015-07-02"


def test_numeric_date() -> None:
    assert one("في 15/8/2015")[1] == "2015-08-15"


def test_year() -> None:
    assert one("في عام 2013")[1] == "2013"


def test_a_verb_that_spells_a_month_is_no_date() -> None:
    assert find_dates("مارس ضغوطا على الحكومة") == []


def test_offsets_point_into_the_text() -> None:
    text = "وأجرى المقداد، أمس، مباحثات"
    d = find_dates(text, offset=100)[0]
    assert text[d.start - 100 : d.end - 100] == d.raw


def test_quick_filter() -> None:
    assert may_have_date("وصل أمس")
    assert not may_have_date("وصل الوفد")


def test_bounds_of_each_precision() -> None:
    assert date_bounds("2018") == (date(2018, 1, 1), date(2018, 12, 31))
    assert date_bounds("2018-02") == (date(2018, 2, 1), date(2018, 2, 28))
    assert date_bounds("2018-W15") == (date(2018, 4, 9), date(2018, 4, 15))
    assert date_bounds("2018-04-12") == (date(2018, 4, 12), date(2018, 4, 12))
    assert date_bounds("2018-13") is None and date_bounds("أمس") is None


def test_relation_to_the_article_date() -> None:
    assert date_relation("2020", "2018-03-05") == "after"
    assert date_relation("2018-W11", "2018-03-05") == "after"
    assert date_relation("2018", "2018-03-05") == "around"
    assert date_relation("2018-01", "2018-03-05") == "around"
    assert date_relation("2017-12-31", "2018-03-05") == "before"
    assert date_relation("2008", "2018-03-05") == "before"
    assert date_relation("2007", "2018-03-05") == "implausible"
    assert date_relation("1944", None) is None
