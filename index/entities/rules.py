"""Deciding which parts of a candidate run are names, and of which type.

A run is first trimmed (sentence-initial function words, capitalised cue words such as
``President``), split where a particle joins two separate names (``Rusland van de VS``), a
compound common noun stands in it (``Kremlin-woordvoerder``) or a first name starts a new
name (``Buitenlandse Zaken Louis Michel``); then each group is typed by gazetteers, cue words
and word shape. Groups the rules cannot type, or type by their own shape alone, come back
as ``"unknown"`` or a weak kind (``"weak-place"``, ``"weak-person"``, ...) for the
document-level pass in :mod:`index.entities.canonical`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from index.dutch.lexicon import lemmas
from index.entities import lexicon
from index.entities.candidates import Candidate
from index.entities.gazetteers import Gazetteer, common_compound_parts
from index.entities.model import fold_accents
from index.entities.shapes import (
    ADJECTIVE_ENDINGS,
    DEMONYM_ENDINGS,
    cue_kind,
    has_inner_capital,
    is_acronym,
    is_compound_common,
    is_initial,
    is_person_cue,
    is_plural_person_cue,
)

UNKNOWN = "unknown"
WEAK_PLACE = "weak-place"
# Unknown, and its context speaks against a person (``de Beweging``): kept only when the
# document types the same name elsewhere.
WEAK_UNKNOWN = "weak-unknown"
# One word typed by a clue of its own alone, no cue, gazetteer entry or first name: a name
# the Dutch dictionary lists (first names and surnames alike), or an inner capital or an
# organisation head glued on (``GooiVecht``, ``Klimaatberaad``). Kept, with that type, when
# the document uses it twice or more or types it elsewhere; once, it is as often a word, a
# product or a name of another kind.
WEAK_PERSON = "weak-person"
WEAK_ORG = "weak-org"
UNRESOLVED = (UNKNOWN, WEAK_PLACE, WEAK_UNKNOWN, WEAK_PERSON, WEAK_ORG)
_NOT_NAMES = re.compile(r"(?:CO2|NOx|NO2|CH4|N2O|SO2|H2O|O3|PM\d+|COP\d*)$")
# Motorways and provincial roads (``A27``, ``N33``), European routes (``E40``) and city
# ring roads (``S112``).
_ROAD = re.compile(r"(?:[ANE]\d{1,3}|S1\d\d)$")
_ROMAN = frozenset({"II", "III", "IV", "V", "VI"})
# A match score (``4-4``, ``(2-1)``), not a date range or a phone number.
_SCORE = re.compile(r"(?<![\d-])\d{1,2}-\d{1,2}(?![\d-])")
# Endings of uninflected adjectives of origin (``Brits``, ``Duits``, ``Frans``, ``Zweeds``).
_ORIGIN = ("ts", "ns", "ds", "ks", "ls")
_MEMO_LIMIT = 200_000
# Plurals of nouns for people (``speechers``, ``activisten``, ``heiligen``): the names
# listed after them and ``als``/``zoals`` are people.
_PEOPLE_ENDINGS = ("ers", "aars", "isten", "ici", "sters", "heiligen")
# Words after an imperative opening a sentence: ``Denk aan``, ``Kijk eens``, ``Trouw je``.
_IMPERATIVE_PARTICLES = frozenset("aan na eens maar mee om even je jij u jezelf uzelf".split())
_EVENT_ENDINGS = ("dag", "dagen", "week", "weken", "festival", "toernooi", "top", "conferentie",
                  "verkiezingen", "mars", "gala")  # fmt: skip
_AREA_ENDINGS = ("gebied", "regenwoud", "woud", "bekken", "delta", "vlakte",
                 # and buildings and parts of towns: ``Westerkerk``, ``Brinktoren``
                 "kerk", "gebouw", "toren", "haven", "havens", "plassen", "terrein",
                 "kwartier", "polder", "buurt", "wijk")  # fmt: skip
# Every ending of a street name: the lexicon's and ``kade``, ``singel``, ``weg``.
ANY_STREET_ENDINGS = (*lexicon.STREET_ENDINGS, "kade", "singel", "weg")
_STREET_TAILS = (*ANY_STREET_ENDINGS, "brug", "dijk", "pad", "hof", "tunnel", "viaduct", "aquaduct")
# Seas, gulfs, straits and islands named ``of`` a place: ``Zee van Azov``, ``Golf van
# Biskaje``, ``Straat van Hormuz``; the whole is the place, not the place after ``van``.
_GEO_OF_HEADS = frozenset(
    "zee golf baai kaap straat eiland eilanden meer woestijn schiereiland".split()
)
_MEMBER_ENDINGS = ("leden", "bewoners", "bewoner")
_INHABITANT_ENDINGS = ("er", "ers", "ër", "ërs", "mer", "mers", "naar", "naars")
_TITLE_OPENERS = frozenset({"Het", "Een", "'t"})
_TITLE_CUES = frozenset({"het", "een"})
_MOVE = re.compile(r"(?<!\S)[KDTLP][a-h1-8]?x?[a-h][1-8](?!\S)")
_HEADING_ARTICLES = frozenset({"De", "Het", "Een"})
_ARTICLES = frozenset({"de", "het"})

Words = list[tuple[str, int, int]]
# Names that end in a number (``Radio 1``, ``Kanaal 2``); other trailing numbers are not
# part of the name (``Clijsters 6``, ``Wolstraat 19``).
NUMBERED_NAMES = frozenset(
    "Radio Kanaal TV Ned Nederland BBC Canvas Ketnet Één Een NPO RTL ZDF ARD France Rai "
    "Formule Studio Channel".split()
)


def _listed_parts(name: str) -> list[str]:
    """The first parts of a name that lists its parts, up to each later comma or ``en``:
    ``Landbouw, Natuur`` of ``Landbouw, Natuur en Voedselkwaliteit``. The candidate merge
    joins the runs over a comma only while the joined text is such a part."""
    cuts = [m.start() for m in re.finditer(r", | en ", name)]
    return [name[:cut] for cut in cuts[1:]]


def _geo_of(group: Words) -> bool:
    """``Zee van Azov``, ``Golf van Mexico``: a sea, gulf or island and ``van`` a place."""
    return (
        len(group) > 2
        and group[0][0].lower() in _GEO_OF_HEADS
        and group[1][0] == "van"
        and group[2][0][:1].isupper()
    )


def _place_compound(word: str) -> bool:
    """True for a hyphenated name whose head is a place noun: ``Tigre-provincie``."""
    head, _, tail = word.rpartition("-")
    return bool(head) and tail.lower() in lexicon.PLACE_HEADS


def _abbreviates(word: str, words: Words) -> bool:
    """Whether ``word`` (``DUO``, ``Duo``) spells the initials of ``words``, three or more
    capitalised (``Dienst Uitvoering Onderwijs``)."""
    initials = [w[:1] for w, _, _ in words if w[:1].isupper()]
    return (
        len(initials) == len(words)
        and 3 <= len(word) <= 6
        and word.isalpha()
        and word.upper() == "".join(initials)
    )


def _event_word(word: str) -> bool:
    """A day, week or meeting named in one word: an event, no facet (``Klimaatactiedag``,
    ``Boekenweek``, ``Klimaattop``)."""
    return len(word) > 7 and word[1:].islower() and word.endswith(_EVENT_ENDINGS)


def _street_name(word: str) -> bool:
    """A street: ``Visserstraat``, ``Hendrikkade``; a title before it (``Burgemeester``,
    ``Prins``) is part of the street's name, not a cue for a person."""
    return len(word) > 8 and word.lower().endswith(ANY_STREET_ENDINGS)


