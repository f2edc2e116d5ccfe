"""Ingest a batch: papers processed in parallel, stored in input order by one writer.

Workers (one a core; none for a single paper) run `process()`, fill the paper's staging folder and
hand back its records as JSON values. The main process is the only writer of the dataset: for each
paper, in input order, one transaction replaces its rows, checks it against last year's paper of its
series and next year's against it (`cross_year`), swaps its folder in, and commits. So a rerun writes
the same bytes, a killed run leaves every stored paper whole, and at most a few papers are held in
memory at once, however long the batch.
"""

from __future__ import annotations

import os
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import BinaryIO, NamedTuple

try:
    import fcntl
except ImportError:  # not on this system
    fcntl = None  # type: ignore[assignment]

from .cross_year import cross_year, series_key, with_cross_year
from .dataset import Dataset, DatasetError, rows_of
from .errors import InputError
from .pipeline import Result, paused_gc, process
from .records import DiscrepancyKind
from .report import write_index
from .store import DATASET, REDONE, STAGED, Dumped, dump, fill, recover, refill, staging, swap_in, undump, write_report_file

AHEAD = 4
"""Papers queued per worker: enough to keep every core busy, few enough to bound memory."""
_CACHED = 4
"""Papers kept loaded for the cross-year check (last year's paper is usually one just stored)."""


class Job(NamedTuple):
    """One paper to ingest, or a path that failed before processing (`problem`)."""

    path: Path
    doc_id: str
    out: Path
    problem: str | None = None


class Prepared(NamedTuple):
    """What a worker hands the writer: the paper's records as JSON values (its folder is filled), or why it failed."""

    job: Job
    dumped: Dumped | None
    series: str | None
    year: int | None
    problem: str | None = None


@dataclass
class Summary:
    """What a batch did."""

    documents: int = 0
    claims: int = 0
    pairs: int = 0
    discrepancies: int = 0
    cross_year: int = 0
    failures: list[tuple[Path, str]] = field(default_factory=list)
    rechecked: list[str] = field(default_factory=list)
    """Papers stored earlier whose cross-year findings this batch changed."""


def prepare(job: Job) -> Prepared:
    """Process one paper and fill its staging folder (runs in a worker); every failure becomes a `problem`."""
    if job.problem:
        return Prepared(job, None, None, None, job.problem)
    try:
        with paused_gc():
            result = process(job.path.read_bytes(), doc_id=job.doc_id, source=str(job.path))
            dumped = dump(result)
            series = series_key(result.document)
            fill(job.out / job.doc_id, result, dumped=dumped, report=not _report_waits(series, result.document.year))
    except InputError as error:
        return Prepared(job, None, None, None, error.problem)
    except OSError as error:
        return Prepared(job, None, None, None, error.strerror or str(error))
    except Exception as error:  # a bug must cost one paper, never the batch
        return Prepared(job, None, None, None, f"internal error: {type(error).__name__}: {error}")
    return Prepared(job, dumped, series, result.document.year)


def _report_waits(series: str | None, year: int | None) -> bool:
    """Whether a paper's report is left to the writer: a paper of a series may take cross-year findings
    there, and rendering the report once, after them, costs less than rendering it twice."""
    return bool(series and year)


def prepared(jobs: Sequence[Job], workers: int) -> Iterator[Prepared]:
    """Each job prepared, in input order, with at most `workers * AHEAD` in flight."""
    if workers <= 1 or sum(j.problem is None for j in jobs) <= 1:
        yield from map(prepare, jobs)
        return
    pool = ProcessPoolExecutor(max_workers=workers)
    queue = iter(jobs)
    ahead: deque[tuple[Job, Future[Prepared] | None]] = deque()

    def submit(job: Job) -> None:
        ahead.append((job, None if job.problem else pool.submit(prepare, job)))

    try:
        for job in islice(queue, workers * AHEAD):
            submit(job)
        while ahead:
            job, future = ahead.popleft()
            for following in islice(queue, 1):
                submit(following)
            if future is None:
                yield prepare(job)
                continue
            try:
                yield future.result()
            except Exception as error:  # a worker that died (killed, out of memory) costs its paper
                yield Prepared(job, None, None, None, f"worker failed: {type(error).__name__}: {error}")
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


