"""The side-by-side HTML report of one paper, and the index of every paper.

Reads what `check` hands on (a `Result`) and writes static files an editor can
open offline or get as an attachment: inline CSS and JS, allowed by their
sha256 in a Content-Security-Policy that forbids any network (`default-src
'none'`). Every piece of the paper's text is escaped: by jinja2's autoescape in
the templates, and by `html.escape` in the few fragments drawn here, hundreds
of times a page, where a template call would cost more than the rest of the
report. Only our own stylesheet and script are trusted. The same input gives
the same bytes: no clock, no nonce, every list in a fixed order.
"""

from __future__ import annotations

import base64
import hashlib
import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from html import escape
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from .records import (
    Claim,
    Discrepancy,
    DiscrepancyKind,
    Document,
    Lang,
    Paragraph,
    Section,
    Severity,
    Span,
)
from .rules import table

if TYPE_CHECKING:
    from .pipeline import Result

REPORT_NAME = "report.html"
INDEX_NAME = "index.html"
_SEVERITIES = [s.value for s in Severity]
"""`error` before `warning`: the table lists what the numbers alone prove first."""
_NOWHERE = 1 << 62
"""The position of a discrepancy with no figure in this paper: after every other."""

_FLAG = '<a class="flag {severity}" href="#{anchor}" title="{severity}: {label}">#{number}</a>'
"""A badge after a figure; every value that goes in is escaped first."""
_MARKUP = re.compile(r"[&<>]")
"""What text between tags must have escaped."""


class PaperSummary(NamedTuple):
    """One line of the index: a paper's counts and the link to its report."""

    doc_id: str
    title_zh: str
    title_en: str
    year: int | None
    claims_zh: int
    claims_en: int
    pairs: int
    errors: int
    warnings: int
    link: str

    @property
    def discrepancies(self) -> int:
        """Every discrepancy, whatever its severity."""
        return self.errors + self.warnings


class _Figure(NamedTuple):
    """How one claim is drawn, every field already escaped: classes, id, data attributes and tooltip, badges."""

    id: str
    classes: str
    attributes: str
    flags: str


class _Issue(NamedTuple):
    """One discrepancy as the report shows it: a table row and one note in place."""

    number: int
    id: str
    kind: str
    label: str
    severity: str
    section: str
    message: str
    anchor: str
    target: str | None
    present: list[str]
    elsewhere: list[str]
    others: list[tuple[str, str]]
    zh: list[Markup]
    en: list[Markup]


class _Block(NamedTuple):
    """One paragraph in place, with the notes of the discrepancies anchored to it."""

    html: Markup
    whole_heading: bool
    notes: list[_Issue]


class _Row(NamedTuple):
    """One section number: the Chinese and English paragraphs side by side."""

    number: str
    zh: list[_Block]
    en: list[_Block]
    notes: list[_Issue]


class _KindCount(NamedTuple):
    label: str
    meaning: str
    errors: int
    warnings: int


class _Summary(NamedTuple):
    claims_zh: int
    claims_en: int
    unpaired_zh: int
    unpaired_en: int
    pairs: int
    errors: int
    warnings: int
    total: int
    kinds: list[_KindCount]


class _Spot(NamedTuple):
    """A paragraph, the section it belongs to, and the claims that start inside it in text order."""

    paragraph: Paragraph
    section: Section
    claims: list[Claim]


class _Placed(NamedTuple):
    """Every paragraph keyed by lang and index, and the key of each claim's paragraph."""

    spots: dict[tuple[str, int], _Spot]
    claim_spot: dict[str, tuple[str, int]]


