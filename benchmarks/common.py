"""Shared helpers of the speed and memory benchmarks: the machine, corpora, measured commands.

``python benchmarks/common.py measure -- CMD...`` runs a command and prints, as JSON, its wall
time, the CPU time of its whole process tree, the peak resident memory of its largest process
(``ru_maxrss`` of the waited-for descendants) and the peak of the tree's total resident memory
(sampled with psutil every 50 ms). The benchmarks call it in a fresh process for each run, so
the figures of one run do not mix with another's.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / ".bench"
PYTHON = sys.executable
RASD = [PYTHON, "-m", "rasd.cli"]


def machine() -> dict[str, Any]:
    """CPU model, cores, memory, Python and OS of this machine."""
    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram_gb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
                break
    except OSError:
        pass
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 1
    return {
        "cpu": cpu,
        "cores": cores,
        "ram_gb": ram_gb,
        "python": platform.python_version(),
        "os": f"{platform.system()} {platform.release()}",
    }


def load_average() -> float:
    """The one-minute load average (other programs competing for the cores)."""
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return -1.0


def git_commit() -> str:
    """The commit of the checkout being measured (with + when it has local changes)."""
    try:
        rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                             text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                               capture_output=True, text=True).stdout.strip()
        return rev + ("+" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def pin_one_core() -> None:
    """Run this process on one core only (per-core figures)."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


# --------------------------------------------------------------------------- corpora


def replicate(src: Path, copies: int, dest: Path | None = None) -> list[Path]:
    """Folders ``copy-00``…: the article files of ``src`` (and its manifest), each copy unique.

    Copy 0 is the corpus as it is; in copy ``k`` the first body line of every article ends with
    the words ``(نسخة k)``, so every article of every copy has its own body, id and analysis,
    like a new article of the same length. The folders are built once and reused.
    """
    dest = dest or BENCH_DIR / f"corpus-{src.name}"
    folders = []
    for k in range(copies):
        folder = dest / f"copy-{k:02d}"
        folders.append(folder)
        stamp = folder / ".complete"
        if stamp.is_file():
            continue
        folder.mkdir(parents=True, exist_ok=True)
        for f in sorted(src.iterdir()):
            if f.name == "manifest.tsv":
                (folder / f.name).write_bytes(f.read_bytes())
                continue
            if not f.is_file() or f.suffix != ".txt":
                continue
            lines = f.read_text("utf-8").split("\n")
            if k:
                # line 1 section, line 2 headline, then the body
                i = next((j for j in range(2, len(lines)) if lines[j].strip()), len(lines) - 1)
                lines[i] = lines[i].rstrip() + f" (نسخة {k})"
            (folder / f.name).write_text("\n".join(lines), "utf-8")
        stamp.write_text("ok", "utf-8")
    return folders


# --------------------------------------------------------------------------- measuring


def _sample(proc: Any, cpu: dict[int, float]) -> tuple[int, int, int]:
    """(total RSS, largest RSS, total PSS) in bytes of a psutil process and its descendants.

    Also records each process's CPU time so far in ``cpu`` (by pid). PSS (proportional set
    size) counts a page shared by forked workers once in all, so it is the honest total.
    """
    import psutil

    total = largest = pss = 0
    try:
        procs = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return 0, 0, 0
    for p in procs:
        try:
            with p.oneshot():
                t = p.cpu_times()
                cpu[p.pid] = t.user + t.system
                try:
                    info = p.memory_full_info()
                    rss, share = info.rss, getattr(info, "pss", info.rss)
                except psutil.AccessDenied:
                    rss = share = p.memory_info().rss
        except psutil.Error:
            continue
        total += rss
        pss += share
        largest = max(largest, rss)
    return total, largest, pss


def measure(cmd: list[str], env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run ``cmd`` here and measure it (call this in a fresh process: see ``measure_cmd``)."""
    load_before = load_average()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak_total = peak_largest = peak_pss = 0
    cpu: dict[int, float] = {}
    try:
        import psutil

        ps = psutil.Process(proc.pid)
        while proc.poll() is None:
            total, largest, pss = _sample(ps, cpu)
            peak_total = max(peak_total, total)
            peak_largest = max(peak_largest, largest)
            peak_pss = max(peak_pss, pss)
            time.sleep(0.1)
    except ImportError:
        pass
    _, stderr = proc.communicate()
    wall = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    rusage_cpu = usage.ru_utime + usage.ru_stime
    return {
        "returncode": proc.returncode,
        "wall_s": round(wall, 3),
        # processes not reaped through us (a dask nanny's) are only in the samples
        "cpu_s": round(max(rusage_cpu, sum(cpu.values())), 3),
        "maxrss_mb": round(usage.ru_maxrss / 1024, 1),  # kilobytes on Linux
        "peak_tree_mb": round(peak_total / 1024 / 1024, 1),
        "peak_tree_pss_mb": round(peak_pss / 1024 / 1024, 1),
        "peak_process_mb": round(peak_largest / 1024 / 1024, 1),
        "processes": len(cpu),
        "load_before": load_before,
        "load_after": load_average(),
        "stderr_tail": stderr.decode("utf-8", "replace")[-2000:] if proc.returncode else "",
    }


def measure_cmd(cmd: list[str], env: dict[str, str] | None = None, timeout: float = 1800) -> dict[str, Any]:
    """Measure ``cmd`` from a fresh helper process, so resource usage is this command's alone."""
    r = subprocess.run([PYTHON, str(Path(__file__).resolve()), "measure", "--", *cmd], env=env,
                       capture_output=True, text=True, timeout=timeout)
    if r.returncode != 0:
        raise RuntimeError(f"measuring {' '.join(cmd)} failed: {r.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(r.stdout.strip().splitlines()[-1])
    return result


def table(header: list[str], rows: list[list[Any]], align: str | None = None) -> str:
    """A Markdown table (``align``: one of l/r per column, default left then right)."""
    align = align or "l" + "r" * (len(header) - 1)
    marks = ["---" if a == "l" else "---:" for a in align]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(marks) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    """``measure -- CMD...``: run CMD and print its measurements as JSON."""
    if len(argv) >= 3 and argv[0] == "measure" and argv[1] == "--":
        print(json.dumps(measure(argv[2:])))
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
