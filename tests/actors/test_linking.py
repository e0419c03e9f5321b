"""Entity linking and in-document coreference, one behaviour per test (the linker's rules: the
trained country ranking for unknown actors is off here; tests/actors/test_country_ranking.py has it)."""

import pytest
from tests.conftest import assert_spans_exact

from rasd.model import Actor, Article, Document
from rasd.pipeline import Pipeline

_PIPE = Pipeline(until="actors")


@pytest.fixture(autouse=True)
def _linker_rules_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RASD_COUNTRIES", "rules")


def _doc(text: str) -> Document:
    doc = _PIPE(Article(body=text))
    assert_spans_exact(doc, text)
    return doc


def _entity(doc: Document, name: str) -> Actor:
    for e in doc.entities:
        if e.name == name or any(doc.text(m) == name for m in e.mentions):
            return e
    raise AssertionError(f"{name} not among {[e.name for e in doc.entities]}")


def test_conjunction_prefixed_capital_is_found() -> None:
    doc = _doc("وصل الوفد إلى بيروت وطهران أمس.")
    tehran = _entity(doc, "طهران")
    assert (tehran.type, tehran.country) == ("LOC", "IRN")
    assert doc.text(tehran.mentions[0]) == "طهران"


def test_preposition_prefixed_country_is_found() -> None:
    doc = _doc("أعلنت الحكومة دعمها لسورية في المحافل الدولية.")
    assert _entity(doc, "سورية").country == "SYR"


def test_ba_prefixed_capital_mention_excludes_the_particle() -> None:
    doc = _doc("عقد الاجتماع بطهران.")
    (m,) = _entity(doc, "طهران").mentions
    assert doc.text(m) == "طهران"


def test_short_name_resolves_to_the_full_name_introduced_before() -> None:
    doc = _doc("التقى نائب وزير الخارجية فيصل المقداد الوفد. وقال المقداد إن اللقاء مثمر.")
    mekdad = _entity(doc, "فيصل المقداد")
    assert [doc.text(m) for m in mekdad.mentions] == ["فيصل المقداد", "المقداد"]
    assert (mekdad.country, mekdad.sector) == ("SYR", "GOV")


def test_nisba_qualified_army_is_a_national_body() -> None:
    doc = _doc("وتوغل الجيش التركي مؤخراً في محافظة إدلب.")
    army = _entity(doc, "الجيش التركي")
    assert (army.type, army.country, army.sector) == ("ORG", "TUR", "MIL")


def test_nisba_qualified_ministry_is_a_government_actor() -> None:
    doc = _doc("وقالت الخارجية الإيرانية في بيان إن المحادثات مستمرة.")
    ministry = _entity(doc, "الخارجية الإيرانية")
    assert (ministry.country, ministry.sector) == ("IRN", "GOV")


def test_bare_army_refers_to_the_national_army_named_before() -> None:
    doc = _doc("يتقدم الجيش العربي السوري نحو المدينة. ويواصل الجيش عمليته.")
    army = _entity(doc, "الجيش العربي السوري")
    assert [doc.text(m) for m in army.mentions] == ["الجيش العربي السوري", "الجيش"]


def test_capital_is_a_place_of_its_country() -> None:
    doc = _doc("طهران ستدعم دمشق حتى تحقيق النصر.")
    assert _entity(doc, "طهران").country == "IRN"
    assert _entity(doc, "دمشق").country == "SYR"


def test_title_gives_country_and_sector_to_a_person_absent_from_the_kb() -> None:
    doc = _doc("وقال المتحدث باسم الخارجية الإيرانية كامران نوروزي إن الاتفاق قائم. وأضاف نوروزي أن الحوار مستمر.")
    person = _entity(doc, "كامران نوروزي")
    assert (person.type, person.country, person.sector) == ("PER", "IRN", "GOV")
    assert person.kb_id is None
    assert [doc.text(m) for m in person.mentions] == ["كامران نوروزي", "نوروزي"]


def test_title_is_recorded_as_the_role() -> None:
    doc = _doc("حط نائب وزير الخارجية والمغتربين فيصل المقداد في طهران.")
    assert _entity(doc, "فيصل المقداد").role == "نائب وزير الخارجية والمغتربين"


def test_place_name_of_talks_is_an_event() -> None:
    doc = _doc("قبل أيام قليلة من اجتماع «أستانا 7» وصل الوفد.")
    talks = _entity(doc, "أستانا 7")
    assert talks.type == "EVENT"


def test_mixed_arabic_and_latin_text_keeps_offsets() -> None:
    doc = _doc("نقلت شبكة CNN عن مسؤول في واشنطن أن الرئيس سيزور Berlin قريباً.")
    assert _entity(doc, "واشنطن").country == "USA"


def test_common_word_is_not_a_place() -> None:
    doc = _doc("أكد أن الثورة مستمرة في المدينة.")
    assert doc.entities == []


