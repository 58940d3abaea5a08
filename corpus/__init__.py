"""Reading Dutch news articles from files: seed text, JSON Lines and CSV/TSV.

This package never imports Whoosh: it only turns files into :class:`Article` values
and reports problems through a callback, so it can be used on its own.

>>> from corpus import read_corpus, SAMPLE_CORPUS
>>> [a.month for a in read_corpus([SAMPLE_CORPUS])]
['2022-11', '2025-05']
"""

from corpus.article import Article, ReadProblem
from corpus.readers import SAMPLE_CORPUS, SUPPORTED_SUFFIXES, read_corpus, read_file

__all__ = [
    "Article",
    "ReadProblem",
    "SAMPLE_CORPUS",
    "SUPPORTED_SUFFIXES",
    "read_corpus",
    "read_file",
]
