"""Deciding which parts of a candidate run are names, and of which type.

A run is first trimmed (sentence-initial function words, capitalised cue words such as
``President``), split where a particle joins two separate names (``Rusland van de VS``) or a
compound common noun stands in it (``Kremlin-woordvoerder``), then each group is typed by
gazetteers, cue words and word shape. Groups the rules cannot type come back as ``"unknown"``
for the document-level pass in :mod:`index.entities.resolve`.
"""

from __future__ import annotations

from dataclasses import dataclass

from index.entities import lexicon
from index.entities.candidates import Candidate
from index.entities.gazetteers import Gazetteer

UNKNOWN = "unknown"
WEAK_PLACE = "weak-place"
_ADJECTIVE_ENDINGS = ("se", "sch", "sche", "isch", "ees")
_DEMONYM_ENDINGS = ("anen", "ezen", "ingen", "ners", "ijnen")
_ORG_COMPOUND_HEADS = ("partij", "bank", "raad", "unie", "bond", "fonds", "groep", "federatie")
_MAX_ACRONYM = 6


@dataclass
class Mention:
    """A typed group of words: the raw material of an :class:`~index.entities.model.Entity`."""

    type: str
    text: str
    start: int
    end: int
    sentence_start: bool


@dataclass
class Evidence:
    """What the document says about its own words, gathered before typing."""

    lower_words: set[str]
    mid_sentence_words: set[str]


def is_acronym(word: str) -> bool:
    """True for ``NAVO``, ``G20``, ``CD&V``: two to six capitals, digits or ``&``."""
    letters = word.replace("&", "").replace(".", "")
    return (2 <= len(letters) <= _MAX_ACRONYM and letters.isalnum() and letters.upper() == letters
            and not letters.isdigit())


def _is_compound_common(word: str) -> bool:
    """True for a hyphenated word with a lowercase part: ``Kremlin-woordvoerder``."""
    return "-" in word and any(part[:1].islower() for part in word.split("-")[1:])


def _is_person_cue(word: str) -> bool:
    """True for ``president`` and for compounds that end in a cue: ``Kremlin-woordvoerder``."""
    word = word.lower()
    if word in lexicon.PERSON_CUES:
        return True
    tail = word.rsplit("-", 1)[-1]
    return tail != word and tail in lexicon.PERSON_CUES


