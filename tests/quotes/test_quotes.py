"""Quote extraction: one construction per test, inline Arabic."""

from pathlib import Path

import pytest
from tests.conftest import assert_spans_exact

from rasd.model import Article, Document
from rasd.pipeline import Pipeline
from rasd.quotes import quote_pairs

_PIPE = Pipeline(until="quotes")


def _doc(text: str) -> Document:
    doc = _PIPE(Article(body=text))
    assert_spans_exact(doc, text)
    return doc


def _said(doc: Document) -> list[tuple[str | None, str, str]]:
    out = []
    for q in doc.quotes:
        speaker = doc.entity(q.speaker)
        out.append((speaker.name if speaker else q.speaker_text, q.kind, doc.text(q.content)))
    return out


def test_direct_quote_after_colon() -> None:
    doc = _doc("وقال فيصل المقداد: «نحن لا يمكن أن نثق بالتوجهات التركية».")
    assert _said(doc) == [("فيصل المقداد", "direct", "نحن لا يمكن أن نثق بالتوجهات التركية")]


def test_indirect_quote_with_an_clause() -> None:
    doc = _doc("وأكد فيصل المقداد أن الانتصارات ستستمر حتى تطهير سورية من الإرهاب.")
    assert _said(doc) == [("فيصل المقداد", "indirect", "الانتصارات ستستمر حتى تطهير سورية من الإرهاب")]


def test_ishara_ila_anna() -> None:
    doc = _doc("وأشار فيصل المقداد إلى أن المباحثات تناولت اجتماع أستانا.")
    assert _said(doc)[0][1:] == ("indirect", "المباحثات تناولت اجتماع أستانا")


def test_circumstantial_cue_takes_the_main_speaker() -> None:
    doc = _doc("وقال فيصل المقداد: «سورية مستمرة في محاربة الإرهاب»، مشيراً إلى أن التقدم مستمر نحو الحدود.")
    assert [s for s, _, _ in _said(doc)] == ["فيصل المقداد", "فيصل المقداد"]
    assert _said(doc)[1][2] == "التقدم مستمر نحو الحدود"


def test_indirect_clause_ends_at_the_next_cue() -> None:
    doc = _doc("وقال فيصل المقداد إن الوضع مستقر، مؤكداً أن الحل سياسي.")
    assert [t for _, _, t in _said(doc)] == ["الوضع مستقر", "الحل سياسي"]


def test_mixed_quote_has_a_quoted_fragment() -> None:
    doc = _doc("وأكد فيصل المقداد أن دخول الدبابات إلى إدلب مخالف للاتفاق وهو «مرفوض تماماً وسنقف أمامه».")
    (_speaker, kind, text) = _said(doc)[0]
    assert kind == "mixed" and text.endswith("«مرفوض تماماً وسنقف أمامه»")


def test_continuation_carries_the_speaker_forward() -> None:
    doc = _doc("وأكد فيصل المقداد أن الحل سياسي.\nوأضاف: «سنواصل الحوار مع الجميع».")
    assert [s for s, _, _ in _said(doc)] == ["فيصل المقداد", "فيصل المقداد"]


def test_inna_before_the_quotation_marks_gives_a_direct_quote() -> None:
    doc = _doc("وقال فيصل المقداد إن «سياسة إيران حكيمة».")
    assert _said(doc) == [("فيصل المقداد", "direct", "سياسة إيران حكيمة")]


def test_reiterated_emphasis_with_the_speaker_in_between() -> None:
    doc = _doc("وجدد فيصل المقداد التأكيد على أن سورية تدعم وحدة العراق.")
    assert _said(doc) == [("فيصل المقداد", "indirect", "سورية تدعم وحدة العراق")]


def test_joint_speakers() -> None:
    doc = _doc("وأكد فيصل المقداد وبشار الأسد أن التعاون مستمر.")
    q = doc.quotes[0]
    assert doc.entity(q.speaker).name == "فيصل المقداد"  # type: ignore[union-attr]
    assert [doc.entity(c).name for c in q.co_speakers] == ["بشار الأسد"]  # type: ignore[union-attr]


