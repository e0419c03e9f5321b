from hypothesis import given
from hypothesis import strategies as st

from rasd.arabic.sentences import split_sentences


def _texts(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


def test_full_stops_end_sentences() -> None:
    assert _texts("وصل الوفد. وبدأت المحادثات.") == ["وصل الوفد.", "وبدأت المحادثات."]


def test_arabic_question_mark_ends_a_sentence() -> None:
    assert _texts("هل انتهت الحرب؟ لا أحد يعرف.") == ["هل انتهت الحرب؟", "لا أحد يعرف."]


def test_paragraphs_are_sentence_boundaries() -> None:
    assert _texts("السطر الأول\nالسطر الثاني") == ["السطر الأول", "السطر الثاني"]


def test_full_stop_inside_guillemets_does_not_split() -> None:
    text = "وقال: «نحن مستمرون. ولن نتراجع» ثم غادر."
    assert _texts(text) == [text]


def test_full_stop_inside_curly_quotes_does_not_split() -> None:
    text = "وأضاف “الوضع خطير. علينا التحرك” في بيان."
    assert _texts(text) == [text]


def test_closing_quote_after_full_stop_stays_with_sentence() -> None:
    assert _texts("قال «انتهى الأمر.» ثم صمت.") == ["قال «انتهى الأمر.» ثم صمت."]


def test_single_letter_abbreviation_does_not_split() -> None:
    text = "قال د. أحمد إن الوضع مستقر."
    assert _texts(text) == [text]


def test_decimal_number_does_not_split() -> None:
    text = "ارتفع النمو إلى 3.5 في المئة."
    assert _texts(text) == [text]


def test_unbalanced_quote_does_not_swallow_the_paragraph() -> None:
    assert _texts("قال «نحن هنا. وسنبقى. وانتهى") == ["قال «نحن هنا.", "وسنبقى.", "وانتهى"]


def test_sentences_carry_paragraph_numbers() -> None:
    sents = split_sentences("وصل الوفد.\n\nبدأت المحادثات. وانتهت مساء.")
    assert [s.paragraph for s in sents] == [0, 1, 1]


@given(st.text(alphabet=st.sampled_from(list("ابت ثج.؟!«»“”\"\n\u200e٣a")), max_size=80))
def test_spans_are_trimmed_substrings_in_order(text: str) -> None:
    prev = 0
    for s in split_sentences(text):
        piece = text[s.start : s.end]
        assert piece and piece == piece.strip()
        assert s.start >= prev
        prev = s.end
