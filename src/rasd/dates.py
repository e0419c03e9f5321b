"""Dates in Arabic news: explicit dates in every month-name system, Hijri dates, relative words.

:func:`find_dates` finds the date expressions of a text and resolves each against the article's
publication date when there is one:

* Gregorian month names in the Egyptian/Gulf system (يناير … ديسمبر), the Levantine/Iraqi one
  (كانون الثاني … كانون الأول) and the Maghrebi one (جانفي، فيفري، أفريل، ماي، جوان، جويلية، أوت),
  alone or paired (``20 أكتوبر/تشرين الأول``، ``25 أغسطس (آب) 2007``), with digits or ordinal
  words for the day (``الثاني من أكتوبر``) and an optional year;
* Hijri dates (``15 رمضان 1436 هـ``), converted with ``hijridate``;
* numeric dates (``15/8/2015``، ``2015-08-15``) and years (``عام 2013``);
* relative words: ``أمس``، ``أول أمس``، ``اليوم``، ``غداً``، ``الليلة الماضية``، weekdays with or
  without ``الماضي``/``المقبل``، ``الأسبوع الماضي``، ``الشهر الماضي``، ``منتصف الشهر الماضي``،
  ``العام المقبل``، ``قبل أسبوعين``.

A resolved value is ISO 8601 at the precision the words give: ``YYYY-MM-DD``, ``YYYY-Www``
(a week), ``YYYY-MM`` or ``YYYY``. Without an article date a relative expression keeps its words
(``raw``) and no value: it is never resolved against today.

Example::

    [d.value for d in find_dates("وصل الوفد أمس", ref="2018-10-13")]   # ['2018-10-12']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from rasd.arabic.normalize import normalize, normalize_with_map, original_span


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression.

    Attributes:
        start: offset of the first character (in the text given, plus ``offset``).
        end: offset after the last character.
        raw: the words as written.
        value: ISO date at the precision given, or ``None`` when it cannot be resolved.
        relative: the expression needs a reference date (أمس، الخميس الماضي).
    """

    start: int
    end: int
    raw: str
    value: str | None
    relative: bool


# ------------------------------------------------------------------ vocabulary (normalized)

_GREGORIAN = {
    "يناير": 1, "جانفي": 1, "فبراير": 2, "فيفري": 2, "مارس": 3, "ابريل": 4, "افريل": 4,
    "مايو": 5, "ماي": 5, "يونيو": 6, "يونيه": 6, "جوان": 6, "يوليو": 7, "يوليه": 7,
    "جويليه": 7, "اغسطس": 8, "اوت": 8, "سبتمبر": 9, "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
}  # fmt: skip
_LEVANTINE = {
    "كانون الثاني": 1, "شباط": 2, "اذار": 3, "نيسان": 4, "ايار": 5, "حزيران": 6, "تموز": 7,
    "اب": 8, "ايلول": 9, "تشرين الاول": 10, "تشرين اول": 10, "تشرين الثاني": 11,
    "تشرين ثاني": 11, "كانون الاول": 12, "كانون اول": 12,
}  # fmt: skip
_HIJRI = {
    "محرم": 1, "صفر": 2, "ربيع الاول": 3, "ربيع الاخر": 4, "ربيع الثاني": 4,
    "جمادي الاولي": 5, "جمادي الاول": 5, "جمادي الاخره": 6, "جمادي الثانيه": 6,
    "جمادي الاخر": 6, "رجب": 7, "شعبان": 8, "رمضان": 9, "شوال": 10, "ذو القعده": 11,
    "ذي القعده": 11, "ذو الحجه": 12, "ذي الحجه": 12,
}  # fmt: skip
_WEEKDAYS = {"الاثنين": 0, "الثلاثاء": 1, "الاربعاء": 2, "الخميس": 3, "الجمعه": 4, "السبت": 5, "الاحد": 6}
_UNITS = {"يوم": 1, "ايام": 1, "يومين": 1, "اسبوع": 7, "اسابيع": 7, "اسبوعين": 7, "شهر": 30, "اشهر": 30,
          "شهور": 30, "شهرين": 30, "عام": 365, "اعوام": 365, "عامين": 365, "سنه": 365, "سنوات": 365,
          "سنتين": 365}  # fmt: skip
