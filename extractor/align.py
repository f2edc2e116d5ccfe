"""Stage 4, align: pair each Chinese claim with the English claim that renders it.

Sections pair by number. Within a section every zh/en pair of claims gets a
score (kind, value up to scale, order in the section, referent terms through
the glossary, bound and change), and one global assignment per section picks
the pairs, so a near miss cannot steal another claim's partner. A value that
differs by a digit or a power of ten still scores, so that a mistranslated
figure pairs and is reported as a mismatch rather than as one missing figure
on each side. A merged rendering (受理14宗,结案14宗 -> "accepted and closed
14 cases") pairs both Chinese claims with the one English claim.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from functools import cache

from .records import Claim, ClaimKind, Document, Lang, Pair
from .rules import table

GROUPS = {
    ClaimKind.count: "Q", ClaimKind.money: "Q", ClaimKind.percent: "Q", ClaimKind.points: "Q",
    ClaimKind.ratio: "Q", ClaimKind.multiple: "Q", ClaimKind.duration: "Q", ClaimKind.fraction: "Q",
    ClaimKind.rank: "R", ClaimKind.ordinal: "R",
    ClaimKind.year: "T", ClaimKind.date: "T", ClaimKind.period: "T",
}
_CLOSE_KINDS = {
    frozenset({ClaimKind.count, ClaimKind.ratio}), frozenset({ClaimKind.rank, ClaimKind.ordinal}),
    frozenset({ClaimKind.year, ClaimKind.date}), frozenset({ClaimKind.date, ClaimKind.period}),
    frozenset({ClaimKind.count, ClaimKind.money}), frozenset({ClaimKind.percent, ClaimKind.points}),
    frozenset({ClaimKind.percent, ClaimKind.fraction}), frozenset({ClaimKind.count, ClaimKind.duration}),
}
MIN_SCORE = 6.0
"""A pair below this is no pair: both claims are reported as missing instead."""


class Match:
    """How two values compare: equal, off by a power of ten, a near miss, or unrelated."""

    EQUAL, SCALE, NEAR, OTHER = "equal", "scale", "near", "other"


def compare_values(zh: Claim, en: Claim) -> str:
    """How the values of two claims of one group compare (fractions as shares, 一半 = 50%)."""
    if GROUPS[zh.kind] == "T":
        a, b = str(zh.value), str(en.value)
        if a == b:
            return Match.EQUAL
        return Match.NEAR if a[:4] == b[:4] or a.startswith(b) or b.startswith(a) else Match.OTHER
    x, y = _number(zh), _number(en)
    if x is None or y is None:
        return Match.OTHER
    if x == y:
        return Match.EQUAL
    if x and y and _power_of_ten(x / y):
        return Match.SCALE
    if _digits_near(x, y):
        return Match.NEAR
    return Match.OTHER


def _number(claim: Claim, upper: bool = False) -> Decimal | None:
    value = claim.value_max if upper else claim.value
    try:
        number = Decimal(str(value))
    except (InvalidOperation, TypeError):
        return None
    if claim.kind is ClaimKind.fraction and number <= 1:
        number *= 100
    return number


def _power_of_ten(ratio: Decimal) -> bool:
    if ratio <= 0 or ratio == 1:
        return False
    exponent = ratio.log10()
    return exponent == exponent.to_integral_value() or abs(exponent - exponent.to_integral_value()) < Decimal("1e-9")


def _digits_near(x: Decimal, y: Decimal) -> bool:
    """One or two digits changed, swapped, added or dropped (3,215 vs 3,251; 80,657 vs 8,657)."""
    a, b = _digit_string(x), _digit_string(y)
    if len(a) == len(b):
        differ = [i for i in range(len(a)) if a[i] != b[i]]
        return len(differ) == 1 or (len(differ) == 2 and a[differ[0]] == b[differ[1]] and a[differ[1]] == b[differ[0]]) \
            or (len(differ) == 2 and len(a) >= 4)
    shorter, longer = sorted((a, b), key=len)
    return len(longer) - len(shorter) == 1 and any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


def _digit_string(x: Decimal) -> str:
    return format(x.normalize(), "f").replace(".", "").lstrip("0") or "0"


@cache
def _glossary() -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((r.cells["zh"], tuple(r.cells["en"].split("|"))) for r in table("glossary.tsv"))


@cache
def _unit_glosses() -> dict[str, tuple[str, ...]]:
    return {r.cells["word"]: tuple(r.cells["en"].lower().split("|")) for r in table("zh_units.tsv")}


def score(zh: Claim, en: Claim, zh_position: float, en_position: float, zh_context: str, en_context: str) -> float:
    """How likely `en` renders `zh`; below MIN_SCORE they are not a pair."""
    if GROUPS[zh.kind] != GROUPS[en.kind]:
        return 0.0
    if zh.kind is en.kind:
        total = 3.0
    elif frozenset({zh.kind, en.kind}) in _CLOSE_KINDS:
        total = 1.5
    else:
        total = 0.5
    total += {Match.EQUAL: 6.0, Match.SCALE: 3.5, Match.NEAR: 3.5, Match.OTHER: 0.0}[compare_values(zh, en)]
    total += 2.0 * (1.0 - min(1.0, abs(zh_position - en_position) * 2))
    total += min(2.0, 0.75 * _shared_terms(zh_context, en_context))
    if zh.unit and en.unit and any(g in en.unit.lower() for g in _unit_glosses().get(zh.unit, ())):
        total += 0.5
    if zh.approx == en.approx:
        total += 0.25
    if zh.change == en.change:
        total += 0.25
    return total


def _shared_terms(zh_context: str, en_context: str) -> int:
    lowered = en_context.lower()
    return sum(1 for term, renderings in _glossary() if term in zh_context and any(r in lowered for r in renderings))


def align(document: Document, claims: Sequence[Claim]) -> list[Pair]:
    """Pairs of zh and en claim ids, section by section, in Chinese document order."""
    by_section: dict[tuple[Lang, str], list[Claim]] = defaultdict(list)
    for claim in claims:
        by_section[(claim.lang, claim.section)].append(claim)
    sentences = _sentence_texts(document)
    pairs: list[Pair] = []
    for (lang, section), zh_claims in by_section.items():
        if lang is not Lang.zh or (Lang.en, section) not in by_section:
            continue
        pairs += _align_section(document.id, zh_claims, by_section[(Lang.en, section)], sentences)
    order = {c.id: i for i, c in enumerate(claims)}
    return sorted(pairs, key=lambda p: (order[p.zh], order[p.en]))


def _sentence_texts(document: Document) -> dict[tuple[Lang, int], str]:
    """Each sentence's text by (language, index in the part), the context a claim is scored in."""
    texts: dict[tuple[Lang, int], str] = {}
    for lang in Lang:
        paragraphs = sorted((p for s in document.sections if s.lang is lang for p in s.paragraphs), key=lambda p: p.index)
        index = 0
        for paragraph in paragraphs:
            for sentence in paragraph.sentences:
                texts[(lang, index)] = document.text[sentence.start : sentence.end]
                index += 1
    return texts


