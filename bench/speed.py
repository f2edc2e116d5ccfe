"""Speed on the seed beside Microsoft Recognizers-Text, run by hand: python bench/speed.py [--runs 7]

In one run: warm `process()` in chars/s with each stage's share; Recognizers-Text's number, ordinal,
percentage and currency models on the zh and en parts of the same text (Culture.Chinese and
Culture.English, models built before timing) and the ratio ours / theirs; the cold command line
`python -m extractor check <seed>` beside `python -c pass`; peak memory. Warm figures are medians
of CPU time over the runs after one warm-up, ours and theirs taking turns so both see the same
load on a shared machine; the cold figures are wall clock, with the children's CPU time beside.
Targets on the 2-core machine (issue 7): ours >= 20x theirs; cold check <= 0.6 s.
Recognizers-Text comes with the bench extra: pip install -e ".[bench]".
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

if TYPE_CHECKING:
    from extractor import Document, Result

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

Key = tuple[str, str]  # (language, model)
CLOCK = time.process_time  # warm figures in CPU time: on a shared machine wall time counts the neighbours' work too


def _seconds(function: Callable[[], object]) -> float:
    start = CLOCK()
    function()
    return CLOCK() - start


def _peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


@contextlib.contextmanager
def _stage_clock() -> Iterator[tuple[Callable[..., Result], dict[str, list[float]]]]:
    """`process` with every call of it, and of each stage inside it, adding its time to a list.

    The stages are timed where `process` calls them, so this works whatever their signatures.
    """
    from extractor import pipeline

    missing = [name for name in STAGES if not callable(getattr(pipeline, name, None))]
    if missing:
        raise SystemExit(f"error: extractor.pipeline no longer calls its stages by these names: {missing}")
    times: dict[str, list[float]] = {name: [] for name in ("process", *STAGES)}

    def timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            start = CLOCK()
            try:
                return function(*args, **kwargs)
            finally:
                times[name].append(CLOCK() - start)
        return run

    with contextlib.ExitStack() as patches:
        for name in STAGES:
            patches.enter_context(mock.patch.object(pipeline, name, timed(name, getattr(pipeline, name))))
        yield timed("process", pipeline.process), times


def _parts(document: Document) -> dict[str, str]:
    """The text of each language: from its first section's start to its last section's end."""
    parts = {}
    for lang in LANGS:
        sections = [s for s in document.sections if s.lang == lang]
        parts[lang] = document.text[min(s.start for s in sections):max(s.end for s in sections)]
    return parts


def _recognizers(parts: dict[str, str]) -> dict[Key, Callable[[], list[Any]]]:
    """Each Recognizers-Text model built for its culture, bound to its language's text; each must find its probe."""
    try:
        from recognizers_number import NumberRecognizer
        from recognizers_number_with_unit import NumberWithUnitRecognizer
        from recognizers_text import Culture
    except ImportError as error:
        raise SystemExit(f"error: {error}: install the bench extra (pip install -e '.[bench]') or pass --no-theirs")
    start = time.perf_counter()
    parses = {}
    for lang, culture in (("zh", Culture.Chinese), ("en", Culture.English)):
        numbers, units = NumberRecognizer(culture), NumberWithUnitRecognizer(culture)
        models = {"number": numbers.get_number_model(), "ordinal": numbers.get_ordinal_model(),
                  "percentage": numbers.get_percentage_model(), "currency": units.get_currency_model()}
        for name, model in models.items():
            if not model.parse(PROBES[lang, name]):
                raise SystemExit(f"error: Recognizers-Text {name} model ({lang}) found nothing in "
                                 f"{PROBES[lang, name]!r}")
            parses[lang, name] = functools.partial(model.parse, parts[lang])
    print(f"theirs Recognizers-Text 1.0.2a2: {len(parses)} models built in {time.perf_counter() - start:.2f} s "
          "(not timed)")
    return parses


def bench_warm(runs: int, with_theirs: bool) -> float | None:
    """Print the warm figures of ours and, when asked, theirs; return the ratio ours / theirs."""
    raw = SEED.read_bytes()
    with _stage_clock() as (process, ours):
        result = process(raw, doc_id="bench")
        print(f"peak memory, ours warmed up: {_peak_mb():.0f} MB")
        parts = _parts(result.document)
        parses = _recognizers(parts) if with_theirs else {}
        found = {key: len(parse()) for key, parse in parses.items()}
        theirs: dict[Key, list[float]] = {key: [] for key in parses}
        for values in ours.values():
            values.clear()
        for _ in range(runs):
            process(raw, doc_id="bench")
            for key, parse in parses.items():
                theirs[key].append(_seconds(parse))
    text = result.document.text
    ours_speed = _report_ours(result, {name: statistics.median(values) for name, values in ours.items()}, runs)
    if not parses:
        return None
    total = statistics.median(sum(run) for run in zip(*theirs.values()))
    chars = sum(len(part) for part in parts.values())
    print(f"theirs warm, median of {runs}: {total * 1000:.1f} ms CPU, {chars / total / 1e6:.3f} M chars/s ({chars} of "
          f"{len(text)} chars)")
    for (lang, name), values in sorted(theirs.items(), key=lambda item: -statistics.median(item[1])):
        taken = statistics.median(values)
        print(f"  {lang} {name:10} {taken * 1000:7.1f} ms  {taken / total:4.0%}  "
              f"{found[lang, name]:3} entities in {len(parts[lang])} chars")
    print(f"peak memory, with Recognizers-Text: {_peak_mb():.0f} MB")
    return ours_speed / (chars / total)


