"""What a figure measures, as the text says it (国内发明专利申请量 / domestic invention patent applications).

Chinese: jieba cuts only the short clause before the figure (from the last
clause break or the previous figure), and connectives, linking verbs,
qualifiers and change words are trimmed from its ends. English: the noun
phrase after the number ("20 enterprises"), else the clause before it,
trimmed alike. A figure with nothing of its own before it ("达80,657件",
"同比增长10.29%") measures what the figure before it in the sentence measured.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from functools import cache, lru_cache
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import regex

from . import patterns
from .cachedir import cache_folder
from .records import ClaimKind, Found
from .rules import alternation, table
from .spans import LOOKBACK, last_break

if TYPE_CHECKING:
    import jieba
    import marisa_trie

_ZH_BREAK = patterns.compile(r"[，,；;。：:、！？!（）()“”《》]", regex.REVERSE)
_ZH_ASIDE = patterns.compile(r"[（(][^（()）]*[)）]")
_EN_BREAK = patterns.compile(r"[,;:()‘’“”\"]|\s[-–—]\s", regex.REVERSE)
_EN_WORD = patterns.compile(r"[A-Za-z](?:[A-Za-z'’-]|&(?=[A-Za-z]))*(?:(?<=-)[0-9]{1,2}(?![0-9]))?")
"""A word; one ending in a hyphen takes the number after it (Tier-2, Grade-3): a grade is one word of a name."""
_LINKED = patterns.compile(r" (?:were|was|are|is) (?=[a-z])")
"""Between a figure and the plural noun it counts (of which 40,028 were invention patent applications; never the
verb of "900 were concluded" or "Item 2 was put on")."""
_NUMBERISH = patterns.compile(r"[0-9０-９]")
_LETTER = patterns.compile(r"\p{L}")
_PLURAL = patterns.compile(r"[a-z]+[^su]s")
_RANKED = frozenset({ClaimKind.ordinal, ClaimKind.rank})
"""Kinds whose noun after them is what they rank, even a time word alone (the fifth year)."""
_MAX_EN_WORDS = 8
_MAX_NP_WORDS = 4


@cache
def _trim(lang: str) -> dict[str, set[str]]:
    """Words to trim at the start, at the end, and (English) that stop a noun phrase, that it skips first (`lead`:
    20 more enterprises) and that alone are no referent of a quantity (`alone`: year on year)."""
    sides: dict[str, set[str]] = {"start": set(), "end": set(), "stop": set(), "lead": set(), "alone": set()}
    for row in table("referent_trim.tsv"):
        if row.cells["lang"] == lang:
            sides[row.cells["end"]].add(row.cells["word"].lower())
    if lang == "zh":
        sides["end"] |= {r.cells["word"] for r in table("qualifiers.tsv") if r.cells["lang"] == "zh"}
        sides["end"] |= {r.cells["word"] for r in table("change_words.tsv") if r.cells["lang"] == "zh"}
    else:
        sides["end"] |= {r.cells["word"].lower() for r in table("qualifiers.tsv") if r.cells["lang"] == "en"}
        sides["end"] |= {r.cells["word"].lower() for r in table("change_words.tsv") if r.cells["lang"] == "en"}
        sides["end"] |= {r.cells["word"].lower() for r in table("currencies.tsv") if r.cells["lang"] == "en"}
    return sides


@cache
def _zh_edges() -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    """Whether a clause may begin or end with a trim word: only then is jieba needed to find the word edges."""
    trim = _trim("zh")
    return (patterns.compile(alternation(sorted(trim["start"]))),
            patterns.compile(alternation(sorted(trim["end"] | {"第"})), regex.REVERSE))


@cache
def _tokenizer() -> jieba.Tokenizer:
    """jieba, loaded on first use, quiet, with our domain terms; its dictionary read lazily (see `_Frequencies`)."""
    jieba = _import_jieba()
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    trie, total = _dictionary_trie(tokenizer)
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = _Frequencies(trie), total, True
    for row in table("zh_terms.tsv"):
        tokenizer.add_word(row.cells["word"], int(row.cells["freq"]), row.cells["tag"])
    return tokenizer


def _import_jieba() -> ModuleType:
    """jieba, imported without pkg_resources: jieba imports that (0.15 s, and deprecated) only to open its own
    data files, and opens them by path when it is missing. Our process is single-threaded while it imports."""
    blocked = "pkg_resources" not in sys.modules
    if blocked:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # `import pkg_resources` now fails
    try:
        import jieba
    finally:
        if blocked:
            del sys.modules["pkg_resources"]
    return jieba


class _Frequencies(dict):  # type: ignore[type-arg]
    """jieba's prefix dictionary (a word's count, 0 for a prefix of a word), read from a trie as jieba asks
    and kept. jieba would load all 600,000 entries (0.5 s and 70 MB) to cut a few dozen short clauses; the
    trie is mapped from disk at once, and the cut is jieba's own, on the same counts."""

    _ABSENT = -1

    def __init__(self, trie: marisa_trie.RecordTrie) -> None:
        super().__init__()
        self.trie = trie

    def _count(self, fragment: str) -> int:
        count = dict.get(self, fragment)
        if count is None:
            records = self.trie.get(fragment)
            count = records[0][0] if records else self._ABSENT
            dict.__setitem__(self, fragment, count)
        return count

    def __contains__(self, fragment: object) -> bool:
        return isinstance(fragment, str) and self._count(fragment) != self._ABSENT

    def __getitem__(self, fragment: str) -> int:
        count = self._count(fragment)
        if count == self._ABSENT:
            raise KeyError(fragment)
        return count

    def get(self, fragment: str, default: int | None = None) -> int | None:  # type: ignore[override]
        count = self._count(fragment)
        return default if count == self._ABSENT else count


