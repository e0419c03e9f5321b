"""``rasd run`` with the local engine: one shard per input, resumable, problems recorded."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from rasd.model import Document
from rasd.scale.run import RunError, expand_inputs, run_shards
from rasd.scale.shards import iter_shard_documents, shard_name


@pytest.fixture
def inputs(tmp_path: Path, example_path: Path) -> Path:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(example_path, folder / "a.txt")
    text = example_path.read_text("utf-8")
    records = [
        {"title": "عنوان", "text": text.split("\n\n", 3)[-1][:1500], "date": "2017-10-20", "source": "sana"},
        {"title": "عنوان آخر", "text": text.split("\n\n", 3)[-1][1500:3000], "source": "sana"},
    ]
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    lines.insert(1, "{broken")
    (folder / "sub" / "b.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    (folder / "sub" / "c.txt").write_text("just English, no Arabic at all", "utf-8")
    return folder


def _docs(out: Path) -> dict[str, dict[str, object]]:
    return {d.article.id: d.to_dict() for d in iter_shard_documents([out]) if isinstance(d, Document)}


def test_expand_inputs_walks_folders_and_globs(inputs: Path) -> None:
    files, unmatched = expand_inputs([str(inputs), str(inputs / "sub" / "*.jsonl"), str(inputs / "none*")])
    assert [Path(f).name for f in files] == ["a.txt", "b.jsonl", "c.txt"]
    assert unmatched == [str(inputs / "none*")]


def test_run_writes_one_shard_per_input_and_records_problems(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    summary = run_shards([str(inputs)], out, workers=1, until="text")
    assert summary.count("done") == 3 and summary.count("failed") == 0
    assert summary.documents == 3
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted([shard_name(inputs / "a.txt"), shard_name(inputs / "sub" / "b.jsonl"),
                            shard_name(inputs / "sub" / "c.txt"), "_errors.jsonl", "_manifest.json"])
    errors = [json.loads(x) for x in (out / "_errors.jsonl").read_text("utf-8").splitlines()]
    assert len(errors) == 2
    assert any(e["source"].endswith("b.jsonl:2") for e in errors)
    assert any(e["source"].endswith("c.txt") and "Arabic" in e["problem"] for e in errors)
    manifest = json.loads((out / "_manifest.json").read_text("utf-8"))
    assert manifest["stages"] == ["text"] and manifest["format"] == "jsonl"
    assert {s["status"] for s in manifest["shards"]} == {"done"}
    assert len(_docs(out)) == 3


def test_a_rerun_redoes_only_missing_shards(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_shards([str(inputs)], out, workers=1, until="text")
    before = _docs(out)
    errors_before = (out / "_errors.jsonl").read_text("utf-8")
    (out / shard_name(inputs / "a.txt")).unlink()
    (out / f".tmp-{shard_name(inputs / 'a.txt')}.dead").write_text("half", "utf-8")  # a killed writer
    again = run_shards([str(inputs)], out, workers=1, until="text")
    assert again.count("done") == 1 and again.count("skipped") == 2
    assert _docs(out) == before
    assert (out / "_errors.jsonl").read_text("utf-8") == errors_before
    manifest = json.loads((out / "_manifest.json").read_text("utf-8"))
    by_input = {Path(s["input"]).name: s for s in manifest["shards"]}
    assert by_input["a.txt"]["status"] == "done" and by_input["b.jsonl"]["status"] == "skipped"
    assert by_input["b.jsonl"]["documents"] == 2


def test_parquet_run_reads_back_the_same_documents(inputs: Path, tmp_path: Path) -> None:
    run_shards([str(inputs)], tmp_path / "j", workers=1, until="text")
    run_shards([str(inputs)], tmp_path / "p", workers=1, until="text", fmt="parquet")
    assert _docs(tmp_path / "p") == _docs(tmp_path / "j")


def test_settings_that_do_not_match_the_folder_are_refused(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_shards([str(inputs / "a.txt")], out, workers=1, until="text")
    with pytest.raises(RunError, match="jsonl"):
        run_shards([str(inputs / "a.txt")], out, workers=1, until="text", fmt="parquet")
    with pytest.raises(RunError, match="stages"):
        run_shards([str(inputs / "a.txt")], out, workers=1, until="entities")
    with pytest.raises(RunError, match="matches nothing"):
        run_shards([str(tmp_path / "nothing*")], out, workers=1)
    with pytest.raises(RunError, match="engine"):
        run_shards([str(inputs)], out, engine="spark")


def test_force_redoes_every_shard(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_shards([str(inputs / "a.txt")], out, workers=1, until="text")
    again = run_shards([str(inputs / "a.txt")], out, workers=1, until="text", force=True)
    assert again.count("done") == 1
