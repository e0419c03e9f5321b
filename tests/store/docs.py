"""Hand-built Documents with every layer filled, for store, export and web tests.

They do not depend on the entity, actor, quote or event stages: the records are written here,
their spans found in the text, so the tests exercise the store on complete rasd/1 documents.
"""

from __future__ import annotations

from pathlib import Path

from rasd.model import Actor, Article, Document, Event, Mention, Quote, Span
from rasd.pipeline import text_stage
from rasd.read import read_path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "000_17848a7770633ebb.txt"


def find(body: str, text: str, nth: int = 0, after: int = 0) -> Span:
    """The span of the ``nth`` occurrence of ``text`` at or after ``after``."""
    pos = after - 1
    for _ in range(nth + 1):
        pos = body.find(text, pos + 1)
        assert pos >= 0, f"{text!r} not in body"
    return Span(pos, pos + len(text))


def all_spans(body: str, text: str, *, exclude: list[Span] = ()) -> list[Span]:  # type: ignore[assignment]
    """Every occurrence of ``text`` not inside one of ``exclude``."""
    out, pos = [], body.find(text)
    while pos >= 0:
        s = Span(pos, pos + len(text))
        if not any(x.contains(s) for x in exclude):
            out.append(s)
        pos = body.find(text, pos + 1)
    return out


def _entity(eid: str, name: str, type_: str, body: str, surfaces: list[str], **kw: str | None) -> Actor:
    mentions: list[Mention] = []
    taken: list[Span] = []
    for s in surfaces:
        for sp in all_spans(body, s, exclude=taken):
            mentions.append(Mention(sp.start, sp.end, type_, "test"))
            taken.append(sp)
    mentions.sort(key=lambda m: m.start)
    return Actor(id=eid, name=name, type=type_, mentions=mentions, **kw)  # type: ignore[arg-type]


def seed_document() -> Document:
    """The bundled example with entities, quotes and events written by hand (dated 2017-10-25)."""
    article = next(iter(read_path(EXAMPLE)))
    assert isinstance(article, Article)
    article.date = "2017-10-25"
    doc = text_stage(Document(article=article))
    body = article.body
    doc.entities = [
        _entity("e1", "فيصل المقداد", "PER", body, ["فيصل المقداد", "المقداد"], name_en="Faisal Mekdad",
                country="SYR", sector="GOV", role="نائب وزير الخارجية والمغتربين", kb_id="syr.gov.mekdad_faisal"),
        _entity("e2", "علي لاريجاني", "PER", body, ["علي لاريجاني", "لاريجاني"], name_en="Ali Larijani",
                country="IRN", sector="LEG", role="رئيس مجلس الشورى الإسلامي", kb_id="irn.leg.larijani_ali"),
        _entity("e3", "طهران", "LOC", body, ["طهران"], name_en="Tehran", country="IRN", kb_id="geo:112931"),
        _entity("e4", "سانا", "ORG", body, ["سانا"], name_en="SANA", country="SYR", sector="JRN", kb_id="syr.jrn.sana"),
        _entity("e5", "إدلب", "LOC", body, ["إدلب"], name_en="Idlib", country="SYR", kb_id="geo:169389"),
        _entity("e6", "الجيش التركي", "ORG", body, ["الجيش التركي"], country="TUR", sector="MIL"),
        _entity("e7", "سورية", "GPE", body, ["سورية"], name_en="Syria", country="SYR", sector="GOV", kb_id="SYR"),
        _entity("e8", "تركيا", "GPE", body, ["تركيا"], name_en="Turkey", country="TUR", sector="GOV", kb_id="TUR"),
        _entity("e9", "دير الزور", "LOC", body, ["دير الزور"], name_en="Deir ez-Zor", country="SYR", kb_id="geo:170794"),
        _entity("e10", "ولايتي", "PER", body, ["ولايتي"], country="IRN", sector="GOV"),
    ]
    doc.entities.append(_entity("e11", "الدول الضامنة", "ORG", body, ["الدول الضامنة"], sector="GOV"))
    doc.entities[-1].nominal = True
    q1_content = find(body, "التقدم مستمر نحو الحدود العراقية لتحرير البوكمال")
    q2_content = find(body, "أهمية استمرار التعاون والتنسيق الثنائي بين البلدين")
    q2_content = Span(q2_content.start, body.index("»", q2_content.start))
    q3_content = find(body, "نحن لا يمكن أن نثق بالتوجهات التركية")
    q4_content = find(body, "في سورية نرفض الإجراءات التي اتخذتها تركيا")
    q4_content = Span(q4_content.start, body.index("»", q4_content.start))
    doc.quotes = [
        Quote("q1", "e1", "المقداد", find(body, "وأكد", 0), q1_content, "direct"),
        Quote("q2", "e2", "لاريجاني والمقداد", find(body, "أكد", 0, after=find(body, "سانا").end), q2_content,
              "direct", via="سانا", co_speakers=["e1"], stance="affirm"),
        Quote("q3", "e1", "المقداد", find(body, "وقال المقداد", 1), q3_content, "direct"),
        Quote("q4", "e1", None, find(body, "وأضاف"), q4_content, "direct", stance="reject"),
    ]
    consult = find(body, "وأجرى المقداد، أمس، مباحثات في طهران")
    doc.events = [
        Event("v1", "CONSULT", "visit", ["e1"], ["e2"], place="e3", date="2017-10-24", date_raw="أمس",
              evidence=[consult], confidence=0.9, cue=find(body, "مباحثات", 0, after=consult.start),
              rules=["events.role.light_verb", "events.role.place"]),
        Event("v2", "MOBILIZE", None, ["e6"], ["e7"], place="e5", evidence=[find(body, "وتوغل الجيش التركي مؤخراً في محافظة إدلب")],
              confidence=0.8, cue=find(body, "وتوغل"), date_raw="مؤخراً", status="historical"),
        Event("v3", "REJECT", None, ["e1"], ["e8"], place="e5", evidence=[find(body, "نرفض الإجراءات التي اتخذتها تركيا في إدلب")],
              confidence=0.7, quote="q4", cue=find(body, "نرفض")),
        Event("v4", "REQUEST", "yield", ["e1"], ["e6"], evidence=[find(body, "ونطالب بخروج الجيش التركي المحتل من إدلب")],
              confidence=0.6, quote="q4", cue=find(body, "ونطالب")),
        Event("v5", "ASSAULT", None, ["e7"], [], place="e9",
              evidence=[find(body, "ويواصل الجيش بدعم من حلفائه من المقاومة وروسيا عمليته العسكرية في شرق دير الزور")],
              confidence=0.5, cue=find(body, "عمليته العسكرية")),
        Event("v6", "CONSULT", None, ["e1", "e10"], [], evidence=[find(body, "أكد ولايتي والمقداد")],
              confidence=0.5, date="2017-10-24", status="asserted"),
    ]
    return doc


