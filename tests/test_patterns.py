"""The compiled-pattern cache and its folder: it saves the parse, never changes a match, and trusts nothing it reads."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = r"""
import sys
from extractor import patterns
cached = ("(?P<n>[0-9]+)\\s*万", 0) in patterns._load()
pattern = patterns.compile("(?P<n>[0-9]+)\\s*万")
print(cached, [m.group("n") for m in pattern.finditer("共629万元, 又12 万件")])
"""


def _probe(cache: str) -> str:
    env = {**os.environ, "WHITEPAPER_CACHE": cache}
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return done.stdout.strip()


def test_a_second_run_loads_the_pattern_and_matches_the_same(tmp_path: Path) -> None:
    assert _probe(str(tmp_path)) == "False ['629', '12']"
    assert len(list(tmp_path.glob("patterns-*.pickle"))) == 1
    assert _probe(str(tmp_path)) == "True ['629', '12']"
    assert list(tmp_path.glob("*.tmp")) == []


class _Planted:
    """A pickle that would run a command when loaded."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple:
        return (os.system, (f"touch {self.marker}",))


@pytest.mark.parametrize("content", ["planted", b"not a pickle at all", b"", "a list"])
def test_a_bad_cache_file_is_ignored_and_runs_nothing(tmp_path: Path, content: object) -> None:
    marker = tmp_path / "ran"
    _probe(str(tmp_path))
    (cache_file,) = tmp_path.glob("patterns-*.pickle")
    if content == "planted":
        content = pickle.dumps({("(?P<n>[0-9]+)\\s*万", 0): _Planted(marker)})
    elif content == "a list":
        content = pickle.dumps([1, 2, 3])
    cache_file.write_bytes(content)
    assert _probe(str(tmp_path)) == "False ['629', '12']"
    assert not marker.exists()
    assert _probe(str(tmp_path)) == "True ['629', '12']"


def test_an_empty_setting_turns_the_cache_off(tmp_path: Path) -> None:
    env = {**os.environ, "WHITEPAPER_CACHE": "", "HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, timeout=60)
    assert done.stdout.strip() == "False ['629', '12']"
    assert list(tmp_path.rglob("*.pickle")) == []


def test_flags_are_part_of_the_key() -> None:
    from extractor import patterns

    plain = patterns.compile("万元|yuan")
    folded = patterns.compile("万元|yuan", patterns.regex.IGNORECASE)
    assert plain.search("YUAN") is None
    assert folded.search("YUAN") is not None
    assert patterns.compile("万元|yuan") is plain


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="folder owners are a POSIX notion")
def test_a_folder_others_may_write_is_never_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from extractor.cachedir import cache_folder

    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    monkeypatch.setenv("WHITEPAPER_CACHE", str(shared))
    assert cache_folder() is None
    private = tmp_path / "private" / "deeper"
    monkeypatch.setenv("WHITEPAPER_CACHE", str(private))
    assert cache_folder() == private
    assert private.stat().st_mode & 0o777 == 0o700
    monkeypatch.setenv("WHITEPAPER_CACHE", "")
    assert cache_folder() is None
