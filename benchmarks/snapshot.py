"""Output-equality harness: snapshot the full pipeline's JSON and compare two snapshots.

A refactor must not change what rasd writes. ``take`` runs the whole pipeline on a fixed set of
inputs and writes one JSON file per article; ``compare`` reports every difference between two
such folders, field by field, and exits non-zero when there is one.

The inputs (all read from ``--shared``, default ``../shared``):

* every article of ``data/news-dev`` (with its ``manifest.tsv`` metadata);
* the seed article(s) of ``seed``;
* every sentence of ``data/event-gsr/*_gsr.dev.csv``, each as a one-sentence article (as
  ``rasd eval gsr`` reads them).

Usage::

    .venv/bin/python benchmarks/snapshot.py take /tmp/snap-before
    # ... change the code ...
    .venv/bin/python benchmarks/snapshot.py take /tmp/snap-after
    .venv/bin/python benchmarks/snapshot.py compare /tmp/snap-before /tmp/snap-after

``compare --ignore FIELD`` leaves a field out wherever it stands (for a field added on purpose);
``--show N`` prints at most N differences per file (default 20).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

# fields that change from run to run or machine to machine, not with the analysis
VOLATILE: frozenset[str] = frozenset({"rasd"})


def _inputs(shared: Path) -> Iterator[tuple[str, Any]]:
    """``(snapshot name, Article)`` for every input, in a fixed order."""
    from rasd.model import Article
    from rasd.read import ReadProblem, iter_inputs

    for group, folder in (("news-dev", shared / "data" / "news-dev"), ("seed", shared / "seed")):
        if not folder.is_dir():
            sys.exit(f"snapshot: {folder} is missing")
        for item in iter_inputs([folder]):
            if isinstance(item, ReadProblem):
                sys.exit(f"snapshot: {item.message}")
            name = Path((item.source or item.id).split(":")[0]).name
            yield f"{group}/{name}", item
    for csv_path in sorted((shared / "data" / "event-gsr").glob("*_gsr.dev.csv")):
        kind = csv_path.name.split("_")[0]
        with csv_path.open(encoding="utf-8", newline="") as fh:
            for n, row in enumerate(csv.DictReader(fh)):
                text = (row.get("text") or "").strip()
                if not text:
                    continue
                # the row number keeps names unique and short (some ids are 300 characters long)
                rid = row.get("id") or str(n)
                article = Article(body=text, source=f"{csv_path.name}:{rid}")
                yield f"gsr-{kind}/{n:05d}", article


def _clean(data: Any) -> Any:
    """The JSON without volatile fields."""
    if isinstance(data, dict):
        return {k: _clean(v) for k, v in data.items() if k not in VOLATILE}
    if isinstance(data, list):
        return [_clean(v) for v in data]
    return data


def take(out: Path, shared: Path) -> int:
    """Analyse every input and write its JSON into ``out``; returns the number written."""
    from rasd.pipeline import Pipeline

    pipeline = Pipeline()
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    n = 0
    for name, article in _inputs(shared):
        try:
            data: Any = _clean(pipeline(article).to_dict())
        except Exception as exc:  # a failure is part of the output to compare
            data = {"error": f"{type(exc).__name__}: {exc}"}
        path = out / f"{name}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", "utf-8")
        n += 1
    digest = hashlib.sha256()
    for path in sorted(out.rglob("*.json")):
        digest.update(path.read_bytes())
    print(f"{n} documents written to {out} in {time.perf_counter() - t0:.1f} s; digest {digest.hexdigest()[:16]}")
    return n


def _drop(data: Any, ignore: frozenset[str]) -> Any:
    if isinstance(data, dict):
        return {k: _drop(v, ignore) for k, v in data.items() if k not in ignore}
    if isinstance(data, list):
        return [_drop(v, ignore) for v in data]
    return data


def differences(a: Any, b: Any, path: str = "") -> Iterator[str]:
    """Every place where ``a`` and ``b`` differ, as ``path: before → after``."""
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            if k not in b:
                yield f"{path}.{k}: removed ({_short(a[k])})"
            elif k not in a:
                yield f"{path}.{k}: added ({_short(b[k])})"
            else:
                yield from differences(a[k], b[k], f"{path}.{k}")
    elif isinstance(a, list) and isinstance(b, list):
        for i in range(max(len(a), len(b))):
            if i >= len(b):
                yield f"{path}[{i}]: removed ({_short(a[i])})"
            elif i >= len(a):
                yield f"{path}[{i}]: added ({_short(b[i])})"
            else:
                yield from differences(a[i], b[i], f"{path}[{i}]")
    elif a != b:
        yield f"{path}: {_short(a)} → {_short(b)}"


def _short(value: Any, limit: int = 160) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def compare(before: Path, after: Path, ignore: frozenset[str], show: int) -> int:
    """Print every difference between two snapshots; returns the number of files that differ."""
    names_a = {p.relative_to(before).as_posix() for p in before.rglob("*.json")}
    names_b = {p.relative_to(after).as_posix() for p in after.rglob("*.json")}
    changed = 0
    for name in sorted(names_a - names_b):
        print(f"{name}: missing after")
        changed += 1
    for name in sorted(names_b - names_a):
        print(f"{name}: new after")
        changed += 1
    total = 0
    for name in sorted(names_a & names_b):
        a = _drop(json.loads((before / name).read_text("utf-8")), ignore)
        b = _drop(json.loads((after / name).read_text("utf-8")), ignore)
        if a == b:
            continue
        changed += 1
        diffs = list(differences(a, b))
        total += len(diffs)
        print(f"{name}: {len(diffs)} difference(s)")
        for line in diffs[:show]:
            print(f"  {line}")
        if len(diffs) > show:
            print(f"  … {len(diffs) - show} more")
    same = len(names_a & names_b)
    print(f"{same} documents compared; {changed} differ ({total} differences)" + (
        f"; ignored fields: {', '.join(sorted(ignore))}" if ignore else ""
    ))
    return changed


def main(argv: list[str] | None = None) -> int:
    """Command line: ``take OUT`` or ``compare BEFORE AFTER``."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("take", help="analyse every input and write its JSON")
    t.add_argument("out", type=Path)
    t.add_argument("--shared", type=Path, default=Path("../shared"))
    c = sub.add_parser("compare", help="report every difference between two snapshots")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    c.add_argument("--ignore", action="append", default=[], help="a field to leave out (repeatable)")
    c.add_argument("--show", type=int, default=20, help="differences printed per file")
    args = ap.parse_args(argv)
    if args.cmd == "take":
        take(args.out, args.shared)
        return 0
    return 1 if compare(args.before, args.after, frozenset(args.ignore), args.show) else 0


if __name__ == "__main__":
    sys.exit(main())
