"""Mutants of the seed paper, one planted translation error each, and how a run's report is judged.

The mutation test (issue "measure") asks whether the checks notice a figure that one language
gets wrong. Each mutant changes the cleaned seed text at one claim of one language: a digit, a
scale word, the whole figure, a bound word added or dropped, the direction of a change, a
number word, or the year of a date. Mutants are planted only in figures the seed states alike in both languages (see
`faithful`), so that a correct pipeline has something new to report for every one of them.

The list depends on the seed's text and claims only (never on pairs or discrepancies), so it is
the same while align and check change; all choices come from a fixed seed or document order.
Vocabulary is kept here rather than read from `extractor/rules`, so that a gap in the extractor's
tables shows up as a miss instead of being copied into the test.
"""

from __future__ import annotations

import random
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import NamedTuple

from extractor.pipeline import Result, process
from extractor.records import Claim, ClaimKind, Discrepancy, DiscrepancyKind, Lang

ROOT = Path(__file__).resolve().parent.parent
SEED_PATH = ROOT / "raw" / "shenzhen-ip-2013.txt"
RANDOM_SEED = 2013
"""Every random choice (which digit, which qualifier) is drawn from this seed and the claim's id."""

KINDS = ("digit", "scale", "delete", "qualifier_add", "qualifier_drop", "direction", "number_word", "date")
QUOTAS: dict[str, int | None] = {"digit": 30, "delete": 26, "qualifier_add": 22}
"""Mutants per kind and language when there are more candidates; kinds not named take every candidate."""

EXPECTED: dict[str, frozenset[str]] = {
    "digit": frozenset({"value_mismatch"}), "scale": frozenset({"scale_mismatch"}),
    "delete": frozenset({"missing_in_en", "missing_in_zh"}),
    "qualifier_add": frozenset({"qualifier_mismatch"}), "qualifier_drop": frozenset({"qualifier_mismatch"}),
    "direction": frozenset({"direction_mismatch"}), "number_word": frozenset({"value_mismatch"}),
    "date": frozenset({"value_mismatch"}),
}
"""The discrepancy kind a mutation should bring; shown by `table`, not required by the test."""

DIGIT_KINDS = frozenset({ClaimKind.count, ClaimKind.money, ClaimKind.percent})
SCALE_KINDS = frozenset({ClaimKind.count, ClaimKind.money})
WORD_KINDS = frozenset({ClaimKind.count, ClaimKind.rank, ClaimKind.ordinal, ClaimKind.duration})

ZH_SCALES = {"亿": "万", "万": "亿"}
EN_SCALES = {"million": "billion", "billion": "million"}
ZH_BOUNDS_BEFORE = ("逾", "超过")
ZH_BOUNDS_AFTER = ("多", "余")
"""多/余 follow a round number (300余次, 290多万件); after 80,657 they would not be Chinese."""
EN_BOUNDS = ("over ", "more than ", "nearly ")
ZH_QUALIFIERS = ("将近", "接近", "超过", "突破", "不到", "以上", "左右", "逾", "近", "约", "多", "余")
EN_QUALIFIERS = ("more than", "less than", "at least", "up to", "nearly", "almost", "about", "over",
                 "approximately", "around")
ZH_DIRECTIONS = {"增长": "下降", "下降": "增长"}
EN_DIRECTIONS = {"increase": "decrease", "decrease": "increase", "growth": "drop", "drop": "growth",
                 "rose": "fell", "fell": "rose", "rise": "fall", "fall": "rise"}
ZH_NUMERALS = {"一": "二", "二": "三", "两": "三", "三": "四", "四": "五", "五": "六", "六": "七", "七": "八",
               "八": "九", "九": "八", "十": "九"}
"""The last numeral of a Chinese number word moves by one: 十年 -> 九年, 两级 -> 三级, 第十五届 -> 第十六届."""
EN_NUMBER_WORDS = {"one": "two", "two": "three", "three": "four", "four": "five", "five": "six", "six": "five",
                   "seven": "eight", "eight": "nine", "nine": "eight", "ten": "nine", "first": "second",
                   "second": "third", "third": "fourth", "fourth": "fifth", "fifth": "sixth", "sixth": "seventh",
                   "seventh": "eighth", "eighth": "ninth", "ninth": "tenth", "tenth": "ninth"}

