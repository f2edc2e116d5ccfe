"""Hostile inputs built from the seed, at any size: shared by tests/test_hostile_input.py (small) and
bench/hostile_input.py (full size).

Each builder returns a whole raw paper (str), so that the pipeline sees them as a user would hand
them over. Sizes are parameters; the paper's own text stays the seed unless the builder says so.
"""

from __future__ import annotations

import base64
import html
import random
import re
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "raw" / "shenzhen-ip-2013.txt"
_NUMBERED = re.compile(r"[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|[IVX]+\.|[0-9]+\.")
"""A line that starts with a heading number: repeating it would add sections."""


@cache
def seed_lines() -> tuple[str, ...]:
    """The seed's non-blank lines, stripped, in order."""
    return tuple(line.strip() for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip())


def paper_html(lines: tuple[str, ...] | list[str]) -> str:
    """The lines as <p> paragraphs, escaped."""
    return "".join(f"<p>{html.escape(line)}</p>\n" for line in lines)


def nested(depth: int, tag: str = "div", closed: bool = True) -> str:
    """The seed inside `depth` nested elements, closed or left open."""
    closing = f"</{tag}>" * depth if closed else ""
    return f"<html><body>{f'<{tag}>' * depth}{paper_html(seed_lines())}{closing}</body></html>"


def bloated_page(size: int, seed: int = 2013) -> str:
    """The seed inside a page of about `size` characters of CMS bloat.

    What a government CMS serves around a paper: inline scripts and styles, base64 images, a
    huge navigation menu, comments and hidden blocks, each repeated until the page is big.
    """
    rng = random.Random(seed)
    image = base64.b64encode(rng.randbytes(30_000)).decode("ascii")
    menu = "".join(f'<li><a href="/news/{i}.html">栏目{i} 新闻动态 Section {i}</a></li>' for i in range(200))
    pieces = [
        "<script>var dataLayer = window.dataLayer || []; function track(e){dataLayer.push({event: e, "
        "id: 20130926, total: 80657});}" + "track('view');" * 500 + "</script>\n",
        "<style>" + "".join(f".c{i}{{margin:{i}px;padding:{i % 7}px}}" for i in range(800)) + "</style>\n",
        f'<img alt="banner" src="data:image/png;base64,{image}">\n',
        f'<div class="nav"><ul>{menu}</ul></div>\n',
        "<!-- " + "cms-cache 2013-06-10 00:00 node 4500 " * 300 + "-->\n",
        '<div style="display:none" class="hidden-share">' + "分享到 微博 微信 2013 " * 300 + "</div>\n",
    ]
    head = ["<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>深圳市知识产权白皮书</title>"]
    body = ['</head><body><div class="header">当前位置:首页» 知识产权工作</div>',
            f'<div class="article" id="content">{paper_html(seed_lines())}</div>']
    length = sum(map(len, head + body))
    bloat: list[str] = []
    while length < size:
        piece = pieces[len(bloat) % len(pieces)]
        bloat.append(piece)
        length += len(piece)
    half = len(bloat) // 2
    return "".join(head + bloat[:half] + body + bloat[half:] + ["</body></html>"])


def numbers_page(count: int) -> str:
    """A statistical annex: a Chinese and an English table of `count` figures each, one figure a cell."""
    rows_zh = "".join(f"<tr><td>第{i + 1}项</td><td>{(i * 7919) % 100_000}件</td></tr>" for i in range(count))
    rows_en = "".join(f"<tr><td>Item {i + 1}</td><td>{(i * 7919) % 100_000} cases</td></tr>" for i in range(count))
    return ("<html><body><h1>深圳市2013年知识产权统计附表</h1><table>" + rows_zh + "</table>"
            f"<h1>Intellectual Property Statistics of Shenzhen 2013, Annex</h1><table>{rows_en}</table></body></html>")


def firsts_page(count: int) -> str:
    """A ranking table whose Chinese says 第一 in every row and whose English never pairs it: `count` unpaired
    first places, each of which the check asks whether its English sentence says "the largest"."""
    rows_zh = "".join(f"<tr><td>项目{i + 1}</td><td>居全国第一</td></tr>" for i in range(count))
    rows_en = "".join(f"<tr><td>Project {i + 1}</td><td>leading</td></tr>" for i in range(count))
    return (f"<html><body><h1>深圳市2013年知识产权排名附表</h1><table>{rows_zh}</table>"
            f"<h1>Intellectual Property Rankings of Shenzhen 2013, Annex</h1><table>{rows_en}</table></body></html>")


def closing_totals(count: int) -> str:
    """One sentence in each language of `count` parts each followed by a closing total (金奖1项，合计1项，… /
    1 gold, 1 in total, …): every total asks which figures before it it adds up."""
    return (f"深圳市2013年知识产权发展状况白皮书\n\n一、概况\n\n{'金奖1项，合计1项，' * count}。\n\n"
            f"Intellectual Property Development in Shenzhen 2013\n\nI. Overview\n\n{'1 gold, 1 in total, ' * count}.\n")


def run_in_seed(count: int, piece: str = "1,") -> str:
    """The seed with `count` copies of `piece` run into the first Chinese and the first English paragraph."""
    text = SEED.read_text(encoding="utf-8")
    run = piece * count
    zh_at = text.index("知识产权工作取得了新的成绩")
    en_at = text.index("In 2013, the government of Shenzhen")
    return text[:zh_at] + run + text[zh_at:en_at] + run + text[en_at:]


def long_paper(size: int) -> str:
    """A paper of about `size` characters of real text: each seed paragraph repeated, headings kept once.

    Both parts keep the seed's sections, so the sections grow and the numbering stays the seed's; a
    paragraph with a run-in heading ((一)专利申请... 2013年...) is repeated without its number.
    """
    lines = seed_lines()
    copies = max(1, size // sum(len(line) for line in lines))
    body: list[str] = []
    for line in lines:
        if len(line) < 120 and not line.endswith(("。", ".")):
            body.append(line)
        elif numbered := _NUMBERED.match(line):
            body += [line] + [line[numbered.end() :]] * (copies - 1)
        else:
            body += [line] * copies
    return "\n\n".join(body)
