"""Document-level passes: typing the leftovers by their other mentions, and canonical names.

Within one document ``Poetin`` after ``Vladimir Poetin`` is the same person, ``Poetins`` is
his possessive, ``VS`` and ``Verenigde Staten`` are one place, and an acronym introduced in
brackets (``Organisatie voor Veiligheid en Samenwerking in Europa (OVSE)``) names the same
organisation as its expansion. Every mention gets the display name of its group.
"""

from __future__ import annotations

from collections import Counter

from index.entities import lexicon
from index.entities.model import facet_key
from index.entities.rules import (
    UNKNOWN,
    UNRESOLVED,
    WEAK_ORG,
    WEAK_PERSON,
    WEAK_PLACE,
    WEAK_UNKNOWN,
    Mention,
)
from index.entities.shapes import is_acronym

DEFAULT_TYPE = "person"
NOT_PERSON_DEFAULT = None
MIN_COUNT = 1
# A single word nothing types is a person only when the document uses it this often: a
# one-off unknown word is as often a title, a product or a foreign word (``Calciopoli``).
MIN_SINGLE_WORD_COUNT = 2
# A first name shared by full names names the one mentioned this often, and this many times
# as often as any other (``Michiel`` beside ``Michiel Witteveen`` and ``Michiel Herter``).
DOMINANT_MENTIONS = 3


def _strip_possessive(word: str) -> str:
    """``Poetin's`` -> ``Poetin``; other words unchanged."""
    if word.endswith(("'s", "’s")) and len(word) > 3:
        return word[:-2]
    return word


def _name_words(text: str) -> list[str]:
    """The words of a name without particles: ``Jan van der Berg`` -> ``Jan``, ``Berg``."""
    return [w for w in text.split() if w.lower() not in lexicon.NAME_PARTICLES]


def _type_votes(mentions: list[Mention]) -> dict[str, Counter]:
    """Types the document itself gives its names, full names and person name parts alike."""
    votes: dict[str, Counter] = {}
    for mention in mentions:
        if mention.type in UNRESOLVED:
            continue
        votes.setdefault(mention.text, Counter())[mention.type] += 1
        if mention.type == "person":
            words = mention.text.split()
            for i in range(1, len(words)):
                votes.setdefault(" ".join(words[i:]), Counter())["person"] += 1
    return votes


def _lookup(table: dict, text: str):
    """``table`` entry for a name, its possessive stripped, or its plural ``s`` dropped."""
    found = table.get(text) or table.get(_strip_possessive(text))
    if found is None and text.endswith("s"):
        found = table.get(text[:-1])
    return found


def _hinted_type(hints: Counter, single_word: bool = False) -> str | None:
    """Type of a name no rule typed, from the weak hints of all its mentions."""
    weak = hints[WEAK_PERSON] + hints[WEAK_ORG]
    if weak:  # a name of a kind, used twice or more (``Toni`` is a town too)
        if sum(hints.values()) < MIN_SINGLE_WORD_COUNT:
            return None
        return "org" if hints[WEAK_ORG] > hints[WEAK_PERSON] else DEFAULT_TYPE
    if hints[WEAK_PLACE] and hints[WEAK_PLACE] >= hints[UNKNOWN]:
        return "place"
    if hints[WEAK_UNKNOWN]:
        return NOT_PERSON_DEFAULT
    if sum(hints.values()) < (MIN_SINGLE_WORD_COUNT if single_word else MIN_COUNT):
        return None
    return DEFAULT_TYPE


# A weak one-word name keeps its own kind when a typed name is listed with it.
WEAK_KINDS = {WEAK_PERSON: "person", WEAK_ORG: "org"}
LIST_GLUE = frozenset({", ", " en ", ", en ", " of "})