DIRECTION_REACH = 40
"""How far from an English change figure its direction word may be (growth of 10.29%, a 9.45% increase)."""

_ZH_NUMERAL_BEFORE = set(ZH_NUMERALS) | set("百千万零〇")
_EN_NUMBER_WORD = re.compile(r"\b(" + "|".join(EN_NUMBER_WORDS) + r")\b", re.IGNORECASE)
_EN_SCALE = re.compile(r"\b(million|billion)\b", re.IGNORECASE)
_EN_DIRECTION = re.compile(r"\b(" + "|".join(EN_DIRECTIONS) + r")\b", re.IGNORECASE)
_ZH_DIRECTION = re.compile("|".join(ZH_DIRECTIONS))
_EN_SENTENCE_END = re.compile(r"[.;!?]\s")
_LEADING_NUMERAL = re.compile(r"\d[\d,]*(?:[.﹒]\d+)?")
_YEAR_DIGITS = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


class Edit(NamedTuple):
    """One replacement in the seed text, in seed offsets."""

    start: int
    old: str
    new: str


@dataclass(frozen=True)
class Mutant:
    """The seed with one planted error; `text[start:end] == new` replaced `old`."""

    name: str
    kind: str
    lang: Lang
    target: str
    """The seed claim the error is planted in (or, for `direction`, next to)."""
    section: str
    start: int
    end: int
    old: str
    new: str
    region: tuple[int, int]
    """Where the planted figure lies in the mutated text: the target's span joined with the edit."""
    text: str = field(repr=False, compare=False)

    def moved(self, offset: int) -> int:
        """Where a seed offset outside the edit lies in the mutated text (inside it: the edit's end)."""
        if offset <= self.start:
            return offset
        if offset >= self.start + len(self.old):
            return offset + len(self.new) - len(self.old)
        return self.end

    def describe(self) -> str:
        """One line for an assertion message: which figure, and what became what."""
        return f"{self.name} [{self.lang.value} {self.section}] {self.old!r} -> {self.new!r}"


class Seed(NamedTuple):
    """The seed, processed once: the text every mutant edits and the report every mutant is held to."""

    text: str
    result: Result


@cache
def seed() -> Seed:
    """The cleaned seed text and its result, from the text itself so that mutants go the same way."""
    text = process(SEED_PATH.read_bytes(), doc_id="shenzhen-ip-2013").document.text
    return Seed(text, process(text, doc_id="shenzhen-ip-2013"))


def _key(claim: Claim) -> tuple[object, ...]:
    value = claim.value if isinstance(claim.value, str) else Decimal(str(claim.value)).normalize()
    return claim.section, claim.kind, value, claim.approx, claim.change


def faithful(claims: Sequence[Claim]) -> set[str]:
    """Claims whose figure (section, kind, value, bound, direction) each language states equally often.

    Only there is the seed's translation right by its figures alone, so only there must a planted
    error be a new discrepancy: an error planted in 十二城市 (the other 11) or 4500多次 (4,500)
    would just change a discrepancy the seed already has.
    """
    counts: Counter[tuple[Lang, tuple[object, ...]]] = Counter((c.lang, _key(c)) for c in claims)
    return {c.id for c in claims if counts[(Lang.zh, _key(c))] == counts[(Lang.en, _key(c))]}


def _digit(text: str, claim: Claim, rng: random.Random, bounds: tuple[int, int]) -> Edit | None:
    """One digit, commas kept; a number never gains a leading zero (80,657 -> 00,657, 4家 -> 0家)."""
    if claim.kind not in DIGIT_KINDS:
        return None
    places = [i for i, ch in enumerate(claim.text) if ch.isascii() and ch.isdigit()]
    if not places:
        return None
    i = rng.choice(places)
    old = claim.text[i]
    leading = (i == 0 or not claim.text[i - 1].isdigit() and claim.text[i - 1] not in ",.﹒") \
        and claim.text[i + 1 : i + 2] not in (".", "﹒")
    choices = [d for d in "0123456789" if d != old and not (leading and d == "0")]
    return Edit(claim.start + i, old, rng.choice(choices))


