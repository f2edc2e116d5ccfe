"""The English claim grammar: what each number token of an English sentence states.

Forms are tried in order at each token (period, date, label, year, fraction,
rank, ordinal, range, quantity). A few figures are written with no number at all ("more than
half", "doubled", "ranking the top"); a second pattern over the sentence finds
those. Vocabulary comes from `rules/`; this module holds the grammar.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

import regex

from . import patterns
from .claims_zh import CHANGEABLE, RANGE_KINDS, YEARS
from .numbers import (
    EN_ABBREVIATED_SCALE,
    EN_SCALE,
    NumberToken,
    parse_en_words,
    scale_of,
    scan_en,
    share_of,
    takes_article,
    to_json_number,
)
from .records import Approx, Change, ClaimKind, Found, Lang, SkipReason
from .referents import noun_phrase_after
from .rules import alternation, column_values, table
from .sentence import (
    MINUS_SIGNS,
    YEAR_PARTS,
    Prefix,
    Reading,
    SentenceReader,
    year_part_pattern,
)
from .spans import SpanIndex, last_break

if TYPE_CHECKING:
    import ahocorasick

_DECIMAL_YEAR = patterns.compile(r"(?P<y>[0-9０-９]{4})[.．](?P<m>[0-9０-９]{1,2})")
_PERIOD_SEPARATOR = patterns.compile(r"[ ]?[-–—][ ]?|\s+to\s+|\s+and\s+")
_RANGE_SEPARATOR = patterns.compile(r"[ ]?[-–—~][ ]?|\s+to\s+")
_YEAR_AFTER = patterns.compile(r",?\s+(?=[0-9０-９]{4}\b)")
_CLAUSE_BREAK = patterns.compile(r"[,;:()]", regex.REVERSE)
_CLAUSE_END = patterns.compile(r"\s*(?:[,;:.)]|$)")
_PLURAL_NEXT = patterns.compile(
    r"\s+(?:[a-z]+\s+){0,2}?(?!(?:has|was|is|does|sees|marks|witnesses|represents|celebrates|remains|begins|becomes)\b)[a-z]+s\b")
"""A plural noun after a four-digit number makes it a count (1975 cases); a verb ending in s (2021 marks) does not."""
_RATIO_CUE = patterns.compile(r"\bper\b|\bratio\b|\baverage\b|\bper capita\b", regex.IGNORECASE)
_RANK_VERBS = r"rank(?:ed|ing|s)?|placed|came"
_RANK_BEFORE = patterns.compile(rf"\b(?:{_RANK_VERBS}|ranked as)\s+(?:the\s+)?", regex.IGNORECASE | regex.REVERSE)
_EVER = patterns.compile(r"-ever\b")
_SENTENCE_START = patterns.compile(r"\s*[‘'\"“(]?$")
_DIGIT = patterns.compile(r"[0-9０-９]")
_FROM = patterns.compile(r"\bfrom\s+", regex.IGNORECASE | regex.REVERSE)
_BETWEEN = patterns.compile(r"\bbetween\s+", regex.IGNORECASE | regex.REVERSE)
_AND = patterns.compile(r"\s+and\s+")
_OR = patterns.compile(r"\s+or\s+")

MAX_OR_RATIO = 2
""""Two or three", "70 or 80": two close figures joined by "or" are one range (as 两三, 七八十 are); "1 or 10" are two."""
_DECADE_S = patterns.compile(r"s(?![A-Za-z])")
_ARTICLE = patterns.compile(r"\b(?P<half>half\s+)?an?\s+", regex.IGNORECASE | regex.REVERSE)
"""Before a scale word alone (a million, half a million): one of it, or half of one."""
_IN_A_ROW = patterns.compile(r"\s+(?:consecutive|straight|successive)\s+years?\b|\s+years?\s+in\s+a\s+row\b"
                             r"|\s+anniversary\b", regex.IGNORECASE)
"""After an ordinal, a run of years (the tenth consecutive year = 连续十年) or an anniversary (the 33rd
anniversary = 33周年): a duration."""
_FRACTION_JOIN = patterns.compile(r"[- ]")
_OF = patterns.compile(r"\s+of\b")
_AND_A_HALF = patterns.compile(r"\s+and\s+a\s+half\b", regex.IGNORECASE)
_EN_YEAR_PARTS = {word.lower(): months for word, months in YEAR_PARTS[Lang.en].items()}
_MONTHS_OF = patterns.compile(r"\s+months\s+of\s+", regex.IGNORECASE)
"""Between "the first nine" and a year: the first months of that year, a period."""
_OVER_A_YEAR = patterns.compile(r"\s*(?:[,.;:)]|$)|\s+(?:levels?|figures?|and|in|to|by|when)\b")
"""After "over" and a year: the year a change is measured against (grew 5% over 2012, rose over 2012), when a
figure or a change word comes first in its clause; "over 2000 enterprises" and "there were over 2000" are counts."""
_HALF_OF = patterns.compile(r"\s+(?:of|the|its|their|all)\b")
"""After half: the whole it is half of (half of the firms, half the firms, half its output)."""
_BY = patterns.compile(r"\bby\s+", regex.IGNORECASE | regex.REVERSE)
_AFTER_BY_SHARE = patterns.compile(r"\s*(?:[,.;:)]|$)|\s+(?:over|from|compared|year|in|and|to|on|since|than|as|while|after|each|a)\b")
"""What follows "by a third" when the third is how much a figure changed, not a noun's (by a third party)."""
_QUARTERS = patterns.compile(r"[- ]quarters?\b(?=\s+of\b)", regex.IGNORECASE)
"""one quarter of, three quarters of: a share in fourths."""
_IN = patterns.compile(r"\s+(?:in|out\s+of)\s+(?:every\s+)?")
"""Between the two numbers of a share: one in five, 1 in 10, one in every three, two out of every five."""
_ONE = patterns.compile(r"\b(?:a|one)[- ]", regex.IGNORECASE | regex.REVERSE)
_NUMBERED_RANK = patterns.compile(rf"\b(?:{_RANK_VERBS})\s+(?:the\s+)?(?P<no>No\.\s?|number\s)",
                            regex.IGNORECASE | regex.REVERSE)
"""ranked No. 3: a rank written as a number."""
_TIMES = patterns.compile(r"\s+times\b")
_TIMES_THAT = patterns.compile(r"\s+times\s+(?:the|that|those|as|over|more|higher|larger|greater|bigger)\b", regex.IGNORECASE)
"""1.5 times the previous year's, 3 times as many: a multiple with no growth verb before it."""
_GROWTH_VERB = patterns.compile(r"\b(?:increased|grew|rose|expanded|multiplied|higher|more|larger|increase|growth|rise)\b[^,;.]{0,20}",
                             regex.IGNORECASE | regex.REVERSE)