def test_source_relaying_the_statement() -> None:
    doc = _doc("وبحسب وكالة «سانا»، أكد فيصل المقداد أن التعاون مستمر.")
    q = doc.quotes[0]
    assert doc.entity(q.via).name == "سانا"  # type: ignore[union-attr]


def test_unnamed_source_is_kept_as_speaker_text() -> None:
    doc = _doc("وقال مصدر أمني إن الهجوم استهدف نقطة عسكرية.")
    assert _said(doc) == [("مصدر أمني", "indirect", "الهجوم استهدف نقطة عسكرية")]
    assert doc.quotes[0].speaker is None


def test_long_quotation_without_a_cue_is_kept_without_speaker() -> None:
    doc = _doc("«لن نسمح لأحد بأن يعبث بأمن البلاد واستقرارها مهما كانت الظروف».")
    assert _said(doc) == [(None, "direct", "لن نسمح لأحد بأن يعبث بأمن البلاد واستقرارها مهما كانت الظروف")]


def test_quoted_name_is_not_a_quote() -> None:
    doc = _doc("قبل أيام من اجتماع «أستانا 7» وصل الوفد إلى طهران.")
    assert doc.quotes == []


def test_cue_without_statement_is_not_a_quote() -> None:
    doc = _doc("وأكد فيصل المقداد دعم سورية لموقف إيران.")
    assert doc.quotes == []


def test_nested_quote_marks_pair_correctly() -> None:
    text = "قال «إنهم وصفوا الخطة بـ“المؤامرة” ورفضوها»"
    pairs = quote_pairs(text)
    assert [(text[o], text[c]) for o, c in pairs] == [("«", "»"), ("“", "”")]
    assert pairs[0] == (text.index("«"), text.index("»"))


def test_quotation_running_across_paragraphs() -> None:
    doc = _doc("وقال فيصل المقداد: «سورية مستمرة في محاربة الإرهاب.\nولن نتراجع عن ذلك».")
    (_, kind, text) = _said(doc)[0]
    assert kind == "direct" and text == "سورية مستمرة في محاربة الإرهاب.\nولن نتراجع عن ذلك"


def test_postposed_attribution() -> None:
    doc = _doc("وقد استهدفت ضربات غربية مواقع في سوريا، كما قال المرصد السوري لحقوق الإنسان.")
    (speaker, kind, text) = _said(doc)[0]
    assert kind == "indirect" and text == "قد استهدفت ضربات غربية مواقع في سوريا"
    assert speaker is not None and "المرصد" in speaker


def test_quoted_name_of_a_meeting_is_skipped_for_the_speech_after_it() -> None:
    doc = _doc('وقال فيصل المقداد في ختام اجتماع "الشراكة الدولية" "لن نتراجع عن مواقفنا".')
    assert _said(doc) == [("فيصل المقداد", "direct", "لن نتراجع عن مواقفنا")]


def test_cue_in_a_clause_of_time_is_not_a_statement() -> None:
    doc = _doc('أشعل المنشور جدلاً بعد أن شرح مضمونه الذي "سيغير القانون كله من أساسه".')
    assert [k for _, k, _ in _said(doc)] != ["direct"] or doc.quotes[0].cue is None


def test_addressee_is_not_the_speaker() -> None:
    doc = _doc("وقال مصدر أمني تركي لبي بي سي إن الفريق وصل أمس.")
    assert _said(doc) == [("مصدر أمني تركي", "indirect", "الفريق وصل أمس")]


def test_quoted_fragment_inside_a_clause_is_mixed() -> None:
    doc = _doc('وصرح فيصل المقداد أن "ما لا يقل عن ست" دول تدرس نقل سفاراتها.')
    assert _said(doc) == [("فيصل المقداد", "mixed", '"ما لا يقل عن ست" دول تدرس نقل سفاراتها')]


