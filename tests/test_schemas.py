"""The checked-in JSON Schemas are exactly what the models generate."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.cli import schema_texts
from extractor.records import ALL_RECORDS

SCHEMAS = Path(__file__).parent.parent / "schemas"


@pytest.mark.parametrize("name,text", schema_texts(ALL_RECORDS).items())
def test_checked_in_schema_matches_the_model(name: str, text: str) -> None:
    path = SCHEMAS / f"{name}.schema.json"
    assert path.exists(), f"{path} is missing: run python -m extractor schema"
    assert path.read_text(encoding="utf-8") == text, f"{path} is stale: run python -m extractor schema"


def test_no_stray_schema_files() -> None:
    assert {p.name for p in SCHEMAS.glob("*.schema.json")} == {f"{n}.schema.json" for n in ALL_RECORDS}
