"""Batch ingest: parallel equals serial byte for byte, input order decides nothing but the order of the
messages, a killed run leaves every stored paper whole, the progress bar shows only on a terminal, and
the summary lists every failure."""

from __future__ import annotations

import fcntl
import os
import pty
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner

from extractor import process
from extractor.cli import main
from extractor.dataset import Dataset
from extractor.store import DATASET
from outputs import file_counts, files, rows

ROOT = Path(__file__).parent.parent
SEED = ROOT / "raw" / "shenzhen-ip-2013.txt"
DATA = ROOT / "tests" / "data"
COPIES = 24
"""Papers in the killed batch: enough that the kill lands mid-batch."""


@pytest.fixture(scope="module")
def clean_counts() -> dict[str, int]:
    """Rows of one copy of the seed, as a clean run stores them."""
    result = process(SEED.read_bytes(), doc_id="seed")
    return {"documents": 1, "sections": len(result.document.sections), "claims": len(result.claims),
            "skipped": len(result.skipped), "pairs": len(result.pairs), "discrepancies": len(result.discrepancies)}


def _copies(folder: Path, count: int) -> Path:
    folder.mkdir()
    for n in range(count):
        (folder / f"paper-{n:02d}.txt").write_bytes(SEED.read_bytes())
    return folder


def _ingest(*arguments: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["ingest", *arguments])
    return result.exit_code, result.stderr


def test_parallel_and_serial_write_the_same_bytes(tmp_path: Path) -> None:
    folder = _copies(tmp_path / "raw", 3)
    (folder / "paper-01a-empty.txt").write_bytes(b"")
    (folder / "paper-02a-binary.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00" * 8)
    (folder / "shenzhen-ip-2012.txt").write_bytes((DATA / "shenzhen-ip-2012-planted-rate.txt").read_bytes())
    outcomes = {}
    for workers in ("1", "2"):
        out = tmp_path / f"out-{workers}"
        code, stderr = _ingest(str(folder), "--out", str(out), "--workers", workers)
        outcomes[workers] = (code, [line for line in stderr.splitlines() if line.startswith("error:")],
                             files(out), rows(out / DATASET))
    assert outcomes["1"] == outcomes["2"]
    code, errors, written, _ = outcomes["2"]
    assert code == 2
    assert [line.split(": ")[1] for line in errors] == [str(folder / "paper-01a-empty.txt"),
                                                        str(folder / "paper-02a-binary.txt")]
    assert len({name.split("/")[0] for name in written if "/" in name}) == 4
    assert "index.html" in written


def test_any_order_of_arrival_gives_the_same_dataset(tmp_path: Path) -> None:
    previous = DATA / "shenzhen-ip-2012-planted-rate.txt"
    together, apart = tmp_path / "together", tmp_path / "apart"
    assert _ingest(str(previous), str(SEED), "--out", str(together))[0] == 0
    assert _ingest(str(SEED), "--out", str(apart))[0] == 0
    code, stderr = _ingest(str(previous), "--out", str(apart))
    assert code == 0
    assert "re-checked against this batch: shenzhen-ip-2013" in stderr
    assert files(together) == files(apart)
    assert rows(together / DATASET) == rows(apart / DATASET)
    again = tmp_path / "again"  # 2013 stored, then re-checked while a worker stages its copy of this batch
    assert _ingest(str(SEED), "--out", str(again))[0] == 0
    assert _ingest(str(previous), str(SEED), "--out", str(again), "--workers", "2")[0] == 0
    assert files(again) == files(together)
    assert rows(again / DATASET) == rows(together / DATASET)
    found = [line for line in (apart / "shenzhen-ip-2013" / "discrepancies.jsonl").read_text(encoding="utf-8")
             .splitlines() if '"cross_year"' in line]
    assert len(found) == 1