def test_scare_quotes_in_narrative_are_not_a_statement() -> None:
    doc = _doc('دعا فيصل المقداد السياسي المسجون بتهمة المشاركة في أنشطة "إرهابية" إلى التصويت.')
    assert doc.quotes == []


def test_words_ascribed_through_qawlihi() -> None:
    doc = _doc("ونسبت الصحيفة إلى أحد المصادر قوله إن التسجيلات موجودة.")
    assert _said(doc) == [("أحد المصادر", "indirect", "التسجيلات موجودة")]


def test_impersonal_yudhkar_is_the_writer() -> None:
    doc = _doc("يذكر أن السعودية تستضيف مؤتمرا مهما للاستثمار في الرياض هذا الشهر.")
    assert doc.quotes == []


def test_according_to_opening_ascribes_the_sentence() -> None:
    doc = _doc("وبحسب فيصل المقداد، فهذا القانون سيضاعف عدد المدارس في البلاد.")
    assert _said(doc) == [("فيصل المقداد", "indirect", "هذا القانون سيضاعف عدد المدارس في البلاد")]


def test_title_alone_refers_back_to_the_spokesman() -> None:
    doc = _doc("وقال المتحدث باسم التحالف العقيد تركي المالكي إن القوات تتقدم. وذكر المتحدث باسم التحالف بأن العمليات مستمرة.")
    assert [s for s, _, _ in _said(doc)] == ["تركي المالكي", "تركي المالكي"]


def test_the_statement_names_its_issuer() -> None:
    doc = _doc("وقال بيان صادر عن المجلس الوزاري الأمني المصغر إن الاعتقال سيشمل المستوطنين.")
    q = doc.quotes[0]
    assert q.speaker_text == "بيان صادر عن المجلس الوزاري الأمني المصغر"
    assert doc.entity(q.speaker) is not None


def test_the_sources_again_are_the_same_unnamed_sources() -> None:
    doc = _doc("وقالت مصادر أمنية إسرائيلية إن الهجوم كان متعمدا. وأضافت المصادر أن التحقيق مستمر.")
    assert [s for s, _, _ in _said(doc)] == ["مصادر أمنية إسرائيلية", "مصادر أمنية إسرائيلية"]


def test_stating_cue_with_a_noun_phrase() -> None:
    doc = _doc("وقال فيصل المقداد إن الحل سياسي. كما شدد على أهمية تطبيق القرار الأممي بسرعة.")
    assert _said(doc)[1] == ("فيصل المقداد", "indirect", "أهمية تطبيق القرار الأممي بسرعة")


def test_postposed_unnamed_source() -> None:
    doc = _doc("ويبدو أن الحادثة كانت متعمدة، بحسب ما قاله مسؤولون.")
    assert _said(doc) == [("مسؤولون", "indirect", "يبدو أن الحادثة كانت متعمدة")]


def test_al_qawl_after_an_quoting_source() -> None:
    doc = _doc('ونقلت الصحيفة عن السفير الفلسطيني عطا الله خيري، القول: إن "الاتصالات مستمرة مع الجانب الأردني".')
    assert _said(doc)[0][1:] == ("direct", "الاتصالات مستمرة مع الجانب الأردني")


def test_a_cue_word_inside_the_clause_does_not_end_it() -> None:
    doc = _doc("وأكد فيصل المقداد أن الاتصالات السابقة بين الطرفين تؤكد إرساء أساس متين للتعاون.")
    assert _said(doc)[0][2] == "الاتصالات السابقة بين الطرفين تؤكد إرساء أساس متين للتعاون"


def test_a_name_in_quotation_marks_is_the_speaker() -> None:
    doc = _doc("ورأت «جبهة النصرة» أن الحكومة التركية تسعى إلى قيادة المعركة.")
    assert _said(doc) == [("جبهة النصرة", "indirect", "الحكومة التركية تسعى إلى قيادة المعركة")]


