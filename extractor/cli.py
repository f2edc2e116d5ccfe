"""python -m extractor ...: a thin command line over the library.

Bad input gives one line on stderr naming the file and the problem, and exit
code 2; in a batch the other files still go through.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from . import errors
from .errors import InputError

if TYPE_CHECKING:
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
              help="Folder to write output/<doc-id>/ into.")
def ingest(paths: tuple[Path, ...], out: Path) -> None:
    """Process papers (files, or folders of .txt/.html files) and write their records under OUT."""
    from .pipeline import process
    from .store import doc_id_for, write_json, write_jsonl

    failures = done = 0
    taken: dict[str, Path] = {}
    for path, problem in _papers(paths):
        doc_id = doc_id_for(path)
        if not problem and doc_id in taken:
            problem = f"doc-id {doc_id} is already taken by {taken[doc_id]} in this batch"
        if problem:
            failures += 1
            _report(path, problem)
            continue
        try:
            result = process(path.read_bytes(), doc_id=doc_id, source=str(path))
        except InputError as error:
            failures += 1
            _report(path, error.problem)
            continue
        except OSError as error:
            failures += 1
            _report(path, error.strerror or str(error))
            continue
        taken[doc_id] = path
        folder = out / result.document.id
        write_json(folder / "document.json", result.document)
        write_jsonl(folder / "claims.jsonl", result.claims)
        write_jsonl(folder / "skipped.jsonl", result.skipped)
        write_jsonl(folder / "pairs.jsonl", result.pairs)
        write_jsonl(folder / "discrepancies.jsonl", result.discrepancies)
        done += 1
    click.echo(f"ingested {done} document(s), {failures} failed", err=True)
    if failures:
        sys.exit(EXIT_INPUT)


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
