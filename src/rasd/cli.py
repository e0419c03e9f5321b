"""The ``rasd`` command line."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from rasd import __version__

if TYPE_CHECKING:
    from rasd.model import Document

app = typer.Typer(
    name="rasd",
    help="rasd (رصد): Arabic news → structured, traceable political event data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # plain help: typer's rich panels print <bool> after every flag, as if it took a value
    rich_markup_mode=None,
)
err = Console(stderr=True, highlight=False)


class OutputFormat(StrEnum):
    """Output formats of ``rasd analyze``."""

    json = "json"
    pretty = "pretty"
    jsonl = "jsonl"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"rasd {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """rasd (رصد): Arabic news → structured, traceable political event data."""


MinConfidence = Annotated[
    float | None,
    typer.Option(
        "--min-confidence", min=0.0, max=1.0,
        help="Only events (and quotes) whose confidence is at least this, from 0 to 1 (see QUALITY.md for the precision at each).",
    ),
]


def report_problem(message: str) -> None:
    """One clear error line on stderr."""
    err.print(f"[bold red]error[/]: {message}", soft_wrap=True)


@app.command()
def analyze(
    paths: Annotated[list[str], typer.Argument(help="Files or folders to analyse; - reads standard input.")],
    fmt: Annotated[
        OutputFormat | None,
        typer.Option("--format", "-f", help="json (default when piped), jsonl, or pretty (default on a terminal)."),
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write one JSON file per article into this folder.")
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Stop after this stage: text, entities, actors, quotes, events.")
    ] = None,
    date: Annotated[str | None, typer.Option(help="Publication date YYYY-MM-DD for articles that lack one.")] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet name for articles that lack one.")] = None,
    tokens: Annotated[bool, typer.Option("--tokens", help="Include the token layer in the JSON.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    min_confidence: MinConfidence = None,
    rules_only: Annotated[
        bool,
        typer.Option("--rules-only", help="Events and speakers from the rules alone, without the trained models (RASD_EVENT_CODER=rules, RASD_SPEAKERS=rules)."),
    ] = False,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="Show the rules behind every quote and event, and the candidates each drop rule turned down.",
        ),
    ] = False,
) -> None:
    """Analyse articles and print their JSON (schema rasd/1) or a readable view.

    With --format json, one article prints one JSON document and several print one JSON array
    of documents; --format jsonl prints one document per line.
    """
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from rasd.model import Article
    from rasd.pipeline import Pipeline
    from rasd.read import ReadProblem, iter_inputs

    _check_date(date)
    if rules_only:
        import os

        from rasd.events import CODER_ENV
        from rasd.quotes.ranking import SPEAKERS_ENV

        os.environ[CODER_ENV] = os.environ[SPEAKERS_ENV] = "rules"
    try:
        pipeline = Pipeline(until=until)
    except ValueError as exc:
        report_problem(str(exc))
        raise typer.Exit(2) from None
    if fmt is None:
        fmt = OutputFormat.json if (out is not None or not sys.stdout.isatty()) else OutputFormat.pretty
    console = Console(highlight=False)
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
    ok = problems = 0
    per_source: dict[str, int] = {}
    json_out = _JsonDocuments(sys.stdout)
    # a progress line on the terminal, unless the documents themselves are printed there
    progress = Progress(
        SpinnerColumn(),
        TextColumn("[bold]analyze[/] {task.fields[done]} articles · {task.fields[rate]:.1f}/s · errors {task.fields[errors]}"),
        TimeElapsedColumn(),
        console=err,
        disable=quiet or not err.is_terminal or (fmt is OutputFormat.pretty and out is None),
        transient=False,
    )
    task = progress.add_task("analyze", total=None, done=0, rate=0.0, errors=0)

    def dated(items: Iterable[Article | ReadProblem]) -> Iterator[Article | ReadProblem]:
        for item in items:
            if isinstance(item, Article):
                if date and not item.date:
                    item.date = date
                if outlet and not item.outlet:
                    item.outlet = outlet
            yield item

    with progress:
        for doc in pipeline.pipe(dated(iter_inputs(paths))):
            if isinstance(doc, ReadProblem):  # unreadable, or its analysis failed: reported, the batch goes on
                problems += 1
                progress.console.print(f"[bold red]error[/]: {escape(doc.message)}", soft_wrap=True)
            else:
                ok += 1
                if min_confidence is not None:
                    doc = confident(doc, min_confidence)
                _emit(doc, fmt, out, tokens, console, json_out, per_source, explain)
            elapsed = progress.tasks[0].elapsed or 0.0
            progress.update(task, done=ok, errors=problems, rate=ok / elapsed if elapsed > 0 else 0.0)
    json_out.close()
    if out is not None:
        err.print(f"{ok} article(s) written to {out}" + (f", {problems} input(s) failed" if problems else ""))
    if ok == 0:
        if problems == 0:
            report_problem("no input articles found")
        raise typer.Exit(1)


class _JsonDocuments:
    """Prints documents as JSON: one document alone, several as one JSON array (the first is
    held back until the second shows whether an array is needed)."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self.first: str | None = None
        self.array = False

    def add(self, data: dict[str, Any]) -> None:
        text = json.dumps(data, ensure_ascii=False, indent=1)
        if self.array:
            self.stream.write(",\n" + text)
        elif self.first is None:
            self.first = text
        else:
            self.stream.write("[\n" + self.first + ",\n" + text)
            self.first, self.array = None, True
        self.stream.flush()

    def close(self) -> None:
        if self.array:
            self.stream.write("\n]\n")
        elif self.first is not None:
            self.stream.write(self.first + "\n")
        self.stream.flush()