PARTICLES = frozenset({"up", "down"})
"""Change words that are also the particles of phrasal verbs (rules/en_particle_verbs.tsv)."""
MULTIPLE_WORDS = {r.cells["word"].lower(): int(r.cells["factor"]) for r in table("en_multiple_words.tsv")}
"""Words that name a multiple's factor (rules/en_multiple_words.tsv): doubled 2, tripling 3."""
FREQUENCY_WORDS = {r.cells["word"].lower(): int(r.cells["times"]) for r in table("en_frequency_words.tsv")}
"""Words that count times (rules/en_frequency_words.tsv): once 1, twice 2, thrice 3."""
ORDINAL_WORDS = [r.cells["word"] for r in table("en_numbers.tsv") if r.cells["role"] == "ordinal"]
"""first, second, ...: after one, "decade" is the ten years an ordinal counts (the second decade, 第二个十年)."""
_WORD_CLAIMS = patterns.compile(
    r"(?P<century>\bcentenary\b|\bcentennial\b|\b(?:(?:the\s+)?(?:past|last|next)|(?P<counted>a|one|(?P<half_century>half\s+a)))\s+century\b)"
    r"|(?P<half_year>\bhalf\s+a\s+year\b)"
    r"|(?P<halved>\bhalv(?:ed|ing|es)\b)"
    r"|(?P<half>\bhalf\b(?=\s+of\b)|\bhalf\b)|(?P<quarter>\ba\s+quarter\b)"
    rf"|(?P<multiple>\b(?:{alternation(list(MULTIPLE_WORDS))})\b)"
    r"|(?P<top>\b(?:rank(?:ed|ing|s)?|placed)\s+(?:the\s+)?top\b(?!\s+(?:[0-9０-９]|ten|three|five|twenty|hundred))"
    r"|\btop(?:ped|s|ping)\s+the\s+(?:list|country|nation|world|province|rankings?)\b)"
    r"|(?P<dozen>\b(?:a|one)\s+dozen\b(?!\s+of\b))"
    r"|(?P<decade>\b(?:(?:the\s+)?(?:past|last|next)|a|one)\s+decade\b"
    rf"|(?<=\b(?:{alternation(ORDINAL_WORDS)})[ ])decade\b)"
    r"|(?P<twice>\btwice\b(?=\s+(?:as|the|that|those|this|these|its|their|what)\b)"
    r"|\bdouble\b(?=\s+(?:the|that|those|its|their|what)\b))"
    rf"|(?P<frequency>\b(?:{alternation(list(FREQUENCY_WORDS))})\b(?=\s+(?:a|an|per|every|each)\s))",
    regex.IGNORECASE,
)
_WORD_CLAIM_WORDS = ("half", "halv", "quarter", "top", "twice", "double", "dozen", "decade", "centen", "century", *MULTIPLE_WORDS,
                     *(f"{word} {next_word}" for word in FREQUENCY_WORDS for next_word in ("a", "per", "every", "each")))
"""What every match of `_WORD_CLAIMS` holds: a sentence with none of them is not scanned. Once with the word
after it, as "once" alone is inside many words (concerned, conference)."""


@cache
def _word_claim_finder() -> ahocorasick.Automaton:
    """`_WORD_CLAIM_WORDS` in one automaton: whether a sentence holds any of them, in one pass over it."""
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for word in _WORD_CLAIM_WORDS:
        automaton.add_word(word, word)
    automaton.make_automaton()
    return automaton


_CURRENCY_CODES = tuple(sorted({r.cells["word"] for r in table("currencies.tsv") if r.cells["lang"] == "en"
                                and r.cells["word"].isalpha() and r.cells["word"].isupper()}))
"""Capital words that stand before a figure as its currency, never as the letters of an identifier."""
_IDENTIFIER = patterns.compile(
    rf"(?<![A-Za-z0-9０-９])(?!(?:{'|'.join(_CURRENCY_CODES)})(?![A-Za-z]))[A-Z]{{2,8}}(?:/[A-Z]{{1,4}})?[ ]?[0-9０-９][0-9０-９.]*+"
    r"(?:[-—][0-9０-９]{2,4})?"
    rf"|(?<![A-Za-z0-9０-９])(?!(?:{'|'.join(_CURRENCY_CODES)})(?![A-Za-z]))[A-Za-z]++[0-9０-９]++(?:\.[0-9０-９]++)?[A-Za-z0-9０-９]*+"
)
_DIGIT_RUN = re.compile(r"[0-9０-９]+")
_SERIAL = patterns.compile(r"(?P<w>[A-Z][A-Za-z']{1,20})-", regex.REVERSE)
"""The name of a series before the hyphen of its number (Shenzhou-13, Chang'e-4, COVID-19)."""
_MONTH_START = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
"""How every month name of rules/en_months.tsv starts: a sentence with none names no month."""
_LOWER_BEFORE = re.compile(r"[a-z]")
_LONG_MARCH = re.compile(r"March\b(?<=\bLong March)")
"""The Long March (长征五号 = Long March 5): a rocket's name, not the month."""
_CAPITALS_BEFORE = re.compile(r"(?:^|(?<=[^A-Z]))[A-Z]+$")
_CAPITALS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_ASCII_LETTERS = _CAPITALS | frozenset("abcdefghijklmnopqrstuvwxyz")
UNIT_LABEL_REACH = 12
"""How far before a table's unit its label may start ("(unit: RMB 10,000": the bracket, the label, a currency)."""
_POWERS_OF_TEN = frozenset(f"1E+{k}" for k in range(3, 16))
_NAME = patterns.compile(rf"(?<![A-Za-z0-9０-９])[0-9０-９]++(?:(?!(?:st|nd|rd|th|{EN_ABBREVIATED_SCALE})\b)[A-Za-z]{{2,}}|[A-Z]\b)")
"""A number run into letters (7Road, 3D), never an ordinal suffix or a scale (3bn)."""
_MILLION_M = patterns.compile(r"m(?![A-Za-z0-9])")
"""m right after a sum of money: million (RMB 50m, US$3m); after another number it may be metres (a 50m pool)."""