def _context(claim: Claim, sentences: dict[tuple[Lang, int], str]) -> str:
    return f"{claim.referent or ''} {sentences.get((claim.lang, claim.sentence), '')}"


def _align_section(doc_id: str, zh: list[Claim], en: list[Claim], sentences: dict[tuple[Lang, int], str]) -> list[Pair]:
    from scipy.optimize import linear_sum_assignment

    zh_contexts = [_context(c, sentences) for c in zh]
    en_contexts = [_context(c, sentences) for c in en]
    scores = [[score(a, b, i / max(1, len(zh) - 1), j / max(1, len(en) - 1), zh_contexts[i], en_contexts[j])
               for j, b in enumerate(en)] for i, a in enumerate(zh)]
    rows, columns = linear_sum_assignment(scores, maximize=True)
    chosen = {int(i): int(j) for i, j in zip(rows, columns) if scores[i][j] >= MIN_SCORE}
    pairs = [Pair(doc_id=doc_id, zh=zh[i].id, en=en[j].id, score=round(scores[i][j], 3)) for i, j in chosen.items()]
    pairs += _merged(doc_id, zh, en, chosen, scores)
    return pairs


def _merged(doc_id: str, zh: list[Claim], en: list[Claim], chosen: dict[int, int],
            scores: list[list[float]]) -> list[Pair]:
    """An unpaired zh claim next to a paired one of the same value and sentence shares its English partner."""
    extra = []
    for i, claim in enumerate(zh):
        if i in chosen:
            continue
        for k in (i - 1, i + 1):
            if k in chosen and zh[k].sentence == claim.sentence and zh[k].value == claim.value \
                    and zh[k].kind is claim.kind and compare_values(claim, en[chosen[k]]) == Match.EQUAL:
                extra.append(Pair(doc_id=doc_id, zh=claim.id, en=en[chosen[k]].id, score=round(scores[i][chosen[k]], 3)))
                break
    return extra
