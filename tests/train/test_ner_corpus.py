"""Gold entity mentions turned into the tagger's token labels."""

from __future__ import annotations

from pathlib import Path

from rasd.eval.gold import parse_gold
from rasd.model import Article, Document
from rasd.pipeline import text_stage
from rasd.train.ner_corpus import label_document, write_conll


def _gold(entities: list[dict[str, object]]):  # type: ignore[no-untyped-def]
    return parse_gold({"format": "gold/1", "entities": entities, "quotes": [], "events": []}, Path("x.gold.json"))


def _labels(text: str, entities: list[dict[str, object]]) -> list[tuple[str, str]]:
    doc = text_stage(Document(article=Article(body=text)))
    return [pair for tokens, tags in label_document(doc, _gold(entities)) for pair in zip(tokens, tags, strict=True)]


def test_a_full_name_is_labelled_begin_inside() -> None:
    pairs = _labels("التقى فيصل المقداد الوزير.", [{"name": "فيصل المقداد", "type": "PER", "mentions": ["فيصل المقداد"]}])
    assert pairs[1:3] == [("فيصل", "B-PERS"), ("المقداد", "I-PERS")]


def test_a_mention_with_a_proclitic_is_labelled_whole() -> None:
    pairs = _labels("ووصل المقداد إلى طهران وبطهران التقى.", [{"name": "طهران", "type": "LOC", "mentions": ["طهران"]}])
    assert ("وبطهران", "B-LOC") in pairs and ("طهران", "B-LOC") in pairs


def test_the_longer_name_wins_over_the_name_inside_it() -> None:
    ents = [
        {"name": "وزارة الخارجية الإيرانية", "type": "ORG", "mentions": ["وزارة الخارجية الإيرانية"]},
        {"name": "إيران", "type": "LOC", "mentions": ["الإيرانية"]},
    ]
    pairs = _labels("قالت وزارة الخارجية الإيرانية إن.", ents)
    assert [t for _, t in pairs[1:4]] == ["B-ORG", "I-ORG", "I-ORG"]


def test_named_events_take_the_misc_label() -> None:
    pairs = _labels("قبيل أستانا 7 بيوم.", [{"name": "أستانا 7", "type": "EVENT", "mentions": ["أستانا 7"]}])
    assert [t for _, t in pairs[1:3]] == ["B-MISC", "I-MISC"]


def test_other_words_are_outside() -> None:
    pairs = _labels("ارتفعت الأسعار أمس.", [{"name": "طهران", "type": "LOC", "mentions": ["طهران"]}])
    assert {t for _, t in pairs} == {"O"}


def test_the_conll_file_has_one_token_a_line_and_blank_lines_between_sentences(tmp_path: Path) -> None:
    out = tmp_path / "c.conll"
    write_conll([(["التقى", "المقداد"], ["O", "B-PERS"]), (["أمس"], ["O"])], out)
    assert out.read_text(encoding="utf-8") == "التقى O\nالمقداد B-PERS\n\nأمس O\n\n"
