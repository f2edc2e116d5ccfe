"""Byte-identical output across processes: another hash seed must not change a byte.

tests/test_robustness.py ingests twice in one process, where the order of a set of strings
repeats by construction; here two fresh interpreters with different PYTHONHASHSEED values ingest
a partial paper built from the seed, and every file they write must match.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from test_partial_papers import build

ROOT = Path(__file__).resolve().parent.parent


def _ingest_twice(paper: Path, out: Path) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """Ingest `paper` under PYTHONHASHSEED 1 and 2, in two interpreters running side by side."""
    command = [sys.executable, "-m", "extractor", "ingest", str(paper), "--out"]
    runs = [subprocess.Popen([*command, str(out / seed)], env=dict(os.environ, PYTHONHASHSEED=seed), cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for seed in ("1", "2")]
    for run in runs:
        _, stderr = run.communicate()
        assert run.returncode == 0, stderr
    return tuple({str(p.relative_to(out / seed)): p.read_bytes() for p in sorted((out / seed).rglob("*")) if p.is_file()}
                 for seed in ("1", "2"))  # type: ignore[return-value]


def test_two_hash_seeds_write_the_same_bytes(tmp_path: Path) -> None:
    """The seed without its English chapter 2: warnings, pairs, missing figures and mismatches all written."""
    paper = tmp_path / "english-without-chapter-2.txt"
    paper.write_text(build("zh en-2").text, encoding="utf-8")
    first, second = _ingest_twice(paper, tmp_path)
    assert "english-without-chapter-2/document.json" in first
    assert list(first) == list(second)
    assert [name for name in first if first[name] != second[name]] == []
