"""The default extractor: capitalised runs, rules and gazetteers, no model to download.

>>> [(e.type, e.text, e.name) for e in default_extractor().extract(
...     "Vladimir Poetin sprak in Moskou met de NAVO. Poetins plan faalde.")]
... # doctest: +NORMALIZE_WHITESPACE
[('person', 'Vladimir Poetin', 'Vladimir Poetin'), ('place', 'Moskou', 'Moskou'),
 ('org', 'NAVO', 'NAVO'), ('person', 'Poetins', 'Vladimir Poetin')]
"""

from __future__ import annotations

import functools
import re

from index.entities import lexicon
from index.entities.boilerplate import blank_boilerplate
from index.entities.candidates import (
    LOWER_WORD,
    iter_candidates,
    iter_domains,
    join_middle_initials,
    mark_listed,
    mark_opponents,
    merge_org_names,
    share_compass_tails,
    split_at_sentence_words,
)
from index.entities.canonical import (
    bracket_aliases,
    canonical_names,
    headline_end,
    headline_only,
    initials_aliases,
    ministry_aliases,
    resolve_types,
    share_surnames,
)
from index.entities.gazetteers import load_gazetteer
from index.entities.model import ENTITY_TYPES, Entity, EntityExtractor
from index.entities.rules import ANY_STREET_ENDINGS, Evidence, Mention, Rules

_TYPES = {"person": "person", "place": "place", "org": "org"}
# A headline's last part in lowercase after a full stop: its section or place label.
_LABEL = re.compile(r"\. ((?:'s-)?[a-zà-ÿ][a-zà-ÿ-]*(?: [a-zà-ÿ][a-zà-ÿ-]*){0,3})$")
_LOWER_PARTICLES = frozenset({"aan", "den", "op", "de", "bij", "en", "in", "van", "der", "ter"})


# ``ministerie van`` and a lowercase portfolio of up to six words.
_LOWER_MINISTRY = re.compile(r"(?<![\w-])([Mm]inisterie van) ((?:[a-zà-ÿ]+,? ){0,5}[a-zà-ÿ]+)")
# Streets and squares named after a date: ``24 Oktoberplein``, ``18 Septemberplein``.
_MONTH_STREETS = tuple(
    "Januari Februari Maart April Mei Juni Juli Augustus September Oktober November "
    "December".split()
)
_DAY_BEFORE = re.compile(r"(?<![\w.,])([1-9]|[12]\d|3[01]) $")


def _date_street(mention: Mention, content: str) -> None:
    """Give a street named after a date its day: ``24 Oktoberplein``, not ``Oktoberplein``."""
    lower = mention.text.lower()
    if lower.endswith(ANY_STREET_ENDINGS) and any(
        lower[len(m) :] and lower[len(m) :] in ANY_STREET_ENDINGS
        for m in (w.lower() for w in _MONTH_STREETS)
        if lower.startswith(m)
    ):
        day = _DAY_BEFORE.search(content, max(0, mention.start - 4), mention.start)
        if day:
            mention.text = content[day.start() : mention.end]
            mention.start = day.start()
            mention.known_as = ""


def _title_case(label: str) -> str:
    """``den bosch`` -> ``Den Bosch``, ``bergen op zoom`` -> ``Bergen op Zoom``,
    ``'s-hertogenbosch`` -> ``'s-Hertogenbosch``, ``etten-leur`` -> ``Etten-Leur``."""
    words = []
    for i, word in enumerate(label.split(" ")):
        if i and word in _LOWER_PARTICLES:
            words.append(word)
        elif word.startswith("'s-"):
            words.append("'s-" + "-".join(p.capitalize() for p in word[3:].split("-")))
        else:
            words.append("-".join(p.capitalize() for p in word.split("-")))
    return " ".join(words)


CHUNK_CHARS = 1 << 20


def iter_chunks(text: str, size: int = CHUNK_CHARS):
    """Yield ``(offset, piece)`` slices of about ``size`` characters, cut at line ends.

    Names never span a line break, so cutting there loses nothing; a text without one is
    cut at a space, or anywhere as a last resort. Keeps the work per chunk bounded.
    """
    start = 0
    while start < len(text):
        end = min(start + size, len(text))
        if end < len(text):
            cut = text.rfind("\n", start, end)
            if cut <= start:
                cut = text.rfind(" ", start, end)
            end = cut + 1 if cut > start else end
        yield start, text[start:end]
        start = end