_NUMBER_WORDS = {"واحد": 1, "واحده": 1, "ثلاثه": 3, "ثلاث": 3, "اربعه": 4, "اربع": 4, "خمسه": 5,
                 "خمس": 5, "سته": 6, "ست": 6, "سبعه": 7, "سبع": 7, "ثمانيه": 8, "ثماني": 8,
                 "تسعه": 9, "تسع": 9, "عشره": 10, "عشر": 10}  # fmt: skip
_ORDINALS_1_10 = ["الاول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع", "العاشر"]
_UNITS_ORD = ["الحادي", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع"]


def _ordinals() -> dict[str, int]:
    out = {w: i + 1 for i, w in enumerate(_ORDINALS_1_10)}
    for i, w in enumerate(_UNITS_ORD, start=1):
        out[f"{w} عشر"] = 10 + i
    out["العشرين"] = 20
    out["الثلاثين"] = 30
    for i, w in enumerate(_UNITS_ORD, start=1):
        out[f"{w} والعشرين"] = 20 + i
    out["الحادي والثلاثين"] = 31
    return out


_ORD = _ordinals()

_PAST = "(?:الماضي|الماضيه|المنصرم|المنصرمه|الفائت|الفائته|السابق)"
_NEXT = "(?:المقبل|المقبله|القادم|القادمه)"
_THIS = "(?:الجاري|الجاريه|الحالي|الحاليه)"


def _alt(words: object) -> str:
    items = sorted(words, key=len, reverse=True)  # type: ignore[call-overload]
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items)


_GMONTH = _alt(_GREGORIAN)
_LMONTH = _alt(_LEVANTINE)
_HMONTH = _alt(_HIJRI)
_ORDW = _alt(_ORD)
_DAYNUM = r"(?:[0-2]?[0-9]|3[01])"
_B = r"(?<![\w])"
_E = r"(?![\w])"
# a relative word may carry the conjunction و/ف (وأمس قتل …، واليوم): the date starts after it
_BC = r"(?:(?<![\w])|(?<=(?<![\w])[وف]))"

# a Gregorian month written in one or both systems: أكتوبر/تشرين الأول، أغسطس (آب)، آذار (مارس)
_MONTH_PAIR = (
    rf"(?P<m1>{_GMONTH}|{_LMONTH})"
    rf"(?:\s*(?:/|\(|-|،)\s*(?P<m2>{_GMONTH}|{_LMONTH})\s*\)?)?"
)

