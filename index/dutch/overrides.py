"""Stemmer overrides: irregular forms, OpenTaal lemmas and a participle rule before Snowball.

Snowball's Dutch stemmers work on suffixes alone, so they miss irregular forms
(``liep``/``lopen``, ``steden``/``stad``) and ``dutch`` over-stems (``ministers`` ->
``mini``). Here a word is first mapped to a lemma, then stemmed:

1. :data:`IRREGULAR`: strong and irregular verbs and plurals, written by hand;
2. the OpenTaal lemma file (:func:`index.dutch.lexicon.lemmas`: ``huisjes`` -> huis);
3. a ``ge-...-d/-t`` participle rule when what is left is a known verb stem;
4. :data:`PROTECTED`: lemmas Snowball must leave whole (``minister``, ``gemeente``),
   lemmas with a derivational ending (:data:`DERIVATIONS`: ``overheid``, ``verspreiding``)
   and lemmas with an ``-s`` of their own (``hemels``, ``loods``);
5. verb forms of a stem that is also an adjective, a numeral or a noun in ``-el``/``-er``/
   ``-em`` become the infinitive, kept whole (``luidt`` -> luiden, not ``luid``).

Part of the analysis: changing anything here changes ``ANALYSIS_VERSION``.
"""

from __future__ import annotations

from collections.abc import Callable

from index.dutch.lexicon import lemma_lookup

# lemma: forms (accent-folded). Common strong/irregular verbs of news text, irregular
# plurals, and a few country adjectives so that Oekraine finds Oekraiense.
_IRREGULAR_TABLE = """
lopen: liep liepen gelopen | nemen: nam namen genomen | komen: kwam kwamen gekomen
geven: gaf gaven gegeven | spreken: sprak spraken gesproken
schrijven: schreef schreven geschreven | blijven: bleef bleven gebleven
krijgen: kreeg kregen gekregen | vinden: vond vonden gevonden | zien: zag zagen gezien
gaan: ging gingen gegaan | staan: stond stonden gestaan | doen: deed deden gedaan
zeggen: zei zeiden gezegd | brengen: bracht brachten gebracht | denken: dacht dachten gedacht
kopen: kocht kochten gekocht | zoeken: zocht zochten gezocht | vragen: vroeg vroegen gevraagd
beginnen: begon begonnen | winnen: won wonnen gewonnen | verliezen: verloor verloren
kiezen: koos kozen gekozen | sluiten: sloot sloten gesloten | bieden: bood boden geboden
schieten: schoot schoten geschoten | vallen: viel vielen gevallen
houden: hield hielden gehouden | laten: liet lieten gelaten | rijden: reed reden gereden
stijgen: steeg stegen gestegen | trekken: trok trokken getrokken
breken: brak braken gebroken | sterven: stierf stierven gestorven
helpen: hielp hielpen geholpen | werpen: wierp wierpen geworpen
liggen: lag lagen gelegen | zitten: zat zaten gezeten | eten: at aten gegeten
dragen: droeg droegen gedragen | slaan: sloeg sloegen geslagen
vliegen: vloog vlogen gevlogen | vechten: vocht vochten gevochten
bergen: borg borgen geborgen | wijzen: wees wezen gewezen | lijken: leek leken geleken
blijken: bleek bleken gebleken | verdwijnen: verdween verdwenen
ontvangen: ontving ontvingen | verbieden: verbood verboden
roepen: riep riepen geroepen | slapen: sliep sliepen geslapen | lijden: leed leden geleden
zwijgen: zweeg zwegen gezwegen | kijken: keek keken gekeken | grijpen: greep grepen gegrepen
rijzen: rees rezen gerezen | drijven: dreef dreven gedreven | stelen: stal stalen gestolen
treffen: trof troffen getroffen | zenden: zond zonden gezonden | binden: bond bonden gebonden
dwingen: dwong dwongen gedwongen | springen: sprong sprongen gesprongen
zingen: zong zongen gezongen | drinken: dronk dronken gedronken | beslissen: besliste beslist
hangen: hing hingen gehangen | vangen: ving vingen gevangen | lezen: las lazen gelezen
genezen: genas genazen | vergeten: vergat vergaten | bevelen: beval bevalen bevolen
wegen: woog wogen gewogen | bewegen: bewoog bewogen | scheiden: gescheiden
heffen: hief hieven geheven | verbinden: verbond verbonden | ontstaan: ontstond ontstonden
begrijpen: begreep begrepen | verschijnen: verscheen verschenen | onderzoeken: onderzocht
verkopen: verkocht verkochten | bezoeken: bezocht bezochten | besluiten: besloot besloten
overlijden: overleed overleden | vertrekken: vertrok vertrokken | ontsnappen: ontsnapt
kunnen: kon konden gekund | mogen: mocht mochten gemogen | willen: wilde wilden wou gewild
zullen: zou zouden | hebben: heb heeft had hadden gehad | zijn: ben bent is was waren geweest
worden: word wordt werd werden geworden | weten: wist wisten geweten
kind: kinderen | stad: steden | schip: schepen | ei: eieren | lied: liederen | blad: bladeren
lid: leden | zoon: zonen | god: goden | gelid: gelederen | rund: runderen | kalf: kalveren
lam: lammeren | volk: volkeren | gemeente: gemeentes gemeenten | museum: musea
centrum: centra | visum: visa | crisis: crises | politicus: politici | musicus: musici
oekraine: oekraiens oekraiense oekrainer oekrainers | belgie: belgisch belgische
rusland: russisch russische | frankrijk: frans franse | duitsland: duits duitse
"""
# Lemmas whose Snowball stem collides with other words: kept as the lemma itself.
PROTECTED = frozenset("""
minister gemeente haven hebben mening menen meen gemeen ministerie maan man zoon zon zone
vaak vak week maag zaag peer hoop kopen koop wonen woon won hal halen les lezen naam gat
zaak zak hals been teen heen gaaf teer bom boom poot pot noot nood rook rok stok stook
raam ram boot bot loot lot slot sloot taak tak lat laat maal mal pool polen kaas kas baas bas
maat mat goed god doel dol veer ver bos boos school schol paden padden zonen zonnen
""".split())  # fmt: skip