def _list_votes(mentions: list[Mention], text: str) -> dict[str, Counter]:
    """Types of typed names next to untyped ones in a list (``Kelme, Bonjour en ...``)."""
    votes: dict[str, Counter] = {}
    for first, second in zip(mentions, mentions[1:], strict=False):
        if text[first.end : second.start] not in LIST_GLUE:
            continue
        for one, other in ((first, second), (second, first)):
            if one.type in UNRESOLVED and other.type not in UNRESOLVED:
                votes.setdefault(_strip_possessive(one.text), Counter())[other.type] += 1
    return votes


def _follow_cues(mentions: list[Mention]) -> None:
    """A name typed by the noun before it (``stichting De Verre Bergen``) has that type
    wherever the document repeats it (``De Verre Bergen opent``)."""
    cued = {m.text: m.type for m in mentions if m.cued}
    if cued:
        for mention in mentions:
            mention.type = cued.get(mention.text, mention.type)


def resolve_types(mentions: list[Mention], text: str = "") -> list[Mention]:
    """Type the mentions no rule typed: by the majority type of the same name elsewhere in
    the document, else by the typed names listed with it, else by the weak hints of all its
    untyped mentions, else by default (a single word, and a weak person or organisation,
    only when the document uses it twice or more)."""
    _follow_cues(mentions)
    votes = _type_votes(mentions)
    listed = _list_votes(mentions, text) if text else {}
    hints: dict[str, Counter] = {}
    for mention in mentions:
        if mention.type in UNRESOLVED:
            hints.setdefault(_strip_possessive(mention.text), Counter())[mention.type] += 1
    weak_places = [m for m in mentions if m.type == WEAK_PLACE and " " not in m.text]
    for mention in mentions:
        counter = _lookup(votes, mention.text)
        if counter is not None and mention.type in UNRESOLVED:
            mention.type = counter.most_common(1)[0][0]
        elif mention.type in (UNKNOWN, WEAK_UNKNOWN) and _lookup(listed, mention.text):
            # a weak place keeps its hint: ``in Emmen, PSV thuis`` joins two clauses
            mention.type = _lookup(listed, mention.text).most_common(1)[0][0]
        elif mention.type in WEAK_KINDS and _lookup(listed, mention.text):
            mention.type = WEAK_KINDS[mention.type]  # listed with names: a name of its kind
        elif mention.type in UNRESOLVED:
            single = " " not in mention.text
            mention.type = _hinted_type(_lookup(hints, mention.text), single)
    if weak_places:
        _surnames_over_places(mentions, weak_places)
    return mentions


def _surnames_over_places(mentions: list[Mention], weak_places: list[Mention]) -> None:
    """A word that only looked like a town (``Berk``) and is the surname of a person the
    document names in full (``Soler Berk``) is that person: ``stelt Berk``."""
    surnames = {m.text.split()[-1] for m in mentions if m.type == "person" and " " in m.text}
    for mention in weak_places:
        if mention.type == "place" and _strip_possessive(mention.text) in surnames:
            mention.type = "person"


def headline_end(text: str) -> int:
    """Where the headline of ``title + blank line + body`` ends (the first line, when a
    blank line and a body follow it), else 0."""
    end = text.find("\n\n")
    if end <= 0 or "\n" in text[:end] or not text[end:].strip():
        return 0
    return end


def headline_only(mentions: list[Mention], names: list[str], end: int, known) -> set[str]:
    """The names a document uses only in its headline (before ``end``) that ``known``
    (a gazetteer test) knows under none of their mentions. A headline plays with words
    (``Oprukkend Engels``), names its source (``wel.nl``) or its columnist (``Stevo
    Akkerman``); a name the body never uses has nothing else to support it."""
    in_body = {name for m, name in zip(mentions, names, strict=True) if m.start >= end}
    headline = {}
    for mention, name in zip(mentions, names, strict=True):
        if name not in in_body:
            headline[name] = headline.get(name, False) or any(
                known(text) for text in (name, mention.text, mention.known_as) if text
            )
    return {name for name, is_known in headline.items() if not is_known}


