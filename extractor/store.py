"""Write a Result to `output/<doc-id>/`: the only stage besides the CLI that touches files."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

import regex

from .records import Record

_UNSAFE = regex.compile(r"[^A-Za-z0-9._-]")


def doc_id_for(path: str | os.PathLike[str]) -> str:
    """The file's name without its extension, with anything outside [A-Za-z0-9._-] replaced.

    No doc-id can name a folder outside `output/` ("..", "/", empty).
    """
    stem = _UNSAFE.sub("_", Path(path).stem)
    return stem if stem.strip(".") else f"doc{stem.replace('.', '_')}"


def dumps(record: Record, indent: int | None = None) -> str:
    """One record as JSON: field order as declared, Chinese kept readable."""
    return json.dumps(record.model_dump(mode="json"), ensure_ascii=False, indent=indent)


def write_json(path: Path, record: Record) -> None:
    """Write one record as a JSON file, atomically."""
    _write_atomic(path, dumps(record, indent=1) + "\n")


def write_jsonl(path: Path, records: Iterable[Record]) -> None:
    """Write records one a line, atomically."""
    _write_atomic(path, "".join(dumps(r) + "\n" for r in records))


def _write_atomic(path: Path, content: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(content)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
