"""Start-up: the engine comes in without scipy.stats (optimizer/startup.py), and scipy.stats still works
for whoever imports it afterwards."""

from __future__ import annotations

import math
import subprocess
import sys

from tests.conftest import ROOT


def test_the_engine_starts_without_scipy_stats_and_scipy_stats_still_works():
    code = (
        "import sys\n"
        "import optimizer.cli, optimizer.solve.session, optimizer.report.result\n"
        "print('scipy.stats' in sys.modules)\n"
        "from cvxpy.atoms.quantum_rel_entr import entropy\n"
        "print(entropy([0.5, 0.5]))\n"  # cvxpy's use of scipy.stats.entropy: ln 2
        "import scipy.stats\n"
        "print(scipy.stats.norm.cdf(0.0), type(scipy.stats.norm).__name__)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    loaded_at_start, entropy, rest = out.stdout.split("\n")[-4:-1]
    assert loaded_at_start == "False"
    assert math.isclose(float(entropy), math.log(2))
    assert rest == "0.5 norm_gen"


def test_the_engine_starts_without_the_solvers_it_does_not_use_and_they_still_work():
    code = (
        "import sys\n"
        "import optimizer.cli, optimizer.solve.session\n"
        "print(sorted(n for n in ('osqp', 'scs', 'clarabel', 'scipy.optimize') if n in sys.modules))\n"
        "import cvxpy as cp\n"
        "x = cp.Variable(2, boolean=True)\n"
        "problem = cp.Problem(cp.Maximize(3 * x[0] + 2 * x[1]), [x[0] + x[1] <= 1])\n"
        "problem.solve(solver=cp.HIGHS)\n"
        "print(round(problem.value, 9))\n"
        "from scipy.optimize import linprog\n"  # importable again: min -x s.t. x <= 2
        "print(round(linprog([-1.0], bounds=[(0, 2)]).x[0], 9))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    hidden, value, lp = out.stdout.split("\n")[-4:-1]
    assert hidden == "[]"
    assert float(value) == 3.0  # the better of two exclusive choices, by hand
    assert float(lp) == 2.0
