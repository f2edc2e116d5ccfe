"""The mutation test (issue "measure"): an error planted in one language is reported, and nothing else moves.

Each mutant of the seed (see `mutations.py`) changes one figure of one language. The pipeline must
report a new discrepancy naming the planted figure or its counterpart for at least 95% of them
(`caught`), and for at least 95% the rest of the report must equal the seed's (`clean`). The seed's
result is computed once (`mutations.seed` is cached); each mutant is one `process()` call.
"""

from __future__ import annotations

from collections import Counter

import pytest

from extractor.pipeline import process
from extractor.records import Lang
from mutations import KINDS, Mutant, Verdict, explain, judge, mutants, normalise, seed, table

MIN_MUTANTS = 200
MIN_CAUGHT = 0.95
MIN_CLEAN = 0.95
SHOWN = 15
"""How many failing mutants an assertion message lists."""


@pytest.fixture(scope="module")
def verdicts() -> list[Verdict]:
    """Every mutant run once; the table shows with `pytest -s` (and under a failure's captured output)."""
    found = [judge(mutant) for mutant in mutants()]
    print("\n" + table(found))
    return found


def _listing(failed: list[Verdict], total: int, what: str) -> str:
    lines = [f"{len(failed)} of {total} mutants {what} ({1 - len(failed) / total:.1%} pass); the first {SHOWN}:"]
    lines += [explain(v) for v in failed[:SHOWN]]
    return "\n".join(lines)


def test_the_generator_is_deterministic() -> None:
    """The same list from a fresh run of the seed: nothing depends on caching, hashing or the clock."""
    fresh = process(seed().text, doc_id="again")
    again = mutants(fresh.document.text, fresh.claims)
    first = mutants()
    assert [(m, m.text) for m in again] == [(m, m.text) for m in first]
    assert len({m.name for m in first}) == len(first)


def test_enough_mutants_of_every_kind_in_both_languages_and_sections() -> None:
    found = mutants()
    assert len(found) >= MIN_MUTANTS
    by_kind = Counter((m.kind, m.lang) for m in found)
    assert {(kind, lang) for kind in KINDS for lang in Lang} <= set(by_kind), by_kind
    zh = sum(m.lang is Lang.zh for m in found)
    assert 0.4 <= zh / len(found) <= 0.6, (zh, len(found))
    with_figures = {(c.lang, c.section) for c in seed().result.claims}
    assert {(m.lang, m.section) for m in found} == with_figures, "every section with a figure, title to outro"
    assert [m.start for m in found] == sorted(m.start for m in found), "document order"


def test_each_mutant_differs_from_the_seed_only_in_its_span() -> None:
    text = seed().text
    for m in mutants():
        assert text[m.start : m.start + len(m.old)] == m.old, m.describe()
        assert m.text[m.start : m.end] == m.new, m.describe()
        assert m.text[: m.start] == text[: m.start], m.describe()
        assert m.text[m.end :] == text[m.start + len(m.old) :], m.describe()
        assert m.old != m.new, m.describe()
        assert m.region[0] <= m.start and m.end <= m.region[1] or m.region[0] == m.region[1] == m.start, m.describe()


def test_a_harmless_edit_is_neither_caught_nor_unclean() -> None:
    """A word changed far from any figure: the judge itself sees no difference between the runs."""
    text, result = seed()
    old, new = "高压态势", "高压势头"
    start = text.index(old)
    claim = max((c for c in result.claims if c.end <= start), key=lambda c: c.end)
    control = Mutant(name="control", kind="control", lang=Lang.zh, target=claim.id, section=claim.section,
                     start=start, end=start + len(new), old=old, new=new, region=(start, start + len(new)),
                     text=text[:start] + new + text[start + len(old) :])
    verdict = judge(control)
    assert (verdict.caught, verdict.clean, verdict.error) == (False, True, None), explain(verdict)


def test_normalise_ignores_ids_and_keeps_duplicates() -> None:
    result = seed().result
    report = normalise(result)
    assert sum(report.values()) == len(result.discrepancies)
    renamed = result._replace(discrepancies=[d.model_copy(update={"id": f"x-{d.id}"}) for d in result.discrepancies])
    assert normalise(renamed) == report


def test_planted_errors_are_reported(verdicts: list[Verdict]) -> None:
    assert len(verdicts) >= MIN_MUTANTS
    missed = [v for v in verdicts if not v.caught]
    caught = 1 - len(missed) / len(verdicts)
    assert caught >= MIN_CAUGHT, _listing(missed, len(verdicts), "missed")


def test_nothing_else_in_the_report_changes(verdicts: list[Verdict]) -> None:
    unclean = [v for v in verdicts if not v.clean]
    clean = 1 - len(unclean) / len(verdicts)
    assert clean >= MIN_CLEAN, _listing(unclean, len(verdicts), "changed other discrepancies")
