"""Compiled patterns, kept across runs in the user's cache.

The `regex` module parses a pattern in Python: the number grammar alone takes
80 ms, and all our patterns together about a third of a cold `check`. A
compiled pattern pickles to the engine's own code, which loads in C in
microseconds. So `compile` looks the pattern up in a cache file first and
compiles only what is missing; the file is rewritten at exit when anything was.

The cache is an optimisation and never a source of truth: entries are keyed by
the pattern text and flags under the `regex` version that made them, a file
that cannot be read is ignored, and it is unpickled by a loader that accepts
nothing but the engine's compile function. Where it lives: `cache_folder()`.
"""

from __future__ import annotations

import atexit
import copyreg
import io
import os
import pickle
import sys
import tempfile
from pathlib import Path

import regex

from .cachedir import cache_folder

_MAX_ENTRIES = 1000
_REBUILD = copyreg.dispatch_table[regex.Pattern](regex.compile(""))[0]
_ENGINE = (pickle.whichmodule(_REBUILD, _REBUILD.__name__), _REBUILD.__name__)

_cache: dict[tuple[str, int], regex.Pattern] | None = None
_used: set[tuple[str, int]] = set()
_missed = False


def compile(pattern: str, flags: int = 0) -> regex.Pattern:
    """`regex.compile(pattern, flags)`, from the cache when it holds it."""
    global _missed
    cache = _cache if _cache is not None else _load()
    key = (pattern, int(flags))
    _used.add(key)
    compiled = cache.get(key)
    if compiled is None:
        compiled = cache[key] = regex.compile(pattern, flags)
        if not _missed:
            _missed = True
            atexit.register(save)
    return compiled


def cache_file() -> Path | None:
    """Where the cache lives, or None when caching is off."""
    folder = cache_folder()
    if folder is None:
        return None
    return folder / f"patterns-regex{regex.__version__}-{sys.implementation.cache_tag}.pickle"


class _EngineOnly(pickle.Unpickler):
    """Unpickles compiled patterns and plain data, and refuses every other callable."""

    def find_class(self, module: str, name: str) -> object:
        if (module, name) != _ENGINE:
            raise pickle.UnpicklingError(f"{module}.{name} is not a compiled pattern")
        return super().find_class(module, name)


def _load() -> dict[tuple[str, int], regex.Pattern]:
    global _cache
    _cache = {}
    path = cache_file()
    if path is None:
        return _cache
    try:
        loaded = _EngineOnly(io.BytesIO(path.read_bytes())).load()
    except Exception:  # noqa: BLE001 - no file yet, or one that is not our pickle: compile afresh
        return _cache
    if isinstance(loaded, dict):
        _cache.update((key, value) for key, value in loaded.items()
                      if isinstance(value, regex.Pattern) and isinstance(key, tuple) and len(key) == 2
                      and key[0] == value.pattern)
    return _cache


def save() -> None:
    """Write the cache if this run compiled anything new; any failure leaves the old file."""
    global _missed
    path = cache_file()
    if _cache is None or not _missed or path is None:
        return
    entries = _cache if len(_cache) <= _MAX_ENTRIES else {k: _cache[k] for k in _used}
    try:
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(descriptor, "wb") as out:
            pickle.dump(entries, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
        _missed = False
    except Exception:  # noqa: BLE001 - a full disk or an unpicklable entry: the old file stays
        Path(temporary).unlink(missing_ok=True)
