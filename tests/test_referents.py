"""Referents: jieba, with its dictionary read lazily from a trie, cuts exactly as jieba with its own dictionary."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
import regex

from extractor import referents
from extractor.pipeline import process
from extractor.rules import table

SEED = Path(__file__).parent.parent / "raw" / "shenzhen-ip-2013.txt"


@pytest.fixture(scope="module")
def jieba_itself():  # type: ignore[no-untyped-def]
    """jieba with its whole prefix dictionary loaded the usual way, and our domain terms."""
    jieba = referents._import_jieba()
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for row in table("zh_terms.tsv"):
        tokenizer.add_word(row.cells["word"], int(row.cells["freq"]), row.cells["tag"])
    return tokenizer


def _clauses() -> list[str]:
    """Every stretch of 2 to 25 characters that ends a clause of the seed's Chinese, and some that start one."""
    text = SEED.read_text(encoding="utf-8")
    chinese = text[: text.index("Intellectual Property Development")]
    pieces = [p for p in regex.split(r"[，,；;。：:、！？!（）()“”《》\s]+", chinese) if len(p) >= 2]
    return sorted({p[max(0, i - k) : i] for p in pieces for i in range(2, len(p) + 1) for k in (3, 8, 25)})


def test_the_lazy_dictionary_cuts_as_jieba_does(jieba_itself) -> None:  # type: ignore[no-untyped-def]
    lazy = referents._tokenizer()
    clauses = _clauses()
    assert len(clauses) > 3000
    differ = [c for c in clauses if lazy.lcut(c, HMM=False) != jieba_itself.lcut(c, HMM=False)]
    assert differ == []
    assert lazy.total == jieba_itself.total


def test_the_lazy_dictionary_answers_like_a_dict() -> None:
    counts = referents._tokenizer().FREQ
    assert "知识产权" in counts and counts["知识产权"] > 0
    assert "知识产" in counts and counts["知识产"] == 0, "a prefix of a word is in the dictionary with count 0"
    assert "产权知识" not in counts and counts.get("产权知识") is None and counts.get("产权知识", 1) == 1
    assert 3 not in counts
    with pytest.raises(KeyError):
        counts["产权知识"]


def test_jieba_is_imported_without_pkg_resources() -> None:
    import sys

    referents._import_jieba()
    assert sys.modules.get("pkg_resources", "absent") is not None, "the block is lifted after the import"


@pytest.mark.parametrize("damage", ["unwritable folder", "corrupt file"])
def test_a_cache_folder_that_fails_costs_time_never_a_cut(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        damage: str) -> None:
    """The trie is built in memory when its cache cannot be written or read; the cuts stay jieba's."""
    folder = tmp_path / "cache"
    folder.mkdir()
    if damage == "unwritable folder":
        monkeypatch.setenv("WHITEPAPER_CACHE", str(folder / "file-not-folder" / "x"))
        (folder / "file-not-folder").write_text("a file where a folder should be")
    else:
        monkeypatch.setenv("WHITEPAPER_CACHE", str(folder))
        jieba = referents._import_jieba()
        source = Path(jieba.__file__).parent / jieba.DEFAULT_DICT_NAME
        stat = source.stat()
        (folder / f"jieba-{stat.st_size}-{stat.st_mtime_ns}.marisa").write_bytes(b"not a trie")
    tokenizer = referents._import_jieba().Tokenizer()
    trie, total = referents._dictionary_trie(tokenizer)
    cached = referents._tokenizer().FREQ.trie
    assert total == cached[referents._TOTAL_KEY][0][0]
    assert trie.get("知识产权") == cached.get("知识产权") and trie.get("产权知识") is None


def _referent_cases() -> list[dict[str, str]]:
    """tests/cases/referents.tsv, one dict a row."""
    lines = [line for line in (Path(__file__).parent / "cases" / "referents.tsv").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"))) for line in lines[1:]]


@pytest.mark.parametrize("case", _referent_cases(), ids=lambda c: f"{c['lang']}: {c['figure']}: {c['source']}")
def test_referent(case: dict[str, str]) -> None:
    zh, en = (case["sentence"], "The figure is here.") if case["lang"] == "zh" else ("数字在这里。", case["sentence"])
    result = process(f"标题\n\n一、概况\n\n{zh}\n\nTitle\n\nI. Overview\n\n{en}", doc_id="case")
    claims = [c for c in result.claims if c.lang.value == case["lang"] and c.text == case["figure"]]
    assert len(claims) == 1, [c.text for c in result.claims]
    assert claims[0].referent == (case["referent"] or None)
