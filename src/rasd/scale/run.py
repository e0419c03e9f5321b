"""``rasd run``: analyse input shards in parallel, locally or on a Dask cluster.

Each input file (a JSON Lines archive, a CSV, a text article…) is one task: a worker reads it,
analyses every article in it and writes one output shard (rasd/1 JSON Lines or Parquet) named
from the input path (:func:`rasd.scale.shards.shard_name`) through a temporary file renamed into
place. A shard that exists is complete, so running the same command again after a failure
redoes only the missing shards. The output folder also holds ``_manifest.json`` (what was run,
and for each shard its input, status and counts) and ``_errors.jsonl`` (one line per input or
article that failed, and per shard that failed).

The ``local`` engine uses a process pool on this machine; the ``dask`` engine maps the same
task over a :mod:`dask.bag` on a ``distributed`` cluster (a :class:`distributed.LocalCluster`
when no scheduler address is given). Workers must have rasd installed and see the input and
output paths (a shared filesystem, or fsspec URLs such as ``s3://`` with the driver installed).
"""

from __future__ import annotations

import glob
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from rasd import __version__
from rasd.model import Article
from rasd.read import ReadProblem, iter_inputs, read_bytes
from rasd.read.errors import ReadError
from rasd.scale.parallel import (
    analyse_one,
    default_workers,
    mp_context,
    watch_owner,
    worker_pipeline,
)
from rasd.scale.shards import (
    ERRORS_NAME,
    FORMATS,
    MANIFEST_NAME,
    ShardWriter,
    shard_name,
    write_atomic,
)

__all__ = [
    "ENGINES",
    "RunError",
    "RunSummary",
    "ShardResult",
    "ShardTask",
    "expand_inputs",
    "process_shard",
    "run_shards",
]

ENGINES = ("local", "dask")
MANIFEST_SCHEMA = "rasd-run/1"
_GLOB_CHARS = set("*?[")


class RunError(Exception):
    """A run that cannot start: no inputs, or an output folder made with other settings."""


@dataclass(frozen=True, slots=True)
class ShardTask:
    """One unit of work: an input file and where its shard goes."""

    input: str
    out_dir: str
    shard: str
    fmt: str = "jsonl"
    until: str | None = None