def confident(doc: Document, threshold: float) -> Document:
    """The document with only the events and quotes whose confidence is at least ``threshold``
    (a quote without a confidence, whose speaker the rules chose, is kept)."""
    quotes = [q for q in doc.quotes if q.confidence is None or q.confidence >= threshold]
    kept = {q.id for q in quotes}
    events = [e for e in doc.events if e.confidence >= threshold]
    for e in events:
        if e.quote is not None and e.quote not in kept:
            e.quote = None
    doc.quotes, doc.events = quotes, events
    return doc


def _emit(doc: Document, fmt: OutputFormat, out: Path | None, tokens: bool, console: Console,
          json_out: _JsonDocuments, per_source: dict[str, int], explain: bool = False) -> None:
    """Print or write one analysed document."""
    from rasd.pretty import render

    data = doc.to_dict(tokens=tokens, explain=explain)
    if out is not None:
        src = (doc.article.source or doc.article.id).split(":")[0]
        name = Path(src).name if src not in ("-", "<stdin>") else "stdin"
        k = per_source.get(name, 0)
        per_source[name] = k + 1
        stem = name if k == 0 else f"{name}.{k}"
        (out / f"{stem}.json").write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")
    elif fmt is OutputFormat.pretty:
        render(doc, console, explain=explain)
    elif fmt is OutputFormat.jsonl:
        sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
        sys.stdout.flush()
    else:
        json_out.add(data)


# --- rasd eval gold / ner / gsr (src/rasd/eval) --------------------------------------------------
eval_app = typer.Typer(
    name="eval",
    help="Measure quality against gold data; every report's last line is its headline figure.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
app.add_typer(eval_app, name="eval")

EvalJson = Annotated[
    bool, typer.Option("--json", help="Print the results as one JSON object (the headline line then goes to stderr).")
]
TimeLimit = Annotated[
    float, typer.Option("--time-limit", help="Seconds allowed per article; a longer analysis is reported and skipped (0: none).")
]


def _eval_finish(text: str, data: dict[str, object], headline: str, as_json: bool) -> None:
    from rasd.eval.report import dumps

    if as_json:
        sys.stdout.write(dumps(data) + "\n")
        sys.stdout.flush()
        err.print(headline, highlight=False, markup=False)
    else:
        sys.stdout.write(text + "\n")


@eval_app.command("gold")
def eval_gold(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Articles, gold files or folders; articles need <name>.gold.json beside them or in gold/ (or in --gold)."
        ),
    ],
    gold: Annotated[
        Path | None,
        typer.Option("--gold", help="The folder of the gold records, when they are not beside the articles (corpus/gold)."),
    ] = None,
    split: Annotated[
        str | None,
        typer.Option("--split", help="Score only this split of the corpus manifest: train, dev or test."),
    ] = None,
    as_json: EvalJson = False,
    show_errors: Annotated[
        bool, typer.Option("--show-errors", help="List each missed and each spurious record with its sentence.")
    ] = False,
    time_limit: TimeLimit = 120.0,
) -> None:
    """Score entities, quotes and events against gold/1 records (P/R/F1 per article, stratum, event type and micro)."""
    from rasd.eval.gold import evaluate_gold
    from rasd.eval.report import gold_json, gold_text

    report = evaluate_gold(paths, time_limit=time_limit or None, gold_dir=gold, split=split)
    for problem in report.problems:
        report_problem(problem)
    if not report.articles:
        report_problem("no article could be scored")
        raise typer.Exit(1)
    _eval_finish(gold_text(report, show_errors=show_errors), gold_json(report), report.headline, as_json)


@eval_app.command("agreement")
def eval_agreement(
    first: Annotated[Path, typer.Argument(help="The first annotator's gold records (scored as the gold).")],
    second: Annotated[Path, typer.Argument(help="The second annotator's records of the same articles (scored as the output).")],
    articles: Annotated[
        Path | None,
        typer.Option("--articles", help="The corpus folder; its manifest.tsv gives each article's stratum."),
    ] = None,
    as_json: EvalJson = False,
    show_errors: Annotated[
        bool, typer.Option("--show-errors", help="List each record one annotator has and the other lacks.")
    ] = False,
) -> None:
    """Agreement between two annotators: the second's records scored against the first's by the gold rules."""
    from rasd.eval.agreement import evaluate_agreement
    from rasd.eval.report import gold_json, gold_text

    report = evaluate_agreement(first, second, articles)
    for problem in report.problems:
        report_problem(problem)
    if not report.articles:
        report_problem("no pair of records could be compared")
        raise typer.Exit(1)
    _eval_finish(gold_text(report, show_errors=show_errors), gold_json(report), report.headline, as_json)