# Derivational endings Snowball strips (overheid -> over, verspreiding -> verspreid,
# aansprakelijk -> aansprak): a lemma with one is a word of its own and stays whole.
DERIVATIONS = ("heid", "ing", "lijk", "ig", "baar")
MIN_DERIVATION_BASE = 3


def _derived(lemma: str) -> bool:
    # endswith(tuple) first: most lemmas have none of the endings (the indexing hot path)
    return lemma.endswith(DERIVATIONS) and any(
        lemma.endswith(end) and len(lemma) - len(end) >= MIN_DERIVATION_BASE for end in DERIVATIONS
    )


def _parse(table: str) -> dict[str, str]:
    mapping = {}
    for entry in table.replace("\n", "|").split("|"):
        if entry.strip():
            lemma, forms = entry.split(":")
            lemma = lemma.strip()
            mapping.update(dict.fromkeys(forms.split(), lemma))
    return mapping


IRREGULAR = _parse(_IRREGULAR_TABLE)
_VERB_ENDINGS = ("en",)
_VERB_FORM_ENDINGS = ("t", "d", "de", "te")


def lemma_of(word: str) -> str:
    """The lemma the overrides give ``word`` (``word`` itself when none applies).

    >>> lemma_of("liep"), lemma_of("huisjes"), lemma_of("gewerkt")
    ('lopen', 'huis', 'werk')
    """
    found = IRREGULAR.get(word)
    if found:
        return found
    found = lemma_lookup(word)
    if found and not _own_lemma(word, found):
        return IRREGULAR.get(found, _adjective_d(word, found))
    if word.startswith("ge") and word[-1] in "dt" and len(word) > 5:
        stem = word[2:-1]
        if lemma_lookup(stem + "en") is not None or lemma_lookup(stem + "t") == stem:
            return stem
    return word


def _own_lemma(word: str, lemma: str) -> bool:
    """Whether ``word`` is a noun of its own that the lemma file reads as a verb form of
    ``lemma``: it ends like a verb form (``-t``, ``-d``, ``-de``, ``-te``) and has a plural of
    its own (``buurt``: buurten -> buurt, so not a form of ``buren``/``buur``); or an
    adjective in ``-s`` that it reads as a genitive (``mals``: malse -> mals, not ``mal``)."""
    if len(word) <= len(lemma):
        return False
    return (word.endswith(_VERB_FORM_ENDINGS) and lemma_lookup(word + "en") == word
            or word.endswith("s") and lemma_lookup(word + "e") == word)  # fmt: skip


