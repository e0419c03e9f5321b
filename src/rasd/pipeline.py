"""The pipeline: an ordered list of stages, each adding one layer to a Document.

A stage is a plain function ``stage(doc) -> doc`` that declares the layers it needs and the layer
it adds; it never rewrites another stage's layer. :class:`Pipeline` loads its stages (and their
models and knowledge base) once per process; :meth:`Pipeline.pipe` streams many articles.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from rasd.arabic.sentences import split_sentences
from rasd.arabic.tokens import tokenize
from rasd.model import Article, Document, Token
from rasd.read import ReadError, read_path
from rasd.read.text import parse_text
from rasd.version import __version__

StageFn = Callable[[Document], Document]


@dataclass(frozen=True, slots=True)
class Stage:
    """One step of the pipeline.

    Args:
        name: short name used on the command line (``--until quotes``).
        fn: the function adding the layer.
        requires: layers that must exist before it runs.
        provides: the layer it adds.
    """

    name: str
    fn: StageFn
    requires: tuple[str, ...]
    provides: str

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
_STAGES: tuple[tuple[str, str, tuple[str, ...], str], ...] = (
    ("text", "rasd.pipeline:text_stage", (), "tokens"),
    ("entities", "rasd.entities:entities_stage", ("tokens",), "mentions"),
    ("actors", "rasd.actors:actors_stage", ("mentions",), "entities"),
    ("quotes", "rasd.quotes:quotes_stage", ("entities",), "quotes"),
    ("events", "rasd.events:events_stage", ("entities", "quotes"), "events"),
)

STAGE_NAMES = tuple(s[0] for s in _STAGES)


def _load_stage(name: str, target: str, requires: tuple[str, ...], provides: str) -> Stage | None:
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
        provided: set[str] = set()
        for st in self.stages:
            missing = [r for r in st.requires if r not in provided]
            if missing:
                raise ValueError(f"stage {st.name!r} needs {', '.join(missing)}, which no earlier stage adds")
            provided.add(st.provides)

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

    def pipe(self, articles: Iterable[Article]) -> Iterator[Document]:
        """Analyse a stream of articles lazily, in order."""
        for article in articles:
            yield self(article)


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
