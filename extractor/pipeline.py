"""process(raw) -> Result: the stages called in order, nothing more.

raw bytes -(1 read)-> clean text -(2 segment)-> sections -> Document
-(3 extract)-> Claim + Skipped records -(4 align)-> Pair records
-(5 check)-> Discrepancy records.
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NamedTuple

from .align import align
from .check import check
from .claims import extract
from .errors import InputError
from .read import read
from .records import Claim, Discrepancy, Document, Pair, Skipped
from .segment import segment


class Result(NamedTuple):
    """Everything `process` learns about one paper."""

    document: Document
    claims: list[Claim]
    skipped: list[Skipped]
    pairs: list[Pair]
    discrepancies: list[Discrepancy]


@contextmanager
def paused_gc() -> Iterator[None]:
    """Python's cyclic garbage collector off while a paper is processed (or stored, by the batch), as it was
    before afterwards.

    The stages build many small objects that all live on (records, spans, matches) and make no cycles, so
    reference counting frees what they drop; the collector would only walk the growing heap again and again
    (a third of the time of a page of 40,000 figures, and no memory saved).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def process(raw: bytes | str, doc_id: str = "document", source: str | None = None) -> Result:
    """Run the whole pipeline on one paper; no file or network I/O.

    Raises `InputError` (and only that) when the input is not a readable bilingual paper.
    """
    with paused_gc():
        return _process(raw, doc_id, source)


def _process(raw: bytes | str, doc_id: str, source: str | None) -> Result:
    source = source or doc_id
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    try:
        clean = read(raw, source)  # 1. read
        segmented = segment(clean.text)  # 2. segment
    except InputError as error:
        error.source = error.source or source
        raise
    document = Document(
        id=doc_id,
        source=source,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=clean.encoding,
        title_zh=segmented.title_zh,
        title_en=segmented.title_en,
        year=segmented.year,
        text=clean.text,
        sections=segmented.sections,
        chrome=clean.chrome,
        warnings=segmented.warnings,
    )
    claims, skipped = extract(document)  # 3. extract
    pairs = align(document, claims)  # 4. align
    discrepancies = check(document, claims, pairs, skipped)  # 5. check
    return Result(document, claims, skipped, pairs, discrepancies)
