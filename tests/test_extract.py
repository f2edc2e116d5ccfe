"""Extraction end to end: the quality gate on the development key, valid records, nothing lost."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor import process
from extractor.claims import NUMBER_LIKE, NumberRuns, _unaccounted
from extractor.pipeline import Result
from extractor.records import Claim, Found, Skipped, SkipReason, Span

ROOT = Path(__file__).parent.parent
DATA = ROOT / "tests" / "data"
SEED = (ROOT / "raw" / "shenzhen-ip-2013.txt").read_bytes()
DEV_SECTIONS = {"title", "intro", "1", "2"}


def _scorer():
    spec = importlib.util.spec_from_file_location("score_claims", DATA / "score_claims.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def seed() -> Result:
    return process(SEED, doc_id="shenzhen-ip-2013")


def _rows(records) -> list[dict]:
    return [json.loads(r.model_dump_json()) for r in records]


def test_quality_gate_on_the_development_key(seed: Result) -> None:
    scorer = _scorer()
    gold = scorer.load(DATA / "gold_dev.jsonl")
    result = scorer.score(gold, _rows(seed.claims), DEV_SECTIONS)
    floors = json.loads((DATA / "baseline.json").read_text())["claims_f1"]
    for lang, floor in floors.items():
        groups = result[lang]["groups"]["all"]
        misses = [g["text"] for g in result[lang]["misses"]]
        extras = [p["text"] for p in result[lang]["extras"]]
        assert groups["f1"] >= floor, f"{lang} F1 {groups['f1']} < {floor}: missed {misses}, extra {extras}"


def test_kinds_on_the_development_key(seed: Result) -> None:
    """The scorer matches quantities as one group; kinds must still be right (count vs ratio, rank vs ordinal)."""
    gold = [json.loads(line) for line in (DATA / "gold_dev.jsonl").read_text(encoding="utf-8").splitlines()]
    for lang in ("zh", "en"):
        expected = [(g["kind"], g["value"]) for g in gold if g["lang"] == lang]
        got = [(c.kind.value, c.value) for c in seed.claims
               if c.lang.value == lang and c.section.split(".")[0] in DEV_SECTIONS]
        assert sorted(map(str, got)) == sorted(map(str, expected))


def test_records_validate_and_point_at_their_text(seed: Result) -> None:
    text = seed.document.text
    schemas = {name: json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text()) for name in ("claim", "skipped")}
    for record, model, name in [(c, Claim, "claim") for c in seed.claims] + [(s, Skipped, "skipped") for s in seed.skipped]:
        row = json.loads(record.model_dump_json())
        model.model_validate_json(record.model_dump_json())
        jsonschema.validate(row, schemas[name])
        assert text[record.start : record.end] == record.text


def _assert_nothing_lost(result: Result) -> None:
    """Every number-like character lies in exactly one claim or skipped span; spans never overlap."""
    text = result.document.text
    spans = sorted((r.start, r.end) for r in [*result.claims, *result.skipped])
    for (_, end), (start, _) in zip(spans, spans[1:]):
        assert end <= start, "claims and skipped spans overlap"
    for record in [*result.claims, *result.skipped]:
        assert text[record.start : record.end] == record.text
    chrome_free = {i for s in result.document.sections for i in range(s.start, s.end)}
    for m in NUMBER_LIKE.finditer(text):
        for position in range(m.start(), m.end()):
            if position in chrome_free:
                assert sum(start <= position < end for start, end in spans) == 1, (
                    f"{text[position]!r} at {position} in {text[max(0, position - 10) : position + 10]!r}"
                )


def test_nothing_lost_on_the_seed(seed: Result) -> None:
    _assert_nothing_lost(seed)


FRAGMENTS = ["1,2,3", "1.2.3.4", "%", "十十", "一二三", "8万", "290多万件", "23﹒7", "4?26", "２０１３年", "第七大道", "7Road",
             "10^40", "1" * 60, "1," * 40, "百分之", "三分之", "-", "2013-2014", "RMB", "million", "Ten", "１２.５％", "二〇一三"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, 30_000), st.sampled_from(FRAGMENTS) | st.text("0123456789.,%万亿十一两 ", max_size=8)),
                max_size=6))
def test_nothing_lost_when_the_seed_is_edited(edits: list[tuple[int, str]]) -> None:
    text = SEED.decode("utf-8")
    for position, fragment in sorted(edits, reverse=True):
        position = min(position, len(text))
        if text[position - 1 : position + 1].strip() and "\n" not in text[position - 1 : position + 1]:
            text = text[:position] + fragment + text[position:]
    _assert_nothing_lost(process(text, doc_id="edited"))


@pytest.mark.parametrize("digits", [31, 41, 5000, 100_000])
def test_absurd_figures_are_skipped_as_malformed_not_claims(digits: int) -> None:
    """10^40 or a 100,000-digit number is no statistic, and no JSON number could hold it exactly."""
    number = "1" + "0" * (digits - 1)
    result = process(f"中文白皮书，专利{number}件，增长5%。\n\nEnglish paper: {number} patents, up 5%.", doc_id="absurd")
    assert [c.text for c in result.claims] == ["5%", "5%"]
    assert sorted(s.reason.value for s in result.skipped) == ["malformed", "malformed"]
    for record in [*result.claims, *result.skipped, *result.pairs, *result.discrepancies]:
        json.loads(record.model_dump_json())


SPANS = st.lists(st.tuples(st.integers(0, 40), st.integers(0, 8)), max_size=8).map(
    lambda pairs: sorted((start, start + size) for start, size in pairs))


@settings(max_examples=300)
@given(st.text("12 一x万,", max_size=40), SPANS)
def test_unaccounted_is_every_loose_number_character_in_maximal_runs(text: str, spans: list[tuple[int, int]]) -> None:
    """The safety net of extraction: what no found span covers, as maximal runs, and nothing else."""
    found = [Found(start, end, None, SkipReason.word) for start, end in spans]
    extra = _unaccounted(text, Span(start=0, end=len(text)), found)
    covered = {i for start, end in spans for i in range(start, end)}
    loose = {i for m in NUMBER_LIKE.finditer(text) for i in range(*m.span()) if i not in covered}
    assert sorted(i for f in extra for i in range(f.start, f.end)) == sorted(loose)
    assert all(f.reason is SkipReason.malformed and f.start < f.end for f in extra)
    assert all(a.end < b.start for a, b in zip(extra, extra[1:])), "runs are maximal and in order"


@settings(max_examples=500)
@given(st.text("12 一x万,", max_size=40), SPANS, st.integers(0, 40), st.integers(0, 40))
def test_number_runs_tell_a_sentence_with_nothing_loose_exactly(text: str, spans: list[tuple[int, int]],
                                                                start: int, end: int) -> None:
    """The one-scan shortcut of extract: `covered` never hides a loose run; on a whole text it is exact."""
    found = [Found(a, b, None, SkipReason.word) for a, b in spans]
    runs = NumberRuns(text)
    whole = Span(start=0, end=len(text))
    assert runs.covered(whole, found) == (not _unaccounted(text, whole, found))
    sentence = Span(start=min(start, end, len(text)), end=min(max(start, end), len(text)))
    inside = [f for f in found if sentence.start <= f.start and f.end <= sentence.end]
    if runs.covered(sentence, inside):
        assert not _unaccounted(text, sentence, inside)



@pytest.mark.parametrize("lang,before,after", [("zh", "数据为", "，其中专利5件。"), ("en", "The data were ", ", with 5 patents.")])
@pytest.mark.parametrize("separator", [",", ", ", "、", "; "])
def test_a_long_run_of_bare_numbers_is_one_malformed_span(lang: str, before: str, after: str, separator: str) -> None:
    """A data dump (1,1,1,... 50 numbers or more with only separators between) is no sentence's figures;
    49 of them are still read one by one."""
    from extractor.claims import _READERS
    from extractor.records import Lang

    for count, claims in ((49, 49), (50, 0), (5000, 0)):
        run = separator.join(str(k % 7 + 1) for k in range(count))
        text = before + run + after
        found = _READERS[Lang(lang)](text, 0, len(text), 0)
        inside = [f for f in found if f.start < len(before) + len(run) and f.end > len(before)]
        assert sum(f.kind is not None for f in inside) == claims
        if not claims:
            assert [(f.start, f.end, f.reason) for f in inside] == [
                (len(before), len(before) + len(run), SkipReason.malformed)]
        assert [text[f.start : f.end] for f in found if f.kind is not None][-1] in ("5件", "5")


TABLE_REFERENTS = [
    ("zh", "80,657", "专利申请量"), ("zh", "10.29%", "专利申请量"), ("zh", "7.3", "商标注册量"),
    ("en", "80,657", "Patent applications"), ("en", "3.2%", "Patents granted"), ("en", "7.3", "Trademark registrations"),
]


def test_a_table_cell_of_figures_measures_what_its_row_label_names() -> None:
    """Cells are paragraphs of their own (80,657 / 10.29%): the label cell before them in their row (专利申请量（件）,
    its unit in brackets left out) is what they measure, so that pairing and cross-year checks can match them."""
    result = process((ROOT / "tests" / "cases" / "tables_in_both_parts.html").read_bytes(), doc_id="tables")
    referents = {(c.lang.value, c.text): c.referent for c in result.claims}
    assert [(lang, text, referents[(lang, text)]) for lang, text, _ in TABLE_REFERENTS] == TABLE_REFERENTS
    assert referents[("zh", "2013年")] is None  # a time measures nothing
