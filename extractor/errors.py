"""Error types and their texts, in one place.

`InputError` is the one documented failure of `process()`: bad input. The CLI
turns it into a one-line message naming the file, and exit code 2.
"""

from __future__ import annotations


class InputError(ValueError):
    """The input is not a paper we can read: empty, binary, undecodable, not bilingual."""

    def __init__(self, problem: str, source: str | None = None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.source = source

    def __str__(self) -> str:
        return f"{self.source}: {self.problem}" if self.source else self.problem


class RuleError(ValueError):
    """A row of a rules file is malformed: names the file and the line."""


EMPTY = "empty file"
WHITESPACE_ONLY = "no text: the file holds only white space"
BINARY = "binary file ({what}), not a text or HTML paper"
UNDECODABLE = "cannot decode the bytes as UTF-8, UTF-16, GB18030 or Big5"
NO_CHINESE = "not a bilingual paper: no Chinese part found"
NO_ENGLISH = "not a bilingual paper: no English part found"
TWO_PAPERS = "more than one paper: Chinese text found again after the English part"
INTERLEAVED = ("Chinese and English alternate (a side-by-side page): a paper is read as its whole Chinese text "
               "first, then its English translation")
NO_SUCH_FILE = "no such file or directory"
NOT_A_FILE = "not a regular file"
NO_PAPERS = "no papers found in the directory"