def share_surnames(mentions: list[Mention], text: str, first_names: frozenset[str]) -> None:
    """``Jan en Piet de Vries``: a first name alone, ``en``, then a full name: the first
    name shares the surname (it names ``Jan de Vries``)."""
    for first, second in zip(mentions, mentions[1:], strict=False):
        words = second.text.split()
        if (
            first.type == second.type == "person"
            and first.text in first_names
            and len(words) > 1
            and words[0] in first_names
            and text[first.end : second.start] == " en "
        ):
            first.known_as = " ".join([first.text, *words[1:]])


def _base_name(text: str, aliases: dict[str, str], known: set[str]) -> str:
    """The name a mention stands for before grouping: alias and possessive resolved."""
    if text in aliases:
        return aliases[text]
    stripped = _strip_possessive(text)
    if stripped != text:
        return aliases.get(stripped, stripped)
    if text.endswith("s") and text[:-1] in known:
        return aliases.get(text[:-1], text[:-1])
    return text


def _full_person_names(names: Counter, singles: Counter | None = None) -> dict[str, str]:
    """Map each tail of a multi-word person name (``van Bommel``), and a first name that
    starts only one of them (``Greta``), to its most frequent full name; keys lowercase.

    A first name that starts several full names goes to the one the document mentions
    most, full name and surname alone (``singles``, lowercase) together, when that one
    has at least :data:`DOMINANT_MENTIONS` mentions and that many times any other's."""
    tails: dict[str, str] = {}
    firsts: dict[str, set[str]] = {}
    for full, _count in names.most_common():
        words = full.split()
        for i in range(1, len(words)):
            tails.setdefault(" ".join(words[i:]).lower(), full)
        firsts.setdefault(words[0].lower(), set()).add(full)
    for first, fulls in firsts.items():
        if first in tails:
            continue
        if len(fulls) == 1:
            tails[first] = fulls.pop()
        elif singles:
            weights = sorted(
                ((names[f] + singles[f.split(" ", 1)[1].lower()], f) for f in fulls), reverse=True
            )
            (best, full), (second, _) = weights[0], weights[1]
            if best >= DOMINANT_MENTIONS and best >= DOMINANT_MENTIONS * second:
                tails[first] = full  # ``Michiel`` beside Michiel Witteveen (15) and one other
    return tails


def _initials_match(acronym: str, name: str) -> bool:
    """Whether the acronym's letters occur in order among the initials of the name's words
    and compound parts: ``OVSE`` for ``Organisatie voor Veiligheid en Samenwerking in
    Europa``, not ``SP`` for ``Steve Stevaert``."""
    initials = iter(part[:1].upper() for word in name.split() for part in word.split("-") if part)
    return all(letter in initials for letter in acronym.upper() if letter.isalpha())


def _stands_for(acronym: str, before: Mention) -> bool:
    """Whether an acronym can abbreviate the name before it: by its initials, or by letters
    in order when that name is no person (``NAVO``, ``Noord-Atlantische
    Verdragsorganisatie``)."""
    if _initials_match(acronym, before.text):
        return True
    if before.type == "person":
        return False
    letters = iter(before.text.upper())
    return all(letter in letters for letter in acronym.upper() if letter.isalpha())


def bracket_aliases(mentions: list[Mention], text: str) -> dict[str, str]:
    """``Long Name (ACR)``: map the long name to the acronym that follows it in brackets."""
    aliases: dict[str, str] = {}
    for before, after in zip(mentions, mentions[1:], strict=False):
        if (
            is_acronym(after.text)
            and text[before.end : after.start] == " ("
            and before.text[:1] == after.text[:1]
            and len(before.text) > len(after.text)
            and _stands_for(after.text, before)
        ):
            aliases[before.text] = after.text
            after.type = before.type = "org" if before.type == "org" else after.type
    return aliases