_MEMBER_MARKS = ("'er", "'ers", "’er", "’ers")


def _party_member(word: str) -> str:
    """The party of a member noun (``CDA'er`` -> ``CDA``), else ``""``."""
    return word.rpartition("'" if "'" in word else "’")[0] if word.endswith(_MEMBER_MARKS) else ""


def _common_compound(word: str) -> bool:
    """A compound common noun that ends a name (``Kremlin-woordvoerder``), not a name."""
    return is_compound_common(word) and not (_org_compound(word) or _place_compound(word))


def _org_compound(word: str) -> bool:
    """True for a compound whose head names an organisation: ``Voedselagentschap``."""
    lower = word.lower()
    if lower in lexicon.LEGAL_FORMS:
        return False  # ``Spa`` the town, not S.p.A.
    tail = lower.rsplit("-", 1)[-1]
    return tail in lexicon.ORG_HEADS or (
        len(lower) > 7 and lower.endswith(lexicon.ORG_HEAD_ENDINGS)
    )


@dataclass
class Mention:
    """A typed group of words: the raw material of an :class:`~index.entities.model.Entity`."""

    type: str
    text: str
    start: int
    end: int
    known_as: str = ""  # the gazetteer's spelling, for a name written otherwise (capitals)
    cued: bool = False  # typed by the noun before it (``stichting``): the document follows


@dataclass
class Evidence:
    """What the document says about its own words, gathered before typing."""

    lower_words: set[str]
    mid_sentence_words: set[str]
    mid_sentence_pairs: set[str]
    text: str = ""  # the chunk, for the evidence few names need (:meth:`match_report`)
    _match_report: bool | None = field(default=None, init=False, repr=False)

    def match_report(self) -> bool:
        """Whether the text is about a match: it holds a score (``4-4``, ``(2-1)``) or a
        word only sport uses (``interland``, ``bondscoach``), so its towns and countries
        may name their teams. Looked for once, when a name first asks."""
        if self._match_report is None:
            self._match_report = (
                not self.lower_words.isdisjoint(lexicon.MATCH_WORDS)
                or _SCORE.search(self.text) is not None
            )
        return self._match_report


def _folded(word: str) -> str:
    return fold_accents(word).lower()


def _text(words: Words) -> str:
    return " ".join([w for w, _, _ in words])  # a list joins faster than a generator


