"""The corpus test split stays unseen: no rule, lexicon, knowledge-base or model file names one of its articles."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

from rasd.eval.corpus import read_manifest

ROOT = Path(__file__).resolve().parents[2]
# what rasd is made of: code, rules, lexicons, the knowledge base and the models, and the
# scripts and tests that build and check them (the gold records under corpus/ name their
# articles by design and are not part of rasd's rules)
SCANNED = [ROOT / "src", ROOT / "scripts", ROOT / "tests", ROOT / "benchmarks"]
SKIP_SUFFIXES = {".pyc", ".crfsuite", ".png", ".woff", ".woff2", ".ttf", ".db"}


def _test_article_markers(shared: Path) -> list[str]:
    rows = read_manifest(shared / "data" / "news-corpus")
    markers: list[str] = []
    for name, row in rows.items():
        if row.get("split") != "test":
            continue
        stem = name.removesuffix(".txt")
        markers.append(stem)
        markers.append(stem.rsplit("-", 1)[-1])  # the content hash alone
        if row.get("url"):
            markers.append(row["url"].split("://", 1)[-1])
    return markers


def _texts() -> list[tuple[Path, str]]:
    out = []
    for base in SCANNED:
        for path in sorted(base.rglob("*")):
            if not path.is_file() or path.suffix in SKIP_SUFFIXES or "__pycache__" in path.parts:
                continue
            raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
            out.append((path, raw.decode("utf-8", errors="replace")))
    return out


def test_no_file_of_rasd_names_a_corpus_test_article(shared: Path) -> None:
    markers = _test_article_markers(shared)
    if not markers:
        pytest.skip("the news corpus manifest lists no test article")
    pattern = re.compile("|".join(re.escape(m) for m in sorted(markers, key=len, reverse=True)))
    hits = [
        f"{path.relative_to(ROOT)}: {m.group(0)}"
        for path, text in _texts()
        for m in [pattern.search(text)]
        if m is not None
    ]
    assert not hits, "files of rasd name corpus test articles:\n" + "\n".join(hits)


def test_the_scan_would_see_a_test_article_name(shared: Path) -> None:
    markers = _test_article_markers(shared)
    if not markers:
        pytest.skip("the news corpus manifest lists no test article")
    pattern = re.compile("|".join(re.escape(m) for m in markers))
    assert pattern.search(f"# written from {markers[0]}.txt")