@dataclass(slots=True)
class ShardResult:
    """What became of one input shard.

    Attributes:
        status: ``done`` (written by this run), ``skipped`` (already present) or ``failed``.
        documents: articles written to the shard.
        problems: inputs or articles that failed inside the shard (source, problem, hint).
        error: why the whole shard failed, for ``failed``.
    """

    input: str
    shard: str
    status: str
    documents: int = 0
    problems: list[dict[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    error: str | None = None

    def manifest_entry(self) -> dict[str, Any]:
        """The shard's line in ``_manifest.json`` (problems go to ``_errors.jsonl``)."""
        d = asdict(self)
        d["problems"] = len(self.problems)
        d["seconds"] = round(self.seconds, 3)
        return d


@dataclass(slots=True)
class RunSummary:
    """The outcome of :func:`run_shards`."""

    out: str
    shards: list[ShardResult] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, status: str) -> int:
        """Shards with this status."""
        return sum(1 for s in self.shards if s.status == status)

    @property
    def documents(self) -> int:
        """Articles written by this run."""
        return sum(s.documents for s in self.shards if s.status == "done")

    @property
    def problems(self) -> int:
        """Problems recorded in ``_errors.jsonl`` (inputs, articles and failed shards)."""
        return sum(len(s.problems) + (1 if s.status == "failed" else 0) for s in self.shards)


# --------------------------------------------------------------------------- inputs


def _expand_remote(pattern: str) -> list[str]:
    import fsspec

    fs, path = fsspec.core.url_to_fs(pattern)
    protocol = pattern.split("://", 1)[0]
    if _GLOB_CHARS & set(path):
        found = sorted(fs.glob(path))
    elif fs.isdir(path):
        found = sorted(fs.find(path))
    else:
        found = [path] if fs.exists(path) else []
    names = []
    for f in found:
        base = f.rsplit("/", 1)[-1]
        if base.startswith(".") or base == "manifest.tsv" or base.endswith(".gold.json"):
            continue
        names.append(f if "://" in f else f"{protocol}://{f}")
    return names


def expand_inputs(patterns: Iterable[str]) -> tuple[list[str], list[str]]:
    """Input files named by glob patterns, folders (walked) and fsspec URLs, in order.

    Returns:
        ``(files, unmatched)``: the files, each once, and the patterns that matched nothing.
    """
    from rasd.read import expand_paths

    files: list[str] = []
    unmatched: list[str] = []
    seen: set[str] = set()
    for pattern in patterns:
        if "://" in pattern:
            found = _expand_remote(pattern)
        else:
            matches = sorted(glob.glob(pattern, recursive=True)) if _GLOB_CHARS & set(pattern) else [pattern]
            found = [
                str(f)
                for m in matches
                if Path(m).exists()
                for f in expand_paths([m])
                if isinstance(f, Path)
            ]
        if not found:
            unmatched.append(pattern)
        for f in found:
            if f not in seen:
                seen.add(f)
                files.append(f)
    return files, unmatched


def _read_input(path: str) -> Iterator[Article | ReadProblem]:
    if "://" not in path:
        yield from iter_inputs([path])
        return
    import fsspec

    try:
        with fsspec.open(path, "rb") as fh:
            data = fh.read()
    except (OSError, ValueError) as exc:
        yield ReadProblem(path, f"cannot be read ({exc})", "check the URL and the credentials")
        return
    for item in read_bytes(data, path):
        yield ReadProblem.from_error(item) if isinstance(item, ReadError) else item


# --------------------------------------------------------------------------- one shard


def process_shard(task: ShardTask) -> ShardResult:
    """Read one input, analyse its articles and write its shard (runs on a worker).

    Articles that cannot be read or analysed are recorded as problems and the shard goes on;
    only a failure to write the shard fails the task, and then nothing is left behind.
    """
    started = time.perf_counter()
    result = ShardResult(task.input, task.shard, "done")
    try:
        pipeline = worker_pipeline(task.until)
        with ShardWriter(task.out_dir, task.shard, task.fmt) as writer:
            for item in _read_input(task.input):
                out = analyse_one(pipeline, item)
                if isinstance(out, ReadProblem):
                    result.problems.append({"source": out.source, "problem": out.problem, "hint": out.hint})
                else:
                    writer.add(out.to_dict())
            writer.commit()
            result.documents = writer.count
    except Exception as exc:  # the shard fails; the run records it and goes on
        result.status = "failed"
        result.error = f"{type(exc).__name__}: {exc}"
        result.documents = 0
    result.seconds = time.perf_counter() - started
    return result


def _process_partition(tasks: Iterable[ShardTask]) -> list[ShardResult]:
    return [process_shard(t) for t in tasks]


# --------------------------------------------------------------------------- the run


def _exists(out_dir: str, names: set[str]) -> set[str]:
    """Which of ``names`` are already finished shards in ``out_dir``."""
    if "://" in out_dir:
        import fsspec

        fs, root = fsspec.core.url_to_fs(out_dir)
        try:
            present = {p.rstrip("/").rsplit("/", 1)[-1] for p in fs.ls(root, detail=False)}
        except FileNotFoundError:
            present = set()
    else:
        folder = Path(out_dir)
        present = {p.name for p in folder.iterdir()} if folder.is_dir() else set()
    return names & present


def _read_json(out_dir: str, name: str) -> str | None:
    if "://" in out_dir:
        import fsspec

        fs, root = fsspec.core.url_to_fs(out_dir)
        path = f"{root.rstrip('/')}/{name}"
        if not fs.exists(path):
            return None
        with fs.open(path, "rb") as fh:
            return bytes(fh.read()).decode("utf-8")
    p = Path(out_dir) / name
    return p.read_text("utf-8") if p.is_file() else None


def _previous(out_dir: str, fmt: str, stages: list[str]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Manifest entries and error lines of an earlier run into the same folder."""
    raw = _read_json(out_dir, MANIFEST_NAME)
    if raw is None:
        return {}, []
    try:
        manifest = json.loads(raw)
    except json.JSONDecodeError:
        return {}, []
    if manifest.get("format") not in (None, fmt):
        raise RunError(
            f"{out_dir} holds {manifest.get('format')} shards; use --format {manifest.get('format')} "
            "or another --out folder"
        )
    if manifest.get("stages") not in (None, stages):
        raise RunError(
            f"{out_dir} holds shards analysed with stages {', '.join(manifest['stages'])}, not "
            f"{', '.join(stages)}; use another --out folder or --force to redo every shard"
        )
    entries = {e["shard"]: e for e in manifest.get("shards", []) if isinstance(e, dict) and "shard" in e}
    errors = []
    for line in (_read_json(out_dir, ERRORS_NAME) or "").splitlines():
        try:
            errors.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return entries, errors


def _write_bookkeeping(
    out_dir: str, settings: dict[str, Any], results: list[ShardResult], old_errors: list[dict[str, Any]]
) -> None:
    manifest = {**settings, "shards": [r.manifest_entry() for r in results]}
    write_atomic(out_dir, MANIFEST_NAME, (json.dumps(manifest, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    lines: list[dict[str, Any]] = []
    for r in results:
        if r.status == "skipped":
            lines.extend(e for e in old_errors if e.get("shard") == r.shard)
            continue
        lines.extend({"shard": r.shard, "input": r.input, **p} for p in r.problems)
        if r.status == "failed" and not r.shard:
            lines.append({"shard": None, "input": r.input, "source": r.input,
                          "problem": "matches no file", "hint": "check the path or the glob pattern"})
        elif r.status == "failed":
            lines.append({"shard": r.shard, "input": r.input, "source": r.input,
                          "problem": f"shard failed ({r.error})", "hint": "rerun the same command to redo it"})
    data = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in lines)
    write_atomic(out_dir, ERRORS_NAME, data.encode("utf-8"))


def _run_local(tasks: list[ShardTask], workers: int) -> Iterator[ShardResult]:
    if workers == 1 or len(tasks) <= 1:
        for t in tasks:
            yield process_shard(t)
        return
    context = mp_context()
    with ProcessPoolExecutor(max_workers=min(workers, len(tasks)), mp_context=context, initializer=watch_owner,
                             initargs=(os.getpid(),)) as pool:
        futures = {pool.submit(process_shard, t): t for t in tasks}
        for fut in as_completed(futures):
            t = futures[fut]
            try:
                yield fut.result()
            except Exception as exc:  # a worker died
                yield ShardResult(t.input, t.shard, "failed", error=f"{type(exc).__name__}: {exc}")


def _run_dask(tasks: list[ShardTask], workers: int, scheduler: str | None) -> Iterator[ShardResult]:
    import dask.bag as db
    from distributed import Client, LocalCluster
    from distributed import as_completed as dask_completed

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = Client(cluster)
    try:
        # one partition per input shard: each task reads one input and writes one output
        bag = db.from_sequence(tasks, npartitions=len(tasks)).map_partitions(_process_partition)
        futures = client.compute(bag.to_delayed())
        owner = {f.key: i for i, f in enumerate(futures)}
        for fut in dask_completed(futures):
            try:
                yield from fut.result()
            except Exception as exc:  # the task died with its worker (retries exhausted)
                t = tasks[owner[fut.key]]
                yield ShardResult(t.input, t.shard, "failed", error=f"{type(exc).__name__}: {exc}")
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def run_shards(
    patterns: Iterable[str],
    out_dir: str | Path,
    *,
    engine: str = "local",
    scheduler: str | None = None,
    workers: int | None = None,
    fmt: str = "jsonl",
    until: str | None = None,
    force: bool = False,
    progress: Callable[[ShardResult], None] | None = None,
) -> RunSummary:
    """Analyse every input shard into ``out_dir``, skipping shards already written.

    Args:
        patterns: input files, folders, glob patterns (``data/*.jsonl.gz``) or fsspec URLs.
        out_dir: the output folder (local, shared, or an fsspec URL).
        engine: ``local`` (a process pool here) or ``dask`` (a distributed cluster).
        scheduler: the Dask scheduler's address (``tcp://host:8786``); without it, the dask
            engine starts a local cluster of ``workers`` processes.
        workers: worker processes for the local pool or the local cluster (default: all cores).
        fmt: ``jsonl`` or ``parquet``.
        until: run the pipeline up to this stage only.
        force: redo every shard, even those already written.
        progress: called with each shard's result as it finishes.

    Returns:
        The run's summary; the manifest and the error file are written into ``out_dir``.

    Raises:
        RunError: no input matched, or ``out_dir`` holds shards made with other settings.
    """
    from rasd.pipeline import available_stages

    if engine not in ENGINES:
        raise RunError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    if fmt not in FORMATS:
        raise RunError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    try:
        stages = [s.name for s in available_stages(until)]
    except ValueError as exc:
        raise RunError(str(exc)) from None
    started = time.perf_counter()
    out = str(out_dir)
    files, unmatched = expand_inputs(patterns)
    if not files:
        raise RunError("no input files: " + (", ".join(unmatched) + " matches nothing" if unmatched else "none given"))
    workers = default_workers() if workers is None else max(1, workers)
    old_entries, old_errors = ({}, []) if force else _previous(out, fmt, stages)
    tasks = [ShardTask(f, out, shard_name(f, fmt), fmt, until) for f in files]
    names = {t.shard for t in tasks}
    if len(names) < len(tasks):
        raise RunError("two inputs map to the same shard name; give each input once")
    done = set() if force else _exists(out, names)
    settings = {"schema": MANIFEST_SCHEMA, "rasd": __version__, "stages": stages, "format": fmt, "engine": engine}
    summary = RunSummary(out)
    results: dict[str, ShardResult] = {}
    for t in tasks:
        if t.shard in done:
            old = old_entries.get(t.shard, {})
            r = ShardResult(t.input, t.shard, "skipped", documents=int(old.get("documents") or 0))
            r.problems = [e for e in old_errors if e.get("shard") == t.shard]
            results[t.shard] = r
    todo = [t for t in tasks if t.shard not in done]
    for p in unmatched:
        results[f"_unmatched:{p}"] = ShardResult(p, "", "failed", error="matches no file")

    def ordered() -> list[ShardResult]:
        out_list = [results[t.shard] for t in tasks if t.shard in results]
        out_list += [r for k, r in results.items() if k.startswith("_unmatched:")]
        return out_list

    last_write = time.monotonic()
    if todo:
        stream = _run_local(todo, workers) if engine == "local" else _run_dask(todo, workers, scheduler)
        for r in stream:
            results[r.shard] = r
            if progress is not None:
                progress(r)
            if time.monotonic() - last_write > 5.0:  # keep the manifest current during long runs
                _write_bookkeeping(out, settings, ordered(), old_errors)
                last_write = time.monotonic()
    summary.shards = ordered()
    _write_bookkeeping(out, settings, summary.shards, old_errors)
    summary.seconds = time.perf_counter() - started
    return summary
