"""Ingest at scale: wall time, peak memory and time per paper for 10, 100 and 1,000 papers (run by hand).

    python bench/ingest_scale.py [--sizes 10,100,1000] [--rerun]

The papers are variants of the seed, written to a temporary folder: 100 series (the city of the title
renamed) of 10 years each (every year moved back 0..9), and in each paper every figure's last digit moved
on, the same way in both languages, so no two files are alike and each year's paper is checked against the
year before. Each size is one real `python -m extractor ingest FOLDER --out OUT` in a subprocess, on all
cores. Peak memory is the sum of the RSS of the ingest and its workers, sampled every 50 ms, and the
largest single process (getrusage). Targets on the 2-core machine: <= 60 s and <= 500 MB for 1,000, and
the time per paper flat as the batch grows. At the end the dataset's row counts are compared with the
JSONL files; `--rerun` ingests the largest batch a second time and checks that no count changes.
"""

from __future__ import annotations

import argparse
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import closing
from pathlib import Path
from typing import NamedTuple

import regex

ROOT = Path(__file__).parent.parent
SEED = ROOT / "raw" / "shenzhen-ip-2013.txt"
SERIES = [a + b for a in "东南西北中华新安平和" for b in "山川河湖江海城港州阳"]
"""100 city names for the title (no character of them is a numeral)."""
YEARS = 10
_FIGURE = regex.compile(r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+)(?![\d,]*\d)")
_YEAR = regex.compile(r"(?<![\d.,])(?:19|20)\d\d(?![\d,]*\d)")
_TABLES = ("documents", "claims", "skipped", "pairs", "discrepancies")


def variant(text: str, number: int) -> str:
    """The seed as paper `number`: its series' city, its year, its figures."""
    shift = YEARS - 1 - number % YEARS

    def figure(match: regex.Match[str]) -> str:
        written = match.group()
        if _YEAR.fullmatch(written.split(".")[0]):
            return written
        return written[:-1] + str((int(written[-1]) + number) % 10)

    text = _FIGURE.sub(figure, text)
    text = _YEAR.sub(lambda m: str(int(m.group()) - shift), text)
    return text.replace("深圳", SERIES[number // YEARS % len(SERIES)])


def make_papers(folder: Path, count: int) -> list[Path]:
    text = SEED.read_text(encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    papers = []
    for number in range(count):
        path = folder / f"paper-{number:04d}.txt"
        path.write_text(variant(text, number), encoding="utf-8")
        papers.append(path)
    return papers


def _tree_rss(root: int) -> int:
    """Bytes resident in `root` and every process below it, walked from `root` down through /proc's children
    lists (a scan of all of /proc costs the machine a few percent of a core at 20 samples a second)."""
    page = os.sysconf("SC_PAGE_SIZE")
    total, stack, seen = 0, [root], set()
    while stack:
        pid = stack.pop()
        if pid in seen:
            continue
        seen.add(pid)
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * page
            for task in os.listdir(f"/proc/{pid}/task"):
                stack += map(int, Path(f"/proc/{pid}/task/{task}/children").read_text().split())
        except (OSError, ValueError):  # the process ended while we read it
            continue
    return total


class Run(NamedTuple):
    wall: float
    cpu: float
    tree_rss: int
    largest_rss: int
    stderr: str


def run_ingest(folder: Path, out: Path) -> Run:
    """Wall and CPU seconds, peak tree RSS and largest process RSS (bytes), and stderr of one ingest."""
    started = time.perf_counter()
    ingest = subprocess.Popen([sys.executable, "-m", "extractor", "ingest", str(folder), "--out", str(out)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], _tree_rss(ingest.pid))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stderr = ingest.stderr.read() if ingest.stderr else ""
    _, status, usage = os.wait4(ingest.pid, 0)
    wall = time.perf_counter() - started
    done.set()
    sampler.join()
    ingest.returncode = os.waitstatus_to_exitcode(status)
    if ingest.returncode:
        raise SystemExit(f"ingest failed ({ingest.returncode}):\n{stderr}")
    return Run(wall, usage.ru_utime + usage.ru_stime, peak[0], usage.ru_maxrss * 1024, stderr)


def dataset_counts(out: Path) -> dict[str, int]:
    with closing(sqlite3.connect(out / "whitepapers.sqlite")) as db:
        return {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in _TABLES}


def file_counts(out: Path) -> dict[str, int]:
    counts = dict.fromkeys(_TABLES, 0)
    for folder in out.iterdir():
        if folder.is_dir():
            counts["documents"] += 1
            for table in _TABLES[1:]:
                with (folder / f"{table}.jsonl").open("rb") as stream:
                    counts[table] += sum(1 for _ in stream)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,100,1000", help="batch sizes, comma-separated")
    parser.add_argument("--rerun", action="store_true", help="ingest the largest batch twice")
    arguments = parser.parse_args()
    sizes = sorted(int(s) for s in arguments.sizes.split(","))
    load = os.getloadavg()[0]
    print(f"{os.cpu_count()} cores; python {sys.version.split()[0]}; load average {load:.1f} at the start "
          "(a busy machine stretches wall time; CPU time is what the ingest itself spent)")
    with tempfile.TemporaryDirectory(prefix="ingest-scale-") as temporary:
        base = Path(temporary)
        papers = make_papers(base / "papers", sizes[-1])
        print(f"{len(papers)} papers written to {base / 'papers'}\n")
        print(f"{'papers':>7} {'wall s':>8} {'ms/paper':>9} {'CPU s':>7} {'CPU ms/paper':>13} {'tree MB':>8}"
              f" {'max proc MB':>12}  summary")
        for size in sizes:
            folder = base / f"batch-{size}"
            folder.mkdir()
            for paper in papers[:size]:
                os.link(paper, folder / paper.name)
            run = run_ingest(folder, base / f"out-{size}")
            lines = run.stderr.splitlines()
            header = next(i for i, line in enumerate(lines) if line.split()[:1] == ["documents"])
            summary = " ".join(f"{k}={v}" for k, v in zip(lines[header].split(), lines[header + 1].split()))
            print(f"{size:>7} {run.wall:>8.1f} {run.wall / size * 1000:>9.1f} {run.cpu:>7.1f}"
                  f" {run.cpu / size * 1000:>13.1f} {run.tree_rss / 2**20:>8.0f} {run.largest_rss / 2**20:>12.0f}"
                  f"  {summary}", flush=True)
        out = base / f"out-{sizes[-1]}"
        stored, written = dataset_counts(out), file_counts(out)
        print(f"\nrows in the dataset: {stored}\nrows in the JSONL files: {written}\nequal: {stored == written}")
        if arguments.rerun:
            run = run_ingest(base / f"batch-{sizes[-1]}", out)
            again = dataset_counts(out)
            print(f"rerun of {sizes[-1]}: {run.wall:.1f} s, {run.tree_rss / 2**20:.0f} MB, counts unchanged: {again == stored}")
    print(f"bench process max RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