class Writer:
    """The one writer of a batch: the dataset, the folders, the cross-year links."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.dataset = Dataset(out / DATASET)
        try:
            self._lock = _lock(out / DATASET)
        except DatasetError:
            self.dataset.close()
            raise
        recover(out)
        self.loaded: OrderedDict[str, Result | Dumped] = OrderedDict()
        self.counts: dict[str, tuple[int, int]] = {}
        """Doc-id -> (discrepancies, cross_year ones) of every paper this writer wrote."""

    def close(self) -> None:
        self.dataset.close()
        self._lock.close()

    def store(self, paper: Prepared) -> None:
        """Replace the paper's rows and folder, and the cross-year checks it takes part in, in one transaction."""
        doc_id, dataset = paper.job.doc_id, self.dataset
        with paused_gc(), dataset.transaction():
            followers = set(dataset.delete(doc_id))
            self.loaded.pop(doc_id, None)
            previous_id = dataset.paper_of(paper.series, paper.year - 1) if paper.series and paper.year else None
            assert paper.dumped is not None
            dataset.insert(rows_of(paper.dumped, paper.series), previous_id)
            self.counts[doc_id] = (len(paper.dumped.discrepancies), 0)
            self._remember(doc_id, paper.dumped)
            refilled = self._check(doc_id, previous_id) if previous_id else False
            if _report_waits(paper.series, paper.year) and not refilled:
                write_report_file(staging(self.out / doc_id), self._result(doc_id))
            swap_in(self.out / doc_id)
            if paper.series and paper.year and dataset.paper_of(paper.series, paper.year) == doc_id:
                followers |= set(dataset.papers_of(paper.series, paper.year + 1))
            for follower in sorted(followers):
                self._relink(follower)

    def _remember(self, doc_id: str, paper: Result | Dumped) -> None:
        self.loaded[doc_id] = paper
        self.loaded.move_to_end(doc_id)
        while len(self.loaded) > _CACHED:
            self.loaded.popitem(last=False)

    def _result(self, doc_id: str) -> Result:
        """A stored paper's records: remembered (read back from its JSON values only if needed), else loaded."""
        paper = self.loaded.get(doc_id)
        if paper is None:
            result = self.dataset.load(doc_id)
        elif isinstance(paper, Dumped):
            result = undump(paper)
        else:
            result = paper
        self._remember(doc_id, result)
        return result

    def _check(self, doc_id: str, previous_id: str | None, suffix: str = STAGED) -> bool:
        """Check `doc_id` against `previous_id` and store what changed; whether its files changed (then
        they are ready in its staging folder `suffix`)."""
        result = self._result(doc_id)
        found = cross_year(result, self._result(previous_id)) if previous_id else []
        known = [d for d in result.discrepancies if d.kind is DiscrepancyKind.cross_year]
        if found != known or self.dataset.link(doc_id)[2] != previous_id:
            result = with_cross_year(result, found)
            self._remember(doc_id, result)
            self.dataset.replace_discrepancies(doc_id, result.discrepancies, previous_id)
            self.counts[doc_id] = (len(result.discrepancies), len(found))
        if found != known:
            refill(self.out / doc_id, result, suffix)
        return found != known

    def _relink(self, doc_id: str) -> None:
        """Check a stored paper again against the paper now before it in its series (its folder is staged
        apart: a worker may be filling the usual staging folder for a later copy of it in this batch)."""
        series, year, _ = self.dataset.link(doc_id)
        previous_id = self.dataset.paper_of(series, year - 1) if series and year else None
        if self._check(doc_id, previous_id, REDONE):
            swap_in(self.out / doc_id, REDONE)


def _lock(db: Path) -> BinaryIO:
    """Hold the dataset for this batch alone: a second ingest into the same folder would remove the
    staging folders of the first. (flock, which SQLite's own fcntl locks do not see.)"""
    handle = db.open("rb")
    if fcntl is None:  # no flock on this system: one ingest at a time is the user's to keep
        return handle
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        raise DatasetError("another ingest is writing into this dataset") from None
    return handle


def ingest(jobs: Sequence[Job], out: Path, workers: int | None = None,
           progress: Callable[[Iterable[Prepared]], Iterable[Prepared]] = iter,
           on_failure: Callable[[Path, str], None] = lambda path, problem: None) -> Summary:
    """Ingest every job into `out` (folders and dataset); a paper's failure is reported and counted, never raised."""
    summary = Summary()
    writer = Writer(out)
    papers = prepared(jobs, workers or os.cpu_count() or 1)
    stored: list[str] = []
    try:
        for paper in progress(papers):
            if paper.problem:
                summary.failures.append((paper.job.path, paper.problem))
                on_failure(paper.job.path, paper.problem)
                continue
            writer.store(paper)
            stored.append(paper.job.doc_id)
            summary.claims += len(paper.dumped.claims) if paper.dumped else 0
            summary.pairs += len(paper.dumped.pairs) if paper.dumped else 0
        if stored or writer.counts:
            write_index(out, writer.dataset.summaries())
    finally:
        papers.close()
        writer.close()
        recover(out)
    summary.documents = len(stored)
    summary.discrepancies = sum(writer.counts[d][0] for d in stored)
    summary.cross_year = sum(writer.counts[d][1] for d in stored)
    summary.rechecked = sorted(set(writer.counts) - set(stored))
    return summary
