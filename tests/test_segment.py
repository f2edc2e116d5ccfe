"""The segmenter: the zh/en split, titles, section trees, paragraphs and sentences."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.errors import InputError
from extractor.records import Lang
from extractor.segment import segment

CASES = Path(__file__).parent / "cases"


def _table(name: str) -> list[dict[str, str]]:
    lines = [line for line in (CASES / name).read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def _numbers(segmented, lang: Lang) -> list[str]:
    return [s.number for s in segmented.sections if s.lang is lang]


@pytest.mark.parametrize("case", _table("segment_shapes.tsv"), ids=lambda c: c["file"])
def test_shapes_number_both_languages(case: dict[str, str]) -> None:
    text = (CASES / "shapes" / case["file"]).read_text(encoding="utf-8").strip()
    segmented = segment(text)
    assert _numbers(segmented, Lang.zh) == case["sections"].split(",")
    assert _numbers(segmented, Lang.en) == (case["en_sections"] or case["sections"]).split(",")
    assert len(segmented.warnings) == int(case["warnings"])


@pytest.mark.parametrize("case", _table("segment_shapes.tsv"), ids=lambda c: c["file"])
def test_spans_nest_and_cover(case: dict[str, str]) -> None:
    text = (CASES / "shapes" / case["file"]).read_text(encoding="utf-8").strip()
    _assert_well_formed(text, segment(text))


def _assert_well_formed(text: str, segmented) -> None:
    for lang in Lang:
        sections = [s for s in segmented.sections if s.lang is lang]
        paragraphs = [p for s in sections for p in s.paragraphs]
        assert [p.index for p in sorted(paragraphs, key=lambda p: p.start)] == list(range(len(paragraphs)))
        for section in sections:
            assert text[section.start : section.end].startswith(section.heading)
            for paragraph in section.paragraphs:
                assert section.start <= paragraph.start < paragraph.end <= section.end
                assert "\n" not in text[paragraph.start : paragraph.end]
                for sentence in paragraph.sentences:
                    assert paragraph.start <= sentence.start < sentence.end <= paragraph.end
                    assert text[sentence.start : sentence.end] == text[sentence.start : sentence.end].strip()
            if section.level == 2:
                chapter = next(s for s in sections if s.number == section.number.split(".")[0])
                assert chapter.start <= section.start and section.end <= chapter.end


def test_heading_on_its_own_line_holds_the_paragraphs_below() -> None:
    text = (CASES / "shapes" / "standalone_subsections.txt").read_text(encoding="utf-8").strip()
    section = next(s for s in segment(text).sections if s.lang is Lang.zh and s.number == "1.1")
    assert section.heading == "(一)国家知识产权示范城市创建工作取得重大进展"
    assert len(section.paragraphs) == 3


def test_english_without_numbers_borrows_the_chinese_numbering() -> None:
    text = (CASES / "shapes" / "english_unnumbered.txt").read_text(encoding="utf-8").strip()
    headings = {s.number: s.heading for s in segment(text).sections if s.lang is Lang.en}
    assert headings["1"] == "Intellectual Property Creation"
    assert headings["1.2"] == "Substantial Growth in Trademark Applications"


def test_missing_english_chapter_is_a_warning_naming_it() -> None:
    text = (CASES / "shapes" / "english_missing_chapter.txt").read_text(encoding="utf-8").strip()
    assert "only in Chinese ['3']" in segment(text).warnings[0]


@pytest.mark.parametrize("case", _table("sentences.tsv"), ids=lambda c: c["paragraph"][:30])
def test_sentence_splitter(case: dict[str, str]) -> None:
    other = "深圳市专利申请量增长了。" if case["lang"] == "en" else "Patent applications grew in Shenzhen."
    paragraph = case["paragraph"]
    text = f"{paragraph}\n\n{other}" if case["lang"] == "zh" else f"{other}\n\n{paragraph}"
    segmented = segment(text)
    section = next(s for s in segmented.sections if s.lang.value == case["lang"])
    sentences = [text[s.start : s.end] for p in section.paragraphs for s in p.sentences]
    assert sentences == case["sentences"].split(" || ")


NOT_BILINGUAL = {
    "chinese only": ("深圳市2013年知识产权发展状况白皮书\n\n2013年，深圳国内专利申请量80,657件。PCT国际专利申请10,049件。", "no English"),
    "english only": ("Intellectual Property Development in Shenzhen 2013\n\nIn 2013, applications reached 80,657.", "no Chinese"),
    "chinese with one english line": (
        "深圳市2013年知识产权发展状况白皮书\n\n" + "2013年，深圳国内专利申请量80,657件，同比增长10.29%。" * 20 + "\n\nCopyright 2014",
        "no English",
    ),
    "two papers": (
        "白皮书\n\n2013年，深圳国内专利申请量80,657件，同比增长10.29%。\n\nWhite paper\n\nIn 2013, applications reached 80,657, up 10.29%.\n\n"
        "白皮书\n\n2014年，深圳国内专利申请量82,254件，同比增长2%。\n\nWhite paper\n\nIn 2014, applications reached 82,254, up 2%.",
        "more than one paper",
    ),
}


@pytest.mark.parametrize("text,problem", NOT_BILINGUAL.values(), ids=NOT_BILINGUAL.keys())
def test_not_a_bilingual_paper(text: str, problem: str) -> None:
    with pytest.raises(InputError, match=problem):
        segment(text)


WORD_BEFORE_STOP = regex.compile(r"(\S*?)([.!?])[\"'’”)\]]*$")
"""The stop-word rule of `_en_sentence_cuts`, as a forward search of the window before a break."""


@settings(max_examples=500)
@given(st.text(alphabet="aU.S!?\"'’”)] \n", max_size=50), st.sampled_from(".!?"), st.text(alphabet="\"'’”)]", max_size=2))
def test_the_word_before_a_stop_read_backwards_is_the_forward_rule(text: str, stop: str, quotes: str) -> None:
    """A break's window ends with its stop and any closing quotes, as `_EN_SENTENCE_BREAK` requires."""
    from extractor import segment as seg

    window = text + stop + quotes
    forward = WORD_BEFORE_STOP.search(window, max(0, len(window) - 40))
    backward = seg._EN_WORD_BEFORE_STOP.match(window, max(0, len(window) - 40), len(window))
    assert (forward and forward.groups()) == (backward and backward.groups())