class DutchEntityExtractor:
    """Rule- and gazetteer-based extractor of people, places and organisations in Dutch.

    Stores no state between calls; the gazetteer is shared and built on first use.
    """

    version = "dutch-rules-13"

    def __init__(self) -> None:
        self._rules: Rules | None = None

    @property
    def rules(self) -> Rules:
        """The rules, built with the gazetteer on first use."""
        if self._rules is None:
            self._rules = Rules(load_gazetteer())
        return self._rules

    def extract(self, text: str) -> list[Entity]:
        """Return the people, places and organisations in ``text``, in text order."""
        if not isinstance(text, str) or not text:
            return []
        mentions: list[Mention] = []
        content = blank_boilerplate(
            text,
            first_names=self.rules.signature_names,
            towns=self.rules.all_towns,
            words=self.rules.gaz.word_forms,
        )
        for offset, piece in iter_chunks(content):
            mentions.extend(self._chunk_mentions(piece, offset))
        if "inisterie van " in content:
            ministries = list(self._lowercase_ministries(content))
            if ministries:
                mentions = sorted(mentions + ministries, key=lambda m: m.start)
        end = headline_end(content)
        if end and ". " in content[:end]:
            label = self._place_label(content, end)
            if label:  # the headline's first line comes before the body's mentions
                at = next((i for i, m in enumerate(mentions) if m.start >= label.start), None)
                mentions.insert(len(mentions) if at is None else at, label)
        resolve_types(mentions, content)
        mentions = [m for m in mentions if m.type in _TYPES]
        for mention in mentions:
            if mention.type == "place" and mention.text.startswith(_MONTH_STREETS):
                _date_street(mention, content)
        if " en " in content:
            share_surnames(mentions, content, self.rules.gaz.first_names)
        brackets = bracket_aliases(mentions, content)
        aliases = {
            **{
                short: long
                for short, long in initials_aliases(mentions).items()
                if brackets.get(long) != short  # ``Long Name (LN)``: the bracket decides
            },
            **self.rules.gaz.aliases,
            **brackets,
            **(ministry_aliases(mentions) if "inisterie" in content else {}),
        }
        names = canonical_names(mentions, aliases)
        unsupported = headline_only(mentions, names, end, self.rules.known) if end else ()
        return [
            Entity(m.type, text[m.start : m.end], m.start, m.end, name)
            for m, name in zip(mentions, names, strict=True)
            if name not in unsupported
        ]

    @staticmethod
    def _lowercase_ministries(content: str):
        """A ministry written in lowercase (``het ministerie van financiën``, ``ministerie
        van binnenlandse zaken``): the candidate pattern sees no capital, so find it here,
        the longest portfolio that fits, named as the capitalised ministry."""
        for match in _LOWER_MINISTRY.finditer(content):
            words = match.group(2).split(" ")
            for size in range(len(words), 0, -1):
                portfolio = " ".join(
                    w if w == "en" else w[:1].upper() + w[1:] for w in words[:size]
                ).replace(" ,", ",")
                if portfolio.rstrip(",") in lexicon.PORTFOLIOS:
                    portfolio = portfolio.rstrip(",")
                    end = match.start(2) + len(" ".join(words[:size]).rstrip(","))
                    name = f"ministerie van {portfolio}"
                    yield Mention("org", content[match.start(1) : end], match.start(1), end, name)
                    break

    def _place_label(self, content: str, end: int) -> Mention | None:
        """A headline's lowercase label after its last full stop naming a known place
        (``Klachten over de luchthaven. haarlemmermeer``, ``... . den bosch``): that place."""
        match = _LABEL.search(content, 0, end)
        if match is None:
            return None
        label = match.group(1)
        if label in self.rules.gaz.word_forms:
            return None  # a Dutch word: ``mode``, ``made``
        name = _title_case(label)
        rules = self.rules
        if not (name in rules.gaz.towns or name in rules.gaz.cities or name in rules.gaz.places):
            return None
        return Mention("place", label, match.start(1), match.end(1), name)

    def _chunk_mentions(self, piece: str, offset: int) -> list[Mention]:
        """Candidate runs of one chunk, typed with the chunk's own evidence."""
        candidates = split_at_sentence_words(list(iter_candidates(piece, offset)))
        if ". " in piece:
            candidates = join_middle_initials(candidates, piece, self.rules.signature_names, offset)
        candidates = merge_org_names(
            candidates,
            piece,
            offset,
            self.rules.connected,
            self.rules.gaz.towns,
            self.rules.listed_names,
        )
        if "- " in piece or " en " in piece:
            share_compass_tails(candidates, piece, offset)
        if "tegen " in piece:
            mark_opponents(candidates, piece, offset)
        if "als " in piece or "waaronder " in piece:
            mark_listed(candidates, piece, self.rules.noun_kind, offset)
        evidence = Evidence(set(LOWER_WORD.findall(piece)), set(), set(), piece)
        add_words = evidence.mid_sentence_words.update
        add_pairs = evidence.mid_sentence_pairs.update
        for cand in candidates:
            words = [w for w, _, _ in (cand.words[1:] if cand.sentence_start else cand.words)]
            add_words(words)
            if len(words) > 1:
                add_pairs(map(" ".join, zip(words, words[1:], strict=False)))
        found: list[Mention] = []
        mentions = self.rules.mentions
        for cand in candidates:
            found.extend(mentions(cand, evidence))
        if "." in piece:
            domains = [Mention("org", *span) for span in iter_domains(piece, offset)]
            if domains:  # a website named as such is an organisation: ``bol.com``
                found = sorted(found + domains, key=lambda m: m.start)
        return found


@functools.cache
def default_extractor() -> EntityExtractor:
    """The shared default :class:`DutchEntityExtractor`."""
    return DutchEntityExtractor()


def article_entities(title: str, text: str, extractor) -> dict[str, list[str]]:
    """What the index stores of an article's entities: ``{"person": [names], ...}``, each
    canonical name once, in order of first mention, from its title and ``text``."""
    if extractor is None:
        return {}
    found: dict[str, dict[str, None]] = {kind: {} for kind in ENTITY_TYPES}
    for entity in extractor.extract(f"{title}\n\n{text}"):
        if entity.type in found:
            found[entity.type].setdefault(entity.name, None)
    return {kind: list(names) for kind, names in found.items() if names}
