"""Stage 1, `read`: raw bytes or text in, the article as clean paragraphs out.

Decoding tries, in order: a BOM, UTF-16 recognised by its NUL pattern, strict
UTF-8, the charset an HTML page declares, then charset-normalizer limited to
our four candidates; a guess is taken only if it decodes strictly, so no
detector overrules a clean decode. HTML is parsed by lxml (libxml2, in C:
a 50 MB CMS page in about a second) or, where lxml gives up (nesting deeper
than libxml2 allows), by html.parser; either tree becomes one stream of
start/text/end events, and one walk over it makes the paragraphs (block
elements and <br> end a paragraph, except a <br> that cuts a wrapped line of
prose), dropping non-content elements, page furniture (by tag, by class/id
words from rules/html_furniture.tsv) and link-dense blocks. In plain text a
line is a paragraph, and a wrapped line runs on where blank lines part the
paragraphs. Both paths then drop whole short lines that rules/chrome.tsv calls
page chrome. Characters are never normalised: later stages give offsets into
`CleanText.text`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING, NamedTuple, Union

import regex

from . import errors, patterns
from .errors import InputError, RuleError
from .records import CleanText
from .rules import alternation, table

if TYPE_CHECKING:  # the parsers and the detector load on first use: a text paper needs none of them
    import lxml.html
    from bs4 import BeautifulSoup

MAX_CHROME_CHARS = 200
"""A longer line is never page chrome, whatever it starts with."""

LINK_DENSITY = 0.5
"""A block with more than this share of its text inside <a href> is a menu or link list."""

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "GZIP archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE document (.doc/.xls)"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_DECLARED = {
    "utf-8": "utf-8", "utf8": "utf-8",
    "gb2312": "gb18030", "gbk": "gb18030", "gb_2312-80": "gb18030", "x-gbk": "gb18030",
    "gb18030": "gb18030", "cp936": "gb18030", "euc-cn": "gb18030",
    "big5": "big5", "big5-hkscs": "big5", "x-x-big5": "big5", "cp950": "big5",
}
_NORMALIZER_CODECS = {"utf_8": "utf-8", "gb18030": "gb18030", "big5": "big5"}
_SNIFF_BYTES = 8192
_CHARSET = re.compile(
    rb"""(?:<meta[^>]*?charset|<\?xml[^>]*?encoding)\s*=\s*["']?\s*([a-z0-9_.:-]+)""", re.IGNORECASE
)

_HSPACE = re.compile("[ \t\u00a0\u3000\u2000-\u200a\u202f\u205f]+")
_LINE_END = re.compile("\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")
_HTML_START = re.compile(r"\s*<")
_HTML_TAG = re.compile(r"<(?:html|body|!doctype|p|div|meta)", re.IGNORECASE)
_NAME_TOKEN = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")

_SILENT_TAGS = frozenset(
    "script style noscript template iframe svg title object embed textarea input option".split()
)
_FURNITURE_TAGS = frozenset("nav header footer form button select menu".split())
_BLOCK_TAGS = frozenset(
    """p div h1 h2 h3 h4 h5 h6 li ul ol dl dd dt td th tr table thead tbody tfoot caption
    section article aside main blockquote pre address figure figcaption center hr br
    body html fieldset legend details summary""".split()
)
_ARTICLE_TAGS = frozenset({"article", "main"})
_PAGE_MARKERS = ["p", "h1", "h2", "article", "table"]
"""A <form> holding any of these wraps the page (ASP.NET does), so it is not furniture."""

_IN_LINK, _IN_PRE, _IN_ARTICLE, _FURNITURE = 1, 2, 4, 8

_STRIP_SILENT = re.compile(
    r"<!--.*?-->|<(script|style|noscript|template|iframe|svg|title|textarea)\b.*?</\1\s*>",
    re.IGNORECASE | re.DOTALL,
)
_STRIP_BLOCK = re.compile(r"</?(?:%s)\b[^>]*>" % "|".join(sorted(_BLOCK_TAGS)), re.IGNORECASE)
_STRIP_TAG = re.compile(r"<[!/?a-zA-Z][^>]*>")

Block = tuple[str, bool]
"""A cleaned paragraph, and whether it was dropped as page furniture already."""


