"""Each of the 16 PLOVER types from one Arabic sentence."""

from __future__ import annotations

from tests.conftest import assert_spans_exact
from tests.events.helpers import code, country, only, org, person, place, sides


def test_agree() -> None:
    doc = code("تعهدت فرنسا بتقديم قروض للبنان.", [country("فرنسا", "FRA"), country("لبنان", "LBN")])
    ev = only(doc, "AGREE")
    assert sides(doc, ev) == ({"FRA"}, {"LBN"})
    assert_spans_exact(doc)


def test_consult() -> None:
    doc = code(
        "استقبل الرئيس المصري عبد الفتاح السيسي وزير الخارجية الأردني أيمن الصفدي.",
        [person("عبد الفتاح السيسي", "EGY"), person("أيمن الصفدي", "JOR")],
    )
    ev = only(doc, "CONSULT")
    assert sides(doc, ev) == ({"EGY"}, {"JOR"})


def test_support() -> None:
    doc = code("أشادت الجامعة العربية بموقف السعودية.", [org("الجامعة العربية", "IGO"), country("السعودية", "SAU")])
    assert sides(doc, only(doc, "SUPPORT")) == ({"IGO"}, {"SAU"})


def test_concede() -> None:
    doc = code("أعلن الجيش السوداني هدنة مع المتمردين.", [org("الجيش السوداني", "SDN", "MIL")])
    assert sides(doc, only(doc, "CONCEDE"))[0] == {"SDN"}


def test_cooperate() -> None:
    doc = code(
        "تعاونت الشرطة الأردنية مع الشرطة العراقية.",
        [org("الشرطة الأردنية", "JOR", "COP"), org("الشرطة العراقية", "IRQ", "COP")],
    )
    assert sides(doc, only(doc, "COOPERATE")) == ({"JOR"}, {"IRQ"})


def test_aid() -> None:
    doc = code("زودت روسيا سوريا بمنظومة صواريخ.", [country("روسيا", "RUS"), country("سوريا", "SYR")])
    assert sides(doc, only(doc, "AID")) == ({"RUS"}, {"SYR"})


def test_retreat() -> None:
    doc = code(
        "انسحب الجيش الإسرائيلي من لبنان.",
        [org("الجيش الإسرائيلي", "ISR", "MIL"), country("لبنان", "LBN")],
    )
    assert sides(doc, only(doc, "RETREAT")) == ({"ISR"}, {"LBN"})


def test_request() -> None:
    doc = code(
        "طالبت الأمم المتحدة إسرائيل بوقف الاستيطان.",
        [org("الأمم المتحدة", "UNO"), country("إسرائيل", "ISR")],
    )
    assert sides(doc, only(doc, "REQUEST")) == ({"UNO"}, {"ISR"})


def test_accuse() -> None:
    doc = code("اتهمت إيران الولايات المتحدة بدعم الإرهاب.", [country("إيران", "IRN"), country("الولايات المتحدة", "USA")])
    assert sides(doc, only(doc, "ACCUSE")) == ({"IRN"}, {"USA"})


def test_reject() -> None:
    doc = code("رفضت قطر المطالب السعودية.", [country("قطر", "QAT")], nisba={"السعودية": "SAU"})
    assert sides(doc, only(doc, "REJECT")) == ({"QAT"}, {"SAU"})


def test_threaten() -> None:
    doc = code("هدد الرئيس الإيراني حسن روحاني إسرائيل.", [person("حسن روحاني", "IRN"), country("إسرائيل", "ISR")])
    assert sides(doc, only(doc, "THREATEN")) == ({"IRN"}, {"ISR"})


def test_protest() -> None:
    doc = code(
        "تظاهر آلاف المتظاهرين أمام السفارة الأمريكية في عمان.",
        [place("عمان", "JOR")],
        nisba={"الأمريكية": "USA"},
    )
    ev = only(doc, "PROTEST")
    assert sides(doc, ev) == ({"JOR"}, {"USA"})


def test_sanction() -> None:
    doc = code("فرضت الولايات المتحدة عقوبات على روسيا.", [country("الولايات المتحدة", "USA"), country("روسيا", "RUS")])
    assert sides(doc, only(doc, "SANCTION")) == ({"USA"}, {"RUS"})