def _scale(text: str, claim: Claim, rng: random.Random, bounds: tuple[int, int]) -> Edit | None:
    if claim.kind not in SCALE_KINDS:
        return None
    if claim.lang is Lang.zh:
        at = next((i for i, ch in enumerate(claim.text) if ch in ZH_SCALES), None)
        return None if at is None else Edit(claim.start + at, claim.text[at], ZH_SCALES[claim.text[at]])
    match = _EN_SCALE.search(claim.text)
    if match is None:
        return None
    return Edit(claim.start + match.start(), match.group(), _same_case(match.group(), EN_SCALES[match.group().lower()]))


def _delete(text: str, claim: Claim, rng: random.Random, bounds: tuple[int, int]) -> Edit | None:
    """The figure goes; in English one of the spaces around it goes too."""
    end = claim.end + (claim.lang is Lang.en and text[claim.start - 1 : claim.start] == " "
                       and text[claim.end : claim.end + 1] == " ")
    return Edit(claim.start, text[claim.start : end], "")


def _qualifier_add(text: str, claim: Claim, rng: random.Random, bounds: tuple[int, int]) -> Edit | None:
    if claim.approx is not None or claim.kind not in DIGIT_KINDS:
        return None
    if claim.lang is Lang.en:
        if not (claim.text[0].isdigit() or claim.text.startswith("RMB")):
            return None
        return Edit(claim.start, "", rng.choice(EN_BOUNDS))
    numeral = _LEADING_NUMERAL.match(claim.text)
    if numeral is None:
        return None
    round_number = numeral.group().endswith("0") and "." not in numeral.group() and claim.kind is not ClaimKind.percent
    word = rng.choice(ZH_BOUNDS_BEFORE + (ZH_BOUNDS_AFTER if round_number else ()))
    at = claim.start + (numeral.end() if word in ZH_BOUNDS_AFTER else 0)
    return Edit(at, "", word)


def _qualifier_drop(text: str, claim: Claim, rng: random.Random, bounds: tuple[int, int]) -> Edit | None:
    """Only a claim with exactly one bound word: 超过35000余次 would stay bounded."""
    if claim.approx is None:
        return None
    if claim.lang is Lang.zh:
        found = list(re.finditer("|".join(ZH_QUALIFIERS), claim.text))
    else:
        found = list(re.finditer(r"\b(?:" + "|".join(EN_QUALIFIERS) + r")\b ?", claim.text, re.IGNORECASE))
    if len(found) != 1:
        return None
    return Edit(claim.start + found[0].start(), found[0].group(), "")


def _direction(text: str, claim: Claim, rng: random.Random, bounds: tuple[int, int]) -> Edit | None:
    """The nearest direction word between the claim and its neighbours, in the claim's sentence."""
    if claim.change is None:
        return None
    if claim.lang is Lang.zh:
        window_start = max(bounds[0], claim.start - 8)
        found = list(_ZH_DIRECTION.finditer(text, window_start, claim.start))
        if not found:
            return None
        word = found[-1]
        return Edit(word.start(), word.group(), ZH_DIRECTIONS[word.group()])
    before = text[max(bounds[0], claim.start - DIRECTION_REACH) : claim.start]
    before_start = claim.start - len(before)
    for stop in _EN_SENTENCE_END.finditer(before):
        before_start = claim.start - len(before) + stop.end()
    after_end = min(bounds[1], claim.end + DIRECTION_REACH)
    stop = _EN_SENTENCE_END.search(text, claim.end, after_end)
    after_end = stop.start() if stop else after_end
    candidates = [*_EN_DIRECTION.finditer(text, before_start, claim.start), *_EN_DIRECTION.finditer(text, claim.end, after_end)]
    if not candidates:
        return None
    word = min(candidates, key=lambda m: m.start() - claim.end if m.start() >= claim.end else claim.start - m.end())
    new = _same_case(word.group(), EN_DIRECTIONS[word.group().lower()])
    article = re.search(r"\b(an?) $", text[max(0, word.start() - 3) : word.start()])
    if article is None:
        return Edit(word.start(), word.group(), new)
    start = word.start() - len(article.group())
    return Edit(start, text[start : word.end()], f"{'an' if new[0] in 'aeiouAEIOU' else 'a'} {new}")


