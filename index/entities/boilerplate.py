"""Web and print boilerplate that names no one the article is about, blanked before the rules.

Cookie walls, "Lees ook" and "Meer over" links, app promotions, copyright footers, tag
lists, photo credits (``Foto Jan Smit / de Volkskrant``) and a columnist's name in a title
(``Boycot. Nynke de Jong Column``) hold capitalised words that
look like names. :func:`blank_boilerplate` replaces each such stretch with spaces, so
character offsets stay those of the original text.

>>> blank_boilerplate("Rutte sprak. Lees ook: Kaag reageert. Het bleef stil.")
'Rutte sprak.                          Het bleef stil.'
"""

from __future__ import annotations

import re

from index.entities import lexicon

# Openings of a boilerplate stretch that runs to the end of its sentence (or line); the
# co-signers of an opinion piece are credits like its author (``Mede ondertekend door:
# Jan Smit, Anna de Vries en Piet Bos.``).
_TO_SENTENCE_END = re.compile(
    r"(?<![^\W_])(?:Lees ook|Lees meer|LEES OOK|Meer over|Bekijk ook|Download de|"
    r"(?:Mede )?[Oo]ndertekend door:|Ondertekenaars:|Geschreven door |Tekst en beeld:|"
    r"Altijd weten wat er speelt\?|Volg ons op|Abonneer je|Categorie:|Tags:)"
    r"[^\n]*?(?:[.!?](?=[\s\"”']|$)|(?=\n)|$)"
)
# A web page's panel of other news after the article (``Volg hier het belangrijkste
# coronanieuws van vandaag. Vannacht ...``) runs to the end of its line: teasers of other
# stories, no part of the article.
_NEWS_PANEL = re.compile(r"(?<![^\W_])Volg hier (?:al )?(?:het|de) (?:belangrijkste|laatste)[^\n]*")
# A copyright footer runs to the end of its line. A ``©`` right after a letter is no
# footer but mis-decoded UTF-8 (``Ã©`` for ``é``), common in scraped text.
_TO_LINE_END = re.compile(r"(?<![^\W\d_])©[^\n]*")
# ``Foto Jan Smit / de Volkskrant``, ``Beeld: ANP``: a credit and the outlet after it.
_CREDIT = re.compile(
    r"(?<![^\W_])(?:Foto|Foto's|Beeld|Fotografie|Illustratie)(?::[ \t]*|[ \t]+)"
    r"(?:[^\W\d_][\w.'’-]*[ \t]+){0,4}?[^\W\d_][\w.'’-]*[ \t]*/[ \t]*"
    r"(?:(?:de|het|the)[ \t]+)?[^\W\d_][\w.-]*"
)
_U = "A-ZÀ-ÖØ-Þ"
# A photo agency's credit left in the text where the picture was: ``SOPA Images/LightRocket
# via Getty Images``, ``Jan Smit/ANP`` before a capital or the line's end, ``Getty Images``
# (a spaced ``DPA / Reuters`` line is a wire's byline, which some corpora count as a name).
_CREDIT_NAME = rf"[{_U}][\w'’-]*(?:[ \t]+[{_U}][\w'’-]*){{0,2}}"
_AGENCY_CREDIT = re.compile(
    rf"(?<![^\W_])(?:(?:{_CREDIT_NAME}(?:/{_CREDIT_NAME})?[ \t]+via[ \t]+)?Getty Images"
    rf"|{_CREDIT_NAME}/(?:ANP|AFP|EPA|Reuters|Belga|Hollandse Hoogte)"
    rf"(?=[ \t]*$|[ \t]+[{_U}]))(?![^\W_])",
    re.MULTILINE,
)
# A columnist's name beside the label of a title's last part: ``Boycot. Nynke de Jong
# Column``, ``Freek. Column Nynke de Jong``, ``Titanic. Bert Wagendorp column``.
_COLUMN_BYLINE = re.compile(
    r"(?<=[.|] )(?:[^\n.|]{1,40}? (?:\| )?(?:[Cc]olumn|[Cc]ommentaar)"
    rf"|(?:Column|Commentaar) (?=[{_U}])[^\n.|]{{1,40}})(?=\n)"
)
# A readers' letter signature: a sentence of only a name and a town (``Jan de Vries,
# Hoevelaken.``).
_SIGNATURE_TOWN = re.compile(rf", [{_U}][\w'’-]+(?:[ -][{_U}][\w'’-]+)?(?:\.(?=\s|$)|\s*$)")
_SIGNATURE_NAME = re.compile(
    rf"[{_U}][\w'’-]+(?:[ \t]+(?:van|de|der|den|ter|ten|op|'t|in|het|[{_U}][\w'’.-]*)){{1,4}}"
)
_SIGNATURE_REACH = 60


