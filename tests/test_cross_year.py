"""Cross-year checks: series keys, referent matching, the rate and cumulative checks case by case, and the
2013 seed against a 2012 paper built from its rates (tests/data/make_previous_year.py), consistent or
with one planted inconsistency."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

from extractor import process
from extractor.cross_year import cross_year, places, referent_key, series_key
from extractor.pipeline import Result
from extractor.records import Approx, Change, Claim, ClaimKind, Discrepancy, DiscrepancyKind, Document, Lang, Severity

ROOT = Path(__file__).parent.parent
CASES = ROOT / "tests" / "cases"
DATA = ROOT / "tests" / "data"
SEED = ROOT / "raw" / "shenzhen-ip-2013.txt"


def _table(name: str) -> list[dict[str, str]]:
    lines = [line for line in (CASES / name).read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def _document(doc_id: str, title: str, year: int | None) -> Document:
    return Document(id=doc_id, source=doc_id, sha256="", encoding="utf-8", title_zh=title, title_en="",
                    year=year, text="", sections=[])


@pytest.mark.parametrize("case", _table("series_keys.tsv"), ids=lambda c: c["title_zh"])
def test_series_key(case: dict[str, str]) -> None:
    year = int(case["year"]) if case["year"] else None
    assert series_key(_document("d", case["title_zh"], year)) == (case["series"] or None)


@pytest.mark.parametrize("title,expected", [
    ("深圳市2013年知识产权发展状况白皮书", ("深圳市", "深圳")),
    ("2013年广东省知识产权白皮书", ("广东省", "广东")),
    ("内蒙古自治区2013年知识产权白皮书", ("内蒙古自治区", "内蒙古")),
    ("知识产权白皮书", ()),
])
def test_places_of_a_title(title: str, expected: tuple[str, ...]) -> None:
    assert places(title) == expected


@pytest.mark.parametrize("referent,key", [
    ("深圳国内专利申请量", "国内专利申请量"),
    ("深圳市累计专利申请", "累计专利申请"),
    ("全市国内专利申请量", "国内专利申请量"),
    ("我市 国内专利申请量", "国内专利申请量"),
    ("深圳市全市投保专利", "投保专利"),
    ("深圳", "深圳"),  # nothing would be left: the place is the referent
    (None, None),
])
def test_referent_key_drops_the_place(referent: str | None, key: str | None) -> None:
    assert referent_key(referent, ("深圳市", "深圳")) == key


def _claims(doc_id: str, specs: list[str]) -> list[Claim]:
    """Chinese claims of one sentence from `text|kind|value|unit|referent|change|approx` specs."""
    claims = []
    for n, spec in enumerate(specs, start=1):
        text, kind, value, unit, referent, *rest = spec.split("|") + [""] * 2
        number: Any = float(value) if "." in value else int(value)
        claims.append(Claim(id=f"zh-{n:04d}", doc_id=doc_id, lang=Lang.zh, section="1", paragraph=0, sentence=0,
                            start=0, end=len(text), text=text, kind=ClaimKind(kind), value=number, unit=unit or None,
                            approx=Approx(rest[1]) if rest[1] else None, change=Change(rest[0]) if rest[0] else None,
                            referent=referent or None))
    return claims


def _paper(doc_id: str, year: int, specs: list[str]) -> Result:
    document = _document(doc_id, f"深圳市{year}年知识产权发展状况白皮书", year)
    return Result(document, _claims(doc_id, specs), [], [], [])


def _cases() -> list[dict[str, Any]]:
    return [json.loads(line) for line in (CASES / "cross_year_checks.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("case", _cases(), ids=lambda c: c["case"])
def test_cross_year_check(case: dict[str, Any]) -> None:
    now, before = _paper("now", 2013, case["now"]), _paper("before", 2012, case["before"])
    found = cross_year(now, before)
    assert [d.zh_claims for d in found] == [[now.claims[i].id for i in ids] for ids in case["found"]]
    for discrepancy in found:
        assert discrepancy.kind is DiscrepancyKind.cross_year and discrepancy.severity.value == "error"
        assert discrepancy.other_doc_id == "before" and discrepancy.other_claims
        assert "2012 (before)" in discrepancy.message and "2013 (now)" in discrepancy.message


@pytest.fixture(scope="module")
def seed() -> Result:
    return process(SEED.read_bytes(), doc_id="shenzhen-ip-2013")


def _previous(name: str) -> Result:
    return process((DATA / f"{name}.txt").read_bytes(), doc_id=name)


@pytest.mark.parametrize("name,zh_claims,en_claims,other_claims,figures", [
    ("shenzhen-ip-2012", None, None, None, None),
    ("shenzhen-ip-2012-planted-rate", ["zh-0034", "zh-0035"], ["en-0034", "en-0035"], ["zh-0034", "en-0034"],
     ("37,606件", "39,527件", "6.64 %")),
    ("shenzhen-ip-2012-planted-total", ["zh-0030", "zh-0031"], ["en-0030", "en-0031"], ["zh-0031", "en-0031"],
     ("105件", "15件", "118件")),
])
def test_seed_against_the_paper_built_from_its_rates(seed: Result, name: str, zh_claims: list[str] | None,
                                                     en_claims: list[str] | None, other_claims: list[str] | None,
                                                     figures: tuple[str, ...] | None) -> None:
    previous = _previous(name)
    assert series_key(previous.document) == series_key(seed.document)
    assert previous.document.year == 2012
    found = cross_year(seed, previous)
    if zh_claims is None:
        assert found == []
        return
    assert [(d.zh_claims, d.en_claims, d.other_claims, d.other_doc_id) for d in found] == [
        (zh_claims, en_claims, other_claims, name)]
    assert found[0].id == f"d-{len(seed.discrepancies) + 1:04d}"
    assert all(figure in found[0].message for figure in figures)


def test_the_rates_are_checked_in_english_through_the_pairing(seed: Result) -> None:
    previous = _previous("shenzhen-ip-2012")
    wrong = {"en-0007": ("11.29%", 11.29)}
    claims = [c.model_copy(update={"text": wrong[c.id][0], "value": wrong[c.id][1]}) if c.id in wrong else c
              for c in seed.claims]
    found = cross_year(seed._replace(claims=claims), previous)
    assert [(d.zh_claims, d.en_claims) for d in found] == [([], ["en-0006", "en-0007"])]


def test_a_stale_cross_year_finding_is_replaced_not_counted(seed: Result) -> None:
    stale = Discrepancy(id="d-0099", doc_id=seed.document.id, kind=DiscrepancyKind.cross_year, severity=Severity.error,
                        zh_claims=[], en_claims=[], message="old")
    found = cross_year(seed._replace(discrepancies=[*seed.discrepancies, stale]), _previous("shenzhen-ip-2012-planted-rate"))
    assert [d.id for d in found] == [f"d-{len(seed.discrepancies) + 1:04d}"]