class Rules:
    """Types candidate runs using a :class:`Gazetteer` and the document's evidence."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self._known = gazetteer.places | gazetteer.orgs | gazetteer.aliases.keys()

    def mentions(self, cand: Candidate, evidence: Evidence) -> list[Mention]:
        """Split and type one candidate run; untypeable groups are dropped or left unknown."""
        words = cand.words
        full = " ".join(w for w, _, _ in words)
        if full in self._known:
            return [self._mention(words, self.known_type(full), cand.sentence_start)]
        previous, initial = cand.previous, cand.sentence_start
        while words and self._droppable_first(words[0][0], initial, evidence):
            previous, initial = words[0][0].lower(), False
            words = words[1:]
        found = []
        for group, cue, group_initial in self._groups(words, previous, initial):
            kind = self._type_group(group, cue, cand, group_initial, evidence)
            if kind is not None:
                found.append(self._mention(group, kind, cand.sentence_start and group_initial))
        return found

    def known_type(self, name: str) -> str:
        """Type of a gazetteer name: place, org, or by its alias."""
        if name in self.gaz.aliases:
            name = self.gaz.aliases[name]
            if name in self.gaz.place_acronyms or name in self.gaz.countries:
                return "place"
        if name in self.gaz.place_acronyms:
            return "place"
        if name in self.gaz.orgs:
            return "org"
        return "place"

    @staticmethod
    def _mention(words: list[tuple[str, int, int]], kind: str, initial: bool) -> Mention:
        text = " ".join(w for w, _, _ in words)
        return Mention(kind, text, words[0][1], words[-1][2], initial)

    def _droppable_first(self, word: str, initial: bool, evidence: Evidence) -> bool:
        """Whether a run's first word is a common word capitalised by position, or a cue."""
        lower = word.lower()
        if _is_person_cue(word) or _is_compound_common(word):
            return initial or lower in lexicon.PERSON_CUES
        if not initial or word in self._known or word in self.gaz.first_names:
            return False
        if lower in lexicon.SENTENCE_WORDS or lower in evidence.lower_words:
            return True
        return word.endswith(_ADJECTIVE_ENDINGS) and not word.isupper()

    def _groups(self, words, previous: str, initial: bool):
        """Split a run into groups at compound common nouns and at joining particles."""
        group: list[tuple[str, int, int]] = []
        cue, group_initial = previous, initial
        for item in words:
            word = item[0]
            if _is_compound_common(word) or (_is_person_cue(word) and group == []):
                if group:
                    yield from self._split_particles(group, cue, group_initial)
                group, cue, group_initial = [], word.lower(), False
                continue
            group.append(item)
        if group:
            yield from self._split_particles(group, cue, group_initial)

    def _split_particles(self, group, cue: str, initial: bool):
        """Cut ``Rusland van de VS`` at its particles when either side is a known name."""
        if any(w.lower() in lexicon.ORG_HEADS for w, _, _ in group):
            yield group, cue, initial
            return
        parts: list[list[tuple[str, int, int]]] = [[]]
        for item in group:
            if item[0] in lexicon.NAME_PARTICLES:
                if parts[-1] and parts[-1][-1][0] not in lexicon.NAME_PARTICLES:
                    parts.append([])
                continue
            parts[-1].append(item)
        if len(parts) == 1 or not any(self._is_known(p) for p in parts):
            yield group, cue, initial
            return
        for number, part in enumerate(parts):
            if part:
                yield part, (cue if number == 0 else ""), initial and number == 0

    def _is_known(self, part) -> bool:
        return " ".join(w for w, _, _ in part) in self._known

    def _type_group(self, group, cue, cand: Candidate, initial: bool, evidence: Evidence):
        """Type one group of words, or None when it is not a facet entity."""
        words = [w for w, _, _ in group]
        full = " ".join(words)
        if full in self._known:
            return self.known_type(full)
        if len(words) == 1:
            return self._type_single(words[0], cue, cand, initial, evidence)
        first = words[0].split("-")[0]
        if first in self.gaz.first_names:
            return "person"
        if self._has_org_head(words):
            return "org"
        if all(is_acronym(w) for w in words):
            return "org" if len(words) < 3 else None
        if any(w[:1].isdigit() for w in words[1:]):
            return "org"
        return "person"

    def _has_org_head(self, words: list[str]) -> bool:
        last = words[-1]
        if last in lexicon.ORG_SUFFIXES:
            return True
        for word in words:
            lower = word.lower()
            if lower in lexicon.ORG_HEADS or (
                len(lower) > 7 and lower.endswith(_ORG_COMPOUND_HEADS)
            ):
                return True
        return False

    def _type_single(self, word, cue, cand: Candidate, initial: bool, evidence: Evidence):
        """Type a one-word group; sentence-initial words need evidence from elsewhere."""
        if word.endswith(("'s", "’s")) and word[:-2] in self._known:
            return self.known_type(word[:-2])
        if word[-1:] == "s" and word[:-1] in self.gaz.countries:
            return "place"
        if cand.in_brackets and word in self.gaz.country_codes:
            return "place"
        if is_acronym(word):
            return "place" if word in self.gaz.place_acronyms else "org"
        if word in self.gaz.languages or word.endswith(_ADJECTIVE_ENDINGS + _DEMONYM_ENDINGS):
            return None
        if word in self.gaz.first_names:
            return "person"
        if initial and not self._confirmed(word, cand, evidence):
            return None
        if _is_person_cue(cue) or cand.following in lexicon.PERSON_VERBS:
            return "person"
        if len(word) > 7 and word.lower().endswith(_ORG_COMPOUND_HEADS):
            return "org"
        if cue in lexicon.PLACE_CUES:
            return WEAK_PLACE
        return UNKNOWN

    @staticmethod
    def _confirmed(word: str, cand: Candidate, evidence: Evidence) -> bool:
        """A sentence-initial word is a name if it recurs mid-sentence or a verb follows."""
        if word.lower() in evidence.lower_words:
            return False
        return word in evidence.mid_sentence_words or cand.following in lexicon.PERSON_VERBS
