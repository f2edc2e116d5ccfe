"""Robustness: the same paper gives byte-identical files, no network is touched, full-width digits read alike.

The fuzz is tests/test_fuzz.py; hostile sizes are tests/test_hostile_input.py.
"""

from __future__ import annotations

import socket
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner

from extractor import process
from extractor.cli import main
from extractor.store import DATASET

SEED = Path(__file__).parent.parent / "raw" / "shenzhen-ip-2013.txt"


def test_two_ingests_write_byte_identical_files(tmp_path: Path) -> None:
    for run in ("a", "b"):
        result = CliRunner().invoke(main, ["ingest", str(SEED), "--out", str(tmp_path / run)])
        assert result.exit_code == 0, result.stderr
    first = sorted(p for p in (tmp_path / "a").rglob("*.*") if p.name != DATASET)
    assert [p.name for p in first] == ["index.html", "claims.jsonl", "discrepancies.jsonl", "document.json",
                                       "pairs.jsonl", "report.html", "skipped.jsonl"]
    for path in first:
        assert path.read_bytes() == (tmp_path / "b" / path.relative_to(tmp_path / "a")).read_bytes(), path.name
    dumps = []
    for run in ("a", "b"):
        with closing(sqlite3.connect(tmp_path / run / DATASET)) as dataset:
            dumps.append(list(dataset.iterdump()))
    assert dumps[0] == dumps[1]


def test_no_network_is_touched(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the tool opened a socket")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    result = process(SEED.read_bytes(), doc_id="offline")
    assert result.claims and result.pairs


def test_full_width_digits_throughout_give_the_same_figures() -> None:
    """A paper written with ０-９ states the same figures as the clean one (values, kinds, pairs, report)."""
    seed = SEED.read_text(encoding="utf-8")
    wide = seed.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    clean, widened = process(seed, doc_id="a"), process(wide, doc_id="a")

    def figures(result):  # type: ignore[no-untyped-def]
        return [(c.lang, c.section, c.kind, c.value, c.value_max, c.approx, c.change) for c in result.claims]

    assert figures(widened) == figures(clean)
    assert [(s.reason, s.section) for s in widened.skipped] == [(s.reason, s.section) for s in clean.skipped]
    assert [(p.zh, p.en) for p in widened.pairs] == [(p.zh, p.en) for p in clean.pairs]
    assert [(d.kind, d.severity, d.zh_claims, d.en_claims) for d in widened.discrepancies] == \
        [(d.kind, d.severity, d.zh_claims, d.en_claims) for d in clean.discrepancies]
    assert widened.document.year == clean.document.year == 2013
