"""Stage 3, extract: every number-like span of each sentence becomes a Claim or a Skipped span.

Find, then resolve: `numbers` finds the tokens, the language grammars
(`claims_zh`, `claims_en`) read what each states, and this module places the
results (section, paragraph, sentence), names their referents and numbers
them in document order. A last sweep turns any digit or numeral a grammar did
not account for into a `malformed` skipped span, so nothing is silently lost.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator

from . import patterns
from .claims_en import read_en
from .claims_zh import read_zh
from .records import (
    RECORD_LISTS, TIME_KINDS, Claim, Document, Found, Lang, Paragraph, Section, Skipped, SkipReason, Span,
)
from .referents import referent_en, referent_zh

Reader = Callable[[str, int, int, int], list[Found]]
_READERS: dict[Lang, Reader] = {Lang.zh: read_zh, Lang.en: read_en}
_REFERENTS = {Lang.zh: referent_zh, Lang.en: referent_en}

MAX_MAGNITUDE = 10**30

NUMBER_LIKE = re.compile(r"[0-9０-９〇零一二三四五六七八九十百千万亿两]+")
"""Characters that must lie inside a claim or a skipped span (a plain class of characters: the standard
library scans it faster than `regex`)."""


def extract(document: Document) -> tuple[list[Claim], list[Skipped]]:
    """All claims and skipped spans of a document, zh first, each language in text order."""
    claims: list[dict[str, object]] = []
    skipped: list[dict[str, object]] = []
    runs = NumberRuns(document.text)
    for lang in Lang:
        claimed = skips = 0
        label: tuple[str, str] | None = None  # (section, words) of the last table cell that labels a row
        for section, paragraph, sentence_index, sentence in sentences(document, lang):
            marker_end = section.start + len(section.marker) if paragraph.start == section.start else 0
            found = _READERS[lang](document.text, sentence.start, sentence.end, marker_end)
            loose = [] if runs.covered(sentence, found) else _unaccounted(document.text, sentence, found)
            if loose:
                found = sorted(found + loose, key=lambda f: f.start)  # a reader's own are in order
            cell = _table_cell(document.text, paragraph, sentence, found)
            if cell is not None:
                label = (section.number, cell) if cell else label
            elif any(f.kind is not None for f in found) or _WORDS.search(document.text, sentence.start, sentence.end):
                label = None  # prose ends the table
            previous: str | None = label[1] if cell == "" and label and label[0] == section.number else None
            floor = sentence.start
            for item in found:
                if item.kind is not None and _absurd(item):
                    item = item._replace(kind=None, reason=SkipReason.malformed)
                if item.kind is None:
                    skips += 1
                    skipped.append(_skipped(document, lang, section, item, skips))
                    if item.reason is SkipReason.heading:
                        floor = item.end
                    continue
                referent = None if item.kind in TIME_KINDS else _REFERENTS[lang](document.text, floor, item, previous)
                previous = referent or previous
                floor = item.end
                claimed += 1
                claims.append(_claim(document, lang, section, paragraph.index, sentence_index, item, referent, claimed))
    return RECORD_LISTS["claims"].validate_python(claims), RECORD_LISTS["skipped"].validate_python(skipped)


MAX_LABEL_CHARS = 40
"""The longest paragraph read as a table's label cell (专利申请量（件）, "Trademark registrations (10,000)")."""
_WORDS = patterns.compile(r"[\p{Han}\p{Latin}]")
_ASIDE = patterns.compile(r"\s*[（(][^（()）]*[)）]\s*")
_LABEL_END = patterns.compile(r"[\s：:。.]+$")


def _table_cell(text: str, paragraph: Paragraph, sentence: Span, found: list[Found]) -> str | None:
    """A paragraph that is one cell of a table: the words of a label cell (its bracketed unit left out), "" for a
    cell of figures alone (80,657, 10.29%), None for anything else. Cells of a row follow its label, so the
    figures of a cell measure what the label names."""
    if len(paragraph.sentences) != 1 or sentence.end - sentence.start > MAX_LABEL_CHARS:
        return None
    figures = [f for f in found if f.kind is not None]
    if figures:
        rest = "".join(text[a:b] for a, b in _gaps(sentence, found))
        return "" if _WORDS.search(rest) is None else None
    words = _LABEL_END.sub("", _ASIDE.sub("", text[sentence.start : sentence.end]))
    return words if _WORDS.search(words) else None


