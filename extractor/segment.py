"""Segment the cleaned text: where English starts, titles, the section trees, paragraphs, sentences.

The split is found where the text turns from Chinese to English (a change
point over paragraph languages), never by a title string. Each part is then
numbered the same way (DESIGN.md "Section numbers") so that sections pair by
number: `title`, `intro`, `1`, `1.1`, ..., `outro`. Headings are numbered in
order; when the two parts then disagree (a translation that drops a chapter),
by the numbers their headings write, so that the chapter one part lacks is
named in a warning instead of every later chapter pairing with the wrong one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from itertools import accumulate, pairwise

import regex

from . import errors, patterns
from .errors import InputError
from .records import SECTION_LIST, Lang, Section, Segmented
from .rules import alternation, column_values, table

_PARAGRAPH = patterns.compile(r"[^\n]+")
_NOT_HAN = patterns.compile(r"\P{Han}+")
_NOT_LATIN_BYTES = bytes(b for b in range(256) if not (65 <= b <= 90 or 97 <= b <= 122))
"""What `_latin_letters` deletes from a block's ASCII bytes: counting what is left is a C loop, no match objects."""
_YEAR = patterns.compile(r"(?<![0-9])(1[89][0-9]{2}|20[0-9]{2})(?![0-9])")
_ASCII_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")

_ZH_NUMERAL = "[一二三四五六七八九十]{1,3}"
_ZH_CHAPTER = patterns.compile(rf"(?:{_ZH_NUMERAL}[、．.](?!{_ZH_NUMERAL}[、．.])|第{_ZH_NUMERAL}(?:章|部分)[\s、：:]?)")
"""一、 opens a chapter, but not as the first of a list of numerals (一、二、三产业: the primary, secondary and tertiary)."""
_ZH_SUBSECTION = patterns.compile(rf"[(（]{_ZH_NUMERAL}[)）][、]?|第{_ZH_NUMERAL}节[\s、：:]?")
_ROMAN = r"(?=[IVXL])L?X{0,3}(?:IX|IV|V?I{0,3})"
_EN_CHAPTER = patterns.compile(rf"(?:{_ROMAN}[.．]|(?:Chapter|Part)\s+(?:{_ROMAN}|[0-9０-９]{{1,2}}|[A-Z][a-z]+)[.:]?)\s*(?=\S)")
_EN_SUBSECTION = patterns.compile(
    rf"[0-9０-９]{{1,2}}[.．]\s*(?=[\p{{Lu}}‘'\"“(])|Section\s+(?:[0-9０-９]{{1,2}}|{_ROMAN}|[A-Z][a-z]+)[.:]?\s+(?=\p{{Lu}})")
"""1. or Section 1 (第一节) before a capitalised heading; "Section 2 of the Law" is a sentence."""
_MARKER_NUMERAL = patterns.compile(r"[0-9０-９]+|[〇零一二三四五六七八九十]+|[IVXL]+(?![a-z])|[A-Z][a-z]+")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50}

_ZH_SENTENCE_END = patterns.compile(r"(?:[。！？；;!]|\?(?![0-9０-９]))[”’」』)）\"']*")
_EN_SENTENCE_BREAK = patterns.compile(r"(?<=[.!?][\"'’”)\]]*)\s+(?=[\"'‘“(\[]?[\p{Lu}0-9０-９])")
_EN_WORD_BEFORE_STOP = patterns.compile(r"(\S*)([.!?])[\"'’”)\]]*", regex.REVERSE)
"""The word that ends with the stop before a sentence break (U.S. -> "U.S" and "."), matched backwards."""
_INITIALS = patterns.compile(r"\p{Lu}|(?:\p{L}\.)+\p{L}")
_ZH_HEADING_END = patterns.compile(r"[。！？；;：:]")
_EN_HEADING_END = patterns.compile(r"(?<=[a-z0-9０-９)’'\"”])[.:](?=\s)")