def test_the_summary_counts_the_batch_and_lists_every_failure(tmp_path: Path, clean_counts: dict[str, int]) -> None:
    missing = tmp_path / "missing.txt"
    code, stderr = _ingest(str(SEED), str(missing), "--out", str(tmp_path / "out"))
    assert code == 2
    lines = stderr.splitlines()
    header = lines.index(next(line for line in lines if line.split() and line.split()[0] == "documents"))
    counts = dict(zip(lines[header].split(), map(int, lines[header + 1].split())))
    assert counts == {"documents": 1, "claims": clean_counts["claims"], "pairs": clean_counts["pairs"],
                      "discrepancies": clean_counts["discrepancies"], "cross_year": 0, "failures": 1}
    assert f"  failed: {missing}: no such file or directory" in lines
    assert lines[-1] == "ingested 1 document(s), 1 failed"
    assert "\r" not in stderr, "no progress bar when stderr is not a terminal"


def test_the_progress_bar_shows_on_a_terminal(tmp_path: Path) -> None:
    folder = _copies(tmp_path / "raw", 2)
    leader, follower = pty.openpty()
    ingest = subprocess.Popen([sys.executable, "-m", "extractor", "ingest", str(folder), "--out", str(tmp_path / "out")],
                              stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=follower, cwd=ROOT)
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closed: the ingest has ended
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    assert ingest.wait(timeout=120) == 0
    assert b"/2 [" in shown and b"\r" in shown, shown


def _stored(db: Path) -> list[str]:
    try:
        with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)) as connection:
            return [r[0] for r in connection.execute("SELECT id FROM documents")]
    except sqlite3.Error:  # not created yet
        return []


def _wait_for_the_lock(db: Path) -> None:
    deadline = time.monotonic() + 30
    with db.open("rb") as handle:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                assert time.monotonic() < deadline, "a killed worker still holds the dataset"
                time.sleep(0.01)


def test_a_killed_ingest_leaves_every_stored_paper_whole(tmp_path: Path, clean_counts: dict[str, int]) -> None:
    folder = _copies(tmp_path / "raw", COPIES)
    out = tmp_path / "out"
    ingest = subprocess.Popen([sys.executable, "-m", "extractor", "ingest", str(folder), "--out", str(out)],
                              stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              cwd=ROOT, start_new_session=True)
    deadline = time.monotonic() + 300
    try:
        while not _stored(out / DATASET) and ingest.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        os.killpg(ingest.pid, signal.SIGKILL)  # the ingest and its workers, mid-batch
        ingest.wait()
    _wait_for_the_lock(out / DATASET)  # the killed workers may take a moment longer to exit
    assert ingest.returncode == -signal.SIGKILL, "the batch ended before the kill"
    stored = _stored(out / DATASET)
    assert 1 <= len(stored) < COPIES
    with Dataset(out / DATASET) as dataset:
        assert dataset.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        for doc_id in stored:
            assert dataset.counts(doc_id) == file_counts(out / doc_id) == clean_counts, doc_id

    code, stderr = _ingest(str(folder), "--out", str(out))
    assert code == 0, stderr
    with Dataset(out / DATASET, readonly=True) as dataset:
        assert len(_stored(out / DATASET)) == COPIES
        for doc_id in _stored(out / DATASET):
            assert dataset.counts(doc_id) == file_counts(out / doc_id) == clean_counts, doc_id
    assert sorted(p.name for p in out.iterdir()) == sorted([DATASET, "index.html",
                                                            *(f"paper-{n:02d}" for n in range(COPIES))])


def test_a_second_ingest_into_a_busy_dataset_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _ingest(str(SEED), "--out", str(out))[0] == 0
    with (out / DATASET).open("rb") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)  # as a running ingest holds it
        code, stderr = _ingest(str(SEED), "--out", str(out))
    assert code == 2
    assert stderr.splitlines() == [f"error: {out / DATASET}: another ingest is writing into this dataset"]
    assert _ingest(str(SEED), "--out", str(out))[0] == 0