def _gaps(sentence: Span, found: list[Found]) -> list[tuple[int, int]]:
    """The stretches of a sentence outside its found spans."""
    gaps, position = [], sentence.start
    for start, end in [*_merged_spans(found), (sentence.end, sentence.end)]:
        if position < min(start, sentence.end):
            gaps.append((position, min(start, sentence.end)))
        position = max(position, end)
    return gaps


def _absurd(found: Found) -> bool:
    """A figure of 10^30 or more is no statistic (万亿 is 10^12), and JSON could not carry it exactly."""
    return _too_large(found.value) or found.value_max is not None and _too_large(found.value_max)


def _too_large(value: object) -> bool:
    return isinstance(value, (int, float)) and not -MAX_MAGNITUDE < value < MAX_MAGNITUDE


def sentences(document: Document, lang: Lang) -> Iterator[tuple[Section, Paragraph, int, Span]]:
    """Each sentence of one language with its section, paragraph and index in the part (Claim.sentence)."""
    placed = sorted(((p, s) for s in document.sections if s.lang is lang for p in s.paragraphs),
                    key=lambda pair: pair[0].index)
    index = 0
    for paragraph, section in placed:
        for sentence in paragraph.sentences:
            yield section, paragraph, index, sentence
            index += 1


def _unaccounted(text: str, sentence: Span, found: list[Found]) -> list[Found]:
    """Number-like characters outside every found span, as `malformed` skipped spans.

    Only the gaps between the found spans are searched; a run a span cuts leaves its loose part in a gap.
    """
    return [Found(m.start(), m.end(), None, SkipReason.malformed)
            for start, end in _gaps(sentence, found) for m in NUMBER_LIKE.finditer(text, start, end)]


class NumberRuns:
    """Every run of number-like characters in a text, found in one scan: most sentences' runs all lie inside
    what their grammar found, and that is told without searching each gap between the found spans."""

    def __init__(self, text: str) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for m in NUMBER_LIKE.finditer(text):
            self.starts.append(m.start())
            self.ends.append(m.end())

    def covered(self, sentence: Span, found: list[Found]) -> bool:
        """Whether every run in the sentence lies inside one found span (then `_unaccounted` finds nothing);
        False also when a run crosses the sentence's edge, which only `_unaccounted` reads right."""
        first = bisect_right(self.ends, sentence.start)
        last = bisect_left(self.starts, sentence.end)
        if first == last:
            return True
        if self.starts[first] < sentence.start or self.ends[last - 1] > sentence.end:
            return False
        merged = _merged_spans(found)
        k = 0
        for run in range(first, last):
            start, end = self.starts[run], self.ends[run]
            while k < len(merged) and merged[k][1] < end:
                k += 1
            if k == len(merged) or merged[k][0] > start:
                return False
        return True


def _merged_spans(found: list[Found]) -> list[tuple[int, int]]:
    """The found spans as sorted, disjoint intervals."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted((f.start, f.end) for f in found if f.start < f.end):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _claim(document: Document, lang: Lang, section: Section, paragraph: int, sentence: int, found: Found,
           referent: str | None, number: int) -> dict[str, object]:
    assert found.kind is not None and found.value is not None
    return dict(
        id=f"{lang.value}-{number:04d}",
        doc_id=document.id,
        lang=lang,
        section=section.number,
        paragraph=paragraph,
        sentence=sentence,
        start=found.start,
        end=found.end,
        text=document.text[found.start : found.end],
        kind=found.kind,
        value=found.value,
        value_max=found.value_max,
        unit=found.unit,
        approx=found.approx,
        change=found.change,
        referent=referent,
    )


def _skipped(document: Document, lang: Lang, section: Section, found: Found, number: int) -> dict[str, object]:
    assert found.reason is not None
    return dict(
        id=f"{lang.value}-s{number:04d}",
        doc_id=document.id,
        lang=lang,
        section=section.number,
        start=found.start,
        end=found.end,
        text=document.text[found.start : found.end],
        reason=found.reason,
    )
