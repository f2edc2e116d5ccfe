"""Speed on the seed beside Microsoft Recognizers-Text, run by hand: python bench/speed.py [--runs 7]

In one run: warm `process()` (median of the runs after one warm-up) in chars/s with each stage's
share; Recognizers-Text's number, ordinal, percentage and currency models on the zh and en parts
of the same text (Culture.Chinese / Culture.English, models built before timing), and the ratio;
the cold command line `python -m extractor check <seed>` beside `python -c pass`; peak memory.
Targets on the 2-core machine (issue 7): ours >= 20x theirs; cold check <= 0.6 s.
Recognizers-Text comes with the bench extra: pip install -e ".[bench]".
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEED = ROOT / "raw" / "shenzhen-ip-2013.txt"
STAGES = ("read", "segment", "extract", "align", "check")
TARGET_RATIO = 20.0
TARGET_COLD_SECONDS = 0.6
CHECK_EXIT = 1  # the seed has an error-level discrepancy
LANGS = ("zh", "en")
# One phrase each model must find, so a model that silently finds nothing is caught before timing.
PROBES = {
    ("zh", "number"): "专利申请8万件", ("zh", "ordinal"): "居全国第二", ("zh", "percentage"): "增长10.29%",
    ("zh", "currency"): "贷款7.8亿元", ("en", "number"): "80,657 patents", ("en", "ordinal"): "the second",
    ("en", "percentage"): "up 10.29%", ("en", "currency"): "780 million yuan",
}


def _seconds(function: Callable[[], object]) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def _median(function: Callable[[], object], runs: int) -> float:
    """Median wall time of `runs` calls after one warm-up call."""
    function()
    return statistics.median(_seconds(function) for _ in range(runs))


def _peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


def _stage_medians(raw: bytes, runs: int) -> dict[str, float]:
    """Each stage's median time, measured inside `process` itself, whatever the stages' signatures."""
    from extractor import pipeline

    times: dict[str, list[float]] = {name: [] for name in STAGES}

    def timed(name: str, stage: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return stage(*args, **kwargs)
            finally:
                times[name].append(time.perf_counter() - start)
        return run

    with contextlib.ExitStack() as patches:
        for name in STAGES:
            patches.enter_context(mock.patch.object(pipeline, name, timed(name, getattr(pipeline, name))))
        for _ in range(runs):
            pipeline.process(raw, doc_id="bench")
    return {name: statistics.median(values) for name, values in times.items()}


def bench_ours(raw: bytes, runs: int) -> tuple[float, dict[str, str]]:
    """Print our warm speed and stage breakdown; return chars/s and each language's text."""
    from extractor import process

    result = process(raw, doc_id="bench")
    text = result.document.text
    total = _median(lambda: process(raw, doc_id="bench"), runs)
    print(f"ours   process() warm, median of {runs}: {total * 1000:.1f} ms, {len(text) / total / 1e6:.3f} M chars/s "
          f"({len(text)} chars; {len(result.claims)} claims, {len(result.pairs)} pairs, "
          f"{len(result.discrepancies)} discrepancies)")
    stages = _stage_medians(raw, runs)
    stages["other"] = max(total - sum(stages.values()), 0.0)
    for name, seconds in stages.items():
        print(f"  {name:8} {seconds * 1000:7.2f} ms  {seconds / total:4.0%}")
    parts = {}
    for lang in LANGS:
        sections = [s for s in result.document.sections if s.lang == lang]
        parts[lang] = text[min(s.start for s in sections):max(s.end for s in sections)]
    return len(text) / total, parts


def _models(lang: str) -> dict[str, Any]:
    from recognizers_number import NumberRecognizer
    from recognizers_number_with_unit import NumberWithUnitRecognizer
    from recognizers_text import Culture

    culture = {"zh": Culture.Chinese, "en": Culture.English}[lang]
    numbers = NumberRecognizer(culture)
    units = NumberWithUnitRecognizer(culture)
    return {"number": numbers.get_number_model(), "ordinal": numbers.get_ordinal_model(),
            "percentage": numbers.get_percentage_model(), "currency": units.get_currency_model()}


