from pathlib import Path

from rasd.read import ReadProblem, iter_inputs, read_path
from rasd.read.text import parse_text, split_headline


def _seed(example_path: Path):
    (article,) = list(read_path(example_path))
    return article


def test_seed_section(example_path: Path) -> None:
    assert _seed(example_path).section == "سورية"


def test_seed_headline_and_parts(example_path: Path) -> None:
    a = _seed(example_path)
    assert a.headline is not None and a.headline.startswith("مباحثات سورية إيرانية")
    assert a.headline_parts == [
        "مباحثات سورية إيرانية قبيل «أستانا 7».. وطهران ستدعم دمشق حتى تحقيق النصر",
        "المقداد: التقدم مستمر نحو الحدود العراقية لتحرير البوكمال",
    ]


def test_seed_byline(example_path: Path) -> None:
    assert _seed(example_path).byline == "وكالات"


def test_seed_outlet_from_masthead(example_path: Path) -> None:
    assert _seed(example_path).outlet == "صحيفة الوطن"


def test_seed_furniture_is_removed_and_recorded(example_path: Path) -> None:
    a = _seed(example_path)
    assert a.boilerplate == ["زر الذهاب إلى الأعلى", "صحيفة الوطن"]
    assert "زر الذهاب" not in a.body and not a.body.endswith("صحيفة الوطن")
    assert a.body.startswith("قبل أيام قليلة من اجتماع «أستانا 7»")
    assert a.body.endswith("لإرساء الاستقرار المستديم فيها.")


def test_seed_body_is_the_published_text(example_path: Path) -> None:
    a = _seed(example_path)
    assert a.body in example_path.read_text("utf-8")


def test_two_line_header_form() -> None:
    a = parse_text("الشرق الأوسط\nروسيا تعلن تسليم منظومة إلى سوريا\nأعلنت موسكو تسليم الجيش السوري صواريخ.\nوأبلغ الوزير الرئيس.")
    assert (a.section, a.headline) == ("الشرق الأوسط", "روسيا تعلن تسليم منظومة إلى سوريا")
    assert a.body.startswith("أعلنت موسكو")


def test_bare_text_is_all_body() -> None:
    text = "أعلنت موسكو تسليم الجيش السوري صواريخ جديدة مضادة للطائرات، وذلك عقب مرور أسبوعين على الحادث."
    a = parse_text(text)
    assert a.body == text and a.headline is None and a.section is None


def test_headline_split_on_double_dot_when_no_ellipsis() -> None:
    assert split_headline("هدنة إنسانية جديدة في اليمن.. وتحرير ثاني مدينة") == [
        "هدنة إنسانية جديدة في اليمن",
        "وتحرير ثاني مدينة",
    ]


def test_headline_without_separator_is_one_part() -> None:
    assert split_headline("روسيا تعلن تسليم المنظومة") == ["روسيا تعلن تسليم المنظومة"]


def test_read_more_line_between_paragraphs_is_removed() -> None:
    a = parse_text("سياسة\nعنوان الخبر هنا\nالفقرة الأولى من الخبر طويلة بما يكفي.\nاقرأ أيضاً: تفاصيل أخرى\nالفقرة الثانية من الخبر.")
    assert "اقرأ" not in a.body
    assert a.boilerplate == ["اقرأ أيضاً: تفاصيل أخرى"]


def test_share_and_follow_lines_are_removed() -> None:
    a = parse_text("قال الوزير إن المحادثات مستمرة بين الطرفين.\nشارك على فيسبوك\nتابعونا على تويتر")
    assert a.body == "قال الوزير إن المحادثات مستمرة بين الطرفين."
    assert set(a.boilerplate) == {"شارك على فيسبوك", "تابعونا على تويتر"}


def test_sentence_starting_with_shahed_is_kept() -> None:
    text = "شاهد عيان قال إن الانفجار وقع صباحاً.\nوأكدت الشرطة الخبر."
    assert parse_text(text).body == text


def test_app_promotion_and_separator_are_removed() -> None:
    a = parse_text("نص الخبر الأول هنا.\n------------------------------\nيمكنكم استلام إشعارات بأهم الموضوعات بعد تحميل أحدث نسخة من تطبيق بي بي سي عربي على هاتفكم المحمول.")
    assert a.body == "نص الخبر الأول هنا."
    assert len(a.boilerplate) == 2


def test_manifest_supplies_outlet_and_date(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("الشرق الأوسط\nعنوان\nأعلنت موسكو تسليم الجيش السوري صواريخ.", "utf-8")
    (tmp_path / "manifest.tsv").write_text("file\toutlet\tdate_iso\turl\na.txt\tBBC\t2018-10-03\thttp://x\n", "utf-8")
    (a,) = list(iter_inputs([tmp_path]))
    assert (a.outlet, a.date, a.url) == ("BBC", "2018-10-03", "http://x")


def test_dangling_link_in_a_folder_is_reported(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("أعلنت موسكو تسليم الجيش السوري صواريخ جديدة مضادة للطائرات.", "utf-8")
    (tmp_path / "b.txt").symlink_to(tmp_path / "gone.txt")
    items = list(iter_inputs([tmp_path]))
    problems = [x for x in items if isinstance(x, ReadProblem)]
    assert len(items) == 2 and len(problems) == 1
    assert problems[0].source.endswith("b.txt")
    assert "broken symbolic link" in problems[0].problem and "gone.txt" in problems[0].problem
