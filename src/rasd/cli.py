"""The ``rasd`` command line."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from rasd import __version__

app = typer.Typer(
    name="rasd",
    help="rasd (رصد): Arabic news → structured, traceable political event data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
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
) -> None:
    """Analyse articles and print their JSON (schema rasd/1) or a readable view."""
    from rasd.model import Article
    from rasd.pipeline import Pipeline
    from rasd.pretty import render
    from rasd.read import ReadProblem, iter_inputs

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
    for item in iter_inputs(paths):
        if isinstance(item, ReadProblem):
            problems += 1
            report_problem(item.message)
            continue
        assert isinstance(item, Article)
        if date and not item.date:
            item.date = date
        if outlet and not item.outlet:
            item.outlet = outlet
        try:
            doc = pipeline(item)
        except Exception as exc:  # one failing article must not stop a batch
            problems += 1
            report_problem(f"{item.source}: analysis failed ({type(exc).__name__}: {exc})")
            continue
        ok += 1
        data = doc.to_dict(tokens=tokens)
        if out is not None:
            src = (item.source or item.id).split(":")[0]
            name = Path(src).name if src not in ("-", "<stdin>") else "stdin"
            k = per_source.get(name, 0)
            per_source[name] = k + 1
            stem = name if k == 0 else f"{name}.{k}"
            (out / f"{stem}.json").write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")
        elif fmt is OutputFormat.pretty:
            render(doc, console)
        elif fmt is OutputFormat.jsonl:
            sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
        else:
            sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    if out is not None:
        err.print(f"{ok} article(s) written to {out}" + (f", {problems} input(s) failed" if problems else ""))
    if ok == 0:
        if problems == 0:
            report_problem("no input articles found")
        raise typer.Exit(1)


def main() -> None:
    """Entry point of the ``rasd`` console script."""
    app()


if __name__ == "__main__":
    main()