def test_the_source_after_an_before_qawlihi_is_the_speaker() -> None:
    doc = _doc("ونقلت الصحيفة عن وزير الخارجية فيصل المقداد قوله إن المحادثات كانت مثمرة.")
    assert _said(doc) == [("فيصل المقداد", "indirect", "المحادثات كانت مثمرة")]


def test_the_object_of_wasafa_is_not_the_speaker() -> None:
    doc = _doc('ووصف الخطة بأنها "مشروع فاشل منذ البداية".')
    assert [s for s, _, _ in _said(doc)] == [None]


def test_a_verb_joined_after_a_statement_shares_its_speaker() -> None:
    doc = _doc('وقال فيصل المقداد إن الحل سياسي، ووصف الاتهامات الموجهة لبلاده بأنها "كاذبة ولا أساس لها".')
    assert [s for s, _, _ in _said(doc)] == ["فيصل المقداد", "فيصل المقداد"]


def test_participle_takes_the_subject_behind_a_title_not_a_later_name() -> None:
    doc = _doc("انتقد الرئيس السوري بشار الأسد وزير الخارجية السابق جون كيري لاجتماعه مع وزير الخارجية الإيراني جواد ظريف، قائلا إن اللقاء غير مقبول.")
    assert [s for s, _, _ in _said(doc)] == ["بشار الأسد"]


def test_a_dual_verb_continues_the_joint_statement() -> None:
    doc = _doc("وأكد فيصل المقداد وبشار الأسد أن التعاون مستمر.\nوأضافا: «سنواصل العمل المشترك في كل المجالات».")
    assert [s for s, _, _ in _said(doc)] == ["فيصل المقداد", "فيصل المقداد"]


def test_biqawlihi_after_the_cue_is_no_speaker() -> None:
    doc = _doc("وقال فيصل المقداد إن الحل سياسي.\nواستطرد بقوله: «لن نقبل بأي تدخل خارجي في شؤوننا».")
    assert [s for s, _, _ in _said(doc)] == ["فيصل المقداد", "فيصل المقداد"]


def test_a_quoted_word_after_kalima_is_no_statement() -> None:
    doc = _doc('وكتبت كلمة "حرية" على جدران المدرسة فيما يشبه أعمالا سابقة في المدينة.')
    assert doc.quotes == []


def test_quotation_ascribed_by_hasab_after_it() -> None:
    doc = _doc('ونشرت الحكومة قائمة جديدة "تضم عشرات الشركات المتورطة في تمويل الجماعات المسلحة" حسب فيصل المقداد.')
    assert _said(doc) == [("فيصل المقداد", "direct", "تضم عشرات الشركات المتورطة في تمويل الجماعات المسلحة")]


def test_naqlan_an_names_the_source_of_the_statement() -> None:
    doc = _doc('وذكر مراسل "الشبكة.نت" في بغداد نقلا عن مصادر عراقية مطلعة أن الحكومة ستستقيل قريبا.')
    assert _said(doc) == [("مصادر عراقية مطلعة", "indirect", "الحكومة ستستقيل قريبا")]


def test_an_unnamed_source_before_the_verb_is_the_speaker() -> None:
    doc = _doc("وكان ناشطون أبلغوا الصحيفة أمس أن القوات انسحبت من البلدة.\nوأوضح الناشطون أن الانسحاب تم ليلا.")
    assert [s for s, _, _ in _said(doc)] == ["ناشطون", "ناشطون"]


def test_a_person_named_late_in_a_narrative_sentence_does_not_take_over_the_speech() -> None:
    doc = _doc("وقال فيصل المقداد إن الحل سياسي.\nوتوجه الوفد إلى الحدود للقاء الرئيس بشار الأسد هناك.\nوأضاف: «سنواصل الحوار مع الجميع».")
    assert [s for s, _, _ in _said(doc)] == ["فيصل المقداد", "فيصل المقداد"]