def test_mobilize() -> None:
    doc = code("توغل الجيش التركي في محافظة إدلب.", [org("الجيش التركي", "TUR", "MIL"), place("محافظة إدلب", "SYR")])
    assert sides(doc, only(doc, "MOBILIZE"))[0] == {"TUR"}


def test_coerce() -> None:
    doc = code("اعتقلت الشرطة المصرية عشرات الناشطين.", [org("الشرطة المصرية", "EGY", "COP")])
    assert sides(doc, only(doc, "COERCE")) == ({"EGY"}, {"EGY"})


def test_assault() -> None:
    doc = code(
        "قصفت الطائرات الإسرائيلية مواقع في قطاع غزة أمس.",
        [place("قطاع غزة", "PSE")],
        nisba={"الإسرائيلية": "ISR"},
    )
    ev = only(doc, "ASSAULT")
    assert sides(doc, ev) == ({"ISR"}, {"PSE"})
    assert ev.mode == "shelling"


def test_a_state_protesting_formally_accuses() -> None:
    doc = code("احتجت مصر رسمياً أمس على قرار إيران.", [country("مصر", "EGY"), country("إيران", "IRN")])
    assert not [e for e in doc.events if e.type == "PROTEST"]
    assert sides(doc, only(doc, "ACCUSE")) == ({"EGY"}, {"IRN"})


def test_two_suicide_bombers_blowing_themselves_up() -> None:
    # the dual: فجرا نفسيهما
    doc = code("وقال المتحدث إن انتحاريين فجرا نفسيهما في السوق ما أسفر عن مقتل عشرة أشخاص.")
    assert only(doc, "ASSAULT").mode == "suicide"


def test_qam_bi_with_the_article_is_a_light_verb() -> None:
    # قام متظاهرون … بالاحتجاج: بالـ is the particle ب of قام بـ and the article, not ل of purpose
    doc = code("قام متظاهرون في ضواحي روما بالاحتجاج على قرار الحكومة.", [place("روما", "ITA")])
    assert only(doc, "PROTEST")


def test_moving_an_embassy_to_a_country_supports_it() -> None:
    # قررت البرازيل نقل سفارتها في إسرائيل إلى القدس: a move that recognizes Israel's claim
    doc = code(
        "قررت البرازيل نقل سفارتها في إسرائيل من تل أبيب إلى القدس.",
        [country("البرازيل", "BRA"), country("إسرائيل", "ISR")],
    )
    assert sides(doc, only(doc, "SUPPORT")) == ({"BRA"}, {"ISR"})


def test_a_protest_announced_by_no_one_named_is_no_rally() -> None:
    # تعلن المرجعية احتجاجها على …: an objection announced, not a demonstration
    doc = code("ومن الغريب أن تعلن المرجعية الدينية احتجاجها على طلب الحكومة.")
    assert not [e for e in doc.events if e.type == "PROTEST"]


def test_a_visit_to_ones_own_country_is_no_consultation() -> None:
    # زعيم سوري يزور سوريا: a trip home, no second party
    doc = code(
        "وقام المعارض السوري رياض حجاب بزيارة إلى سوريا الأسبوع الماضي.",
        [person("رياض حجاب", "SYR", "OPP"), country("سوريا", "SYR")],
    )
    assert not [e for e in doc.events if e.type == "CONSULT"]


def test_a_visit_to_another_country_is_a_consultation() -> None:
    doc = code(
        "وقام المعارض السوري رياض حجاب بزيارة إلى تركيا الأسبوع الماضي.",
        [person("رياض حجاب", "SYR", "OPP"), country("تركيا", "TUR")],
    )
    assert sides(doc, only(doc, "CONSULT")) == ({"SYR"}, {"TUR"})


def test_an_attack_made_in_a_report_is_no_assault() -> None:
    # شنت اللجنة في تقرير هجوماً على الحكومة: criticism in a report, not violence
    doc = code(
        "وشنت اللجنة الدولية في تقرير عن مقتل المدنيين في الإقليم، هجوماً شديداً على الحكومة السودانية.",
        [org("الحكومة السودانية", "SDN", "GOV")],
    )
    assert not [e for e in doc.events if e.type == "ASSAULT"]