def _number_word(text: str, claim: Claim, rng: random.Random, bounds: tuple[int, int]) -> Edit | None:
    if claim.kind not in WORD_KINDS:
        return None
    if claim.lang is Lang.en:
        match = _EN_NUMBER_WORD.search(claim.text)
        if match is None:
            return None
        return Edit(claim.start + match.start(), match.group(), _same_case(match.group(), EN_NUMBER_WORDS[match.group().lower()]))
    places = [i for i, ch in enumerate(claim.text) if ch in ZH_NUMERALS]
    if not places:
        return None
    i = places[-1]
    if claim.text[i] == "十" and i > 0 and claim.text[i - 1] in _ZH_NUMERAL_BEFORE:
        return None
    return Edit(claim.start + i, claim.text[i], ZH_NUMERALS[claim.text[i]])


def _date(text: str, claim: Claim, rng: random.Random, bounds: tuple[int, int]) -> Edit | None:
    """The last digit of a dated figure's year (2013年9月26日 -> 2016年9月26日, December 2013 -> December 2018):
    month and day stay, so the date stays a date."""
    if claim.kind is not ClaimKind.date:
        return None
    year = _YEAR_DIGITS.search(claim.text)
    if year is None:
        return None
    old = year.group()[-1]
    return Edit(claim.start + year.end() - 1, old, rng.choice([d for d in "0123456789" if d != old]))


def _same_case(model: str, word: str) -> str:
    if model.isupper() and len(model) > 1:
        return word.upper()
    return word[0].upper() + word[1:] if model[0].isupper() else word


PLANTERS: dict[str, Callable[[str, Claim, random.Random, tuple[int, int]], Edit | None]] = {
    "digit": _digit, "scale": _scale, "delete": _delete, "qualifier_add": _qualifier_add,
    "qualifier_drop": _qualifier_drop, "direction": _direction, "number_word": _number_word, "date": _date,
}


def _mutant(text: str, kind: str, claim: Claim, edit: Edit) -> Mutant:
    """The mutant of one edit; its region is empty where the edit deleted the whole claim."""
    end = edit.start + len(edit.new)
    mutated = text[: edit.start] + edit.new + text[edit.start + len(edit.old) :]
    mutant = Mutant(name=f"{kind}/{claim.id}", kind=kind, lang=claim.lang, target=claim.id, section=claim.section,
                    start=edit.start, end=end, old=edit.old, new=edit.new, region=(0, 0), text=mutated)
    return replace(mutant, region=(min(edit.start, mutant.moved(claim.start)), max(end, mutant.moved(claim.end))))


def _evenly(candidates: list[Mutant], quota: int) -> list[Mutant]:
    return [candidates[int((i + 0.5) * len(candidates) / quota)] for i in range(quota)]


def _spread(candidates: list[Mutant], quota: int | None) -> list[Mutant]:
    """`quota` candidates, at least one from every section, the rest in proportion and evenly spaced.

    The shares come by largest remainder, ties to the earlier section, so the pick is fixed.
    """
    if quota is None or len(candidates) <= quota:
        return candidates
    sections: dict[str, list[Mutant]] = defaultdict(list)
    for mutant in candidates:
        sections[mutant.section].append(mutant)
    if quota < len(sections):
        return _evenly(candidates, quota)
    spare = (quota - len(sections)) / (len(candidates) - len(sections))
    exact = {name: 1 + spare * (len(group) - 1) for name, group in sections.items()}
    counts = {name: int(share) for name, share in exact.items()}
    by_remainder = sorted(exact, key=lambda name: -(exact[name] - counts[name]))
    for name in by_remainder[: quota - sum(counts.values())]:
        counts[name] += 1
    return sorted((m for name, group in sections.items() for m in _evenly(group, counts[name])), key=lambda m: m.start)