class _Element(NamedTuple):
    """What the walk needs of an element, whichever parser built it."""

    name: str
    names: list[str]
    href: bool
    holds_page: bool


class _End(NamedTuple):
    name: str


_Event = Union[_Element, str, _End]
"""An element starts, a piece of text, an element ends: a parsed page in document order."""


def read(raw: bytes | str, source: str = "<input>") -> CleanText:
    """Decode a raw paper (HTML page or plain text) and return its article text.

    The one entry point of the stage, so that every later stage sees the same
    cleaned paragraphs whatever the page's encoding, markup or chrome was.
    Raises InputError for input that is not a text or HTML paper at all.
    """
    text, encoding = _decode(raw, source)
    if _is_html(text):
        blocks = _html_blocks(text)
    else:
        blocks = [(line, False) for line in _text_lines(text)]
    paragraphs: list[str] = []
    chrome: list[str] = []
    for line, furniture in blocks:
        (chrome if furniture or _is_chrome(line) else paragraphs).append(line)
    return CleanText("\n\n".join(paragraphs), encoding, chrome)


def _decode(raw: bytes | str, source: str) -> tuple[str, str]:
    if isinstance(raw, str):
        text, encoding = raw, "str"
    else:
        text, encoding = _decode_bytes(bytes(raw), source)
    text = text.removeprefix("\ufeff")
    if not text:
        raise InputError(errors.EMPTY, source)
    if "\x00" in text:
        raise InputError(errors.BINARY.format(what="NUL bytes"), source)
    if not text.strip():
        raise InputError(errors.WHITESPACE_ONLY, source)
    return text, encoding


def _decode_bytes(raw: bytes, source: str) -> tuple[str, str]:
    if not raw:
        raise InputError(errors.EMPTY, source)
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            text = _strict(raw[len(bom):], "utf-8" if codec == "utf-8-sig" else codec)
            if text is None:
                raise InputError(errors.UNDECODABLE, source)
            return text, codec
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            raise InputError(errors.BINARY.format(what=what), source)
    utf16 = _utf16_without_bom(raw)
    if utf16 is not None:
        return utf16
    if b"\x00" in raw:
        raise InputError(errors.BINARY.format(what="NUL bytes"), source)
    text = _strict(raw, "utf-8")
    if text is not None:
        return text, "utf-8"
    for guess in (_declared_codec, _normalizer_codec):
        codec = guess(raw)
        if codec is not None and (text := _strict(raw, codec)) is not None:
            return text, codec
    raise InputError(errors.UNDECODABLE, source)


def _strict(raw: bytes, codec: str) -> str | None:
    try:
        return raw.decode(codec)
    except UnicodeDecodeError:
        return None


def _utf16_without_bom(raw: bytes) -> tuple[str, str] | None:
    """UTF-16 whose ASCII (spaces, digits, the English part) leaves NULs on one side of its units.

    Asks for NULs in at least 30% of the units, on one side (the other side may hold a
    few: 一 is U+4E00, the ideographic space U+3000), and for a strict decode.
    """
    units = len(raw) // 2
    if units < 2 or len(raw) % 2:
        return None
    even, odd = raw[0::2].count(0), raw[1::2].count(0)
    major, minor, codec = (odd, even, "utf-16-le") if odd >= even else (even, odd, "utf-16-be")
    if major * 10 < units * 3 or minor * 4 > major:
        return None
    text = _strict(raw, codec)
    return None if text is None else (text, codec)


def _declared_codec(raw: bytes) -> str | None:
    match = _CHARSET.search(raw[:_SNIFF_BYTES])
    return _DECLARED.get(match.group(1).decode("ascii").lower()) if match else None


def _normalizer_codec(raw: bytes) -> str | None:
    """charset-normalizer's best guess, among the codecs we accept.

    A BOM-less UTF-16 guess is refused: real UTF-16 was caught by its BOM or NUL
    pattern, and nearly any even-length byte string decodes as UTF-16.
    """
    from charset_normalizer import from_bytes

    best = from_bytes(raw, cp_isolation=["utf_8", "gb18030", "big5", "utf_16"]).best()
    return _NORMALIZER_CODECS.get(best.encoding) if best is not None else None


