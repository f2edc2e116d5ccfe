"""Extract every figure of a bilingual (Chinese/English) white paper and cross-check the translation.

`process` loads the pipeline on first use, so importing the package stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import InputError
from .records import Claim, Discrepancy, Document, Pair, Section, Skipped

if TYPE_CHECKING:
    from .pipeline import Result, process

__all__ = ["Claim", "Discrepancy", "Document", "InputError", "Pair", "Result", "Section", "Skipped", "process"]


def __getattr__(name: str) -> Any:
    if name in ("process", "Result"):
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'extractor' has no attribute {name!r}")
