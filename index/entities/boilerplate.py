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

# Openings of a boilerplate stretch that runs to the end of its sentence (or line); the
# co-signers of an opinion piece are credits like its author (``Mede ondertekend door:
# Jan Smit, Anna de Vries en Piet Bos.``).
_TO_SENTENCE_END = re.compile(
    r"(?<![^\W_])(?:Lees ook|Lees meer|LEES OOK|Meer over|Bekijk ook|Download de|"
    r"(?:Mede )?[Oo]ndertekend door:|Ondertekenaars:|"
    r"Altijd weten wat er speelt\?|Volg ons op|Abonneer je|Categorie:|Tags:)"
    r"[^\n]*?(?:[.!?](?=[\s\"”']|$)|(?=\n)|$)"
)
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


_COOKIE = re.compile(r"[Cc]ookie")
_SENTENCE_END = re.compile(r"[.!?](?=[\s\"”']|$)|\n")
_MARKER = re.compile(
    "ookie|Lees|LEES|Meer over|Bekijk ook|Download|Altijd weten|Volg ons|Abonneer|nderteken|"
    "Categorie:|Tags:|©|Foto|Beeld|Illustratie"
)


def _sentence_around(text: str, position: int) -> tuple[int, int]:
    """Start and end of the sentence that holds ``position``."""
    start = position
    while start > 0 and text[start - 1] not in ".!?\n":
        start -= 1
    match = _SENTENCE_END.search(text, position)
    return start, match.end() if match else len(text)


def boilerplate_spans(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of each boilerplate stretch in ``text``, in no fixed order."""
    spans = list(_signatures(text))
    if "olumn" in text or "ommentaar" in text:
        spans += [m.span() for m in _COLUMN_BYLINE.finditer(text)]
    if _MARKER.search(text) is None:
        return spans
    if "©" in text:
        spans += [m.span() for m in _TO_LINE_END.finditer(text)]
    if "Foto" in text or "Beeld" in text or "Illustratie" in text:
        spans += [m.span() for m in _CREDIT.finditer(text)]
    spans += [m.span() for m in _TO_SENTENCE_END.finditer(text)]
    end = -1
    for match in _COOKIE.finditer(text) if "ookie" in text else ():
        if match.start() >= end:  # one sentence at a time
            start, end = _sentence_around(text, match.start())
            spans.append((start, end))
    return spans


def blank_boilerplate(text: str) -> str:
    """``text`` with its boilerplate stretches replaced by spaces (same length)."""
    spans = boilerplate_spans(text)
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)