_PATTERNS: list[tuple[str, str]] = [
    # numeric dates
    ("iso", rf"{_B}(?P<y>(?:19|20)\d\d)-(?P<mo>[01]?\d)-(?P<d>[0-3]?\d){_E}"),
    ("dmy", rf"{_B}(?P<d>[0-3]?\d)\s*[/.-]\s*(?P<mo>[01]?\d)\s*[/.-]\s*(?P<y>(?:19|20)\d\d){_E}"),
    # Hijri: 15 رمضان 1436 هـ
    ("hijri", rf"{_B}(?:(?P<d>{_DAYNUM})\s+)?(?P<hm>{_HMONTH})\s+(?:(?:من\s+)?(?:العام|عام|سنه)\s+)?(?P<y>1[34]\d\d)(?:\s*(?:هـ|ه|هجريه|للهجره))?{_E}"),
    # day month [year]: 20 أكتوبر/تشرين الأول 2018، الثاني من أكتوبر
    ("dm", rf"{_B}(?:(?P<d>{_DAYNUM})|(?P<od>{_ORDW})\s+من)\s+(?:شهر\s+)?{_MONTH_PAIR}(?:\s+(?:من\s+)?(?:العام\s+|عام\s+)?(?P<y>(?:19|20)\d\d))?(?:\s+(?P<rel>{_PAST}|{_NEXT}|{_THIS}))?{_E}"),
    # month [year] or month + الماضي/الجاري: يوليو (تموز) الحالي، مارس 2018، منتصف يوليو
    ("m", rf"{_B}(?:(?P<part>مطلع|منتصف|اواسط|اواخر|اوائل|نهايه|بدايه|اخر)\s+)?(?:شهر\s+)?{_MONTH_PAIR}(?:\s+(?:من\s+)?(?:العام\s+|عام\s+)?(?P<y>(?:19|20)\d\d)|\s+(?P<rel>{_PAST}|{_NEXT}|{_THIS}))?{_E}"),
    ("year", rf"{_B}(?:في\s+)?(?:العام|عام|سنه)\s+(?P<y>(?:19|20)\d\d){_E}"),
    # relative words
    ("dby", rf"{_BC}(?:اول\s+(?:من\s+)?امس|امس\s+الاول){_E}"),
    ("yesterday", rf"{_BC}(?:(?:صباح|مساء|ظهر|فجر|ليل|ليله|عصر)\s+)?(?:امس|بالامس|البارحه){_E}"),
    ("lastnight", rf"{_B}(?:الليله|ليله)\s+(?:الماضيه|البارحه){_E}"),
    ("today", rf"{_BC}(?:(?:صباح|مساء|ظهر|فجر|ليل|عصر)\s+)?(?:اليوم|الليله){_E}(?!\s+(?:الاول|الثاني|الثالث|التالي|العالمي|الوطني|الدولي))"),
    ("dat", rf"{_B}بعد\s+غد{_E}"),
    ("tomorrow", rf"{_B}(?:(?:صباح|مساء)\s+)?(?:غدا|الغد){_E}"),
    ("weekday", rf"{_B}(?:يوم\s+)?(?P<wd>{_alt(_WEEKDAYS)})(?:\s+(?P<rel>{_PAST}|{_NEXT}))?{_E}"),
    ("period", rf"{_B}(?:(?P<part>مطلع|منتصف|اواسط|اواخر|اوائل|نهايه|بدايه|مطلع)\s+)?(?:(?P<this>هذا|هذه)\s+)?(?P<unit>الاسبوع|الشهر|العام|السنه)(?:\s+(?P<rel>{_PAST}|{_NEXT}|{_THIS}))?{_E}"),
    ("ago", rf"{_B}قبل\s+(?:(?P<n>\d+|{_alt(_NUMBER_WORDS)})\s+)?(?P<u>{_alt(_UNITS)})(?:\s+(?:واحد|واحده))?{_E}"),
]
_REGEX = re.compile("|".join(f"(?P<_{name}>{pat.replace('(?P<', f'(?P<{name}_')})" for name, pat in _PATTERNS))


def _group(m: re.Match[str], kind: str, name: str) -> str | None:
    return m.groupdict().get(f"{kind}_{name}")


def _as_date(ref: str | date | None) -> date | None:
    if ref is None or isinstance(ref, date):
        return ref
    try:
        return date.fromisoformat(ref[:10])
    except ValueError:
        return None


def _month(name: str | None) -> int | None:
    if not name:
        return None
    key = " ".join(name.split())
    return _GREGORIAN.get(key) or _LEVANTINE.get(key)


def _shift_month(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    return date(d.year + y, m + 1, 1)


def _infer_year(month: int, day: int | None, ref: date | None, rel: str | None) -> int | None:
    """The year of a day-month without a year: the one that puts it near the article's date."""
    if ref is None:
        return None
    year = ref.year
    if rel and re.fullmatch(_PAST, rel):
        return year if (month, day or 1) <= (ref.month, ref.day) else year - 1
    if rel and re.fullmatch(_NEXT, rel):
        return year if (month, day or 31) >= (ref.month, ref.day) else year + 1
    # a month more than two months after the article's date is last year's
    if (month - ref.month) % 12 > 2 and month > ref.month:
        return year - 1
    if month < ref.month - 9:  # early next year, written in December
        return year + 1
    return year


def _ymd(y: int, m: int, d: int | None) -> str | None:
    if d is None:
        return f"{y:04d}-{m:02d}"
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _hijri(y: int, m: int, d: int | None) -> str | None:
    try:
        from hijridate import Hijri
    except ImportError:  # pragma: no cover - hijridate is a dependency
        return None
    try:
        g = Hijri(y, m, d or 1).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return g.isoformat() if d else f"{g.year:04d}-{g.month:02d}"


def _week(d: date) -> str:
    iso = d.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}"


