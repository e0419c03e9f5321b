"""``rasd run --engine dask`` on a two-worker LocalCluster gives the local run's records."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from rasd.scale.run import run_shards
from rasd.scale.shards import iter_shard_records

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as c:
        yield c


@pytest.fixture
def inputs(tmp_path: Path, example_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(example_path, folder / "seed.txt")
    paragraphs = [p for p in example_path.read_text("utf-8").splitlines()[5:] if p.strip()]
    for i in range(3):
        (folder / f"part-{i}.jsonl").write_text(
            "\n".join(
                json.dumps({"title": f"خبر {i}-{j}", "text": "\n".join(paragraphs[j :: 4 + i]), "date": "2017-10-20",
                            "source": "الوطن"}, ensure_ascii=False)
                for j in range(3)
            ) + "\n{broken\n",
            "utf-8",
        )
    (folder / "english.txt").write_text("no Arabic here", "utf-8")
    return folder


def _records(out: Path) -> list[dict[str, Any]]:
    recs = [r for r in iter_shard_records([out]) if isinstance(r, dict)]
    return sorted(recs, key=lambda r: r["article"]["id"])


def test_dask_run_equals_local_run(cluster: Any, inputs: Path, tmp_path: Path) -> None:
    local = run_shards([str(inputs)], tmp_path / "local", engine="local", workers=1)
    assert local.count("done") == 5 and local.documents == 10

    out = tmp_path / "dask"
    r = subprocess.run(
        [sys.executable, "-m", "rasd.cli", "run", str(inputs / "*"), "--out", str(out), "--engine", "dask",
         "--scheduler", cluster.scheduler_address, "--format", "parquet"],
        capture_output=True, timeout=300,
    )
    assert r.returncode == 0, r.stderr.decode()
    assert "5 shard(s) written" in r.stderr.decode()
    assert _records(out) == _records(tmp_path / "local")
    errors = (out / "_errors.jsonl").read_text("utf-8").splitlines()
    assert len(errors) == 4  # three broken JSON lines and the English file

    # a lost shard is redone, and only it
    victim = sorted(out.glob("part-1-*.parquet"))[0]
    victim.unlink()
    again = run_shards([str(inputs / "*")], out, engine="dask", scheduler=cluster.scheduler_address, fmt="parquet")
    assert again.count("done") == 1 and again.count("skipped") == 4
    assert _records(out) == _records(tmp_path / "local")