@eval_app.command("ner")
def eval_ner(
    file: Annotated[Path, typer.Argument(help="CoNLL file: `token TAG` lines, a blank line between sentences.")],
    model: Annotated[
        Path | None, typer.Option("--model", help="NER model file or folder (default: the shipped model).")
    ] = None,
    as_json: EvalJson = False,
) -> None:
    """Tag a CoNLL file with rasd's NER tagger; exact-span P/R/F1 overall and per type."""
    from rasd.eval import EvalError, evaluate_ner
    from rasd.eval.report import ner_headline, ner_json, ner_text

    try:
        score = evaluate_ner(file, model=model)
    except EvalError as exc:
        report_problem(exc.message)
        raise typer.Exit(1) from None
    _eval_finish(ner_text(score), ner_json(score), ner_headline(score), as_json)


@eval_app.command("gsr")
def eval_gsr(
    file: Annotated[Path, typer.Argument(help="Event GSR CSV (columns label, text, id, event_type).")],
    spans: Annotated[
        Path | None, typer.Option("--spans", help="The GSR spans JSON: also score the actor codes of detected events.")
    ] = None,
    event_type: Annotated[
        str | None, typer.Option("--type", help="ASSAULT or PROTEST (default: from the CSV or its file name).")
    ] = None,
    as_json: EvalJson = False,
    show_errors: Annotated[
        bool, typer.Option("--show-errors", help="List each missed positive and each false alarm.")
    ] = False,
    time_limit: TimeLimit = 120.0,
) -> None:
    """Event detection on the Arabic event GSR: each sentence analysed alone; P/R/F1, confusion."""
    from rasd.eval import EvalError
    from rasd.eval.gsr import evaluate_gsr
    from rasd.eval.report import gsr_text

    try:
        report = evaluate_gsr(file, spans, event_type=event_type, time_limit=time_limit or None)
    except EvalError as exc:
        report_problem(exc.message)
        raise typer.Exit(1) from None
    for failure in report.failures:
        report_problem(failure)
    _eval_finish(gsr_text(report, show_errors=show_errors), report.to_dict(), report.headline, as_json)
# --- end rasd eval -------------------------------------------------------------------------------

# --- rasd train (src/rasd/train) -----------------------------------------------------------------
train_app = typer.Typer(
    name="train",
    help="Rebuild the learned models from the annotated news corpus (deterministic; writes rasd/data/models).",
    no_args_is_help=True,
    add_completion=False,
)
app.add_typer(train_app, name="train")

CorpusDir = Annotated[
    Path, typer.Option("--corpus", help="The news corpus folder (texts and manifest.tsv).")
]
GoldDir = Annotated[Path, typer.Option("--gold", help="The folder of the corpus gold records.")]
ExtraGold = Annotated[
    list[Path] | None,
    typer.Option("--extra", help="Other folders of articles with gold records to train on (news-dev); repeatable."),
]
ModelOut = Annotated[
    Path | None, typer.Option("--out", help="Where to write the model (default: the installed models folder).")
]


def _training_pairs(corpus: Path, gold: Path, extra: list[Path] | None, *, countries: bool = True):  # type: ignore[no-untyped-def]
    from rasd.train.corpus import load_pairs, rule_pipeline

    pipe = rule_pipeline(countries=countries)
    train, problems = load_pairs([corpus], gold, "train", pipe)
    for folder in extra or []:
        more, more_problems = load_pairs([folder], None, None, pipe)
        train += more
        problems += more_problems
    dev, dev_problems = load_pairs([corpus], gold, "dev", pipe)
    for problem in problems + dev_problems:
        report_problem(problem)
    if not train or not dev:
        report_problem(f"training needs gold records of the train and dev splits of {corpus} in {gold}")
        raise typer.Exit(1)
    return train, dev


@train_app.command("ner")
def train_ner_cmd(
    data: Annotated[Path, typer.Option("--data", help="The shared data folder (anercorp/ and news-corpus/).")] = Path("../shared/data"),
    gold: GoldDir = Path("corpus/gold"),
    out: ModelOut = None,
    corpus_weight: Annotated[int, typer.Option("--corpus-weight", help="Copies of corpus train beside ANERcorp train (0: ANERcorp alone).")] = 2,
) -> None:
    """Train the NER tagger on ANERcorp train and corpus train; score corpus dev and ANERcorp test."""
    from rasd.train.ner import train_shipped_ner

    models = Path(__file__).resolve().parent / "data" / "models"
    try:
        meta = train_shipped_ner(data, out or models, gold, models, corpus_weight=corpus_weight)
    except FileNotFoundError as exc:
        report_problem(str(exc))
        raise typer.Exit(1) from None
    err.print(f"trained in {meta['training_seconds']} s")
    for key in ("corpus_dev", "test"):
        if key in meta:
            sys.stdout.write(f"{key.replace('_', ' ')}: ner F1 {meta[key]['f1']:.3f}\n")