_TITLE_MAX = {Lang.zh: 80, Lang.en: 200}
_HEADING_MAX = {Lang.zh: 60, Lang.en: 160}
_NAMES = {Lang.zh: "Chinese", Lang.en: "English"}
_MIN_PART_SHARE = 0.15
"""A part weighing less than this share of the other is a stray line, not a translation."""
MAX_TURNS_OF_TWO_PAPERS = 6
"""How often the language may turn in a text of two whole papers one after the other (zh en zh en: 3 turns, and
two for a stray paragraph of the other language); a text turning more often alternates its languages, section
by section or paragraph by paragraph."""


@dataclass
class _Block:
    """One paragraph on its way to a section."""

    start: int
    end: int
    lang: Lang
    heading_end: int | None = None
    heading_only: bool = False
    marker_end: int = 0
    level: int = 0


@dataclass
class _Node:
    number: str
    heading: str
    level: int
    blocks: list[_Block] = field(default_factory=list)
    marker: str = ""


def segment(text: str) -> Segmented:
    """Split `text` into its Chinese and English parts and number their sections alike."""
    blocks = [_Block(m.start(), m.end(), Lang.zh) for m in _PARAGRAPH.finditer(text) if m.group().strip()]
    warnings: list[str] = []
    zh_blocks, en_blocks = _split_languages(text, blocks, warnings)
    zh = _Part(text, Lang.zh, zh_blocks)
    en = _Part(text, Lang.en, en_blocks)
    for part in (zh, en):
        part.warn_repeated_title(warnings)
    if not zh.has_markers() and en.has_markers():
        zh.borrow_numbering(en, warnings)
    elif zh.has_markers() and not en.has_markers():
        en.borrow_numbering(zh, warnings)
    year = _year(zh.title, en.title, text)
    _mark_outros(zh, en, year)
    zh_sections, en_sections = zh.sections(), en.sections()
    if [s.number for s in zh_sections] != [s.number for s in en_sections]:
        zh_sections, en_sections = zh.sections(written=True), en.sections(written=True)
    zh_numbers = [s.number for s in zh_sections]
    en_numbers = [s.number for s in en_sections]
    if zh_numbers != en_numbers:
        only_zh = [n for n in zh_numbers if n not in en_numbers]
        only_en = [n for n in en_numbers if n not in zh_numbers]
        warnings.append(
            "the two parts are numbered differently: "
            f"only in Chinese {only_zh or 'none'}, only in English {only_en or 'none'}"
        )
    return Segmented(
        sections=zh_sections + en_sections,
        title_zh=zh.title,
        title_en=en.title,
        year=year,
        warnings=warnings,
    )


