"""Countries for the actors the knowledge base does not know, from the article."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasd.actors.country_ranking import (
    COUNTRIES_ENV,
    ArticleCountries,
    CountryModel,
    assign,
    candidates_for,
    country_ranking,
)
from rasd.learn.linear import LinearModel, ModelFileError
from rasd.model import Article, Document
from rasd.pipeline import Pipeline

TEXT = "وقالت الفنانة الأمريكية تارين سيمون إن المعرض في جامعة زامبيا كان ناجحا."


@pytest.fixture
def doc(monkeypatch: pytest.MonkeyPatch) -> Document:
    monkeypatch.setenv(COUNTRIES_ENV, "rules")
    return Pipeline(until="actors")(Article(body=TEXT))


def _entity(doc: Document, name: str):  # type: ignore[no-untyped-def]
    return next(e for e in doc.entities if e.name == name)


def test_a_nationality_before_the_name_is_offered(doc: Document) -> None:
    cands = candidates_for(ArticleCountries(doc), _entity(doc, "تارين سيمون"))
    usa = next(c for c in cands if c.code == "USA")
    assert any(h.startswith("nisba") for h in usa.how)


def test_a_country_inside_the_name_is_offered() -> None:
    from rasd.actors.country_ranking import _in_name

    assert ("ZMB", "in_name_country") in _in_name("جامعة زامبيا")


def test_nobody_is_always_a_candidate(doc: Document) -> None:
    assert candidates_for(ArticleCountries(doc), _entity(doc, "تارين سيمون"))[-1].code == "∅"


def _model(threshold: float = 0.0) -> CountryModel:
    return CountryModel(LinearModel(["yes"], {"nisba_before": ((0, 3.0),), "nisba_just_before": ((0, 3.0),), "none": ((0, 1.0),)}, [0.0]), threshold=threshold)


def test_the_ranking_gives_the_nationality_beside_the_name(doc: Document) -> None:
    person = _entity(doc, "تارين سيمون")
    assert person.country is None
    assign(_model(), doc)
    assert person.country == "USA"


def test_an_unsure_ranking_leaves_the_actor_without_a_country(doc: Document) -> None:
    person = _entity(doc, "تارين سيمون")
    assign(_model(threshold=1.1), doc)
    assert person.country is None


def test_a_missing_country_model_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ModelFileError, match="rasd train countries"):
        CountryModel.load(tmp_path / "countries.model.json")


def test_an_unknown_choice_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(COUNTRIES_ENV, "guess")
    with pytest.raises(ValueError, match="RASD_COUNTRIES"):
        country_ranking()
