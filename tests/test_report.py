"""The HTML report, read back with an HTML parser: every figure and discrepancy is there, all text escaped.

The browser test (test_report_browser.py) loads the same pages in Chromium; this one needs no browser.
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from extractor.pipeline import Result
from extractor.records import Discrepancy, DiscrepancyKind, Lang, Section, Severity
from extractor.report import PaperSummary, render_index, render_report, summarise, write_index, write_report
from extractor.rules import table
from report_cases import hostile, hostile_cases, seed

OUR_TAGS = frozenset("""html head meta title style body header main section h1 h2 h3 p span code b br small div
    ul li table thead tbody tfoot tr th td mark a script""".split())
"""Every element the templates and report.py draw; a planted element would have to be one of these."""


def _soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


@pytest.fixture(scope="module")
def seed_page() -> BeautifulSoup:
    return _soup(render_report(seed()))


@pytest.fixture(scope="module")
def hostile_page() -> BeautifulSoup:
    return _soup(render_report(hostile()))


def _text_without_badges(element: Tag) -> str:
    """The text a reader sees as the paper's, without the #n badges the report adds after figures."""
    copy = _soup(str(element))
    for badge in copy.select("a.flag"):
        badge.decompose()
    return copy.get_text()


def test_one_highlighted_element_per_claim_with_its_id_text_and_partners(seed_page: BeautifulSoup) -> None:
    result = seed()
    partners: dict[str, set[str]] = {c.id: set() for c in result.claims}
    for pair in result.pairs:
        partners[pair.zh].add(pair.en)
        partners[pair.en].add(pair.zh)
    figures = {f["id"]: f for f in seed_page.select("mark.fig")}
    assert len(seed_page.select("mark.fig")) == len(figures) == len(result.claims)
    for claim in result.claims:
        figure = figures[claim.id]
        assert figure["data-claim"] == claim.id
        assert figure.get_text() == claim.text
        assert set(figure["data-partners"].split()) == partners[claim.id]
        assert ("unpaired" in figure["class"]) == (not partners[claim.id])


def test_every_figure_of_a_discrepancy_is_flagged_by_its_worst_severity(seed_page: BeautifulSoup) -> None:
    result = seed()
    worst: dict[str, str] = {}
    for d in result.discrepancies:
        for claim_id in (*d.zh_claims, *d.en_claims):
            if worst.get(claim_id) != Severity.error.value:
                worst[claim_id] = d.severity.value
    for figure in seed_page.select("mark.fig"):
        expected = worst.get(figure["id"])
        flags = {c for c in figure["class"] if c.startswith("flag-")}
        assert flags == ({f"flag-{expected}"} if expected else set()), figure["id"]
        assert len(figure["data-discrepancies"].split()) == sum(
            figure["id"] in (*d.zh_claims, *d.en_claims) for d in result.discrepancies)


def test_one_note_in_place_and_one_table_row_per_discrepancy(seed_page: BeautifulSoup) -> None:
    result = seed()
    ids = [d.id for d in result.discrepancies]
    notes = seed_page.select("#text .note")
    assert sorted(n["data-discrepancy"] for n in notes) == sorted(ids)
    rows = seed_page.select("#discrepancies table.issues tbody tr")
    assert sorted(r["data-discrepancy"] for r in rows) == sorted(ids)
    by_id = {d.id: d for d in result.discrepancies}
    for note in notes:
        discrepancy = by_id[note["data-discrepancy"]]
        assert discrepancy.message in note.get_text()
        assert discrepancy.severity.value in note["class"]
        first = next(iter((*discrepancy.zh_claims, *discrepancy.en_claims)))
        paragraph = next(p for p in note.find_previous_siblings(["p", "h3"]) if "note" not in p.get("class", []))
        assert paragraph.select_one(f"mark#{first}") is not None, discrepancy.id


