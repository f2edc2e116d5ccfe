"""The SQLite dataset and the exports: rows equal the files, reruns add nothing, records round-trip,
keys cascade, the pair view reads in one select, folders are swapped whole."""

from __future__ import annotations

import csv
import json
import os
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner

from extractor import process
from extractor.cli import main
from extractor.dataset import Dataset, DatasetError, rows_of
from extractor.store import DATASET, PAPER_FILES, dump, recover, staging
from outputs import file_counts, files, rows

ROOT = Path(__file__).parent.parent
SEED = ROOT / "raw" / "shenzhen-ip-2013.txt"
PREVIOUS = ROOT / "tests" / "data" / "shenzhen-ip-2012.txt"
def _ingest(out: Path, *paths: Path) -> None:
    result = CliRunner().invoke(main, ["ingest", *map(str, paths), "--out", str(out)])
    assert result.exit_code == 0, result.stderr


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("out")
    _ingest(folder, SEED, PREVIOUS)
    return folder


def test_rows_equal_the_files_of_every_paper(out: Path) -> None:
    with Dataset(out / DATASET, readonly=True) as dataset:
        papers = [r["id"] for r in dataset.rows("documents")]
        assert papers == ["shenzhen-ip-2012", "shenzhen-ip-2013"]
        for doc_id in papers:
            assert dataset.counts(doc_id) == file_counts(out / doc_id), doc_id


def test_a_second_ingest_changes_no_count_and_no_byte(out: Path, tmp_path: Path) -> None:
    before_files, before_rows = files(out), rows(out / DATASET)
    _ingest(out, SEED, PREVIOUS)
    assert files(out) == before_files
    assert rows(out / DATASET) == before_rows


def test_a_paper_round_trips_through_the_dataset(out: Path) -> None:
    expected = process(SEED.read_bytes(), doc_id="shenzhen-ip-2013", source=str(SEED))
    with Dataset(out / DATASET, readonly=True) as dataset:
        loaded = dataset.load("shenzhen-ip-2013")
    assert loaded._replace(discrepancies=[]) == expected._replace(discrepancies=[])
    assert loaded.discrepancies[:len(expected.discrepancies)] == expected.discrepancies


def test_values_keep_their_type_and_lists_are_json(out: Path) -> None:
    with closing(sqlite3.connect(out / DATASET)) as connection:
        typed = dict(connection.execute(
            "SELECT text, typeof(value) FROM claims WHERE doc_id = 'shenzhen-ip-2013' AND id IN ('zh-0001', 'zh-0006', 'zh-0007')"))
        lists = connection.execute("SELECT zh_claims FROM discrepancies WHERE doc_id = 'shenzhen-ip-2013' LIMIT 1").fetchone()
    assert typed == {"2013年": "text", "80,657件": "integer", "10.29%": "real"}
    assert isinstance(json.loads(lists[0]), list)


def test_numbers_beyond_64_bits_round_trip(tmp_path: Path) -> None:
    result = process(SEED.read_bytes(), doc_id="huge")
    huge = [c.model_copy(update={"value": 10**25, "value_max": -(10**20)}) if c.id == "zh-0006" else c
            for c in result.claims]
    result = result._replace(claims=huge)
    with Dataset(tmp_path / DATASET) as dataset:
        with dataset.transaction():
            dataset.insert(rows_of(dump(result), None))
        assert dataset.load("huge").claims == huge


def test_the_pair_view_reads_both_sides_in_one_select(out: Path) -> None:
    with closing(sqlite3.connect(out / DATASET)) as connection:
        connection.row_factory = sqlite3.Row
        row = connection.execute("SELECT * FROM pair_view WHERE doc_id = 'shenzhen-ip-2013' AND zh_text = '629.06万元'").fetchone()
    assert (row["en_text"], row["zh_value"], row["en_value"], row["zh_kind"], row["en_approx"], row["year"]) == (
        "up to RMB 6,290,600", 6290600, 6290600, "money", "<=", 2013)