@train_app.command("countries")
def train_countries_cmd(
    corpus: CorpusDir = Path("../shared/data/news-corpus"),
    gold: GoldDir = Path("corpus/gold"),
    extra: ExtraGold = None,
    out: ModelOut = None,
) -> None:
    """Train the country ranking for unknown actors on corpus train (plus --extra gold), its threshold on corpus dev."""
    from rasd.actors.country_ranking import MODEL_FILE
    from rasd.train.countries import train_countries

    train, dev = _training_pairs(corpus, gold, extra, countries=False)
    _, meta = train_countries(
        train,
        dev,
        (out / MODEL_FILE.name) if out is not None else MODEL_FILE,
        sources={"corpus": str(corpus), "gold": str(gold), "extra": [str(e) for e in extra or []]},
    )
    d = meta["dev"]
    err.print(f"trained on {meta['data']['train_articles']} articles in {meta['seconds']} s; threshold {meta['chosen_on_dev']['threshold']}")
    sys.stdout.write(f"dev: {d['right']} of {d['given_a_country']} countries given right, of {d['actors_with_a_gold_country']} actors\n")


@train_app.command("quotes")
def train_quotes_cmd(
    corpus: CorpusDir = Path("../shared/data/news-corpus"),
    gold: GoldDir = Path("corpus/gold"),
    extra: ExtraGold = None,
    out: ModelOut = None,
) -> None:
    """Train the speaker ranking on corpus train (plus --extra gold), calibrate its confidence on corpus dev."""
    from rasd.quotes.ranking import MODEL_FILE
    from rasd.train.quotes import train_quotes

    train, dev = _training_pairs(corpus, gold, extra)
    _, meta = train_quotes(
        train,
        dev,
        (out / MODEL_FILE.name) if out is not None else MODEL_FILE,
        sources={"corpus": str(corpus), "gold": str(gold), "extra": [str(e) for e in extra or []]},
    )
    learned, rules = meta["dev"]["learned"], meta["dev"]["rules"]
    err.print(f"trained on {meta['data']['train_articles']} articles in {meta['seconds']} s; dev quotes F1 with the rules' speakers {rules['f1']:.3f}")
    sys.stdout.write(f"dev quotes P {learned['precision']:.3f} R {learned['recall']:.3f} F1 {learned['f1']:.3f}\n")


@train_app.command("events")
def train_events_cmd(
    corpus: CorpusDir = Path("../shared/data/news-corpus"),
    gold: GoldDir = Path("corpus/gold"),
    extra: ExtraGold = None,
    out: ModelOut = None,
    guard: Annotated[
        Path | None,
        typer.Option("--guard", help="Articles with gold that must stay right (P ≥ 0.8, R ≥ 0.9) at the chosen threshold; default the seed."),
    ] = Path("../shared/seed"),
) -> None:
    """Train the learned event coder on corpus train (plus --extra gold), choose its threshold on corpus dev."""
    from rasd.train.events import train_events

    train, dev = _training_pairs(corpus, gold, extra)
    from rasd.events.learned.coder import MODEL_DIR

    guard_pairs: list[Any] = []
    if guard is not None and guard.exists():
        from rasd.train.corpus import load_pairs, rule_pipeline

        guard_pairs, _ = load_pairs([guard], None, None, rule_pipeline())
    _, meta = train_events(
        train,
        dev,
        out if out is not None else MODEL_DIR,
        sources={"corpus": str(corpus), "gold": str(gold), "extra": [str(e) for e in extra or []],
                 "guard": str(guard) if guard_pairs else None},
        guard=guard_pairs,
    )
    learned = meta["dev"]["learned"]
    err.print(f"trained on {meta['data']['train_articles']} articles in {meta['seconds']} s; threshold {meta['chosen_on_dev']['threshold']}")
    sys.stdout.write(f"dev events P {learned['precision']:.3f} R {learned['recall']:.3f} F1 {learned['f1']:.3f}\n")



# --- rasd ingest / search / events / quotes / actors / export / serve (src/rasd/store, src/rasd/web)
DEFAULT_DB = Path("rasd.db")
ACTOR_TYPES = ("PER", "ORG", "GPE", "LOC", "EVENT")
DbOption = Annotated[Path, typer.Option("--db", help="The SQLite database file.")]


class TableFormat(StrEnum):
    """Output formats of the query commands."""

    table = "table"
    json = "json"
    csv = "csv"


SearchSeconds = Annotated[
    float,
    typer.Option("--time-limit", min=0, help="Seconds a full-text search may run before it is stopped (0: no limit)."),
]


def _open_db(db: Path, time_limit: float | None = None) -> Any:
    """The database opened read-only, or exit with one clear error."""
    from rasd.store import DEFAULT_LIMITS, StoreError, connect

    limits = DEFAULT_LIMITS if time_limit is None else replace(DEFAULT_LIMITS, seconds=time_limit)
    try:
        return connect(db, readonly=True, limits=limits)
    except StoreError as exc:
        report_problem(str(exc))
        raise typer.Exit(2) from None


def _print_records(rows: list[dict[str, Any]], fmt: TableFormat, columns: list[tuple[str, str]], title: str) -> None:
    """Print flat records as a rich table (the given columns), JSON or CSV (every field)."""
    if fmt is TableFormat.json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
        return
    if fmt is TableFormat.csv:
        import csv

        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else [c for c, _ in columns])
        writer.writeheader()
        writer.writerows(rows)
        return
    from rich.table import Table

    table = Table(title=title, show_lines=False, title_justify="left")
    for _, header in columns:
        table.add_column(header, overflow="fold")
    for r in rows:
        table.add_row(*["" if r.get(c) is None else str(r.get(c)) for c, _ in columns])
    Console(highlight=False).print(table)


