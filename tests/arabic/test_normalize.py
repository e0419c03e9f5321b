from hypothesis import given
from hypothesis import strategies as st

from rasd.arabic.normalize import (
    dediacritize,
    normalize,
    normalize_alef,
    normalize_digits,
    normalize_with_map,
    original_span,
)


def test_alef_forms_fold_to_bare_alef() -> None:
    assert normalize("أإآٱ") == "اااا"


def test_alef_maqsura_becomes_yeh() -> None:
    assert normalize("على") == "علي"


def test_teh_marbuta_becomes_heh() -> None:
    assert normalize("سورية") == "سوريه"


def test_diacritics_and_tatweel_are_dropped() -> None:
    assert normalize("أكّدَ الرئيـــسُ") == "اكد الرئيس"


def test_arabic_indic_and_persian_digits_become_ascii() -> None:
    assert normalize("٢٠١٧ و۲۰۱۸") == "2017 و2018"


def test_presentation_forms_are_decomposed() -> None:
    assert normalize("ﻻ") == "لا"


def test_invisible_direction_marks_are_dropped() -> None:
    assert normalize("\u200eسوريا\u200f") == "سوريا"


def test_latin_is_lower_cased() -> None:
    assert normalize("CNN") == "cnn"


def test_map_points_back_to_original_characters() -> None:
    text = "وأكّد المقداد"
    norm, offsets = normalize_with_map(text)
    start = norm.index("المقداد")
    a, b = original_span(offsets, start, start + len("المقداد"))
    assert text[a:b] == "المقداد"


def test_dediacritize_keeps_letters() -> None:
    assert dediacritize("إِيرانُ") == "إيران"


def test_normalize_alef_only_touches_alef() -> None:
    assert normalize_alef("إيران سورية") == "ايران سورية"


def test_normalize_digits_only_touches_digits() -> None:
    assert normalize_digits("عام ٢٠١٧") == "عام 2017"


@given(st.text(alphabet=st.sampled_from(list("ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآةىًٌٍَُِّْـ٠١٢ ﻻ\u200e.«»")), max_size=60))
def test_map_length_matches_normalized_text(text: str) -> None:
    norm, offsets = normalize_with_map(text)
    assert len(offsets) == len(norm) + 1
    assert all(0 <= o <= len(text) for o in offsets)
    assert offsets == sorted(offsets)
