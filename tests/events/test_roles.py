"""Actors and recipients from word order, prepositions, verbal nouns and statements."""

from __future__ import annotations

from tests.events.helpers import code, country, only, org, person, place, sides

SYR, IRN, TUR = country("سورية", "SYR"), country("إيران", "IRN"), country("تركيا", "TUR")


def test_vso() -> None:
    doc = code("أدانت مصر إسرائيل.", [country("مصر", "EGY"), country("إسرائيل", "ISR")])
    assert sides(doc, only(doc, "ACCUSE")) == ({"EGY"}, {"ISR"})


def test_svo() -> None:
    doc = code("وأكد المقداد أن سورية تدعم وحدة وسيادة العراق.", [person("المقداد", "SYR"), SYR, country("العراق", "IRQ")])
    ev = only(doc, "SUPPORT")
    assert sides(doc, ev) == ({"SYR"}, {"IRQ"})
    assert doc.entity(ev.actors[0]).name == "سورية"


def test_verbal_noun_genitive_is_the_agent() -> None:
    doc = code("وأكد المقداد دعم سورية لموقف إيران حول الملف النووي.", [person("المقداد", "SYR"), SYR, IRN])
    ev = only(doc, "SUPPORT")
    assert doc.entity(ev.actors[0]).name == "سورية"
    assert sides(doc, ev) == ({"SYR"}, {"IRN"})


def test_capital_acts_for_its_country() -> None:
    doc = code("وطهران ستدعم دمشق حتى تحقيق النصر.", [place("طهران", "IRN"), place("دمشق", "SYR")])
    ev = only(doc, "SUPPORT")
    assert sides(doc, ev) == ({"IRN"}, {"SYR"})


def test_light_verb_lends_its_subject() -> None:
    doc = code(
        "وأجرى المقداد، أمس، مباحثات في طهران مع علي لاريجاني.",
        [person("المقداد", "SYR"), place("طهران", "IRN"), person("علي لاريجاني", "IRN", "LEG")],
    )
    ev = only(doc, "CONSULT")
    assert sides(doc, ev) == ({"SYR"}, {"IRN"})
    assert doc.entity(ev.actors[0]).name == "المقداد"


def test_dropped_subject_of_a_coordinated_verb() -> None:
    doc = code(
        "ونفت إسرائيل مسؤوليتها عن الأمر، واعترضت على تسليم المنظومة الروسية إلى دمشق.",
        [country("إسرائيل", "ISR"), place("دمشق", "SYR")],
        nisba={"الروسية": "RUS"},
    )
    objected = [e for e in doc.events if doc.body[e.cue.start : e.cue.end] == "واعترضت"]
    assert objected
    actors, recipients = sides(doc, objected[0])
    assert actors == {"ISR"} and recipients and recipients <= {"RUS", "SYR"}


def test_support_from_names_the_supporter() -> None:
    doc = code(
        "ويواصل الجيش بدعم من روسيا عمليته العسكرية.",
        [org("الجيش", "SYR", "MIL"), country("روسيا", "RUS")],
    )
    assert sides(doc, only(doc, "SUPPORT")) == ({"RUS"}, {"SYR"})


def test_nisba_names_the_attacker() -> None:
    doc = code("قتل ثلاثة في غارة جوية إسرائيلية على محافظة اللاذقية.", [place("محافظة اللاذقية", "SYR")], nisba={"إسرائيلية": "ISR"})
    assert sides(doc, only(doc, "ASSAULT")) == ({"ISR"}, {"SYR"})


def test_stance_inside_a_statement_is_the_speakers() -> None:
    text = "وأضاف المقداد: «نرفض الإجراءات التي اتخذتها تركيا في إدلب»."
    doc = code(
        text,
        [person("المقداد", "SYR"), TUR, place("إدلب", "SYR")],
        quotes=[("نرفض الإجراءات التي اتخذتها تركيا في إدلب", "المقداد", "وأضاف")],
    )
    ev = only(doc, "REJECT")
    assert sides(doc, ev) == ({"SYR"}, {"TUR"})
    assert ev.quote == "q1"


def test_support_for_terrorists_in_a_statement_is_an_accusation() -> None:
    text = "وقال المقداد إنه لولا دعم الولايات المتحدة للإرهابيين لتم القضاء على التنظيم."
    doc = code(
        text,
        [person("المقداد", "SYR"), country("الولايات المتحدة", "USA")],
        quotes=[("لولا دعم الولايات المتحدة للإرهابيين لتم القضاء على التنظيم", "المقداد", "وقال")],
    )
    ev = only(doc, "ACCUSE")
    assert sides(doc, ev) == ({"SYR"}, {"USA"})