class Vocabulary(NamedTuple):
    """The English rules, as tables and patterns built once."""

    months: dict[str, int]
    units: dict[str, str]
    unit_years: dict[str, int]
    """Units of time longer than a year, and how many years each is (decades: 10)."""
    currencies: dict[str, str]
    qualifiers: dict[tuple[str, str], str]
    changes: dict[tuple[str, str], str]
    suffix: regex.Pattern[str]
    prefix_qualifier: regex.Pattern[str]
    prefix_currency: regex.Pattern[str]
    prefix_change: regex.Pattern[str]
    suffix_change: regex.Pattern[str]
    month_before: regex.Pattern[str]
    month_after: regex.Pattern[str]
    month_alone: regex.Pattern[str]
    """A month named with no day or year (in September, from January to October), as 9月 and 1月至10月 are dates."""
    month_range_before: regex.Pattern[str]
    """A first month before the month of a date: (from) September to December 2016 is a period."""
    month_range_after: regex.Pattern[str]
    """The month of a second date after a first (January 23 to April 8, 2020; December 2019 to January 2020): a period."""
    year_end_before: regex.Pattern[str]
    word_pattern: regex.Pattern[str]
    name_gloss: regex.Pattern[str]
    """The years a name (a plan's) is glossed with in parentheses: part of the name (the 13th Five-Year Plan
    period (2016-2020))."""
    unit_label: regex.Pattern[str]
    """A table's unit closing its sentence: a round power of ten alone in brackets (with a currency, a noun or
    "in"), or after a word of rules/unit_labels.tsv and a colon (Trademark registrations (10,000); Unit: RMB 10,000)."""
    words: dict[str, str]
    plural_ordinal: regex.Pattern[str]
    denominator_before: regex.Pattern[str]
    """A number right after it is the unit's (per 10,000 people), as "per ten thousand" is a unit phrase."""
    denominator_after: regex.Pattern[str]
    """After a count or its noun, it makes the count a ratio (18.2 per ten thousand persons, 30 patents per 10,000)."""
    grade_before: regex.Pattern[str]
    """The grade word right before a number (Grade-2, Level 1): only then is `grade_name` looked for."""
    grade_name: regex.Pattern[str]
    """A hospital's grade or a city's tier as its name (Grade-2 hospitals, Grade 3 Class-A public hospitals, Tier-2
    cities)."""
    label_before: regex.Pattern[str]
    """A noun that labels a part with the number right after it (Article 12): the number is an ordinal."""
    age_before: regex.Pattern[str]
    """A word that makes the number after it an age (aged 60): a duration in years."""
    range_from: regex.Pattern[str]
    """The words before "from" that make "from X to Y" a range (ranged from), not two levels (rose from)."""
    than_change: regex.Pattern[str]
    """After a figure, a comparative before its noun and "than": 5 more enterprises than the year before."""
    particle_verb: regex.Pattern[str]
    """A verb whose particle the change word after it is (set up 23 workstations): then no change."""


def _unit_words(words: list[str], exact: set[str]) -> str:
    """An alternation of unit words, matched in any case except the `exact` ones (pct, not PCT)."""
    loose = [w for w in words if w not in exact]
    strict = [w for w in words if w in exact]
    return f"(?:{alternation(loose)}{f'|(?-i:{alternation(strict)})' if strict else ''})"


def _unit_label(currency_rows: list[dict[str, str]]) -> regex.Pattern[str]:
    before = alternation([c["word"] for c in currency_rows if c["position"] != "after"])
    labels = [r.cells for r in table("unit_labels.tsv") if r.cells["lang"] == "en"]
    colon = alternation([r["word"] for r in labels if r["position"] == "colon"])
    bracket = alternation([r["word"] for r in labels if r["position"] == "bracket"])
    round_amount = (rf"(?:(?:{before})[ ]?)?(?:(?:1|10|100)(?:,?000)++(?:[ ]{EN_SCALE})?"
                    rf"|(?:(?:1|10|100|one|ten|a)[ ])?(?:hundred[ ])?{EN_SCALE})(?:[ ][A-Za-z]++){{0,2}}")
    return patterns.compile(
        rf"(?:\([ ]?(?:(?:{colon})[ ]?:[ ]?|(?:{bracket})[ ])?(?P<g>{round_amount})[ ]?\)"
        rf"|\b(?:{colon})[ ]?:[ ]?(?P<g>{round_amount}))[ .]*\Z", regex.IGNORECASE)


@cache
def vocabulary() -> Vocabulary:
    """Load the English rows of the rules files and compile their patterns."""
    months = {r.cells["word"]: int(r.cells["month"]) for r in table("en_months.tsv")}
    unit_rows = table("en_units.tsv", optional=frozenset({"years", "case"}))
    units = {r.cells["word"].lower(): r.cells["kind"] for r in unit_rows}
    exact_units = {r.cells["word"] for r in unit_rows if r.cells["case"] == "exact"}
    currency_rows = [r.cells for r in table("currencies.tsv") if r.cells["lang"] == "en"]
    qualifiers = {(r.cells["word"].lower(), r.cells["position"]): r.cells["approx"]
                  for r in table("qualifiers.tsv") if r.cells["lang"] == "en"}
    changes = {(r.cells["word"].lower(), r.cells["position"]): r.cells["direction"]
               for r in table("change_words.tsv") if r.cells["lang"] == "en"}
    words = {r.cells["word"].lower(): r.cells["reason"] for r in table("number_words.tsv") if r.cells["lang"] == "en"}
    before_q = alternation([w for (w, p) in qualifiers if p == "before"])
    after_q = alternation([w for (w, p) in qualifiers if p == "after" and w[0].isalnum()])
    after_attached = alternation([w for (w, p) in qualifiers if p == "after" and not w[0].isalnum()])
    month_names = alternation(list(months))
    after_currencies = alternation([c["word"] for c in currency_rows if c["position"] != "before"])
    denominators = alternation([r.cells["word"] for r in table("denominators.tsv") if r.cells["lang"] == "en"])
    labels = alternation(column_values("en_label_words.tsv", "word"))
    grade_words = {role: alternation([r.cells["word"] for r in table("en_grade_names.tsv") if r.cells["role"] == role])
                   for role in ("grade", "class", "noun")}
    return Vocabulary(
        months=months,
        units=units,
        unit_years={r.cells["word"].lower(): int(r.cells["years"]) for r in unit_rows if r.cells["years"]},
        currencies={c["word"]: c["code"] for c in currency_rows},
        qualifiers=qualifiers,
        changes=changes,
        suffix=patterns.compile(
            rf"(?:(?P<unit>[ ]?[%‰]|[ ]?-fold\b|\s{_unit_words([u for u in units if u not in ('%', '‰', '-fold')], exact_units)}\b"
            rf"|-{_unit_words([u for u, k in units.items() if k in ('percent', 'points') and u != '%' and ' ' not in u], exact_units)}\b)"
            rf"|\s(?P<cur>{after_currencies})\b)?(?P<after>\s(?:{after_q})\b|(?:{after_attached})(?![0-9A-Za-z]))?",
            regex.IGNORECASE,
        ),
        prefix_qualifier=patterns.compile(rf"\b(?P<q>{before_q})\s+", regex.IGNORECASE | regex.REVERSE),
        prefix_currency=patterns.compile(
            rf"(?P<c>{alternation([c['word'] for c in currency_rows if c['position'] != 'after'])})\s?", regex.REVERSE
        ),
        prefix_change=patterns.compile(
            rf"\b(?P<c>{alternation([w for (w, p) in changes if p == 'before'])})"
            rf"(?:\s+(?:by\s+)?{alternation(column_values('en_change_fillers.tsv', 'word'))})?"
            r"(?:\s+(?:at|by)\s+(?:an?\s+)?(?:(?:average|annual|yearly|compound)\s+)*(?:(?:growth\s+)?rate\s+of|of))?"
            rf"\s+(?:(?:{before_q})\s+)?",
            regex.IGNORECASE | regex.REVERSE,
        ),
        suffix_change=patterns.compile(
            rf"\s+(?:year-on-year\s+|annual\s+)?(?P<c>{alternation([w for (w, p) in changes if p == 'after'])})\b",
            regex.IGNORECASE,
        ),
        than_change=patterns.compile(
            rf"\s+(?P<c>{alternation([w for (w, p) in changes if p == 'after_than'])})\s+(?:[A-Za-z-]+\s+){{1,3}}than\b",
            regex.IGNORECASE,
        ),
        month_before=patterns.compile(rf"\b(?P<m>{month_names})\s+(?:of\s+)?", regex.REVERSE),
        month_after=patterns.compile(rf"(?:\s+of)?\s+(?P<m>{month_names})(?![A-Za-z])"),
        month_alone=patterns.compile(
            rf"\b(?P<m>{month_names})(?:(?:\s*[-–—]\s*|\s+(?:to|through|until)\s+)(?P<n>{month_names}))?(?![A-Za-z])"),
        month_range_before=patterns.compile(
            rf"(?:\b(?i:from|between)\s+)?\b(?P<m>{month_names})(?:\s*[-–—]\s*|\s+(?:to|through|until|and)\s+)",
            regex.REVERSE),
        month_range_after=patterns.compile(
            rf"(?:\s*[-–—]\s*|\s+(?:to|through|until)\s+)(?P<m>{month_names})\s+(?=[0-9])"),
        year_end_before=patterns.compile(r"\b(?P<w>end|close|beginning|start|middle)\s+of\s+(?:the\s+year\s+)?",
                                      regex.IGNORECASE | regex.REVERSE),
        word_pattern=patterns.compile(rf"\b{alternation(list(words))}\b", regex.IGNORECASE),
        unit_label=_unit_label(currency_rows),
        name_gloss=patterns.compile(
            rf"\b(?:{alternation([w for w, r in words.items() if r == 'name'])})(?:\s+[a-z]+)?\s*"
            r"(?P<g>\(\s*[0-9]{4}\s*(?:[-–—]|to)\s*[0-9]{4}\s*\))",
            regex.IGNORECASE,
        ),
        words=words,
        plural_ordinal=patterns.compile(
            rf"[- ](?P<o>{alternation([r.cells['word'] for r in table('en_numbers.tsv') if r.cells['role'] == 'ordinal'])})s\b",
            regex.IGNORECASE,
        ),
        denominator_before=patterns.compile(rf"\b(?:{denominators})\s+", regex.IGNORECASE | regex.REVERSE),
        denominator_after=patterns.compile(rf"(?:\s+[A-Za-z][A-Za-z-]*){{0,3}}?\s+(?:{denominators})\b", regex.IGNORECASE),
        label_before=patterns.compile(rf"\b(?P<w>{labels}) ", regex.IGNORECASE | regex.REVERSE),
        grade_before=patterns.compile(rf"\b(?:{grade_words['grade']})[- ]", regex.IGNORECASE | regex.REVERSE),
        grade_name=patterns.compile(
            rf"\b(?:{grade_words['grade']})[- ](?:[0-9]{{1,2}}|[IVX]{{1,4}})\b(?:[- ]?[A-C]\b|\s+(?:{grade_words['class']})[- ][A-C]\b)?"
            rf"(?:\s+[A-Za-z]+){{0,2}}?\s+(?:{grade_words['noun']})\b", regex.IGNORECASE),
        age_before=patterns.compile(
            rf"\b(?:{alternation(column_values('en_age_words.tsv', 'word'))})\s+(?:(?:{before_q})\s+)?",
            regex.IGNORECASE | regex.REVERSE),
        range_from=patterns.compile(rf"\b(?:{alternation(column_values('en_range_words.tsv', 'word'))})\s+from\s+",
                                    regex.IGNORECASE | regex.REVERSE),
        particle_verb=patterns.compile(rf"\b(?:{alternation(column_values('en_particle_verbs.tsv', 'word'))})\s+",
                                       regex.IGNORECASE | regex.REVERSE),
    )


