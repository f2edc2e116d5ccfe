"""Mutation report, run by hand: python bench/mutation_report.py [--kind digit] [--lang en] [--all]

Runs every mutant of the seed (tests/mutations.py) through process() and prints the per-kind table
(mutants, caught, clean, caught as the expected discrepancy kind), then each mutant that was missed,
changed other parts of the report, or was caught only as another kind, with the discrepancies that
differ. For debugging align and check; the gate itself is tests/test_mutations.py.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from mutations import KINDS, explain, judge, mutants, seed, show, table  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kind", choices=KINDS, action="append", help="only these mutation kinds (repeatable)")
    parser.add_argument("--lang", choices=("zh", "en"), help="only mutants planted in this language")
    parser.add_argument("--all", action="store_true", help="list every mutant with what it brought")
    args = parser.parse_args()

    started = time.perf_counter()
    seed()
    chosen = [m for m in mutants() if (not args.kind or m.kind in args.kind) and (not args.lang or m.lang.value == args.lang)]
    verdicts = [judge(m) for m in chosen]
    seconds = time.perf_counter() - started
    print(table(verdicts))
    print(f"{len(verdicts)} mutants in {seconds:.1f} s ({seconds / max(1, len(verdicts)) * 1000:.0f} ms each, seed included)")

    sections = {
        "missed": [v for v in verdicts if not v.caught],
        "unclean": [v for v in verdicts if not v.clean],
        "caught, but not as the expected kind": [v for v in verdicts if v.caught and not v.as_expected],
    }
    for title, group in sections.items():
        print(f"\n{title}: {len(group)}")
        for v in group:
            print(explain(v))
            if v.caught:
                print(f"    new: {show(v.new)}")
    if args.all:
        print("\nevery mutant:")
        for v in verdicts:
            flags = f"{'caught' if v.caught else 'MISSED'} {'clean' if v.clean else 'UNCLEAN'}"
            print(f"{flags:16} {v.mutant.describe()}\n    new: {show(v.new)}")


if __name__ == "__main__":
    main()