def _filters(**kwargs: str | None) -> Any:
    """The selection, checked: an unknown type or a date such as 2018-13-45 is one error."""
    from rasd.store import Filters
    from rasd.store.queries import FilterError, check_filters

    try:
        return check_filters(Filters(**{k: v for k, v in kwargs.items() if v}))
    except FilterError as exc:
        report_problem(_option_names(str(exc)))
        raise typer.Exit(2) from None


def _confidence(value: float | None) -> str | None:
    """A --min-confidence value in the form the store's filters take."""
    return None if value is None else f"{value:g}"


def _option_names(message: str) -> str:
    """A filter message with the filter names written as the command line's options."""
    if message.startswith("since (") and " after until (" in message:
        return "--" + message.replace(" after until (", " after --until (")
    for name in ("since", "until", "type", "quad", "status", "role", "country", "actor"):
        if message.startswith(f"{name} ") or message.startswith(f"unknown {name} "):
            return message.replace(name, f"--{name}", 1)
    return message


def _check_date(date: str | None) -> None:
    """Exit with one error unless ``date`` (the --date option) is a real YYYY-MM-DD date."""
    from datetime import date as _date

    if date is None:
        return
    try:
        _date.fromisoformat(date)
        ok = len(date) == 10
    except ValueError:
        ok = False
    if not ok:
        report_problem(f"--date must be a date written YYYY-MM-DD, not {date!r}")
        raise typer.Exit(2)


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files or folders to analyse and store; - reads standard input.")],
    db: DbOption = DEFAULT_DB,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="Articles per transaction; a crash loses at most one batch.")
    ] = 50,
    until: Annotated[
        str | None, typer.Option(help="Stop the analysis after this stage: text, entities, actors, quotes, events.")
    ] = None,
    date: Annotated[str | None, typer.Option(help="Publication date YYYY-MM-DD for articles that lack one.")] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet name for articles that lack one.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    workers: Annotated[  # --workers: src/rasd/scale/ingest.py
        int | None,
        typer.Option(min=1, help="Processes analysing articles (default: all cores); one writer stores them in input order."),
    ] = None,
    rules_only: Annotated[
        bool,
        typer.Option("--rules-only", help="Events and speakers from the rules alone, without the trained models."),
    ] = False,
) -> None:
    """Analyse articles and store them in a database (idempotent, resumable)."""
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
    from rich.table import Table

    from rasd.pipeline import Pipeline
    from rasd.store import (
        IngestSummary,
        StoreError,
        connect,
        store_documents,
        stored_ids,
    )

    _check_date(date)
    if rules_only:
        import os

        from rasd.events import CODER_ENV
        from rasd.quotes.ranking import SPEAKERS_ENV

        os.environ[CODER_ENV] = os.environ[SPEAKERS_ENV] = "rules"
    try:
        pipeline = Pipeline(until=until)
        conn = connect(db)
    except (ValueError, StoreError) as exc:
        report_problem(str(exc))
        raise typer.Exit(2) from None
    from rasd.scale.ingest import ingest_items  # parallel producer; also reads `rasd run` shards

    items = ingest_items(paths, workers=workers, until=until, pipeline=pipeline, known_ids=stored_ids(conn),
                         date=date, outlet=outlet)
    progress = Progress(
        SpinnerColumn(),
        TextColumn("[bold]ingest[/]"),
        BarColumn(),
        TextColumn("{task.fields[done]} articles · {task.fields[rate]:.1f}/s · "
                   "stored {task.fields[stored]} · skipped {task.fields[skipped]} · errors {task.fields[errors]}"),
        TimeElapsedColumn(),
        console=err,
        disable=quiet,
        transient=False,
    )
    task = progress.add_task("ingest", total=None, done=0, rate=0.0, stored=0, skipped=0, errors=0)

    def update(s: IngestSummary) -> None:
        progress.update(task, done=s.seen, rate=s.rate, stored=s.stored, skipped=s.skipped, errors=len(s.problems))

    stories = None
    try:
        with progress:
            summary = store_documents(conn, items, batch_size, progress=update)
            update(summary)
        if summary.stored:  # story clusters and cross-article events: src/rasd/scale/story_tables.py
            from rasd.scale.story_tables import update_store_stories

            stories = update_store_stories(conn)
    except KeyboardInterrupt:
        report_problem("interrupted: every committed batch is kept; run the same command again to resume")
        raise typer.Exit(130) from None
    finally:
        conn.close()
    table = Table(title=f"ingest into {db}", title_justify="left", show_header=False)
    table.add_column("", style="bold")
    table.add_column("", justify="right")
    for label, value in (
        ("articles stored", summary.stored),
        ("already in the database", summary.skipped),
        ("inputs not stored", len(summary.problems)),
        ("entities", summary.entities),
        ("quotes", summary.quotes),
        ("events", summary.events),
        ("batches committed", summary.batches),
        ("time", f"{summary.seconds:.1f} s ({summary.rate:.1f} articles/s)"),
    ):
        table.add_row(label, str(value))
    err.print(table)
    if stories is not None:
        err.print(
            f"stories: {stories.stories} ({stories.multi_article_stories} of several articles); cross-article "
            f"events: {stories.cross_events} ({stories.multi_source_events} reported by several articles)"
        )
    if summary.problems:
        err.print(f"[bold red]{len(summary.problems)} input(s) could not be stored:[/]")
        for p in summary.problems[:100]:
            err.print(f"  {p.message}", soft_wrap=True, markup=False)
        if len(summary.problems) > 100:
            err.print(f"  … and {len(summary.problems) - 100} more (table ingest_problems in {db})")
    if summary.stored + summary.skipped == 0:
        if not summary.problems:
            report_problem("no input articles found")
        raise typer.Exit(1)