def _adjective_d(word: str, lemma: str) -> str:
    """``luide`` is ``luid`` + e, not ``lui`` + de: where the lemma file strips ``-de`` and
    the word less its ``-e`` is a word with that inflection, that word is the lemma."""
    if word == lemma + "de" and lemma_lookup(word[:-1] + "er") == word[:-1]:
        return word[:-1]
    return lemma


def _noun_over_stemmed(lemma: str, stemmed: str) -> bool:
    """Whether Snowball cut a noun in ``-en`` down to another word: the lemma has an ``-s``
    plural (``jongen``/``jongens``, ``deken``/``dekens``: a noun, not ``jong`` or ``dekken``)
    and no verb's third person (``horen``/``horens``, but ``hoort``: a verb as well, left to
    Snowball like ``leven``)."""
    return (lemma.endswith("en") and stemmed != lemma and lemma_lookup(lemma + "s") == lemma
            and lemma_lookup(verb_stem(lemma) + "t") is None)  # fmt: skip


def verb_stem(infinitive: str) -> str:
    """The stem of a verb in ``-en`` by the spelling rules (no lookup): ``horen`` -> hoor,
    ``zetten`` -> zet, ``leven`` -> leef, ``verlangen`` -> verlang.

    >>> verb_stem("horen"), verb_stem("zetten"), verb_stem("leven"), verb_stem("reizen")
    ('hoor', 'zet', 'leef', 'reis')
    """
    stem = infinitive[:-2]
    if len(stem) >= 2 and stem[-1] == stem[-2] and stem[-1] not in _VOWELS:
        return stem[:-1]
    stem = stem[:-1] + {"v": "f", "z": "s"}.get(stem[-1:], stem[-1:])
    if (len(stem) >= 3 and stem[-1] not in _VOWELS and stem[-2] in "aeou"
            and stem[-3] not in _VOWELS):  # fmt: skip
        return stem[:-1] + stem[-2] + stem[-1]
    return stem


_VOWELS = "aeiouy"


def _s_lemma(lemma: str) -> bool:
    """Whether ``lemma`` ends in an ``-s`` of its own, which Snowball must not strip: the
    lemma file gives it inflections (an adjective's ``-e``: hemelse -> hemels, volkse ->
    volks; a plural ``-en``: loodsen -> loods, mensen -> mens), so it is no plural of
    ``hemel``, ``volk``, ``lood`` or ``men``."""
    return lemma.endswith("s") and (lemma_lookup(lemma + "e") == lemma
                                    or lemma_lookup(lemma + "en") == lemma)  # fmt: skip


NUMERALS = frozenset("""
twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien vijftien zestien
zeventien achttien negentien twintig dertig veertig vijftig zestig zeventig tachtig negentig
honderd duizend miljoen miljard
""".split())  # fmt: skip


def _verb_of_other_word(word: str, lemma: str) -> str | None:
    """The infinitive, kept whole, when ``word`` is a verb form of a stem that is an
    adjective or a numeral as well: ``luidt``, ``luidde``, ``ruimen`` (luiden, ruimen) are
    no forms of ``luid`` or ``ruim`` (loud, wide), ``gevierd``, ``achten`` none of ``vier``
    or ``acht``. An adjective has a comparative in the lemma file (``luider`` -> luid); a
    past or ``-en`` form counts only beside a ``-t`` form (``ruimt``), so ``rijken``
    and ``doden`` (the rich, the dead) stay with ``rijk`` and ``dood``."""
    if word == lemma:  # an infinitive the lemma file lacks (openen): stems by spelling
        return _unlisted_infinitive(word)
    # String tests first: most words are no verb form of their lemma (huizen, mooie).
    rest = word[len(lemma) :] if word.startswith(lemma) else None
    participle = word.startswith("ge") and word[2:-1] == lemma and word[-1] in "dt"
    if rest != "t" and rest not in _PAST_ENDINGS and not participle and not word.endswith("en"):
        return None
    infinitive = _infinitive(lemma)
    if rest in _PAST_ENDINGS and word == infinitive[:-1]:
        return None  # witte: wit + e, not the past of witten
    if rest != "t" and rest not in _PAST_ENDINGS and not participle and word != infinitive:
        return None
    if lemma in NUMERALS and rest == "de":
        return None  # vierde, negende: the ordinal, not the past of vieren
    if lemma in NUMERALS or _schwa_noun(lemma):  # their -en form is no plural (druppels)
        pass
    elif not _is_adjective(lemma, infinitive):
        return None
    elif word == infinitive and _has_diminutive(lemma):
        return None  # an adjective and a noun: lichten, kampen, netten are plurals too
    noun = word[:-1] if word.endswith("n") else word
    if lemma_lookup(noun + "s") == noun:  # a noun with an -s plural: ziekte(s), ziekten
        return None
    return infinitive if rest == "t" or _is_verb(lemma) else None


