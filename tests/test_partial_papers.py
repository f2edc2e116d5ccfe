"""Partial, doubled and one-language papers: a clear error, or warnings that say what is missing.

Each case of tests/cases/partial_papers.tsv builds a text from the seed's sections, keeping where
every paragraph came from, so that a pair can be checked against the seed: a Chinese figure may
only pair with an English figure of the same seed section.
"""

from __future__ import annotations

import csv
from bisect import bisect_right
from collections import Counter
from functools import cache
from pathlib import Path
from typing import NamedTuple

import pytest

from extractor import InputError, errors, process
from extractor.pipeline import Result
from extractor.records import DiscrepancyKind, Document, Lang
from extractor.segment import _written_number

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"
SEED = ROOT / "raw" / "shenzhen-ip-2013.txt"
_MISSING_IN = {Lang.zh: DiscrepancyKind.missing_in_zh, Lang.en: DiscrepancyKind.missing_in_en}


def _table(name: str) -> list[dict[str, str]]:
    lines = [line for line in (CASES / name).read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


class Built(NamedTuple):
    """A text made of seed paragraphs, and the seed section (lang, number) of each paragraph."""

    text: str
    starts: list[int]
    origins: list[tuple[Lang, str]]

    def origin(self, position: int) -> tuple[Lang, str]:
        """The seed section of the paragraph holding `position`."""
        return self.origins[bisect_right(self.starts, position) - 1]


@cache
def _seed() -> Document:
    return process(SEED.read_bytes(), doc_id="seed").document


def _chosen(number: str, spec: str, keep: bool) -> bool:
    listed = spec.split(",") if spec else []
    hit = any(number == n or number.startswith(f"{n}.") for n in listed)
    return hit if keep else not hit


def build(recipe: str) -> Built:
    """The text a `build` cell describes (see the table's header)."""
    seed = _seed()
    pieces: list[tuple[str, tuple[Lang, str]]] = []
    for step in recipe.split():
        keep = "+" in step
        lang_name, _, spec = step.replace("+", "-").partition("-")
        lang = Lang(lang_name)
        for section in seed.sections:
            if section.lang is lang and _chosen(section.number, spec, keep):
                pieces += [(seed.text[p.start : p.end], (lang, section.number)) for p in section.paragraphs]
    starts, position = [], 0
    for piece, _ in pieces:
        starts.append(position)
        position += len(piece) + 2
    return Built("\n\n".join(piece for piece, _ in pieces), starts, [origin for _, origin in pieces])


def _numbers(cell: str) -> set[str]:
    return set() if cell == "-" else set(cell.split(","))


CASE_ROWS = _table("partial_papers.tsv")
ERRORS = [row for row in CASE_ROWS if row["error"] != "-"]
RESULTS = [row for row in CASE_ROWS if row["error"] == "-"]


@pytest.mark.parametrize("case", ERRORS, ids=lambda c: c["id"])
def test_not_one_bilingual_paper_is_a_clear_error(case: dict[str, str]) -> None:
    with pytest.raises(InputError) as caught:
        process(build(case["build"]).text, doc_id=case["id"], source=f"raw/{case['id']}.txt")
    assert caught.value.problem == getattr(errors, case["error"])
    assert str(caught.value) == f"raw/{case['id']}.txt: {caught.value.problem}"


@pytest.fixture(scope="module")
def results() -> dict[str, tuple[Built, Result]]:
    return {row["id"]: (built := build(row["build"]), process(built.text, doc_id=row["id"])) for row in RESULTS}


@pytest.mark.parametrize("case", RESULTS, ids=lambda c: c["id"])
def test_warnings_name_every_missing_section(case: dict[str, str], results: dict[str, tuple[Built, Result]]) -> None:
    _, result = results[case["id"]]
    numbers = {lang: [s.number for s in result.document.sections if s.lang is lang] for lang in Lang}
    assert set(numbers[Lang.zh]) - set(numbers[Lang.en]) == _numbers(case["only_zh"])
    assert set(numbers[Lang.en]) - set(numbers[Lang.zh]) == _numbers(case["only_en"])
    said = " ".join(result.document.warnings)
    for number in _numbers(case["only_zh"]) | _numbers(case["only_en"]):
        assert f"'{number}'" in said, number
    if case["warning"] != "-":
        assert case["warning"] in said
    assert result.document.warnings or case["only_zh"] == case["only_en"] == "-"


@pytest.mark.parametrize("case", RESULTS, ids=lambda c: c["id"])
def test_pairs_never_cross_seed_sections(case: dict[str, str], results: dict[str, tuple[Built, Result]]) -> None:
    built, result = results[case["id"]]
    claims = {c.id: c for c in result.claims}
    crossed = []
    for pair in result.pairs:
        zh, en = claims[pair.zh], claims[pair.en]
        zh_origin, en_origin = built.origin(zh.start), built.origin(en.start)
        if zh_origin != (Lang.zh, en_origin[1]) or en_origin[0] is not Lang.en:
            crossed.append((zh.text, zh_origin, en.text, en_origin))
    assert crossed == []
    assert result.pairs


@pytest.mark.parametrize("case", RESULTS, ids=lambda c: c["id"])
def test_figures_of_a_missing_section_are_reported_missing(case: dict[str, str], results: dict[str, tuple[Built, Result]]) -> None:
    _, result = results[case["id"]]
    reported = Counter(i for d in result.discrepancies if d.kind in _MISSING_IN.values()
                       for i in d.zh_claims + d.en_claims)
    only = {Lang.zh: _numbers(case["only_zh"]), Lang.en: _numbers(case["only_en"])}
    lost = [c.id for c in result.claims if c.section in only[c.lang] and not reported[c.id]]
    assert lost == []


def test_builder_keeps_the_seed_whole() -> None:
    built = build("zh en")
    assert built.text == _seed().text
    assert built.origin(0) == (Lang.zh, "title")
    assert built.origin(len(built.text) - 1) == (Lang.en, "outro")


MARKERS = [("一、", 1), ("十二、", 12), ("二十三、", 23), ("（四）", 4), ("(十一)", 11), ("第三章", 3), ("第十部分", 10),
           ("I.", 1), ("IV.", 4), ("IX.", 9), ("XIV.", 14), ("Part I", 1), ("Chapter Three", 3), ("Part 2:", 2),
           ("１．", 1), ("12.", 12), ("Chapter", None), ("十十、", None), ("", None)]


@pytest.mark.parametrize("marker,number", MARKERS)
def test_number_a_heading_marker_writes(marker: str, number: int | None) -> None:
    assert _written_number(marker) == number


TYPOS = {
    "a chapter number skipped": ("三、知识产权保护水平不断提高", "四、知识产权保护水平不断提高"),
    "a chapter number written twice": ("IV. Enhancing", "III. Enhancing"),
    "a subsection number skipped": ("2. A Smooth Progress in Patent Pledge", "3. A Smooth Progress in Patent Pledge"),
}


@pytest.mark.parametrize("written,typo", TYPOS.values(), ids=TYPOS.keys())
def test_a_typo_in_one_heading_number_keeps_the_order(written: str, typo: str) -> None:
    """Parts with the same headings in the same order pair by order, whatever one marker says."""
    raw = SEED.read_text(encoding="utf-8")
    assert raw.count(written) == 1
    document = process(raw.replace(written, typo), doc_id="typo").document
    assert [(s.lang, s.number) for s in document.sections] == [(s.lang, s.number) for s in _seed().sections]
    assert document.warnings == []


def test_an_english_part_that_numbers_only_chapters_pairs_within_chapters() -> None:
    """The English keeps I.-V. but drops every "1." subsection heading: the Chinese (一)'s figures pair in
    their chapter (once they were all reported missing: 6 pairs and 332 discrepancies), never across one."""
    import regex

    text = SEED.read_text(encoding="utf-8")
    at = text.index("Intellectual Property Development")
    english = regex.sub(r"(?m)^(\s*)[0-9]\.\s+(?=[A-Z])", r"\1", text[at:])
    result = process(text[:at] + english, doc_id="chapters-only")
    seed = process(SEED.read_bytes(), doc_id="seed")
    assert {c.section for c in result.claims if c.lang is Lang.en} <= {"title", "intro", "1", "2", "3", "4", "5", "outro"}
    claims = {c.id: c for c in result.claims}
    chapter = lambda section: section.split(".")[0]  # noqa: E731
    assert all(chapter(claims[p.zh].section) == claims[p.en].section for p in result.pairs)
    assert len(result.pairs) >= len(seed.pairs) - 3
    assert len(result.discrepancies) <= len(seed.discrepancies)