def render_report(result: Result) -> str:
    """The report of one paper as one self-contained HTML page."""
    document = result.document
    claims = {c.id: c for c in result.claims}
    partners: dict[str, list[str]] = defaultdict(list)
    for pair in result.pairs:
        partners[pair.zh].append(pair.en)
        partners[pair.en].append(pair.zh)
    ordered = _ordered(result.discrepancies, claims)
    issues_of: dict[str, list[tuple[int, Discrepancy]]] = defaultdict(list)
    for number, discrepancy in enumerate(ordered, start=1):
        for claim_id in (*discrepancy.zh_claims, *discrepancy.en_claims):
            issues_of[claim_id].append((number, discrepancy))
    figures = {c.id: _figure(c, sorted(partners.get(c.id, ())), issues_of.get(c.id, [])) for c in result.claims}
    placed = _place(document, result.claims)
    page = _Page(document.text, figures)
    issues = [_issue(n, d, page, claims, placed) for n, d in enumerate(ordered, start=1)]
    rows, loose = _rows(document, placed, page, issues)
    assets = _assets()
    return _environment().get_template("report.html.j2").render(
        doc=document, summary=_summary(result, partners), issues=issues, rows=rows, loose=loose,
        css=assets.css, script=assets.script, csp=assets.report_csp,
    )


def write_report(folder: Path, result: Result) -> Path:
    """Write `folder/report.html` and return its path."""
    return _write(folder / REPORT_NAME, render_report(result))


def summarise(result: Result) -> PaperSummary:
    """The index line of one paper."""
    document = result.document
    severities = [_value(d.severity) for d in result.discrepancies]
    return PaperSummary(
        doc_id=document.id,
        title_zh=document.title_zh,
        title_en=document.title_en,
        year=document.year,
        claims_zh=sum(c.lang is Lang.zh for c in result.claims),
        claims_en=sum(c.lang is Lang.en for c in result.claims),
        pairs=len(result.pairs),
        errors=severities.count(Severity.error.value),
        warnings=severities.count(Severity.warning.value),
        link=report_link(document.id),
    )


def report_link(doc_id: str) -> str:
    """Where a paper's report is, from the index beside its folder."""
    return f"{quote(doc_id)}/{REPORT_NAME}"


def render_index(papers: Sequence[PaperSummary]) -> str:
    """The index of every paper, ordered by doc-id whatever order they came in."""
    ordered = sorted(papers, key=lambda p: p.doc_id)
    totals = {"errors": sum(p.errors for p in ordered), "warnings": sum(p.warnings for p in ordered)}
    assets = _assets()
    return _environment().get_template("index.html.j2").render(
        papers=ordered, totals=totals, css=assets.css, csp=assets.index_csp,
    )


def write_index(out: Path, papers: Sequence[PaperSummary]) -> Path:
    """Write `out/index.html` and return its path."""
    return _write(out / INDEX_NAME, render_index(papers))


def _write(path: Path, text: str) -> Path:
    from .store import write_atomic

    write_atomic(path, text)
    return path


class _Assets(NamedTuple):
    css: str
    script: str
    report_csp: str
    index_csp: str


@cache
def _assets() -> _Assets:
    """Our stylesheet and script, and the policies that allow exactly them (by hash, so reruns match)."""
    folder = resources.files("extractor").joinpath("templates")
    css = folder.joinpath("report.css").read_text(encoding="utf-8")
    script = folder.joinpath("report.js").read_text(encoding="utf-8")
    closed = "default-src 'none'; base-uri 'none'; form-action 'none'"
    return _Assets(css, script, f"{closed}; style-src '{_sha256(css)}'; script-src '{_sha256(script)}'",
                   f"{closed}; style-src '{_sha256(css)}'")


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