def mutants(text: str | None = None, claims: Sequence[Claim] | None = None) -> list[Mutant]:
    """Every mutant of the seed (or of `text` with its `claims`), in document order."""
    if text is None or claims is None:
        text, claims = seed().text, seed().result.claims
    eligible = faithful(claims)
    by_lang: dict[Lang, list[Claim]] = defaultdict(list)
    for claim in sorted(claims, key=lambda c: c.start):
        by_lang[claim.lang].append(claim)
    candidates: dict[tuple[str, Lang], list[Mutant]] = defaultdict(list)
    for lang, mine in by_lang.items():
        for k, claim in enumerate(mine):
            if claim.id not in eligible:
                continue
            bounds = (mine[k - 1].end if k else 0, mine[k + 1].start if k + 1 < len(mine) else len(text))
            for kind in KINDS:
                edit = PLANTERS[kind](text, claim, random.Random(f"{RANDOM_SEED}:{kind}:{claim.id}"), bounds)
                if edit is not None and edit.old != edit.new:
                    candidates[(kind, lang)].append(_mutant(text, kind, claim, edit))
    chosen = [m for (kind, _), found in candidates.items() for m in _spread(found, QUOTAS.get(kind))]
    return sorted(chosen, key=lambda m: (m.start, KINDS.index(m.kind)))


NormalDiscrepancy = tuple[str, str, tuple[str, ...], tuple[str, ...]]
"""(kind, section, zh claim texts, en claim texts): a discrepancy as another run can recognise it."""


def normalise(result: Result, discrepancies: Iterable[Discrepancy] | None = None,
              rename: dict[str, str] | None = None) -> Counter[NormalDiscrepancy]:
    """A report as a multiset that survives shifted claim ids: each id becomes its claim's text.

    `rename` overrides the text of some claims (the planted figure reads `<planted>` in both runs,
    so that its discrepancies compare although its text changed).
    """
    texts = {c.id: c.text for c in result.claims} | (rename or {})
    return Counter(
        (d.kind.value, d.section or "", tuple(texts[i] for i in d.zh_claims), tuple(texts[i] for i in d.en_claims))
        for d in (result.discrepancies if discrepancies is None else discrepancies))


INTERNAL = frozenset({DiscrepancyKind.internal_sum, DiscrepancyKind.internal_share})


def _naming(discrepancies: Iterable[Discrepancy], ids: set[str], nearby: set[str] = frozenset()
            ) -> tuple[list[Discrepancy], list[Discrepancy]]:
    """(those naming any of `ids`, or an internal check naming any of `nearby`; the others)."""
    about, rest = [], []
    for d in discrepancies:
        named = {*d.zh_claims, *d.en_claims}
        (about if ids & named or d.kind in INTERNAL and nearby & named else rest).append(d)
    return about, rest


PLANTED = "<planted>"


@dataclass
class Verdict:
    """How one mutant's report compares with the seed's."""

    mutant: Mutant
    caught: bool
    clean: bool
    figure: Counter[NormalDiscrepancy]
    """The mutant's discrepancies about the planted figure or its counterpart."""
    new: Counter[NormalDiscrepancy]
    """Those of `figure` that the seed did not have."""
    gone: Counter[NormalDiscrepancy]
    """Discrepancies about the figure that the seed had and the mutant does not."""
    extra: Counter[NormalDiscrepancy]
    """Discrepancies about other figures that only the mutant has."""
    lost: Counter[NormalDiscrepancy]
    """Discrepancies about other figures that only the seed has."""
    planted: list[str]
    counterparts: list[str]
    error: str | None = None

    @property
    def as_expected(self) -> bool:
        """Caught as the discrepancy kind the mutation should bring (a digit as value_mismatch, ...)."""
        return any(kind in EXPECTED[self.mutant.kind] for kind, *_ in self.new)


def partners(result: Result, claim_id: str) -> set[str]:
    """The claims the run pairs with `claim_id` (a merged rendering gives two)."""
    return {p.en for p in result.pairs if p.zh == claim_id} | {p.zh for p in result.pairs if p.en == claim_id}