def test_discrepancy_rows_show_the_sentences_with_each_figure_linked_in_place(seed_page: BeautifulSoup) -> None:
    result = seed()
    claims = {c.id: c for c in result.claims}
    for row in seed_page.select("#discrepancies table.issues tbody tr"):
        discrepancy = next(d for d in result.discrepancies if d.id == row["data-discrepancy"])
        for lang, ids in (("zh", discrepancy.zh_claims), ("en", discrepancy.en_claims)):
            refs = {a["data-ref"] for a in row.select(f"td.{lang} a.ref")}
            assert set(ids) <= refs
            for a in row.select(f"td.{lang} a.ref"):
                assert a["href"] == f"#{a['data-ref']}" and seed_page.select_one(f"mark#{a['data-ref']}")
                assert a.get_text() == claims[a["data-ref"]].text
        assert row.select_one("td a")["href"] == f"#{next(iter((*discrepancy.zh_claims, *discrepancy.en_claims)))}"


def test_errors_come_first_in_the_table(seed_page: BeautifulSoup) -> None:
    severities = [r["class"][0] for r in seed_page.select("#discrepancies table.issues tbody tr")]
    assert severities == sorted(severities, key=[s.value for s in Severity].index)


def test_the_summary_counts_claims_pairs_and_discrepancies_by_kind_and_severity(seed_page: BeautifulSoup) -> None:
    result = seed()
    cards = [int(li.b.get_text()) for li in seed_page.select(".summary .cards li")]
    assert cards == [sum(c.lang is Lang.zh for c in result.claims), sum(c.lang is Lang.en for c in result.claims),
                     len(result.pairs)]
    labels = {r.cells["label"]: r.cells["kind"] for r in table("report_kinds.tsv")}
    counted = Counter((d.kind.value, d.severity.value) for d in result.discrepancies)
    shown = {}
    for row in seed_page.select(".summary table.counts tbody tr"):
        errors, warnings, total = (int(td.get_text()) for td in row.select("td"))
        shown[labels[row.th.get_text()]] = (errors, warnings)
        assert total == errors + warnings
    assert shown == {k: (counted[k, "error"], counted[k, "warning"]) for k, _ in counted}
    errors = sum(d.severity is Severity.error for d in result.discrepancies)
    assert seed_page.select_one(".verdict").get_text().startswith(f"{len(result.discrepancies)} discrepancies")
    assert f"{errors} error" in seed_page.select_one(".verdict").get_text()


def test_sections_pair_by_number_and_every_paragraph_is_shown_as_written(seed_page: BeautifulSoup) -> None:
    document = seed().document
    rows = seed_page.select("#text table.side tbody tr")
    assert [r["data-section"] for r in rows] == list(dict.fromkeys(s.number for s in document.sections))
    for row in rows:
        for lang in ("zh", "en"):
            shown = [_text_without_badges(p) for p in row.select(f"td.{lang} > p:not(.note), td.{lang} > h3")]
            written = [document.text[p.start:p.end] for s in document.sections
                       if s.lang.value == lang and s.number == row["data-section"] for p in s.paragraphs]
            assert shown == written, (row["data-section"], lang)


def test_page_chrome_is_not_shown_as_paper_text(seed_page: BeautifulSoup) -> None:
    document = seed().document
    assert document.chrome
    text = seed_page.get_text()
    for line in document.chrome:
        assert line not in text


@pytest.mark.parametrize("case", hostile_cases(), ids=lambda c: c["id"])
def test_planted_markup_in_the_paper_shows_as_text(hostile_page: BeautifulSoup, case: dict[str, str]) -> None:
    assert case["planted"] in _text_without_badges(hostile_page.select_one("#text"))


def test_no_planted_element_or_attribute_reaches_the_page(hostile_page: BeautifulSoup) -> None:
    elements = hostile_page.find_all(True)
    assert {e.name for e in elements} <= OUR_TAGS
    assert [a for e in elements for a in e.attrs if a.lower().startswith("on")] == []
    assert len(hostile_page.find_all("script")) == 1 and len(hostile_page.find_all("style")) == 1
    links = [a["href"] for a in hostile_page.find_all("a")]
    assert all(href.startswith("#") for href in links)
    assert all(not e.get(a) or "__pwned" not in e.get(a) for e in elements for a in ("href", "class", "id"))