def _signatures(text: str):
    """Spans of sentences that hold only a name and a town: ``Jan de Vries, Hoevelaken.``"""
    for match in _SIGNATURE_TOWN.finditer(text):
        comma = match.start()
        reach = max(0, comma - _SIGNATURE_REACH)
        start = max(text.rfind(end, reach, comma) for end in ".!?\n")
        if start < 0 and reach > 0:
            continue  # no sentence end within reach: a name that long is no signature
        start += 1
        while start < comma and text[start] in " \t\"”'":
            start += 1
        if _SIGNATURE_NAME.fullmatch(text, start, comma):
            yield start, match.end()


# A letters page printed as one paragraph: each letter ends in its writer's name and town
# and the next letter's headline follows straight on (``... voorkomen. Jan de Vries Leusden
# Askruisje op het voorhoofd ...``, ``... Anna Bos, Mierlo Geen verslag ...``).
_AFTER_SENTENCE = re.compile(r"[.!?][\"”’']?[ \t]+(?=[" + _U + r"])")
_LETTER_WORD = re.compile(r"[^\s,]+")
_TOWN_JOINERS = frozenset({"en", "op", "aan", "den", "de", "bij", "in"})
_NAME_JOINERS = frozenset({"van", "de", "der", "den", "ter", "ten", "op", "'t", "in", "het"})
# A signature may open with initials instead of a first name (``H. Bakker``, ``J.P. de Vries``).
_INITIALS = re.compile(rf"(?:[{_U}]\.){{1,4}}")


def _signature_at(text: str, start: int, first_names, towns) -> tuple[int, object] | None:
    """End of a ``First [particles] Surname[,] Town`` signature starting at ``start`` and
    whether a comma parts name and town (``"sentence"`` when a full stop ends the town), if
    a capitalised word or the text's end follows."""
    first = _LETTER_WORD.match(text, start, start + 40)
    if first is None or (
        first.group() not in first_names and not _INITIALS.fullmatch(first.group())
    ):
        return None  # the common case, settled before the words are listed
    reach = _LETTER_WORD.finditer(text, start, start + 90)
    words = [(m.group(), m.start(), m.end()) for m in reach]
    if len(words) < 3:
        return None
    for cut in range(2, min(len(words), 6)):
        name = words[:cut]
        if any(not w[:1].isupper() and w not in _NAME_JOINERS for w, _, _ in name):
            return None
        if not name[-1][0][:1].isupper():
            continue
        comma = text.startswith(",", name[-1][2])
        for size in (1, 2, 3):
            town = words[cut : cut + size]
            if len(town) < size or not town[-1][0][:1].isupper():
                continue
            if size > 1 and any(w not in _TOWN_JOINERS for w, _, _ in town[1:-1]):
                continue
            end = town[-1][2]
            place = text[town[0][1] : end]
            if place not in towns:
                if not (place.endswith(".") and comma and place[:-1] in towns):
                    continue
                end -= 1  # ``L. Smitskamp, Gouda.``: the full stop ends the sentence
            rest = text[end : end + 3].lstrip(" \t")
            if (
                not rest
                or rest[:1].isupper()
                or (rest[:1] == "." and comma)
                or (rest[:1] == "\n" and not text[end:].strip())
            ):
                return end, comma and (place in towns or "sentence")
    return None


# On a page of letters, the capitalised run after a letter's last sentence: the writer's
# name and town, then the next letter's headline (``... Rim de Kroon Andijk Mystiek 'Een``).
_CAPITAL_RUN = re.compile(
    rf"(?:(?:[{_U}][\w'’-]*|(?:[{_U}]\.)+)[ \t]+"
    rf"(?:(?:van|de|der|den|ter|ten|'t|in|het|op)[ \t]+)*){{2,7}}"
)


def _page_signature(text: str, start: int) -> int | None:
    """End of a signature at ``start`` on a page known to hold letters: a capitalised run
    of at least three words (name and town), of which the last word is the next letter's
    headline unless the text ends there. Writers and towns need no list entry."""
    run = _CAPITAL_RUN.match(text + " ", start)
    if run is None:
        return None
    words = [m for m in _LETTER_WORD.finditer(text, start, run.end()) if m.group()[:1].isupper()]
    rest = text[run.end() :].strip()
    if not rest:
        keep = words  # the last letter: name and town end the text
    elif rest[:1].islower() or rest[:1] in "'‘\"“,":
        keep = words[:-1]  # the capital before a lowercase word opens the next headline
    else:
        return None
    if len(keep) < 3:
        return None
    return keep[-1].end()


# A signature with the writer's contact instead of (or after) a town, on a page of readers'
# requests: ``Jan Smit, Zwolle, 038 123 4567``, ``Anna Bos, annab12`` (an e-mail address
# cut at its ``@``), before the next request or the text's end.
_CONTACT_SIGNATURE = re.compile(
    rf"{_SIGNATURE_NAME.pattern}, (?:[{_U}][\w'’-]+(?:[ -][{_U}][\w'’-]+)?, )?"
    r"(?:(?P<phone>0\d{1,3}(?:[ -]?\d{2,4}){2,4})|(?P<handle>[a-z][a-z0-9._-]{2,}))"
    rf"(?=[ \t]+[{_U}]|\s*$)"
)