SECOND_TEXT = (
    "دمشق\n\n"
    "المقداد يستقبل لاريجاني في دمشق\n\n"
    "استقبل وزير الخارجية فيصل المقداد في دمشق اليوم رئيس مجلس الشورى علي لاريجاني، "
    "وأكّد المقداد أن «سوريا ماضية في مكافحة الإرهاب».\n"
    "وهدد الجيش التركي بعملية جديدة في إدلب.\n"
)


def second_document() -> Document:
    """A short article dated 2017-11-20 with two of the seed's actors and one more place."""
    from rasd.read.text import parse_text

    article = parse_text(SECOND_TEXT, "second.txt")
    article.date = "2017-11-20"
    article.outlet = "اختبار"
    article.url = "https://example.org/second"
    doc = text_stage(Document(article=article))
    body = article.body
    doc.entities = [
        _entity("e1", "فيصل المقداد", "PER", body, ["فيصل المقداد", "المقداد"], name_en="Faisal Mekdad",
                country="SYR", sector="GOV", role="وزير الخارجية", kb_id="syr.gov.mekdad_faisal"),
        _entity("e2", "علي لاريجاني", "PER", body, ["علي لاريجاني"], name_en="Ali Larijani", country="IRN",
                sector="LEG", kb_id="irn.leg.larijani_ali"),
        _entity("e3", "دمشق", "LOC", body, ["دمشق"], name_en="Damascus", country="SYR", kb_id="geo:170654"),
        _entity("e4", "الجيش التركي", "ORG", body, ["الجيش التركي"], country="TUR", sector="MIL"),
        _entity("e5", "إدلب", "LOC", body, ["إدلب"], name_en="Idlib", country="SYR", kb_id="geo:169389"),
    ]
    content = find(body, "سوريا ماضية في مكافحة الإرهاب")
    doc.quotes = [Quote("q1", "e1", "المقداد", find(body, "وأكّد"), content, "direct")]
    doc.events = [
        Event("v1", "CONSULT", "visit", ["e2"], ["e1"], place="e3", date="2017-11-20", date_raw="اليوم",
              evidence=[find(body, "استقبل وزير الخارجية فيصل المقداد في دمشق اليوم رئيس مجلس الشورى علي لاريجاني")],
              confidence=0.9, cue=find(body, "استقبل")),
        Event("v2", "THREATEN", None, ["e4"], [], place="e5", evidence=[find(body, "وهدد الجيش التركي بعملية جديدة في إدلب")],
              confidence=0.7, status="future", cue=find(body, "وهدد")),
    ]
    return doc


HOSTILE_TEXT = (
    "منوعات\n\n"
    "عنوان <script>window.__pwned=1</script> عريض\n\n"
    "قال المتحدث باسم الجمعية في بيان صدر اليوم إن <script>window.__pwned=1</script> "
    "و<img src=x onerror=\"window.__pwned=1\"> ليست أكثر من نص يكتبه الصحفيون في مقالاتهم، "
    "وإن a < b && c > d في المعادلة، وأضاف: «<i>لا تنفذ هذا</i> فهو نص عادي في خبر عن الأمن الرقمي».\n"
)
"""Under eight tag-like strings, so the reader takes it as text, not as an HTML page."""


def hostile_document() -> Document:
    """An article whose text holds script tags and HTML-like text, with a quote over them."""
    from rasd.read.text import parse_text

    article = parse_text(HOSTILE_TEXT, "hostile.txt")
    article.date = "2018-01-01"
    doc = text_stage(Document(article=article))
    body = article.body
    doc.entities = [
        _entity("e1", "<script>window.__pwned=1</script>", "PER", body, ["المتحدث"], country="SYR"),
    ]
    doc.quotes = [Quote("q1", "e1", "المتحدث", find(body, "قال"), find(body, "<script>window.__pwned=1</script> و<img"), "indirect")]
    doc.events = [Event("v1", "ACCUSE", None, ["e1"], [], evidence=[find(body, "<i>لا تنفذ هذا</i>")], confidence=0.5)]
    return doc