def _unlisted_infinitive(word: str) -> str | None:
    """:func:`_verb_of_other_word` for an ``-en`` word the lemma file does not list: its
    stem by the spelling rules (``openen`` -> open), tried only where the lemma file has
    the stem's third person (one lookup spares most words the spelling rules)."""
    if len(word) <= MIN_VERB_STEM + 2 or not word.endswith("en"):
        return None
    stem = word[:-2]
    if _is_verb(stem) and _infinitive(stem) == word:
        verb = _verb_of_other_word(word, stem)
        if verb is not None:
            return verb
    spelt = verb_stem(word)
    if spelt != stem and _is_verb(spelt) and _infinitive(spelt) == word:
        return _verb_of_other_word(word, spelt)
    return None


def _is_adjective(lemma: str, infinitive: str) -> bool:
    """Whether the lemma file has a comparative of ``lemma`` (``luider``, ``groter``,
    ``witter``: spelt like the infinitive, -en for -er)."""
    return lemma_lookup(infinitive[:-2] + "er") == lemma


def _schwa_noun(lemma: str) -> bool:
    """Whether ``lemma`` is a noun in an unstressed ``-el``, ``-er``, ``-em`` with an ``-s``
    plural (``druppels``): its ``-en`` form is no plural but the verb made of it."""
    return lemma.endswith(("el", "er", "em")) and lemma_lookup(lemma + "s") == lemma


def _has_diminutive(lemma: str) -> bool:
    """Whether the lemma file has a diminutive of ``lemma`` (``lichtje``, ``bolletje``):
    a noun, so its ``-en`` form may be its plural."""
    doubled = _infinitive(lemma)[:-2]
    return any(lemma_lookup(form) == lemma for form in
               (lemma + "je", lemma + "tje", doubled + "etje", lemma + "pje"))  # fmt: skip


def _is_verb(stem: str) -> bool:
    """Whether the lemma file has the stem's third person (``ruimt``; ``achten`` for a stem
    in ``-t``): ``ziekte`` and ``hoogte`` are nouns, not past forms of ``ziek`` or ``hoog``."""
    return lemma_lookup(stem + ("ten" if stem.endswith("t") else "t")) == stem


_PAST_ENDINGS = ("de", "te", "den", "ten")
MIN_VERB_STEM = 2


def _infinitive(stem: str) -> str:
    """``stem`` + ``en`` by the spelling rules: ``sloop`` -> slopen, ``wit`` -> witten,
    ``doof`` -> doven (the inverse of :func:`verb_stem`)."""
    long = len(stem) >= 3 and stem[-2] == stem[-3] and stem[-2] in "aeou"
    last = stem[-1]
    if long and last not in _VOWELS:
        last = {"f": "v", "s": "z"}.get(last, last)
        return stem[:-2] + last + "en"
    if (len(stem) >= 3 and last not in _VOWELS + "wj" and stem[-2] in _VOWELS
            and stem[-3] not in _VOWELS and sum(c in _VOWELS for c in stem) == 1):  # fmt: skip
        return stem + last + "en"  # one short vowel: wit -> witten, but open -> openen
    return stem + "en"


def override_stemmer(algorithm: str, stem_word: Callable[[str], str]) -> Callable[[str], str]:
    """``stem_word`` with the override dictionary and rules in front."""

    def stem(word: str) -> str:
        lemma = lemma_of(word)
        if lemma in PROTECTED or _derived(lemma) or _s_lemma(lemma):
            return lemma
        if lemma != word or word.endswith("en"):  # the test spares most words a call
            verb = _verb_of_other_word(word, lemma)
            if verb is not None:
                return verb
        stemmed = stem_word(lemma)
        return lemma if _noun_over_stemmed(lemma, stemmed) else stemmed

    return stem
