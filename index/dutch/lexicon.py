"""Dutch word lists behind the stemmer overrides and the compound splitter.

Two sources, both loaded lazily and cached per process:

* ``index/dutch/data/nl_lemmas.tsv.gz``: ``form<TAB>lemma`` for inflected forms, built by
  ``tools/build_word_tables.py`` from the OpenTaal Hunspell dictionary (Debian ``hunspell-nl``;
  BSD / CC BY 3.0, attribution in docs/analysis.md) by stripping its affix rules
  (``hunspell -s``). Which forms to look up is chosen by frequency (the ``wordfreq`` Dutch
  list); every lemma written is OpenTaal's.
* word frequencies from the ``wordfreq`` package (its Dutch ``large`` list): only when
  the data files are rebuilt (the compound splitter ships its parts as a data file).

Rebuild the lemma file (needs ``apt-get install hunspell hunspell-nl`` and the ``data``
extra)::

    python tools/build_word_tables.py lemmas
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from pathlib import Path

LEMMA_FILE = Path(__file__).resolve().parent / "data" / "nl_lemmas.tsv.gz"


@lru_cache(maxsize=1)
def lemmas() -> dict[str, str]:
    """``form -> lemma`` for the inflected forms in the shipped lemma file."""
    return dict(read_pairs(LEMMA_FILE))


class _LemmaLookup:
    """Looks forms up in the sorted lemma text until enough lookups pay for the whole dict.

    A one-shot ``search query`` looks up a thousand words or so: a binary search over the
    sorted lines costs ~20 ms for those, where building the dictionary costs ~60 ms.
    Indexing looks up tens of thousands and switches to :func:`lemmas` early.
    """

    DICT_AFTER = 3_000

    def __init__(self) -> None:
        self._text: str | None = None
        self._lookups = 0
        self._table: dict[str, str] | None = None

    def get(self, word: str) -> str | None:
        if self._table is not None:
            return self._table.get(word)
        self._lookups += 1
        if self._lookups > self.DICT_AFTER:
            self._table = lemmas()
            return self._table.get(word)
        if self._text is None:
            text = gzip.decompress(LEMMA_FILE.read_bytes()).decode("utf-8")
            text = text.replace("\r\n", "\n").replace("\r", "\n")
            self._text = text if text.endswith("\n") else text + "\n"
        return sorted_lookup(self._text, word)


def sorted_lookup(text: str, word: str) -> str | None:
    """The value of ``word`` in ``key<TAB>value`` lines sorted by key (each ending in a newline).

    >>> sorted_lookup("bomen\tboom\nhuizen\thuis\n", "huizen")
    'huis'
    """
    low, high = 0, len(text)
    while low < high:
        middle = (low + high) // 2
        start = text.rfind("\n", 0, middle) + 1
        end = text.find("\n", start)
        tab = text.find("\t", start, end)
        key = text[start:tab] if tab >= 0 else text[start:end]
        if key == word:
            return text[tab + 1 : end] if tab >= 0 else ""
        if key < word:
            low = end + 1
        else:
            high = start
    return None


lemma_lookup = _LemmaLookup().get


def read_pairs(path: Path) -> list[tuple[str, str]]:
    """The ``(key, value)`` lines of a gzipped two-column TSV file, in file order.

    Splits the whole text at once (about twice as fast as reading line by line, which
    ``search query`` start-up notices); same result, universal newlines included.
    """
    text = gzip.decompress(path.read_bytes()).decode("utf-8")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.count("\n") + (0 if text.endswith("\n") else 1) if text else 0
    fields = text.removesuffix("\n").replace("\t", "\n").split("\n") if text else []
    if len(fields) != 2 * lines or text.count("\t") != lines:
        return [tuple(line.split("\t")) for line in text.removesuffix("\n").split("\n")]
    return list(zip(fields[::2], fields[1::2], strict=True))