def bench_theirs(parts: dict[str, str], runs: int) -> float:
    """Print Recognizers-Text's time per model and language on the same text; return chars/s."""
    start = time.perf_counter()
    models = {(lang, name): model for lang in parts for name, model in _models(lang).items()}
    print(f"theirs Recognizers-Text 1.0.2a2, {len(models)} models built in {time.perf_counter() - start:.2f} s "
          "(not timed below)")
    for key, model in models.items():
        if not model.parse(PROBES[key]):
            raise SystemExit(f"error: Recognizers-Text {key[1]} model ({key[0]}) found nothing in {PROBES[key]!r}")
    found = {key: len(model.parse(parts[key[0]])) for key, model in models.items()}
    times: dict[tuple[str, str], list[float]] = {key: [] for key in models}
    for _ in range(runs):
        for key, model in models.items():
            times[key].append(_seconds(functools.partial(model.parse, parts[key[0]])))
    total = statistics.median(sum(run) for run in zip(*times.values()))
    chars = sum(len(part) for part in parts.values())
    print(f"theirs warm, median of {runs}: {total * 1000:.1f} ms, {chars / total / 1e6:.3f} M chars/s ({chars} chars)")
    for (lang, name), values in sorted(times.items(), key=lambda item: -statistics.median(item[1])):
        seconds = statistics.median(values)
        print(f"  {lang} {name:10} {seconds * 1000:7.1f} ms  {seconds / total:4.0%}  "
              f"{found[lang, name]:3} entities in {len(parts[lang])} chars")
    return chars / total


def _wall_median(command: list[str], runs: int, expected_exit: int) -> tuple[float, str]:
    """Median wall time of a fresh process; the last line it printed; any other exit code is fatal."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if done.returncode != expected_exit:
            tail = (done.stderr.strip().splitlines() or ["(no stderr)"])[-1]
            raise SystemExit(f"error: {' '.join(command)}: exit {done.returncode}, expected {expected_exit}: {tail}")
    return statistics.median(times), (done.stdout.strip().splitlines() or [""])[-1]


def bench_cold(runs: int) -> float:
    """Print the cold command line's wall time beside the interpreter's own floor; return its seconds."""
    floor, _ = _wall_median([sys.executable, "-c", "pass"], runs, 0)
    seconds, summary = _wall_median([sys.executable, "-m", "extractor", "check", str(SEED.relative_to(ROOT))],
                                    runs, CHECK_EXIT)
    print(f"cold   python -m extractor check, median of {runs}: {seconds:.3f} s "
          f"(python -c pass: {floor:.3f} s)  -> {summary}")
    return seconds


def _verdict(ok: bool) -> str:
    return "OK" if ok else "MISSED"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs after one warm-up (default 7)")
    parser.add_argument("--cli-runs", type=int, default=5, help="cold command-line runs (default 5)")
    parser.add_argument("--no-theirs", action="store_true", help="skip Recognizers-Text")
    parser.add_argument("--no-cold", action="store_true", help="skip the cold command line")
    args = parser.parse_args()
    if min(args.runs, args.cli_runs) < 1:
        parser.error("--runs and --cli-runs must be at least 1")

    ours, parts = bench_ours(SEED.read_bytes(), args.runs)
    print(f"peak memory after ours: {_peak_mb():.0f} MB")
    if not args.no_theirs:
        try:
            theirs = bench_theirs(parts, args.runs)
        except ImportError as error:
            raise SystemExit(f"error: {error}: install the bench extra (pip install -e '.[bench]') or pass --no-theirs")
        print(f"peak memory after theirs: {_peak_mb():.0f} MB")
        print(f"ratio ours / theirs: {ours / theirs:.1f}x (target >= {TARGET_RATIO:.0f}x) "
              f"{_verdict(ours / theirs >= TARGET_RATIO)}")
    if not args.no_cold:
        cold = bench_cold(args.cli_runs)
        print(f"peak memory of a cold run: {_peak_mb(resource.RUSAGE_CHILDREN):.0f} MB")
        print(f"cold check {cold:.3f} s (target <= {TARGET_COLD_SECONDS} s) {_verdict(cold <= TARGET_COLD_SECONDS)}")


if __name__ == "__main__":
    main()