_TOTAL_KEY = "\ue000total"
"""Where the trie keeps jieba's total count: no word holds a private-use character."""


def _dictionary_trie(tokenizer: jieba.Tokenizer) -> tuple[marisa_trie.RecordTrie, int]:
    """jieba's dictionary as a trie file in our cache folder (`cache_folder()`), built once (by jieba's own
    parser) for each version of its dictionary file, and mapped from disk after that. Where caching is off,
    the folder cannot be written or its file cannot be read, the trie is built in memory for this run."""
    import marisa_trie

    jieba = _import_jieba()
    source = Path(jieba.__file__).parent / jieba.DEFAULT_DICT_NAME
    stat = source.stat()
    cache_dir = cache_folder()
    path = cache_dir / f"jieba-{stat.st_size}-{stat.st_mtime_ns}.marisa" if cache_dir else None
    try:
        if path is not None:
            trie = marisa_trie.RecordTrie("<Q").mmap(str(path))
            return trie, trie[_TOTAL_KEY][0][0]
    except Exception:  # noqa: BLE001 - no file yet, or one marisa cannot read: build it
        pass
    counts, total = tokenizer.gen_pfdict(tokenizer.get_dict_file())
    counts[_TOTAL_KEY] = total
    trie = marisa_trie.RecordTrie("<Q", ((word, (count,)) for word, count in counts.items()))
    if path is None:
        return trie, total
    try:
        handle, temporary = tempfile.mkstemp(dir=cache_dir, suffix=".tmp")
        os.close(handle)
        try:
            trie.save(temporary)
            os.replace(temporary, path)
        finally:
            Path(temporary).unlink(missing_ok=True)
    except OSError:  # a read-only or full cache folder: this run keeps the trie in memory
        pass
    return trie, total


