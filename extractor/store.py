"""Write a Result to `output/<doc-id>/`: the only stage besides the CLI that touches files.

A paper's folder is filled beside it (`.<doc-id>~new`) and then swapped in by renames, so a killed run
leaves the old folder or the new one, never half of one; `recover` tidies what such a run left.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TextIO

from . import patterns
from .records import RECORD_LISTS, Document, Record

if TYPE_CHECKING:
    from .pipeline import Result

_UNSAFE = patterns.compile(r"[^A-Za-z0-9._-]")
_UMASK = os.umask(0o022)
os.umask(_UMASK)
_FILE_MODE = 0o666 & ~_UMASK
DATASET = "whitepapers.sqlite"
"""The dataset of every paper ingested into an output folder (see `dataset.py`)."""
EXPORT_FORMATS = ("csv", "jsonl")
"""What `python -m extractor export` writes (see `export.py`)."""
PAPER_FILES = ("document.json", "claims.jsonl", "skipped.jsonl", "pairs.jsonl", "discrepancies.jsonl", "report.html")
"""What `write_paper` writes into a paper's folder."""


def doc_id_for(path: str | os.PathLike[str]) -> str:
    """The file's name without its extension, with anything outside [A-Za-z0-9._-] replaced.

    No doc-id can name a folder outside `output/` ("..", "/", empty).
    """
    stem = _UNSAFE.sub("_", Path(path).stem)
    return stem if stem.strip(".") else f"doc{stem.replace('.', '_')}"


def dumps(record: Record, indent: int | None = None) -> str:
    """One record as JSON: field order as declared, Chinese kept readable."""
    return json.dumps(record.model_dump(mode="json"), ensure_ascii=False, indent=indent)


class Dumped(NamedTuple):
    """A paper's records as JSON values: dumped once for its files, its rows and the writer."""

    document: dict[str, Any]
    claims: list[dict[str, Any]]
    skipped: list[dict[str, Any]]
    pairs: list[dict[str, Any]]
    discrepancies: list[dict[str, Any]]


_ENCODE = json.JSONEncoder(ensure_ascii=False).encode
"""`dumps` of one JSON value (the same text, without its per-call set-up)."""


def dump(result: Result) -> Dumped:
    """The paper's records as JSON values, each list in one call."""
    return Dumped(result.document.model_dump(mode="json"),
                  *(adapter.dump_python(getattr(result, name), mode="json") for name, adapter in RECORD_LISTS.items()))


def undump(dumped: Dumped) -> Result:
    """The records again (enums are JSON strings there, so not strict)."""
    from .pipeline import Result

    return Result(Document.model_validate(dumped.document, strict=False),
                  *(adapter.validate_python(getattr(dumped, name), strict=False) for name, adapter in RECORD_LISTS.items()))


def write_json(path: Path, record: Record) -> None:
    """Write one record as a JSON file, atomically (pydantic's indented JSON is `dumps(record, indent=1)`)."""
    write_atomic(path, record.model_dump_json(indent=1) + "\n")


def write_jsonl(path: Path, records: Iterable[Record] | Iterable[dict[str, Any]]) -> None:
    """Write records (or their JSON values) one a line, atomically."""
    write_atomic(path, "".join(_ENCODE(r.model_dump(mode="json") if isinstance(r, Record) else r) + "\n"
                                for r in records))


def write_atomic(path: Path, content: str) -> None:
    """Replace `path` with `content` (see `atomic_writer`)."""
    with atomic_writer(path) as stream:
        stream.write(content)


@contextmanager
def atomic_writer(path: Path, encoding: str = "utf-8") -> Iterator[TextIO]:
    """A text stream whose content replaces `path` only once it is closed without error."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding=encoding, newline="\n") as stream:
            yield stream
        os.chmod(temporary, _FILE_MODE)  # mkstemp makes it private; an output file is as any other
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_paper(folder: Path, result: Result, dumped: Dumped | None = None, report: bool = True) -> None:
    """Every file of one paper's folder: the one place a per-paper output is added (one that shows
    discrepancies goes in `write_findings`). `dumped` is `dump(result)`, when the caller has it; `report`
    False leaves the report to whoever will know the paper's last discrepancies (`write_report_file`)."""
    dumped = dumped or dump(result)
    write_json(folder / "document.json", result.document)
    write_jsonl(folder / "claims.jsonl", dumped.claims)
    write_jsonl(folder / "skipped.jsonl", dumped.skipped)
    write_jsonl(folder / "pairs.jsonl", dumped.pairs)
    write_findings(folder, result, dumped, report)


def write_findings(folder: Path, result: Result, dumped: Dumped | None = None, report: bool = True) -> None:
    """The files that show a paper's discrepancies: written again alone when a cross-year check changes them
    (each replaced, never rewritten in place: `refill` may have linked it to the stored folder's file)."""
    write_jsonl(folder / "discrepancies.jsonl", dumped.discrepancies if dumped else result.discrepancies)
    if report:
        write_report_file(folder, result)


def write_report_file(folder: Path, result: Result) -> None:
    """The paper's report.html (see `report.py`), replaced atomically."""
    from .report import write_report

    write_report(folder, result)


STAGED = "~new"
"""Suffix of the folder a worker fills for a paper of the batch."""
REDONE = "~redo"
"""Suffix of the folder the writer fills for a stored paper whose findings changed."""
_ASIDE = "~old"


def staging(folder: Path, suffix: str = STAGED) -> Path:
    """Where a paper's next folder is filled before `swap_in` puts it in place."""
    return folder.with_name(f".{folder.name}{suffix}")


def fill(folder: Path, result: Result, suffix: str = STAGED, dumped: Dumped | None = None, report: bool = True) -> None:
    """A fresh staging folder for `folder`, with every file of the paper (the report unless `report` is False)."""
    new = staging(folder, suffix)
    shutil.rmtree(new, ignore_errors=True)
    new.mkdir(parents=True)
    write_paper(new, result, dumped, report)


def refill(folder: Path, result: Result, suffix: str) -> None:
    """The staging folder `suffix` of `folder` with the paper's findings written again; its other files are
    those already staged, else links to the folder's own (files are only ever replaced, never changed)."""
    new = staging(folder, suffix)
    if not new.exists():
        if not folder.is_dir():
            fill(folder, result, suffix)
            return
        new.mkdir(parents=True)
        for path in folder.iterdir():
            try:
                os.link(path, new / path.name)
            except OSError:  # a file system without hard links
                shutil.copyfile(path, new / path.name)
    write_findings(new, result)


def swap_in(folder: Path, suffix: str = STAGED) -> None:
    """Put a filled staging folder in place of `folder` (two renames; `recover` undoes a kill between them)."""
    old = staging(folder, _ASIDE)
    shutil.rmtree(old, ignore_errors=True)
    if folder.exists():
        os.rename(folder, old)
    os.rename(staging(folder, suffix), folder)
    shutil.rmtree(old, ignore_errors=True)


def recover(out: Path) -> None:
    """Undo what a killed run left in `out`: staging folders are dropped, a folder moved aside goes back."""
    if not out.is_dir():
        return
    for old in sorted(out.glob(f".*{_ASIDE}")):
        folder = out / old.name[1:-len(_ASIDE)]
        if folder.exists():
            shutil.rmtree(old)
        else:
            os.rename(old, folder)
    for suffix in (STAGED, REDONE):
        for new in sorted(out.glob(f".*{suffix}")):
            shutil.rmtree(new)
