"""Tests for NER token features."""

from __future__ import annotations

from rasd.entities.features import FeatureConfig, FeatureExtractor, Resources, safe_normalize


def _extractor(counts: dict[str, int] | None = None) -> FeatureExtractor:
    return FeatureExtractor(Resources(counts=counts))


def test_conjunction_and_article_are_stripped_to_stem() -> None:
    seg = _extractor().segment("والمقداد")
    assert (seg.proclitic, seg.article, seg.stem) == ("و", True, "مقداد")


def test_stem_feature_is_emitted() -> None:
    feats = _extractor().sentence(["والمقداد"])[0]
    assert "st=مقداد" in feats


def test_lil_is_preposition_plus_article() -> None:
    seg = _extractor().segment("للامم")
    assert (seg.proclitic, seg.article, seg.stem) == ("ل", True, "امم")


def test_bare_proclitic_kept_when_word_is_more_frequent() -> None:
    seg = _extractor({"وزير": 5000, "زير": 3}).segment("وزير")
    assert seg.stem == "وزير"


def test_bare_proclitic_split_when_rest_is_more_frequent() -> None:
    seg = _extractor({"وبشار": 4, "بشار": 900}).segment("وبشار")
    assert (seg.proclitic, seg.stem) == ("و", "بشار")


def test_pronoun_suffix_split_by_counts() -> None:
    seg = _extractor({"حكومته": 50, "حكومه": 9000}).segment("حكومته")
    assert (seg.stem, seg.enclitic) == ("حكومه", "ه")


def test_diacritics_and_tatweel_do_not_change_word_feature() -> None:
    ext = _extractor()
    plain = ext.sentence(["محمد"])[0]
    marked = ext.sentence(["مُحَمّـد"])[0]
    assert plain == marked


def test_unfoldable_presentation_form_is_dropped() -> None:
    assert safe_normalize("ب\ufe73") == "ب"


def test_context_window_features_carry_offsets() -> None:
    feats = _extractor().sentence(["قال", "الرئيس", "بشار", "الأسد", "إن"])[2]
    assert "-1w=الرئيس" in feats
    assert "+1w=الاسد" in feats
    assert "-2w=قال" in feats


def test_sentence_edges_are_marked() -> None:
    feats = _extractor().sentence(["دمشق"])[0]
    assert "-1BOS" in feats
    assert "+1EOS" in feats


def test_cluster_ids_from_table() -> None:
    res = Resources(clusters={"دمشق": ("3", "17")}, cluster_columns=("c64", "c256"))
    ext = FeatureExtractor(res, FeatureConfig(clusters_own=("c64", "c256"), clusters_ctx=("c256",)))
    feats = ext.sentence(["في", "دمشق"])
    assert "c64=3" in feats[1]
    assert "+1c256=17" in feats[0]


def test_multiword_gazetteer_match_marks_span() -> None:
    res = Resources(gazetteer={"امم متحده": ("ORG",)})
    feats = FeatureExtractor(res).sentence(["قالت", "الأمم", "المتحدة", "إن"])
    assert "gz=B-ORG" in feats[1]
    assert "gz=I-ORG" in feats[2]
    assert not any(f.startswith("gz=") for f in feats[0])


def test_single_word_gazetteer_flag() -> None:
    res = Resources(gazetteer={"طهران": ("LOC",)})
    feats = FeatureExtractor(res).sentence(["في", "طهران"])
    assert "g=LOC" in feats[1]
    assert "-1g=LOC" in feats[1] or "+1g=LOC" in feats[0]


def test_config_round_trips_through_dict() -> None:
    cfg = FeatureConfig(clusters_own=("c64",), window=1)
    assert FeatureConfig.from_dict(cfg.to_dict()) == cfg


def test_config_reads_numeric_cluster_sizes() -> None:
    assert FeatureConfig.from_dict({"clusters_own": [64, 256]}).clusters_own == ("c64", "c256")


def test_conjunction_before_lil_keeps_both_letters() -> None:
    seg = _extractor().segment("وللرئيس")
    assert (seg.proclitic, seg.article, seg.stem) == ("ول", True, "رئيس")


def test_conjunctions_join_the_previous_word_and_this_cluster() -> None:
    res = Resources(clusters={"دمشق": ("3", "17")}, cluster_columns=("c64", "c256"))
    ext = FeatureExtractor(res, FeatureConfig(clusters_ctx=("c256",), conjunctions=True))
    feats = ext.sentence(["في", "دمشق"])
    assert "wc-=في|17" in feats[1]
    assert "cc+=-|17" in feats[0]


_SENTS = [
    "قال الرئيس السوري بشار الأسد إن | وزير|الخارجية".split(),
    "وصل المقداد إلى طهران".split(),
    ["طهران"],
    ["في", "دمشق"],
    [],
]


def _rich_resources() -> Resources:
    clusters = {w: (str(i % 3), str(i % 7), str(i)) for i, w in enumerate(["الرئيس", "السوري", "بشار", "الاسد", "طهران", "|"])}
    gazetteer = {"بشار الاسد": ("PERS",), "طهران": ("LOC",), "اسد": ("PERS", "LOC")}
    return Resources(clusters, ("c64", "c256", "c1024"), {"الرئيس": 900, "رئيس": 50}, gazetteer)


def test_model_features_are_the_known_features_in_order() -> None:
    from rasd.entities.features import ModelFeatures

    for window in (1, 2, 3):
        for conj in (False, True):
            ext = FeatureExtractor(_rich_resources(), FeatureConfig(window=window, conjunctions=conj))
            every = {a for s in _SENTS for f in ext.sentence(s) for a in f}
            # all of them, none of them, and every other one
            for known in (every, set(), set(sorted(every)[::2])):
                model = ModelFeatures(ext, frozenset(known))
                for s in _SENTS * 2:
                    expected = [[a.encode() for a in f if a in known] for f in ext.sentence(s)]
                    assert model.sentence(s) == expected, (window, conj, s)