def test_apposed_nationality_gives_an_unknown_person_a_country() -> None:
    doc = _doc("وقال علاء السيد، وهو محام سوري، إن القانون قد نشر.")
    assert _entity(doc, "علاء السيد").country == "SYR"


def test_the_one_country_of_a_sentence_is_an_unknown_actors() -> None:
    doc = _doc("وأشار رئيس شرطة تورنتو، مارك سوندرز إلى أن العمل متعمد.")
    assert _entity(doc, "مارك سوندرز").country == "CAN"


def test_a_sentence_of_two_countries_gives_no_country() -> None:
    doc = _doc("التقى كامران نوروزي في طهران وفدا من دمشق أمس.")
    assert _entity(doc, "كامران نوروزي").country is None


def test_a_destination_says_nothing_of_a_persons_country() -> None:
    doc = _doc("ومن المتوقع أن تجري رئيسة الوزراء فيوريسا دانسيلا زيارة رسمية لإسرائيل.")
    assert _entity(doc, "فيوريسا دانسيلا").country is None


def test_a_name_spelt_twice_is_one_person() -> None:
    doc = _doc("اعتمدت رئيسة الوزراء فيوريكا دانسيلا المذكرة. وستزور فيوريسا دانسيلا إسرائيل.")
    people = [e for e in doc.entities if e.type == "PER"]
    assert [len(e.mentions) for e in people] == [2]


def test_a_future_verb_is_not_a_place() -> None:
    doc = _doc("وقال إن الوفد سينقل رسالة إلى الشعب التونسي.")
    assert all(e.type != "LOC" for e in doc.entities)


def test_a_title_apposed_after_a_comma_gives_its_country() -> None:
    doc = _doc("أعلن ليفيو دراغنيا، رئيس الحزب الحاكم في رومانيا، أن القرار اتخذ في تل أبيب.")
    assert _entity(doc, "ليفيو دراغنيا").country == "ROU"


def test_an_ambassadors_posting_is_part_of_the_title() -> None:
    doc = _doc("وأعلن السفير الفرنسي لدى بيروت برونو فوشيه أن الاتحاد الأوروبي سيدعم لبنان.")
    assert _entity(doc, "برونو فوشيه").country == "FRA"


def test_a_title_set_in_a_country_gives_that_country() -> None:
    doc = _doc("أعلن رئيس الحزب الحاكم في رومانيا ليفيو دراغنيا أن القرار اتخذ في تل أبيب.")
    assert _entity(doc, "ليفيو دراغنيا").country == "ROU"


def test_the_bare_kingdom_is_the_kingdom_named_before() -> None:
    doc = _doc("وقال السفير السعودي في واشنطن إن المملكة لن تسمح بذلك.")
    assert _entity(doc, "المملكة").country == "SAU"


def test_the_bare_kingdom_needs_a_kingdom_named_before() -> None:
    doc = _doc("وأكدت المملكة موقفها.")
    assert doc.entities == []


def test_a_title_of_another_country_does_not_refer_back() -> None:
    doc = _doc("ورفض الرئيس الروماني كلاوس يوهانيس الفكرة. وكان الرئيس الأمريكي قد أعلن قراره.")
    assert [doc.text(m) for m in _entity(doc, "كلاوس يوهانيس").mentions] == ["كلاوس يوهانيس"]


def test_a_place_that_is_also_a_noun_heading_a_name_is_the_noun() -> None:
    doc = _doc("وكان من حماة طالبان في المنطقة.")
    assert all(e.type != "LOC" for e in doc.entities)


def test_a_place_that_is_also_a_noun_stays_a_place_after_its_head() -> None:
    doc = _doc("قصف الجيش ريف حماة الشمالي.")
    assert [(e.type, e.country) for e in doc.entities] == [("LOC", "SYR")]


def test_a_place_that_is_also_a_noun_before_a_pronoun_suffix_is_the_noun() -> None:
    doc = _doc("بدأ حياته ببيع الحطب في مسقط رأسه.")
    assert doc.entities == []


def test_an_institution_word_with_a_domain_adjective_is_no_national_body() -> None:
    doc = _doc("وأشارت إلى غياب الشفافية في النظام المصرفي الإيراني.")
    assert all(e.type != "ORG" for e in doc.entities)


def test_a_first_name_introduced_by_an_apposition_is_a_person() -> None:
    doc = _doc("وقالت لنا لمياء، وهي من منطقة ريفية، إن المنزل دمر.")
    assert _entity(doc, "لمياء").type == "PER"


def test_a_place_name_of_two_countries_takes_the_articles_country() -> None:
    doc = _doc("وصل رئيس الحكومة اللبنانية إلى طرابلس في شمال لبنان.")
    assert _entity(doc, "طرابلس").country == "LBN"


def test_a_place_name_of_two_countries_keeps_its_default_without_context() -> None:
    doc = _doc("وصل الوفد إلى طرابلس.")
    assert _entity(doc, "طرابلس").country == "LBY"