def _split_languages(text: str, blocks: list[_Block], warnings: list[str]) -> tuple[list[_Block], list[_Block]]:
    """Find the paragraph where the text turns from Chinese to English (best change point).

    A few paragraphs of the other language inside a part stay in it, with a warning: their
    figures are read by the part's grammar.
    """
    weights: list[float] = []
    for block in blocks:
        piece = text[block.start : block.end]
        han = len(_NOT_HAN.sub("", piece))
        words = _latin_letters(piece) / 4
        block.lang = Lang.zh if han >= words else Lang.en
        weights.append(max(han, words))
    signed = [w if b.lang is Lang.zh else -w for b, w in zip(blocks, weights)]
    before = [0.0, *accumulate(signed)]
    total = before[-1]
    # among equal splits the latest: a block of neither script (a table's cells 30,214 and 8.1%) at the turn
    # stays with the Chinese before it, never opening the English part
    best = max(range(len(blocks) + 1), key=lambda k: (before[k] - (total - before[k]), k))
    zh_blocks, en_blocks = blocks[:best], blocks[best:]
    zh_weight = sum(w for b, w in zip(blocks[:best], weights) if b.lang is Lang.zh)
    en_weight = sum(w for b, w in zip(blocks[best:], weights[best:]) if b.lang is Lang.en)
    stray_zh = sum(w for b, w in zip(blocks[best:], weights[best:]) if b.lang is Lang.zh)
    stray_en = sum(w for b, w in zip(blocks[:best], weights) if b.lang is Lang.en)
    if zh_weight == 0 or zh_weight < _MIN_PART_SHARE * en_weight:
        raise InputError(errors.NO_CHINESE)
    if en_weight == 0 or en_weight < _MIN_PART_SHARE * zh_weight:
        raise InputError(errors.NO_ENGLISH)
    if stray_zh > _MIN_PART_SHARE * zh_weight or stray_en > _MIN_PART_SHARE * en_weight:
        turns = sum(a.lang is not b.lang for a, b in pairwise(b for b, w in zip(blocks, weights) if w > 0))
        raise InputError(errors.INTERLEAVED if turns > MAX_TURNS_OF_TWO_PAPERS else errors.TWO_PAPERS)
    for part, weighed, other in ((Lang.zh, zip(zh_blocks, weights[:best]), Lang.en),
                                 (Lang.en, zip(en_blocks, weights[best:]), Lang.zh)):
        stray = [b for b, w in weighed if b.lang is other and w > 0]  # a cell of digits alone is of neither
        if stray:
            first = text[stray[0].start : stray[0].end]
            warnings.append(
                f"the {_NAMES[part]} part holds {len(stray)} paragraph(s) that read as {_NAMES[other]}, "
                f"the first {first[:30]!r}: their figures are read as {_NAMES[part]}"
            )
    for block in zh_blocks:
        block.lang = Lang.zh
    for block in en_blocks:
        block.lang = Lang.en
    return zh_blocks, en_blocks


def _latin_letters(piece: str) -> int:
    """How many of a text's characters are the letters A-Z and a-z."""
    return len(piece.encode("ascii", "ignore").translate(None, _NOT_LATIN_BYTES))


