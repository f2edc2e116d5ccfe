"""Load the data files under `rules/` once, validating every row.

A rules file is UTF-8 TSV. Lines starting with `#` are its header: where the
rows came from and what each column means. The first non-comment line names
the columns. A row with the wrong number of cells, an empty required cell or
a value its column does not accept fails with the file and line.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from importlib import resources
from typing import NamedTuple

from .errors import RuleError


class Row(NamedTuple):
    """One validated row: its cells by column name, and where it came from."""

    cells: dict[str, str]
    line: int


def _rules_text(name: str) -> str:
    return resources.files("extractor").joinpath("rules", name).read_text(encoding="utf-8")


@cache
def table(name: str, optional: frozenset[str] = frozenset()) -> tuple[Row, ...]:
    """Rows of `rules/<name>`; every column not in `optional` must be filled."""
    rows: list[Row] = []
    columns: list[str] | None = None
    for number, raw in enumerate(_rules_text(name).splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cells = raw.split("\t")
        if columns is None:
            columns = [c.strip() for c in cells]
            continue
        if len(cells) > len(columns):
            raise RuleError(f"rules/{name}:{number}: {len(cells)} cells, the header names {len(columns)}")
        cells += [""] * (len(columns) - len(cells))
        row = dict(zip(columns, (c.strip() for c in cells)))
        for column in columns:
            if not row[column] and column not in optional:
                raise RuleError(f"rules/{name}:{number}: column {column!r} is empty")
        rows.append(Row(row, number))
    if columns is None:
        raise RuleError(f"rules/{name}: no header line")
    return tuple(rows)


def column_values(name: str, column: str, check: Callable[[str], bool] | None = None) -> tuple[str, ...]:
    """One column of a table, each value passed through `check` (a bad one fails with its line)."""
    values = []
    for row in table(name):
        value = row.cells[column]
        if check is not None and not check(value):
            raise RuleError(f"rules/{name}:{row.line}: {column}={value!r} is not accepted")
        values.append(value)
    return tuple(values)


def alternation(words: Sequence[str]) -> str:
    """A regex alternation of literal words, longest first; an empty list is refused."""
    import regex

    if not words:
        raise RuleError("an alternation of no words would match everywhere")
    return "(?:" + "|".join(regex.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w))) + ")"


def prefix_tree(words: Sequence[str]) -> str:
    """The same words as `alternation`, factored by common prefix (ten|tenth|third -> t(?:en(?:th)?|hird)).

    A scanner tries an alternation at every position; the factored form rejects a position on its first
    character instead of trying each word, which is what makes a whole-text scan cheap (stdlib `re`
    does not factor alternations itself). The words must not be empty; none may be a regex.
    """
    import re

    if not words or not all(words):
        raise RuleError("a prefix tree needs words, none of them empty")
    tree: dict[str, dict] = {}
    for word in set(words):
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def branch(node: dict[str, dict]) -> str:
        arms = [re.escape(ch) + branch(child) for ch, child in sorted(node.items()) if ch]
        if not arms:
            return ""
        body = arms[0] if len(arms) == 1 else "(?:" + "|".join(arms) + ")"
        if "" not in node:
            return body
        return f"{body}?" if len(arms) > 1 or len(body) == 1 else f"(?:{body})?"

    return "(?:" + branch(tree) + ")"

