"""Tests for the knowledge base files and their loader (rasd.kb)."""

from __future__ import annotations

import json
import re

import pycountry
import pytest

from rasd.arabic.normalize import normalize
from rasd.kb import DEFAULT_PATH, GROUP_CODES, PLACE_KINDS, SECTORS, load_kb

FOCUS = (
    "SYR IRQ IRN TUR RUS USA ISR PSE LBN EGY SAU ARE QAT JOR YEM LBY TUN DZA MAR SDN KWT BHR OMN"
).split()
# Territories with no inhabited capital.
NO_CAPITAL = {"ATA", "ATF", "BVT", "CCK", "HMD", "IOT", "SGS", "TKL", "UMI"}
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@pytest.fixture(scope="module")
def kb():
    return load_kb()


def _ids(kb, surface: str, kind: str) -> set[str]:
    return {t for k, t in kb.lookup(surface) if k == kind}


def test_files_exist():
    for name in (
        "countries.tsv",
        "places.tsv",
        "actors.jsonl",
        "bodies.tsv",
        "titles.tsv",
        "ambiguous.tsv",
    ):
        assert (DEFAULT_PATH / name).is_file(), name


def test_actors_jsonl_lines_are_json_objects():
    for line in (DEFAULT_PATH / "actors.jsonl").read_text(encoding="utf-8").splitlines():
        assert isinstance(json.loads(line), dict)


