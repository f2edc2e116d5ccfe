"""Every record the pipeline produces, in one place.

Field names follow DESIGN.md and are a contract: downstream tools and the
scorer read them. Add fields freely; never rename these. Models are strict and
forbid unknown fields, so a record that validates is the record we meant.
"""

from __future__ import annotations

from enum import Enum
from typing import NamedTuple, Union

from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt, StrictStr, TypeAdapter


class Lang(str, Enum):
    """The two language parts of a paper."""

    zh = "zh"
    en = "en"


class ClaimKind(str, Enum):
    """What sort of figure a claim states."""

    count = "count"
    money = "money"
    percent = "percent"
    points = "points"
    ratio = "ratio"
    multiple = "multiple"
    rank = "rank"
    ordinal = "ordinal"
    duration = "duration"
    fraction = "fraction"
    year = "year"
    date = "date"
    period = "period"


TIME_KINDS = frozenset({ClaimKind.year, ClaimKind.date, ClaimKind.period})
"""Figures that say when, not how much: their value is a string ("2013-09-26"), they measure nothing and take no
referent."""


class Approx(str, Enum):
    """How the stated figure bounds the true one (多 / over, 将近 / nearly, ...)."""

    over = ">"
    at_least = ">="
    nearly = "<~"
    about = "~"
    up_to = "<="
    under = "<"


class Change(str, Enum):
    """A figure that states a change rather than a level (同比增长 / a year-on-year growth)."""

    increase = "increase"
    decrease = "decrease"


class SkipReason(str, Enum):
    """Why a number-like span is not a claim."""

    heading = "heading"
    identifier = "identifier"
    name = "name"
    idiom = "idiom"
    page = "page"
    unit = "unit"
    word = "word"
    title = "title"
    note = "note"
    """A footnote mark after a word ([1], applications(2)): it points at a note, it states nothing."""
    malformed = "malformed"


class DiscrepancyKind(str, Enum):
    """What a translation or the paper itself gets wrong."""

    missing_in_en = "missing_in_en"
    missing_in_zh = "missing_in_zh"
    value_mismatch = "value_mismatch"
    scale_mismatch = "scale_mismatch"
    qualifier_mismatch = "qualifier_mismatch"
    direction_mismatch = "direction_mismatch"
    unit_mismatch = "unit_mismatch"
    internal_sum = "internal_sum"
    internal_share = "internal_share"
    cross_year = "cross_year"


class Severity(str, Enum):
    """`error` when the numbers alone prove it, `warning` when a reader must judge."""

    error = "error"
    warning = "warning"


SectionNumber = StrictStr
"""`title`, `intro`, `1`, `1.1`, ..., `outro` (see DESIGN.md, "Section numbers")."""

Value = Union[StrictInt, StrictFloat, StrictStr]
"""A number for quantities (int when integral), a string for time ("2013-09-26")."""


class CleanText(NamedTuple):
    """What `read` hands to `segment`: the article as paragraphs split by blank lines."""

    text: str
    encoding: str
    chrome: list[str]


class Segmented(NamedTuple):
    """What `segment` hands on: both parts' sections in document order, and what it learned."""

    sections: list[Section]
    title_zh: str
    title_en: str
    year: int | None
    warnings: list[str]


class Found(NamedTuple):
    """A figure or skipped span as a language grammar reads it, before ids and referents."""

    start: int
    end: int
    kind: ClaimKind | None
    reason: SkipReason | None = None
    value: int | float | str | None = None
    value_max: int | float | str | None = None
    unit: str | None = None
    approx: Approx | None = None
    change: Change | None = None


class Record(BaseModel):
    """Base of every record: strict types, no unknown fields."""

    model_config = ConfigDict(strict=True, extra="forbid", use_enum_values=False)


class Span(Record):
    """A stretch of `Document.text`, as offsets."""

    start: StrictInt = Field(ge=0)
    end: StrictInt = Field(ge=0)


class Paragraph(Span):
    """One block of text; `index` counts the blocks of its language part from 0."""

    index: StrictInt = Field(ge=0)
    sentences: list[Span]