def referent_zh(text: str, floor: int, found: Found, previous: str | None) -> str | None:
    """The words before a Chinese figure, back to the last clause break or figure."""
    window = _ZH_ASIDE.sub("", text[max(floor, found.start - LOOKBACK) : found.start])
    clause = window[last_break(_ZH_BREAK, window, 0, len(window)) :].strip()
    if not clause or _NUMBERISH.search(clause[-1:]) or not _LETTER.search(clause):
        return previous  # nothing but a mark since the figure before (the ∶ of 7.7∶37.8): it measures what that did
    edges = _zh_edges()
    if not edges[0].match(clause) and not edges[1].match(clause, 0, len(clause)):
        return clause
    words = _tokenizer().lcut(clause, HMM=False)
    trim = _trim("zh")
    while words and (words[0] in trim["start"] or not words[0].strip()):
        words.pop(0)
    end = trim["end"]
    while words:
        if len(words) > 1 and words[-2] + words[-1] in end:
            del words[-2:]  # 提高到, 增加至: jieba cuts the verb and its particle apart
        elif words[-1] in end or not words[-1].strip() or words[-1] == "第":
            words.pop()
        else:
            break
    return "".join(words) or previous


@lru_cache(maxsize=16)
def noun_phrase_after(text: str, position: int) -> str | None:
    """The words right after a number up to a preposition, verb or stop ("domestic invention patent applications").

    A count asks for it twice (its unit, then its referent); a few entries serve both, and the cache never
    holds a paper's earlier sentences.
    """
    trim = _trim("en")
    stops = trim["stop"]
    words: list[regex.Match[str]] = []
    for m in _EN_WORD.finditer(text, position, min(len(text), position + 80)):
        gap = text[(words[-1].end() if words else position) : m.start()]
        word = m.group().lower()
        if not words and word in trim["lead"] and not gap.strip():
            position = m.end()  # 20 more enterprises: the noun is after the comparative
            continue
        if gap.strip() or "\n" in gap or word in stops or len(words) == _MAX_NP_WORDS:
            break  # a mark, a line break (the next cell of a table), a stop word or enough words
        if word.endswith(("ed", "ing")) and words and not _next_is_noun(text, m.end()):
            break  # 20,000 visited; but valid registered trademarks: a participle before a plural modifies it
        words.append(m)
        if _PLURAL.fullmatch(word) and len(words) > 1 or _PLURAL.fullmatch(word) and not _next_is_noun(text, m.end()):
            break
    if len(words) == 1 and words[0].group().lower().endswith(("ed", "ing")):
        return None
    return " ".join(m.group() for m in words) or None


def _next_is_noun(text: str, position: int) -> bool:
    """Whether a plural word is a modifier ("enterprises members"): the next word is plural too."""
    m = _EN_WORD.match(text, position + 1) if text[position : position + 1] == " " else None
    return bool(m and _PLURAL.fullmatch(m.group().lower()))


def referent_en(text: str, floor: int, found: Found, previous: str | None) -> str | None:
    """The noun phrase after an English figure, else the words before it in its clause."""
    trim = _trim("en")
    phrase = noun_phrase_after(text, found.end)
    if phrase is None and (linked := _LINKED.match(text, found.end)):
        counted = noun_phrase_after(text, linked.end())  # of which 40,028 were invention patent applications
        phrase = counted if counted and _PLURAL.fullmatch(counted.rsplit(" ", 1)[-1].lower()) else None
    if phrase and (phrase.lower() not in trim["alone"] or found.kind in _RANKED):
        return phrase
    clause = text[last_break(_EN_BREAK, text, floor, found.start) : found.start]
    words = [m.group() for m in _EN_WORD.finditer(clause)][-_MAX_EN_WORDS:]
    changed = True
    while changed and words:
        changed = False
        for size in (3, 2, 1):
            if len(words) >= size and " ".join(words[:size]).lower() in trim["start"]:
                words, changed = words[size:], True
                break
            if len(words) >= size and " ".join(words[-size:]).lower() in trim["end"]:
                words, changed = words[:-size], True
                break
    return " ".join(words) or previous