def test_a_cue_with_no_actor_is_no_event() -> None:
    doc = code("جرى بحث التطورات الأخيرة في المنطقة خلال الاجتماع.")
    assert doc.events == []


def test_an_earlier_attack_named_in_passing_is_no_event() -> None:
    doc = code("وجاءت الزيارة ردا على هذا التفجير في المدينة.")
    assert not [e for e in doc.events if e.type == "ASSAULT"]


def test_a_group_named_by_a_common_noun_acts() -> None:
    doc = code("وقتل مسلحون مجهولون ثلاثة جنود في البصرة.", [place("البصرة", "IRQ")])
    ev = only(doc, "ASSAULT")
    actor = doc.entity(ev.actors[0])
    assert actor is not None and actor.sector == "UAF"


def test_parties_sharing_a_pledge_each_give_their_sum() -> None:
    doc = code(
        "وأعلن السفير أن الاتحاد الأوروبي سيساهم بحجم 150 مليون يورو للبنان، وهولندا بـ300 مليون.",
        [org("الاتحاد الأوروبي", "EUR", "GOV"), country("هولندا", "NLD"), country("لبنان", "LBN")],
        date="2018-04-06",
    )
    givers = {frozenset(sides(doc, e)[0]) for e in doc.events if e.type == "AID"}
    assert frozenset({"NLD"}) in givers and frozenset({"EUR"}) in givers


def test_a_nationality_adjective_of_a_thing_yields_to_a_named_party() -> None:
    doc = code(
        "وقال ترامب إنه سيرفض تمديد تخفيف العقوبات الأميركية على إيران.",
        [person("ترامب", "USA"), IRN],
        nisba={"الأميركية": "USA"},
        quotes=[("سيرفض تمديد تخفيف العقوبات الأميركية على إيران", "ترامب", "وقال")],
    )
    assert sides(doc, only(doc, "REJECT")) == ({"USA"}, {"IRN"})


def test_a_clitic_preposition_on_a_rare_name_makes_it_the_recipient() -> None:
    doc = code("وقدم نتانياهو الشكر لغواتيمالا.", [person("نتانياهو", "ISR"), country("غواتيمالا", "GTM")])
    assert sides(doc, only(doc, "SUPPORT")) == ({"ISR"}, {"GTM"})


def test_the_owner_of_an_attacked_post_is_the_target() -> None:
    doc = code(
        "وقام مسلحون بمهاجمة نقطة تابعة لجماعة الحوثي في الحديدة.",
        [org("جماعة الحوثي", "YEM", "REB"), place("الحديدة", "YEM")],
    )
    ev = only(doc, "ASSAULT")
    assert sides(doc, ev)[1] == {"YEM"}
    assert doc.entity(ev.recipients[0]).name == "جماعة الحوثي"


def test_a_politician_launching_an_attack_in_words_accuses() -> None:
    doc = code(
        "شن النائب وليد جنبلاط هجوماً عنيفاً على حزب الله.",
        [person("وليد جنبلاط", "LBN", "LEG"), org("حزب الله", "LBN", "PTY")],
    )
    assert not [e for e in doc.events if e.type == "ASSAULT"]
    ev = only(doc, "ACCUSE")
    assert doc.entity(ev.actors[0]).name == "وليد جنبلاط"


def test_an_attack_named_with_a_demonstrative_and_a_clitic_is_no_event() -> None:
    doc = code("وأعرب عمرو موسى عن انزعاج الجامعة لهذا الهجوم.", [person("عمرو موسى", "EGY", "IGO")])
    assert not [e for e in doc.events if e.type == "ASSAULT"]


def test_a_participle_after_a_statement_is_outside_the_relative_clause() -> None:
    doc = code(
        'وصف الوفد التونسي الزيارة التي يؤدونها بأنها "تحد" داعين إلى زيادة التعاون مع سوريا.',
        [org("الوفد التونسي", "TUN", "LEG"), country("سوريا", "SYR")],
        quotes=[("تحد", "الوفد التونسي", "وصف")],
    )
    assert sides(doc, only(doc, "REQUEST")) == ({"TUN"}, {"SYR"})


def test_agreements_announced_in_a_statement_are_the_speakers_side() -> None:
    doc = code(
        "وقال الجبير إنه «ستكون هناك اتفاقيات مع روسيا».",
        [person("الجبير", "SAU"), country("روسيا", "RUS")],
        quotes=[("ستكون هناك اتفاقيات مع روسيا", "الجبير", "وقال")],
    )
    ev = only(doc, "AGREE")
    assert sides(doc, ev) == ({"SAU"}, {"RUS"})
    assert ev.status == "future"