class _Part:
    """One language part: its title, headings and numbered nodes."""

    def __init__(self, text: str, lang: Lang, blocks: list[_Block]) -> None:
        self.text = text
        self.lang = lang
        self.blocks = blocks
        self.title = ""
        self.title_block: _Block | None = None
        self.outro: list[_Block] = []
        if blocks and self._is_title(blocks[0]):
            self.title_block = blocks[0]
            self.title = text[blocks[0].start : blocks[0].end]
        for block in self.body():
            self._mark_heading(block)
        self._unmark_contents()

    def _unmark_contents(self) -> None:
        """A table of contents (目录, Contents) lists the headings before the paper writes them: a heading line
        that a later heading repeats, followed by another entry or by an unnumbered short line (前言, Conclusion),
        is an entry of it, so part of the intro, not a chapter. In a part pasted twice each heading repeats too,
        but its paragraphs follow it."""
        body = self.body()
        headed = [k for k, b in enumerate(body) if b.level and b.heading_only]
        names = [_entry_name(self._heading(body[k])) for k in headed]
        entry: set[int] = set()
        for n in range(len(headed) - 1, -1, -1):
            k, after = headed[n], headed[n] + 1
            if after < len(body) and names[n] in names[n + 1 :] and (
                    after in entry if body[after].level else self._looks_like_heading(body[after])):
                entry.add(k)
        for block in (body[k] for k in sorted(entry)):
            block.level, block.heading_end, block.heading_only, block.marker_end = 0, None, False, 0

    def warn_repeated_title(self, warnings: list[str]) -> None:
        """A part that writes its title line again is most likely pasted twice."""
        again = [b for b in self.body() if self.text[b.start : b.end] == self.title]
        if self.title_block and again:
            index = self.blocks.index(again[0])
            warnings.append(f"the {_NAMES[self.lang]} part repeats its title at its paragraph {index}: "
                            "a second copy of the part?")

    def body(self) -> list[_Block]:
        """Blocks after the title."""
        return self.blocks[1:] if self.title_block else self.blocks

    def has_markers(self) -> bool:
        """Whether any heading carries a chapter number."""
        return any(b.level == 1 for b in self.body())

    def _is_title(self, block: _Block) -> bool:
        piece = self.text[block.start : block.end]
        if len(piece) > _TITLE_MAX[self.lang] or self._marker(piece)[0]:
            return False
        if self.lang is Lang.zh:
            return not regex.search(r"[。；，,]", piece)
        return not regex.search(r"[.;!?]\s*$", piece)

    def _marker(self, piece: str) -> tuple[int, int]:
        """(level, marker length) of a heading number at the start of `piece`, or (0, 0)."""
        chapter, subsection = (
            (_ZH_CHAPTER, _ZH_SUBSECTION) if self.lang is Lang.zh else (_EN_CHAPTER, _EN_SUBSECTION)
        )
        if m := chapter.match(piece):
            return 1, m.end()
        if m := subsection.match(piece):
            return 2, m.end()
        return 0, 0

    def _mark_heading(self, block: _Block) -> None:
        """Mark a numbered heading: a line of its own, or run into its paragraph up to the first stop."""
        piece = self.text[block.start : block.end]
        level, marker = self._marker(piece)
        if not level:
            return
        ends = _ZH_HEADING_END if self.lang is Lang.zh else _EN_HEADING_END
        stop = ends.search(piece, marker)
        heading_end = stop.start() if stop else len(piece)
        rest = piece[heading_end:].strip(" 。.:：;；")
        if not rest and len(piece) > _HEADING_MAX[self.lang]:
            return
        block.level = level
        block.heading_end = block.start + heading_end
        block.heading_only = not rest
        block.marker_end = marker

    def borrow_numbering(self, other: _Part, warnings: list[str]) -> None:
        """Number this part's headings in order after `other`'s, when it writes no chapter numbers.

        Heading lines are the blocks numbered as subsections plus the unnumbered
        short lines; they take the other part's levels when the counts agree, or
        the unnumbered lines alone take its chapters.
        """
        body = self.body()
        unmarked = [b for b in body if not b.level and self._looks_like_heading(b)]
        candidates = [b for b in body if b.level or any(b is u for u in unmarked)]
        wanted = [b.level for b in other.body() if b.level]
        if candidates and len(candidates) == len(wanted):
            chosen = list(zip(candidates, wanted))
        elif unmarked and len(unmarked) == wanted.count(1):
            chosen = [(b, 1) for b in unmarked]
        else:
            if wanted:
                warnings.append(
                    f"the {self.lang.value} part numbers no chapters and has {len(candidates)} heading lines "
                    f"for the {len(wanted)} headings of the other part: they are left unnumbered"
                )
            return
        for block, level in chosen:
            block.level = level
            if block.heading_end is None:
                block.heading_end, block.heading_only = block.end, True

    def _looks_like_heading(self, block: _Block) -> bool:
        piece = self.text[block.start : block.end]
        if len(piece) > _HEADING_MAX[self.lang]:
            return False
        if self.lang is Lang.zh:
            return not regex.search(r"[。；，,]", piece)
        return piece[:1].isupper() and not regex.search(r"[.;!?]\s*$", piece)

    def nodes(self, written: bool = False) -> list[_Node]:
        """Title, intro, chapters and subsections in order, with the blocks each one holds.

        Headings count up from 1; with `written`, a heading takes the number its marker
        writes when that is higher than the one before (II. after I. is 2, III. after I. is 3).
        """
        nodes: list[_Node] = []
        if self.title_block:
            nodes.append(_Node("title", self.title, 0, [self.title_block]))
        chapter = subsection = 0
        current: _Node | None = None
        body = [b for b in self.body() if not any(b is o for o in self.outro)]
        for block in body:
            if block.level == 1 or (block.level == 2 and chapter == 0):
                chapter, subsection = self._count(chapter, block, written), 0
                current = _Node(str(chapter), self._heading(block), 1, marker=self._marker_text(block))
                nodes.append(current)
            elif block.level == 2:
                subsection = self._count(subsection, block, written)
                current = _Node(f"{chapter}.{subsection}", self._heading(block), 2, marker=self._marker_text(block))
                nodes.append(current)
            elif current is None:
                current = _Node("intro", "", 0)
                nodes.append(current)
            current.blocks.append(block)
        if self.outro:
            nodes.append(_Node("outro", "", 0, list(self.outro)))
        return nodes

    def _count(self, previous: int, block: _Block, written: bool) -> int:
        number = _written_number(self._marker_text(block)) if written else None
        return number if number is not None and number > previous else previous + 1

    def _marker_text(self, block: _Block) -> str:
        return self.text[block.start : block.start + block.marker_end].rstrip()

    def _heading(self, block: _Block) -> str:
        return self.text[block.start : block.heading_end or block.end]

    def closing_section(self) -> list[_Block]:
        """A closing heading line (结束语, Conclusion: rules/closing_headings.tsv) after the last numbered heading,
        and everything after it."""
        body = self.body()
        last = max((k for k, b in enumerate(body) if b.level), default=-1)
        closing = _closing_heading(self.lang)
        for k in range(last + 1, len(body)):
            if closing.fullmatch(self.text, body[k].start, body[k].end):
                return body[k:]
        return []

    def last_body_blocks(self) -> list[_Block]:
        """The blocks of the last section, heading-only blocks left out."""
        nodes = [n for n in self.nodes() if n.number not in ("title", "outro")]
        if not nodes:
            return []
        return [b for b in nodes[-1].blocks if not b.heading_only]

    def sections(self, written: bool = False) -> list[Section]:
        """The numbered sections, chapters spanning their subsections (`written`: see `nodes`)."""
        nodes = self.nodes(written)
        index_of = {id(b): i for i, b in enumerate(self.blocks)}
        sections: list[Section] = []
        for position, node in enumerate(nodes):
            end = node.blocks[-1].end
            if node.level == 1:
                for later in nodes[position + 1 :]:
                    if later.level != 2:
                        break
                    end = later.blocks[-1].end
            paragraphs = [
                dict(start=b.start, end=b.end, index=index_of[id(b)], sentences=self._sentences(b))
                for b in node.blocks
            ]
            sections.append(
                dict(
                    lang=self.lang,
                    number=node.number,
                    heading=node.heading,
                    marker=node.marker,
                    level=node.level,
                    start=node.blocks[0].start,
                    end=end,
                    paragraphs=paragraphs,
                )
            )
        return SECTION_LIST.validate_python(sections)

    def _sentences(self, block: _Block) -> list[dict[str, int]]:
        """The block's sentences as the fields of their Spans (`sections` validates the whole tree at once)."""
        piece = self.text[block.start : block.end]
        cuts = _zh_sentence_cuts(piece) if self.lang is Lang.zh else _en_sentence_cuts(piece)
        spans = []
        begin = 0
        for cut in [*(c for c in cuts if c > block.marker_end), len(piece)]:
            chunk = piece[begin:cut]
            stripped = chunk.strip()
            if stripped:
                lead = len(chunk) - len(chunk.lstrip())
                spans.append(dict(start=block.start + begin + lead, end=block.start + begin + lead + len(stripped)))
            begin = cut
        return spans