def ministry_aliases(mentions: list[Mention]) -> dict[str, str]:
    """One facet value per ministry: its portfolio alone (``Financiën`` after ``het
    ministerie van Financiën``) and a shorter name the longer one extends (``ministerie van
    Justitie`` beside ``ministerie van Justitie en Veiligheid``, its name after a renaming)
    name the ministry as the document names it in full."""
    full: dict[str, str] = {}
    for mention in mentions:
        if mention.type != "org":
            continue
        name = mention.known_as or mention.text
        head, of, portfolio = name.partition(" van ")
        if of and head.lower().startswith(lexicon.MINISTRIES):
            full.setdefault(portfolio, name)
    aliases = {}
    for portfolio, name in full.items():
        longer = [
            other
            for tail, other in full.items()
            if tail.startswith((f"{portfolio} en ", f"{portfolio}, "))
        ]
        target = longer[0] if len(longer) == 1 else name
        aliases[portfolio] = target
        if target != name:
            aliases[name] = target
    return aliases


def _initials(name: str) -> str:
    """``fvd`` for ``Forum voor Democratie``, ``cda`` for ``Christen-Democratisch Appèl``."""
    return "".join(part[:1] for word in name.split() for part in word.split("-") if part).lower()


def initials_aliases(mentions: list[Mention]) -> dict[str, str]:
    """An acronym whose letters are the initials of an organisation the document names in
    full is that organisation: ``FvD`` -> ``Forum voor Democratie``."""
    longs = {_initials(m.text): m.text for m in mentions if m.type == "org" and " " in m.text}
    if not longs:
        return {}
    return {
        m.text: longs[m.text.lower()]
        for m in mentions
        if m.type == "org" and len(m.text) <= 6 and m.text.lower() in longs
    }


def canonical_names(mentions: list[Mention], aliases: dict[str, str]) -> list[str]:
    """The display name of each mention's group, in the order of ``mentions``."""
    known = {m.text for m in mentions}
    known.update(word for m in mentions if m.type == "person" for word in m.text.split())
    bases = [_base_name(m.known_as or m.text, aliases, known) for m in mentions]
    persons = Counter(
        b for m, b in zip(mentions, bases, strict=True) if m.type == "person" and " " in b
    )
    singles = Counter(b.lower() for m, b in zip(mentions, bases, strict=True) if m.type == "person")
    tails = _full_person_names(persons, singles)
    heads = _full_org_names(mentions, bases)
    names = [
        tails.get(b.lower(), b) if m.type == "person" and tails else
        heads.get(b, b) if m.type == "org" and heads else b
        for m, b in zip(mentions, bases, strict=True)
    ]  # fmt: skip
    return _fold_variants(names)


def _full_org_names(mentions: list[Mention], bases: list[str]) -> dict[str, str]:
    """``Kamer`` -> ``Tweede Kamer``, ``Haga Lyceum`` -> ``Cornelius Haga Lyceum``: the
    last words of an organisation name ending in a head word, alone, name the one
    organisation of the document ending in them (``VVD`` stays itself beside ``Jong
    VVD``)."""
    ends: dict[str, set[str]] = {}
    for mention, base in zip(mentions, bases, strict=True):
        if mention.type == "org" and " " in base:
            words = base.split(" ")
            if words[-1].lower() in lexicon.ORG_HEADS:
                for i in range(1, len(words)):  # ``Haga Lyceum``, ``Lyceum``
                    ends.setdefault(" ".join(words[i:]), set()).add(base)
    return {end: names.pop() for end, names in ends.items() if len(names) == 1}


def _fold_variants(names: list[str]) -> list[str]:
    """Give case and accent variants of one name one spelling: the most frequent mixed-case."""
    counts = Counter(names)
    variants: dict[str, list[str]] = {}
    for name in counts:
        variants.setdefault(facet_key(name), []).append(name)
    display = {}
    for group in variants.values():
        if len(group) == 1:  # the common case: one spelling
            display[group[0]] = group[0]
        else:
            preferred = _preferred(Counter({name: counts[name] for name in group}))
            display.update(dict.fromkeys(group, preferred))
    return [display[name] for name in names]


def _preferred(counter: Counter) -> str:
    """The most frequent spelling, preferring one that is not all capitals."""
    ranked = [name for name, _ in counter.most_common()]
    mixed = [name for name in ranked if not name.isupper() or is_acronym(name)]
    return (mixed or ranked)[0]
