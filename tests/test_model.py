import pytest

from rasd.model import (
    Actor,
    Article,
    Document,
    Event,
    Mention,
    Quote,
    SchemaError,
    Span,
    content_id,
)


def _doc() -> Document:
    body = "قال المقداد إن سورية تدعم العراق."
    article = Article(body=body, headline="عنوان", headline_parts=["عنوان"])
    actor = Actor("e1", "فيصل المقداد", "PER", country="SYR", sector="GOV", mentions=[Mention(4, 11, "PER", "gazetteer")])
    quote = Quote("q1", "e1", "المقداد", Span(0, 3), Span(15, 33), "indirect")
    event = Event("v1", "SUPPORT", actors=["e1"], evidence=[Span(15, 33)], cue=Span(21, 25))
    return Document(article=article, entities=[actor], quotes=[quote], events=[event])


def test_article_id_is_a_content_hash() -> None:
    assert Article(body="نص").id == content_id("نص") and len(content_id("نص")) == 16


def test_span_rejects_negative_length() -> None:
    with pytest.raises(ValueError):
        Span(5, 2)


def test_json_carries_schema_and_span_texts() -> None:
    d = _doc().to_dict()
    assert d["schema"] == "rasd/1"
    assert d["entities"][0]["mentions"][0]["text"] == "المقداد"
    assert d["quotes"][0]["content"]["text"] == "سورية تدعم العراق."


def test_round_trip_keeps_every_layer() -> None:
    doc = _doc()
    again = Document.from_dict(doc.to_dict())
    assert again.to_dict() == doc.to_dict()


def test_from_dict_refuses_a_span_of_another_body() -> None:
    d = _doc().to_dict()
    d["entities"][0]["mentions"][0]["text"] = "طهران"
    with pytest.raises(SchemaError):
        Document.from_dict(d)


def test_from_dict_refuses_another_schema() -> None:
    with pytest.raises(SchemaError):
        Document.from_dict({"schema": "other/2", "article": {"body": "x"}})
