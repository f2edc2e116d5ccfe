"""The long fuzz run, by hand: python bench/fuzz.py [examples]   (default 100,000 per test)

Runs tests/test_fuzz.py (random text, random HTML, the seed with random edits, random bytes; every
result held to tests/invariants.py) under the `long` Hypothesis profile, with the example count given,
and prints pytest's summary with the time taken.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    examples = sys.argv[1] if len(sys.argv) > 1 else "100000"
    environment = dict(os.environ, HYPOTHESIS_PROFILE="long", FUZZ_EXAMPLES=examples)
    started = time.perf_counter()
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_fuzz.py"]
    done = subprocess.run(command, cwd=ROOT, env=environment)
    print(f"{examples} examples per fuzz test, {time.perf_counter() - started:.0f} s, exit {done.returncode}")
    sys.exit(done.returncode)


if __name__ == "__main__":
    main()
