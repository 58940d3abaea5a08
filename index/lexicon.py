"""Dutch word lists behind the stemmer overrides and the compound splitter.

Two sources, both loaded lazily and cached per process:

* ``index/data/nl_lemmas.tsv.gz``: ``form<TAB>lemma`` for inflected forms, built by
  :func:`build_lemmas` from the OpenTaal Hunspell dictionary (Debian ``hunspell-nl``;
  BSD / CC BY 3.0, attribution in docs/analysis.md) by stripping its affix rules
  (``hunspell -s``). Which forms to look up is chosen by frequency (the ``wordfreq`` Dutch
  list); every lemma written is OpenTaal's.
* word frequencies from the ``wordfreq`` package (its Dutch ``large`` list): only when
  the data files are rebuilt (``index.compounds`` ships its parts as a data file).

Rebuild the lemma file (needs ``apt-get install hunspell hunspell-nl``)::

    python -m index.lexicon --out index/data/nl_lemmas.tsv.gz
"""

from __future__ import annotations

import argparse
import gzip
import re
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

LEMMA_FILE = Path(__file__).resolve().parent / "data" / "nl_lemmas.tsv.gz"
LOOKUP_WORDS = 400_000
_WORD = re.compile(r"[a-zà-ÿ]+(?:'s)?")
# Inflection endings a form may add to its lemma. Hunspell's stems of compounds
# (klimaatactivist -> klimaat) and particle verbs (aanbellen -> bellen) are not kept.
_ENDINGS = frozenset("""
en s 's e er ere ers st ste sten je jes tje tjes etje etjes pje pjes kje kjes t te ten de den
d n ën ës eren ene
""".split())


def is_inflection(form: str, lemma: str) -> bool:
    """Whether ``form`` is ``lemma`` plus an inflection ending (``huizen``/``huis``: yes).

    >>> is_inflection("huisjes", "huis"), is_inflection("klimaatactivist", "klimaat")
    (True, False)
    """
    common = 0
    while common < min(len(form), len(lemma)) and form[common] == lemma[common]:
        common += 1
    form_tail, lemma_tail = form[common:], lemma[common:]
    if len(lemma_tail) > 2 or common < 2:
        return False
    if form_tail in _ENDINGS:
        return True
    # A doubled consonant (zwakke), an s/f that voices (huizen, brieven) or a lost vowel.
    return len(form_tail) > 1 and form_tail[1:] in _ENDINGS


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


def build_lemmas(words: list[str], *, dictionary: str = "nl") -> dict[str, str]:
    """``form -> lemma`` from ``hunspell -s`` for each of ``words`` that it can reduce.

    Where Hunspell offers several lemmas (``bomen``: bom, boom) the most frequent wins.
    """
    result = subprocess.run(["hunspell", "-d", dictionary, "-s"], input="\n".join(words),
                            capture_output=True, text=True, check=True)  # fmt: skip
    frequency = {w: len(words) - i for i, w in enumerate(words)}
    candidates: dict[str, list[str]] = {}
    for line in result.stdout.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[1] != parts[0] and is_inflection(parts[0], parts[1].lower()):
            candidates.setdefault(parts[0], []).append(parts[1].lower())
    return {form: max(options, key=lambda w: (frequency.get(w, 0), -len(w)))
            for form, options in candidates.items()}  # fmt: skip


def write_table(path: Path, rows: dict[str, object]) -> None:
    """Write ``key<TAB>value`` lines, sorted, as gzip that is byte-identical across rebuilds."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "".join(f"{key}\t{value}\n" for key, value in sorted(rows.items()))
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as packed:
        packed.write(text.encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the lemma file from hunspell-nl.")
    parser.add_argument("--out", type=Path, default=LEMMA_FILE)
    parser.add_argument("--words", type=int, default=LOOKUP_WORDS)
    options = parser.parse_args(argv)
    from wordfreq import top_n_list

    words = [w for w in top_n_list("nl", options.words) if _WORD.fullmatch(w)]
    table = build_lemmas(words)
    write_table(options.out, table)
    print(f"{len(table):,} forms -> {options.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
