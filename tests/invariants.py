"""What every result of `process()` must satisfy, whatever the input: shared by the fuzz and hostile-input tests.

`outcome(raw)` runs the pipeline twice and returns the result, or None for the documented input
error; `assert_sound(result)` checks the records. Digits and numerals are listed here, not taken
from the code under test, so that a numeral the extractor forgets is caught.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import regex

from extractor import InputError, process
from extractor.pipeline import Result
from extractor.records import Lang, Record

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"

NUMERALS = regex.compile(r"[0-9０-９〇零一二三四五六七八九十百千万亿两]")
"""DESIGN.md: claims plus skipped spans cover every digit and numeral of the text."""


@cache
def _validator(name: str) -> Any:
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def dump(result: Result) -> str:
    """Every record of a result as the JSON lines the writer would emit."""
    records: list[Record] = [result.document, *result.claims, *result.skipped, *result.pairs, *result.discrepancies]
    return "".join(json.dumps(r.model_dump(mode="json"), ensure_ascii=False) + "\n" for r in records)


def outcome(raw: str | bytes, doc_id: str = "fuzz") -> Result | None:
    """The result of `process(raw)`, None for an InputError; a second run must give the same bytes."""
    try:
        result = process(raw, doc_id=doc_id, source=f"raw/{doc_id}.txt")
    except InputError as error:
        assert "\n" not in str(error) and str(error).startswith(f"raw/{doc_id}.txt: "), str(error)
        return None
    assert dump(process(raw, doc_id=doc_id, source=f"raw/{doc_id}.txt")) == dump(result)
    return result


def assert_sound(result: Result) -> None:
    """Records validate and point at their text; spans never overlap and cover every numeral."""
    document = result.document
    text = document.text
    for name, records in (("document", [document]), ("claim", result.claims), ("skipped", result.skipped),
                          ("pair", result.pairs), ("discrepancy", result.discrepancies)):
        for record in records:
            assert type(record).model_validate_json(record.model_dump_json()) == record
            _validator(name).validate(record.model_dump(mode="json"))
    for section in document.sections:
        assert text[section.start : section.end].startswith(section.heading)
        assert all(section.start <= p.start < p.end <= section.end for p in section.paragraphs)
    spans = sorted([*result.claims, *result.skipped], key=lambda r: (r.start, r.end))
    for record in spans:
        assert text[record.start : record.end] == record.text, record
    for before, after in zip(spans, spans[1:]):
        assert before.end <= after.start, (before, after)
    covered = bytearray(len(text))
    for record in spans:
        covered[record.start : record.end] = b"\x01" * (record.end - record.start)
    lost = [(m.start(), text[max(0, m.start() - 10) : m.end() + 10]) for m in NUMERALS.finditer(text)
            if not covered[m.start()]]
    assert lost == []
    _assert_references(result)


def _assert_references(result: Result) -> None:
    """Pairs and discrepancies name claims that exist, in the right language; a Chinese claim pairs once."""
    langs = {c.id: c.lang for c in result.claims}
    assert len(langs) == len(result.claims)
    for pair in result.pairs:
        assert (langs.get(pair.zh), langs.get(pair.en)) == (Lang.zh, Lang.en), pair
    assert len({pair.zh for pair in result.pairs}) == len(result.pairs), "a Chinese claim paired twice"
    for discrepancy in result.discrepancies:
        assert all(langs.get(i) is Lang.zh for i in discrepancy.zh_claims), discrepancy
        assert all(langs.get(i) is Lang.en for i in discrepancy.en_claims), discrepancy
