import json
from pathlib import Path

from rasd.model import Article
from rasd.read import ReadProblem, iter_inputs, sniff

ARTICLE = {
    "title": "روسيا تعلن تسليم منظومة الدفاع الجوي",
    "text": "أعلنت موسكو تسليم الجيش السوري صواريخ جديدة مضادة للطائرات.",
    "date": "Wed, 03 Oct 2018 01:43:35 GMT",
    "url": "http://example.org/a",
    "outlet": "BBC",
    "section": "الشرق الأوسط",
}


def test_jsonl_records_become_articles(tmp_path: Path) -> None:
    p = tmp_path / "a.jsonl"
    p.write_text(json.dumps(ARTICLE, ensure_ascii=False) + "\n", "utf-8")
    (a,) = list(iter_inputs([p]))
    assert isinstance(a, Article)
    assert (a.headline, a.date, a.outlet, a.section, a.url) == (
        ARTICLE["title"], "2018-10-03", "BBC", "الشرق الأوسط", "http://example.org/a"
    )
    assert a.body == ARTICLE["text"]


def test_truncated_jsonl_line_is_one_error_and_the_rest_is_read(tmp_path: Path) -> None:
    line = json.dumps(ARTICLE, ensure_ascii=False)
    p = tmp_path / "b.jsonl"
    p.write_text(line + "\n" + line[: len(line) // 2] + "\n" + line + "\n", "utf-8")
    items = list(iter_inputs([p]))
    problems = [x for x in items if isinstance(x, ReadProblem)]
    assert len(items) == 3 and len(problems) == 1
    assert problems[0].source.endswith("b.jsonl:2") and "malformed JSON" in problems[0].problem


def test_record_without_text_names_the_fields(tmp_path: Path) -> None:
    p = tmp_path / "c.jsonl"
    p.write_text(json.dumps({"title": "عنوان"}, ensure_ascii=False) + "\n", "utf-8")
    (problem,) = list(iter_inputs([p]))
    assert isinstance(problem, ReadProblem) and "no text" in problem.problem


def test_csv_with_content_column(tmp_path: Path) -> None:
    p = tmp_path / "d.csv"
    p.write_text('headline,content,source\n"عنوان","أعلنت موسكو تسليم الجيش السوري صواريخ.",SANA\n', "utf-8")
    (a,) = list(iter_inputs([p]))
    assert isinstance(a, Article) and a.outlet == "SANA" and a.headline == "عنوان"


def test_json_array(tmp_path: Path) -> None:
    p = tmp_path / "e.json"
    p.write_text(json.dumps([ARTICLE, ARTICLE], ensure_ascii=False), "utf-8")
    assert sum(isinstance(x, Article) for x in iter_inputs([p])) == 2


def test_sniff_by_content_not_name() -> None:
    assert sniff("<!DOCTYPE html><html><body><p>نص</p></body></html>", "page.txt") == "html"
    assert sniff('{"text": "نص"}\n', "data.txt") == "jsonl"
    assert sniff("title,text\nعنوان,نص\n", "data.txt") == "csv"
    assert sniff("سورية\nعنوان\nنص", "x.json") == "text"


def _marked_up_jsonl(n: int) -> str:
    lines = []
    for i in range(n):
        record = {
            "title": f"<b>روسيا</b> تعلن تسليم منظومة الدفاع الجوي {i}",
            "text": f"<p>أعلنت موسكو تسليم الجيش السوري صواريخ جديدة مضادة للطائرات رقم {i}.</p>"
                    "<p>وقال المتحدث باسم الوزارة إن الشحنة وصلت إلى اللاذقية &amp; طرطوس.</p>",
            "date": "2018-10-03",
        }
        lines.append(json.dumps(record, ensure_ascii=False))
    return "\n".join(lines) + "\n"


def test_jsonl_whose_text_holds_markup_is_read_record_by_record(tmp_path: Path) -> None:
    p = tmp_path / "marked.jsonl"
    p.write_text(_marked_up_jsonl(50), "utf-8")
    articles = [x for x in iter_inputs([p]) if isinstance(x, Article)]
    assert len(articles) == 50


def test_markup_in_a_record_becomes_plain_paragraphs(tmp_path: Path) -> None:
    p = tmp_path / "marked.jsonl"
    p.write_text(_marked_up_jsonl(1), "utf-8")
    (a,) = list(iter_inputs([p]))
    assert isinstance(a, Article)
    assert a.body == (
        "أعلنت موسكو تسليم الجيش السوري صواريخ جديدة مضادة للطائرات رقم 0.\n"
        "وقال المتحدث باسم الوزارة إن الشحنة وصلت إلى اللاذقية & طرطوس."
    )
    assert a.headline == "روسيا تعلن تسليم منظومة الدفاع الجوي 0"


def test_csv_whose_text_holds_markup_is_read_row_by_row(tmp_path: Path) -> None:
    row = '"<p>أعلنت موسكو تسليم الجيش السوري صواريخ جديدة.</p><p>وقالت إنها وصلت <a href=""x"">أمس</a>.</p>"'
    p = tmp_path / "marked.csv"
    p.write_text("text,date\n" + "\n".join(f"{row},2018-10-0{i}" for i in range(1, 6)) + "\n", "utf-8")
    articles = [x for x in iter_inputs([p]) if isinstance(x, Article)]
    assert [a.date for a in articles] == [f"2018-10-0{i}" for i in range(1, 6)]


def test_sniff_prefers_records_to_the_markup_they_carry() -> None:
    assert sniff(_marked_up_jsonl(3), "export.txt") == "jsonl"


def test_jsonl_with_a_broken_first_line_is_still_jsonl(tmp_path: Path) -> None:
    good = json.dumps(ARTICLE, ensure_ascii=False)
    p = tmp_path / "export.txt"
    p.write_text(good[:40] + "\n" + good + "\n" + good + "\n", "utf-8")
    items = list(iter_inputs([p]))
    assert [type(x).__name__ for x in items] == ["ReadProblem", "Article", "Article"]


def test_an_unterminated_string_is_reported_without_a_doubled_word(tmp_path: Path) -> None:
    p = tmp_path / "cut.jsonl"
    p.write_text('{"text": "أعلنت موسكو\n', "utf-8")
    (problem,) = list(iter_inputs([p]))
    assert isinstance(problem, ReadProblem)
    assert problem.problem == "malformed JSON (Unterminated string starting at column 10)"