def test_a_table_ending_the_chinese_part_stays_chinese() -> None:
    """The last cells of a Chinese table (30,214, 8.1%) hold no script: they stay with the Chinese before them
    and never open the English part, which starts at its title."""
    from extractor import process

    result = process((CASES / "table_at_the_turn.html").read_bytes(), doc_id="table")
    assert result.document.title_en == "Shenzhen Intellectual Property White Paper 2014"
    assert [d.message for d in result.discrepancies] == []
    assert {c.lang for c in result.claims if c.text in ("30,214", "8.1%")} == {Lang.zh, Lang.en}


def test_cells_of_digits_in_the_english_table_are_no_stray_chinese() -> None:
    """A cell of digits alone (2013, 80,657, 7.3) holds neither script: it is no paragraph of the other language
    for the warnings to report (the English table once gave 'holds 7 paragraph(s) that read as Chinese')."""
    from extractor import process

    result = process((CASES / "tables_in_both_parts.html").read_bytes(), doc_id="tables")
    assert result.document.warnings == []
    assert [d.message for d in result.discrepancies] == []
    assert len(result.pairs) == 7  # the row's unit, 商标注册量（万件） / (10,000), is skipped as unit in both
    assert [(s.text, s.reason.value) for s in result.skipped if s.reason.value == "unit"] == [("万件", "unit"), ("10,000", "unit")]
