"""Finding candidate names: runs of capitalised words, joined by name particles.

Dutch capitalises proper nouns but not common nouns, so a name is a run of capitalised words
(``Vladimir Poetin``), possibly with lowercase particles inside (``Jan van der Berg``) or
hyphens (``Noord-Holland``). One compiled pattern finds the runs in linear time; the rules
then decide which parts are names and of what type.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from index.entities import lexicon

_UPPER = "".join(c for c in map(chr, range(0x41, 0x530)) if c.isupper() and c.isalpha())
_NAME_WORD = rf"[{_UPPER}](?:[^\W_]|[&'’.](?=[^\W_])|-(?=[^\W_]))*"
_PARTICLES = (
    "van|de|der|den|ter|ten|te|von|vom|zu|du|da|di|del|della|dos|das|la|le|bin|ibn|al|el|y|'t"
)
_INITIALS = rf"(?:[{_UPPER}]\.[ \t]?){{1,3}}"
_NUMBER = r"(?:[ \t]\d{1,2}(?![\w:]|[.,]\d))"


def _skip_pattern(words: frozenset[str]) -> str:
    """Alternation of capitalised function words, grouped by first letter for speed."""
    by_first: dict[str, list[str]] = {}
    for word in sorted({w.title() for w in words if w.isalpha()}, key=len, reverse=True):
        by_first.setdefault(word[0], []).append(re.escape(word[1:]))
    return "|".join(f"{first}(?:{'|'.join(rests)})" for first, rests in sorted(by_first.items()))


# A capitalised function word with no capitalised word after it is never a name: skipping it
# in the pattern saves the rules a third of their candidates.
_SKIP = rf"(?!(?:{_skip_pattern(lexicon.SENTENCE_WORDS)})(?![^\W_])(?![ \t]+[{_UPPER}]))"
CANDIDATE = re.compile(
    rf"(?<![^\W_])(?=[{_UPPER}]){_SKIP}(?:{_INITIALS})?(?:{_NAME_WORD})"
    rf"(?:(?:[ \t]+(?:{_PARTICLES}))*[ \t]+(?:{_NAME_WORD}))*{_NUMBER}?"
)
WORD = re.compile(r"\S+")
LOWER_WORD = re.compile(r"(?<![^\W_])[^\W\d_A-Z][^\W_]*")
_NEXT_WORD = re.compile(r"[ \t,]{0,3}([^\W\d_][\w-]*)")
_SKIP_BACK = " \t\"“”‘’'«»([*•–—-"
_SKIP_PUNCTUATION = _SKIP_BACK + ",;:"
_SENTENCE_END = ".!?\n…"
_QUOTES = "\"“”‘’'«»"
_LOOK_BACK = 40
_OPENING = frozenset({"'", '"', "“", "‘", "„", "«", "('", '("', "(“", "(‘"})


@dataclass(slots=True)
class Candidate:
    """One run of capitalised words: its words with their offsets, and its surroundings."""

    words: list[tuple[str, int, int]]
    sentence_start: bool
    previous: str
    following: str
    in_brackets: bool
    next_char: str
    quoted: bool = False
    alone: bool = False
    code_after: str = ""
    of_head: str = ""
    number_after: bool = False
    age_after: bool = False
    org_head: str = ""
    previous_lower: bool = False  # the word before is written in lowercase (a cue noun)
    shared_tail: str = ""  # ``-Holland`` for ``Noord`` in ``Noord- en Zuid-Holland``
    listed_as: str = ""  # the kind of noun the run is listed under: ``bedrijven als Shell``
    apposition: str = ""  # the noun after a comma: ``energiecoöperatie`` in ``X, energie...``
    opponent: bool = False  # after ``tegen``, or listed after a name there: a match's side


def sentence_start(text: str, start: int) -> bool:
    """True when the word at ``start`` opens a sentence, line or quotation run.

    A full stop after a digit (``3. Rous``, a ranking) does not count as a sentence end.
    """
    i = start - 1
    while i >= 0 and text[i] in _SKIP_BACK:
        i -= 1
    if i < 0:
        return True
    if text[i] == ":" and any(c in _QUOTES for c in text[i + 1 : start]):
        return True  # a quotation opens: ``Strupar: "Tja, ...``
    if text[i] == "," and text[i - 1 : i] == "," and i + 1 == start:
        return True  # the Dutch opening quote: ``,,Sowieso ben ik ...``
    if text[start - 1] in _OPEN_QUOTES and text[i + 1 : start].lstrip() in _OPENING:
        return True  # ``'Spijbelen voor het klimaat'``: a quotation opens
    if text[i] not in _SENTENCE_END:
        return False
    return not (text[i] == "." and i > 0 and text[i - 1].isdigit() and _ranking(text, i))


def _ranking(text: str, dot: int) -> bool:
    """True for ``N.`` at a line start or after ``--``: a rank in a results table."""
    j = dot - 1
    while j >= 0 and text[j].isdigit():
        j -= 1
    before = text[max(0, j - 3) : j + 1]
    return j < 0 or before.endswith(("\n", "-- ", "- ")) or before.strip() == ""


def previous_word(text: str, start: int) -> str:
    """The word just before ``start`` on the same line, lowercased ('' when none)."""
    return _previous_as_written(text, start).lower()


def _previous_as_written(text: str, start: int) -> str:
    before = text[max(0, start - _LOOK_BACK) : start].rstrip(_SKIP_PUNCTUATION)
    if not before or before[-1] == "\n":
        return ""
    word = before
    if " " in before or "\t" in before:
        # Only white space before (``" \x1f"``: str.split counts control characters too).
        word = (before.rsplit(None, 1) or [""])[-1]
    return word if word[:1].isalpha() and "\n" not in word else ""


_APPOSITION = re.compile(r",[ \t]+(?:(?:de|het|een)[ \t]+)?([^\W\d_A-Z][\w-]*)")
# ``Ditib (een omstreden Duits-Turkse moskeevereniging, red.)``: the noun ending the phrase.
_BRACKET_APPOSITION = re.compile(
    r"[ \t]\((?:de|het|een)[ \t]+(?:[\w-]+[ \t]+){0,3}?([^\W\d_A-Z][\w-]*)(?=[,;:)])"
)


_APPOSITION_OPENERS = frozenset({", ", ",\t", " (", "\t("})


def _apposition(text: str, end: int) -> str:
    """The lowercase noun after the comma that ends a run (``Funda, de huizensite``), also
    after a bracket, an article and adjectives (``Ditib (een omstreden Duits-Turkse
    moskeevereniging, red.)``)."""
    match = _APPOSITION.match(text, end) or _BRACKET_APPOSITION.match(text, end)
    return match.group(1) if match else ""


def following_word(text: str, end: int) -> str:
    """The word just after ``end`` on the same line, as written ('' when none)."""
    match = _NEXT_WORD.match(text, end, end + _LOOK_BACK)
    return match.group(1) if match else ""


_OPEN_QUOTES = "'\"“„‘«‚"
_CLOSE_QUOTES = "'\"”’»“‘"


def _quoted(text: str, start: int, end: int) -> bool:
    """True when the run stands alone between quotation marks: a title (``'Luna Papa'``)."""
    after = text[end : end + 2].lstrip(" ")
    if after[:1] not in _CLOSE_QUOTES or not after:
        return False  # the common case, decided on the character after the run
    before = text[max(0, start - 2) : start].rstrip(" ")
    return before[-1:] in _OPEN_QUOTES and before[-1:] != ""


_CODE = re.compile(r" \(([^\W\d_][\w-]{1,4})\)")


def _code_after(text: str, end: int) -> str:
    """The short code in brackets right after a run (``Marrero (Spa)``), else ''."""
    if not text.startswith(" (", end):
        return ""
    match = _CODE.match(text, end, end + 9)
    return match.group(1) if match else ""


_AGE = re.compile(r" \((?:[^()\n]{1,30}, )?\d{1,3}\)")


def _age_after(text: str, end: int) -> bool:
    """Whether an age in brackets follows the run: ``Jansen (64)``, ``Pérez (voetbal, 31)``."""
    return _AGE.match(text, end, end + 40) is not None


_LINE_EDGE = " \t()."


def _alone(text: str, start: int, end: int) -> bool:
    """True when the run is all its line holds, brackets aside: a byline or a heading."""
    if start and text[start - 1] not in "\n(":
        return False  # the common case, decided without scanning the line
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    return not text[line_start:start].strip(_LINE_EDGE) and not text[end:line_end].strip(_LINE_EDGE)


_S_BEFORE = ("'s ", "’s ")
_TAG_MARKS = "#@/"
_HEAD_NEAR = lexicon.PLACE_ORG_HEADS | {"in", "van"}
_OF_WORDS = frozenset({"van", "voor", "de", "het", "der"})


def _of_near(text: str, start: int) -> bool:
    """Whether ``van`` or ``voor`` stands within the few characters before ``start``."""
    near = text[max(0, start - 10) : start]
    return "van " in near or "voor " in near


def _of_head(text: str, start: int) -> str:
    """The noun before ``van``/``voor`` just before ``start`` (``akkoord`` in ``akkoord van
    Parijs``), lowercased, else ''."""
    words = text[max(0, start - _LOOK_BACK) : start].split()
    if words and words[-1] in ("de", "het", "der"):
        words.pop()
    if len(words) >= 2 and words[-1] in ("van", "voor"):
        return words[-2].lower()
    return ""


_ORG_HEADS = "|".join(sorted(lexicon.PLACE_ORG_HEADS))
_ORG_HEAD = re.compile(rf"(?<![^\W_])(?:{_ORG_HEADS})(?:[ \t]+(?:in|van))?[ \t]+$")


def _org_head(text: str, start: int) -> str:
    """``gemeente `` or ``rechtbank in `` just before ``start``, as written, else ''."""
    match = _ORG_HEAD.search(text, max(0, start - 25), start)
    return match.group() if match else ""


# A hyphenated surname cut to its initial: ``Al-M``, ``El-K`` (``Mohammed Al-M.``).
_HYPHEN_INITIAL = re.compile(rf"[^\W\d_]-[{_UPPER}]$")


def iter_candidates(text: str, offset: int = 0) -> Iterator[Candidate]:
    """Yield each run of capitalised words in ``text`` with its context.

    ``offset`` is added to every character position (for text taken from a larger one).
    """
    for match in CANDIDATE.finditer(text):
        start, end = match.span()
        if start and text[start - 1] in _TAG_MARKS:
            continue  # a hashtag, a handle or part of a link: ``#ClimateLaw``, ``t.co/AbC``
        group = match.group()
        if " " in group or "\t" in group:
            words = [
                (w.group(), start + w.start() + offset, start + w.end() + offset)
                for w in WORD.finditer(group)
            ]
        else:
            words = [(group, start + offset, end + offset)]
        if text[end : end + 1] == "." and (
            (len(words) > 1 and words[-1][0].isupper() and len(words[-1][0]) == 1)
            or _HYPHEN_INITIAL.search(words[-1][0])
        ):
            # a surname cut to its initial: ``Michael P.``, ``Mohammed Al-M.``
            end += 1
            words[-1] = (words[-1][0] + ".", words[-1][1], end + offset)
        written = _previous_as_written(text, start)
        previous = written.lower()
        if not previous and text[start - 3 : start] in _S_BEFORE:
            previous = "'s"  # ``'s Avonds``, ``’s Morgens``: a fixed expression
        yield Candidate(
            words=words,
            sentence_start=sentence_start(text, start),
            previous=previous,
            following=following_word(text, end),
            in_brackets=text[start - 1 : start] == "(" and text[end : end + 1] == ")",
            next_char=text[end : end + 1],
            quoted=_quoted(text, start, end),
            alone=(not start or text[start - 1] in "\n(") and _alone(text, start, end),
            code_after=_code_after(text, end) if text.startswith(" (", end) else "",
            of_head=_of_head(text, start)
            if previous in _OF_WORDS and _of_near(text, start)
            else "",
            number_after=text[end : end + 1] == " " and text[end + 1 : end + 4].isdigit(),
            age_after=text.startswith(" (", end) and _age_after(text, end),
            org_head=_org_head(text, start) if previous in _HEAD_NEAR else "",
            previous_lower=written[:1].islower(),
            apposition=_apposition(text, end) if text[end : end + 2] in _APPOSITION_OPENERS else "",
        )


# Capitalised function words that cannot stand inside a name: after a name they open the
# next sentence of text whose paragraphs were joined without a full stop (``Ajax Het
# concern ...``, a byline ``Jeroen Pol Apeldoorn Er kwamen ...``).
_BREAK_WORDS = frozenset(w.title() for w in lexicon.BREAK_WORDS) | frozenset(
    w[:1].upper() + w[1:] for w in lexicon.ENGLISH_WORDS if w.startswith("i")
)


def _breaks(words: list[tuple[str, int, int]], i: int) -> bool:
    """Whether ``words[i]`` opens a sentence; a particle (``Op 't Einde``) only at the end."""
    word = words[i][0]
    if word not in _BREAK_WORDS:
        return False
    return i == len(words) - 1 or word.lower() not in lexicon.NAME_PARTICLES


def split_at_sentence_words(candidates: list[Candidate]) -> list[Candidate]:
    """Cut each run before a capitalised function word after its first word; the rest
    opens a sentence."""
    result: list[Candidate] = []
    for cand in candidates:
        while len(cand.words) > 1 and any(w in _BREAK_WORDS for w, _, _ in cand.words[1:]):
            cut = next((i for i, w in enumerate(cand.words) if i and _breaks(cand.words, i)), 0)
            if not cut:
                break
            rest = cand.words[cut:]
            result.append(replace(cand, words=cand.words[:cut], following=rest[0][0],
                                  next_char=" ", code_after="", alone=False,
                                  age_after=False))  # fmt: skip
            cand = replace(cand, words=rest, sentence_start=True, previous="", alone=False,
                           in_brackets=False, quoted=False)  # fmt: skip
        result.append(cand)
    return result


_CONNECTOR = re.compile(
    r"[ \t]+(?:van|voor|en|in|inzake|tegen|over|op|of|for|and)"
    r"(?:[ \t]+(?:de|het|der|the))?[ \t]+"
)
# Connectors that may follow a head word anywhere in a run (``Centraal Bureau voor de
# Statistiek``); ``en`` there more often joins two names (``Tweede Kamer en Senaat``).
_TIGHT_CONNECTOR = re.compile(
    r"[ \t]+(?:van|voor|inzake|tegen|for)(?:[ \t]+(?:de|het|der|the))?[ \t]+"
)
_LONGEST_GAP = len(" inzake het ")
_LEAD_ARTICLES = frozenset({"De", "Het"})
# Between the parts of a known name: the connectors, and those of place names (``Bergen op
# Zoom``, ``Alphen aan den Rijn``, ``Wijk bij Duurstede``).
_KNOWN_CONNECTOR = re.compile(
    r"[ \t]+(?:van|voor|en|in|inzake|tegen|over|op|of|for|and|aan|bij|onder|ter)"
    r"(?:[ \t]+(?:de|den|het|der|the))?[ \t]+"
)
# English connectors, no Dutch words: two capitalised runs they join are one name
# (``Femmes for Freedom``, ``Friends of the Earth``, ``Bike and Boattours``).
_ENGLISH_CONNECTOR = re.compile(r"[ \t]+(?:for|and|of[ \t]+the|for[ \t]+the)[ \t]+")
# ``Immigratie- en Naturalisatiedienst``: a first part whose head is left to the second.
_SHARED_HEAD = re.compile(r"-[ \t]+(?:en|of)[ \t]+")


def _joins(last: Candidate, cand: Candidate, text: str, gap: tuple[int, int], known,
           towns=frozenset(), names=frozenset()) -> bool:  # fmt: skip
    """Whether the runs ``last`` and ``cand`` are one organisation name (``towns``: where
    an organisation is, ``Hogeschool voor de Kunsten in Utrecht``, not part of its name;
    ``names``: known names of two words or more, which ``en`` lists beside the first run,
    ``Kabinet en Tweede Kamer``)."""
    start, end = gap
    if end - start > _LONGEST_GAP or end <= start:
        return False  # the common case: the runs are words apart
    if text[start:end] == " & ":
        return True  # ``Scotch & Soda``, ``Procter & Gamble``
    if text[start:end] == " in " and _joined(cand) in towns:
        return False
    heads = [w[0].lower() in lexicon.ORG_HEADS for w in last.words]
    # a sentence's article is no part of the name: ``De Inspectie voor X en Y``
    lead = 1 if len(heads) > 1 and last.words[0][0] in _LEAD_ARTICLES else 0
    if heads[lead] and _CONNECTOR.fullmatch(text, start, end):
        if (
            len(cand.words) > 1
            and text[start:end] in (" en ", " of ")
            and _joined(cand) in names
            and not _known_join(f"{_joined(last)}{text[start:end]}{_joined(cand)}", known)
        ):
            return False  # two names listed: ``Kabinet en Tweede Kamer``
        return True
    if _TIGHT_CONNECTOR.fullmatch(text, start, end) and (
        any(heads) or any(_org_compound_head(w[0]) for w in last.words)
    ):
        return True  # ``Centraal Bureau voor de Statistiek``, ``Onderzoeksraad voor ...``
    if _SHARED_HEAD.fullmatch(text, start, end):
        tail = cand.words[-1][0].lower()  # ``Gooi- en Vechtstreek`` too
        return tail in lexicon.ORG_HEADS or tail.endswith(lexicon.SHARED_HEAD_ENDINGS)
    if _ENGLISH_CONNECTOR.fullmatch(text, start, end) and text[start - 1 : start] != ".":
        return True
    if known and end - start < 12 and _KNOWN_CONNECTOR.fullmatch(text, start, end):
        return _known_join(f"{_joined(last)}{text[start:end]}{_joined(cand)}", known)
    if known and text[start:end] == ", ":
        # a known name listing its parts: ``Landbouw, Natuur en Voedselkwaliteit``
        return _known_join(f"{_joined(last)}, {_joined(cand)}", known)
    return False


def _known_join(joined: str, known) -> bool:
    """Whether joined runs are a known name (or its first parts), also after a head word
    and ``van``: ``Ministerie van Volksgezondheid, Welzijn en Sport``."""
    if joined in known:
        return True
    head, of, rest = joined.partition(" van ")
    return bool(of) and head.rpartition(" ")[2].lower() in lexicon.ORG_HEADS and rest in known


def _org_compound_head(word: str) -> bool:
    """A capitalised compound ending in an organisation head: ``Onderzoeksraad``,
    ``Kinderombudsman`` not, ``Belastingdienst``."""
    return len(word) > 7 and word[1:].islower() and word.endswith(lexicon.ORG_HEAD_ENDINGS)


def _joined(cand: Candidate) -> str:
    return " ".join(w for w, _, _ in cand.words)


def merge_org_names(
    candidates: list[Candidate],
    text: str,
    offset: int = 0,
    known: frozenset[str] = frozenset(),
    towns: frozenset[str] = frozenset(),
    names: frozenset[str] = frozenset(),
) -> list[Candidate]:
    """Join runs that one organisation name spans: ``Organisatie voor Veiligheid en ...``.

    A run whose first word is an organisation head word (``Organisatie``, ``Raad``, ``Hof``)
    absorbs the following runs while only connectors (``voor``, ``en``, ``inzake``) stand
    between them; a head word later in the run (``Centraal Bureau voor de Statistiek``)
    only over ``van``, ``voor`` and the like. Runs also join when the whole is a name in
    ``known`` (``Forum voor Democratie``), and over ``- en`` before an organisation word
    (``Immigratie- en Naturalisatiedienst``); never over ``in`` before one of ``towns``,
    nor over ``en`` before one of ``names`` (``Kabinet en Tweede Kamer``).
    """
    merged: list[Candidate] = []
    for cand in candidates:
        last = merged[-1] if merged else None
        if last is not None:
            gap_start, gap_end = last.words[-1][2] - offset, cand.words[0][1] - offset
            if gap_end - gap_start <= _LONGEST_GAP and _joins(
                last, cand, text, (gap_start, gap_end), known, towns, names
            ):
                connectors = [
                    (w.group(), w.start() + offset, w.end() + offset)
                    for w in WORD.finditer(text, gap_start, gap_end)
                    if w.group() not in ("-", ",")
                ]
                if text[gap_start] in "-,":
                    word, begin, _ = last.words[-1]
                    last.words[-1] = (word + text[gap_start], begin, gap_start + 1 + offset)
                last.words += connectors + cand.words
                last.following, last.next_char = cand.following, cand.next_char
                last.in_brackets = False
                continue
        merged.append(cand)
    return merged


# Between a middle initial and the surname: a space, or particles (``Peter R. de Vries``).
_INITIAL_GAP = re.compile(rf" (?:(?:{_PARTICLES}) )*")


def join_middle_initials(
    candidates: list[Candidate], text: str, first_names: frozenset[str], offset: int = 0
) -> list[Candidate]:
    """``George W. Bush``, ``Franklin D. Roosevelt``, ``Peter R. de Vries``: a run of a
    first name and an initial with its full stop, a space, particles if any and a
    capitalised word is one name; the full stop abbreviates, it does not end a sentence."""
    joined: list[Candidate] = []
    for cand in candidates:
        last = joined[-1] if joined else None
        if (
            last is not None
            and len(last.words[-1][0]) == 2
            and len(last.words) >= 2
            and last.words[-1][0][1] == "."
            and last.words[-2][0] in first_names
            and cand.words[0][0].lower() not in lexicon.SENTENCE_WORDS
            and _INITIAL_GAP.fullmatch(text, last.words[-1][2] - offset, cand.words[0][1] - offset)
        ):
            particles = [
                (w.group(), w.start() + offset, w.end() + offset)
                for w in WORD.finditer(text, last.words[-1][2] - offset, cand.words[0][1] - offset)
            ]
            last.words += particles + cand.words
            last.following, last.next_char = cand.following, cand.next_char
            last.code_after, last.age_after = cand.code_after, cand.age_after
            last.apposition = cand.apposition
            continue
        joined.append(cand)
    return joined


_COMPASS = frozenset(
    "Noord Zuid Oost West Midden Centraal Noordoost Noordwest Zuidoost Zuidwest".split()
)
_COORDINATION = re.compile(r"-?[ \t]+(?:en|of|tot)[ \t]+")


def share_compass_tails(candidates: list[Candidate], text: str, offset: int = 0) -> None:
    """``Noord- en Zuid-Holland``, ``Centraal en Zuid-Amerika``: a compass word before a
    coordinated compass name shares its tail, so it names ``Noord-Holland``."""
    for first, second in zip(candidates, candidates[1:], strict=False):
        if len(first.words) != 1 or first.words[0][0] not in _COMPASS:
            continue
        head, _, tail = second.words[0][0].partition("-")
        gap = text[first.words[0][2] - offset : second.words[0][1] - offset]
        if tail and head in _COMPASS and _COORDINATION.fullmatch(gap):
            first.shared_tail = "-" + " ".join([tail] + [w for w, _, _ in second.words[1:]])


_LIST_OPENERS = frozenset({"als", "zoals", "waaronder"})
_LIST_GLUE = re.compile(r",[ \t]+|[ \t]+(?:en|of)[ \t]+|,[ \t]+(?:en|of)[ \t]+")
_WORD_BEFORE = re.compile(r"([^\W\d_][\w-]*)[ \t]+(?:als|zoals|waaronder)[ \t]+$")


def cand_sentence_start(text: str, match: re.Match) -> bool:
    """Whether the noun ``match`` found before ``als`` opens its sentence."""
    return sentence_start(text, match.start(1))


def mark_listed(candidates: list[Candidate], text: str, kind_of_noun, offset: int = 0) -> None:
    """``modezaken als McGregor, Janse en Sissy-Boy``, ``landen als Spanje en Italië``: the
    names listed after a noun and ``als``, ``zoals`` or ``waaronder`` are of the kind the
    noun says (``kind_of_noun(noun)``: ``"org"``, ``"place"``, ``"person"`` or ``""``)."""
    for i, cand in enumerate(candidates):
        if cand.previous not in _LIST_OPENERS or cand.listed_as:
            continue
        start = cand.words[0][1] - offset
        match = _WORD_BEFORE.search(text, max(0, start - 50), start)
        noun = match.group(1) if match else ""
        if noun[1:].islower() and (noun[:1].islower() or cand_sentence_start(text, match)):
            kind = kind_of_noun(noun.lower())  # ``Organisaties als ...`` opening a sentence
        else:
            kind = ""
        if kind not in ("org", "place", "person"):
            continue
        for listed in _listed_from(candidates, i, text, offset):
            listed.listed_as = kind


def _listed_from(candidates: list[Candidate], i: int, text: str, offset: int):
    """``candidates[i]`` and the runs listed after it (``X, Y en Z``)."""
    yield candidates[i]
    for j in range(i + 1, len(candidates)):  # no slices: a huge text has many lists
        before, after = candidates[j - 1], candidates[j]
        gap = (before.words[-1][2] - offset, after.words[0][1] - offset)
        if not _LIST_GLUE.fullmatch(text, *gap):
            break
        yield after


def mark_opponents(candidates: list[Candidate], text: str, offset: int = 0) -> None:
    """``tegen Wit-Rusland en Duitsland``: the names after a match cue (``tegen``,
    ``versloeg``) and those listed after them are the sides of a match, if the text is
    about one (the rules decide)."""
    for i, cand in enumerate(candidates):
        if cand.previous not in lexicon.MATCH_CUES or cand.opponent:
            continue
        for listed in _listed_from(candidates, i, text, offset):
            listed.opponent = True


# A web address written as a name, in lowercase (``bol.com``, ``retailtrends.nl``): not
# a link (no ``www.``, scheme or path) and not an e-mail address.
_DOMAIN = re.compile(
    r"(?<![\w@/.:-])(?!www\.)[a-z][a-z0-9-]*(?:\.[a-z0-9-]+)*"
    r"\.(?:nl|be|com|org|net|eu|de|fr|uk|io)(?![\w/@-]|\.\w)"
)


# Where to look: a top-level domain after a letter or digit. Scanning for it first keeps
# the pass cheap on text without addresses.
_TLD = re.compile(r"[a-z0-9]\.(?:nl|be|com|org|net|eu|de|fr|uk|io)\b")
_DOMAIN_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-")


def iter_domains(text: str, offset: int = 0) -> Iterator[tuple[str, int, int]]:
    """``(name, start, end)`` of the lowercase web addresses that stand as names in ``text``
    (capitalised ones, ``NU.nl``, are candidates like any name)."""
    last_end = -1
    for tld in _TLD.finditer(text):
        start = tld.start()
        while start > 0 and text[start - 1] in _DOMAIN_CHARS:
            start -= 1
        if start < last_end:
            continue
        match = _DOMAIN.match(text, start)
        if match and match.end() > tld.start() + 1:
            last_end = match.end()
            yield match.group(), match.start() + offset, match.end() + offset