def judge(mutant: Mutant, reference: Seed | None = None) -> Verdict:
    """Run one mutant and hold its report to the seed's.

    planted: the mutant's claims of the mutated language that overlap `mutant.region` (none when
    the figure was deleted). counterparts: the claims the seed paired with the target, found in the
    mutant at their moved offsets. The figure's discrepancies are those naming any of these (in the
    seed: the target or its partners).

    caught: the mutant has a discrepancy about the figure that the seed does not; planted claims
    and the target both read `<planted>`, so a discrepancy the seed already had about the figure
    (4500多次 vs 4,500) is not new merely because the figure's text changed.

    clean: all other discrepancies are the same multiset in both runs. A deleted figure cannot be
    named, so for `delete` the sum and share checks that name a claim of its paragraph (a total
    whose part is gone) are set aside as its consequences too, in both runs alike.
    """
    reference = reference or seed()
    base = reference.result
    target = next(c for c in base.claims if c.id == mutant.target)
    seed_partners = partners(base, target.id)
    try:
        result = process(mutant.text, doc_id=f"mutant-{mutant.name}")
    except Exception as error:  # noqa: BLE001 - a crash is a verdict, not a reason to stop the run
        return Verdict(mutant, caught=False, clean=False, figure=Counter(), new=Counter(), gone=Counter(),
                       extra=Counter(), lost=Counter(), planted=[], counterparts=[],
                       error=f"{type(error).__name__}: {error}")
    start, end = mutant.region
    planted = [c.id for c in result.claims if c.lang is mutant.lang and (
        c.start < end and c.end > start if end > start else c.start < start < c.end)]
    where = {(c.lang, c.start, c.end): c.id for c in result.claims}
    counterparts = [where[key] for key in sorted(
        (c.lang, mutant.moved(c.start), mutant.moved(c.end)) for c in base.claims if c.id in seed_partners)
        if key in where]

    def paragraph(claims: Sequence[Claim]) -> set[str]:
        if mutant.kind != "delete":
            return set()
        return {c.id for c in claims if c.lang is target.lang and c.paragraph == target.paragraph}

    seed_ids, mine_ids = {target.id, *seed_partners}, {*planted, *counterparts}
    before = normalise(base, _naming(base.discrepancies, seed_ids)[0], {target.id: PLANTED})
    after = normalise(result, _naming(result.discrepancies, mine_ids)[0], dict.fromkeys(planted, PLANTED))
    rest_before = normalise(base, _naming(base.discrepancies, seed_ids, paragraph(base.claims))[1])
    rest_after = normalise(result, _naming(result.discrepancies, mine_ids, paragraph(result.claims))[1])
    new = after - before
    return Verdict(mutant, caught=bool(new), clean=rest_before == rest_after, figure=after, new=new, gone=before - after,
                   extra=rest_after - rest_before, lost=rest_before - rest_after,
                   planted=planted, counterparts=counterparts)


def table(verdicts: Sequence[Verdict]) -> str:
    """Mutants, caught, clean (and caught as the expected kind) per kind and language, then overall."""
    rows: dict[tuple[str, str], list[Verdict]] = defaultdict(list)
    for v in verdicts:
        rows[(v.mutant.kind, v.mutant.lang.value)].append(v)
    order = sorted(rows, key=lambda key: (KINDS.index(key[0]), key[1] != "zh"))
    lines = [f"{'kind':15} {'lang':4} {'mutants':>7} {'caught':>9} {'clean':>9} {'as kind':>9}"]
    for (kind, lang), group in [*((key, rows[key]) for key in order), (("all", ""), list(verdicts))]:
        cells = [sum(v.caught for v in group), sum(v.clean for v in group), sum(v.as_expected for v in group)]
        shown = " ".join(f"{n:4d} {n / len(group):4.0%}" for n in cells) if group else ""
        lines.append(f"{kind:15} {lang:4} {len(group):7d} {shown}")
    return "\n".join(lines)


def show(counter: Counter[NormalDiscrepancy]) -> str:
    """Normalised discrepancies on one line, for messages."""
    return "; ".join(f"{kind} {section} zh={list(zh)} en={list(en)}" + (f" x{n}" if n > 1 else "")
                     for (kind, section, zh, en), n in sorted(counter.items())) or "-"


def explain(verdict: Verdict) -> str:
    """Why a mutant was missed or unclean, in a few lines."""
    lines = [verdict.mutant.describe()]
    if verdict.error:
        lines.append(f"    process() failed: {verdict.error}")
        return "\n".join(lines)
    if not verdict.caught:
        lines.append(f"    missed: planted claims {verdict.planted or '-'}, counterparts {verdict.counterparts or '-'}")
        lines.append(f"      mutant says about the figure: {show(verdict.figure)} | seed said, now gone: {show(verdict.gone)}")
    if not verdict.clean:
        lines.append(f"    unclean: only in mutant: {show(verdict.extra)} | only in seed: {show(verdict.lost)}")
    return "\n".join(lines)