def test_no_place_for_someone_in_a_statement_rejects_him() -> None:
    doc = code(
        "وقال الجبير إنه «لا مكان للرئيس بشار الأسد في مستقبل سوريا».",
        [person("الجبير", "SAU"), person("بشار الأسد", "SYR"), country("سوريا", "SYR")],
        quotes=[("لا مكان للرئيس بشار الأسد في مستقبل سوريا", "الجبير", "وقال")],
    )
    ev = only(doc, "REJECT")
    assert sides(doc, ev) == ({"SAU"}, {"SYR"})
    assert ev.status == "asserted"


def test_a_malign_activity_a_speaker_names_accuses_its_author() -> None:
    doc = code(
        'وقالت ماندلكر إن "العقوبات جزء من جهد لمواجهة النشاط الخبيث الذي تمارسه إيران".',
        [person("ماندلكر", "USA"), IRN],
        quotes=[("العقوبات جزء من جهد لمواجهة النشاط الخبيث الذي تمارسه إيران", "ماندلكر", "وقالت")],
    )
    assert sides(doc, only(doc, "ACCUSE")) == ({"USA"}, {"IRN"})


def test_two_nationality_adjectives_name_both_sides_of_a_relation() -> None:
    doc = code(
        "ويأتي ذلك في ظل التعاون الأميركي - التركي على إقامة المنطقة الآمنة.",
        nisba={"الأميركي": "USA", "التركي": "TUR"},
    )
    ev = only(doc, "COOPERATE")
    actors, recipients = sides(doc, ev)
    assert actors | recipients == {"USA", "TUR"}


def test_a_law_rejected_at_home_is_the_states() -> None:
    doc = code(
        "وأعرب النشطاء السوريون عن رفضهم لقانون الأوقاف الجديد في سوريا.",
        [country("سوريا", "SYR")],
        nisba={"السوريون": "SYR"},
    )
    assert sides(doc, only(doc, "REJECT")) == ({"SYR"}, {"SYR"})


def test_the_toll_clause_names_the_victims_and_the_weapon_is_no_target() -> None:
    doc = code(
        "فجر انتحاري سيارة مفخخة في الموصل ما أسفر عن مقتل 5 جنود أمريكيين.",
        [place("الموصل", "IRQ")],
        nisba={"أمريكيين": "USA"},
    )
    ev = only(doc, "ASSAULT")
    assert sides(doc, ev)[1] == {"USA"}


def test_a_platform_is_no_recipient() -> None:
    doc = code(
        "هاجم وزير الخارجية الإيراني عبر تويتر القرار.",
        [person("وزير الخارجية الإيراني", "IRN"), org("تويتر", "USA", "BUS")],
    )
    assert all("USA" not in sides(doc, ev)[1] for ev in doc.events)


def test_a_reply_answers_the_previous_sentences_actor() -> None:
    # رد بالقول إنها "افتراءات": the one accused in the sentence before is the one answered
    doc = code(
        'واتهم الرئيس زيدان المعارض عمرو بتنظيم أعمال الشغب. لكن عمرو رد في بيان بالقول إنها "افتراءات رخيصة".',
        [person("زيدان", "EGY"), person("عمرو", "LBY", "OPP")],
        quotes=[("افتراءات رخيصة", "عمرو", "بالقول")],
    )
    ev = only(doc, "REJECT")
    assert sides(doc, ev) == ({"LBY"}, {"EGY"})


def test_a_verb_of_saying_opens_a_clause_the_object_is_not_sought_in() -> None:
    # "، وصرح مسؤول أميركي": the official who speaks afterwards is not the one targeted
    doc = code(
        "وقصفت الطائرات الأمريكية مخبأ للمسلحين في الجبال، وصرح مسؤول أمريكي بأن العملية نجحت.",
        [org("مسؤول أمريكي", "USA", "GOV")],
        nisba={"الأمريكية": "USA"},
    )
    ev = only(doc, "ASSAULT")
    assert not ev.recipients


def test_after_hayth_the_party_named_just_before_acts() -> None:
    # "ما يسعى له النظام الإيراني حيث يقوم بدعمهم": the regime supports them, not Egypt
    doc = code(
        "ورفضت مصر تمدد المتمردين في الشمال، وهذا ما يسعى له النظام الإيراني حيث يقوم بدعمهم بخبراء من حزب الله.",
        [org("النظام الإيراني", "IRN", "GOV"), org("المتمردين", "YEM", "REB"), org("حزب الله", "LBN", "REB"),
         country("مصر", "EGY")],
    )
    ev = only(doc, "SUPPORT")
    assert sides(doc, ev)[0] == {"IRN"}


