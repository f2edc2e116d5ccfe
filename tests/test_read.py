"""Tests of the `read` stage: encodings, HTML flattening, page chrome, bad input.

The cases are data in tests/cases/; this file only turns each row into bytes or
a page and checks what `read` returns.
"""

from __future__ import annotations

import html
import json
import random
from pathlib import Path
from typing import Any

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor import errors
from extractor import read as read_module
from extractor.errors import InputError
from extractor.read import MAX_CHROME_CHARS, read
from extractor.records import CleanText
from extractor.rules import Row, table

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "cases"
SEED_PATH = ROOT / "raw" / "shenzhen-ip-2013.txt"
SEED = SEED_PATH.read_text(encoding="utf-8")
HANT = (ROOT / "tests" / "data" / "sample-zh-hant.txt").read_text(encoding="utf-8")
BOMS = {"utf-8": b"\xef\xbb\xbf", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}


def tsv(name: str) -> list[dict[str, str]]:
    """Rows of a tests/cases TSV: `#` lines are comments, the first other line names the columns."""
    lines = [line for line in (CASES / name).read_text(encoding="utf-8").splitlines() if line and line[0] != "#"]
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t") + [""] * len(header))) for line in lines[1:]]


def jsonl(name: str) -> list[dict[str, Any]]:
    """Rows of a tests/cases JSONL file."""
    return [json.loads(line) for line in (CASES / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def paragraphs_of_lines(text: str, chrome: list[str]) -> str:
    """The expected CleanText.text of a plain-text paper, computed without `read`."""
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n\n".join(line for line in lines if line and line not in chrome)


def gbk_trap() -> str:
    """The seed's Chinese sentences whose GBK bytes Big5 also decodes (into garbage)."""
    chinese = SEED[: SEED.index("Intellectual Property Development in Shenzhen 2013")]
    sentences = [s.strip() for s in regex.split(r"(?<=[。;,])", chinese) if len(s.strip()) > 6]
    kept = []
    for sentence in sentences:
        try:
            sentence.encode("gbk").decode("big5")
        except UnicodeError:
            continue
        kept.append(sentence)
    return "\n".join("".join(kept[i : i + 6]) for i in range(0, len(kept), 6))


SAMPLES = {"seed": SEED, "hant": HANT, "gbk-trap": gbk_trap()}


def encode(text: str, row: dict[str, str]) -> bytes:
    """The bytes an encodings.tsv row describes."""
    wrap = row["wrap"]
    if wrap != "text":
        style, charset = wrap.split(":")
        meta = (
            f'<meta charset="{charset}">'
            if style == "meta"
            else f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
        )
        body = "".join(f"<p>{html.escape(line)}</p>\n" for line in text.splitlines())
        text = f"<!DOCTYPE html>\n<html>\n<head>\n{meta}\n<title>t</title>\n</head>\n<body>\n{body}</body>\n</html>\n"
    if row["newline"] == "crlf":
        text = text.replace("\n", "\r\n")
    data = text.encode(row["codec"], errors="xmlcharrefreplace" if wrap != "text" else "strict")
    return (BOMS[row["codec"]] if row["bom"] == "yes" else b"") + data


# --- the fixtures: the HTML page and the plain text give the same article ------------------


@pytest.mark.parametrize("case", jsonl("fixtures.jsonl"), ids=lambda case: case["id"])
def test_fixture(case: dict[str, Any]) -> None:
    result = read((ROOT / case["path"]).read_bytes(), case["path"])
    expected = case["expected"]
    if "lines_of" in expected:
        want = paragraphs_of_lines((ROOT / expected["lines_of"]).read_text(encoding="utf-8"), expected["without"])
    else:
        want = (ROOT / expected["file"]).read_text(encoding="utf-8").strip()
    assert isinstance(result, CleanText)
    assert result.encoding == case["encoding"]
    assert result.text == want
    assert result.chrome == case["chrome"]
    paragraphs = result.text.split("\n\n")
    assert not set(paragraphs) & set(result.chrome)
    assert all(paragraph and "\n" not in paragraph and paragraph == paragraph.strip() for paragraph in paragraphs)


def test_html_page_and_plain_text_give_the_same_text() -> None:
    page = read((ROOT / "tests" / "data" / "shenzhen-ip-2013.html").read_bytes(), "shenzhen-ip-2013.html")
    plain = read(SEED_PATH.read_bytes(), "shenzhen-ip-2013.txt")
    assert page.text == plain.text
    assert page.text.startswith("深圳市2013年知识产权发展状况白皮书\n\n2013年,深圳市深入实施")
    assert "4?26" in page.text and "23﹒7万元" in page.text
    for line in ("当前位置:首页» 知识产权工作» 知识产权保护» 深圳市知识产权白皮书", "相关附件"):
        assert line in page.chrome and line in plain.chrome


def test_str_input_is_read_like_bytes() -> None:
    result = read(SEED)
    assert result.encoding == "str"
    assert result.text == read(SEED.encode("utf-8")).text


# --- encodings ----------------------------------------------------------------------------


@pytest.mark.parametrize("row", tsv("encodings.tsv"), ids=lambda row: row["id"])
def test_encoding(row: dict[str, str]) -> None:
    sample = SAMPLES[row["sample"]]
    data = encode(sample, row)
    if row["trap"] != "-":
        data.decode(row["trap"])
    result = read(data, row["id"])
    assert result.encoding == row["expected"]
    assert result.text == read(sample).text


def test_gbk_trap_sample_is_big_enough() -> None:
    assert len(SAMPLES["gbk-trap"]) > 500


# --- text cleaning and HTML flattening ----------------------------------------------------


@pytest.mark.parametrize("case", jsonl("text_cases.jsonl"), ids=lambda case: case["id"])
def test_text_cleaning(case: dict[str, Any]) -> None:
    result = read(case["input"], case["id"])
    assert result.text == case["text"]
    assert read(case["input"].encode("utf-8")).text == case["text"]


@pytest.mark.parametrize("case", jsonl("html_cases.jsonl"), ids=lambda case: case["id"])
def test_html(case: dict[str, Any]) -> None:
    result = read(case["html"], case["id"])
    assert result.text == "\n\n".join(case["text"])
    if "chrome" in case:
        assert result.chrome == case["chrome"]


# --- page chrome --------------------------------------------------------------------------


@pytest.mark.parametrize("row", tsv("chrome_lines.tsv"), ids=lambda row: row["line"][:40])
@pytest.mark.parametrize("as_html", [False, True], ids=["text", "html"])
def test_chrome_line(row: dict[str, str], as_html: bool) -> None:
    first, last = "正文第一段。", "正文最后一段。"
    if as_html:
        raw = f"<html><body><p>{first}</p><p>{html.escape(row['line'])}</p><p>{last}</p></body></html>"
    else:
        raw = f"{first}\n{row['line']}\n{last}\n"
    result = read(raw)
    if row["expected"] == "chrome":
        assert result.chrome == [row["line"]]
        assert result.text == f"{first}\n\n{last}"
    else:
        assert result.chrome == []
        assert result.text == f"{first}\n\n{row['line']}\n\n{last}"


@pytest.mark.parametrize("row", table("chrome.tsv"), ids=lambda row: f"line{row.line}")
def test_chrome_rule_matches_its_example(row: Any) -> None:
    example = row.cells["example"]
    assert len(example) <= MAX_CHROME_CHARS
    assert regex.fullmatch(row.cells["pattern"], example, regex.IGNORECASE)
    assert read(f"正文。\n{example}\n正文。").chrome == [example]


def test_chrome_rules_never_match_inside_a_line() -> None:
    example = table("chrome.tsv")[0].cells["example"]
    result = read(f"正文。\n2013年的一份报告写道:{example}\n")
    assert result.chrome == []


# --- rules files --------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["chrome.tsv", "html_furniture.tsv"])
def test_rules_file_loads(name: str) -> None:
    rows = table(name)
    assert rows
    assert all(all(row.cells.values()) for row in rows)


@pytest.mark.parametrize("row", table("chrome.tsv"), ids=lambda row: f"line{row.line}")
def test_each_chrome_pattern_is_a_pattern_of_its_own(row: Row) -> None:
    """The reader compiles the rows as one alternation; a row must not lean on its neighbours' brackets."""
    regex.compile(row.cells["pattern"])


def test_rules_compile() -> None:
    assert read_module._chrome_pattern().fullmatch("相关附件")
    assert len(read_module._furniture_patterns()) == 4
    rows = table("html_furniture.tsv")
    assert {row.cells["role"] for row in rows} == {"furniture", "content"}
    assert {row.cells["match"] for row in rows} == {"part", "token"}


# --- bad input ----------------------------------------------------------------------------


def bad_bytes(case: dict[str, Any]) -> bytes | str:
    """The input a bad_input.jsonl row describes."""
    if "random" in case:
        size, seed = case["random"]
        return random.Random(seed).randbytes(size)
    if "text" in case:
        return str(case["text"])
    return str(case["latin1"]).encode("latin-1")


@pytest.mark.parametrize("case", jsonl("bad_input.jsonl"), ids=lambda case: case["id"])
def test_bad_input(case: dict[str, Any]) -> None:
    with pytest.raises(InputError) as caught:
        read(bad_bytes(case), "papers/bad-input.bin")
    problem = getattr(errors, case["problem"])
    if "what" in case:
        problem = problem.format(what=case["what"])
    assert caught.value.problem == problem
    message = str(caught.value)
    assert "\n" not in message
    assert message == f"papers/bad-input.bin: {problem}"


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.binary(max_size=3000), st.lists(st.integers(1, 255), max_size=3000).map(bytes)))
def test_any_bytes_give_clean_text_or_input_error(raw: bytes) -> None:
    try:
        result = read(raw, "fuzz")
    except InputError as error:
        assert "\n" not in str(error)
    else:
        assert isinstance(result.text, str)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/=\"' \n\tpdivbrahtmlbody&;#x0a深圳市2013年。\u3000\u00a0"))))
