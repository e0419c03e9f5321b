"""The pipeline: an ordered list of stages, each adding layers to a Document.

A stage is a plain function ``stage(doc) -> doc`` that declares the layers it needs and the layers
it writes (:data:`LAYERS`). It writes only those: a layer no earlier stage made, or one it
extends by appending items (the events stage appends the actors its events need to
``entities``) and then changes none of the items already there. :class:`Pipeline` checks the
declarations when it is built and loads its stages (and their models and knowledge base) once
per process; :meth:`Pipeline.pipe` streams many articles.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from rasd.arabic.sentences import split_sentences
from rasd.arabic.tokens import tokenize
from rasd.model import Article, Document, Token
from rasd.read import ReadError, ReadProblem, read_path
from rasd.read.text import parse_text
from rasd.timelimit import with_time_limit
from rasd.version import __version__

StageFn = Callable[[Document], Document]
T = TypeVar("T")


LAYERS: tuple[str, ...] = ("meta", "sentences", "tokens", "mentions", "entities", "quotes", "events", "dropped")
"""The layers of a :class:`~rasd.model.Document` a stage may require or write; ``meta`` is there
from the start (the pipeline writes the rasd version and the stages into it). ``dropped`` is the
trace of candidates a rule turned down (``rasd analyze --explain``)."""


@dataclass(frozen=True, slots=True)
class Stage:
    """One step of the pipeline.

    Args:
        name: short name used on the command line (``--until quotes``).
        fn: the function adding the layers.
        requires: layers that must exist before it runs.
        provides: every layer it writes: layers it creates, and earlier layers it extends by
            appending (such a layer must also be in ``requires``).
    """

    name: str
    fn: StageFn
    requires: tuple[str, ...]
    provides: tuple[str, ...]

    def __call__(self, doc: Document) -> Document:
        return self.fn(doc)


def text_stage(doc: Document) -> Document:
    """Sentences and tokens (with clitic segments), all as body offsets."""
    body = doc.article.body
    sentences = split_sentences(body)
    tokens: list[Token] = []
    for s in sentences:
        s.token_start = len(tokens)
        tokens.extend(tokenize(body[s.start : s.end], s.start))
        s.token_end = len(tokens)
    doc.sentences = sentences
    doc.tokens = tokens
    return doc


# name, "module:function", requires, provides — later stages are imported lazily so a prefix of
# the pipeline does not pay for the models of the rest.
_STAGES: tuple[tuple[str, str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("text", "rasd.pipeline:text_stage", (), ("sentences", "tokens")),
    ("entities", "rasd.entities:entities_stage", ("tokens",), ("mentions",)),
    ("actors", "rasd.actors:actors_stage", ("tokens", "mentions"), ("entities",)),
    ("quotes", "rasd.quotes:quotes_stage", ("sentences", "tokens", "mentions", "entities"), ("quotes", "dropped")),
    # the events stage appends to entities the actors its events need (a country named only by
    # an adjective, a group named by a common noun), writes the codebook into meta and adds the
    # candidates its rules turned down to the quote stage's trace
    (
        "events",
        "rasd.events:events_stage",
        ("meta", "sentences", "tokens", "mentions", "entities", "quotes", "dropped"),
        ("events", "entities", "meta", "dropped"),
    ),
)

STAGE_NAMES = tuple(s[0] for s in _STAGES)


def _load_stage(name: str, target: str, requires: tuple[str, ...], provides: tuple[str, ...]) -> Stage | None:
    module_name, _, fn_name = target.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        # a stage whose module is not part of this installation is skipped, not an error
        if exc.name and module_name.startswith(exc.name):
            return None
        raise
    fn = getattr(module, fn_name, None)
    if fn is None:
        return None
    return Stage(name, fn, requires, provides)


def available_stages(until: str | None = None) -> list[Stage]:
    """The stages of this installation in order, up to and including ``until``."""
    if until is not None and until not in STAGE_NAMES:
        raise ValueError(f"unknown stage {until!r}; choose one of {', '.join(STAGE_NAMES)}")
    stages = []
    for name, target, requires, provides in _STAGES:
        stage = _load_stage(name, target, requires, provides)
        if stage is not None:
            stages.append(stage)
        if name == until:
            break
    return stages


class Pipeline:
    """An ordered list of stages, loaded once.

    Args:
        stages: the stages to run; by default every stage of this installation.
        until: run the pipeline only up to this stage (``text``, ``entities``, ``actors``,
            ``quotes``, ``events``).
    """

    def __init__(self, stages: list[Stage] | None = None, *, until: str | None = None) -> None:
        self.stages = stages if stages is not None else available_stages(until)
        check_stages(self.stages)

    @property
    def names(self) -> list[str]:
        """Names of the stages, in order."""
        return [s.name for s in self.stages]

    def __call__(self, article: Article) -> Document:
        """Analyse one article."""
        doc = Document(article=article, meta={"rasd": __version__, "stages": self.names})
        for stage in self.stages:
            doc = stage(doc)
        return doc

    def pipe(
        self, items: Iterable[Article | T], *, time_limit: float | None = None
    ) -> Iterator[Document | ReadProblem | T]:
        """Analyse a stream lazily, in order: one output for each item.

        This is the batch loop of every command (analyse, catch, report, go on): an article
        whose analysis fails, or runs past ``time_limit`` seconds, yields a
        :class:`~rasd.read.ReadProblem` naming it, and the stream goes on. Anything that is not
        an :class:`~rasd.model.Article` (a problem met while reading, a marker of an article
        already stored) passes through unchanged.

        Args:
            items: articles, possibly mixed with other records to pass on.
            time_limit: seconds allowed per article (Unix, main thread; None or 0: no limit).
        """
        run = with_time_limit(self, time_limit)
        for item in items:
            if not isinstance(item, Article):
                yield item
                continue
            try:
                doc = run(item)
            except Exception as exc:  # one failing article must not stop a batch
                yield analysis_problem(item, exc)
                continue
            yield doc


def analysis_problem(article: Article, exc: BaseException) -> ReadProblem:
    """The batch record of an article whose analysis raised ``exc``."""
    return ReadProblem(
        article.source or article.id,
        f"analysis failed ({type(exc).__name__}: {exc})",
        "please report it with the article",
    )


def check_stages(stages: Iterable[Stage]) -> None:
    """Check what stages declare, in order.

    Every layer named is a layer of a document; every layer a stage requires was written by an
    earlier stage; a stage that writes a layer an earlier stage made extends it, so it must
    require it too.

    Raises:
        ValueError: naming the stage and the layer.
    """
    made: set[str] = {"meta"}
    for st in stages:
        unknown = [x for x in (*st.requires, *st.provides) if x not in LAYERS]
        if unknown:
            raise ValueError(
                f"stage {st.name!r} names unknown layer(s) {', '.join(unknown)}; layers are {', '.join(LAYERS)}"
            )
        if not st.provides:
            raise ValueError(f"stage {st.name!r} writes no layer")
        missing = [r for r in st.requires if r not in made]
        if missing:
            raise ValueError(f"stage {st.name!r} needs {', '.join(missing)}, which no earlier stage adds")
        extended = [p for p in st.provides if p in made and p not in st.requires]
        if extended:
            raise ValueError(
                f"stage {st.name!r} writes {', '.join(extended)}, which an earlier stage made: "
                "a stage that extends a layer must require it"
            )
        made.update(st.provides)


_DEFAULT: Pipeline | None = None


def default_pipeline() -> Pipeline:
    """The process-wide full pipeline (built on first use)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Pipeline()
    return _DEFAULT


def analyze(
    text_or_path: str | Path, *, date: str | None = None, outlet: str | None = None
) -> Document:
    """Analyse one article given as text or as the path of a file.

    Args:
        text_or_path: article text (any of the plain-text forms), or a path to a file.
        date: publication date (``YYYY-MM-DD``) used to resolve relative dates.
        outlet: the outlet's name, when the text does not give it.

    Returns:
        The analysed :class:`~rasd.model.Document`.

    Raises:
        ReadError: the file could not be read as an Arabic article.
    """
    article: Article | None = None
    is_path = isinstance(text_or_path, Path) or (
        "\n" not in text_or_path and len(text_or_path) < 4096 and Path(text_or_path).is_file()
    )
    if is_path:
        for item in read_path(text_or_path):
            if isinstance(item, ReadError):
                raise item
            article = item
            break
        if article is None:
            raise ReadError(str(text_or_path), "holds no article")
    else:
        article = parse_text(str(text_or_path), "<text>")
    if date is not None:
        article.date = date
    if outlet is not None:
        article.outlet = outlet
    return default_pipeline()(article)
