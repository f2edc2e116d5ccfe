"""The command line: ingest writes document.json; bad input is one line and exit 2, never a traceback."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from extractor.cli import main
from extractor.store import doc_id_for

ROOT = Path(__file__).parent.parent
SEED = ROOT / "raw" / "shenzhen-ip-2013.txt"


def _bad_files() -> list[dict[str, str]]:
    lines = [line for line in (ROOT / "tests/cases/bad_files.tsv").read_text(encoding="utf-8").splitlines()
             if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def _make(folder: Path, case: dict[str, str]) -> Path:
    path = folder / case["name"]
    if case["content_hex"] == "dir":
        path.mkdir()
    elif case["content_hex"] != "-":
        path.write_bytes(bytes.fromhex(case["content_hex"].replace(" ", "")))
    return path


@pytest.mark.parametrize("case", _bad_files(), ids=lambda c: c["name"])
def test_bad_file_is_one_line_and_exit_2(tmp_path: Path, case: dict[str, str]) -> None:
    path = _make(tmp_path, case)
    result = CliRunner().invoke(main, ["ingest", str(path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [f"error: {path}: {errors[0].split(': ', 2)[2]}"]
    assert case["problem"] in errors[0]
    assert "Traceback" not in result.stderr + result.stdout


def test_batch_processes_every_good_file_and_lists_every_failure(tmp_path: Path) -> None:
    folder = tmp_path / "raw"
    folder.mkdir()
    (folder / "good.txt").write_bytes(SEED.read_bytes())
    for case in _bad_files():
        if case["content_hex"] not in ("-", "dir"):
            _make(folder, case)
    result = CliRunner().invoke(main, ["ingest", str(folder), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert (tmp_path / "out" / "good" / "document.json").exists()
    failures = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    papers = [c for c in _bad_files() if c["content_hex"] not in ("-", "dir") and c["name"].endswith((".txt",))]
    assert len(failures) == len(papers)
    assert "ingested 1 document(s)" in result.stderr


def test_ingest_writes_the_document(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["ingest", str(SEED), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    document = json.loads((tmp_path / "shenzhen-ip-2013" / "document.json").read_text(encoding="utf-8"))
    assert document["id"] == "shenzhen-ip-2013"
    assert document["source"] == str(SEED)
    assert len(document["sha256"]) == 64
    assert "深圳" in json.dumps(document, ensure_ascii=False)
    for name, schema_name in (("claims.jsonl", "claim"), ("skipped.jsonl", "skipped")):
        schema = json.loads((ROOT / "schemas" / f"{schema_name}.schema.json").read_text(encoding="utf-8"))
        rows = [json.loads(line) for line in (tmp_path / "shenzhen-ip-2013" / name).read_text(encoding="utf-8").splitlines()]
        assert rows, name
        for row in rows:
            jsonschema.validate(row, schema)
    claims = (tmp_path / "shenzhen-ip-2013" / "claims.jsonl").read_text(encoding="utf-8")
    assert '"text": "629.06万元"' in claims and '"value": 6290600' in claims


def test_python_dash_m_runs_the_same_command(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "extractor", "ingest", str(tmp_path / "missing.txt")],
                          capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.splitlines()[0] == f"error: {tmp_path / 'missing.txt'}: no such file or directory"


@pytest.mark.parametrize("name,doc_id", [
    ("shenzhen-ip-2013.txt", "shenzhen-ip-2013"),
    ("深圳 2013.html", "___2013"),
    ("../../etc/passwd", "passwd"),
    ("...", "doc___"),
    ("a b/c:d.txt", "c_d"),
])
def test_doc_id_stays_inside_output(name: str, doc_id: str) -> None:
    assert doc_id_for(name) == doc_id


def test_every_command_has_help() -> None:
    for command in main.commands:
        result = CliRunner().invoke(main, [command, "--help"])
        assert result.exit_code == 0 and "Usage" in result.output


def test_two_papers_with_one_doc_id_never_overwrite_each_other(tmp_path: Path) -> None:
    html = ROOT / "tests" / "data" / "shenzhen-ip-2013.html"
    result = CliRunner().invoke(main, ["ingest", str(SEED), str(html), "--out", str(tmp_path)])
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [f"error: {html}: doc-id shenzhen-ip-2013 is already taken by {SEED} in this batch"]
    document = json.loads((tmp_path / "shenzhen-ip-2013" / "document.json").read_text(encoding="utf-8"))
    assert document["source"] == str(SEED)


def test_ingest_says_what_a_partial_translation_lacks(tmp_path: Path) -> None:
    """A paper's warnings (a chapter the English drops) reach the user, not only document.json."""
    paper = ROOT / "tests" / "cases" / "shapes" / "english_missing_chapter.txt"
    result = CliRunner().invoke(main, ["ingest", str(paper), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert warnings == [f"warning: {paper}: the two parts are numbered differently: only in Chinese ['3'], "
                        "only in English none"]
    seed = CliRunner().invoke(main, ["ingest", str(SEED), "--out", str(tmp_path / "out")])
    assert not [line for line in seed.stderr.splitlines() if line.startswith("warning:")]