_ENTRY_TAIL = regex.compile(r"[\s.…·．\-—_0-9０-９]+$")
"""What ends a line of a table of contents after its heading: dot leaders and a page number."""


def _entry_name(heading: str) -> str:
    return _ENTRY_TAIL.sub("", " ".join(heading.split()))


def _written_number(marker: str) -> int | None:
    """The number a heading marker writes (三、 (二) III. Part Two 4.), or None."""
    for token in reversed(_MARKER_NUMERAL.findall(marker)):
        if (value := _numeral_value(token)) is not None:
            return value
    return None


def _numeral_value(token: str) -> int | None:
    digits = _digit_values()
    if token[0] in _ROMAN_VALUES:
        values = [_ROMAN_VALUES[c] for c in token]
        return sum(-v if v < after else v for v, after in zip(values, [*values[1:], 0]))
    if token[0].isascii() and token[0].isalpha():
        return _word_values().get(token.lower())
    tens, ten, ones = token.partition("十")
    if ten:
        if len(tens) > 1 or len(ones) > 1 or any(c not in digits for c in tens + ones):
            return None
        return (digits[tens] if tens else 1) * 10 + (digits[ones] if ones else 0)
    if any(c not in digits for c in token):
        return None
    value = 0
    for c in token:
        value = value * 10 + digits[c]
    return value


