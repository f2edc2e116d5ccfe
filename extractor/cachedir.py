"""The folder for what we build once and reuse across runs: compiled patterns and jieba's dictionary trie.

`$WHITEPAPER_CACHE` names it; set to an empty string it turns caching off.
Otherwise it is the user's cache folder (platformdirs), or a folder of this
user's own under the temporary folder where that cannot be made. A folder
another user owns or may write is never used: what it holds is loaded.
"""

from __future__ import annotations

import os
import stat
import tempfile
from functools import cache
from pathlib import Path

_ENV = "WHITEPAPER_CACHE"


def cache_folder() -> Path | None:
    """The cache folder, made if need be, or None when caching is off or no safe folder can be had."""
    return _folder(os.environ.get(_ENV))


@cache
def _folder(setting: str | None) -> Path | None:
    if setting is not None:
        candidates = [Path(setting)] if setting else []
    else:
        import platformdirs

        uid = os.getuid() if hasattr(os, "getuid") else 0
        candidates = [Path(platformdirs.user_cache_dir("whitepaper-extractor", appauthor=False)),
                      Path(tempfile.gettempdir()) / f"whitepaper-{uid}"]
    for candidate in candidates:
        try:
            candidate.mkdir(mode=0o700, parents=True, exist_ok=True)
            if _ours(candidate.stat()):
                return candidate
        except OSError:
            continue
    return None


def _ours(status: os.stat_result) -> bool:
    """A folder this user owns that nobody else may write (where the system has owners)."""
    if not stat.S_ISDIR(status.st_mode):
        return False
    if not hasattr(os, "getuid"):
        return True
    return status.st_uid == os.getuid() and not status.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
