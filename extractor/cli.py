"""python -m extractor ...: a thin command line over the library.

Bad input gives one line on stderr naming the file and the problem, and exit
code 2; in a batch the other files still go through.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from . import errors
from .errors import InputError
from .store import DATASET, EXPORT_FORMATS, doc_id_for

if TYPE_CHECKING:
    from .batch import Job, Prepared, Summary
    from .pipeline import Result

EXIT_INPUT = 2
EXIT_ERRORS = 1
_PAPER_SUFFIXES = {".txt", ".text", ".htm", ".html", ".xhtml", ".shtml"}


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Extract every figure of bilingual white papers and cross-check the translation."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out", default="output", show_default=True, type=click.Path(path_type=Path),
              help="Folder to write output/<doc-id>/ and the dataset whitepapers.sqlite into.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Processes that read papers at once  [default: one a core]")
def ingest(paths: tuple[Path, ...], out: Path, workers: int | None) -> None:
    """Process papers (files, or folders of .txt/.html files) into OUT: one folder a paper and the dataset.

    Papers are read in parallel and stored in input order; re-ingesting a paper replaces it.
    """
    from tqdm import tqdm

    from .batch import ingest as ingest_jobs

    jobs = list(_jobs(paths, out))
    tqdm.monitor_interval = 0  # no monitor thread: the workers are forked
    size = shutil.get_terminal_size()  # a terminal that reports no size (0x0) still gets a bar
    bar = tqdm(total=len(jobs), unit="paper", file=sys.stderr, disable=not sys.stderr.isatty(), leave=False,
               ncols=size.columns, nrows=size.lines)

    def progress(papers: Iterable[Prepared]) -> Iterator[Prepared]:
        for paper in papers:
            for warning in paper.dumped.document.get("warnings", []) if paper.dumped else []:
                bar.write(f"warning: {paper.job.path}: {warning}", file=sys.stderr)
            yield paper
            bar.update()

    def on_failure(path: Path, problem: str) -> None:
        bar.write(f"error: {path}: {problem}", file=sys.stderr)

    try:
        with _failing_with_exit_2(out / DATASET, out):
            summary = ingest_jobs(jobs, out, workers, progress, on_failure)
    finally:
        bar.close()
    for line in _summary(summary):
        click.echo(line, err=True)
    if summary.failures:
        sys.exit(EXIT_INPUT)


def _summary(summary: Summary) -> list[str]:
    """The batch's counts as a table, what it re-checked, every failure, and the closing line."""
    rows = [("documents", "claims", "pairs", "discrepancies", "cross_year", "failures"),
            tuple(str(n) for n in (summary.documents, summary.claims, summary.pairs, summary.discrepancies,
                                   summary.cross_year, len(summary.failures)))]
    widths = [max(len(row[k]) for row in rows) for k in range(len(rows[0]))]
    lines = ["  ".join(cell.rjust(width) for cell, width in zip(row, widths)) for row in rows]
    if summary.rechecked:
        lines.append(f"re-checked against this batch: {', '.join(summary.rechecked)}")
    lines += [f"  failed: {path}: {problem}" for path, problem in summary.failures]
    lines.append(f"ingested {summary.documents} document(s), {len(summary.failures)} failed")
    return lines


@contextmanager
def _failing_with_exit_2(db: Path, out: Path) -> Iterator[None]:
    """A dataset or output folder that cannot be used: one line naming it, and exit code 2."""
    from .dataset import DatasetError

    try:
        yield
    except (DatasetError, sqlite3.Error) as error:
        _report(db, str(error))
        sys.exit(EXIT_INPUT)
    except OSError as error:
        _report(Path(error.filename or out), error.strerror or str(error))
        sys.exit(EXIT_INPUT)


def _jobs(paths: tuple[Path, ...], out: Path) -> Iterator[Job]:
    """Every paper of the batch with its doc-id, in input order; those that cannot go carry their problem."""
    from .batch import Job

    taken: dict[str, Path] = {}
    for path, problem in _papers(paths):
        doc_id = doc_id_for(path)
        if not problem and doc_id in taken:
            problem = f"doc-id {doc_id} is already taken by {taken[doc_id]} in this batch"
        elif not problem and doc_id.startswith(DATASET):
            problem = f"doc-id {doc_id} would clash with the dataset file {DATASET}"
        if not problem:
            taken[doc_id] = path
        yield Job(path, doc_id, out, problem)


