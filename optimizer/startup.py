"""Start-up time: cvxpy without the part of scipy it loads for nothing.

cvxpy imports `scipy.stats` when it is imported, for one function (`entropy`) of an atom this
engine never evaluates (quantum relative entropy). Loading scipy.stats takes about 0.5 s of the
1.5 s the headless command spends starting up before it reads a workbook (`python -X importtime`),
more than reading and building a 100-project case together. So cvxpy is imported here, once, with
a stand-in for scipy.stats that offers only a lazily loaded `entropy`; the stand-in is gone as
soon as cvxpy is in, and anything that imports scipy.stats afterwards gets the real module.
"""

from __future__ import annotations

import importlib
import sys
import types

DEFERRED = "scipy.stats"


def _entropy(*args, **kwargs):
    """scipy.stats.entropy, loaded on its first call."""
    return importlib.import_module(DEFERRED).entropy(*args, **kwargs)


def import_cvxpy() -> None:
    """Import cvxpy, standing in for scipy.stats meanwhile (nothing to do if either is loaded)."""
    if DEFERRED in sys.modules or "cvxpy" in sys.modules:
        return
    stand_in = types.ModuleType(DEFERRED, "Stands in for scipy.stats while cvxpy is imported.")
    stand_in.__path__ = []  # a package, so `from scipy.stats import entropy` reads the attribute
    stand_in.entropy = _entropy
    sys.modules[DEFERRED] = stand_in
    try:
        import cvxpy  # noqa: F401
    finally:
        if sys.modules.get(DEFERRED) is stand_in:
            del sys.modules[DEFERRED]