def _is_html(text: str) -> bool:
    return bool(_HTML_START.match(text)) and _HTML_TAG.search(text, 0, 4096) is not None


def _clean(line: str) -> str:
    return _HSPACE.sub(" ", line).strip()


def _visible(line: str) -> int:
    return len(line) - line.count(" ")


def _text_lines(text: str) -> list[str]:
    """Each line a paragraph; where blank lines part the paragraphs, a line that wraps (`_wraps`) runs on into
    the next unless that one is indented or, in English, starts with a capital: a paper copied out of a PDF
    keeps its hard line breaks inside sentences (达\n80,657件, reaching\n80,657)."""
    raw = _HSPACE.sub(" ", text).splitlines()
    stripped = [line.strip() for line in raw]
    parted = any(not line for line in stripped[1:-1])
    lines: list[str] = []
    runs_on = False
    for line, bare in zip(raw, stripped):
        if not bare:
            runs_on = False
            continue
        if runs_on and line[0] != " " and not ("A" <= bare[0] <= "Z"):
            lines[-1] += _joint(lines[-1], bare) + bare
        else:
            lines.append(bare)
        runs_on = parted and _wraps(bare)
    return lines


WRAP_MIN_COLUMNS = 40
"""How wide a line must be (a Chinese character two columns) to be a wrapped line of prose: hard wraps fall near
a page's width, while the lines of a text table, a heading or a date line are short."""
_WIDE = re.compile("[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")
_LINE_TERMINALS = frozenset("。！？!?；;：:.")
_INDENTS = frozenset(" \u00a0\u3000\u2000\u2001\u2002\u2003\u2009")
"""What indents a line (the raw text after a <br>): the next line starts a paragraph."""
_CLAUSE_MARK = re.compile("[，、；;]|,(?![0-9])")


def _joint(line: str, after: str) -> str:
    """What joins a wrapped line to the text after it: nothing beside a Chinese character, else a space."""
    return "" if _WIDE.match(line[-1]) or _WIDE.match(after[0]) else " "


def _joined(pieces: list[str]) -> str:
    """Text pieces as one clean line: line breaks are spaces, runs of space one."""
    return _clean(_LINE_END.sub(" ", "".join(pieces)))


def _wraps(line: str) -> bool:
    """Whether a line reads as prose cut short by a line break: wide, with a clause mark in it (a heading or a
    table row has none) and no full stop, colon or semicolon at its end."""
    if line[-1] in _LINE_TERMINALS or _CLAUSE_MARK.search(line) is None:
        return False
    return len(line) + len(_WIDE.findall(line)) >= WRAP_MIN_COLUMNS


def _is_chrome(line: str) -> bool:
    return len(line) <= MAX_CHROME_CHARS and _chrome_pattern().fullmatch(line) is not None


@cache
def _chrome_pattern() -> re.Pattern[str] | regex.Pattern[str]:
    """All rows of rules/chrome.tsv as one alternation, compiled once (the rows one by one only to name a
    bad one: compiling is most of what a cold run costs). The standard library's engine tries a short line
    against it two to three times faster than `regex`; rows that need `regex` syntax get `regex`."""
    rows = table("chrome.tsv")
    joined = "|".join(f"(?:{row.cells['pattern']})" for row in rows)
    try:
        return re.compile(joined, re.IGNORECASE)
    except re.error:
        pass
    try:
        return patterns.compile(joined, regex.IGNORECASE)
    except regex.error:
        for row in rows:
            try:
                patterns.compile(row.cells["pattern"])
            except regex.error as error:
                raise RuleError(f"rules/chrome.tsv:{row.line}: bad pattern: {error}") from error
        raise


@cache
def _furniture_patterns() -> dict[tuple[str, str], regex.Pattern[str]]:
    """One pattern per (role, match) of rules/html_furniture.tsv, compiled once.

    A `part` pattern searches the lower-cased class/id names; a `token` pattern
    searches their tokens joined by spaces, so it matches whole tokens only.
    """
    words: dict[tuple[str, str], list[str]] = {
        (role, match): [] for role in ("furniture", "content") for match in ("part", "token")
    }
    for row in table("html_furniture.tsv"):
        key = (row.cells["role"], row.cells["match"])
        if key not in words:
            raise RuleError(f"rules/html_furniture.tsv:{row.line}: role={key[0]!r} match={key[1]!r}")
        words[key].append(row.cells["word"].lower())
    compiled = {}
    for (role, match), found in words.items():
        body = alternation(found) if found else "(?!)"
        compiled[role, match] = patterns.compile(body if match == "part" else rf"(?<![^ ]){body}(?![^ ])")
    return compiled


