"""Quality of rasd against the evaluation data in ../shared; rewrites QUALITY.md.

Runs the same scorers as ``rasd eval`` (not by parsing its output), in this order: the news
corpus's test split (what users get on news nobody looked at), its dev split, the honest
baseline (``benchmarks/baseline.json``) and the learning curve (``benchmarks/learning_curve.json``),
the agreement between annotators, then news-dev, the seed article, event detection on the event
GSR dev sets (ASSAULT and PROTEST, with their spans) and NER on ANERcorp test. What is absent is
skipped with a message. Each section records the command that reproduces it and how long it
took::

    .venv/bin/python benchmarks/quality.py --shared ../shared [--out QUALITY.md]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from rasd.eval import EvalError, evaluate_ner
from rasd.eval.gold import evaluate_gold
from rasd.eval.gsr import GsrReport, evaluate_gsr
from rasd.eval.report import gold_markdown, gsr_markdown, ner_headline, ner_markdown
from rasd.model import Article
from rasd.pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent
RASD = ".venv/bin/rasd"


@dataclass
class Section:
    """One part of QUALITY.md: a title, the command, the time taken, the body or a skip note."""

    title: str
    command: str
    headline: str | None = None
    seconds: float = 0.0
    units: str = ""
    body: str = ""
    skipped: str | None = None
    notes: list[str] = field(default_factory=list)

    def markdown(self) -> str:
        """The section as Markdown."""
        out = [f"## {self.title}", "", f"`{self.command}`", ""]
        if self.skipped:
            return "\n".join([*out, f"_Skipped: {self.skipped}_", ""])
        out.append(f"{self.units} in {self.seconds:.1f} s." if self.units else f"{self.seconds:.1f} s.")
        out += ["", self.body, ""]
        out += [f"- {n}" for n in self.notes]
        if self.notes:
            out.append("")
        return "\n".join(out)


def _git(*args: str) -> str | None:
    try:
        r = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return r.stdout.strip() if r.returncode == 0 else None


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def gold_section(
    name: str,
    folder: Path,
    shown: str,
    pipeline: Pipeline,
    limit: float,
    *,
    gold_dir: Path | None = None,
    split: str | None = None,
    per_article: bool = True,
) -> Section:
    """Entities, quotes and events against the gold records under ``folder`` (or in ``gold_dir``)."""
    command = f"{RASD} eval gold {shown}"
    if gold_dir is not None:
        command += f" --gold {gold_dir.relative_to(ROOT) if gold_dir.is_absolute() else gold_dir}"
    if split is not None:
        command += f" --split {split}"
    sec = Section(f"Gold records: {name}", command)
    if not folder.is_dir():
        sec.skipped = f"{shown} not found"
        return sec
    report = evaluate_gold([folder], pipeline, time_limit=limit, gold_dir=gold_dir, split=split)
    if not report.articles:
        sec.skipped = "no article could be scored: " + "; ".join(report.problems[:3])
        return sec
    sec.seconds = report.seconds
    n = len(report.articles)
    sec.units = f"{n} article{'s' if n != 1 else ''} ({n / report.seconds:.2f}/s)"
    sec.body = gold_markdown(report, per_article=per_article)
    micro = report.micro
    sec.headline = " · ".join(f"{layer} F1 {micro[layer].f1:.3f}" for layer in ("entities", "quotes", "events"))
    sec.notes = [f"not scored: {p}" for p in report.problems]
    return sec


def agreement_section(gold_root: Path, corpus: Path) -> Section:
    """Agreement between the two independent annotations of the doubly annotated articles."""
    from rasd.eval.agreement import evaluate_agreement

    a, b = gold_root / "double" / "a", gold_root / "double" / "b"
    sec = Section(
        "Agreement between annotators (30 doubly annotated articles)",
        f"{RASD} eval agreement corpus/double/a corpus/double/b --articles {corpus}",
    )
    if not a.is_dir() or not b.is_dir():
        sec.skipped = "corpus/double not found"
        return sec
    t0 = time.perf_counter()
    ab = evaluate_agreement(a, b, corpus if corpus.is_dir() else None)
    ba = evaluate_agreement(b, a, corpus if corpus.is_dir() else None)
    sec.seconds = time.perf_counter() - t0
    sec.units = f"{len(ab.articles)} articles"
    rows = []
    for layer in ("entities", "quotes", "events"):
        x, y = ab.micro[layer], ba.micro[layer]
        target = {"entities": 0.95, "quotes": 0.90, "events": 0.85}[layer]
        rows.append(
            f"| {layer} | {x.precision:.3f} | {x.recall:.3f} | {x.f1:.3f} | {y.f1:.3f} | {(x.f1 + y.f1) / 2:.3f} | ≥ {target:.2f} |"
        )
    sec.body = "\n".join(
        [
            "Each annotator's records scored as output against the other's by the gold rules (every record of the output side counts, required or optional; an event's output reading is its first type and first codes).",
            "",
            "| layer | B vs A: P | R | F1 | A vs B: F1 | mean F1 | target |",
            "|---|---:|---:|---:|---:|---:|---|",
            *rows,
        ]
    )
    ent, quo, eve = ((ab.micro[k].f1 + ba.micro[k].f1) / 2 for k in ("entities", "quotes", "events"))
    sec.headline = f"entities {ent:.3f} · quotes {quo:.3f} · events {eve:.3f}"
    sec.notes = [
        "The adjudicated record of each of these articles is the one in corpus/gold (a third reading resolving every disagreement by the guideline)."
    ]
    return sec


def baseline_section(path: Path) -> Section:
    """The honest baseline: rasd before any change made from the corpus (benchmarks/baseline.json)."""
    sec = Section("Baseline: rasd before the corpus (corpus dev and test)", ".venv/bin/python benchmarks/baseline.py --shared ../shared")
    if not path.is_file():
        sec.skipped = f"{path.relative_to(ROOT)} not found; run the command above"
        return sec
    data = json.loads(path.read_text(encoding="utf-8"))
    rows = []
    for split, d in data.get("splits", {}).items():
        m = d["micro"]
        rows.append(
            f"| {split} | {d['articles']} | "
            + " | ".join(f"{m[k]['precision'] or 0:.3f} / {m[k]['recall'] or 0:.3f} / {m[k]['f1']:.3f}" for k in ("entities", "quotes", "events"))
            + " |"
        )
        for stratum, c in d.get("by_stratum", {}).items():
            rows.append(
                f"| {split}, {stratum} | | "
                + " | ".join(f"{c[k]['precision'] or 0:.3f} / {c[k]['recall'] or 0:.3f} / {c[k]['f1']:.3f}" for k in ("entities", "quotes", "events"))
                + " |"
            )
    splits = data.get("splits", {})
    types = sorted({t for d in splits.values() for t in d.get("by_event_type", {})})
    type_rows = []
    for t in types:
        cells = []
        for split in splits:
            c = splits[split].get("by_event_type", {}).get(t)
            cells.append(f"{c['precision'] or 0:.3f} / {c['recall'] or 0:.3f} / {c['f1']:.3f} ({c['gold_required']})" if c else "—")
        type_rows.append(f"| {t} | " + " | ".join(cells) + " |")
    sec.body = "\n".join(
        [
            f"Commit `{data.get('commit')}` (the rules as they were before the corpus existed), analysed by that version and scored by today's scorer. P / R / F1:",
            "",
            "| split | articles | entities | quotes | events |",
            "|---|---:|---|---|---|",
            *rows,
            "",
            "Events by PLOVER type, P / R / F1 (required gold events):",
            "",
            "| event type | " + " | ".join(splits) + " |",
            "|---|" + "---|" * len(splits),
            *type_rows,
        ]
    )
    test = data.get("splits", {}).get("test", {}).get("micro")
    if test:
        sec.headline = " · ".join(f"{k} F1 {test[k]['f1']:.3f}" for k in ("entities", "quotes", "events"))
    return sec


def curve_section(path: Path) -> Section:
    """Corpus-test events F1 of the learned coder trained on 25, 50 and 100 % of corpus train."""
    sec = Section("Learning curve: events on corpus test by the share of corpus train", ".venv/bin/python benchmarks/learning_curve.py --shared ../shared")
    if not path.is_file():
        sec.skipped = f"{path.relative_to(ROOT)} not found; run the command above"
        return sec
    data = json.loads(path.read_text(encoding="utf-8"))
    rows = [
        f"| {p['share']:.0%} | {p['train_articles']} | {p['precision']:.3f} | {p['recall']:.3f} | {p['f1']:.3f} |"
        for p in data["points"]
    ]
    sec.body = "\n".join(
        ["| share of train | articles | P | R | F1 |", "|---:|---:|---:|---:|---:|", *rows, "", data.get("reading", "")]
    )
    sec.headline = f"events F1 {data['points'][-1]['f1']:.3f} at 100 %"
    return sec


def ner_section(path: Path, shown: str) -> Section:
    """NER exact-span F1 on a CoNLL file with the shipped tagger."""
    sec = Section("NER: ANERcorp test", f"{RASD} eval ner {shown}")
    if not path.is_file():
        sec.skipped = f"{shown} not found"
        return sec
    t0 = time.perf_counter()
    try:
        score = evaluate_ner(path)
    except EvalError as exc:
        sec.skipped = exc.message.replace(f"{ROOT}/", "")
        return sec
    sec.seconds = time.perf_counter() - t0
    sec.units = f"{score.n_sentences} sentences, {score.n_tokens} tokens ({score.n_tokens / sec.seconds:,.0f} tokens/s, model loading included)"
    sec.body = ner_markdown(score)
    sec.headline = ner_headline(score)
    return sec


def gsr_section(folder: Path, shown: str, pipeline: Pipeline, limit: float) -> list[Section]:
    """Event detection (and actor codes) on the event GSR dev sets."""
    out: list[Section] = []
    reports: list[GsrReport] = []
    for kind in ("assault", "protest"):
        csv_path = folder / f"{kind}_gsr.dev.csv"
        spans = folder / f"{kind}_spans.dev.json"
        command = f"{RASD} eval gsr {shown}/{csv_path.name}"
        if spans.is_file():
            command += f" --spans {shown}/{spans.name}"
        sec = Section(f"Event detection: {kind.upper()} (event GSR dev)", command)
        out.append(sec)
        if not csv_path.is_file():
            sec.skipped = f"{shown}/{csv_path.name} not found"
            continue
        try:
            report = evaluate_gsr(csv_path, spans if spans.is_file() else None, pipeline, time_limit=limit, keep_errors=False)
        except EvalError as exc:
            sec.skipped = exc.message
            continue
        reports.append(report)
        sec.seconds = report.seconds
        sec.units = f"{report.sentences} sentences ({report.sentences / report.seconds:.1f}/s)"
        sec.body = gsr_markdown([report])
        sec.headline = report.headline
        if report.failures:
            sec.notes.append(f"{len(report.failures)} sentence(s) failed to analyse (counted as not detected); first: {report.failures[0]}")
        if report.spans_unused:
            sec.notes.append(f"{report.spans_unused} span record(s) belong to no `yes` sentence of the CSV and are not scored")
    return out


def render(sections: list[Section], started: datetime, total: float, load: float, stages: list[str]) -> str:
    """The whole of QUALITY.md."""
    commit = _git("rev-parse", "--short", "HEAD") or "unknown"
    dirty = _git("status", "--porcelain", "--untracked-files=no")
    if dirty:
        commit += " (with uncommitted changes)"
    rows = [
        f"| {s.title} | {s.headline or '_skipped_'} | {s.seconds:.1f} s | `{s.command}` |" for s in sections
    ]
    head = [
        "# Quality",
        "",
        "_Rewritten by `make eval` (`benchmarks/quality.py`); do not edit by hand. How the numbers are "
        "measured and how to read them: [docs/eval.md](docs/eval.md)._",
        "",
        f"- date: {started.strftime('%Y-%m-%d %H:%M')} UTC",
        f"- commit: {commit}",
        f"- pipeline stages: {', '.join(stages) or 'none'}",
        f"- eval run: {total:.1f} s in all (pipeline loading {load:.1f} s)",
        "",
        "| evaluation | headline | time | reproduce |",
        "|---|---|---:|---|",
        *rows,
        "",
    ]
    return "\n".join(head + [s.markdown() for s in sections])


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default="../shared", help="the shared data folder (default ../shared)")
    ap.add_argument("--out", type=Path, default=ROOT / "QUALITY.md", help="the Markdown file to write")
    ap.add_argument("--time-limit", type=float, default=120.0, help="seconds allowed per article")
    args = ap.parse_args(argv)

    shared_shown = args.shared.rstrip("/")
    shared = Path(args.shared)  # kept as given, so QUALITY.md shows no machine-specific path
    started = datetime.now(UTC)
    t0 = time.perf_counter()
    pipeline = Pipeline()
    pipeline(_warm_up_article())  # load models and knowledge base before any timing
    load = time.perf_counter() - t0
    _say(f"pipeline: {', '.join(pipeline.names)} (loaded in {load:.1f} s)")

    corpus = shared / "data" / "news-corpus"
    corpus_shown = f"{shared_shown}/data/news-corpus"
    gold_dir = Path("corpus/gold")
    steps: list[Callable[[], list[Section]]] = [
        lambda: [
            gold_section("news corpus, test split (60 articles, never read)", corpus, corpus_shown, pipeline,
                         args.time_limit, gold_dir=gold_dir, split="test", per_article=False)
        ],
        lambda: [
            gold_section("news corpus, dev split (60 articles, used to choose)", corpus, corpus_shown, pipeline,
                         args.time_limit, gold_dir=gold_dir, split="dev", per_article=False)
        ],
        lambda: [baseline_section(ROOT / "benchmarks" / "baseline.json")],
        lambda: [curve_section(ROOT / "benchmarks" / "learning_curve.json")],
        lambda: [agreement_section(ROOT / "corpus", corpus)],
        lambda: [
            gold_section("news-dev", shared / "data" / "news-dev", f"{shared_shown}/data/news-dev", pipeline, args.time_limit)
        ],
        lambda: [gold_section("seed", shared / "seed", f"{shared_shown}/seed", pipeline, args.time_limit)],
        lambda: gsr_section(shared / "data" / "event-gsr", f"{shared_shown}/data/event-gsr", pipeline, args.time_limit),
        lambda: [
            ner_section(
                shared / "data" / "anercorp" / "ANERCorp.test.txt",
                f"{shared_shown}/data/anercorp/ANERCorp.test.txt",
            )
        ],
    ]
    sections: list[Section] = []
    for step in steps:
        for sec in step():
            sections.append(sec)
            _say(f"{sec.title}: " + (f"skipped ({sec.skipped})" if sec.skipped else f"{sec.headline} in {sec.seconds:.1f} s"))
    total = time.perf_counter() - t0
    args.out.write_text(render(sections, started, total, load, pipeline.names), encoding="utf-8")
    _say(f"wrote {args.out} in {total:.1f} s")
    return 0


def _warm_up_article() -> Article:
    return Article(body="قال وزير الخارجية إن المحادثات في دمشق كانت مثمرة.")


if __name__ == "__main__":
    sys.exit(main())
