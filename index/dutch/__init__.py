"""Dutch words: tokens and spelling, stop words, stems, lemmas and compound parts.

Everything here works on plain strings and knows nothing of Whoosh or the index; the
analyser (:mod:`index.analysis`) puts it together. The word lists it reads ship in
``data/`` (how each is rebuilt: ``tools/``).
"""
