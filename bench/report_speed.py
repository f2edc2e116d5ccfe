"""Report speed, run by hand: python bench/report_speed.py [--runs 50]

Prints the median CPU time of render_report and write_report on the seed (343 figures, 11
discrepancies, 25,000 characters), the same per 1,000 figures, what a 1,000-paper batch of
seed-sized papers spends on reports, next to what process() takes for the same paper, and
render_index for 1,000 papers. Target (issue 6): a few ms a paper, small beside process().
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import timeit
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _median(function: Callable[[], object], runs: int) -> float:
    """Median CPU seconds of one call: the machine is shared, and wall time counts the neighbours' work too."""
    return statistics.median(timeit.repeat(function, number=1, repeat=runs, timer=time.process_time))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    from extractor.pipeline import process
    from extractor.report import render_index, render_report, summarise, write_report

    raw = (ROOT / "raw" / "shenzhen-ip-2013.txt").read_bytes()
    result = process(raw, doc_id="shenzhen-ip-2013")
    start = time.perf_counter()
    html = render_report(result)
    cold = time.perf_counter() - start
    render = _median(lambda: render_report(result), args.runs)
    with tempfile.TemporaryDirectory() as folder:
        write = _median(lambda: write_report(Path(folder) / "seed", result), args.runs)
    pipeline = _median(lambda: process(raw, doc_id="shenzhen-ip-2013"), max(3, args.runs // 10))
    papers = [summarise(result)._replace(doc_id=f"paper-{n:04d}") for n in range(1000)]
    index = _median(lambda: render_index(papers), max(3, args.runs // 10))

    figures = len(result.claims)
    print(f"seed: {figures} figures, {len(result.discrepancies)} discrepancies, {len(html):,} bytes of HTML")
    print(f"render_report  first call {cold * 1000:7.1f} ms (templates compiled)")
    print(f"render_report  warm       {render * 1000:7.2f} ms   ({render * 1000 * 1000 / figures:.2f} ms / 1,000 figures)")
    print(f"write_report   warm       {write * 1000:7.2f} ms")
    print(f"process()                 {pipeline * 1000:7.1f} ms   (the report adds {write / pipeline:.1%})")
    print(f"1,000 seed-sized papers:  {write * 1000:7.1f} s of reports")
    print(f"render_index 1,000 papers {index * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
