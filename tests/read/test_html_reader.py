from pathlib import Path

from rasd.arabic.normalize import normalize
from rasd.model import Article
from rasd.read import iter_inputs

PAGE = """<!DOCTYPE html><html><head><title>معارضون يسيطرون على مخازن للصواريخ</title>
<meta property="article:published_time" content="2013-08-03"></head><body>
<nav><ul><li>الصفحة الرئيسية</li><li>فيديو</li><li>الشرق الأوسط</li></ul></nav>
<article><h1>معارضون يسيطرون على مخازن للصواريخ</h1>
<p>أكدت جهات سورية معارضة أن فصائل مسلحة تمكنت من السيطرة على مستودعات للأسلحة بريف دمشق تضم كميات من الصواريخ.</p>
<p>وقال المرصد السوري لحقوق الإنسان إن مقاتلين سيطروا على المستودعات بعد اشتباكات عنيفة استمرت ساعات.</p>
</article><footer>جميع الحقوق محفوظة</footer></body></html>"""


def test_html_page_gives_title_and_body(tmp_path: Path) -> None:
    p = tmp_path / "page.html"
    p.write_text(PAGE, "utf-8")
    (a,) = list(iter_inputs([p]))
    assert isinstance(a, Article)
    assert a.headline == "معارضون يسيطرون على مخازن للصواريخ"
    assert "وقال المرصد السوري" in a.body
    assert "الصفحة الرئيسية" not in a.body and "جميع الحقوق" not in a.body


def test_real_cnn_page_matches_expected_text(shared: Path) -> None:
    folder = shared / "data" / "html"
    page = folder / "newspaper_cnn-arabic_2013_syria-clashes.html"
    expected = (folder / "newspaper_cnn-arabic_2013_syria-clashes.gold.txt").read_text("utf-8")
    (a,) = list(iter_inputs([page]))
    assert isinstance(a, Article)
    body = normalize(a.body)
    for para in expected.split("\n"):
        if para.strip():
            assert normalize(para.strip()) in body
    for menu in ("الصفحة الرئيسية", "الآراء الواردة أدناه", "ترحب شبكة CNN", "All Rights Reserved"):
        assert normalize(menu) not in body
    assert a.url and "arabic.cnn.com" in a.url
    assert a.headline == "معارضون يسيطرون على مخازن للصواريخ بريف دمشق"


FOOTER_PAGE = """<!DOCTYPE html><html><head><title>اشتباكات في ريف دمشق</title>
<link rel="canonical" href="http://arabic.cnn.com/2018/middle_east/10/3/syria.clashes/index.html"></head><body>
<article><h1>اشتباكات في ريف دمشق</h1>
<p>أكدت جهات سورية معارضة أن فصائل مسلحة تمكنت من السيطرة على مستودعات للأسلحة بريف دمشق تضم كميات من الصواريخ.</p>
<p>وقال المرصد السوري لحقوق الإنسان إن مقاتلين سيطروا على المستودعات بعد اشتباكات عنيفة استمرت ساعات.</p>
</article><footer>&copy; 2013 Cable News Network. All Rights Reserved.</footer></body></html>"""


def test_date_in_the_url_wins_over_a_copyright_footer(tmp_path: Path) -> None:
    p = tmp_path / "page.html"
    p.write_text(FOOTER_PAGE, "utf-8")
    (a,) = list(iter_inputs([p]))
    assert isinstance(a, Article) and a.date == "2018-10-03"


def test_published_time_meta_gives_the_date(tmp_path: Path) -> None:
    p = tmp_path / "page.html"
    p.write_text(PAGE, "utf-8")
    (a,) = list(iter_inputs([p]))
    assert isinstance(a, Article) and a.date == "2013-08-03"
