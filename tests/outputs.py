"""What an ingest left in an output folder, to compare runs: the files, the dataset's rows, the counts."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

from extractor.dataset import TABLES
from extractor.store import DATASET

FILE_OF = {"sections": "document.json", "claims": "claims.jsonl", "skipped": "skipped.jsonl",
           "pairs": "pairs.jsonl", "discrepancies": "discrepancies.jsonl"}
"""Table -> the paper file that holds the same rows."""


def files(out: Path) -> dict[str, bytes]:
    """Every file under `out` but the dataset, by relative path."""
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()
            and p.name != DATASET}


def rows(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table's rows in key order."""
    with closing(sqlite3.connect(db)) as connection:
        return {t.name: connection.execute(f"SELECT * FROM {t.name} ORDER BY {', '.join(t.key)}").fetchall()
                for t in TABLES}


def file_counts(folder: Path) -> dict[str, int]:
    """Rows per table that a paper's folder holds (sections: those of document.json)."""
    counts = {"documents": 1,
              "sections": len(json.loads((folder / "document.json").read_text(encoding="utf-8"))["sections"])}
    for table, name in FILE_OF.items():
        if name.endswith(".jsonl"):
            counts[table] = len((folder / name).read_text(encoding="utf-8").splitlines())
    return counts
