"""Text, Markdown and JSON views of evaluation results.

Every text view ends with the evaluation's headline line (``events F1 0.812``, ``ner F1
0.781``, ``assault F1 0.654``), so a script can read the figure from the last line.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from rasd.eval.breakdown import TypeCounts, by_event_type, by_group
from rasd.eval.gold import LAYERS, META_FIELDS, Counts, GoldReport
from rasd.eval.gsr import SLOTS, GsrReport

if TYPE_CHECKING:
    from rasd.eval.conll import NerScore

DASH = "—"


def fmt(x: float, defined: bool = True) -> str:
    """A score with three decimals, or a dash when it is undefined (a zero denominator)."""
    return f"{x:.3f}" if defined else DASH


def ratio(agree: int, total: int) -> str:
    """``agree/total (share)``, or a dash when ``total`` is 0."""
    return f"{agree}/{total} ({agree / total:.0%})" if total else DASH


def _prf(c: Counts) -> tuple[str, str, str]:
    return fmt(c.precision, c.output > 0), fmt(c.recall, c.required > 0), fmt(c.f1)


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], right_from: int = 1) -> list[str]:
    """A plain-text table with columns padded to their widest cell."""
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        out = []
        for i, c in enumerate(cells):
            out.append(str(c).rjust(widths[i]) if i >= right_from else str(c).ljust(widths[i]))
        return "  ".join(out).rstrip()

    return [line(header), "  ".join("-" * w for w in widths), *[line(r) for r in rows]]


def _md_table(header: Sequence[str], rows: Sequence[Sequence[str]], right_from: int = 1) -> list[str]:
    align = ["---:" if i >= right_from else "---" for i in range(len(header))]
    return [
        "| " + " | ".join(header) + " |",
        "|" + "|".join(align) + "|",
        *["| " + " | ".join(str(c) for c in r) + " |" for r in rows],
    ]


# --------------------------------------------------------------------------- gold


def _layer_rows(micro: dict[str, Counts]) -> list[list[str]]:
    rows = []
    for layer in LAYERS:
        c = micro[layer]
        rows.append(
            [
                layer,
                *_prf(c),
                str(c.required),
                str(c.optional),
                str(c.output),
                str(c.matched_required),
                str(c.matched_optional),
            ]
        )
    return rows


_LAYER_HEADER = ["layer", "P", "R", "F1", "gold req", "gold opt", "output", "matched req", "matched opt"]


def _type_rows(types: dict[str, TypeCounts]) -> list[list[str]]:
    rows = []
    for name, c in types.items():
        rows.append(
            [
                name,
                fmt(c.precision, c.output > 0),
                fmt(c.recall, c.gold_required > 0),
                fmt(c.f1),
                str(c.gold_required),
                str(c.gold_matched),
                str(c.output),
                str(c.output_matched),
            ]
        )
    return rows


_TYPE_HEADER = ["event type", "P", "R", "F1", "gold req", "found", "output", "correct"]


def _group_rows(report: GoldReport, key: str) -> list[list[str]]:
    n: dict[str, int] = {}
    for a in report.articles:
        if a.group.get(key):
            n[a.group[key]] = n.get(a.group[key], 0) + 1
    return [
        [value, str(n[value]), *[x for layer in LAYERS for x in _prf(counts[layer])]]
        for value, counts in by_group(report.articles, key).items()
    ]


def _group_header(key: str) -> list[str]:
    return [key, "articles"] + [f"{layer[:3]} {m}" for layer in LAYERS for m in ("P", "R", "F1")]


def gold_breakdowns(report: GoldReport, table: Callable[[Sequence[str], Sequence[Sequence[str]]], list[str]]) -> list[str]:
    """The tables by stratum and by event type (those the report has data for)."""
    lines: list[str] = []
    for key in ("stratum",):
        rows = _group_rows(report, key)
        if rows:
            lines += [*table(_group_header(key), rows), ""]
    types = by_event_type(report.articles)
    if types:
        lines += [*table(_TYPE_HEADER, _type_rows(types)), ""]
    return lines


def _quote_outcome_totals(report: GoldReport) -> dict[str, int]:
    from rasd.eval.diagnostics import QUOTE_OUTCOMES

    totals = dict.fromkeys(QUOTE_OUTCOMES, 0)
    for a in report.articles:
        for k, v in a.quote_outcomes.items():
            totals[k] = totals.get(k, 0) + v
    return totals


def _events_at(report: GoldReport) -> dict[float, Counts]:
    out: dict[float, Counts] = {}
    for a in report.articles:
        for t, c in a.events_at.items():
            out.setdefault(t, Counts()).add(c)
    return dict(sorted(out.items()))


def gold_diagnostics(report: GoldReport, table: Callable[[Sequence[str], Sequence[Sequence[str]]], list[str]]) -> list[str]:
    """Quote outcomes and speaker accuracy, entity country agreement, events by confidence."""
    lines: list[str] = []
    totals = _quote_outcome_totals(report)
    n = sum(totals.values())
    if n:
        rows = [[k, str(v), f"{v / n:.0%}"] for k, v in totals.items()]
        found = n - totals.get("not found", 0)
        rows.append(["speaker accuracy (right / found)", f"{totals.get('right speaker', 0)}/{found}", fmt(totals.get("right speaker", 0) / found if found else 0.0, found > 0)])
        lines += [*table(["required gold quotes", "n", "share"], rows), ""]
    agree = sum(a.country_agree[0] for a in report.articles)
    total = sum(a.country_agree[1] for a in report.articles)
    if total:
        lines += [f"entity country agreement (matched by type and name): {ratio(agree, total)}", ""]
    at = _events_at(report)
    if at and any(c.output or c.required for c in at.values()):
        rows = [[f"≥ {t:g}", *_prf(c), str(c.output)] for t, c in at.items()]
        lines += [*table(["event confidence", "P", "R", "F1", "output"], rows), ""]
    return lines


def gold_json(report: GoldReport) -> dict[str, Any]:
    """JSON form of a gold report, with the breakdowns by stratum and by event type."""
    data = report.to_dict()
    data["by_stratum"] = {
        k: {layer: c.to_dict() for layer, c in v.items()} for k, v in by_group(report.articles, "stratum").items()
    }
    data["by_event_type"] = {k: v.to_dict() for k, v in by_event_type(report.articles).items()}
    totals = _quote_outcome_totals(report)
    found = sum(totals.values()) - totals.get("not found", 0)
    data["quote_outcomes"] = {**totals, "speaker_accuracy": round(totals.get("right speaker", 0) / found, 4) if found else None}
    agree = sum(a.country_agree[0] for a in report.articles)
    total = sum(a.country_agree[1] for a in report.articles)
    data["entity_country_agreement"] = {"agree": agree, "total": total}
    data["events_by_confidence"] = {f"{t:g}": c.to_dict() for t, c in _events_at(report).items()}
    return data


def gold_errors_text(report: GoldReport) -> list[str]:
    """Each missed required gold record and each spurious output record, with its sentence."""
    lines: list[str] = []
    for a in report.articles:
        errs = [e for layer in LAYERS for e in a.layers[layer].errors]
        lines.append(f"== {a.name}: {len(errs)} error(s)")
        for e in errs:
            lines.append(f"  {e.layer:<8} {e.kind:<8} {e.label}")
            lines.append(f"      « {e.sentence} »" if e.sentence else "      (no evidence sentence)")
        if a.status_pairs:
            diff = [p for p in a.status_pairs if p[1] != p[2]]
            for gid, g, o in diff:
                lines.append(f"  status   differs  {gid}: gold {g}, output {o}")
    return lines


def gold_text(report: GoldReport, *, show_errors: bool = False) -> str:
    """The report of ``rasd eval gold``: per article, micro averages, agreement, headline."""
    lines: list[str] = []
    if show_errors:
        lines += gold_errors_text(report)
        lines.append("")
    header = ["article"] + [f"{layer[:3]} {m}" for layer in LAYERS for m in ("P", "R", "F1")]
    rows = []
    for a in report.articles:
        rows.append([a.name, *[x for layer in LAYERS for x in _prf(a.layers[layer].counts)]])
    micro = report.micro
    if rows:
        rows.append([f"micro ({len(report.articles)})", *[x for layer in LAYERS for x in _prf(micro[layer])]])
        lines += _table(header, rows)
        lines.append("")
    lines += _table(_LAYER_HEADER, _layer_rows(micro))
    lines.append("")
    lines += gold_breakdowns(report, _table)
    lines += gold_diagnostics(report, _table)
    meta = report.meta_agreement
    lines.append("meta agreement: " + ", ".join(f"{f} {ratio(*meta[f])}" for f in META_FIELDS))
    lines.append(
        f"event status agreement (matched events): {ratio(*report.status_agreement)}"
    )
    if report.problems:
        lines.append(f"{len(report.problems)} input(s) could not be scored (see the error lines)")
    lines.append(f"{len(report.articles)} article(s) in {report.seconds:.1f} s")
    lines.append(report.headline)
    return "\n".join(lines)


def gold_markdown(report: GoldReport, *, per_article: bool = True) -> str:
    """Markdown tables for QUALITY.md: micro scores, metadata agreement, per-article F1."""
    lines = _md_table(_LAYER_HEADER, _layer_rows(report.micro))
    breakdowns = gold_breakdowns(report, _md_table) + gold_diagnostics(report, _md_table)
    if breakdowns:
        lines += ["", *breakdowns[:-1]]
    meta = report.meta_agreement
    agree, total = report.status_agreement
    lines += [
        "",
        *_md_table(
            ["metadata / status", "agreement"],
            [[f, ratio(*meta[f])] for f in META_FIELDS]
            + [["event status (matched events)", ratio(agree, total)]],
        ),
    ]
    if per_article and len(report.articles) > 1:
        rows = [
            [a.name, *[fmt(a.layers[layer].counts.f1) for layer in LAYERS]]
            for a in report.articles
        ]
        lines += ["", *_md_table(["article", "entities F1", "quotes F1", "events F1"], rows)]
    return "\n".join(lines)


# --------------------------------------------------------------------------- NER


def ner_headline(score: NerScore) -> str:
    """The last line of ``rasd eval ner``."""
    return f"ner F1 {score.f1:.3f}"


def _ner_rows(score: NerScore) -> list[list[str]]:
    items = [*sorted(score.per_type.items()), ("overall", score.overall)]
    return [
        [
            name,
            fmt(s.precision, s.n_pred > 0),
            fmt(s.recall, s.n_gold > 0),
            fmt(s.f1),
            str(s.n_gold),
            str(s.n_pred),
            str(s.tp),
        ]
        for name, s in items
    ]


_NER_HEADER = ["type", "P", "R", "F1", "gold", "predicted", "correct"]


def ner_text(score: NerScore) -> str:
    """The report of ``rasd eval ner``: exact-span P/R/F1 per type and overall, headline."""
    lines = _table(_NER_HEADER, _ner_rows(score))
    lines.append("")
    lines.append(
        f"{score.n_sentences} sentences, {score.n_tokens} tokens, "
        f"token accuracy {score.accuracy:.3f}"
    )
    lines.append(ner_headline(score))
    return "\n".join(lines)


def ner_markdown(score: NerScore) -> str:
    """Markdown table of the NER scores for QUALITY.md."""
    lines = _md_table(_NER_HEADER, _ner_rows(score))
    lines.append("")
    lines.append(
        f"{score.n_sentences} sentences, {score.n_tokens} tokens; token accuracy "
        f"{score.accuracy:.3f}."
    )
    return "\n".join(lines)


def ner_json(score: NerScore) -> dict[str, Any]:
    """JSON form of the NER scores, with the headline."""
    return {**score.to_dict(), "headline": ner_headline(score)}


# --------------------------------------------------------------------------- GSR

_GSR_HEADER = ["type", "P", "R", "F1", "TP", "FP", "FN", "TN", "FP easy no", "FP difficult no", "ambiguous"]
_AGREE_HEADER = ["slot", "gold-coded positives", "detected", "coded", "agree", "agreement"]


def _gsr_row(r: GsrReport) -> list[str]:
    c = r.confusion
    return [
        r.event_type,
        fmt(c.precision, c.tp + c.fp > 0),
        fmt(c.recall, c.tp + c.fn > 0),
        fmt(c.f1),
        str(c.tp),
        str(c.fp),
        str(c.fn),
        str(c.tn),
        str(c.fp_easy),
        str(c.fp_difficult),
        str(c.ignored),
    ]


def _agree_rows(r: GsrReport) -> list[list[str]]:
    assert r.agreement is not None
    return [
        [
            slot.replace("_", " "),
            str(a.gold),
            str(a.detected),
            str(a.coded),
            str(a.agree),
            fmt(a.rate, a.detected > 0),
        ]
        for slot, a in ((s, r.agreement[s]) for s in SLOTS)
    ]


def gsr_text(report: GsrReport, *, show_errors: bool = False) -> str:
    """The report of ``rasd eval gsr``: confusion counts, P/R/F1, code agreement, headline."""
    lines: list[str] = []
    if show_errors:
        for kind, rid, text in report.errors:
            lines.append(f"{kind:<11} {rid}: {text}")
        lines.append("")
    lines += _table(_GSR_HEADER, [_gsr_row(report)])
    if report.agreement is not None:
        lines.append("")
        lines.append(f"actor codes of detected events against {report.spans_path}:")
        lines += _table(_AGREE_HEADER, _agree_rows(report))
        if report.spans_unused:
            lines.append(f"{report.spans_unused} span record(s) do not belong to a 'yes' sentence of the CSV")
    lines.append("")
    if report.failures:
        lines.append(f"{len(report.failures)} sentence(s) failed to analyse (counted as not detected)")
    lines.append(f"{report.sentences} sentences in {report.seconds:.1f} s")
    lines.append(report.headline)
    return "\n".join(lines)


def gsr_markdown(reports: Sequence[GsrReport]) -> str:
    """Markdown tables of one or more GSR reports (detection, then code agreement)."""
    lines = _md_table(_GSR_HEADER, [_gsr_row(r) for r in reports])
    for r in reports:
        if r.agreement is None:
            continue
        lines += ["", f"Actor codes of detected {r.event_type} events (annotators' codes from `{r.spans_path}`):", ""]
        lines += _md_table(_AGREE_HEADER, _agree_rows(r))
    return "\n".join(lines)


def dumps(data: Any) -> str:
    """JSON text as the CLI prints it (UTF-8 Arabic kept readable)."""
    return json.dumps(data, ensure_ascii=False, indent=1)
