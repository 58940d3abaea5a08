"""Snippets: the best passages of an article with the matched words marked."""

from __future__ import annotations

import re

from whoosh import highlight

from search.results import Snippet

SNIPPET_CHARS = 220
SNIPPET_FRAGMENTS = 2
FRAGMENT_SEPARATOR = " … "
# The fragmenter reads at most this many characters of a body, so a 50 MB article costs
# no more than a short one.
HIGHLIGHT_CHAR_LIMIT = 100_000
_WHITESPACE = re.compile(r"\s+")


class _FragmentFormatter(highlight.Formatter):
    """Collects ``(text, highlighted)`` pieces instead of building a string."""

    def format_fragment(self, fragment, replace=False):
        pieces: list[tuple[str, bool]] = []
        index, text = fragment.startchar, fragment.text
        for token in fragment.matches:
            if token.startchar is None or token.startchar < index:
                continue
            if token.startchar > index:
                pieces.append((text[index : token.startchar], False))
            pieces.append((text[token.startchar : token.endchar], True))
            index = token.endchar
        pieces.append((text[index : fragment.endchar], False))
        return pieces

    def format(self, fragments, replace=False):
        pieces: list[tuple[str, bool]] = []
        for number, fragment in enumerate(fragments):
            if number:
                pieces.append((FRAGMENT_SEPARATOR, False))
            pieces.extend(self.format_fragment(fragment))
        return pieces


def make_snippet(text: str, terms: frozenset[str], analyzer) -> Snippet:
    """The passages of ``text`` richest in ``terms`` (analysed index terms), marked."""
    if terms and text:
        fragmenter = highlight.ContextFragmenter(
            maxchars=SNIPPET_CHARS, surround=60, charlimit=HIGHLIGHT_CHAR_LIMIT
        )
        tokens = analyzer(text, chars=True, mode="index", removestops=False)
        fragments = fragmenter.fragment_tokens(text, highlight.set_matched_filter(tokens, terms))
        pieces = _FragmentFormatter().format(_best_fragments(fragments))
        if pieces and any(hit for _, hit in pieces):
            return Snippet(tuple(_squeeze(pieces)))
    return Snippet(((_opening(text), False),)) if text else Snippet()


def _best_fragments(fragments) -> list:
    """The highest-scoring fragments, earliest first on ties, in text order.

    (Whoosh's own ``top_fragments`` breaks ties by object address, so the same query
    could show different snippets from one run to the next.)
    """
    score = highlight.BasicFragmentScorer()
    ranked = sorted(fragments, key=lambda f: (-score(f), f.startchar))
    best = [f for f in ranked[:SNIPPET_FRAGMENTS] if score(f) >= 1]
    return sorted(best, key=lambda f: f.startchar)


def _squeeze(pieces: list[tuple[str, bool]]):
    """Collapse runs of white space (line breaks in the body) to one space."""
    for text, hit in pieces:
        yield _WHITESPACE.sub(" ", text), hit


def _opening(text: str) -> str:
    opening = " ".join(text[: SNIPPET_CHARS * 2].split())
    if len(opening) <= SNIPPET_CHARS:
        return opening
    return opening[:SNIPPET_CHARS].rsplit(" ", 1)[0] + " …"