class Rules:
    """Types candidate runs using a :class:`Gazetteer` and the document's evidence."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self._known = gazetteer.places | gazetteer.orgs | gazetteer.aliases.keys()
        # Known names with a lowercase word inside (``Forum voor Democratie``): the
        # candidate pattern finds their parts, the merge joins them again.
        # Towns too (``Bergen op Zoom``, ``Alphen aan den Rijn``), which the gazetteer keeps
        # apart from the other places.
        self.connected = frozenset(
            name
            for name in self._known | gazetteer.cities
            if any(w.islower() for w in name.split()[1:])
        ) | frozenset(
            prefix for name in self._known if ", " in name for prefix in _listed_parts(name)
        )
        # Known organisations that may head a hyphenated noun (``CDA-leider``): not
        # portfolios (``Defensie-uitgaven`` names a budget). Places heading one
        # (``Europa-beleid``) gained nothing on the development half and cost CoNLL.
        self._prefix_names = frozenset(
            name
            for name in gazetteer.orgs | gazetteer.aliases.keys()
            if len(name) > 1 and name not in lexicon.PORTFOLIOS and self.known_type(name) == "org"
        ) | (lexicon.GOVERNMENT_SEATS & gazetteer.places)
        # Known names of two words or more: ``en`` before one lists it beside another name.
        self.listed_names = frozenset(name for name in self._known if " " in name)
        # Towns a readers' letter may be signed from, the small ones included.
        self.all_towns = gazetteer.towns | gazetteer.cities
        # First names a signature may open with: ours and the dictionary's names.
        self.signature_names = gazetteer.first_names | gazetteer.proper_names
        # Answers of the costlier word tests, per word (names recur across articles).
        self._memo: dict[tuple[str, str], bool] = {}
        self._cue_kinds: dict[str, str] = {}

    def _remember(self, test: str, word: str, answer) -> bool:
        if len(self._memo) >= _MEMO_LIMIT:
            self._memo.clear()
        self._memo[test, word] = answer = bool(answer())
        return answer

    def mentions(self, cand: Candidate, evidence: Evidence) -> list[Mention]:
        """Split and type one candidate run; untypeable groups are dropped or left unknown.

        A place after a lowercase organisation head (``gemeente Apeldoorn``) also names
        that organisation: an org mention spanning both comes first.
        """
        if cand.following in lexicon.NATIONAL_BODIES and self._national(cand):
            word, start, end = cand.words[-1]
            name = f"{word} {cand.following}"  # ``het Zweedse parlement``
            return [Mention("org", name, start, end + 1 + len(cand.following))]
        found = self._mentions(cand, evidence)
        if cand.of_head.startswith(lexicon.MINISTRIES) and found:
            first = found[0]
            if first.type == "org" and first.text in lexicon.PORTFOLIOS:
                # the facet names the ministry: ``ministerie van Financiën``
                first.known_as = f"{cand.of_head} van {first.text}"
        if cand.org_head and found and found[0].type in ("place", WEAK_PLACE):
            place = found[0]
            if place.start == cand.words[0][1]:
                start = place.start - len(cand.org_head)
                name = cand.org_head + (place.known_as or place.text)
                found.insert(0, Mention("org", name, start, place.end))
        return found

    @staticmethod
    def _national(cand: Candidate) -> bool:
        """A one-word adjective of a country just before its body: ``Zweedse``, ``Zweeds``."""
        word = cand.words[0][0]
        return (
            len(cand.words) == 1
            and cand.next_char == " "
            and word.endswith(("se", "s"))
            and not word.isupper()
        )

    def _mentions(self, cand: Candidate, evidence: Evidence) -> list[Mention]:
        words = cand.words
        full = _text(words)
        if cand.shared_tail:  # ``Noord`` in ``Noord- en Zuid-Holland``
            word, start, end = words[0]
            return [Mention("place", word, start, end, word + cand.shared_tail)]
        if cand.next_char == "-" and len(words) == 1:
            return []  # the first part of coordinated compounds: ``Gooi- en Vechtstreek``
        if len(words) == 1 and (cand.alone or cand.previous in lexicon.CREDIT_CUES):
            if is_acronym(full) and full not in self.gaz.place_acronyms:
                return [self._mention(words, "person")]  # byline initials: ``(PJB)``
        if len(words) == 1 and cand.sentence_start and _folded(full) in lexicon.SENTENCE_WORDS:
            return []  # ``Eén`` opening a sentence is the numeral
        if (len(words) > 1 or len(full) > 3) and full.isupper() and full not in self._known:
            titled_case = " ".join(w.capitalize() for w, _, _ in words)
            if titled_case in self._known or (  # a dateline: ``DEN HAAG``, ``STOCKHOLM``
                titled_case in self.gaz.cities and " " not in titled_case
            ):
                kind = "place" if titled_case in self.gaz.cities else self.known_type(titled_case)
                return [Mention(kind, full, words[0][1], words[-1][2], titled_case)]
        if len(words) > 1 and full.isupper() and all(self._heading_word(w) for w, _, _ in words):
            return []  # a heading in capitals: ``AAN HET WERK``, ``VERKIEZINGEN OP CAMPAGNE``
        titled = cand.of_head or cand.previous == "'s" or cand.number_after
        if (titled or full in lexicon.PORTFOLIOS) and self._in_title(cand, full):
            return []
        kind = ""
        if cand.previous_lower:
            kind = self._cue_kinds.get(cand.previous)
            if kind is None:
                kind = self._cue_kind(cand.previous)
        if kind == "work":
            return []  # a title or a ship: ``het tv-programma Buitenhof``
        if cand.listed_as and len(words) <= 4 and not words[0][0].isupper():
            return [self._mention(words, cand.listed_as, True)]  # ``bedrijven als Shell``
        if len(words) == 1 and cand.sentence_start and self._verb_at_start(full, cand, evidence):
            return []  # ``Denk aan ...``: the verb, not the party
        if full in self._known or (len(words) > 1 and full in self.gaz.cities):
            if cand.previous == "het" and full in lexicon.COMPASS_NOUNS:
                return []  # ``het Westen``
            if kind:
                return [self._mention(words, kind, True)]  # ``de wijk Feyenoord``
            known = self.known_type(full)
            if (
                full in lexicon.CLUB_PLACES or (known == "place" and cand.opponent)
            ) and cand.previous not in lexicon.ORG_CUES:
                # a town's club, a country's team: ``tegen Wit-Rusland en Duitsland``
                club = self._club_in_match(cand, evidence)
                return [self._mention(words, "org" if club else "place")]
            return [self._mention(words, known)]
        if words[0][0] in lexicon.MISC_HEADS:
            return []
        if cand.quoted and words[0][0].split("-")[0] not in self.gaz.first_names:
            return []
        if cand.alone and words[0][0] in _HEADING_ARTICLES and len(words) > 1:
            rest = [w for w, _, _ in words[1:]]
            if not (self._has_org_head(rest) or rest[-1].lower() in lexicon.PLACE_HEADS):
                return []  # a section heading: ``De Bijsluiter``, ``De Focus``
        if cand.alone and self._byline(words, evidence):
            return [self._mention(words, "person")]
        if self._joined_byline(words, cand):
            return [self._mention(words[-1:], "place")]  # the dateline alone
        prefixes = (
            self._compound_prefixes(words) if "-" in full or "'er" in full or "’er" in full else []
        )
        words, previous, initial = self._trim(words, cand, evidence)
        if (
            len(words) > 3
            and _abbreviates(words[-1][0], words[:-1])
            and words[0][0] not in self.gaz.first_names
        ):
            # ``Dienst Uitvoering Onderwijs Duo``: the name and its acronym, both org
            name = [self._mention(words[:-1], "org"), self._mention(words[-1:], "org")]
            return sorted(name + prefixes, key=lambda m: m.start)
        found = []
        cued_kind = kind if kind in ("org", "place") else ""
        # a capitalised cue noun opening the run types it too (``Zorgverzekeraar Menzis``)
        lead_kind = self._cue_kind(previous) if previous != cand.previous and previous else ""
        if lead_kind == "work":
            return []
        # a noun after the run and a comma says what it is: ``X, energiecoöperatie``
        appositive = self._cue_kind(cand.apposition) if cand.apposition else ""
        if appositive == "work" and words:
            return []  # ``Buitenhof, het tv-programma``
        for group, cue, group_initial in self._groups(words, previous, initial):
            # the noun before the run (``de stad Jos``) types the group it stands before
            cued = cued_kind if cue and cue == cand.previous else ""
            if not cued and cue and cue == previous and lead_kind in ("org", "place"):
                cued = lead_kind
            if (
                not cued
                and appositive in ("org", "place")
                and group[-1] is words[-1]
                and group[0][0].split("-")[0] not in self.gaz.first_names
            ):
                cued = appositive
            kind = cued or self._type_group(group, cue, cand, group_initial, evidence)
            if kind is not None:
                found.append(self._mention(group, kind, bool(cued)))
        if prefixes:
            found = sorted(found + prefixes, key=lambda m: m.start)
        return found

    @staticmethod
    def _noun_part(part: str) -> bool:
        """A part of a hyphenated word that is a common noun: lowercase, or a capitalised
        cue or members (``Kamerlid`` in ``PVV-Kamerlid``, ``Kamerleden``)."""
        return part[:1].islower() or is_person_cue(part) or part.endswith(DEMONYM_ENDINGS)

    def _compound_prefixes(self, words: Words) -> list[Mention]:
        """Known organisations heading a hyphenated common noun: ``CDA`` in
        ``CDA-leider``, ``Navo`` in ``Navo-bondgenoot``, ``VNO-NCW`` in
        ``VNO-NCW-onderhandelaar``. The noun names the organisation as much as the name
        alone does (a ``VVD-minister`` says the VVD governs)."""
        found = []
        for word, start, _ in words:
            member = _party_member(word)
            if member in self._prefix_names:  # a party's member: ``CDA'er``, ``VVD’ers``
                found.append(Mention(self.known_type(member), member, start, start + len(member)))
                continue
            if "-" not in word:
                continue
            parts = word.split("-")
            cut = next((i for i, part in enumerate(parts) if i and self._noun_part(part)), 0)
            prefix = "-".join(parts[:cut])
            if cut and prefix in self._prefix_names:
                kind = self.known_type(prefix)
                found.append(Mention(kind, prefix, start, start + len(prefix)))
        return found

    def _in_title(self, cand: Candidate, full: str) -> bool:
        """Whether a name is part of a longer title rather than a facet: a treaty, prize or
        disease (``akkoord van Parijs``, ``syndroom van Down``), a portfolio (``minister van
        Financiën``; ``ministerie van Financiën`` is an organisation), a fixed expression
        (``'s Avonds``) or a law or programme with its number (``Natura 2000``)."""
        if cand.of_head.endswith(lexicon.TITLE_OF_HEADS):
            return True
        if full in lexicon.PORTFOLIOS and not self._ministry(cand):
            # ``minister Slob van Onderwijs``, ``Hoekstra (Financiën)``; the portfolio
            # alone is the ministry: ``meldde Buitenlandse Zaken``, ``woordvoerder van Defensie``
            if cand.previous in ("van", "voor"):
                return cand.of_head not in lexicon.MINISTRY_STAFF
            return (
                cand.in_brackets
                or cand.sentence_start  # ``Justitie verdacht hem``: the prosecution
                or not cand.previous.isalpha()
                or cand.previous in lexicon.ORG_HEADS  # ``commissie Financiën``
                or cand.previous in lexicon.NOT_PERSON_CUES
                or cand.previous == "en"
            )
        if cand.previous == "'s" or (cand.number_after and len(cand.words) == 1):
            return full not in self._known and full not in NUMBERED_NAMES
        return False

    @staticmethod
    def _ministry(cand: Candidate) -> bool:
        """Whether a ministry word stands before the run or in it: a portfolio there
        names the ministry (``ministerie van Financiën``, ``Ministerie van Defensie``)."""
        if cand.of_head.startswith(lexicon.MINISTRIES):
            return True
        return any(w.lower().startswith(lexicon.MINISTRIES) for w, _, _ in cand.words)

    def _byline(self, words: Words, evidence: Evidence) -> bool:
        """A line of two or three plain capitalised words that says nothing else is an
        author's name (``Sybille Decoo``), unless a word is known or a common word."""
        if not 2 <= len(words) <= 3:
            return False
        texts = [w for w, _, _ in words]
        first = texts[0]
        if first.lower() in lexicon.SENTENCE_WORDS or first in lexicon.SURNAME_PREFIXES_CAPITALISED:
            return False
        if self._has_org_head(texts) or texts[-1].lower() in lexicon.PLACE_HEADS:
            return False
        return all(
            w.isalpha()
            and w[:1].isupper()
            and not w.isupper()
            and w not in self._known
            and w not in self.gaz.cities
            and w not in lexicon.DEMONYMS
            and w not in lexicon.MISC_HEADS
            and w.lower() not in evidence.lower_words
            for w in texts
        )

    def _verb_at_start(self, word: str, cand: Candidate, evidence: Evidence) -> bool:
        """A known name that is also a Dutch word (``Denk``) opening a sentence with the
        particle of an imperative after it (``Denk aan``, ``Kijk eens``), and never
        written mid-sentence in the document."""
        return (
            cand.following in _IMPERATIVE_PARTICLES
            and cand.next_char == " "
            and word.lower() in self.gaz.word_forms
            and word not in evidence.mid_sentence_words
        )

    def _joined_byline(self, words: Words, cand) -> bool:
        """A byline and its dateline joined to the paragraphs around them: a sentence of
        only a first name, a surname and a known town, with a new sentence straight after
        (``... zich. Jeroen Pol Apeldoorn Er kwamen ...``). The author is no facet."""
        return (
            cand.sentence_start
            and 3 <= len(words) <= 4
            and cand.following[:1].isupper()
            and words[0][0] in self.gaz.first_names
            and words[-1][0] in self.gaz.cities
            and words[-2][0][:1].isupper()
            and all(w[0][:1].isupper() or w[0] in lexicon.NAME_PARTICLES for w in words)
        )

    def _country_code(self, code: str) -> bool:
        """``Spa``, ``Ned``, ``VS``, ``W-Rus``: a country as results tables abbreviate it."""
        code = code.rpartition("-")[2] if "-" in code else code
        return code in self.gaz.country_codes or code in self.gaz.place_acronyms

    def known(self, name: str) -> bool:
        """Whether a gazetteer lists the name: a place, town, organisation, alias or a
        person everyone knows (by the surname: ``Greta Thunberg``)."""
        if name in self._known or name in self.gaz.cities:
            return True
        return name.rpartition(" ")[2] in self.gaz.people

    def known_type(self, name: str) -> str:
        """Type of a gazetteer name: place, org, or by its alias."""
        if name in self.gaz.aliases:
            name = self.gaz.aliases[name]
        if name in self.gaz.place_acronyms or name in self.gaz.places:
            return "place"
        if name in self.gaz.orgs:
            return "org"
        return "place"

    @staticmethod
    def _club_in_match(cand: Candidate, evidence: Evidence) -> bool:
        """A town in a match report that plays, wins or loses is its club: ``tegen
        Heerenveen``, ``Emmen verslaan`` (``in Emmen`` stays the town)."""
        return (
            cand.opponent
            or cand.previous in lexicon.MATCH_CUES
            or cand.following in lexicon.MATCH_VERBS
        ) and evidence.match_report()

    def noun_kind(self, noun: str) -> str:
        """The kind of name a noun, singular or plural, stands for: ``bedrijven`` and
        ``modezaken`` ``"org"``, ``landen`` ``"place"``, else ''."""
        kind = self._cue_kind(noun)
        if kind or noun[-1:] not in "sn":
            return kind
        forms = lemmas()
        for cut in range(len(noun) - 3):  # the head of a compound: ``mode|zaken``
            lemma = forms.get(noun[cut:])
            if lemma:
                kind = self._cue_kind(noun[:cut] + lemma)
                if kind or is_person_cue(lemma):
                    return kind or "person"  # ``politici als``, ``zangeressen als``
                if lemma in lexicon.ORG_HEADS or lemma.endswith(lexicon.ORG_HEAD_ENDINGS):
                    return "org"  # ``topuniversiteiten als``, ``banken als``
                break
        return "person" if noun.endswith(_PEOPLE_ENDINGS) else ""

    def _cue_kind(self, word: str) -> str:
        """:func:`~index.entities.shapes.cue_kind`, remembered per word."""
        kind = self._cue_kinds.get(word)
        if kind is None:
            if len(self._cue_kinds) >= _MEMO_LIMIT:
                self._cue_kinds.clear()
            kind = self._cue_kinds[word] = cue_kind(word)
        return kind

    @staticmethod
    def _mention(words: Words, kind: str, cued: bool = False) -> Mention:
        return Mention(kind, _text(words), words[0][1], words[-1][2], "", cued)

    def _trim(self, words: Words, cand: Candidate, evidence: Evidence):
        """Drop leading cue words, lowercase particles and position-capitalised words."""
        previous, initial = cand.previous, cand.sentence_start
        while words:
            word = words[0][0]
            if (
                ((is_person_cue(word) or self._plural_cue(word)) and not _street_name(words[-1][0]))
                or _common_compound(word)
                or (
                    initial  # mid-sentence a capital says it is a name: ``van Handel Anup``
                    and len(words) > 1
                    and self._cue_kind(word.lower()) in ("org", "place", "work")
                    and not _org_compound(word)  # ``Stichting``, ``Pensioenfonds`` name it
                )
                or self._is_inhabitant(word)
                or (len(words) > 1 and word.endswith(_MEMBER_ENDINGS))  # ``Statenleden``
            ):
                previous, initial = word.lower(), False
            elif word in lexicon.NAME_PARTICLES:
                previous = word
            elif word.endswith(ADJECTIVE_ENDINGS) and self._adjective_before_name(words):
                previous, initial = word.lower(), False  # ``het Britse Plymouth``
            elif not (initial and self._position_capital(words, evidence)):
                break
            else:
                previous, initial = word.lower(), False
            words = words[1:]
        return words, previous, initial

    def _adjective_before_name(self, words: Words) -> bool:
        """An adjective of origin before a known place or a first name: ``Britse`` in
        ``het Britse Plymouth``, ``Amerikaanse`` in ``Amerikaanse Donald Trump``."""
        if len(words) < 2 or not words[0][0].endswith(ADJECTIVE_ENDINGS) or words[0][0].isupper():
            return False
        if _text(words) in self._known:
            return False  # ``Europese Unie``
        rest = _text(words[1:])
        return (
            rest in self.gaz.places
            or rest in self.gaz.cities
            or words[1][0] in self.gaz.first_names
        )

    def _position_capital(self, words: Words, evidence: Evidence) -> bool:
        """Whether a sentence-initial first word is a common word, not part of the name."""
        word = words[0][0]
        lower = word.lower()
        if word in self._known or _text(words[:2]) in self._known:
            return False  # ``Tweede Kamer`` opening a sentence
        if (
            word in self.gaz.first_names or word in self.gaz.people or word in self.gaz.proper_names
        ) and lower not in evidence.lower_words:
            return False
        if lower in lexicon.SURNAME_PREFIXES and len(words) > 1:
            return not self._surname_prefix(words, evidence)
        if lower in lexicon.SENTENCE_WORDS or lower in evidence.lower_words:
            return True
        if len(words) > 1 and (
            words[1][0] in self.gaz.first_names
            or words[1][0] in lexicon.NAME_PARTICLES
            or words[1][0] in self.gaz.proper_names
        ):
            # a role before a name (``Initiatiefnemer Lilianne Ploumen``), a noun before
            # its complement (``Peiling van I&O Research``)
            return self._common_word(word) or self._dutch_compound(word)
        return word.endswith(ADJECTIVE_ENDINGS) and not word.isupper()

    def _area_name(self, word: str) -> bool:
        """A name glued to an area or building noun, capitalised mid-sentence and no Dutch
        word or surname: ``Amazonegebied``, ``Amazonewoud``, ``Westerkerk``, ``Brinktoren``
        (not ``Natuurgebied``)."""
        lower = word.lower()
        if not lower.endswith(_AREA_ENDINGS) or "-" in word:
            return False
        head = next(e for e in _AREA_ENDINGS if lower.endswith(e))
        return len(lower) - len(head) >= 3 and not (
            lower in self.gaz.word_forms
            or lower in self.gaz.used_words
            or word in self.gaz.proper_names  # ``Verkerk``, a surname
        )

    def _is_name_compound(self, full: str) -> bool:
        found = self._memo.get(("compound", full))
        if found is None:
            found = self._remember("compound", full, lambda: self._name_compound(full))
        return found

    def _plural_cue(self, word: str) -> bool:
        """:func:`~index.entities.shapes.is_plural_person_cue`, remembered per word."""
        if word[-1:] not in "sn":
            return False
        found = self._memo.get(("plural", word))
        if found is None:
            found = self._remember("plural", word, lambda: is_plural_person_cue(word))
        return found

    def _is_inhabitant(self, word: str) -> bool:
        if not word.endswith(_INHABITANT_ENDINGS):
            return False
        found = self._memo.get(("inhabitant", word))
        if found is None:
            found = self._remember("inhabitant", word, lambda: self._inhabitant(word))
        return found

    def _name_compound(self, full: str) -> bool:
        """A known name glued to a frequent Dutch word: ``Polenhotels``, ``YouTubevideo``,
        ``Albert Heijntasjes``."""
        if full.endswith(lexicon.STREET_ENDINGS) or _place_compound(full):
            return False  # ``Coevordenstraat`` is a street
        if full.endswith(("'s", "’s")):
            full = full[:-2]  # ``YouTubevideo's``
        last = full.rfind(" ") + 1
        if last and full[: last - 1].rpartition(" ")[2] in lexicon.NAME_PARTICLES:
            return False  # a surname after a particle: ``Anna van Veldhuizen``
        for cut in range(max(last + 4, len(full) - 14), len(full) - 4):
            tail = full[cut:]
            if (tail in self.gaz.common_words or tail in self.gaz.word_forms) and any(
                name in self._known or (len(name) > 4 and name in self.gaz.cities)
                for name in (full[:cut], full[last:cut])
            ):
                return True  # a known name and a Dutch word (``Polenhotels``); not ``Veldhuizen``
        return False

    def _inhabitant(self, word: str) -> bool:
        """An inhabitant or member named after a known place or party: ``Hengeloër``,
        ``Tilburger``, ``Amsterdammers``, ``GroenLinkser``."""
        if not word.endswith(_INHABITANT_ENDINGS) or word in self.gaz.first_names:
            return False
        if _party_member(word) in self._known:
            return True  # a party's member: ``CDA'er``, ``VVD'ers``, ``D66’er``
        for ending in _INHABITANT_ENDINGS:
            stem = word[: -len(ending)]
            if (
                len(stem) > 3
                and word.endswith(ending)
                and (stem in self._known or stem in self.gaz.cities)
            ):
                return True
        # a town in ``-en`` drops it: ``Groninger``, ``Wageningers``, ``Nijmegenaar``
        stem = word[: -3 if word.endswith("ers") else -2]
        town = f"{stem}en"
        return (
            word.endswith(("er", "ers"))
            and len(stem) > 3
            and (town in self.gaz.cities or town in self.gaz.places)
        )

    def _surname_prefix(self, words: Words, evidence: Evidence) -> bool:
        """``De Grauwe`` opening a sentence: a surname, unless ``De`` is the article."""
        pair = f"{words[0][0]} {words[1][0]}"
        if pair in evidence.mid_sentence_pairs or pair[0].lower() + pair[1:] in (
            evidence.mid_sentence_pairs
        ):  # ``De Ligt:`` after ``Matthijs de Ligt``
            return True
        rest = words[1][0].rstrip("-")  # ``De Immigratie- en Naturalisatiedienst``
        return not (
            rest in self._known
            or rest in self.gaz.cities
            or rest in lexicon.DEMONYMS
            or rest.lower() in evidence.lower_words
            or rest.endswith(ADJECTIVE_ENDINGS)
            or rest.lower() in lexicon.SENTENCE_WORDS
            or rest.lower() in lexicon.ORG_HEADS
            or _org_compound(rest)  # ``De Onderzoeksraad voor de Veiligheid``
            or rest[-1:] == "e"
            or (len(words) == 2 and rest in self.gaz.first_names)  # ``Van Greta krijgen we``
        )

    def _groups(self, words: Words, previous: str, initial: bool):
        """Split a run into groups at compound common nouns, cues and joining particles."""
        group: Words = []
        cue, group_initial = previous, initial
        for item in words:
            word = item[0]
            if _common_compound(word) or (
                is_person_cue(word) and not _street_name(words[-1][0]) and not self._in_name(group)
            ):
                if group:
                    yield from self._split(group, cue, group_initial)
                group, cue, group_initial = [], word.lower(), False
                continue
            group.append(item)
        if group:
            yield from self._split(group, cue, group_initial)

    def _in_name(self, group: Words) -> bool:
        """Whether a capitalised word after ``group`` continues a person's name: after a
        particle or a first name a cue word is a surname (``Hans de Boer``, ``Jan Kok``)."""
        if not group:
            return False
        before = group[-1][0]
        return before in lexicon.NAME_PARTICLES or before in self.gaz.first_names

    def _split(self, group: Words, cue: str, initial: bool):
        """Cut a group before a first name that follows an organisation or a place, or
        before a known name that ends it (``De Zuidkant Radio 1``)."""
        if len(group) > 1 and group[-1][0].isdigit() and group[-2][0] not in NUMBERED_NAMES:
            group = group[:-1]
        if len(group) > 1 and _text(group) in self._known:
            yield group, cue, initial
            return
        for i in range(1, len(group) if group[0][0][:1].isupper() else 0):
            if (
                group[i - 1][0][:1].isupper()
                and _text(group[i:]) in self._known
                and not self._has_org_head([group[0][0]])  # ``Universiteit Utrecht``
                and not self._has_org_head([group[i - 1][0]])  # ``van de Universiteit Leiden``
                and not self._founder(group, i)
                and not self._acronym_and_town(group, i)
            ):
                yield from self._split_particles(group[:i], cue, initial)
                yield from self._split_particles(group[i:], "", False)
                return
        if (
            len(group) > 2
            and group[0][0] in self.gaz.first_names
            and group[-2][0][:1].isupper()
            and group[-2][0] not in lexicon.SURNAME_PREFIXES_CAPITALISED  # ``Van Impe``
            and group[-2][0] not in self.gaz.first_names  # ``Sarah Jessica Parker``
            and not is_initial(group[-2][0])  # ``Franklin D. Roosevelt``
            and not self._has_org_head([group[-2][0]])  # ``Jan Smit van de Universiteit Leiden``
            and (group[-1][0] in self.gaz.cities or group[-1][0] in self.gaz.places)
        ):
            # a name and a town: a byline and its dateline, ``Jeroen Pol Apeldoorn``
            yield from self._split_particles(group[:-1], cue, initial)
            yield group[-1:], "", False
            return
        for i in range(2, len(group) - 1):
            if group[i - 1][0] == "van" and group[i][0] in self.gaz.first_names:
                # a work or firm and its maker: ``Morgenrot van Piet Swerts``
                yield from self._split_particles(group[: i - 1], cue, initial)
                yield from self._split_particles(group[i:], "", False)
                return
        for i in range(1, len(group) - 1):
            word, before = group[i][0], group[i - 1][0]
            if (
                word in self.gaz.first_names
                and before not in self.gaz.first_names
                and before not in lexicon.NAME_PARTICLES
                and not is_initial(before)
            ):
                yield from self._split_particles(group[:i], cue, initial)
                yield from self._split_particles(group[i:], "", False)
                return
        yield from self._split_particles(group, cue, initial)

    def _acronym_and_town(self, group: Words, i: int) -> bool:
        """``RTV Utrecht``, ``GGD Twente``: an acronym no list knows and a known place after
        it are one organisation, named after where it works (a listed one, ``CDA Utrecht``,
        is cut as before)."""
        return (
            i == 1
            and is_acronym(group[0][0])
            and group[0][0] not in self._known
            and self._place_name(_text(group[1:]))
        )

    def _founder(self, group: Words, i: int) -> bool:
        """``Jacob Blokker``: a first name and a one-word organisation named after a family
        is a person of that family, not two names."""
        return (
            i == 1
            and len(group) == 2
            and group[0][0] in self.gaz.first_names
            and self.known_type(group[1][0]) == "org"
            and not is_acronym(group[1][0])
        )

    def _split_particles(self, group: Words, cue: str, initial: bool):
        """Cut ``Rusland van de VS`` at its particles when either side is a known name."""
        if (
            len(group) > 2
            and group[-2][0] in lexicon.NAME_PARTICLES
            and group[-1][0].endswith(ADJECTIVE_ENDINGS)
            and (
                group[-1][0].lower() in self.gaz.used_words
                or (group[-2][0] == "de" and self._place_adjective(group[-1][0]))
            )
        ):
            # an adjective after the name: ``Adélaïde Charlier de Duitse``, ``Hoekstra de
            # Goudse kaas``
            group = group[:-1]
        while group and group[-1][0] in lexicon.NAME_PARTICLES:
            group = group[:-1]
        if not group:
            return
        if _geo_of(group):
            yield group, cue, initial  # ``Golf van Mexico`` is one place
            return
        first = group[0][0]
        if cue in lexicon.NOBLE_CUES and (
            first in self.gaz.first_names or first in self.gaz.proper_names
        ):
            yield group, cue, initial  # ``prinses Caroline van Monaco`` is one person
            return
        cut = self._affiliation(group)
        if cut:
            yield group[:cut], cue, initial
            rest = group[cut:]
            while rest and rest[0][0] in lexicon.NAME_PARTICLES:
                rest = rest[1:]
            yield from self._split_particles(rest, "van", False)
            return
        if self._has_org_head([w for w, _, _ in group]) and not self._name_then_known(group):
            yield group, cue, initial
            return
        parts: list[Words] = [[]]
        for item in group:
            if item[0] in lexicon.NAME_PARTICLES:
                if parts[-1]:
                    parts.append([])
                continue
            parts[-1].append(item)
        if len(parts) == 1 or not any(_text(p) in self._known for p in parts):
            yield group, cue, initial
            return
        if _text(parts[-1]) in self._known and not any(_text(p) in self._known for p in parts[:-1]):
            # only the end is known: ``Ursula von der Leyen de EU``
            head = group[: group.index(parts[-1][0])]
            while head and head[-1][0] in lexicon.NAME_PARTICLES:
                head = head[:-1]
            yield head, cue, initial
            yield parts[-1], "", False
            return
        for number, part in enumerate(parts):
            if part:
                yield part, (cue if number == 0 else ""), initial and number == 0

    def _place_adjective(self, word: str) -> bool:
        """An adjective of a place or country in ``-se`` (``Goudse``, ``Slowaakse``): no
        name any list knows (a surname after ``de`` does not end so)."""
        return (
            len(word) > 5
            and word.endswith("se")
            and word[1:].islower()
            and word not in self.gaz.proper_names
            and word not in self.gaz.first_names
            and word not in self._known
        )

    def _name_then_known(self, group: Words) -> bool:
        """``Brussee de Kamer``: a name with no organisation head, particles, then a known
        organisation that holds the head; two names, not one."""
        words = [w for w, _, _ in group]
        cut = next((i for i, w in enumerate(words) if i and w in lexicon.NAME_PARTICLES), 0)
        if not cut:
            return False
        end = cut
        while end < len(words) and words[end] in lexicon.NAME_PARTICLES:
            end += 1
        return (
            0 < end < len(words)
            and " ".join(words[end:]) in self._known
            and not self._has_org_head(words[:cut])
        )

    def _affiliation(self, group: Words) -> int:
        """Where ``Marc Dillen van de VCB`` turns from a full name to its organisation."""
        first = group[0][0]
        if not (
            first.split("-")[0] in self.gaz.first_names
            or first in self.gaz.proper_names
            or is_initial(first)
        ):
            # an unknown full name and an acronym or brand: ``Gjalt Jellesma van BOinK``
            last = group[-1][0]
            if (
                len(group) == 4
                and group[2][0] == "van"
                and (is_acronym(last) or has_inner_capital(last))
            ):
                return 2
            return 0
        for i in range(2, len(group) - 1):
            if group[i][0] in lexicon.NAME_PARTICLES:
                if is_initial(group[i - 1][0]):
                    return 0  # a middle initial before the surname: ``Peter J. van Dam``
                return i if group[i][0] == "van" and i >= 2 else 0
        return 0

    def _type_group(self, group: Words, cue: str, cand, initial: bool, evidence: Evidence):
        """Type one group of words, or None when it is not a facet entity."""
        words = [w for w, _, _ in group]
        full = " ".join(words)
        if cue == "het" and full in lexicon.COMPASS_NOUNS:
            return None  # ``het Westen``: a direction or a notion, no place to file under
        if full in lexicon.PORTFOLIOS and not self._ministry(cand):
            return None  # ``Minister Slob van Onderwijs``
        if full in self._known or (len(words) > 1 and full in self.gaz.cities):
            return self.known_type(full)
        if len(words) == 1 and not initial and self._area_name(full):
            return "place"  # ``het Amazonegebied``, ``het Ruhrgebied``
        if full not in self.gaz.cities and self._is_name_compound(full):
            return None  # ``Parijsdoelen``, ``Albert Heijntasjes``: a common noun
        if group[-1] is cand.words[-1] and self._country_code(cand.code_after):
            return "person"  # a results table: ``Marrero (Spa)``
        if _MOVE.search(full):
            return None  # chess notation: ``Pf3 Pb6``
        if "useum" in full and (words[-1].lower().endswith("museum") or words[0] == "Museum"):
            return "place"
        if len(words) == 1:
            if group[-1] is not cand.words[-1]:
                # the verb after the run belongs to its last name: ``Klimaatactiviste
                # Greta Thunberg sprak``
                cand = replace(cand, following="", code_after="", age_after=False)
            return self._type_single(words[0], cue, cand, initial, evidence)
        return self._type_multi(words, cue)

    def _type_multi(self, words: list[str], cue: str) -> str | None:
        """Type a group of two or more words."""
        if words[0] in _TITLE_OPENERS or any(w in lexicon.MISC_HEADS for w in words):
            return None
        if words[-1].endswith(DEMONYM_ENDINGS) or words[-1] in lexicon.DEMONYMS:
            return None  # ``De Australiërs``
        if any(w.lower() in lexicon.ENGLISH_WORDS for w in words):
            return None  # an English title: ``I Am Greta``, ``Now I``
        if len(words) > 2 and words[0].lower() in _GEO_OF_HEADS and words[1] == "van":
            return "place"  # ``Zee van Ochotsk``
        if words[-1].lower() in lexicon.VENUE_HEADS and not self._has_org_head(words):
            return "place"  # ``Johan Cruijff Arena``
        if words[0].lower() in lexicon.VENUE_OPENERS:
            return "place"  # ``Café de Unie``: a venue
        if _street_name(words[-1]) or self._street_tail(words[-1]):
            # ``Burgemeester Visserstraat``, ``Prins Hendrikkade``; after a first name too:
            # ``Marco Pololaan``, ``John Frostbrug``
            return "place"
        if is_acronym(words[0]) and self._place_name(" ".join(words[1:])):
            return "org"  # a club: ``PEC Zwolle``, ``KV Mechelen``
        if words[-1].lower() in lexicon.INSTITUTION_TAILS or (
            len(words) > 2 and words[-1] == "Centrum"
        ):
            return "org"  # ``Willem Alexander College``, ``Comenius Lyceum``, ``Jan Smit Centrum``
        if words[0].split("-")[0] in self.gaz.first_names or is_initial(words[0]):
            return "person"
        if self._has_org_head(words) or any(w[:1].isdigit() for w in words[1:]):
            return "org"
        if len(words) == 2 and words[1] in _ROMAN and words[0] in self.gaz.people:
            return "org"  # a cabinet: ``Rutte III`` (``Willem III`` has a first name)
        if any("&" in w for w in words):
            return "org"  # ``I&O Research``, ``Scotch & Soda``
        if words[-1].lower() in lexicon.PLACE_HEADS or _place_compound(words[-1]):
            return "place"
        if words[-2] in ("en", "of") and words[-1].lower().endswith(lexicon.REGION_ENDINGS):
            return "place"  # ``Gooi- en Vechtstreek``
        if all(is_acronym(w) for w in words):
            if all(self._heading_word(w) for w in words):
                return None  # ``AAN HET WERK Psycholoog Thijs Launspach``
            return "org" if len(words) < 3 else None
        if words[0] in self.gaz.proper_names and cue not in lexicon.NOT_PERSON_CUES:
            return "person"  # a name the Dutch dictionary lists first: ``Lammert de Bruin``
        if words[0].endswith(ADJECTIVE_ENDINGS) or words[1].endswith(ADJECTIVE_ENDINGS):
            return None
        if words[0][-1:] == "e" and words[0] not in lexicon.SURNAME_PREFIXES_CAPITALISED:
            return None
        if is_person_cue(cue):
            return "person"
        if cue in lexicon.ORG_CUES:
            return "org"
        if words[0].startswith(("Sint-", "Saint-", "San ", "Santa ")):
            return WEAK_PLACE
        if any(has_inner_capital(w) for w in words):
            return "org"
        if cue in lexicon.EMPLOYER_CUES:
            return "org"  # ``werkt bij Damen Shiprepair``: no first name, no person
        if cue in lexicon.NOT_PERSON_CUES or any(self._common_word(w) for w in words):
            return WEAK_UNKNOWN
        if not is_initial(words[-1]) and any(
            self._used_word(w) for w in words if w not in lexicon.NAME_PARTICLES
        ):
            return WEAK_UNKNOWN  # ``Heil Hitler``, ``Black Lives Matter``: words, not a name
        return UNKNOWN

    def _street_tail(self, word: str) -> bool:
        """The last word of a street, bridge or tunnel named after someone: a stem of four or
        more letters and a street ending (``Pololaan``, ``Frostbrug``), no surname the Dutch
        dictionary lists (``Verlaan``) and no Dutch word (``Zandweg``)."""
        lower = word.lower()
        ending = next((e for e in _STREET_TAILS if lower.endswith(e)), "")
        return (
            bool(ending)
            and len(lower) - len(ending) >= 4
            and word not in self.gaz.proper_names
            and word not in self.gaz.first_names
            and lower not in self.gaz.word_forms
            and not self._used_word(word)
        )

    def _heading_word(self, word: str) -> bool:
        """A word in capitals that is a Dutch word: ``HET``, ``WERK``, ``VERKIEZINGEN``."""
        lower = word.lower()
        return (
            lower in lexicon.SENTENCE_WORDS or self._common_word(word) or self._dutch_compound(word)
        )

    def _used_word(self, word: str) -> bool:
        """A word Dutch text uses often (any case) that is no first name."""
        return word.lower() in self.gaz.used_words and word not in self.gaz.first_names

    def _has_org_head(self, words: list[str]) -> bool:
        if words[-1] in lexicon.ORG_SUFFIXES:
            return True
        for word in words:
            lower = word.lower()
            if lower in lexicon.ORG_HEADS or _org_compound(word):
                return True
        return False

    def _type_single(self, word: str, cue: str, cand, initial: bool, evidence: Evidence):
        """Type a one-word group; sentence-initial words need evidence from elsewhere."""
        lower = word.lower()
        if len(word) == 1 or _NOT_NAMES.match(word) or word in lexicon.NOT_NAME_ACRONYMS:
            return None  # a letter, a formula, a conference, a law: ``CO2``, ``COP25``, ``AOW``
        if _ROAD.match(word):
            return "place"  # a road: ``A27``, ``S112``
        if (
            cand.in_brackets
            and len(word) <= 3
            and (word in self.gaz.country_codes or not word.isupper())
        ):
            return "place"
        if word.endswith(("'s", "’s")) and word[:-2] in self._known:
            return self.known_type(word[:-2])
        if cue in _TITLE_CUES and initial is False and cand.sentence_start:
            return None
        article_acronym = word.isupper() and cue in _ARTICLES  # ``het OM``, not ``om``
        if (
            lower in lexicon.ENGLISH_WORDS
            or word in self.gaz.languages
            or word in lexicon.DEMONYMS
            or word in lexicon.MISC_HEADS
            or (lower in lexicon.SENTENCE_WORDS and not article_acronym)
            or lower in lexicon.NAME_PARTICLES
            or lower in lexicon.SURNAME_PREFIXES
            or _event_word(word)
        ):
            return None
        if len(word) > 2 and word.upper() in self.gaz.orgs and is_acronym(word.upper()):
            return "org"
        if is_acronym(word) and cue in lexicon.CREDIT_CUES:
            return "person"
        if (
            word.isupper()
            and len(word) > 3
            and (self._common_word(word) or self._dutch_compound(word))
        ):
            return None  # a heading in capitals: ``OPINIE``, ``REGIO``, ``KLIMAATAKKOORD``
        if is_acronym(word):
            header = initial and cand.next_char in ".:"
            return None if header else ("place" if word in self.gaz.place_acronyms else "org")
        if any(c.isdigit() for c in word) or (
            word.endswith(ADJECTIVE_ENDINGS + DEMONYM_ENDINGS)
            # a Dutch or Belgian town shaped like an adjective or inhabitants: ``Spijkenisse``,
            # ``Oudenbosch``, ``Vianen``
            and not (len(word) > 4 and word in self.gaz.towns)
        ):
            return None
        if lower[-1:] == "s" and f"{lower}e" in self.gaz.used_words and lower.endswith(_ORIGIN):
            return None  # an adjective of origin: ``een Brits reisbureau``, ``Duits``
        if self._compass_place(word):
            return "place"
        if self._is_inhabitant(word) and word not in self._known:
            return None
        if self._place_pair(word):
            return None  # a match or a route: ``Engeland-Duitsland``, ``Caïro-Dakar``
        if word[-1:] == "s" and word[:-1] in self.gaz.places:
            return "place"
        return self._type_single_name(word, cue, cand, initial, evidence)

    def _type_single_name(self, word: str, cue: str, cand, initial: bool, evidence: Evidence):
        """Type a single word that looks like a name: cues, gazetteers, then its shape."""
        lower = word.lower()
        if cue in lexicon.FIELD_CUES and (
            lower.endswith(lexicon.FIELD_ENDINGS) or self._common_word(word)
        ):
            return None  # a field of study: ``hoogleraar Bestuurskunde``, ``docent Latijn``
        if is_person_cue(cue) or word in self.gaz.first_names or word in self.gaz.people:
            return "person"
        if cue != cand.previous and self._plural_cue(cue):
            return "person"  # a capitalised plural cue in the run: ``Kamervoorzitters Arib``
        if cand.age_after and not self._common_word(word):
            return "person"  # ``Jansen (64)``
        if cue in lexicon.ORG_CUES:
            return "org"
        if initial and not self._confirmed(word, cand, evidence):
            return None
        if word in self.gaz.cities:
            return "org" if self._club_in_match(cand, evidence) else WEAK_PLACE
        if self._street_word(word, lower, initial):
            return "place"  # a speech verb after a street speaks of someone else
        if (cand.following in lexicon.PERSON_VERBS or cue in lexicon.SOURCE_CUES) and not (
            self._common_word(word) or self._dutch_compound(word) or self._used_word(word)
        ):
            return "person"
        if has_inner_capital(word) or _org_compound(word):
            return WEAK_ORG  # ``GooiVecht``, ``Klimaatberaad``
        if _place_compound(word):
            return "place"
        if word.startswith(("Sint-", "Saint-")) or word.lower().endswith(lexicon.PLACE_ENDINGS):
            return WEAK_PLACE
        if cue in lexicon.PLACE_CUES:
            return WEAK_PLACE
        if cue in lexicon.NOT_PERSON_CUES or self._common_word(word):
            return WEAK_UNKNOWN
        if word in self.gaz.proper_names:
            return WEAK_PERSON  # a name the Dutch dictionary lists: ``Zwinkels``, ``Lammert``
        if cue in lexicon.EMPLOYER_CUES:
            return "org"  # ``werkt bij Aveleijn``, ``kocht het bij Mediamarkt``
        if self._dutch_compound(word) or word.lower() in self.gaz.used_words:
            return WEAK_UNKNOWN  # ``Uitstoot``, ``Halverwege``: kept if the document agrees
        return UNKNOWN

    def _street_word(self, word: str, lower: str, initial: bool) -> bool:
        """``Kalverstraat``; ``Houtkade``, ``Middenweg`` mid-sentence."""
        return (
            len(word) > 7
            and lower.endswith(ANY_STREET_ENDINGS)
            and (not initial or lower.endswith(lexicon.STREET_ENDINGS))
            and lower not in self.gaz.word_forms
            and not self._used_word(word)  # ``Onderweg``, ``Ringweg`` are Dutch words
        )

    def _place_name(self, name: str) -> bool:
        return name in self.gaz.cities or name in self.gaz.places

    def _compass_place(self, word: str) -> bool:
        """A name and a compass point: ``Haarlemmermeer-West``, ``Amsterdam-Zuid``; or a
        compass point and a known place: ``West-Brabant``, ``Noord-Nederland``."""
        head, _, tail = word.rpartition("-")
        if tail in lexicon.COMPASS_PARTS and head[:1].isupper() and "-" not in head:
            return True
        first, _, rest = word.partition("-")
        return first in lexicon.COMPASS_PARTS and (
            rest in self.gaz.places or rest in self.gaz.cities or rest in self.gaz.towns
        )

    def _place_pair(self, word: str) -> bool:
        """Whether a hyphenated word joins two or more known places."""
        parts = word.split("-")
        return len(parts) > 1 and all(p in self.gaz.places or p in self.gaz.cities for p in parts)

    def _common_word(self, word: str) -> bool:
        """A frequent Dutch word (``Sport``, ``Economie``): with nothing else to go on, a
        heading or a title rather than a surname."""
        lower = word.lower()
        return lower in self.gaz.common_words and lower not in lexicon.NAME_PARTICLES

    def _dutch_compound(self, word: str) -> bool:
        """An inflected Dutch word (``Zenuwen``) or a compound of Dutch words with a frequent
        head (``Houtwinkel``): alone, a common word more often than a surname."""
        lower = word.lower()
        if lower in self.gaz.word_forms:
            return True
        parts = common_compound_parts(lower)
        return bool(parts) and parts[-1] in self.gaz.common_words

    def _confirmed(self, word: str, cand: Candidate, evidence: Evidence) -> bool:
        """A sentence-initial word is a name if it recurs mid-sentence or a verb follows;
        a Dutch word before a verb is the inverted object (``Zenuwen zegt hij niet ...``)."""
        if word.lower() in evidence.lower_words:
            return False
        if word in self.gaz.proper_names:
            return True  # a name the Dutch dictionary lists: ``Kuipers beoordeelt ...``
        if cand.following in lexicon.PERSON_VERBS:
            # ``Destijds werd ...``, ``Tegelijkertijd werd ...``: a word Dutch uses
            return not (
                self._common_word(word) or self._dutch_compound(word) or self._used_word(word)
            )
        mid = evidence.mid_sentence_words
        return word in mid or (word[-1:] == "s" and word[:-1].rstrip("'’") in mid)