def test_continuation_after_an_unnamed_source_keeps_that_source() -> None:
    doc = _doc("اعتقلت الشرطة الصحفي فيصل المقداد مساء أمس.\nوقال مقرب من العائلة إن الاعتقال جاء بسبب مقالاته.\nوأضاف: «لم نتلق أي تفسير من السلطات حتى الآن».")
    assert [s for s, _, _ in _said(doc)] == ["مقرب من العائلة", "مقرب من العائلة"]


def test_participle_after_an_unnamed_source_keeps_that_source() -> None:
    doc = _doc("وقال مصدر أمني إن الهجوم استهدف نقطة عسكرية، مضيفا أن التحقيق مستمر.")
    assert [s for s, _, _ in _said(doc)] == ["مصدر أمني", "مصدر أمني"]


def test_a_title_alone_refers_to_the_name_it_introduced() -> None:
    doc = _doc("وأكد رئيس الوفد، فيصل المقداد، أن الزيارة ناجحة.\nورأى رئيس الوفد أن العلاقات ستتحسن قريبا.")
    assert [s for s, _, _ in _said(doc)] == ["فيصل المقداد", "فيصل المقداد"]


def test_an_unnamed_person_described_at_length_is_the_speaker() -> None:
    doc = _doc("وقال رجل كان يقف قرب المحطة وقت الانفجار إن الصوت كان مدويا.\nوأضاف الرجل أن الدخان غطى الشارع كله.")
    assert [s for s, _, _ in _said(doc)] == ["رجل كان يقف قرب المحطة وقت الانفجار"] * 2


def test_a_common_noun_subject_stands_for_the_body_named_with_it() -> None:
    doc = _doc("أعلنت جبهة النصرة انسحابها من المنطقة.\nوأصدرت الجبهة بيانا اعتبرت فيه أن المعركة لم تنته بعد.")
    assert [s for s, _, _ in _said(doc)] == ["جبهة النصرة"]


def test_a_sentence_opening_with_wa_anna_continues_the_statement() -> None:
    doc = _doc("وقال فيصل المقداد إن المحادثات كانت مثمرة.\nوأن الطرفين اتفقا على مواصلة التنسيق في كل المجالات.")
    assert _said(doc)[1] == ("فيصل المقداد", "indirect", "الطرفين اتفقا على مواصلة التنسيق في كل المجالات")


def test_qawlihim_with_the_plural_pronoun_ascribes_to_the_sources() -> None:
    doc = _doc("ونقلت الإذاعة عن مسؤولين في الوزارة قولهم إن الاتفاق سيوقع قريبا.")
    assert _said(doc) == [("مسؤولين في الوزارة", "indirect", "الاتفاق سيوقع قريبا")]


def test_stating_cue_with_an_adverb_before_ala() -> None:
    doc = _doc("وأكد فيصل المقداد في الوقت ذاته على ضرورة احترام سيادة الدول.")
    assert _said(doc) == [("فيصل المقداد", "indirect", "ضرورة احترام سيادة الدول")]


def test_the_connective_before_the_next_cue_is_left_out() -> None:
    doc = _doc("وقال فيصل المقداد إن المؤتمر كان ناجحا، لكنه أكد أن الطريق ما زال طويلا.")
    assert [t for _, _, t in _said(doc)] == ["المؤتمر كان ناجحا", "الطريق ما زال طويلا"]


def test_a_view_held_by_others_stays_the_speakers_statement() -> None:
    doc = _doc("وأكد فيصل المقداد أن الشعب السوري يعتبر أن الحصار جريمة بحق الأطفال.")
    assert _said(doc) == [("فيصل المقداد", "indirect", "الشعب السوري يعتبر أن الحصار جريمة بحق الأطفال")]