def test_any_markup_gives_clean_text_or_input_error(raw: str) -> None:
    try:
        result = read(raw, "fuzz")
    except InputError:
        return
    assert "\n\n\n" not in result.text
    assert all(paragraph == paragraph.strip() for paragraph in result.text.split("\n\n"))


# --- deeply nested HTML -------------------------------------------------------------------

DEPTH = 20_000
SENTENCE = "深圳市2013年专利申请80,657件。"


@pytest.mark.parametrize("tag", ["div", "span"])
@pytest.mark.parametrize("closed", [True, False], ids=["closed", "unclosed"])
def test_deeply_nested_html(tag: str, closed: bool) -> None:
    page = f"<html><body>{f'<{tag}>' * DEPTH}<p>{SENTENCE}</p>{f'</{tag}>' * DEPTH if closed else ''}</body></html>"
    assert read(page, "deep.html").text == SENTENCE


def _parser_gives_up(*args: object, **kwargs: object) -> None:
    raise RecursionError("maximum recursion depth exceeded")


def test_fallback_handles_deep_nesting(monkeypatch: pytest.MonkeyPatch) -> None:
    """Both parsers give up (tests/test_html_parsers.py has the page case): tag stripping, no recursion."""
    monkeypatch.setattr(read_module, "_lxml_tree", lambda text: None)
    monkeypatch.setattr(read_module, "_soup_tree", _parser_gives_up)
    page = f"<html><body>{'<div>' * DEPTH}<p>{SENTENCE}</p>{'</div>' * DEPTH}</body></html>"
    assert read(page, "deep.html").text == SENTENCE


def test_a_chrome_row_in_regex_syntax_gets_regex(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rows compile with the standard library's engine, faster; a row only `regex` reads makes it `regex`."""
    assert not isinstance(read_module._chrome_pattern(), regex.Pattern)
    rows = (*table("chrome.tsv"), Row({"kind": "footer", "pattern": r"\p{Han}{2}网站", "example": "本站网站"}, 0))
    monkeypatch.setattr(read_module, "table", lambda name: rows)
    read_module._chrome_pattern.cache_clear()
    try:
        pattern = read_module._chrome_pattern()
        assert isinstance(pattern, regex.Pattern) and pattern.fullmatch("本站网站")
    finally:
        read_module._chrome_pattern.cache_clear()