def _furniture_name(names: list[str]) -> bool:
    if not names:
        return False
    whole = " ".join(names).lower()
    tokens = " ".join(_NAME_TOKEN.findall(" ".join(names))).lower()
    furniture = _furniture_patterns()

    def says(role: str) -> bool:
        return bool(furniture[role, "part"].search(whole) or furniture[role, "token"].search(tokens))

    return says("furniture") and not says("content")


def _is_furniture(element: _Element, flags: int) -> bool:
    name = element.name
    if name in _FURNITURE_TAGS:
        if name == "header" and flags & _IN_ARTICLE:
            return False
        if name == "form" and element.holds_page:
            return False
        return True
    return _furniture_name(element.names)


def _html_blocks(text: str) -> list[Block]:
    """Paragraphs of an HTML page: lxml, else html.parser, else tag stripping if both give up.

    Only the parse is guarded: an error in our own walk of the tree is a bug to see, not hostile markup.
    """
    try:
        root = _lxml_tree(text)
        events = _lxml_events(root) if root is not None else _soup_events(_soup_tree(text))
    except Exception:  # noqa: BLE001 - the parsers raise assorted errors on hostile markup
        return [(line, False) for line in _text_lines(_strip_tags(text))]
    return _walk(events)


def _soup_tree(text: str) -> BeautifulSoup:
    """The page as html.parser parses it (pure Python, so no depth limit but the tree's size)."""
    from bs4 import BeautifulSoup

    return BeautifulSoup(text, "html.parser")


def _lxml_tree(text: str) -> lxml.html.HtmlElement | None:
    """The page as lxml parses it, or None where libxml2 stopped (nesting past its depth limit)."""
    import lxml.etree
    import lxml.html

    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True)
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (lxml.etree.ParserError, ValueError, UnicodeError):
        return None
    if any(entry.level == lxml.etree.ErrorLevels.FATAL for entry in parser.error_log):
        return None
    return root


def _lxml_events(root: lxml.html.HtmlElement) -> Iterator[_Event]:
    """An lxml tree as events: an element's text follows its start, its tail its end."""
    import lxml.etree

    walker = lxml.etree.iterwalk(root, events=("start", "end"))
    for action, element in walker:
        name = element.tag
        if not isinstance(name, str):
            if action == "end" and element.tail:
                yield element.tail
            continue
        if action == "start":
            if name in _SILENT_TAGS:
                walker.skip_subtree()
                continue
            attributes = element.attrib
            names = attributes.get("class", "").split() + attributes.get("id", "").split()
            holds_page = name == "form" and next(element.iter(*_PAGE_MARKERS), None) is not None
            yield _Element(name, names, "href" in attributes, holds_page)
            if element.text:
                yield element.text
        else:
            if name not in _SILENT_TAGS:
                yield _End(name)
            if element.tail:
                yield element.tail


def _soup_events(soup: BeautifulSoup) -> Iterator[_Event]:
    """A BeautifulSoup tree as events, with an explicit stack: no recursion, any depth."""
    from bs4.element import NavigableString, PageElement, PreformattedString, Tag

    stack: list[tuple[PageElement, bool]] = [(soup, False)]
    while stack:
        node, leaving = stack.pop()
        if isinstance(node, NavigableString):
            if not isinstance(node, PreformattedString):
                yield str(node)
        elif not isinstance(node, Tag) or node.name in _SILENT_TAGS:
            continue
        elif leaving:
            yield _End(node.name)
        else:
            names = [n for n in node.get_attribute_list("class") + node.get_attribute_list("id") if n]
            holds_page = node.name == "form" and node.find(_PAGE_MARKERS) is not None
            yield _Element(node.name, names, node.has_attr("href"), holds_page)
            stack.append((node, True))
            stack.extend((child, False) for child in reversed(node.contents))


