"""Start-up time: cvxpy without the part of scipy it loads for nothing.

cvxpy imports `scipy.stats` when it is imported, for one function (`entropy`) of an atom this
engine never evaluates (quantum relative entropy). Loading scipy.stats takes about 0.5 s of the
1.5 s the headless command spends starting up before it reads a workbook (`python -X importtime`),
more than reading and building a 100-project case together. So cvxpy is imported here, once, with
a stand-in for scipy.stats that offers only a lazily loaded `entropy`; the stand-in is gone as
soon as cvxpy is in, and anything that imports scipy.stats afterwards gets the real module.

cvxpy also tries, when it is imported, every solver it knows, by importing each (OSQP, SCS,
Clarabel, SciPy's linprog, OR-Tools where installed), to list those installed. This engine uses
HiGHS only; the others are hidden while cvxpy is imported (a missing module to cvxpy, which then
leaves them out of its list), another 0.2 s of the 0.85 s cvxpy took. They are importable again
right after, for whoever needs them (the tests' reference solver uses scipy.optimize).
"""

from __future__ import annotations

import importlib
import sys
import types

DEFERRED = "scipy.stats"


def _entropy(*args, **kwargs):
    """scipy.stats.entropy, loaded on its first call."""
    return importlib.import_module(DEFERRED).entropy(*args, **kwargs)


HIDDEN_SOLVERS = ("osqp", "scs", "clarabel", "scipy.optimize", "ortools")
"""Solvers cvxpy would import to see whether they are installed; the engine solves with HiGHS only."""


def import_cvxpy() -> None:
    """Import cvxpy, standing in for scipy.stats and hiding the solvers the engine does not use meanwhile
    (nothing to do if cvxpy is loaded; nothing is hidden that is loaded already)."""
    if "cvxpy" in sys.modules:
        return
    placed: dict[str, object] = {}
    if DEFERRED not in sys.modules:
        stand_in = types.ModuleType(DEFERRED, "Stands in for scipy.stats while cvxpy is imported.")
        stand_in.__path__ = []  # a package, so `from scipy.stats import entropy` reads the attribute
        stand_in.entropy = _entropy
        placed[DEFERRED] = stand_in
    for name in HIDDEN_SOLVERS:
        if name not in sys.modules:
            placed[name] = None  # `import name` raises ModuleNotFoundError: cvxpy counts it not installed
    sys.modules.update(placed)
    try:
        import cvxpy  # noqa: F401
    finally:
        for name, module in placed.items():
            if name in sys.modules and sys.modules[name] is module:
                del sys.modules[name]