def test_every_string_from_the_paper_is_escaped_in_every_field() -> None:
    result = hostile()
    poison = "\"'><script>window.__pwned='field'</script><img src=x onerror=alert(3)>&amp;"
    document = result.document.model_copy(update={
        "id": poison, "source": poison, "title_zh": poison, "title_en": poison, "warnings": [poison]})
    claims = [c.model_copy(update={"referent": poison, "unit": poison}) for c in result.claims]
    discrepancies = [d.model_copy(update={"message": poison, "id": poison + d.id}) for d in result.discrepancies]
    page = _soup(render_report(result._replace(document=document, claims=claims, discrepancies=discrepancies)))
    assert {e.name for e in page.find_all(True)} <= OUR_TAGS
    assert len(page.find_all("script")) == 1
    assert page.title.get_text() == f"Translation check: {poison}"
    assert poison in page.h1.get_text()
    assert all(poison in f["title"] for f in page.select("mark.fig"))
    assert all(poison in n.get_text() for n in page.select(".note"))
    assert [a for e in page.find_all(True) for a in e.attrs if a.lower().startswith("on")] == []


def test_the_policy_allows_only_our_own_style_and_script_and_no_network(seed_page: BeautifulSoup) -> None:
    policy = seed_page.select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
    rules = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert rules["default-src"] == "'none'"

    def digest(text: str) -> str:
        return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode('utf-8')).digest()).decode()}'"

    assert rules["script-src"] == digest(seed_page.script.string)
    assert rules["style-src"] == digest(seed_page.style.string)
    assert not [e for e in seed_page.find_all(True) if e.get("style") or e.get("src")]
    head = seed_page.head.find_all(True)
    assert head[0].name == "meta" and head[1]["http-equiv"] == "Content-Security-Policy"


def test_the_report_is_byte_identical_on_rerun() -> None:
    from extractor.pipeline import process
    from report_cases import SEED_PATH

    again = process(SEED_PATH.read_bytes(), doc_id="shenzhen-ip-2013", source=seed().document.source)
    assert render_report(again) == render_report(seed())


def test_write_report_and_index_write_their_files(tmp_path: Path) -> None:
    folder = tmp_path / "shenzhen-ip-2013"
    path = write_report(folder, seed())
    assert path == folder / "report.html"
    assert path.read_bytes() == render_report(seed()).encode("utf-8")
    index = write_index(tmp_path, [summarise(seed())])
    assert index == tmp_path / "index.html"
    link = _soup(index.read_text(encoding="utf-8")).select_one("tbody a")["href"]
    assert (tmp_path / link).resolve() == path.resolve()


def test_summarise_counts_the_seed() -> None:
    result = seed()
    summary = summarise(result)
    assert summary == PaperSummary(
        doc_id="shenzhen-ip-2013", title_zh=result.document.title_zh, title_en=result.document.title_en, year=2013,
        claims_zh=sum(c.lang is Lang.zh for c in result.claims), claims_en=sum(c.lang is Lang.en for c in result.claims),
        pairs=len(result.pairs), errors=sum(d.severity is Severity.error for d in result.discrepancies),
        warnings=sum(d.severity is Severity.warning for d in result.discrepancies), link="shenzhen-ip-2013/report.html")
    assert summary.discrepancies == len(result.discrepancies)


def test_the_index_lists_every_paper_by_doc_id_with_its_counts_escaped() -> None:
    poison = "<script>window.__pwned='index'</script>&"
    papers = [summarise(seed())._replace(doc_id="b-paper", link="b-paper/report.html", title_en=poison),
              summarise(seed())._replace(doc_id="a-paper", link="a-paper/report.html", year=None, errors=0)]
    page = _soup(render_index(papers))
    rows = page.select("tbody tr")
    assert [r["data-doc"] for r in rows] == ["a-paper", "b-paper"]
    assert [r.a["href"] for r in rows] == ["a-paper/report.html", "b-paper/report.html"]
    cells = [td.get_text() for td in rows[1].select("td.n")]
    assert cells == [str(papers[0].claims_zh), str(papers[0].claims_en), str(papers[0].pairs), str(papers[0].errors),
                     str(papers[0].warnings)]
    assert poison in rows[1].get_text()
    assert len(page.find_all("script")) == 0
    assert render_index(list(reversed(papers))) == render_index(papers)
    assert "No paper" in render_index([])