def _resolve(kind: str, m: re.Match[str], ref: date | None) -> tuple[str | None, bool]:
    g = lambda name: _group(m, kind, name)  # noqa: E731
    if kind in ("iso", "dmy"):
        return _ymd(int(g("y") or 0), int(g("mo") or 0), int(g("d") or 0)), False
    if kind == "hijri":
        hm = _HIJRI.get(" ".join((g("hm") or "").split()))
        hday = int(g("d") or 0) or None
        return (_hijri(int(g("y") or 0), hm, hday) if hm else None), False
    if kind in ("dm", "m"):
        month = _month(g("m1")) or _month(g("m2"))
        if month is None:
            return None, False
        day: int | None = None
        if kind == "dm":
            day = int(g("d") or 0) or _ORD.get(" ".join((g("od") or "").split()))
        year = int(g("y") or 0) or None
        relative = year is None
        if year is None:
            year = _infer_year(month, day, ref, g("rel"))
        if year is None:
            return None, True
        return _ymd(year, month, day), relative
    if kind == "year":
        return g("y"), False
    if ref is None:
        return None, True
    if kind == "dby":
        return (ref - timedelta(days=2)).isoformat(), True
    if kind in ("yesterday", "lastnight"):
        return (ref - timedelta(days=1)).isoformat(), True
    if kind == "today":
        return ref.isoformat(), True
    if kind == "tomorrow":
        return (ref + timedelta(days=1)).isoformat(), True
    if kind == "dat":
        return (ref + timedelta(days=2)).isoformat(), True
    if kind == "weekday":
        wd = _WEEKDAYS[g("wd") or ""]
        rel = g("rel") or ""
        if rel and re.fullmatch(_NEXT, rel):
            delta = (wd - ref.weekday()) % 7 or 7
            return (ref + timedelta(days=delta)).isoformat(), True
        delta = (ref.weekday() - wd) % 7
        if rel and delta == 0:
            delta = 7
        return (ref - timedelta(days=delta)).isoformat(), True
    if kind == "period":
        unit, rel = g("unit"), g("rel") or ""
        if not rel and not g("this") and not g("part"):
            return None, True  # "the week" alone is no date
        step = -1 if re.fullmatch(_PAST, rel or "-") else 1 if re.fullmatch(_NEXT, rel or "-") else 0
        if unit == "الاسبوع":
            return _week(ref + timedelta(days=7 * step)), True
        if unit == "الشهر":
            first = _shift_month(ref, step)
            return f"{first.year:04d}-{first.month:02d}", True
        return f"{ref.year + step:04d}", True
    if kind == "ago":
        n_text = g("n")
        unit = " ".join((g("u") or "").split())
        n = int(n_text) if n_text and n_text.isdigit() else _NUMBER_WORDS.get(n_text or "", 0)
        if not n:
            n = 2 if unit.endswith(("ين", "ان")) else 1
        days = n * _UNITS.get(unit, 1)
        then = ref - timedelta(days=days)
        if _UNITS.get(unit, 1) >= 365:
            return f"{then.year:04d}", True
        if _UNITS.get(unit, 1) >= 30:
            return f"{then.year:04d}-{then.month:02d}", True
        return then.isoformat(), True
    return None, True


_MONTH_LEAD = ("في", "خلال", "منذ", "شهر", "حتى", "اواخر", "مطلع", "منتصف", "بدايه", "نهايه")


def _month_context(m: re.Match[str], norm: str) -> bool:
    """A month name alone is a date only with a year, a pair, a qualifier or a lead word."""
    if any(_group(m, "m", k) for k in ("y", "rel", "part", "m2")):
        return True
    before = norm[max(0, m.start() - 8) : m.start()].split()
    return bool(before) and before[-1] in _MONTH_LEAD


def find_dates(text: str, offset: int = 0, ref: str | date | None = None) -> list[DateMention]:
    """Date expressions of ``text`` in order, resolved against ``ref`` (the article's date).

    Args:
        text: the text to search (a sentence or a whole body).
        offset: added to every offset (when ``text`` is a slice of a body).
        ref: the article's publication date (``YYYY-MM-DD``); relative words stay unresolved
            without it.
    """
    norm, offsets = normalize_with_map(text)
    ref_d = _as_date(ref)
    out: list[DateMention] = []
    for m in _REGEX.finditer(norm):
        kind = (m.lastgroup or "_")[1:]
        if kind == "m" and not _month_context(m, norm):
            continue
        a, b = original_span(offsets, m.start(), m.end())
        value, relative = _resolve(kind, m, ref_d)
        out.append(DateMention(a + offset, b + offset, text[a:b], value, relative))
    return out