def test_deleting_a_document_removes_all_its_rows(tmp_path: Path) -> None:
    with Dataset(tmp_path / DATASET) as dataset:
        with dataset.transaction():
            dataset.insert(rows_of(dump(process(SEED.read_bytes(), doc_id="seed")), None))
        with dataset.transaction():
            dataset.delete("seed")
        assert set(dataset.counts().values()) == {0}


def test_series_and_previous_year_are_linked(out: Path) -> None:
    with Dataset(out / DATASET, readonly=True) as dataset:
        assert dataset.link("shenzhen-ip-2013") == ("深圳市{year}年知识产权发展状况白皮书", 2013, "shenzhen-ip-2012")
        assert dataset.link("shenzhen-ip-2012") == ("深圳市{year}年知识产权发展状况白皮书", 2012, None)


@pytest.mark.parametrize("content,problem", [
    (b"not a database at all, just some text" * 100, "not a dataset"),
    ("schema", "another version"),
])
def test_an_unusable_dataset_is_one_line_and_exit_2(tmp_path: Path, content: bytes | str, problem: str) -> None:
    db = tmp_path / DATASET
    if content == "schema":
        with closing(sqlite3.connect(db)) as connection:
            connection.execute("CREATE TABLE claims (id TEXT)")
            connection.execute("PRAGMA user_version = 7")
    else:
        db.write_bytes(content)
    result = CliRunner().invoke(main, ["ingest", str(SEED), "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"error: {db}: {result.stderr.split(': ', 2)[2].rstrip()}"]
    assert problem in result.stderr and "Traceback" not in result.stderr


def test_a_doc_id_that_would_clash_with_the_dataset_is_refused(tmp_path: Path) -> None:
    paper = tmp_path / f"{DATASET}.txt"
    paper.write_bytes(SEED.read_bytes())
    result = CliRunner().invoke(main, ["ingest", str(paper), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert f"error: {paper}: doc-id {DATASET} would clash with the dataset file" in result.stderr


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_exports_hold_every_row_of_every_paper(out: Path, tmp_path: Path, fmt: str) -> None:
    result = CliRunner().invoke(main, ["export", "--format", fmt, "--db", str(out / DATASET), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    papers = ["shenzhen-ip-2012", "shenzhen-ip-2013"]
    for name in ("claims", "pairs", "discrepancies"):
        files = [(out / doc_id / f"{name}.jsonl").read_text(encoding="utf-8") for doc_id in papers]
        expected = sum(len(f.splitlines()) for f in files)
        if fmt == "jsonl":
            exported = (tmp_path / f"{name}.jsonl").read_text(encoding="utf-8")
            if name != "pairs":
                assert exported == "".join(files), name  # the records exactly as the paper files hold them
            assert len(exported.splitlines()) == expected
        else:
            raw = (tmp_path / f"{name}.csv").read_bytes()
            assert raw.startswith(b"\xef\xbb\xbf"), "utf-8-sig, so a spreadsheet shows the Chinese"
            rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
            assert len(rows) == expected, name
    if fmt == "csv":
        pairs = list(csv.DictReader((tmp_path / "pairs.csv").read_text(encoding="utf-8-sig").splitlines()))
        assert {"zh_text": "629.06万元", "en_text": "up to RMB 6,290,600", "en_value": "6290600"}.items() <= next(
            p for p in pairs if p["zh_text"] == "629.06万元").items()
        documents = list(csv.DictReader((tmp_path / "documents.csv").read_text(encoding="utf-8-sig").splitlines()))
        assert [(d["id"], d["previous_id"]) for d in documents] == [("shenzhen-ip-2012", ""),
                                                                     ("shenzhen-ip-2013", "shenzhen-ip-2012")]


def test_export_without_a_dataset_is_one_line_and_exit_2(tmp_path: Path) -> None:
    db = tmp_path / "missing.sqlite"
    result = CliRunner().invoke(main, ["export", "--format", "csv", "--db", str(db), "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"error: {db}: no such dataset: run ingest first"]
    assert not db.exists()


def test_a_readonly_open_never_creates_a_dataset(tmp_path: Path) -> None:
    with pytest.raises(DatasetError):
        Dataset(tmp_path / DATASET, readonly=True)
    assert not (tmp_path / DATASET).exists()


@pytest.mark.parametrize("left,kept", [
    ((".paper~new",), ()),  # killed while filling: the staging folder goes
    (("paper", ".paper~new"), ("paper",)),  # killed before the swap: the old folder stays
    ((".paper~old", ".paper~new"), ("paper",)),  # killed between the two renames: the old folder comes back
    (("paper", ".paper~old"), ("paper",)),  # killed after the swap: the old folder goes
])
def test_recover_leaves_one_whole_folder(tmp_path: Path, left: tuple[str, ...], kept: tuple[str, ...]) -> None:
    for name in left:
        (tmp_path / name).mkdir()
        (tmp_path / name / "claims.jsonl").write_text(name, encoding="utf-8")
    recover(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == list(kept)
    if kept and ".paper~old" in left and "paper" not in left:
        assert (tmp_path / "paper" / "claims.jsonl").read_text(encoding="utf-8") == ".paper~old"
    assert not staging(tmp_path / "paper").exists()


def test_a_paper_folder_holds_exactly_the_paper_files(out: Path) -> None:
    assert sorted(p.name for p in (out / "shenzhen-ip-2013").iterdir()) == sorted(PAPER_FILES)
    assert sorted(p.name for p in out.iterdir()) == ["index.html", "shenzhen-ip-2012", "shenzhen-ip-2013", DATASET]


def test_written_files_are_readable_as_any_other(out: Path) -> None:
    umask = os.umask(0o022)
    os.umask(umask)
    for path in [out / "shenzhen-ip-2013" / name for name in PAPER_FILES]:
        assert path.stat().st_mode & 0o777 == 0o666 & ~umask, path  # mkstemp alone would make them 0600


def test_every_paper_gets_its_report_and_the_index_lists_all_stored_papers(tmp_path: Path) -> None:
    """The index is of the dataset, not of the last batch: a later batch of one paper keeps the other listed."""
    from bs4 import BeautifulSoup

    _ingest(tmp_path, SEED, PREVIOUS)
    _ingest(tmp_path, SEED)
    for doc_id in ("shenzhen-ip-2012", "shenzhen-ip-2013"):
        report = (tmp_path / doc_id / "report.html").read_text(encoding="utf-8")
        assert doc_id in report and "<mark" in report
    index = BeautifulSoup((tmp_path / "index.html").read_text(encoding="utf-8"), "html.parser")
    links = sorted(a["href"] for a in index.find_all("a", href=True) if a["href"].endswith("report.html"))
    assert links == ["shenzhen-ip-2012/report.html", "shenzhen-ip-2013/report.html"]
    with Dataset(tmp_path / DATASET, readonly=True) as dataset:
        errors = {s.doc_id: s.errors for s in dataset.summaries()}
    assert errors["shenzhen-ip-2013"] >= 1 and set(errors) == {"shenzhen-ip-2012", "shenzhen-ip-2013"}


@pytest.mark.parametrize("order", ["previous first", "previous last"])
def test_a_report_shows_the_cross_year_findings_whatever_order_papers_arrive_in(tmp_path: Path, order: str) -> None:
    """A series paper's report is rendered after its cross-year check, once; it marks every discrepancy."""
    from bs4 import BeautifulSoup

    planted = tmp_path / "raw" / "shenzhen-ip-2012.txt"
    planted.parent.mkdir()
    planted.write_bytes((ROOT / "tests" / "data" / "shenzhen-ip-2012-planted-rate.txt").read_bytes())
    papers = [planted, SEED] if order == "previous first" else [SEED, planted]
    for paper in papers:
        _ingest(tmp_path / "out", paper)
    lines = (tmp_path / "out" / "shenzhen-ip-2013" / "discrepancies.jsonl").read_text(encoding="utf-8").splitlines()
    kinds = [json.loads(line)["kind"] for line in lines]
    assert "cross_year" in kinds
    report = BeautifulSoup((tmp_path / "out" / "shenzhen-ip-2013" / "report.html").read_text(encoding="utf-8"),
                           "html.parser")
    assert len(report.select('[id^="note-"]')) == len(kinds)
    assert all((tmp_path / "out" / doc_id / "report.html").is_file() for doc_id in ("shenzhen-ip-2012", "shenzhen-ip-2013"))
