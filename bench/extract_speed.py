"""Extraction speed on the seed, run by hand: python bench/extract_speed.py [--runs 15]

Prints chars/s for process() warm (median of the runs after one warm-up), the time of the
first (cold) call, each stage's time, what align and check add to extraction, and the long-run
traps (100,000 "1,", a 100,000-digit number, 10^40, 1.2.3.4) under a generous guard. Targets:
>= 1M chars/s warm for both languages together on the 2-core machine (issue 4); align + check
<= 20% of extraction (issue 5).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _median(function, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--no-traps", action="store_true", help="skip the long-run traps")
    args = parser.parse_args()
    raw = (ROOT / "raw" / "shenzhen-ip-2013.txt").read_bytes()

    start = time.perf_counter()
    from extractor.align import align
    from extractor.check import check
    from extractor.claims import extract
    from extractor.pipeline import process
    from extractor.read import read
    from extractor.segment import segment

    result = process(raw, doc_id="bench")
    print(f"cold: import + first process() {time.perf_counter() - start:.3f} s")

    chars = len(result.document.text)
    clean = read(raw)
    stages = {
        "read": lambda: read(raw),
        "segment": lambda: segment(clean.text),
        "extract": lambda: extract(result.document),
        "align": lambda: align(result.document, result.claims),
        "check": lambda: check(result.document, result.claims, result.pairs, result.skipped),
        "process (all)": lambda: process(raw, doc_id="bench"),
    }
    seconds = {name: _median(function, args.runs) for name, function in stages.items()}
    for name, value in seconds.items():
        print(f"{name:14} {value * 1000:8.2f} ms   {chars / value / 1e6:6.2f} M chars/s")
    overhead = (seconds["align"] + seconds["check"]) / seconds["extract"]
    print(f"align + check add {overhead:.0%} to extraction (target <= 20%)")
    print(f"claims {len(result.claims)}, skipped {len(result.skipped)}, {chars} chars")

    if args.no_traps:
        return
    traps = {
        '100,000 x "1,"': "中文白皮书。\n\n" + "1," * 100_000 + "\n\nEnglish white paper. It had 1,000 cases.",
        "100,000 digits": "中文白皮书。\n\n" + "9" * 100_000 + "件\n\nEnglish white paper with " + "9" * 100_000 + " cases.",
        "10^40 and 1.2.3.4": "中文白皮书，专利10000000000000000000000000000000000000000件，版本1.2.3.4。\n\n"
                             "English paper: 10000000000000000000000000000000000000000 patents, version 1.2.3.4.",
    }
    for name, text in traps.items():
        start = time.perf_counter()
        process(text, doc_id="trap")
        taken = time.perf_counter() - start
        print(f"trap {name:20} {taken:.3f} s {'OK' if taken < 15 else 'TOO SLOW'}", flush=True)


if __name__ == "__main__":
    main()
