"""A sentence's own event against an event it mentions: allegations, counts over a period,
ceasefires, beliefs and plans, nouns after بعد, and the words that tell a report."""

from __future__ import annotations

from tests.events.helpers import code, org, person, place, sides


def assaults(text: str, entities: list = (), **kwargs: object) -> list:  # type: ignore[type-arg, assignment]
    doc = code(text, entities, **kwargs)  # type: ignore[arg-type]
    return [e for e in doc.events if e.type == "ASSAULT"]


def test_the_root_letter_fa_is_no_conjunction() -> None:
    # فتحت is فتح + ت, not ف + تحت: the subject before the verb is its subject
    doc = code(
        "كما أكد ساكاشفيلي أن دبابات روسية فتحت النار على سكان مدينة غوري.",
        [person("ساكاشفيلي", "GEO"), org("دبابات روسية", "RUS", "MIL")],
    )
    (ev,) = [e for e in doc.events if e.type == "ASSAULT"]
    assert sides(doc, ev)[0] == {"RUS"}


def test_an_act_in_an_accusation_is_alleged_not_reported() -> None:
    assert not assaults("واتهم الجيش المتمردين بأنهم نفذوا الهجوم على القاعدة.", [org("الجيش", "SDN", "MIL")])


def test_after_bad_comes_a_verbal_noun_not_a_verb() -> None:
    # بعد خطف طائرة: "after the hijacking of a plane", a mention, not "he hijacked"
    assert not assaults(
        "وأفرجت الهند عنه بعد خطف طائرة هندية في قندهار.", [place("الهند", "IND"), place("قندهار", "AFG")]
    )


def test_a_ceasefire_is_no_shooting() -> None:
    assert not assaults("وأوصى الملتقى أمس بإعلان وقف إطلاق النار في الإقليم الذي شهد مقتل المئات.")


def test_the_cause_after_a_result_verb_is_reported() -> None:
    # أسفر انفجار … عن إصابة: the explosion is the subject of أسفر, not a mention after it
    assert assaults("وفي تكريت، أسفر انفجار سيارة ملغومة في وسط المدينة عن إصابة عشرة.", [place("تكريت", "IRQ")])


def test_a_toll_clause_reports_an_attack_with_no_one_named() -> None:
    assert assaults("فأطلقت النار باتجاهها ما أدى إلى مقتل شخص.")


def test_a_count_since_a_point_in_time_is_no_event() -> None:
    assert not assaults("وقتل مسلحون 76 صحافياً عراقياً منذ الغزو.", nisba={"عراقياً": "IRQ"})


def test_a_count_so_far_is_no_event() -> None:
    assert not assaults(
        "لقد اعتدى قراصنة الصومال حتى الآن على سفن أوكرانية.",
        [place("الصومال", "SOM")],
        nisba={"أوكرانية": "UKR"},
    )


def test_ago_is_not_since() -> None:
    # منذ يومين: two days ago, one event
    assert assaults("وقتل مسلحون صحافياً عراقياً منذ يومين.", nisba={"عراقياً": "IRQ"})


def test_an_attack_believed_likely_is_hypothetical() -> None:
    (ev,) = assaults("وقال المصدر إنه من المرجح أن مسلحين اغتالوا العالم في بغداد.", [place("بغداد", "IRQ")])
    assert ev.status == "hypothetical"


def test_a_planned_attack_is_hypothetical() -> None:
    (ev,) = assaults(
        "وقال مسؤولون إن قادة الجيش الأميركي يخططون لشن هجمات جوية على السودان.",
        [org("الجيش الأميركي", "USA", "MIL"), place("السودان", "SDN")],
    )
    assert ev.status == "hypothetical"


def test_a_light_verb_of_talk_does_not_carry_a_killing() -> None:
    # عقد مؤتمراً عن اغتيال الحريري: the party holds a conference, it assassinates no one
    assert not assaults(
        "عقد الحزب الاشتراكي مؤتمراً صحافياً عن اغتيال الحريري.",
        [org("الحزب الاشتراكي", "LBN", "PTY"), person("الحريري", "LBN")],
    )


def test_after_fi_daw_comes_a_verbal_noun_not_a_verb() -> None:
    # في ضوء توصل القوى الكبرى: "in light of the powers' reaching", not "he reached" with the
    # nisba before it as subject
    doc = code(
        "وسيبحث الوزيران النزاع الإسرائيلي الفلسطيني في ضوء توصل القوى الكبرى إلى اتفاق مع طهران.",
        [place("طهران", "IRN")],
        nisba={"الإسرائيلي": "ISR", "الفلسطيني": "PSE"},
    )
    assert not [e for e in doc.events if e.type == "AGREE" and "PSE" in sides(doc, e)[0]]


def test_fighting_for_months_is_no_one_event() -> None:
    # يقاتل … منذ شهور: "has been fighting for months", an ongoing state, not a report
    assert not assaults("ويقاتل الجيش المتمردين في الجنوب منذ شهور.", [org("الجيش", "MLI", "MIL")])


def test_months_ago_with_a_past_verb_is_one_event() -> None:
    assert assaults("وقاتل الجيش المتمردين في الجنوب منذ شهور.", [org("الجيش", "MLI", "MIL")])


def test_an_event_word_in_a_films_title_is_no_event() -> None:
    assert not assaults(
        "وفاز الممثل بجائزة عن دوره في فيلم «اغتيال جون ريد على يد بيتر فورد» للمخرج.",
        [person("جون ريد", "USA", "CVL"), person("بيتر فورد", "USA", "CVL")],
    )


def test_usurping_a_region_is_no_rape() -> None:
    # اغتصاب منطقة: "usurping a region", not a sexual assault
    assert not assaults(
        "وتأسست الجبهة لمواجهة محاولات اغتصاب منطقة أبيي من قبل قوات الحركة الشعبية.",
        [org("قوات الحركة الشعبية", "SDN", "REB")],
    )


def test_rape_of_a_person_is_an_assault() -> None:
    assert assaults("واغتصب جنود من قوات الحركة الشعبية امرأة في القرية.", [org("قوات الحركة الشعبية", "SDN", "REB")])


def test_a_noun_joined_to_a_mentioned_one_is_mentioned_too() -> None:
    # جرائم الاغتيالات والقتل والخطف التي يرتكبها: crimes named in general, none reported
    assert not assaults(
        "ويهدف ذلك إلى إخفاء جرائم الاغتيالات والقتل والخطف التي يرتكبها الجنود المحتلون بحق المدنيين.",
        [org("الجنود المحتلون", "ISR", "MIL")],
    )


def test_an_attack_named_by_its_weekday_is_a_mention() -> None:
    # هجوم الجمعة: "Friday's attack", one already reported
    doc = code('ووصفت الحكومة هجوم الجمعة بأنه "عمل جبان نفذه إرهابيون".', [org("الحكومة", "ISR", "GOV")])
    assert not [e for e in doc.events if e.type == "ASSAULT"]
