"""A corpus of articles with a ``manifest.tsv``: its splits and strata, and its gold records.

The news corpus (``../shared/data/news-corpus``) keeps its texts in one folder and its
``manifest.tsv`` gives each article's ``split`` (train / dev / test, fixed) and ``stratum``
(politics / other); the gold records live elsewhere (``corpus/gold`` in the project). This
module pairs the two::

    pairs, groups, problems = corpus_pairs(["../shared/data/news-corpus"], Path("corpus/gold"), "dev")

``groups`` maps each article path to its manifest columns (split, stratum, outlet), which the
reports break the scores down by.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from rasd.eval.gold import GOLD_SUFFIX, find_pairs, gold_for

MANIFEST = "manifest.tsv"
GROUP_COLUMNS = ("split", "stratum", "outlet")
SPLITS = ("train", "dev", "test")


def read_manifest(folder: Path) -> dict[str, dict[str, str]]:
    """``file`` → row of ``folder/manifest.tsv`` (empty when there is none or it has no ``file`` column)."""
    path = folder / MANIFEST
    if not path.is_file():
        return {}
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh, delimiter="\t"))
    except (OSError, UnicodeDecodeError, csv.Error):
        return {}
    return {r["file"]: r for r in rows if r.get("file")}


def article_group(article: Path, manifests: dict[Path, dict[str, dict[str, str]]]) -> dict[str, str]:
    """The manifest columns of an article (split, stratum, outlet) that its folder's manifest gives."""
    folder = article.parent
    if folder not in manifests:
        manifests[folder] = read_manifest(folder)
    row = manifests[folder].get(article.name, {})
    return {k: row[k] for k in GROUP_COLUMNS if row.get(k)}


def corpus_pairs(
    paths: Iterable[str | Path], gold_dir: Path | None = None, split: str | None = None
) -> tuple[list[tuple[Path, Path]], dict[Path, dict[str, str]], list[str]]:
    """(article, gold) pairs, each article's manifest group, and one problem line per miss.

    Args:
        paths: corpus folders (their ``manifest.tsv`` lists the articles; without one, every
            ``.txt`` file), article files, or gold files and folders when ``gold_dir`` is None.
        gold_dir: the folder of the gold records (``<stem>.gold.json``); when None, each
            article's record is looked for beside it or in ``gold/`` beside it.
        split: keep only the articles of this split (needs a manifest with a ``split`` column).
    """
    problems: list[str] = []
    manifests: dict[Path, dict[str, dict[str, str]]] = {}
    if gold_dir is None and split is None:
        found, problems = find_pairs(paths)
        return found, {a: article_group(a, manifests) for a, _ in found}, problems
    if split is not None and split not in SPLITS:
        problems.append(f"unknown split {split!r} (use one of {', '.join(SPLITS)})")
        return [], {}, problems
    if gold_dir is not None and not gold_dir.is_dir():
        problems.append(f"{gold_dir}: no such gold folder")
        return [], {}, problems
    articles: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            rows = read_manifest(p)
            manifests[p] = rows
            if split is not None and not any(r.get("split") for r in rows.values()):
                problems.append(f"{p}: no {MANIFEST} with a 'split' column, so --split cannot be applied")
                continue
            names = sorted(rows) if rows else sorted(f.name for f in p.glob("*.txt"))
            articles += [p / n for n in names if split is None or rows.get(n, {}).get("split") == split]
        elif p.is_file():
            articles.append(p)
        else:
            problems.append(f"{p}: no such file or folder")
    pairs: list[tuple[Path, Path]] = []
    groups: dict[Path, dict[str, str]] = {}
    missing: list[str] = []
    for art in articles:
        group = article_group(art, manifests)
        if split is not None and group.get("split") != split:
            continue
        gold = gold_dir / (art.stem + GOLD_SUFFIX) if gold_dir is not None else gold_for(art)
        if gold is None or not gold.is_file():
            missing.append(art.name)
            continue
        if not art.is_file():
            problems.append(f"{art}: listed in {MANIFEST} but not found")
            continue
        pairs.append((art, gold))
        groups[art] = group
    if missing:
        where = str(gold_dir) if gold_dir is not None else "beside the articles"
        problems.append(
            f"{len(missing)} article(s) have no gold record in {where} and are not scored "
            f"(first: {', '.join(missing[:3])})"
        )
    return pairs, groups, problems