def test_support_for_a_so_called_group_in_a_statement_is_an_accusation() -> None:
    # بدعمهم بخبراء مما يسمى بحزب الله: "so-called" marks the group as illegitimate
    text = "وقال الوزير إن النظام الإيراني يقوم بدعمهم بخبراء من ما يسمى بحزب الله."
    doc = code(
        text,
        [person("الوزير", "SAU"), org("النظام الإيراني", "IRN", "GOV"), org("حزب الله", "LBN", "REB")],
        quotes=[("النظام الإيراني يقوم بدعمهم بخبراء من ما يسمى بحزب الله", "الوزير", "وقال")],
    )
    ev = only(doc, "ACCUSE")
    assert sides(doc, ev) == ({"SAU"}, {"IRN"})


def test_a_verb_after_an_indefinite_noun_describes_it() -> None:
    # لجنة تحقيق دولية تتعاون …: "a committee that cooperates", not Iran cooperating
    doc = code(
        "ودعت إيران إلى إنشاء لجنة تحقيق دولية تتعاون مع الحكومة العراقية.",
        [country("إيران", "IRN"), org("الحكومة العراقية", "IRQ", "GOV")],
    )
    assert not [e for e in doc.events if e.type == "COOPERATE" and "IRN" in sides(doc, e)[0]]


def test_ala_aydi_names_the_agent_like_ala_yad() -> None:
    # تعرض للخطف على أيدي مسلحين: the plural "hands" introduces the kidnappers
    doc = code("وتعرض قيادي في الحركة للخطف على أيدي مسلحين في المدينة.")
    ev = only(doc, "ASSAULT")
    assert [doc.entity(i).sector for i in ev.actors] == ["UAF"]


def test_a_military_unit_named_by_a_common_noun_acts() -> None:
    # فرقة مظلية قتلت …: the unit is the (military) actor
    doc = code("وكانت فرقة مظلية قد قتلت أمس أربعة من المسلحين قرب الحدود.")
    ev = only(doc, "ASSAULT")
    assert [doc.entity(i).sector for i in ev.actors] == ["MIL"]


def test_the_movement_named_by_a_common_noun_acts() -> None:
    # وخطفت الحركة عشرات العمال: "the movement" (named earlier) is the kidnapper
    doc = code("وخطفت الحركة عشرات العمال الأجانب في الشهر الماضي.")
    ev = only(doc, "ASSAULT")
    assert [doc.entity(i).sector for i in ev.actors] == ["REB"]


def test_a_peoples_name_after_a_count_is_the_subject() -> None:
    # تجمع عشرات الفلسطينيين: "tens of Palestinians gathered", not an adjective of an object
    doc = code("وتجمع عشرات الفلسطينيين أمام مقر الأمم المتحدة في المدينة.", nisba={"الفلسطينيين": "PSE"})
    ev = only(doc, "PROTEST")
    assert sides(doc, ev)[0] == {"PSE"}


def test_supporters_of_a_named_person_are_the_protesters() -> None:
    # تجمع عدد من أنصار زيدان: the supporters gather, not Zidan himself
    doc = code("وتجمع عدد من أنصار زيدان أمام مقر البرلمان في العاصمة.", [person("زيدان", "EGY", "OPP")])
    ev = only(doc, "PROTEST")
    assert [doc.entity(i).name for i in ev.actors] == ["أنصار"]


def test_unnamed_victims_of_a_toll_clause_are_the_recipients() -> None:
    # … ما أدى إلى مقتل مدنيين: the civilians killed are the ones attacked
    doc = code("وقامت الجماعة بالقصف بشكل عشوائي على أحياء متفرقة، ما أدى إلى مقتل مدنيين.")
    ev = only(doc, "ASSAULT")
    assert [doc.entity(i).sector for i in ev.recipients] == ["CVL"]


def test_the_shooter_after_birasas_is_the_agent() -> None:
    army = org("الجيش الإسرائيلي", "ISR", "MIL")
    shot = code("اغتيل الصحفي برصاص الجيش الإسرائيلي.", [army])
    by_hand = code("اغتيل الصحفي على يد الجيش الإسرائيلي.", [army])
    ev, ref = only(shot, "ASSAULT"), only(by_hand, "ASSAULT")
    assert sides(shot, ev)[0] == {"ISR"}
    assert ev.confidence == ref.confidence
    assert "events.role.passive" in ev.rules  # its author after the agent markers (events.role.agent_marker)


def test_fire_towards_a_party_makes_it_the_recipient() -> None:
    doc = code("أطلق الجنود النار باتجاه المتظاهرين.")
    ev = only(doc, "ASSAULT")
    assert doc.entity(ev.recipients[0]).name == "متظاهرون"  # type: ignore[union-attr]