@app.command()
def search(
    query: Annotated[
        str,
        typer.Argument(help='Words (any spelling, with or without clitics), "a phrase", OR, NOT, -word, a NEAR b, word*.'),
    ],
    db: DbOption = DEFAULT_DB,
    actor: Annotated[str | None, typer.Option(help="Only articles naming this actor (id, kb id or name).")] = None,
    event_type: Annotated[str | None, typer.Option("--type", help="Only articles with an event of this PLOVER type.")] = None,
    country: Annotated[str | None, typer.Option(help="Only articles with an entity of this country (ISO3).")] = None,
    since: Annotated[str | None, typer.Option(help="Articles dated on or after YYYY[-MM[-DD]].")] = None,
    until: Annotated[str | None, typer.Option(help="Articles dated on or before YYYY[-MM[-DD]].")] = None,
    limit: Annotated[int, typer.Option(min=1, help="Results to show.")] = 20,
    fmt: Annotated[TableFormat, typer.Option("--format", "-f", help="table, json or csv.")] = TableFormat.table,
    time_limit: SearchSeconds = 10.0,
) -> None:
    """Search the stored articles in Arabic (diacritics, hamza and clitics do not matter)."""
    from rasd.store import SearchError
    from rasd.store.queries import search_articles

    conn = _open_db(db, time_limit)
    f = _filters(q=query, actor=actor, type=event_type, country=country, since=since, until=until)
    try:
        result = search_articles(conn, f, limit=limit)
    except SearchError as exc:
        report_problem(str(exc))
        raise typer.Exit(2) from None
    if fmt is TableFormat.table:
        from rich.table import Table
        from rich.text import Text

        table = Table(title=f"{result.total} article(s) match {query!r}", title_justify="left", show_lines=True)
        for col in ("date", "outlet", "headline", "passage", "id"):
            table.add_column(col, overflow="fold")
        for h in result.hits:
            passage = Text()
            for i, frag in enumerate(h["parts"]):
                if i:
                    passage.append(" ")
                for piece, hit in frag:
                    passage.append(piece, style="bold reverse" if hit else None)
            table.add_row(h["date"] or "", h["outlet"] or "", h["headline"] or "", passage, h["id"])
        Console(highlight=False).print(table)
        return
    rows = [
        {"article_id": h["id"], "date": h["date"], "outlet": h["outlet"], "headline": h["headline"], "url": h["url"],
         "passage": " ".join("".join(p for p, _ in frag) for frag in h["parts"])}
        for h in result.hits
    ]
    _print_records(rows, fmt, [], "")


@app.command()
def events(
    db: DbOption = DEFAULT_DB,
    actor: Annotated[str | None, typer.Option(help="Events involving this actor (id, kb id or part of a name).")] = None,
    role: Annotated[str | None, typer.Option(help="With --actor: actor or recipient.")] = None,
    event_type: Annotated[str | None, typer.Option("--type", help="PLOVER event type (CONSULT, ASSAULT, ...).")] = None,
    quad: Annotated[str | None, typer.Option(help='PLOVER quad class ("verbal cooperation", ...).')] = None,
    country: Annotated[str | None, typer.Option(help="Events with an actor or recipient of this country (ISO3).")] = None,
    since: Annotated[str | None, typer.Option(help="Events on or after YYYY[-MM[-DD]].")] = None,
    until: Annotated[str | None, typer.Option(help="Events on or before YYYY[-MM[-DD]].")] = None,
    status: Annotated[str | None, typer.Option(help="asserted, future, hypothetical, negated or historical.")] = None,
    query: Annotated[str | None, typer.Option("--query", "-q", help="Only events of articles matching this search.")] = None,
    limit: Annotated[int, typer.Option(min=1, help="Events to show.")] = 50,
    fmt: Annotated[TableFormat, typer.Option("--format", "-f", help="table, json or csv.")] = TableFormat.table,
    min_confidence: MinConfidence = None,
    time_limit: SearchSeconds = 10.0,
) -> None:
    """List stored events, newest first."""
    from rasd.store import SearchError
    from rasd.store.export import event_record
    from rasd.store.queries import count_events, iter_events

    conn = _open_db(db, time_limit)
    f = _filters(actor=actor, role=role, type=event_type, quad=quad, country=country, since=since, until=until,
                 status=status, q=query, min_confidence=_confidence(min_confidence))
    try:
        rows = [event_record(e) for e in iter_events(conn, f, limit=limit)]
        total = count_events(conn, f)
    except SearchError as exc:
        report_problem(str(exc))
        raise typer.Exit(2) from None
    _print_records(rows, fmt, [("event_date", "date"), ("event_type", "type"), ("mode", "mode"),
                               ("actor1", "actor"), ("actor2", "recipient"), ("place", "place"),
                               ("status", "status"), ("evidence", "evidence"), ("event_id", "id")],
                   f"{total} event(s)" + (f", first {len(rows)}" if total > len(rows) else ""))


