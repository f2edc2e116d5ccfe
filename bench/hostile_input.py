"""Hostile inputs at full size, run by hand: python bench/hostile_input.py [--only NAME] [--timeout 300] [--memory-gb 6]

Each input runs in a child process under a memory limit (so a quadratic step fails with
MemoryError instead of starving the machine) and a timeout, and prints its size, the CPU seconds of
each stage (read, segment, extract, align, check) once warm, the total (wall and CPU) and the
child's peak memory (RSS, the warm-up on the seed included: about 170 MB). The load average comes
first: on the shared 2-core machine, wall time is only worth reading when it is low.
Target (issue 8): every input finishes within seconds, memory bounded, no RecursionError. The
inputs are built by tests/hostile.py, the same builders the suite uses at small sizes.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import hostile  # noqa: E402

INPUTS: dict[str, Callable[[], str]] = {
    "20,000 nested divs": lambda: hostile.nested(20_000),
    "20,000 unclosed spans": lambda: hostile.nested(20_000, "span", closed=False),
    "50 MB CMS page": lambda: hostile.bloated_page(50_000_000),
    "page of 100,000 numbers": lambda: hostile.numbers_page(25_000),
    '100,000-char run of "1,"': lambda: hostile.run_in_seed(50_000),
    "page of 200,000 numbers": lambda: hostile.numbers_page(50_000),
    '200,000-char run of "1,"': lambda: hostile.run_in_seed(100_000),
    "5 MB of paper text": lambda: hostile.long_paper(5_000_000),
    "20,000 unpaired first places": lambda: hostile.firsts_page(20_000),
    "20,000 closing totals in a sentence": lambda: hostile.closing_totals(20_000),
    "the seed": lambda: hostile.SEED.read_text(encoding="utf-8"),
}
"""The issue's sizes, then twice them. A page of numbers holds two a row in each language (the row's label,
第N项 / Item N, and its figure), so 25,000 rows make 100,000; the run of "1," goes into the first paragraph of
each part, 100,000 characters in each."""
STAGES = ("read", "segment", "extract", "align", "check")


def child(name: str, memory_gb: float) -> None:
    """Run one input through process() after a warm-up on the seed, timing each stage; print one JSON line."""
    limit = int(memory_gb * 2**30)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    from extractor import pipeline

    pipeline.process(hostile.SEED.read_bytes(), doc_id="warm-up")
    raw = INPUTS[name]()
    seconds: dict[str, float] = {}

    def timed(stage: str, function: Callable[..., object]) -> Callable[..., object]:
        def run(*args: object) -> object:
            start = time.process_time()
            try:
                return function(*args)
            finally:
                seconds[stage] = time.process_time() - start
        return run

    for stage in STAGES:
        setattr(pipeline, stage, timed(stage, getattr(pipeline, stage)))
    report: dict[str, object] = {"chars": len(raw), "seconds": seconds}
    start, cpu = time.perf_counter(), time.process_time()
    try:
        result = pipeline.process(raw, doc_id="hostile")
        report.update(claims=len(result.claims), pairs=len(result.pairs), text=len(result.document.text))
    except BaseException as error:  # noqa: BLE001 - the bench reports whatever stops the run
        report["error"] = f"{type(error).__name__}: {str(error)[:80]}"
    report["total"], report["cpu"] = time.perf_counter() - start, time.process_time() - cpu
    report["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(report))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=sorted(INPUTS), help="run one input")
    parser.add_argument("--timeout", type=float, default=300, help="seconds an input may take")
    parser.add_argument("--memory-gb", type=float, default=6, help="address space a child may use")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.memory_gb)
        return
    print("load average " + " ".join(f"{load:.2f}" for load in os.getloadavg()), flush=True)
    for name in [args.only] if args.only else INPUTS:
        command = [sys.executable, __file__, "--child", name, "--memory-gb", str(args.memory_gb)]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=args.timeout)
        except subprocess.TimeoutExpired:
            print(f"{name:28} TIMEOUT after {args.timeout:.0f} s", flush=True)
            continue
        lines = done.stdout.strip().splitlines()
        if done.returncode or not lines:
            print(f"{name:28} FAILED (exit {done.returncode}): {done.stderr.strip().splitlines()[-1:]}", flush=True)
            continue
        report = json.loads(lines[-1])
        stages = "  ".join(f"{s} {report['seconds'][s]:.2f}" for s in STAGES if s in report["seconds"])
        outcome = report.get("error") or f"{report['claims']} claims, {report['pairs']} pairs"
        print(f"{name:28} {report['chars'] / 1e6:6.2f} M chars  {report['total']:6.2f} s ({report['cpu']:6.2f} CPU)  "
              f"peak RSS {report['peak_mb']:5.0f} MB  "
              f"[{stages}]  {outcome}", flush=True)


if __name__ == "__main__":
    main()