@cache
def _digit_values() -> dict[str, int]:
    """Digits 0-9 in every script rules/zh_numerals.tsv lists (1 １ 一)."""
    return {r.cells["char"]: int(r.cells["value"]) for r in table("zh_numerals.tsv") if r.cells["role"] == "digit"}


@cache
def _word_values() -> dict[str, int]:
    """English number words up to ninety (Chapter Two, Part Fifth) from rules/en_numbers.tsv."""
    return {r.cells["word"]: int(r.cells["value"]) for r in table("en_numbers.tsv")
            if r.cells["place"] in ("one", "teen", "ten")}


def _zh_sentence_cuts(piece: str) -> list[int]:
    return [m.end() for m in _ZH_SENTENCE_END.finditer(piece) if m.end() < len(piece)]


@cache
def _abbreviations() -> frozenset[str]:
    return frozenset(column_values("abbreviations.tsv", "abbreviation"))


def _en_sentence_cuts(piece: str) -> list[int]:
    """Sentence boundaries, except after abbreviations, initials and inside numbers (2012.5)."""
    cuts = []
    abbreviations = _abbreviations()
    for m in _EN_SENTENCE_BREAK.finditer(piece):
        before = _EN_WORD_BEFORE_STOP.match(piece, max(0, m.start() - 40), m.start())
        if before and before.group(2) == ".":
            word = before.group(1).lstrip("(\"'‘“")
            if word in abbreviations or _INITIALS.fullmatch(word):
                continue
        cuts.append(m.end())
    return cuts


@cache
def _closing_pattern(lang: Lang) -> regex.Pattern[str]:
    phrases = [r.cells["phrase"] for r in table("closing_phrases.tsv") if r.cells["lang"] == lang.value]
    return patterns.compile(alternation(phrases), regex.IGNORECASE)


@cache
def _closing_heading(lang: Lang) -> regex.Pattern[str]:
    headings = [r.cells["heading"] for r in table("closing_headings.tsv") if r.cells["lang"] == lang.value]
    return patterns.compile(rf"\s*(?:{alternation(headings)})[\s:：.。]*", regex.IGNORECASE)


def _mark_outros(zh: _Part, en: _Part, year: int | None) -> None:
    """Take each part's last paragraph as the outro when it sums up or looks ahead.

    A cue in either language decides for both, as long as the paragraph is not
    the only body paragraph of its section.
    """
    parts = (zh, en)
    for part in parts:
        part.outro = part.closing_section()
    if zh.outro and en.outro:
        return
    candidates = [[] if p.outro else p.last_body_blocks() for p in parts]
    cued = [bool(c) and _is_closing(p, c[-1], year) for p, c in zip(parts, candidates)]
    if not any(cued):
        return
    for part, blocks in zip(parts, candidates):
        if len(blocks) >= 2 and not blocks[-1].level:
            part.outro = [blocks[-1]]


def _is_closing(part: _Part, block: _Block, year: int | None) -> bool:
    if block.level:
        return False
    piece = part.text[block.start : block.end]
    if _closing_pattern(part.lang).match(piece):
        return True
    if year is None:
        return False
    first = _YEAR.search(piece[:40].translate(_ASCII_DIGITS))
    return bool(first) and int(first.group(1)) == year + 1


def _year(title_zh: str, title_en: str, text: str) -> int | None:
    """The year the paper reports on: the first year in a title, else the first in the text."""
    for source in (title_zh, title_en, text[:2000]):
        if m := _YEAR.search(source.translate(_ASCII_DIGITS)):
            return int(m.group(1))
    return None