def read_en(text: str, start: int, end: int, marker_end: int) -> list[Found]:
    """Claims and skipped spans of the English sentence text[start:end], in order."""
    return EnReader(text, start, end, marker_end).read()


class EnReader(SentenceReader):
    """Reads one English sentence."""

    lang = Lang.en
    scan = staticmethod(scan_en)
    reach_back = 40
    unit_label_reach = UNIT_LABEL_REACH
    list_join = patterns.compile(r"\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+")
    restating_join = patterns.compile(
        rf"\s+(?:{alternation(column_values('en_comparison_bases.tsv', 'word'))})\b[^,;.0-9]{{0,40}},\s*or\s+", regex.IGNORECASE)

    def __init__(self, text: str, start: int, end: int, marker_end: int) -> None:
        super().__init__(text, start, end, marker_end)
        self.vocab = vocabulary()

    def _fixed_spans(self) -> SpanIndex[SkipReason]:
        """Heading markers, identifiers (SZDB/Z 71-2013), names (7Road) and set phrases (per ten thousand)."""
        spans = self._heading_span()
        if any(self._may_be_in_identifier(t) for t in self.tokens):
            spans += [(m.start(), m.end(), SkipReason.identifier)
                      for m in _IDENTIFIER.finditer(self.text, self.start, self.end)]
            spans += [(m.start(), m.end(), SkipReason.name) for m in _NAME.finditer(self.text, self.start, self.end)]
        if any(t.form in ("word", "ordinal") for t in self.tokens):
            spans += [(m.start(), m.end(), SkipReason(self.vocab.words[m.group().lower()]))
                      for m in self.vocab.word_pattern.finditer(self.text, self.start, self.end)]
        if any(t.form == "arabic" and self._ends_before(self.vocab.grade_before, t.start) for t in self.tokens):
            spans += [(m.start(), m.end(), SkipReason.name)
                      for m in self.vocab.grade_name.finditer(self.text, self.start, self.end)]
        if self.text.find("(", self.start, self.end) >= 0:
            spans += [(m.start("g"), m.end("g"), SkipReason.name)
                      for m in self.vocab.name_gloss.finditer(self.text, self.start, self.end)]
        spans += self._table_unit()  # Trademark registrations (10,000)
        return SpanIndex(spans)

    def _may_be_table_unit(self, token: NumberToken) -> bool:
        return token.value >= 1000 and str(token.value.normalize()).upper() in _POWERS_OF_TEN

    def _may_be_in_identifier(self, token: NumberToken) -> bool:
        """Whether a figure's digits could belong to an identifier or a name (A380, SZDB/Z 71, 7Road): a letter
        touches them, or a capital word that is not a currency code stands one space before them. Every
        match of `_IDENTIFIER` and `_NAME` starts its digits so; only then are those patterns run."""
        text, at = self.text, token.start
        if not _DIGIT.match(text, at):  # a number word: a match holds it only where digits touch it (7Ten, ten5)
            return at > self.start and _DIGIT.match(text, at - 1) is not None or _DIGIT.match(text, token.end) is not None
        after = _DIGIT_RUN.match(text, at).end()
        if text[at - 1 : at] in _ASCII_LETTERS and at > self.start or text[after : after + 1] in _ASCII_LETTERS:
            return True
        if at - 2 < self.start or text[at - 1] != " " or text[at - 2] not in _CAPITALS:
            return False
        capitals = _CAPITALS_BEFORE.search(text, max(self.start, at - 12), at - 1)
        return (capitals is None or capitals.group() not in _CURRENCY_CODES
                or text[capitals.start() - 1 : capitals.start()] == "/")

    def _reading(self, i: int, token: NumberToken) -> Reading:
        for form in (self._numeric_date, self._proportion, self._period, self._date, self._serial, self._rank, self._label, self._year, self._fraction, self._ordinal, self._range,
                     self._and_a_half, self._quantity):
            reading = form(i, token)
            if reading is not None:
                return reading
        return None, 1

    # --- forms ------------------------------------------------------------------

    def _period(self, i: int, token: NumberToken) -> Reading | None:
        """(2012.5-2013.4), 2011-2015, from 2011 to 2015."""
        first = self._year_month(token)
        if first is None:
            return None
        sep = _PERIOD_SEPARATOR.match(self.text, token.end, self._ahead(token.end))
        second_token = self._next(i, sep.end()) if sep else None
        second = self._year_month(second_token) if second_token else None
        if second is None or (sep and "and" in sep.group() and not self._ends_before(_BETWEEN, token.start)):
            return None
        return self._claim(token.start, second_token.end, ClaimKind.period, f"{first}/{second}"), 2

    def _year_month(self, token: NumberToken) -> str | None:
        if m := _DECIMAL_YEAR.fullmatch(self.text, token.start, token.end):
            if int(m.group("y")) in YEARS and 1 <= int(m.group("m")) <= 12:
                return f"{int(m.group('y')):04d}-{int(m.group('m')):02d}"
            return None
        return f"{int(token.value):04d}" if self._is_year(token) else None

    def _date(self, i: int, token: NumberToken) -> Reading | None:
        """March of 2013, end of 2013, September 26th, 2013, 26th of April, December 2013."""
        if self._is_year(token):
            if m := self._free_before(self.vocab.month_before, token.start):
                last = f"{int(token.value)}-{self.vocab.months[m.group('m')]:02d}"
                if first := self._free_before(self.vocab.month_range_before, m.start()):
                    value = f"{int(token.value)}-{self.vocab.months[first.group('m')]:02d}/{last}"
                    return self._claim(first.start(), token.end, ClaimKind.period, value), 1
                if (to := self.vocab.month_range_after.match(self.text, token.end, self._ahead(token.end))) \
                        and (year := self._next_after(i, to.end())) and self._is_year(year[1]):  # December 2019 to January 2020
                    value = f"{last}/{int(year[1].value)}-{self.vocab.months[to.group('m')]:02d}"
                    return self._claim(m.start(), year[1].end, ClaimKind.period, value), year[0] - i + 1
                return self._claim(m.start(), token.end, ClaimKind.date, last), 1
            if m := self._free_before(self.vocab.year_end_before, token.start):
                start = m.start()
                month = {"end": "12", "close": "12", "beginning": "01", "start": "01", "middle": "06"}[m.group("w").lower()]
                return self._claim(start, token.end, ClaimKind.date, f"{int(token.value)}-{month}"), 1
            return None
        if not _is_day(token):
            return None
        day = int(token.value)
        if (m := self._free_before(self.vocab.month_before, token.start)) and not _LONG_MARCH.match(self.text, m.start()):
            start, month = m.start(), self.vocab.months[m.group("m")]
            return self._with_year(i, start, token.end, month, day)
        if m := self.vocab.month_after.match(self.text, token.end, self._ahead(token.end)):
            return self._with_year(i, token.start, m.end(), self.vocab.months[m.group("m")], day)
        return None

    def _with_year(self, i: int, start: int, end: int, month: int, day: int) -> Reading:
        """A month and day, with the year after them if there is one; a second date after it makes a period
        (January 23 to April 8, 2020: the year after both holds for both)."""
        if (span := self._same_month_days(i, end, day)) is not None:  # May 15 to 19, 2014
            j, last = span
            year = self._year_after(j, last.end)
            days = f"{month:02d}-{day:02d}/{month:02d}-{int(last.value):02d}"
            if year is None:
                return self._claim(start, last.end, ClaimKind.period, days), j - i + 1
            y = int(year[1].value)
            return (self._claim(start, year[1].end, ClaimKind.period, "/".join(f"{y}-{d}" for d in days.split("/"))),
                    year[0] - i + 1)
        year = self._year_after(i, end)
        first = f"{month:02d}-{day:02d}" if year is None else f"{int(year[1].value)}-{month:02d}-{day:02d}"
        last_end = year[1].end if year else end
        if (to := self.vocab.month_range_after.match(self.text, last_end, self._ahead(last_end))) \
                and (last := self._next_after(year[0] if year else i, to.end())) and _is_day(last[1]) \
                and (last_year := self._year_after(last[0], last[1].end)) is not None:
            y = int(last_year[1].value)
            second = f"{y}-{self.vocab.months[to.group('m')]:02d}-{int(last[1].value):02d}"
            return self._claim(start, last_year[1].end, ClaimKind.period,
                               f"{first if year else f'{y}-{first}'}/{second}"), last_year[0] - i + 1
        if year is not None:
            return self._claim(start, year[1].end, ClaimKind.date, first), year[0] - i + 1
        return self._claim(start, end, ClaimKind.date, first), 1

    def _same_month_days(self, i: int, end: int, day: int) -> tuple[int, NumberToken] | None:
        """The later day of the same month that a date ending at `end` runs to (May 15 to 19, May 15-19), and its
        token index; never a number that counts what follows it or has a unit (May 20 to 19 exhibitors, to 19%)."""
        sep = _RANGE_SEPARATOR.match(self.text, end, self._ahead(end))
        last = self._next_after(i, sep.end()) if sep else None
        if (last is None or not _is_day(last[1]) or last[1].value <= day or last[1].form != "arabic"
                or _PLURAL_NEXT.match(self.text, last[1].end, self._ahead(last[1].end))
                or self._suffix(last[1].end).end() > last[1].end):
            return None
        return last

    def _year_after(self, i: int, end: int) -> tuple[int, NumberToken] | None:
        """The year written right after a date ending at `end` (September 26, 2013), and its token index."""
        gap = _YEAR_AFTER.match(self.text, end, self._ahead(end))
        following = self._next_after(i, gap.end()) if gap else None
        return following if following is not None and self._is_year(following[1]) else None

    def _next_after(self, i: int, at: int) -> tuple[int, NumberToken] | None:
        for j in range(i + 1, min(i + 3, len(self.tokens))):
            if self.tokens[j].start == at:
                return j, self.tokens[j]
        return None

    def _year(self, i: int, token: NumberToken) -> Reading | None:
        """A four-digit year with no comma, unless a plural noun follows (1975 cases); the 1990s is a period."""
        if not self._is_year(token) or _PLURAL_NEXT.match(self.text, token.end, self._ahead(token.end)):
            return None
        prefix = self._prefix(token.start)
        if prefix.start != token.start and not (
                prefix.currency is None and self.text[prefix.start : token.start].strip().lower() == "over"
                and _OVER_A_YEAR.match(self.text, token.end, self._ahead(token.end))
                and self._figure_before(prefix.start)):
            return None
        year = int(token.value)
        if year % 10 == 0 and _DECADE_S.match(self.text, token.end, self._ahead(token.end)):
            return self._claim(token.start, token.end + 1, ClaimKind.period, f"{year:04d}/{year + 9:04d}"), 1
        return self._claim(token.start, token.end, ClaimKind.year, f"{year:04d}"), 1

    def _by_share(self, start: int, end: int) -> bool:
        """Whether a third, a quarter or half from `start` to `end` is what a change is by (cut by a third, fell
        by half, increased by a quarter over 2012), not "by a third party"."""
        one = self._ends_before(_ONE, start)
        before = one.start() if one else start
        return ((self._ends_before(_BY, before) or self._ends_before(self.vocab.prefix_change, before)) is not None
                and _AFTER_BY_SHARE.match(self.text, end, self._ahead(end)) is not None)

    def _fraction(self, i: int, token: NumberToken) -> Reading | None:
        """one-third, two-thirds, 3 fifths, a quarter of: a cardinal over an ordinal (a third of: 1 over it); 1/3."""
        if below := self._slash_denominator(i, token):
            return self._share_claim(token.start, below.end, _share(token.value, below.value), 2)
        if token.form == "ordinal" and token.value >= 3 and self._ends_before(_ONE, token.start):
            if _OF.match(self.text, token.end, self._ahead(token.end)) or self._by_share(token.start, token.end):
                start = self._ends_before(_ONE, token.start).start()
                return self._share_claim(start, token.end, _share(Decimal(1), token.value), 1)
            return None
        if token.form not in ("word", "arabic") or token.scale:
            return None
        if plural := self.vocab.plural_ordinal.match(self.text, token.end, self._ahead(token.end)):
            return self._share_claim(token.start, plural.end(), _share(token.value, parse_en_words(plural.group("o"))), 1)
        if self.text[token.end + 1 : token.end + 2] in ("q", "Q") and (
                quarters := _QUARTERS.match(self.text, token.end, self._ahead(token.end))):
            return self._share_claim(token.start, quarters.end(), _share(token.value, Decimal(4)), 1)
        if self.text.startswith((" in ", " out "), token.end) and (among := _IN.match(self.text, token.end, self._ahead(token.end))) and (
                whole := self._next(i, among.end())) and whole.form in ("word", "arabic") and not whole.scale \
                and not self._is_year(whole) and token.value < whole.value <= 1000 and token.value == int(token.value):
            return self._share_claim(token.start, whole.end, _share(token.value, whole.value), 2)
        join = _FRACTION_JOIN.match(self.text, token.end, self._ahead(token.end))
        denominator = self._next(i, join.end()) if join else None
        if denominator is None or denominator.form != "ordinal" or denominator.value < 3:
            return None
        end = denominator.end + 1 if self.text.startswith("s", denominator.end) else denominator.end
        return self._share_claim(token.start, end, _share(token.value, denominator.value), 2)

    def _share_claim(self, start: int, end: int, value: int | float, used: int) -> Reading:
        """A share with the bound written before it (more than two-thirds, nearly one in five)."""
        prefix = self._prefix(start)
        return self._claim(prefix.start, end, ClaimKind.fraction, value, approx=prefix.approx), used

    def _rank(self, i: int, token: NumberToken) -> Reading | None:
        """second place, ranked first, ranked No. 3."""
        if token.form != "ordinal":
            if token.form == "arabic" and self.text[token.start - 1 : token.start] in (" ", ".") and (
                    numbered := self._ends_before(_NUMBERED_RANK, token.start)):
                return self._claim(numbered.start("no"), token.end, ClaimKind.rank, to_json_number(token.value)), 1
            return None
        suffix = self._suffix(token.end)
        if suffix.group("unit") and self.vocab.units.get(suffix.group("unit").strip().lower()) == "rank":
            return self._claim(token.start, suffix.end("unit"), ClaimKind.rank, to_json_number(token.value)), 1
        if self._ends_before(_RANK_BEFORE, token.start):
            return self._claim(token.start, token.end, ClaimKind.rank, to_json_number(token.value)), 1
        return None

    def _and_a_half(self, i: int, token: NumberToken) -> Reading | None:
        """One and a half million (1,500,000), two and a half times, a million and a half: the whole number and a half
        of it, or of the scale word after it, read as one figure with what follows."""
        if token.form not in ("word", "arabic") or token.value != int(token.value):
            return None
        half = _AND_A_HALF.match(self.text, token.end, self._ahead(token.end))
        if half is None:
            return None
        end, used = half.end(), 1
        if _is_scale_word(self.text[token.start : token.end]):  # a million and a half
            value = token.value * Decimal("1.5")
        else:
            value = token.value + Decimal("0.5")
            scale = self._next(i, end + 1) if self.text.startswith(" ", end) else None
            if scale is not None and _is_scale_word(self.text[scale.start : scale.end]):  # one and a half million
                value, end, used = value * scale.value, scale.end, 2
        reading = self._quantity(i, token._replace(end=end, value=value))
        return (reading[0], used) if reading else None

    def _skip_span(self, i: int, start: int, end: int, reason: SkipReason) -> Reading:
        """A set phrase, unless it names a part of the year after it (the first half of 2019: a period)."""
        if reason in (SkipReason.word, SkipReason.identifier) and (part := self._year_part(i, start)):
            return part
        return super()._skip_span(i, start, end, reason)

    def _year_part(self, i: int, start: int) -> Reading | None:
        """The first half of 2019, the first three quarters of 2019, Q1 2019: months of that year
        (rules/year_parts.tsv)."""
        if start < self.floor or not (part := year_part_pattern(Lang.en).match(self.text, start, self._ahead(start))):
            return None
        k = next((k for k in range(i + 1, min(i + 4, len(self.tokens))) if self.tokens[k].start == part.end()), None)
        if k is None or not self._is_year(self.tokens[k]):
            return None
        first, last = _EN_YEAR_PARTS[" ".join(w for w in part.group().lower().split() if w != "of")]
        year = int(self.tokens[k].value)
        return self._claim(start, self.tokens[k].end, ClaimKind.period, f"{year:04d}-{first:02d}/{year:04d}-{last:02d}"), k - i + 1

    def _ordinal(self, i: int, token: NumberToken) -> Reading | None:
        """15th, fifth, first-ever; the tenth consecutive year is a duration; an ordinal opening a sentence with a
        comma ("First, ...") is a word."""
        if token.form != "ordinal":
            return None
        if _SENTENCE_START.fullmatch(self.text, self.start, token.start) and self.text.startswith(",", token.end):
            return Found(token.start, token.end, None, SkipReason.word), 1
        if token.value == 1 and (count := self._next(i, token.end + 1)) and count.form in ("arabic", "word"):
            if ((of := _MONTHS_OF.match(self.text, count.end, self._ahead(count.end))) and (year := self._next(i + 1, of.end()))
                    and self._is_year(year) and 1 <= count.value <= 12 and count.value == int(count.value)):
                value = f"{int(year.value):04d}-01/{int(year.value):04d}-{int(count.value):02d}"  # 2019年1—9月
                return self._claim(token.start, year.end, ClaimKind.period, value), 3
            return Found(token.start, token.end, None, SkipReason.word), 1  # the first 10 months (前10个月): a span
        if run := _IN_A_ROW.match(self.text, token.end, self._ahead(token.end)):
            return self._claim(token.start, run.end(), ClaimKind.duration, to_json_number(token.value), unit="years"), 1
        ever = _EVER.match(self.text, token.end, self._ahead(token.end))
        return self._claim(token.start, ever.end() if ever else token.end, ClaimKind.ordinal,
                           to_json_number(token.value)), 1

    def _serial(self, i: int, token: NumberToken) -> Reading | None:
        """Shenzhou-13, Chang'e-4, BeiDou-3: the number of one of a series (神舟十三号, 嫦娥四号), an ordinal;
        after a word in capitals (COVID-19) it is part of a name."""
        if token.form != "arabic" or self.text[token.start - 1 : token.start] != "-":
            return None
        series = self._ends_before(_SERIAL, token.start)
        if series is None or (series.start() > self.start and self.text[series.start() - 1].isalnum()):
            return None
        if series.group("w").isupper():
            return Found(series.start(), token.end, None, SkipReason.name), 1
        return self._claim(token.start, token.end, ClaimKind.ordinal, to_json_number(token.value), unit="no."), 1

    def _label(self, i: int, token: NumberToken) -> Reading | None:
        """Article 12, Item 2, Chapter Three: the whole number after a noun that labels a part is an ordinal."""
        if token.form not in ("arabic", "word") or token.scale or token.value != int(token.value):
            return None
        label = self._ends_before(self.vocab.label_before, token.start)
        if label is None or label.start() < self.floor:
            return None
        return self._claim(label.start(), token.end, ClaimKind.ordinal, to_json_number(token.value),
                           unit=label.group("w").lower()), 1

    def _range(self, i: int, token: NumberToken) -> Reading | None:
        """12 million to 14 million, 4 to 6 million (the scale after the second applies to both), 10% to 15%,
        between 3 and 5 years."""
        lead = token.start - 1 if self.text[token.start - 1 : token.start] in MINUS_SIGNS else token.start
        if self._is_year(token) or (self._ends_before(_FROM, lead) and not self._ends_before(self.vocab.range_from, lead)):
            return None
        own = self._suffix(token.end)
        after = own.end("unit") if own.group("unit") else token.end
        sep = _RANGE_SEPARATOR.match(self.text, after, self._ahead(after))
        if sep is None and self._ends_before(_BETWEEN, lead):
            sep = _AND.match(self.text, after, self._ahead(after))
        either = sep is None and (sep := _OR.match(self.text, after, self._ahead(after))) is not None
        upper = self._next(i, sep.end()) if sep else None
        if upper is None or self._is_year(upper) or upper.form == "ordinal":
            return None
        if either and not (upper.value == int(upper.value) and 0 < token.value < upper.value <= MAX_OR_RATIO * token.value):
            return None
        high = self._quantity(i + 1, upper)
        if high is None or high[0].kind not in RANGE_KINDS:
            return None
        if own.group("unit") and ClaimKind(self.vocab.units.get(own.group("unit").strip().lower(), "count")) is not high[0].kind:
            return None
        low = token.value * scale_of(upper.scale) if upper.scale and not token.scale else token.value
        prefix = self._prefix(token.start)
        unit = prefix.currency or high[0].unit
        kind = ClaimKind.money if prefix.currency else high[0].kind
        if kind is ClaimKind.count and self._ends_before(self.vocab.age_before, prefix.start):  # ages 15 to 59
            kind, unit = ClaimKind.duration, "years"
        return self._claim(prefix.start, high[0].end, kind, to_json_number(low), value_max=high[0].value,
                           unit=unit, approx=prefix.approx or high[0].approx), 2

    def _quantity(self, i: int, token: NumberToken) -> Reading | None:
        """A number with its unit: %, percentage points, a currency, years, -fold, else a count of the noun after it."""
        if token.form == "ordinal":
            return None
        if (token.form == "word" and takes_article(self.text[token.start : token.end])
                and (article := self._ends_before(_ARTICLE, token.start))):
            half = article.group("half") is not None
            token = token._replace(start=article.start(), value=token.value / 2 if half else token.value)
        suffix = self._suffix(token.end)
        end, unit, kind = token.end, None, ClaimKind.count
        if suffix.group("unit"):
            word = suffix.group("unit").strip().lower()
            kind = ClaimKind(self.vocab.units[word if word in self.vocab.units else word.lstrip("-")])
            end = suffix.end("unit")
            unit = "%" if kind is ClaimKind.percent else word.lstrip("-")
            if unit in self.vocab.unit_years:  # four decades: 40 years, as 四十年 says it
                token = token._replace(value=token.value * self.vocab.unit_years[unit])
                unit = "years"
        elif suffix.group("cur"):
            kind, unit, end = ClaimKind.money, self.vocab.currencies[suffix.group("cur")], suffix.end("cur")
        approx = None
        if suffix.group("after"):
            approx = self._qualifier(suffix.group("after").strip(), "after")
            end = suffix.end("after")
        prefix = self._prefix(token.start)
        if prefix.currency:
            kind, unit = ClaimKind.money, prefix.currency
            if token.scale is None and end == token.end and _MILLION_M.match(self.text, end):  # RMB 50m
                token, end = token._replace(value=token.value * 1_000_000), end + 1
        if kind is ClaimKind.count and (times := _TIMES.match(self.text, token.end, self._ahead(token.end))):
            if self._ends_before(_GROWTH_VERB, token.start) or _TIMES_THAT.match(self.text, token.end, self._ahead(token.end)):
                kind, unit, end = ClaimKind.multiple, "times", times.end()
        if kind is ClaimKind.count and self._ends_before(self.vocab.denominator_before, token.start):
            return Found(token.start, end, None, SkipReason.unit), 1
        if kind is ClaimKind.count and (age := self._ends_before(self.vocab.age_before, prefix.start)):
            kind, unit = ClaimKind.duration, "years"
            if prefix.approx is None and (outer := self._prefix(age.start())).approx:  # under the age of 6
                prefix = outer
        elif kind is ClaimKind.count:
            unit = self._noun_after(end if suffix.group("after") else token.end)
            if _RATIO_CUE.search(self._clause_before(token.start)) and _CLAUSE_END.match(self.text, end, self._ahead(end)) \
                    or self.vocab.denominator_after.match(self.text, end, self._ahead(end)):
                kind = ClaimKind.ratio
        return self._claim(prefix.start, end, kind, to_json_number(token.value), unit=unit,
                           approx=prefix.approx or approx, change_end=end), 1

    def _tokenless(self) -> list[Found]:
        """Figures with no digits or number words: more than half, doubled, twice that of, a dozen, ranking the
        top, a month alone."""
        found = self._months() if _MONTH_START.search(self.text, self.start, self.end) else []
        if next(_word_claim_finder().iter(self.text[self.start : self.end].lower()), None) is None:
            return found
        for m in _WORD_CLAIMS.finditer(self.text, self.start, self.end):
            if m.group("half"):
                prefix = self._tokenless_prefix(m.start())
                if prefix.approx is None and not _HALF_OF.match(self.text, m.end()) and not self._by_share(m.start(), m.end()):
                    continue
                found.append(self._claim(prefix.start, m.end(), ClaimKind.fraction, 0.5, approx=prefix.approx))
            elif m.group("halved"):  # halved, as 减少了一半 (fell by half) is
                found.append(self._claim(m.start(), m.end(), ClaimKind.fraction, 0.5, change=Change.decrease))
            elif m.group("quarter"):
                if not (self.text.startswith(" of", m.end()) or self._by_share(m.start(), m.end())):
                    continue
                prefix = self._tokenless_prefix(m.start())
                found.append(self._claim(prefix.start, m.end(), ClaimKind.fraction, 0.25, approx=prefix.approx))
            elif m.group("dozen"):  # a dozen or so: a bound after it, as after a number
                prefix = self._tokenless_prefix(m.start())
                after = self._suffix(m.end()).group("after")
                end = m.end() + len(after) if after else m.end()
                found.append(self._claim(prefix.start, end, ClaimKind.count, 12, unit=self._noun_after(end),
                                         approx=prefix.approx or (self._qualifier(after.strip(), "after") if after else None)))
            elif m.group("decade"):
                found.append(self._claim(m.start(), m.end(), ClaimKind.duration, 10, unit="years"))
            elif m.group("half_year"):  # six months, as 半年 is
                prefix = self._tokenless_prefix(m.start())
                found.append(self._claim(prefix.start, m.end(), ClaimKind.duration, 6, unit="months", approx=prefix.approx))
            elif m.group("century"):  # over a century is more than 100 years; over the past century is during it
                prefix = self._tokenless_prefix(m.start()) if m.group("counted") else Prefix(m.start(), None, None)
                years = 50 if m.group("half_century") else 100
                found.append(self._claim(prefix.start, m.end(), ClaimKind.duration, years, unit="years", approx=prefix.approx))
            elif m.group("frequency"):  # once a year: a count of times, as 每年一次 is
                prefix = self._tokenless_prefix(m.start())
                found.append(self._claim(prefix.start, m.end(), ClaimKind.count, FREQUENCY_WORDS[m.group().lower()],
                                         unit="times", approx=prefix.approx))
            elif m.group("twice"):  # about twice that of, as 约为…的2倍
                prefix = self._tokenless_prefix(m.start())
                found.append(self._claim(prefix.start, m.end(), ClaimKind.multiple, 2, unit="times", approx=prefix.approx))
            elif m.group("multiple"):
                prefix = self._tokenless_prefix(m.start())
                found.append(self._claim(prefix.start, m.end(), ClaimKind.multiple, MULTIPLE_WORDS[m.group().lower()],
                                         approx=prefix.approx, change=Change.increase))
            else:
                found.append(self._claim(m.start(), m.end(), ClaimKind.rank, 1))
        return found

    def _months(self) -> list[Found]:
        """In September (09), from January to October (01/10): a month with no day or year; "May" opening a
        sentence is the verb."""
        found = []
        for m in self.vocab.month_alone.finditer(self.text, self.start, self.end):
            first = self.vocab.months[m.group("m")]
            if (m.group("m") == "May" and not _LOWER_BEFORE.search(self.text, self.start, m.start())
                    or _LONG_MARCH.match(self.text, m.start())):
                continue
            if m.group("n"):
                last = self.vocab.months[m.group("n")]
                if last > first:
                    since = self._ends_before(_FROM, m.start())
                    found.append(self._claim(since.start() if since else m.start(), m.end(), ClaimKind.period,
                                             f"{first:02d}/{last:02d}"))
                    continue
            found.append(self._claim(m.start("m"), m.end("m"), ClaimKind.date, f"{first:02d}"))
        return found

    # --- context ----------------------------------------------------------------

    def _is_year(self, token: NumberToken) -> bool:
        return (token.form == "arabic" and token.scale is None and token.end - token.start == 4
                and token.value == int(token.value) and int(token.value) in YEARS)

    def _qualifier(self, word: str, position: str) -> Approx | None:
        approx = self.vocab.qualifiers.get((word.lower(), position))
        return None if approx in (None, "exact") else Approx(approx)

    def _bound(self, qualifier: regex.Match[str], duration: bool) -> Approx | None:
        return self._qualifier(qualifier.group("q"), "before")

    def _change(self, start: int, end: int) -> Change | None:
        if (m := self._ends_before(self.vocab.prefix_change, start)) and not (
                m.group("c").lower() in PARTICLES and self._ends_before(self.vocab.particle_verb, m.start("c"))):
            return Change(self.vocab.changes[(m.group("c").lower(), "before")])
        if m := self.vocab.suffix_change.match(self.text, end, self._ahead(end)):
            return Change(self.vocab.changes[(m.group("c").lower(), "after")])
        if m := self.vocab.than_change.match(self.text, end, self._ahead(end)):
            return Change(self.vocab.changes[(m.group("c").lower(), "after_than")])
        return None

    def _figure_before(self, position: int) -> bool:
        """Whether a number or a change word stands in the clause before `position` (grew 5% over, rose over)."""
        low = last_break(_CLAUSE_BREAK, self.text, self.start, position)
        return (any(low <= t.start < position for t in self.tokens)
                or self.vocab.prefix_change.search(self.text, low, position) is not None)

    def _clause_before(self, position: int) -> str:
        return self.text[last_break(_CLAUSE_BREAK, self.text, self.start, position) : position]

    def _noun_after(self, position: int) -> str | None:
        """The head of the noun phrase after a count (20 enterprises, 4 Gold Prizes, 30 Grade-2 hospitals), if any."""
        grade = self.vocab.grade_name.match(self.text, position + 1) if self.text[position : position + 1] == " " else None
        phrase = grade.group() if grade else noun_phrase_after(self.text, position)
        return phrase.split()[-1] if phrase else None

    def _claim(self, start: int, end: int, kind: ClaimKind, value: int | float | str, *,
               value_max: int | float | str | None = None, unit: str | None = None,
               approx: Approx | None = None, change: Change | None = None, change_end: int | None = None) -> Found:
        """A claim; a quantity takes a change word written before or right after it."""
        if change is None and kind in CHANGEABLE:
            change = self._change(start, change_end if change_end is not None else end) or self._joined_change(start, kind)
        return Found(start, end, kind, None, value, value_max, unit, approx, change)


def _is_scale_word(word: str) -> bool:
    """Whether a word is a scale word alone (million, Billion), as rules/scales.tsv lists them."""
    try:
        scale_of(word)
    except KeyError:
        return False
    return " " not in word


def _share(numerator: Decimal, denominator: Decimal) -> int | float:
    return to_json_number(share_of(numerator, denominator))


def _is_day(token: NumberToken) -> bool:
    return token.scale is None and token.value == int(token.value) and 1 <= token.value <= 31