@cache
def _environment() -> jinja2.Environment:
    """Templates compiled once; autoescape on for every template, whatever its name."""
    return jinja2.Environment(loader=jinja2.PackageLoader("extractor", "templates"), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


@cache
def _kind_labels() -> dict[str, tuple[str, str]]:
    """rules/report_kinds.tsv: kind -> (label, meaning)."""
    return {r.cells["kind"]: (r.cells["label"], r.cells["meaning"]) for r in table("report_kinds.tsv")}


def _value(field: object) -> str:
    """An enum's value, or a plain string as it is (records built elsewhere may carry either). Read as
    `_value_`, the member's own attribute: the `value` property costs more than the rest of a figure's label."""
    return str(getattr(field, "_value_", field))


def _label(kind: str) -> str:
    return _kind_labels().get(kind, (kind, ""))[0]


def _anchor(number: int) -> str:
    return f"note-{number}"


def _ordered(discrepancies: Iterable[Discrepancy], claims: dict[str, Claim]) -> list[Discrepancy]:
    """Errors first, then in the order their first figure appears in the paper."""
    def key(item: tuple[int, Discrepancy]) -> tuple[int, int, int]:
        position, discrepancy = item
        severity = _value(discrepancy.severity)
        rank = _SEVERITIES.index(severity) if severity in _SEVERITIES else len(_SEVERITIES)
        starts = [claims[i].start for i in (*discrepancy.zh_claims, *discrepancy.en_claims) if i in claims]
        return rank, min(starts, default=_NOWHERE), position

    return [d for _, d in sorted(enumerate(discrepancies), key=key)]


def _figure(claim: Claim, partners: list[str], issues: list[tuple[int, Discrepancy]]) -> _Figure:
    """Everything about a figure but its text, escaped once however often it is drawn."""
    classes = "fig paired" if partners else "fig unpaired"
    if issues:
        errors = any(_value(d.severity) == Severity.error.value for _, d in issues)
        classes += " flag-error" if errors else " flag-warning"
    value = f"{claim.value}" if claim.value_max is None else f"{claim.value} to {claim.value_max}"
    tip = f"{claim.id}: {_value(claim.kind)} {value}"
    for detail in (claim.unit, claim.approx, claim.change):
        if detail:
            tip += f" {_value(detail)}"
    tip += f"; paired with {', '.join(partners)}" if partners else "; no partner"
    if claim.referent:
        tip += f"; measures {claim.referent}"
    claim_id = escape(claim.id)
    attributes = (f'data-claim="{claim_id}" data-partners="{escape(" ".join(partners))}" '
                  f'data-discrepancies="{escape(" ".join(d.id for _, d in issues))}" tabindex="0" '
                  f'title="{escape(tip)}"')
    flags = "".join(_FLAG.format(severity=escape(_value(d.severity)), anchor=_anchor(n), number=n,
                                 label=escape(_label(_value(d.kind)))) for n, d in issues)
    return _Figure(claim_id, classes, attributes, flags)


class _Page:
    """The paper's text drawn as HTML: plain stretches and figures, in place or as links.

    Text between tags needs only & < and > escaped (quotes matter in attributes alone), and most
    stretches of a paper hold none of them: a stretch is escaped only when one lies inside it, told by a
    bisect into their positions, found in one scan. A sentence the discrepancy table shows for several
    discrepancies is drawn once.
    """

    def __init__(self, text: str, figures: dict[str, _Figure]) -> None:
        self.text = text
        self.figures = figures
        self._markup = [m.start() for m in _MARKUP.finditer(text)]
        self._links: dict[tuple[int, int], Markup] = {}

    def plain(self, start: int, end: int) -> str:
        """text[start:end] as HTML content."""
        piece = self.text[start:end]
        markup = self._markup
        if markup:
            at = bisect_left(markup, start)
            if at < len(markup) and markup[at] < end:
                return escape(piece, quote=False)
        return piece

    def in_place(self, span: Span, claims: Sequence[Claim], heading_end: int = -1) -> Markup:
        """A paragraph: each figure focusable, with its partners, discrepancies and badges; the heading's
        part (before `heading_end`) marked as such."""
        return self._drawn(span.start, span.end, claims, _in_place, heading_end)

    def linked(self, start: int, end: int, claims: Sequence[Claim]) -> Markup:
        """A sentence in the discrepancy table, each figure a link to the figure in place."""
        key = (start, end)
        drawn = self._links.get(key)
        if drawn is None:
            drawn = self._links[key] = self._drawn(start, end, claims, _as_link)
        return drawn

    def _drawn(self, start: int, end: int, claims: Sequence[Claim], draw: Callable[[_Figure, str, bool], str],
               heading_end: int = -1) -> Markup:
        """text[start:end] with each figure drawn by `draw`; a figure never reaches back into the one before."""
        parts: list[str] = []
        cursor = start
        figures = self.figures
        for claim in claims:
            first = max(cursor, claim.start)
            stop = min(max(first, claim.end), end)
            if cursor < first:
                self._plain(parts, cursor, first, heading_end)
            parts.append(draw(figures[claim.id], self.plain(first, stop), first < heading_end))
            cursor = stop
        if cursor < end:
            self._plain(parts, cursor, end, heading_end)
        return Markup("".join(parts))

    def _plain(self, parts: list[str], start: int, end: int, heading_end: int) -> None:
        split = min(max(heading_end, start), end)
        if start < split:
            parts.append(f'<span class="head">{self.plain(start, split)}</span>')
        if split < end:
            parts.append(self.plain(split, end))


def _in_place(figure: _Figure, html: str, heading: bool) -> str:
    classes = f"{figure.classes} head" if heading else figure.classes
    return f'<mark class="{classes}" id="{figure.id}" {figure.attributes}>{html}</mark>{figure.flags}'


def _as_link(figure: _Figure, html: str, heading: bool) -> str:
    return f'<a class="ref {figure.classes}" href="#{figure.id}" data-ref="{figure.id}">{html}</a>'


def _place(document: Document, claims: Sequence[Claim]) -> _Placed:
    """Put each claim in the paragraph that holds its start (offsets, not indexes, are the truth)."""
    ordered = sorted(((p, s) for s in document.sections for p in s.paragraphs), key=lambda ps: ps[0].start)
    starts = [p.start for p, _ in ordered]
    placed = _Placed({(_value(s.lang), p.index): _Spot(p, s, []) for p, s in ordered}, {})
    for claim in sorted(claims, key=lambda c: (c.start, c.end)):
        at = bisect_right(starts, claim.start) - 1
        if at >= 0 and claim.start < ordered[at][0].end:
            paragraph, section = ordered[at]
            key = (_value(section.lang), paragraph.index)
            placed.spots[key].claims.append(claim)
            placed.claim_spot[claim.id] = key
    return placed


def _heading_end(document: Document, section: Section, paragraph: Paragraph) -> int:
    """Where the section's heading ends, when this paragraph opens with it; else -1."""
    heading = section.heading
    if heading and paragraph is section.paragraphs[0] and document.text.startswith(heading, paragraph.start):
        return paragraph.start + len(heading)
    return -1


def _issue(number: int, discrepancy: Discrepancy, page: _Page, claims: dict[str, Claim], placed: _Placed) -> _Issue:
    named = (*discrepancy.zh_claims, *discrepancy.en_claims)
    present = [i for i in named if i in claims]
    kind = _value(discrepancy.kind)
    return _Issue(
        number=number, id=discrepancy.id, kind=kind, label=_label(kind), severity=_value(discrepancy.severity),
        section=discrepancy.section or "", message=discrepancy.message, anchor=_anchor(number),
        target=present[0] if present else None, present=present, elsewhere=[i for i in named if i not in claims],
        others=_other_paper(discrepancy),
        zh=_sentences(discrepancy.zh_claims, page, claims, placed),
        en=_sentences(discrepancy.en_claims, page, claims, placed),
    )


def _other_paper(discrepancy: Discrepancy) -> list[tuple[str, str]]:
    """Links to the claims of another paper a cross-year check names (fields a Discrepancy may or may not have)."""
    other = getattr(discrepancy, "other_doc_id", None)
    if not other:
        return []
    report = f"../{quote(other)}/{REPORT_NAME}"
    claim_ids = getattr(discrepancy, "other_claims", None) or []
    return [(f"{other} {i}", f"{report}#{quote(i)}") for i in claim_ids] or [(other, report)]


def _sentences(claim_ids: Sequence[str], page: _Page, claims: dict[str, Claim], placed: _Placed) -> list[Markup]:
    """The sentences that hold these claims, once each and in text order, every figure in them a link."""
    spans: dict[tuple[int, int], list[Claim]] = {}
    for claim_id in claim_ids:
        key = placed.claim_spot.get(claim_id)
        if key is None:
            continue
        start = claims[claim_id].start
        spot = placed.spots[key]
        sentence: Span = next((s for s in spot.paragraph.sentences if s.start <= start < s.end), spot.paragraph)
        if (sentence.start, sentence.end) not in spans:
            spans[sentence.start, sentence.end] = [c for c in spot.claims if sentence.start <= c.start < sentence.end]
    return [page.linked(a, b, inside) for (a, b), inside in sorted(spans.items())]


def _rows(document: Document, placed: _Placed, page: _Page, issues: list[_Issue]) -> tuple[list[_Row], list[_Issue]]:
    """One row a section number, zh and en side by side; each note beside the paragraph of its first figure.

    A discrepancy with no figure in this paper goes at the top of its section, or, with no section
    either, under the discrepancy table: every discrepancy has one note.
    """
    numbers = _section_order(document.sections)
    notes: dict[tuple[str, int], list[_Issue]] = defaultdict(list)
    by_section: dict[str, list[_Issue]] = defaultdict(list)
    loose: list[_Issue] = []
    for issue in issues:
        key = next((placed.claim_spot[i] for i in issue.present if i in placed.claim_spot), None)
        if key is not None:
            notes[key].append(issue)
        elif issue.section in numbers:
            by_section[issue.section].append(issue)
        else:
            loose.append(issue)
    columns: dict[tuple[str, str], list[_Block]] = defaultdict(list)
    for key, spot in placed.spots.items():
        heading_end = _heading_end(document, spot.section, spot.paragraph)
        html = page.in_place(spot.paragraph, spot.claims, heading_end)
        columns[spot.section.number, key[0]].append(
            _Block(html, heading_end == spot.paragraph.end, notes.get(key, [])))
    rows = [_Row(n, columns[n, "zh"], columns[n, "en"], by_section.get(n, [])) for n in numbers]
    return rows, loose


def _section_order(sections: Sequence[Section]) -> list[str]:
    """Section numbers in Chinese order, English-only numbers slotted after the number before them."""
    order: list[str] = []
    for lang in (Lang.zh, Lang.en):
        at = -1
        for section in sections:
            if section.lang is not lang:
                continue
            if section.number in order:
                at = order.index(section.number)
            else:
                at += 1
                order.insert(at, section.number)
    return order


def _summary(result: Result, partners: dict[str, list[str]]) -> _Summary:
    """The numbers at the top: claims per language, pairs, discrepancies by kind and severity."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for discrepancy in result.discrepancies:
        counts[_value(discrepancy.kind)][_value(discrepancy.severity)] += 1
    known = [k.value for k in DiscrepancyKind]
    kinds = [k for k in known if k in counts] + sorted(k for k in counts if k not in known)
    labels = _kind_labels()
    rows = [_KindCount(*labels.get(k, (k, "")), counts[k][Severity.error.value], counts[k][Severity.warning.value])
            for k in kinds]
    zh = [c.id for c in result.claims if c.lang is Lang.zh]
    en = [c.id for c in result.claims if c.lang is Lang.en]
    return _Summary(
        claims_zh=len(zh), claims_en=len(en),
        unpaired_zh=sum(i not in partners for i in zh), unpaired_en=sum(i not in partners for i in en),
        pairs=len(result.pairs), errors=sum(r.errors for r in rows), warnings=sum(r.warnings for r in rows),
        total=len(result.discrepancies), kinds=rows,
    )
