"""Load Whoosh without two imports it makes for features this project never uses.

``whoosh.compat`` imports ``urllib.request`` for ``urlretrieve``, which nothing in Whoosh
calls; that pulls in ``http.client``, ``ssl``, ``email`` and ``socket``. ``whoosh.query``
imports ``whoosh.lang.morph_en`` (English word variations, for its ``Variations`` query).
Together they are about 50 ms of every ``search`` command's start-up, a tenth of the time
``search query WORD`` takes.

While Whoosh first loads, :func:`load_whoosh` puts stand-ins under those two names: each
holds the one function Whoosh takes from the module, which imports the real module when
it is first called. The stand-ins leave ``sys.modules`` as soon as Whoosh has loaded, so
any later ``import urllib.request`` (by an application embedding the engine, say) gets the
real module, and ``whoosh.compat.urlretrieve`` and ``Variations`` still work.
"""

from __future__ import annotations

import importlib
import sys
import types

# module -> the one name Whoosh imports from it
DEFERRED = {"urllib.request": "urlretrieve", "whoosh.lang.morph_en": "variations"}


def load_whoosh() -> None:
    """Import Whoosh's core modules, deferring the two it does not need (idempotent)."""
    if "whoosh.query" in sys.modules:
        return
    stand_ins = {}
    for module, name in DEFERRED.items():
        if module not in sys.modules:
            stand_ins[module] = sys.modules[module] = _stand_in(module, name)
    try:
        importlib.import_module("whoosh.query")  # imports whoosh.compat on the way
    finally:
        for module, stand_in in stand_ins.items():
            if sys.modules.get(module) is stand_in:
                del sys.modules[module]


def _stand_in(module: str, name: str) -> types.ModuleType:
    stand_in = types.ModuleType(module, f"Stand-in for {module} while Whoosh loads.")

    def deferred(*args, **kwargs):
        return getattr(importlib.import_module(module), name)(*args, **kwargs)

    deferred.__name__ = deferred.__qualname__ = name
    setattr(stand_in, name, deferred)
    return stand_in
