"""Flat files of the whole dataset, for spreadsheets and scripts: `python -m extractor export`.

`documents` (an index of papers, without their text), `claims`, `pairs` (each joined to both its claims,
as `pair_view`) and `discrepancies`, across all papers, in doc-id then file order, streamed so the
dataset's size does not matter. JSONL rows are the records as the per-paper files hold them; CSV is
`utf-8-sig` (so a spreadsheet shows the Chinese), with lists as JSON text and null as an empty cell.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .dataset import BY_NAME, Dataset
from .store import EXPORT_FORMATS, atomic_writer

_DOCUMENT_TEXT = ("text", "chrome", "warnings")
"""Left out of the documents index: a paper's text is in its document.json."""
EXPORTS = ("documents", "claims", "pairs", "discrepancies")


def export(db: Path, out: Path, fmt: str) -> dict[Path, int]:
    """Write every export in `fmt` (csv or jsonl) into `out`; the rows written to each file."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    written = {}
    with Dataset(db, readonly=True) as dataset:
        for name in EXPORTS:
            columns, rows = _table(dataset, name)
            path = out / f"{name}.{fmt}"
            with atomic_writer(path, encoding="utf-8-sig" if fmt == "csv" else "utf-8") as stream:
                count = 0
                if fmt == "csv":
                    writer = csv.writer(stream, lineterminator="\n")
                    writer.writerow(columns)
                    for count, row in enumerate(rows, start=1):
                        writer.writerow(_cell(row[c]) for c in columns)
                else:
                    for count, row in enumerate(rows, start=1):
                        stream.write(json.dumps(row, ensure_ascii=False) + "\n")
            written[path] = count
    return written


def _table(dataset: Dataset, name: str) -> tuple[list[str], Iterator[dict[str, Any]]]:
    """An export's columns and its rows as JSON-ready dicts."""
    if name == "pairs":
        cursor = dataset.db.execute("SELECT * FROM pair_view ORDER BY doc_id, seq")
        names = [d[0] for d in cursor.description]
        columns = [n for n in names if n != "seq"]
        return columns, ({c: v for c, v in zip(names, row) if c != "seq"} for row in cursor)
    dropped = {"seq", *(_DOCUMENT_TEXT if name == "documents" else ())}
    columns = [c.name for c in BY_NAME[name].columns if c.name not in dropped]
    return columns, ({c: row[c] for c in columns} for row in dataset.rows(name))


def _cell(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value
