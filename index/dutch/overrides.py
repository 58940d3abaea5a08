"""Stemmer overrides: irregular forms, OpenTaal lemmas and a participle rule before Snowball.

Snowball's Dutch stemmers work on suffixes alone, so they miss irregular forms
(``liep``/``lopen``, ``steden``/``stad``) and ``dutch`` over-stems (``ministers`` ->
``mini``). Here a word is first mapped to a lemma, then stemmed:

1. :data:`IRREGULAR`: strong and irregular verbs and plurals, written by hand;
2. the OpenTaal lemma file (:func:`index.dutch.lexicon.lemmas`: ``huisjes`` -> huis);
3. a ``ge-...-d/-t`` participle rule when what is left is a known verb stem;
4. :data:`PROTECTED`: lemmas Snowball must leave whole (``minister``, ``gemeente``), and
   lemmas with a derivational ending (:data:`DERIVATIONS`: ``overheid``, ``verspreiding``).

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
""".split())


# Derivational endings Snowball strips (overheid -> over, verspreiding -> verspreid,
# aansprakelijk -> aansprak): a lemma with one is a word of its own and stays whole.
DERIVATIONS = ("heid", "ing", "lijk", "ig", "baar")
MIN_DERIVATION_BASE = 3


def _derived(lemma: str) -> bool:
    return any(lemma.endswith(end) and len(lemma) - len(end) >= MIN_DERIVATION_BASE
               for end in DERIVATIONS)  # fmt: skip


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
    its own (``buurt``: buurten -> buurt, so not a form of ``buren``/``buur``)."""
    return (word.endswith(_VERB_FORM_ENDINGS) and len(word) > len(lemma)
            and lemma_lookup(word + "en") == word)  # fmt: skip


def _adjective_d(word: str, lemma: str) -> str:
    """``luide`` is ``luid`` + e, not ``lui`` + de: where the lemma file strips ``-de`` and
    the word less its ``-e`` is a word with that inflection, that word is the lemma."""
    if word == lemma + "de" and lemma_lookup(word[:-1] + "er") == word[:-1]:
        return word[:-1]
    return lemma


def _noun_over_stemmed(lemma: str, stemmed: str) -> bool:
    """Whether Snowball cut a noun in ``-en`` down to another word: the lemma has an ``-s``
    plural (``jongen``/``jongens``: a noun, not an infinitive) and its stem is a lemma with
    inflections of its own (``jong``/``jonge``). ``leven`` (levens) stems to ``lev``, no
    word, and is left to Snowball."""
    if not lemma.endswith("en") or stemmed == lemma or lemma_lookup(lemma + "s") != lemma:
        return False
    return any(lemma_lookup(stemmed + end) == stemmed for end in ("e", "en", "s"))


def override_stemmer(algorithm: str, stem_word: Callable[[str], str]) -> Callable[[str], str]:
    """``stem_word`` with the override dictionary and rules in front."""

    def stem(word: str) -> str:
        lemma = lemma_of(word)
        if lemma in PROTECTED or _derived(lemma):
            return lemma
        stemmed = stem_word(lemma)
        return lemma if _noun_over_stemmed(lemma, stemmed) else stemmed

    return stem