class Section(Span):
    """A numbered part of one language: title, intro, chapter, subsection or outro.

    Chapter spans contain their subsections; a paragraph belongs to the deepest
    section that holds it.
    """

    lang: Lang
    number: SectionNumber
    heading: StrictStr = Field(description="the heading as written, with its number marker; empty for intro/outro")
    marker: StrictStr = Field(description="the heading's number marker as written (一、 (一) I. 1.), or empty")
    level: StrictInt = Field(ge=0, le=2, description="0 title/intro/outro, 1 chapter, 2 subsection")
    paragraphs: list[Paragraph]


class Document(Record):
    """One paper: the cleaned text every offset points into, and its section trees."""

    id: StrictStr
    source: StrictStr
    sha256: StrictStr
    encoding: StrictStr
    title_zh: StrictStr
    title_en: StrictStr
    year: Union[StrictInt, None]
    text: StrictStr
    sections: list[Section]
    chrome: list[StrictStr] = Field(default_factory=list, description="page chrome lines the reader dropped")
    warnings: list[StrictStr] = Field(default_factory=list)


class Claim(Record):
    """One figure as the paper states it, with its value resolved."""

    id: StrictStr
    doc_id: StrictStr
    lang: Lang
    section: SectionNumber
    paragraph: StrictInt = Field(ge=0)
    sentence: StrictInt = Field(ge=0, description="index of the sentence within its language part")
    start: StrictInt = Field(ge=0)
    end: StrictInt = Field(ge=0)
    text: StrictStr
    kind: ClaimKind
    value: Value
    value_max: Union[StrictInt, StrictFloat, StrictStr, None] = None
    unit: Union[StrictStr, None] = None
    approx: Union[Approx, None] = None
    change: Union[Change, None] = None
    referent: Union[StrictStr, None] = None


class Skipped(Record):
    """A number-like span that is not a claim, and why: nothing is silently lost."""

    id: StrictStr
    doc_id: StrictStr
    lang: Lang
    section: Union[SectionNumber, None]
    start: StrictInt = Field(ge=0)
    end: StrictInt = Field(ge=0)
    text: StrictStr
    reason: SkipReason


class Pair(Record):
    """A Chinese claim and the English claim that renders it."""

    doc_id: StrictStr
    zh: StrictStr
    en: StrictStr
    score: StrictFloat


class Discrepancy(Record):
    """Something a translator or editor must look at."""

    id: StrictStr
    doc_id: StrictStr
    kind: DiscrepancyKind
    severity: Severity
    section: Union[SectionNumber, None] = None
    zh_claims: list[StrictStr]
    en_claims: list[StrictStr]
    message: StrictStr
    other_doc_id: Union[StrictStr, None] = Field(
        default=None, description="cross_year: the other year's paper, whose claims `other_claims` names")
    other_claims: list[StrictStr] = Field(
        default_factory=list, description="cross_year: claim ids of the other year's paper, zh first")


ALL_RECORDS: dict[str, type[Record]] = {
    "document": Document,
    "section": Section,
    "claim": Claim,
    "skipped": Skipped,
    "pair": Pair,
    "discrepancy": Discrepancy,
}
"""Schema name -> model, for `python -m extractor schema`."""


RECORD_LISTS: dict[str, TypeAdapter[list[Claim]] | TypeAdapter[list[Skipped]] | TypeAdapter[list[Pair]]
                   | TypeAdapter[list[Discrepancy]]] = {
    "claims": TypeAdapter(list[Claim]), "skipped": TypeAdapter(list[Skipped]), "pairs": TypeAdapter(list[Pair]),
    "discrepancies": TypeAdapter(list[Discrepancy]),
}
"""A validator and dumper of each list a paper's Result holds, built once: a whole list in one call is cheaper
than one model call a record (extract validates its claims this way; the writer dumps and reloads them)."""
SECTION_LIST: TypeAdapter[list[Section]] = TypeAdapter(list[Section])
"""The section trees of one language part, validated in one call (see RECORD_LISTS)."""
