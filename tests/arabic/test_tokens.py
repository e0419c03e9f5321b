from hypothesis import given
from hypothesis import strategies as st

from rasd.arabic.tokens import tokenize


def _pieces(word: str) -> list[tuple[str, str]]:
    (tok,) = tokenize(word)
    return [(word[s.start : s.end], s.role) for s in tok.segments]


def test_punctuation_is_separated() -> None:
    text = "قال:«نعم»،"
    assert [text[t.start : t.end] for t in tokenize(text)] == ["قال", ":", "«", "نعم", "»", "،"]


def test_conjunction_before_a_place_is_split() -> None:
    assert _pieces("وطهران") == [("و", "conj"), ("طهران", "stem")]


def test_preposition_before_a_place_is_split() -> None:
    assert _pieces("بطهران") == [("ب", "prep"), ("طهران", "stem")]


def test_lam_before_a_country_is_split() -> None:
    assert _pieces("لسورية") == [("ل", "prep"), ("سورية", "stem")]


def test_conjunction_and_article_are_split() -> None:
    assert _pieces("والمقداد") == [("و", "conj"), ("ال", "det"), ("مقداد", "stem")]


def test_lam_lam_is_preposition_and_article() -> None:
    assert _pieces("للإرهابيين") == [("ل", "prep"), ("ل", "det"), ("إرهابيين", "stem")]


def test_attached_pronoun_is_split() -> None:
    assert _pieces("دعمها") == [("دعم", "stem"), ("ها", "pron")]


def test_future_marker_is_split() -> None:
    assert _pieces("ستدعم") == [("س", "fut"), ("تدعم", "stem")]


def test_word_that_starts_with_waw_is_not_split() -> None:
    assert _pieces("وزير") == [("وزير", "stem")]


def test_name_that_looks_like_a_clitic_is_not_split() -> None:
    assert _pieces("ولايتي") == [("ولايتي", "stem")]


def test_diacritics_stay_inside_pieces() -> None:
    word = "وَطَهْرَانُ"
    pieces = _pieces(word)
    assert "".join(p for p, _ in pieces) == word
    assert pieces[0][1] == "conj"


def test_lam_with_tatweel_is_a_preposition_token() -> None:
    text = "لـ«جهة"
    toks = tokenize(text)
    assert [text[t.start : t.end] for t in toks] == ["لـ", "«", "جهة"]
    assert toks[0].segments[0].role == "prep"


def test_numbers_keep_decimal_points() -> None:
    text = "بلغ 3.5 مليار و٢٠١٧"
    assert [t.kind for t in tokenize(text)] == ["ar", "num", "ar", "ar", "num"]


def test_offset_shifts_every_span() -> None:
    body = "مقدمة. وطهران"
    toks = tokenize(body[7:], 7)
    assert body[toks[0].start : toks[0].end] == "وطهران"
    assert body[toks[0].segments[1].start : toks[0].segments[1].end] == "طهران"


@given(st.text(alphabet=st.sampled_from(list("ابتثجحخدسشعغفقكلمنهويءأإآةىًٌَُِّـ٠١٢34ab .،:«»\"\n\u200e\u200cﻻ")), max_size=80))
def test_tokens_and_segments_reproduce_the_text(text: str) -> None:
    for tok in tokenize(text):
        surface = text[tok.start : tok.end]
        assert surface and not surface.isspace()
        if tok.segments:
            assert "".join(text[s.start : s.end] for s in tok.segments) == surface


def test_word_pieces_are_the_normalized_slices_with_or_without_marks() -> None:
    from rasd.arabic.normalize import normalize
    from rasd.arabic.tokens import _fold, _word, segment_word

    words = ["والمقداد", "وَالمِقدَاد", "بالـمدينة", "للأمم", "ﻻجئين", "حكومته", "وزير", "سيدعمها", "ﷲ"]
    for w in words:
        norm, pieces = _word(w)
        assert norm == normalize(w)
        assert [(a, b, role) for a, b, role, _ in pieces] == list(segment_word(w))
        assert [pn for *_, pn in pieces] == [normalize(w[a:b]) for a, b, *_ in pieces]
        assert _fold(w) == "".join(_fold(ch) for ch in w)
    # diacritics and tatweel do not change the split
    assert [r for *_, r in segment_word("وَالمِقدَاد")] == [r for *_, r in segment_word("والمقداد")]


def test_ba_before_a_name_starting_with_lam_is_split() -> None:
    # Lavrov is a rare word; the preposition before him used to stay attached
    assert _pieces("بلافروف") == [("ب", "prep"), ("لافروف", "stem")]


def test_lam_before_a_rare_name_is_split() -> None:
    assert _pieces("للافروف") == [("ل", "prep"), ("لافروف", "stem")]


def test_kaf_before_a_rare_name_is_split() -> None:
    assert _pieces("كظريف") == [("ك", "prep"), ("ظريف", "stem")]


def test_conjunction_and_preposition_before_a_rare_name_are_split() -> None:
    assert _pieces("وبلافروف") == [("و", "conj"), ("ب", "prep"), ("لافروف", "stem")]


def test_a_name_that_begins_like_a_preposition_stays_whole() -> None:
    for word in ("بشار", "لبنان", "بيروت", "كريم", "بريطانيا", "كلاوس"):
        assert _pieces(word) == [(word, "stem")], word


def test_the_name_list_is_built_from_the_knowledge_base() -> None:
    import importlib.util
    from pathlib import Path

    script = Path(__file__).resolve().parents[2] / "scripts" / "build_name_stems.py"
    spec = importlib.util.spec_from_file_location("build_name_stems", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    from rasd.arabic.tokens import name_stems

    assert set(module.name_stems()) == name_stems(), "rebuild it: python scripts/build_name_stems.py"