@app.command()
def quotes(
    db: DbOption = DEFAULT_DB,
    speaker: Annotated[str | None, typer.Option(help="Quotes of this speaker (id, kb id or part of a name).")] = None,
    country: Annotated[str | None, typer.Option(help="Quotes of speakers of this country (ISO3).")] = None,
    since: Annotated[str | None, typer.Option(help="Articles dated on or after YYYY[-MM[-DD]].")] = None,
    until: Annotated[str | None, typer.Option(help="Articles dated on or before YYYY[-MM[-DD]].")] = None,
    query: Annotated[str | None, typer.Option("--query", "-q", help="Only quotes of articles matching this search.")] = None,
    limit: Annotated[int, typer.Option(min=1, help="Quotes to show.")] = 50,
    fmt: Annotated[TableFormat, typer.Option("--format", "-f", help="table, json or csv.")] = TableFormat.table,
    time_limit: SearchSeconds = 10.0,
) -> None:
    """List stored quotes: who said what, newest first."""
    from rasd.store import SearchError
    from rasd.store.export import quote_record
    from rasd.store.queries import count_quotes, iter_quotes

    conn = _open_db(db, time_limit)
    f = _filters(country=country, since=since, until=until, q=query)
    try:
        rows = [quote_record(q) for q in iter_quotes(conn, f, speaker=speaker, limit=limit)]
        total = count_quotes(conn, f, speaker=speaker)
    except SearchError as exc:
        report_problem(str(exc))
        raise typer.Exit(2) from None
    _print_records(rows, fmt, [("date", "date"), ("speaker", "speaker"), ("cue", "cue"), ("kind", "kind"),
                               ("quote", "quote"), ("quote_id", "id")],
                   f"{total} quote(s)" + (f", first {len(rows)}" if total > len(rows) else ""))


@app.command()
def actors(
    db: DbOption = DEFAULT_DB,
    name: Annotated[str | None, typer.Option(help="Actors whose name contains this (Arabic, any spelling, or English).")] = None,
    actor_type: Annotated[str | None, typer.Option("--type", help="PER, ORG, LOC, GPE or EVENT.")] = None,
    country: Annotated[str | None, typer.Option(help="Actors of this country (ISO3 or group code).")] = None,
    limit: Annotated[int, typer.Option(min=1, help="Actors to show.")] = 50,
    fmt: Annotated[TableFormat, typer.Option("--format", "-f", help="table, json or csv.")] = TableFormat.table,
) -> None:
    """List the actors of the archive, most mentioned first."""
    from rasd.store.export import actor_record
    from rasd.store.queries import count_actors, iter_actors

    if actor_type is not None and actor_type.upper() not in ACTOR_TYPES:
        report_problem(f"unknown --type {actor_type!r}: choose one of {', '.join(ACTOR_TYPES)}")
        raise typer.Exit(2)
    conn = _open_db(db)
    f = _filters(country=country)
    rows = [actor_record(a) for a in iter_actors(conn, f, name=name, type_=actor_type, limit=limit)]
    total = count_actors(conn, f, name=name, type_=actor_type)
    _print_records(rows, fmt, [("name", "name"), ("name_en", "English"), ("type", "type"), ("country", "country"),
                               ("sector", "sector"), ("articles", "articles"), ("events_as_actor", "events (actor)"),
                               ("events_as_recipient", "events (recipient)"), ("quotes", "quotes"),
                               ("actor_id", "id")],
                   f"{total} actor(s)" + (f", first {len(rows)}" if total > len(rows) else ""))