@main.command()
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), required=True, help="File format to write.")
@click.option("--out", "out", default="output/export", show_default=True, type=click.Path(path_type=Path),
              help="Folder for the exported files.")
@click.option("--db", "db", default=f"output/{DATASET}", show_default=True, type=click.Path(path_type=Path),
              help="The dataset that ingest wrote.")
def export(fmt: str, out: Path, db: Path) -> None:
    """Write documents, claims, pairs (joined to both claims) and discrepancies of every paper as flat files."""
    from .export import export as export_dataset

    with _failing_with_exit_2(db, out):
        written = export_dataset(db, out, fmt)
    for path, count in written.items():
        click.echo(f"wrote {count} rows to {path}", err=True)


@main.command("check")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the discrepancies as JSON lines.")
def check_command(file: Path, as_json: bool) -> None:
    """Print the translation discrepancies of one paper; exit 1 when any is an error."""
    from .pipeline import process
    from .store import doc_id_for, dumps

    problem = next((p for _, p in _papers((file,)) if p), None) if not file.is_dir() else errors.NOT_A_FILE
    if problem:
        _report(file, problem)
        sys.exit(EXIT_INPUT)
    try:
        result = process(file.read_bytes(), doc_id=doc_id_for(file), source=str(file))
    except InputError as error:
        _report(file, error.problem)
        sys.exit(EXIT_INPUT)
    if as_json:
        for discrepancy in result.discrepancies:
            click.echo(dumps(discrepancy))
    else:
        click.echo(_table(result))
    if any(d.severity.value == "error" for d in result.discrepancies):
        sys.exit(EXIT_ERRORS)


def _table(result: Result) -> str:
    """The discrepancies as aligned columns: section, severity, kind, zh, en, message."""
    texts = {c.id: c.text for c in result.claims}
    rows = [("section", "severity", "kind", "zh", "en", "message")]
    for d in result.discrepancies:
        rows.append((d.section or "", d.severity.value, d.kind.value, " / ".join(texts[i] for i in d.zh_claims),
                     " / ".join(texts[i] for i in d.en_claims), d.message))
    widths = [max(_width(row[k]) for row in rows) for k in range(5)]
    lines = ["  ".join(_pad(row[k], widths[k]) for k in range(5)) + "  " + row[5] for row in rows]
    errors_count = sum(d.severity.value == "error" for d in result.discrepancies)
    lines.append(f"{len(result.discrepancies)} discrepancies, {errors_count} errors "
                 f"({len(result.claims)} claims, {len(result.pairs)} pairs)")
    return "\n".join(lines)


def _width(text: str) -> int:
    """Display width: CJK characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


@main.command()
@click.option("--out", "out", default="schemas", show_default=True, type=click.Path(path_type=Path),
              help="Folder for the <record>.schema.json files.")
def schema(out: Path) -> None:
    """Write the JSON Schema of every record, generated from the models."""
    from .records import ALL_RECORDS

    out.mkdir(parents=True, exist_ok=True)
    for name, text in schema_texts(ALL_RECORDS).items():
        (out / f"{name}.schema.json").write_text(text, encoding="utf-8")
    click.echo(f"wrote {len(ALL_RECORDS)} schemas to {out}", err=True)


def schema_texts(models: dict[str, type]) -> dict[str, str]:
    """Each model's serialization schema, keys sorted, Chinese kept, so diffs are stable."""
    return {
        name: json.dumps(model.model_json_schema(mode="serialization"), ensure_ascii=False, indent=2, sort_keys=True)
        + "\n"
        for name, model in models.items()
    }


def _papers(paths: tuple[Path, ...]) -> Iterator[tuple[Path, str | None]]:
    """Each file to process, or a path with the problem that stops it."""
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in _PAPER_SUFFIXES
                           and not p.name.startswith("."))
            if not found:
                yield path, errors.NO_PAPERS
            for paper in found:
                yield paper, None
        elif path.is_file():
            yield path, None
        elif path.exists():
            yield path, errors.NOT_A_FILE
        else:
            yield path, errors.NO_SUCH_FILE


def _report(path: Path, problem: str) -> None:
    click.echo(f"error: {path}: {problem}", err=True)
