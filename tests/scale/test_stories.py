"""Story clustering of near-duplicate articles and merging of events across articles."""

from __future__ import annotations

from pathlib import Path

from rasd.model import Actor, Article, Document, Event, Span
from rasd.scale.stories import (
    actor_key,
    cluster_articles,
    cluster_texts,
    merge_events,
    shingle_hashes,
    shingles,
)

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "000_17848a7770633ebb.txt"

# a short wire story, in paragraphs
WIRE = [
    "أعلنت وزارة الخارجية المصرية، اليوم الأحد، أن وزير الخارجية سامح شكري سيتوجه إلى عمّان "
    "غداً للقاء نظيره الأردني أيمن الصفدي وبحث التطورات في المنطقة.",
    "وقال المتحدث باسم الوزارة في بيان إن المباحثات ستتناول العلاقات الثنائية بين البلدين "
    "وسبل تعزيز التعاون الاقتصادي والتنسيق المشترك إزاء القضية الفلسطينية والأزمة السورية.",
    "وأضاف البيان أن الوزيرين سيعقدان مؤتمراً صحفياً مشتركاً في ختام اللقاء، مشيراً إلى أن "
    "الزيارة تأتي في إطار التشاور الدوري بين القاهرة وعمّان حول القضايا ذات الاهتمام المشترك.",
    "وكان الوزيران قد التقيا الشهر الماضي على هامش اجتماعات جامعة الدول العربية في القاهرة، "
    "حيث أكدا ضرورة التوصل إلى حل سياسي ينهي معاناة الشعوب في المنطقة.",
]

UNRELATED = (
    "ارتفعت أسعار النفط في التعاملات الآسيوية صباح اليوم بعد تقارير عن تراجع المخزونات "
    "الأميركية، وصعد خام برنت بنسبة واحد في المئة ليسجل أعلى مستوى له منذ ثلاثة أسابيع. "
    "ويتوقع المحللون أن تواصل الأسعار ارتفاعها خلال الأسبوع المقبل مع زيادة الطلب على الوقود "
    "في فصل الصيف وتراجع الإنتاج في عدد من الدول المصدرة."
)


def _example_paragraphs() -> list[str]:
    lines = EXAMPLE.read_text("utf-8").splitlines()
    return [ln for ln in lines[5:] if ln.strip()]


def _body(paragraphs: list[str]) -> str:
    return "\n".join(paragraphs)


def _doc(body: str, **kw: object) -> Document:
    return Document(article=Article(body=body, **kw))  # type: ignore[arg-type]


def _variants(paragraphs: list[str]) -> dict[str, str]:
    changed = list(paragraphs)
    changed[1] = "وقال مصدر دبلوماسي إن اللقاء سيكون مغلقاً أمام وسائل الإعلام وإن جدول أعماله لم يعلن بعد."
    reordered = [paragraphs[0], paragraphs[2], paragraphs[1], *paragraphs[3:]]
    boiler = ["عمّان – (وكالات)", *paragraphs, "اقرأ أيضاً: آخر الأخبار", "تابعونا على تويتر"]
    return {
        "original": _body(paragraphs),
        "changed sentence": _body(changed),
        "reordered paragraph": _body(reordered),
        "other boilerplate": _body(boiler),
    }


def test_shingles_are_normalized_words() -> None:
    # hamza and teh marbuta variants give the same shingles
    assert shingles("أكد الرئيس المصرية", k=3) == shingles("اكد الرئيس المصريه", k=3)
    assert shingles("كلمة", k=3) == {"كلمه"}
    assert shingles("", k=3) == set()


def test_shingle_hashes_count_distinct_shingles() -> None:
    text = _body(WIRE)
    assert len(shingle_hashes(text)) == len(shingles(text))
    assert shingle_hashes(text) == shingle_hashes(text)


def test_short_wire_variants_cluster_together() -> None:
    variants = _variants(WIRE)
    ids = {name: f"a{i}" for i, name in enumerate(variants)}
    clusters = cluster_texts([(ids[n], t) for n, t in variants.items()] + [("z", UNRELATED)])
    story = clusters[ids["original"]]
    for name in variants:
        assert clusters[ids[name]] == story, name
    assert clusters["z"] != story


def test_long_article_variants_cluster_together() -> None:
    variants = _variants(_example_paragraphs())
    for name, text in variants.items():
        if name == "original":
            continue
        clusters = cluster_texts([("a", variants["original"]), ("b", text)])
        assert clusters["a"] == clusters["b"], name


def test_unrelated_articles_are_separate_stories() -> None:
    example = _example_paragraphs()
    first_half, second_half = _body(example[:8]), _body(example[8:])
    clusters = cluster_texts([("a", _body(WIRE)), ("b", UNRELATED), ("c", first_half), ("d", second_half)])
    assert len(set(clusters.values())) == 4


def test_story_ids_do_not_depend_on_order() -> None:
    items = [("b", _body(WIRE)), ("a", _variants(WIRE)["changed sentence"]), ("c", UNRELATED)]
    one = cluster_texts(items)
    two = cluster_texts(list(reversed(items)))
    assert one == two
    assert one["a"] == one["b"] == "s-a"
    assert one["c"] == "s-c"