def _report_ours(result: Result, seconds: dict[str, float], runs: int) -> float:
    """Print our warm speed, what it found and each stage's share; return chars/s."""
    chars = len(result.document.text)
    total = seconds.pop("process")
    print(f"ours   process() warm, median of {runs}: {total * 1000:.1f} ms CPU, {chars / total / 1e6:.3f} M chars/s "
          f"({chars} chars; {len(result.claims)} claims, {len(result.pairs)} pairs, "
          f"{len(result.discrepancies)} discrepancies)")
    seconds["other"] = max(total - sum(seconds.values()), 0.0)
    for name, taken in seconds.items():
        print(f"  {name:8} {taken * 1000:7.2f} ms  {taken / total:4.0%}")
    return chars / total


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _wall_median(command: list[str], runs: int, expected_exit: int) -> tuple[float, float, str]:
    """Median wall and CPU time of a fresh process, and the last line it printed.

    Another exit code, or anything on stderr, is fatal.
    """
    walls, cpus = [], []
    for _ in range(runs):
        start, cpu = time.perf_counter(), _children_cpu()
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
        walls.append(time.perf_counter() - start)
        cpus.append(_children_cpu() - cpu)
        if done.returncode != expected_exit or done.stderr.strip():  # a traceback exits 1 too
            tail = (done.stderr.strip().splitlines() or ["(no stderr)"])[-1]
            raise SystemExit(f"error: {' '.join(command)}: exit {done.returncode}, expected {expected_exit} "
                             f"and a quiet stderr: {tail}")
    return statistics.median(walls), statistics.median(cpus), (done.stdout.strip().splitlines() or [""])[-1]


def bench_cold(runs: int) -> float:
    """Print the cold command line's wall and CPU time beside the interpreter's own floor; return its wall seconds."""
    floor, floor_cpu, _ = _wall_median([sys.executable, "-c", "pass"], runs, 0)
    seconds, cpu, summary = _wall_median([sys.executable, "-m", "extractor", "check", str(SEED.relative_to(ROOT))],
                                         runs, CHECK_EXIT)
    print(f"cold   python -m extractor check, median of {runs}: {seconds:.3f} s wall, {cpu:.3f} s CPU "
          f"(python -c pass: {floor:.3f} s wall, {floor_cpu:.3f} s CPU) -> {summary}")
    print(f"peak memory of a cold run: {_peak_mb(resource.RUSAGE_CHILDREN):.0f} MB")
    return seconds


def _verdict(ok: bool) -> str:
    return "OK" if ok else "MISSED"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="warm runs after one warm-up (default 7)")
    parser.add_argument("--cli-runs", type=int, default=5, help="cold command-line runs (default 5)")
    parser.add_argument("--no-theirs", action="store_true", help="skip Recognizers-Text")
    parser.add_argument("--no-cold", action="store_true", help="skip the cold command line")
    args = parser.parse_args()
    if min(args.runs, args.cli_runs) < 1:
        parser.error("--runs and --cli-runs must be at least 1")

    load = os.getloadavg()[0]
    busy = ": busy, wall-clock figures run slow" if load >= 1 else ""
    print(f"load average {load:.1f} on {os.cpu_count()} cores{busy}")
    # Cold first: a child's peak RSS counts the parent it was spawned from, so the parent must still be small.
    cold = None if args.no_cold else bench_cold(args.cli_runs)
    ratio = bench_warm(args.runs, with_theirs=not args.no_theirs)
    if ratio is not None:
        print(f"ratio ours / theirs: {ratio:.1f}x (target >= {TARGET_RATIO:.0f}x) {_verdict(ratio >= TARGET_RATIO)}")
    if cold is not None:
        print(f"cold check: {cold:.3f} s wall (target <= {TARGET_COLD_SECONDS} s) "
              f"{_verdict(cold <= TARGET_COLD_SECONDS)}")


if __name__ == "__main__":
    main()
