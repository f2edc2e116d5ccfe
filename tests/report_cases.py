"""The papers the report tests render: the seed, and the seed with hostile markup planted in its text.

`tests/cases/report_hostile.jsonl` lists each planted string, the seed text it follows and where the
case comes from. Both the parse test (test_report.py) and the browser test (test_report_browser.py)
render the same hostile paper, so what one proves about escaping the other sees run in Chromium.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from extractor.pipeline import Result, process

ROOT = Path(__file__).resolve().parent.parent
SEED_PATH = ROOT / "raw" / "shenzhen-ip-2013.txt"
HOSTILE_PATH = ROOT / "tests" / "cases" / "report_hostile.jsonl"


def hostile_cases() -> list[dict[str, str]]:
    """Rows of report_hostile.jsonl: id, anchor, planted, source."""
    return [json.loads(line) for line in HOSTILE_PATH.read_text(encoding="utf-8").splitlines() if line.strip()]


@cache
def seed() -> Result:
    """The 2013 seed paper, processed once for the whole session."""
    return process(SEED_PATH.read_bytes(), doc_id="shenzhen-ip-2013", source=str(SEED_PATH.relative_to(ROOT)))


@cache
def hostile() -> Result:
    """The seed with every planted string of report_hostile.jsonl right after its anchor."""
    text = SEED_PATH.read_text(encoding="utf-8")
    for case in hostile_cases():
        at = text.index(case["anchor"]) + len(case["anchor"])
        text = text[:at] + case["planted"] + text[at:]
    return process(text, doc_id="hostile")
