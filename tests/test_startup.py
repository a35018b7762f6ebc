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


def test_a_missing_xcb_library_is_said_in_one_line_with_the_packages_to_install(monkeypatch, capsys):
    import main
    from ui import display_libraries

    absent = {"libxcb-cursor.so.0", "libxkbcommon-x11.so.0"}
    monkeypatch.setattr(display_libraries, "_loads", lambda name: name not in absent)
    monkeypatch.setattr(display_libraries.sys, "platform", "linux")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    assert main.main([]) == 1  # before Qt is started: no window, no abort
    out, err = capsys.readouterr()
    assert out == "" and len(err.strip().splitlines()) == 1
    assert err.startswith("The window cannot open: install the packages libxcb-cursor0 libxkbcommon-x11-0 "
                          "(sudo apt-get install libxcb-cursor0 libxkbcommon-x11-0;")


def test_the_check_is_only_for_x11_on_linux():
    from ui.display_libraries import missing_message

    def nothing_loads(name: str) -> bool:
        return False

    assert missing_message(nothing_loads, "linux", {"QT_QPA_PLATFORM": "offscreen"}) is None
    assert missing_message(nothing_loads, "linux", {"QT_QPA_PLATFORM": "wayland"}) is None
    assert missing_message(nothing_loads, "win32", {}) is None
    assert missing_message(nothing_loads, "linux", {"QT_QPA_PLATFORM": "xcb"}).startswith("The window cannot open")
    assert missing_message(lambda name: True, "linux", {}) is None