def test_a_name_inside_the_speakers_relative_clause_is_not_the_speaker() -> None:
    doc = _doc("وذكر الائتلاف الحاكم الذي يقوده بشار الأسد بأن الانتخابات ستجرى في موعدها.")
    assert _said(doc) == [("الائتلاف الحاكم", "indirect", "الانتخابات ستجرى في موعدها")]


def test_the_statement_again_is_its_issuers() -> None:
    doc = _doc("وأصدرت جبهة النصرة بيانا اعتبرت فيه أن المعركة لم تنته.\nوأضاف البيان: «سنواصل القتال حتى تحرير كل الأراضي».")
    assert [s for s, _, _ in _said(doc)] == ["جبهة النصرة", "جبهة النصرة"]


def test_a_qualified_noun_after_a_joined_verb_is_its_object() -> None:
    doc = _doc("رحبت فرنسا بالقرار الجديد، وحذرت الدول التي تدعم الجماعات المسلحة من أنها ستواجه عقوبات صارمة.")
    assert [s for s, _, _ in _said(doc)] == ["فرنسا"]


def test_every_quote_names_the_rules_that_made_it() -> None:
    doc = _doc("وقال فيصل المقداد: «نحن لا يمكن أن نثق بالتوجهات التركية».")
    assert doc.quotes[0].rules == ["quotes.content.colon", "quotes.speaker.after_cue"]


def test_a_turned_down_cue_is_in_the_trace() -> None:
    doc = _doc("يذكر أن الاجتماع عقد في دمشق الأسبوع الماضي.")
    assert doc.quotes == []
    assert [(d.rule, d.what) for d in doc.dropped] == [("quotes.filter.impersonal", "quote")]


def _cues_file(tmp_path: Path, old: str, new: str) -> Path:
    from rasd.rules import lexicon_file

    text = lexicon_file("quote_cues.tsv").read_text("utf-8")
    assert old in text
    path = tmp_path / "quote_cues.tsv"
    path.write_text(text.replace(old, new, 1), "utf-8")
    return path


def test_an_unknown_cue_kind_names_file_and_line(tmp_path: Path) -> None:
    from rasd.quotes.lexicon import read_cue_lexicon
    from rasd.rules import LexiconError

    with pytest.raises(LexiconError, match=r"quote_cues.tsv:\d+: unknown kind 'verbb'"):
        read_cue_lexicon(_cues_file(tmp_path, "قالت\tverb\tsay\tf", "قالت\tverbb\tsay\tf"))


def test_an_unknown_stance_is_refused(tmp_path: Path) -> None:
    from rasd.quotes.lexicon import read_cue_lexicon
    from rasd.rules import LexiconError

    with pytest.raises(LexiconError, match="unknown stance 'sya'"):
        read_cue_lexicon(_cues_file(tmp_path, "قالت\tverb\tsay\tf", "قالت\tverb\tsya\tf"))


def test_an_unknown_gender_is_refused(tmp_path: Path) -> None:
    from rasd.quotes.lexicon import read_cue_lexicon
    from rasd.rules import LexiconError

    with pytest.raises(LexiconError, match="unknown gender 'fem'"):
        read_cue_lexicon(_cues_file(tmp_path, "قالت\tverb\tsay\tf", "قالت\tverb\tsay\tfem"))


def test_the_cue_lexicon_is_read_once() -> None:
    from rasd.quotes.lexicon import cue_lexicon

    assert cue_lexicon() is cue_lexicon()


def test_a_long_title_set_off_by_commas_names_the_speaker_after_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from rasd.quotes.ranking import SPEAKERS_ENV

    monkeypatch.setenv(SPEAKERS_ENV, "rules")
    doc = _doc("وقال رئيس هيئة الأركان العامة في الجيش الإسرائيلي، غادي آيزنكوت، إن الجيش مستعد لكل السيناريوهات.")
    assert _said(doc) == [("غادي آيزنكوت", "indirect", "الجيش مستعد لكل السيناريوهات")]