_TRIGGERS = frozenset(
    [*_GREGORIAN, *(m.split()[0] for m in _LEVANTINE), *(m.split()[-1] for m in _HIJRI), *_WEEKDAYS,
     *(w[2:] for w in _WEEKDAYS), "امس", "بالامس", "اليوم", "الليله", "غدا", "الغد", "البارحه", "الاسبوع",
     "الشهر", "العام", "السنه", "عام", "قبل", "غد", "ليله", "اب", "ماي"]
)  # fmt: skip
_DIGIT_RE = re.compile(r"[0-9\u0660-\u0669\u06f0-\u06f9]")


def date_trigger(norm: str) -> bool:
    """Whether a normalized word can start or anchor a date expression."""
    return norm in _TRIGGERS or norm.lstrip("وفب") in _TRIGGERS or norm[:1].isdigit()


def may_have_date(text: str) -> bool:
    """A cheap test: could ``text`` hold a date expression (a digit or a date word)?"""
    if _DIGIT_RE.search(text):
        return True
    return any(normalize(w).lstrip("وفب") in _TRIGGERS or normalize(w) in _TRIGGERS for w in text.split())


def is_weekday(norm: str) -> bool:
    """Whether a normalized word is a day of the week (الخميس، الجمعه)."""
    return norm in _WEEKDAYS


@lru_cache(maxsize=4096)
def is_date_word(word: str) -> bool:
    """Whether a single word is a relative date word (أمس، الخميس، اليوم)."""
    n = normalize(word)
    return n in _WEEKDAYS or n in ("امس", "اليوم", "غدا", "البارحه", "بالامس")


PLAUSIBLE_YEARS = 10
"""How far before its article an event's date may lie and still be the date of an event the
article reports; an earlier one (``1944`` in a 2018 story: a founding year, a birth, "since")
is kept as words only."""

_VALUE = re.compile(r"(\d{4})(?:-(W?)(\d{2})(?:-(\d{2}))?)?")


def date_bounds(value: str) -> tuple[date, date] | None:
    """First and last day of an ISO value at its precision (``2018``, ``2018-04``,
    ``2018-W15``, ``2018-04-12``); None when it is none of those."""
    m = _VALUE.fullmatch(value)
    if m is None:
        return None
    year, week, middle, day = int(m.group(1)), m.group(2), m.group(3), m.group(4)
    try:
        if middle is None:
            return date(year, 1, 1), date(year, 12, 31)
        if week:
            if day:
                return None
            monday = date.fromisocalendar(year, int(middle), 1)
            return monday, monday + timedelta(days=6)
        month = int(middle)
        if day:
            d = date(year, month, int(day))
            return d, d
        first = date(year, month, 1)
        return first, _shift_month(first, 1) - timedelta(days=1)
    except ValueError:
        return None


def date_relation(value: str | None, article_date: str | None) -> str | None:
    """Where an event's date lies against its article's publication date.

    Returns ``after`` (it begins after the article was published: the event is to come),
    ``implausible`` (it ends more than :data:`PLAUSIBLE_YEARS` before publication), ``before``
    (it ends in an earlier year, or before the month two months back: reported as past),
    ``around`` (the rest) or None when either date is missing or unreadable.
    """
    if not value or not article_date:
        return None
    bounds, ref = date_bounds(value), _as_date(article_date)
    if bounds is None or ref is None:
        return None
    first, last = bounds
    if first > ref:
        return "after"
    try:
        horizon = ref.replace(year=ref.year - PLAUSIBLE_YEARS)
    except ValueError:  # 29 February
        horizon = ref.replace(year=ref.year - PLAUSIBLE_YEARS, day=28)
    if last < horizon:
        return "implausible"
    if last.year < ref.year or last < _shift_month(ref, -2):
        return "before"
    return "around"