def test_cluster_articles_uses_article_ids() -> None:
    docs = [_doc(_body(WIRE)), _doc(_variants(WIRE)["reordered paragraph"]), _doc(UNRELATED)]
    clusters = cluster_articles(docs)
    assert set(clusters) == {d.article.id for d in docs}
    assert clusters[docs[0].article.id] == clusters[docs[1].article.id] != clusters[docs[2].article.id]


# --------------------------------------------------------------------------- events


def _meeting_doc(body_prefix: str, *, date: str | None, outlet: str, event_date: str | None = None,
                 event_type: str = "CONSULT", kb: bool = True, status: str = "asserted") -> Document:
    body = body_prefix + " التقى وزير الخارجية المصري سامح شكري نظيره الأردني أيمن الصفدي في عمّان."
    start = body.index("التقى")
    doc = _doc(body, date=date, outlet=outlet)
    shoukry = body.index("سامح شكري")
    safadi = body.index("أيمن الصفدي")
    doc.entities = [
        Actor("e1", "سامح شكري", "PER", country="EGY", kb_id="Q1" if kb else None),
        Actor("e2", "أيمن الصفدي", "PER", country="JOR", kb_id="Q2" if kb else None),
    ]
    doc.entities[0].mentions = []
    doc.entities[1].mentions = []
    doc.events = [
        Event("v1", event_type, actors=["e1"], recipients=["e2"], date=event_date, status=status,
              evidence=[Span(start, len(body))], confidence=0.6, cue=Span(start, start + 5)),
    ]
    assert body[shoukry:safadi]
    return doc


def test_same_event_in_two_articles_merges_with_two_sources() -> None:
    a = _meeting_doc("عمّان (وكالات) –", date="2018-04-01", outlet="صحيفة الوطن")
    b = _meeting_doc("القاهرة –", date="2018-04-02", outlet="الأهرام")
    clusters = cluster_articles([a, b])
    merged = merge_events([a, b], clusters)
    assert len(merged) == 1
    x = merged[0]
    assert x.n_sources == 2 and x.type == "CONSULT"
    assert x.actors == ["kb:Q1"] and x.recipients == ["kb:Q2"]
    assert x.date == "2018-04-01" and x.date_end == "2018-04-02"
    assert x.outlets == ["الأهرام", "صحيفة الوطن"]
    assert {e.article_id for e in x.evidence} == {a.article.id, b.article.id}
    for ev in x.evidence:
        body = a.body if ev.article_id == a.article.id else b.body
        assert body[ev.start : ev.end] == ev.text
    assert x.confidence > 0.6  # two reports are more credible than one
    assert x.to_dict()["n_sources"] == 2


def test_dates_outside_the_window_stay_apart() -> None:
    a = _meeting_doc("أ", date="2018-04-01", outlet="x")
    b = _meeting_doc("ب", date="2018-04-09", outlet="y")
    merged = merge_events([a, b], cluster_articles([a, b]))
    assert sorted(x.n_sources for x in merged) == [1, 1]


def test_window_does_not_chain_across_days() -> None:
    docs = [_meeting_doc(str(i), date=f"2018-04-{d:02d}", outlet="x") for i, d in enumerate((1, 2, 3, 4, 5, 6))]
    merged = merge_events(docs, cluster_articles(docs))
    assert all(x.date is not None and x.date_end is not None for x in merged)
    assert len(merged) == 2  # 1–3 and 4–6, not one event spanning the week


def test_undated_reports_merge_within_a_story_only() -> None:
    text = _body(WIRE)
    a = _meeting_doc(text, date=None, outlet="x")
    b = _meeting_doc(text + " وأضاف المتحدث أن اللقاء كان إيجابياً.", date=None, outlet="y")
    c = _meeting_doc(UNRELATED, date=None, outlet="z")
    clusters = cluster_articles([a, b, c])
    assert clusters[a.article.id] == clusters[b.article.id] != clusters[c.article.id]
    merged = merge_events([a, b, c], clusters)
    assert sorted(x.n_sources for x in merged) == [1, 2]


def test_different_type_actor_or_polarity_stay_apart() -> None:
    base = _meeting_doc("أ", date="2018-04-01", outlet="x")
    other_type = _meeting_doc("ب", date="2018-04-01", outlet="y", event_type="ACCUSE")
    negated = _meeting_doc("ج", date="2018-04-01", outlet="z", status="negated")
    docs = [base, other_type, negated]
    assert [x.n_sources for x in merge_events(docs, cluster_articles(docs))] == [1, 1, 1]


def test_local_actors_match_by_name_and_country() -> None:
    a = _meeting_doc("أ", date="2018-04-01", outlet="x", kb=False)
    b = _meeting_doc("ب", date="2018-04-01", outlet="y", kb=False)
    merged = merge_events([a, b], cluster_articles([a, b]))
    assert len(merged) == 1 and merged[0].n_sources == 2
    assert merged[0].actors == [actor_key(a.entities[0])]
    assert actor_key(a.entities[0]).startswith("local:PER:")