def _contact_signatures(text: str, words) -> list[tuple[int, int]]:
    """Spans of signatures that end in a phone number or a handle, after a sentence's end;
    a handle must be no Dutch word (``words``, the function words), or the comma would part
    a name from its role or clause (``Jan Smit, directeur Ajax``, ``Ajax, die Feyenoord``)."""
    found = []
    for match in _AFTER_SENTENCE.finditer(text):
        signature = _CONTACT_SIGNATURE.match(text, match.end())
        handle = signature and signature["handle"]
        if signature and (
            not handle or (handle not in words and handle not in lexicon.SENTENCE_WORDS)
        ):
            found.append(signature.span())
    return found


def _letters_page(text: str, first_names, towns) -> list[tuple[int, int]]:
    """Writers' signatures of a page of readers' letters (two or more in one text, or one
    with a comma before a capitalised word): the name and the town are credits. On a page
    with two or more, a signature at another letter's end is one too when only its shape
    says so (``Rim de Kroon Haringhuizen``: names and towns outside the lists)."""
    found = []
    for match in _AFTER_SENTENCE.finditer(text):
        signature = _signature_at(text, match.end(), first_names, towns)
        if signature:
            found.append((match.end(), *signature))
    # a ``Name, Town.`` sentence is a signature by itself, no sign of a page of letters,
    # and so is ``Name Town`` closing the text: a single letter's writer
    if sum(f[2] != "sentence" for f in found) < 2:
        found = [f for f in found if f[2] or not text[f[1] :].strip()]
    else:
        known = {start for start, _, _ in found}
        for match in _AFTER_SENTENCE.finditer(text):
            if match.end() not in known:
                end = _page_signature(text, match.end())
                if end:
                    found.append((match.end(), end, False))
    return [(start, end) for start, end, _ in found]


_AGENCY_MARK = re.compile("Getty|/(?:ANP|AFP|EPA|Reuters|Belga|Hollandse)")
_COOKIE = re.compile(r"[Cc]ookie")
_SENTENCE_END = re.compile(r"[.!?](?=[\s\"”']|$)|\n")
_MARKER = re.compile(
    "ookie|Lees|LEES|Meer over|Bekijk ook|Download|Altijd weten|Volg ons|Abonneer|nderteken|"
    "Categorie:|Tags:|©|Foto|Beeld|Illustratie|Geschreven door|Tekst en beeld|Getty|Volg hier|"
    "/(?:ANP|AFP|EPA|Reuters|Belga|Hollandse)"
)


def _sentence_around(text: str, position: int) -> tuple[int, int]:
    """Start and end of the sentence that holds ``position``."""
    start = position
    while start > 0 and text[start - 1] not in ".!?\n":
        start -= 1
    match = _SENTENCE_END.search(text, position)
    return start, match.end() if match else len(text)


def boilerplate_spans(text: str, *, first_names=frozenset(), towns=frozenset(), words=frozenset()):
    """The ``(start, end)`` of each boilerplate stretch in ``text``, in no fixed order.

    With ``first_names`` and ``towns`` (sets of names), the signatures of a letters page
    printed as one paragraph are found too; with ``words`` (Dutch word forms), signatures
    that end in a contact (``Anna Bos, annab12``).
    """
    spans = list(_signatures(text))
    if first_names and towns:
        spans += _letters_page(text, first_names, towns)
    if words and ", " in text:
        spans += _contact_signatures(text, words)
    if "olumn" in text or "ommentaar" in text:
        spans += [m.span() for m in _COLUMN_BYLINE.finditer(text)]
    if _MARKER.search(text) is None:
        return spans
    if "©" in text:
        spans += [m.span() for m in _TO_LINE_END.finditer(text)]
    if "Volg hier" in text:
        spans += [m.span() for m in _NEWS_PANEL.finditer(text)]
    if "Foto" in text or "Beeld" in text or "Illustratie" in text:
        spans += [m.span() for m in _CREDIT.finditer(text)]
    spans += [m.span() for m in _TO_SENTENCE_END.finditer(text)]
    if _AGENCY_MARK.search(text):
        spans += [m.span() for m in _AGENCY_CREDIT.finditer(text)]
    end = -1
    for match in _COOKIE.finditer(text) if "ookie" in text else ():
        if match.start() >= end:  # one sentence at a time
            start, end = _sentence_around(text, match.start())
            spans.append((start, end))
    return spans


def blank_boilerplate(
    text: str, *, first_names=frozenset(), towns=frozenset(), words=frozenset()
) -> str:
    """``text`` with its boilerplate stretches replaced by spaces (same length)."""
    spans = boilerplate_spans(text, first_names=first_names, towns=towns, words=words)
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)