def _with(result: Result, *discrepancies: Discrepancy) -> Result:
    return result._replace(discrepancies=[*result.discrepancies, *discrepancies])


class _CrossYear(Discrepancy):
    """A cross-year discrepancy with the fields its check adds: the other paper and its claims."""

    other_doc_id: str | None = None
    other_claims: list[str] = []


@pytest.mark.parametrize("extra, where", [
    (Discrepancy(id="x-1", doc_id="d", kind=DiscrepancyKind.cross_year, severity=Severity.error, section="1.1",
                 zh_claims=["shenzhen-ip-2012:zh-0003"], en_claims=[], message="last year's paper says otherwise"),
     "#section-1\\.1 td.zh > .note"),
    (_CrossYear(id="x-2", doc_id="d", kind=DiscrepancyKind.cross_year, severity=Severity.warning, section=None,
                zh_claims=[], en_claims=[], message="no figure, no section"),
     "#discrepancies > .note"),
    (_CrossYear(id="x-3", doc_id="d", kind=DiscrepancyKind.cross_year, severity=Severity.warning, section="2",
                zh_claims=["zh-0010"], en_claims=[], message="this year's figure", other_doc_id="sz-2012",
                other_claims=["zh-0009", "en-0009"]),
     "#text p:has(mark#zh-0010) + .note"),
], ids=["claims-of-another-paper", "nothing-to-anchor", "extra-field"])
def test_a_discrepancy_is_marked_once_wherever_it_points(extra: Discrepancy, where: str) -> None:
    page = _soup(render_report(_with(seed(), extra)))
    notes = page.select(f'.note[data-discrepancy="{extra.id}"]')
    assert len(notes) == 1 and notes[0] in page.select(where)
    assert len(page.select(f'tr[data-discrepancy="{extra.id}"]')) == 1
    assert len(page.select(".note")) == len(seed().discrepancies) + 1
    others = [a["href"] for a in page.select(f'tr[data-discrepancy="{extra.id}"] a.other')]
    assert others == [f"../{extra.other_doc_id}/report.html#{i}" for i in getattr(extra, "other_claims", [])]


def test_every_discrepancy_kind_has_a_label_and_no_label_names_an_unknown_kind() -> None:
    kinds = [r.cells["kind"] for r in table("report_kinds.tsv")]
    assert sorted(kinds) == sorted(k.value for k in DiscrepancyKind)
    assert len({r.cells["label"] for r in table("report_kinds.tsv")}) == len(kinds)


def _section(lang: str, number: str) -> Section:
    return Section(lang=Lang(lang), number=number, heading="", marker="", level=0, start=0, end=0, paragraphs=[])


@pytest.mark.parametrize("zh, en, rows", [
    ("title intro 1 1.1 2 outro", "title intro 1 1.1 2 outro", "title intro 1 1.1 2 outro"),
    ("title 1 2 3", "title 1 1.1 2 3", "title 1 1.1 2 3"),
    ("title 1 1.1 1.2 2", "title 1 1.1 2", "title 1 1.1 1.2 2"),
    ("title intro 1", "title 1 outro", "title intro 1 outro"),
    ("", "title 1", "title 1"),
], ids=["same", "en-only-subsection", "zh-only-subsection", "each-has-its-own", "no-zh-sections"])
def test_rows_follow_the_chinese_order_with_english_only_sections_slotted_in(zh: str, en: str, rows: str) -> None:
    from extractor.report import _section_order

    sections = [_section("zh", n) for n in zh.split()] + [_section("en", n) for n in en.split()]
    assert _section_order(sections) == rows.split()


def test_a_paper_with_no_discrepancy_says_so_and_flags_nothing() -> None:
    page = _soup(render_report(seed()._replace(discrepancies=[])))
    assert page.select_one(".verdict").get_text() == "No discrepancy found"
    assert page.select("main .note, main a.flag, main .flag-error, main .flag-warning, table.counts, table.issues") == []
    assert len(page.select("mark.fig")) == len(seed().claims)