@app.command("export")
def export_cmd(
    fmt: Annotated[str, typer.Option("--format", "-f", help="csv, jsonl, parquet (tables) or gexf, graphml (network).")],
    db: DbOption = DEFAULT_DB,
    what: Annotated[
        str | None,
        typer.Option("--what", "-w", help="events, quotes, actors, articles, stories, cross_events, documents "
                     "(rasd/1 JSON) or network (default: events; network for gexf/graphml)."),
    ] = None,
    out: Annotated[str | None, typer.Option("--out", "-o", help="Output file; - or absent: standard output (csv, jsonl).")] = None,
    actor: Annotated[str | None, typer.Option(help="Only records involving this actor.")] = None,
    event_type: Annotated[str | None, typer.Option("--type", help="Only events of this PLOVER type.")] = None,
    quad: Annotated[str | None, typer.Option(help="Only events of this PLOVER quad class.")] = None,
    country: Annotated[str | None, typer.Option(help="Only records with this country (ISO3).")] = None,
    since: Annotated[str | None, typer.Option(help="On or after YYYY[-MM[-DD]].")] = None,
    until: Annotated[str | None, typer.Option(help="On or before YYYY[-MM[-DD]].")] = None,
    status: Annotated[str | None, typer.Option(help="Only events with this status.")] = None,
    query: Annotated[str | None, typer.Option("--query", "-q", help="Only records of articles matching this search.")] = None,
    min_sources: Annotated[
        int, typer.Option("--min-sources", min=1, help="Only events and cross_events reported by at least N articles, "
                          "stories (and their articles) of at least N articles.")
    ] = 1,
    min_confidence: MinConfidence = None,
    time_limit: SearchSeconds = 10.0,
) -> None:
    """Export events, quotes, actors, articles, stories, cross-article events or the actor network."""
    from rasd.store import SearchError
    from rasd.store.export import GRAPH_FORMATS, ExportError, export, export_file

    conn = _open_db(db, time_limit)
    table = what or ("network" if fmt in GRAPH_FORMATS else "events")
    f = _filters(actor=actor, type=event_type, quad=quad, country=country, since=since, until=until,
                 status=status, q=query, min_confidence=_confidence(min_confidence))
    try:
        if out is None or out == "-":
            if fmt not in ("csv", "jsonl"):
                raise ExportError(f"{fmt} is a binary format: give a file with --out")
            n = export(conn, table, fmt, sys.stdout.buffer, f, min_sources=min_sources)
            sys.stdout.flush()
        else:
            n = export_file(conn, table, fmt, out, f, min_sources=min_sources)
            err.print(f"{n} {'edge' if table == 'network' or fmt in GRAPH_FORMATS else 'row'}(s) written to {out}")
    except (ExportError, SearchError) as exc:
        report_problem(str(exc))
        raise typer.Exit(2) from None


@app.command()
def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to listen on (127.0.0.1: this machine only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port to listen on (0: any free port).")] = 8765,
    time_limit: Annotated[
        float, typer.Option("--time-limit", min=0, help="Seconds of database time one page may take (0: no limit).")
    ] = 10.0,
) -> None:
    """Serve the read-only web app: search, articles, actors, events, timeline, network, map."""
    from rasd.store import DEFAULT_LIMITS, StoreError
    from rasd.web import PortInUse, create_app, serve_app

    try:
        web_app = create_app(db, limits=replace(DEFAULT_LIMITS, seconds=time_limit))
    except StoreError as exc:
        report_problem(str(exc))
        raise typer.Exit(2) from None

    def ready(bound: int) -> None:
        err.print(f"rasd web app on http://{host}:{bound}/  (database {db}; Ctrl-C to stop)", soft_wrap=True)

    try:
        serve_app(web_app, host=host, port=port, ready=ready)
    except PortInUse as exc:
        report_problem(str(exc))
        raise typer.Exit(2) from None
# --- end rasd ingest / search / events / quotes / actors / export / serve ---------------------------


# --- rasd run (scale-out; src/rasd/scale/run.py) ------------------------------------------------
@app.command("run")
def run_cmd(
    inputs: Annotated[
        list[str], typer.Argument(help="Input files, folders, glob patterns or fsspec URLs; one output shard each.")
    ],
    out: Annotated[str, typer.Option("--out", "-o", help="Output folder (local, shared, or an fsspec URL).")],
    engine: Annotated[str, typer.Option(help="local (a process pool here) or dask (a cluster).")] = "local",
    scheduler: Annotated[
        str | None, typer.Option(help="Dask scheduler address, e.g. tcp://host:8786 (default: a local cluster).")
    ] = None,
    workers: Annotated[
        int | None, typer.Option(help="Worker processes here or in the local cluster (default: all cores).")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="Shard format: jsonl or parquet.")] = "jsonl",
    until: Annotated[
        str | None, typer.Option(help="Stop after this stage: text, entities, actors, quotes, events.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Redo every shard, even those already written.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No line per shard.")] = False,
) -> None:
    """Analyse input shards in parallel into OUT (one rasd/1 shard per input; resumable)."""
    from rasd.scale.run import RunError, ShardResult, run_shards

    def progress(r: ShardResult) -> None:
        if r.status == "failed":
            report_problem(f"{r.input}: shard failed ({r.error})")
        elif not quiet:
            err.print(
                f"{r.shard}: {r.documents} article(s), {len(r.problems)} problem(s), {r.seconds:.1f}s", soft_wrap=True
            )

    try:
        summary = run_shards(
            inputs, out, engine=engine, scheduler=scheduler, workers=workers, fmt=fmt, until=until,
            force=force, progress=progress,
        )
    except RunError as exc:
        report_problem(str(exc))
        raise typer.Exit(2) from None
    err.print(
        f"{summary.count('done')} shard(s) written, {summary.count('skipped')} already present, "
        f"{summary.count('failed')} failed; {summary.documents} article(s), {summary.problems} problem(s) "
        f"(see {out}/_errors.jsonl) in {summary.seconds:.1f}s",
        soft_wrap=True,
    )
    if summary.count("failed"):
        raise typer.Exit(1)
# --- end rasd run --------------------------------------------------------------------------------


def main() -> None:
    """Entry point of the ``rasd`` console script."""
    app()


if __name__ == "__main__":
    main()
