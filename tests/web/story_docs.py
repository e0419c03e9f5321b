"""Hand-built documents for story clusters: two near-identical wire articles (one paragraph
changed, another outlet and day) that form one story and report one meeting, and a third,
unrelated article. The second headline holds HTML-like text, to check it is escaped wherever
the story is shown."""

from __future__ import annotations

from pathlib import Path

from rasd.model import Actor, Article, Document, Event, Mention
from rasd.pipeline import text_stage
from rasd.scale.story_tables import update_store_stories
from rasd.store import connect, store_documents
from tests.store.docs import all_spans, find

WIRE = [
    "أعلنت وزارة الخارجية المصرية، اليوم الأحد، أن وزير الخارجية سامح شكري سيلتقي في عمّان "
    "نظيره الأردني أيمن الصفدي لبحث التطورات في المنطقة.",
    "وقال المتحدث باسم الوزارة في بيان إن المباحثات ستتناول العلاقات الثنائية بين البلدين "
    "وسبل تعزيز التعاون الاقتصادي والتنسيق المشترك إزاء القضية الفلسطينية والأزمة السورية.",
    "وأضاف البيان أن الوزيرين سيعقدان مؤتمراً صحفياً مشتركاً في ختام اللقاء، مشيراً إلى أن "
    "الزيارة تأتي في إطار التشاور الدوري بين القاهرة وعمّان حول القضايا ذات الاهتمام المشترك.",
    "وكان الوزيران قد التقيا الشهر الماضي على هامش اجتماعات جامعة الدول العربية في القاهرة، "
    "حيث أكدا ضرورة التوصل إلى حل سياسي ينهي معاناة الشعوب في المنطقة.",
]
CHANGED = "وقال مصدر دبلوماسي إن اللقاء سيكون مغلقاً أمام وسائل الإعلام وإن جدول أعماله لم يعلن بعد."
MEETING = "سامح شكري سيلتقي في عمّان نظيره الأردني أيمن الصفدي"
HOSTILE_HEADLINE = "شكري في عمّان <script>window.__pwned=1</script> <b>غداً</b>"

UNRELATED = (
    "ارتفعت أسعار النفط في التعاملات الآسيوية صباح اليوم بعد تقارير عن تراجع المخزونات "
    "الأميركية، وصعد خام برنت بنسبة واحد في المئة ليسجل أعلى مستوى له منذ ثلاثة أسابيع. "
    "ويتوقع المحللون أن تواصل الأسعار ارتفاعها خلال الأسبوع المقبل مع زيادة الطلب على الوقود."
)


def _entity(eid: str, name: str, type_: str, body: str, surface: str, **kw: str | None) -> Actor:
    mentions = [Mention(s.start, s.end, type_, "test") for s in all_spans(body, surface)]
    return Actor(id=eid, name=name, type=type_, mentions=mentions, **kw)  # type: ignore[arg-type]


def _wire(paragraphs: list[str], *, headline: str, outlet: str, date: str, url: str) -> Document:
    body = "\n".join(paragraphs)
    doc = text_stage(Document(article=Article(body=body, headline=headline, outlet=outlet, date=date, url=url)))
    doc.entities = [
        _entity("e1", "سامح شكري", "PER", body, "سامح شكري", name_en="Sameh Shoukry", country="EGY",
                sector="GOV", kb_id="egy.gov.shoukry_sameh"),
        _entity("e2", "أيمن الصفدي", "PER", body, "أيمن الصفدي", name_en="Ayman Safadi", country="JOR",
                sector="GOV", kb_id="jor.gov.safadi_ayman"),
    ]
    doc.events = [
        Event("v1", "CONSULT", "visit", ["e1"], ["e2"], date="2018-04-02", evidence=[find(body, MEETING)],
              confidence=0.8, cue=find(body, "سيلتقي"), status="future"),
    ]
    return doc


def wire_documents() -> list[Document]:
    """Two reports of one wire story (dated 2018-04-01 and 2018-04-02) and one unrelated article."""
    changed = [WIRE[0], CHANGED, *WIRE[2:]]
    first = _wire(WIRE, headline="شكري يلتقي الصفدي في عمّان", outlet="صحيفة الوطن", date="2018-04-01",
                  url="https://example.org/watan")
    second = _wire(changed, headline=HOSTILE_HEADLINE, outlet="الأهرام", date="2018-04-02",
                   url="https://example.org/ahram")
    other = text_stage(Document(article=Article(body=UNRELATED, headline="النفط يرتفع", outlet="الغد",
                                                date="2018-05-20")))
    return [first, second, other]


def story_database(path: Path, extra: list[Document] | None = None) -> Path:
    """A database holding :func:`wire_documents` (and ``extra``), with its stories and cross
    events brought up to date as ``rasd ingest`` does."""
    store_documents(path, [*wire_documents(), *(extra or [])])
    conn = connect(path)
    try:
        update_store_stories(conn)
    finally:
        conn.close()
    return path
