"""The PLOVER ontology data file and the codebook version in every output."""

from __future__ import annotations

from tests.events.helpers import code, country

from rasd.events.ontology import codebook_version, load_ontology

PLOVER_TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}  # fmt: skip


def test_the_sixteen_types() -> None:
    assert set(load_ontology().types) == PLOVER_TYPES


def test_quad_classes_order_cooperation_before_conflict() -> None:
    onto = load_ontology()
    assert onto.types["CONSULT"].quad == 1
    assert onto.types["AID"].quad == 2
    assert onto.types["ACCUSE"].quad == 3
    assert onto.types["ASSAULT"].quad == 4


def test_scores_run_from_cooperation_to_conflict() -> None:
    onto = load_ontology()
    assert onto.types["AID"].score > onto.types["CONSULT"].score > 0
    assert onto.types["ASSAULT"].score < onto.types["PROTEST"].score < 0
    assert all(-10 <= t.score <= 10 for t in onto.types.values())


def test_cameo_crosswalk_roots() -> None:
    onto = load_ontology()
    assert onto.cameo_root("CONSULT") == "04"
    assert onto.cameo_root("ASSAULT") == "18"
    assert onto.cameo_codes("CONSULT", "phone") == ("041",)


def test_consult_is_reciprocal() -> None:
    assert load_ontology().types["CONSULT"].reciprocal


def test_modes_are_checked() -> None:
    onto = load_ontology()
    assert onto.valid_mode("CONSULT", "visit")
    assert not onto.valid_mode("CONSULT", "aerial")


def test_codebook_version_in_document_meta() -> None:
    doc = code("دعمت روسيا سوريا.", [country("روسيا", "RUS"), country("سوريا", "SYR")])
    assert doc.meta["codebook"] == codebook_version()