def test_actor_ids_unique():
    ids = [
        json.loads(x)["id"]
        for x in (DEFAULT_PATH / "actors.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert len(ids) == len(set(ids))


def test_place_ids_unique():
    rows = [
        line.split("\t")[0]
        for line in (DEFAULT_PATH / "places.tsv").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ][1:]
    assert len(rows) == len(set(rows))


def test_load_kb_is_cached():
    assert load_kb() is load_kb()


def test_country_codes_are_iso3(kb):
    iso3 = {c.alpha_3 for c in pycountry.countries} | {"XKX"}
    assert set(kb.countries) <= iso3
    assert len(kb.countries) >= 249


def test_actor_country_codes_valid(kb):
    bad = [
        a.id
        for a in kb.actors.values()
        if a.country is not None and not kb.is_valid_code(a.country)
    ]
    assert bad == []


def test_actor_sectors_valid(kb):
    assert {a.sector for a in kb.actors.values()} <= SECTORS


def test_role_codes_valid(kb):
    for a in kb.actors.values():
        for r in a.roles:
            assert r.sector in SECTORS, a.id
            assert r.country is None or kb.is_valid_code(r.country), a.id


def test_body_and_title_sectors_valid(kb):
    assert {b.sector for b in kb.bodies} <= SECTORS
    assert {t.sector for t in kb.titles if t.sector} <= SECTORS


def test_group_codes_used(kb):
    used = {a.country for a in kb.actors.values()} & GROUP_CODES
    assert {"UNO", "IGO", "EUR", "NGO", "IMG"} <= used


def test_places_have_valid_coordinates(kb):
    for p in kb.places.values():
        assert -90 <= p.lat <= 90 and -180 <= p.lon <= 180, p.id


def test_places_have_a_known_country(kb):
    assert all(p.country in kb.countries for p in kb.places.values())


def test_place_kinds_valid(kb):
    assert {p.kind for p in kb.places.values()} <= set(PLACE_KINDS)


def test_every_country_with_a_capital_has_a_capital_place(kb):
    capitals = {p.country for p in kb.places.values() if p.kind == "capital"}
    missing = [c for c in kb.countries if c not in NO_CAPITAL and c not in capitals]
    assert missing == []


def test_every_inhabited_country_has_capital_ar(kb):
    missing = [
        c.code for c in kb.countries.values() if c.code not in NO_CAPITAL and not c.capital_ar
    ]
    assert missing == []


@pytest.mark.parametrize("code", FOCUS)
def test_focus_country_has_nisba(kb, code):
    assert kb.countries[code].nisba


def test_syria_names(kb):
    syr = kb.countries["SYR"]
    assert {"سوريا", "سورية"} <= set(syr.names)
    assert "سوري" in syr.nisba


def test_usa_nisba_both_spellings(kb):
    assert {"أمريكي", "أميركي"} <= set(kb.countries["USA"].nisba)


def test_irregular_demonyms(kb):
    assert "الأتراك" in kb.countries["TUR"].demonyms
    assert "الصهاينة" in kb.countries["ISR"].demonyms


def test_capital_metonym_lookup(kb):
    assert ("capital", "IRN") in kb.lookup("طهران")
    assert ("capital", "SYR") in kb.lookup("دمشق")


def test_amman_is_flagged_ambiguous(kb):
    amb = kb.ambiguity("عمان")
    assert amb is not None and ("country", "OMN") in amb.readings


def test_tripoli_is_flagged_ambiguous(kb):
    amb = kb.ambiguity("طرابلس")
    assert amb is not None and len(amb.readings) == 2


def test_common_name_never_alone(kb):
    for word in ("عادل", "جمال", "سلام", "أمين"):
        amb = kb.ambiguity(word)
        assert amb is not None and amb.never_alone, word


@pytest.mark.parametrize(
    ("surface", "country", "sector"),
    [
        ("فيصل المقداد", "SYR", "GOV"),
        ("علي لاريجاني", "IRN", "LEG"),
        ("علي أكبر ولايتي", "IRN", "GOV"),
        ("حسين جابري أنصاري", "IRN", "GOV"),
        ("رجب طيب أردوغان", "TUR", "GOV"),
        ("بشار الأسد", "SYR", "GOV"),
        ("حسن روحاني", "IRN", "GOV"),
        ("سيرغي شويغو", "RUS", "GOV"),
        ("فلاديمير بوتين", "RUS", "GOV"),
        ("جون بولتون", "USA", "GOV"),
        ("بنيامين نتنياهو", "ISR", "GOV"),
    ],
)
def test_required_person(kb, surface, country, sector):
    ids = _ids(kb, surface, "actor")
    assert len(ids) == 1, surface
    a = kb.actor(ids.pop())
    assert (a.type, a.country, a.sector) == ("PER", country, sector)


def test_seed_alias_with_alef_maqsura_variant(kb):
    # على أكبر ولايتي (with ى) normalizes like علي أكبر ولايتي
    assert _ids(kb, "على أكبر ولايتي", "actor") == {"irn.gov.velayati_ali_akbar"}


def test_short_alias_is_separate(kb):
    assert _ids(kb, "المقداد", "actor_short") == {"syr.gov.mekdad_faisal"}
    assert not _ids(kb, "المقداد", "actor")


def test_netanyahu_spelling_variants(kb):
    assert _ids(kb, "بنيامين نتانياهو", "actor") == {"isr.gov.netanyahu_benjamin"}


@pytest.mark.parametrize(
    ("surface", "country", "sector"),
    [
        ("سانا", "SYR", "JRN"),
        ("داعش", "IMG", "REB"),
        ("قسد", "SYR", "REB"),
        ("قوات سورية الديمقراطية", "SYR", "REB"),
        ("الجيش العربي السوري", "SYR", "MIL"),
        ("مجلس الشورى الإسلامي", "IRN", "LEG"),
        ("حزب الله", "LBN", "REB"),
        ("الحرس الثوري", "IRN", "MIL"),
        ("الكرملين", "RUS", "GOV"),
        ("مجلس الأمن", "UNO", "GOV"),
        ("الاتحاد الأوروبي", "EUR", "GOV"),
        ("المرصد السوري لحقوق الإنسان", "SYR", "SOC"),
    ],
)
def test_required_organization(kb, surface, country, sector):
    ids = _ids(kb, surface, "actor")
    assert len(ids) == 1, surface
    a = kb.actor(ids.pop())
    assert (a.type, a.country, a.sector) == ("ORG", country, sector)


def test_international_coalition_has_no_country(kb):
    a = kb.actor(_ids(kb, "التحالف الدولي", "actor").pop())
    assert a.country is None and a.sector == "MIL"


@pytest.mark.parametrize("surface", ["البوكمال", "دير الزور", "إدلب", "اللاذقية"])
def test_required_syrian_place(kb, surface):
    places = [kb.place(t) for t in _ids(kb, surface, "place")]
    assert any(p.country == "SYR" and p.kind in ("city", "town") for p in places), surface


def test_place_alias_abu_kamal(kb):
    assert _ids(kb, "أبو كمال", "place") & _ids(kb, "البوكمال", "place")


def test_governorate_present(kb):
    places = [kb.place(t) for t in _ids(kb, "محافظة إدلب", "place")]
    assert any(p.kind == "governorate" and p.country == "SYR" for p in places)


def test_us_state_resolves_without_taking_a_country_name(kb):
    # كاليفورنيا alone is the state; جورجيا alone stays the country, the state is ولاية جورجيا
    assert {kb.place(t).country for t in _ids(kb, "كاليفورنيا", "place")} == {"USA"}
    assert {kb.place(t).country for t in _ids(kb, "ولاية جورجيا", "place")} == {"USA"}
    assert kb.lookup("جورجيا") == [("country", "GEO")]


def test_city_has_admin1(kb):
    p = kb.place(_ids(kb, "البوكمال", "place").pop())
    assert p.admin1_ar == "محافظة دير الزور"


def test_role_dates_well_formed(kb):
    for a in kb.actors.values():
        for r in a.roles:
            for d in (r.start, r.end):
                assert d is None or DATE.match(d), (a.id, d)


def test_role_start_not_after_end(kb):
    for a in kb.actors.values():
        for r in a.roles:
            if r.start and r.end:
                n = min(len(r.start), len(r.end))
                assert r.start[:n] <= r.end[:n], a.id


def test_role_on_date(kb):
    mekdad = kb.actor("syr.gov.mekdad_faisal")
    assert mekdad.role_on("2017-10-25").role_en.startswith("Deputy Minister")
    assert mekdad.role_on("2021-06-01").role_en.startswith("Minister of Foreign")


def test_code_on_date_follows_roles(kb):
    larijani = kb.actor("irn.leg.larijani_ali")
    assert larijani.code_on("2017-10-25") == ("IRN", "LEG")


def test_persons_count(kb):
    assert sum(1 for a in kb.actors.values() if a.type == "PER") >= 600


def test_titles_and_bodies_count(kb):
    assert len(kb.titles) >= 80
    assert 60 <= len(kb.bodies) <= 120


def test_body_lookup(kb):
    assert ("body", "الجيش") in kb.lookup("الجيش")


def test_title_modifier(kb):
    naib = next(t for t in kb.titles if t.title_ar == "نائب")
    assert naib.rank == "modifier"


def test_surface_forms_kinds(kb):
    kinds = {k for _, k, _ in kb.surface_forms()}
    assert {
        "country",
        "nisba",
        "capital",
        "place",
        "actor",
        "actor_short",
        "body",
        "title",
    } <= kinds


def test_lookup_keys_are_normalized(kb):
    assert kb.lookup("إيران") == kb.lookup("ايران")


def test_no_aliases_carry_diacritics(kb):
    harakat = re.compile("[\u064b-\u0652]")
    for a in kb.actors.values():
        for n in (*a.names, *a.short_aliases):
            assert not harakat.search(n), a.id


def test_full_aliases_are_not_bare_given_names(kb):
    risky = {normalize(w) for w in ("محمد", "علي", "أحمد", "عادل", "جمال", "سلام", "أمين")}
    for a in kb.actors.values():
        assert not {normalize(n) for n in a.names} & risky, a.id


def test_stats_counts(kb):
    s = kb.stats()
    assert s["countries"] == len(kb.countries)
    assert s["persons"] + s["organizations"] == s["actors"]


def test_actor_missing_raises_keyerror(kb):
    with pytest.raises(KeyError):
        kb.actor("no.such.actor")