class _Paragraph:
    """The paragraph being built by `_walk`: text pieces, and how much of it is link text."""

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.link_pieces: list[str] = []
        self.furniture = False
        self.mark = 0
        """Where the line since the last <br> that ran on starts in `pieces`."""

    def add(self, piece: str, flags: int) -> None:
        self.pieces.append(piece)
        if flags & _IN_LINK:
            self.link_pieces.append(piece)
        self.furniture = bool(flags & _FURNITURE)

    def line(self, start: int = 0) -> str:
        """The paragraph's text, or from piece `start` on, as one clean line."""
        return _joined(self.pieces[start:])

    def wraps(self) -> bool:
        """Whether the line since the last <br> that ran on (`run_on`) is a wrapped line of prose (`_wraps`)."""
        line = self.line(self.mark)
        return bool(line) and _wraps(line)

    def run_on(self, piece: str) -> bool:
        """After a <br> that cut a wrapped line, join `piece` to the paragraph, as `_text_lines` joins a plain
        text's wrapped lines: unless it is indented or starts with a capital. Whether it joined."""
        bare = _LINE_END.sub("", piece).lstrip(" \t")
        if not bare or bare[0] in _INDENTS or "A" <= bare[0] <= "Z":
            return False
        line = self.line(self.mark)
        self.pieces[self.mark :] = [line + _joint(line, bare)]
        self.mark = len(self.pieces)
        return True

    def flush(self, blocks: list[Block]) -> None:
        """End the paragraph; the link share is only measured for text not already furniture."""
        if not self.pieces:
            return
        line = self.line()
        if line:
            dense = False
            if not self.furniture and self.link_pieces:
                link = _joined(self.link_pieces)
                dense = _visible(link) > LINK_DENSITY * _visible(line)
            blocks.append((line, self.furniture or dense))
        self.pieces, self.link_pieces, self.furniture, self.mark = [], [], False, 0


def _walk(events: Iterator[_Event]) -> list[Block]:
    """Paragraphs from a page's events; the flags of the open elements on a stack, not in recursion."""
    blocks: list[Block] = []
    paragraph = _Paragraph()
    open_elements: list[tuple[int, bool]] = [(0, False)]
    cut = False  # a <br> cut a wrapped line: the next text may run on (`_Paragraph.run_on`)
    for event in events:
        flags = open_elements[-1][0]
        if isinstance(event, str):
            if cut:
                if not _LINE_END.sub("", event).strip(" \t"):
                    continue
                cut = False
                if not paragraph.run_on(event):
                    paragraph.flush(blocks)
            if flags & _IN_PRE:
                *lines, last = _LINE_END.split(event)
                for line in lines:
                    paragraph.add(line, flags)
                    paragraph.flush(blocks)
                paragraph.add(last, flags)
            else:
                paragraph.add(event, flags)
        elif isinstance(event, _End):
            if open_elements.pop()[1]:
                paragraph.flush(blocks)
                cut = False
        elif event.name == "br" and not cut and not flags & (_FURNITURE | _IN_PRE) and paragraph.wraps():
            cut = True
            open_elements.append((flags, False))
        else:
            inner = flags
            if not flags & _FURNITURE and _is_furniture(event, flags):
                inner |= _FURNITURE
            if event.name == "a" and event.href:
                inner |= _IN_LINK
            if event.name == "pre":
                inner |= _IN_PRE
            if event.name in _ARTICLE_TAGS:
                inner |= _IN_ARTICLE
            ends_paragraph = event.name in _BLOCK_TAGS or inner & _FURNITURE != flags & _FURNITURE
            if ends_paragraph:
                paragraph.flush(blocks)
                cut = False
            open_elements.append((inner, ends_paragraph))
    paragraph.flush(blocks)
    return blocks


def _strip_tags(text: str) -> str:
    """Plain text of a page by regular expressions: the fallback when the HTML parser fails."""
    text = _LINE_END.sub(" ", _STRIP_SILENT.sub(" ", text))
    text = _STRIP_BLOCK.sub("\n", text)
    return html.unescape(_STRIP_TAG.sub("", text))
