"""The shape of the code (../shared/STYLE.md), read from the source with `ast`, nothing imported:

- the engine's modules import each other without a cycle, imports inside functions counted;
- the engine imports no Qt and nothing of the app;
- a target's key is spelled only in the registry (optimizer/model/targets.py): everything else takes it from there.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from optimizer.model import targets
from tests.conftest import ROOT

ENGINE = ROOT / "optimizer"
APP = ROOT / "ui"
REGISTRY = ENGINE / "model" / "targets.py"


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def engine_modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(ENGINE.rglob("*.py"))}


def imported_names(path: Path, root: Path = ROOT) -> list[tuple[int, str]]:
    """(line, absolute dotted name) of everything the file imports, at any depth (inside functions, under
    `if TYPE_CHECKING`, in a try); for `from a.b import c`, both "a.b" and "a.b.c" (c may be a submodule)."""
    package = module_name(path, root)
    if path.name != "__init__.py":
        package = package.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - (node.level - 1)]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            found.append((node.lineno, source))
            found += [(node.lineno, f"{source}.{alias.name}") for alias in node.names if alias.name != "*"]
    return found


def import_graph() -> dict[str, set[str]]:
    """Engine module -> the engine modules importing it runs: each module it names, and the packages above
    those (their __init__ runs first)."""
    modules = engine_modules()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        edges = set()
        for _, imported in imported_names(path):
            parts = imported.split(".")
            edges |= {".".join(parts[:i]) for i in range(1, len(parts) + 1)} & modules.keys()
        graph[name] = edges - {name}
    return graph


def strongly_connected_components(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iteratively."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, successors = work[-1]
            successor = next(successors, None)
            if successor is not None:
                if successor not in index:
                    index[successor] = low[successor] = len(index)
                    stack.append(successor)
                    on_stack.add(successor)
                    work.append((successor, iter(sorted(graph[successor]))))
                elif successor in on_stack:
                    low[node] = min(low[node], index[successor])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(sorted(component))
    return components


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    return [c for c in strongly_connected_components(graph) if len(c) > 1 or c[0] in graph[c[0]]]


def test_the_cycle_finder_finds_a_cycle_through_a_function_level_import(tmp_path):
    """The finder itself, on graphs whose answer is plain: a -> b -> c -> a is one cycle, d -> a none."""
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set(), "c": {"a", "b"}}) == []
    # and the graph counts an import inside a function
    module = tmp_path / "optimizer" / "late.py"
    module.parent.mkdir()
    module.write_text("def f():\n    from optimizer.solve import session\n    import optimizer.planner as p\n"
                      "    from .words import text\n")
    names = {name for _, name in imported_names(module, tmp_path)}
    assert {"optimizer.solve.session", "optimizer.planner", "optimizer.words.text"} <= names


def test_the_engine_has_no_import_cycle():
    graph = import_graph()
    assert len(graph) > 40 and "optimizer.solve.session" in graph["optimizer.planner"]
    assert cycles(graph) == []


QT = re.compile(r"(PySide\d*|PyQt\d*|shiboken\d*|qtpy|pyqtgraph)(\.|$)")


def test_the_engine_imports_no_qt_and_nothing_of_the_app():
    found = [f"{path.relative_to(ROOT)}:{line} imports {name}"
             for path in engine_modules().values() for line, name in imported_names(path)
             if QT.match(name) or name == "ui" or name.startswith("ui.")]
    assert found == []


# --------------------------------------------------------------------------- a target's key, once

def limit_keys() -> dict[str, str]:
    """Every word the registry owns for a limit, with what it is: each limit's Settings key, its figure's key
    and its Chinese workbook alias, and those of the annual budgets (whose keys are made from a year)."""
    owned: dict[str, str] = {}
    for key in targets.LIMIT_KEYS:
        limit = targets.SETTINGS[key]
        owned[key] = "Settings key"
        owned[limit.figure] = f"figure of {key}"
        owned[limit.workbook_chinese] = f"Chinese alias of {key}"
    budget = targets.setting(targets.budget_key(2027))
    owned[budget.figure] = "figure of the annual budgets"
    return owned


ANNUAL_BUDGET = re.compile(r"(budget|年度预算)_\d{4}")
"""An annual budget's key or alias written out ("budget_2027")."""
ANNUAL_BUDGET_PREFIXES = ("budget_", "年度预算_")
"""An f-string that starts so and goes on with a value makes an annual budget's key (f"budget_{year}")."""

CONTRACT_FIELDS = {
    ("optimizer/report/result.py", "spend"): "spend_by_year's field in the command's JSON (cli.md: keys are never "
                                             "renamed), not the figure",
    ("optimizer/io/scenarios.py", "total_capex"): "a field of the saved scenarios' JSON, which older saves must "
                                                  "still read",
}
"""Field names of a file format that happen to be a target's word. A format does not follow the registry: renamed
there, these must stay as they are."""


def docstrings(tree: ast.AST) -> set[int]:
    """The ids of the string constants that stand alone as statements: docstrings of modules, classes, functions
    and attributes."""
    return {id(node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)}


def spelled_keys(path: Path, owned: dict[str, str]) -> list[tuple[int, str]]:
    """(line, key) for each string literal in `path` that is one of the registry's words.

    A literal counts when it is the key itself (`"min_roe"`, `"rd_intensity"`, `"budget_2027"`), or an f-string
    that builds an annual budget's key (`f"budget_{year}"`): code that says the key decides something about the
    target, which is the registry's to say. Docstrings do not count: they name keys in prose, as examples
    (`setting("min_rd_intensity").figure`), and decide nothing; and prose never consists of the key alone, so
    a sentence that mentions a key (help text, a message) does not count either.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    skip = docstrings(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            if node.value in owned or ANNUAL_BUDGET.fullmatch(node.value):
                found.append((node.lineno, node.value))
        elif isinstance(node, ast.JoinedStr):
            for first, then in zip(node.values, node.values[1:], strict=False):
                if isinstance(first, ast.Constant) and isinstance(then, ast.FormattedValue) and \
                        str(first.value).endswith(ANNUAL_BUDGET_PREFIXES):
                    found.append((node.lineno, f"{first.value}{{...}}"))
    return sorted(found)


def test_the_key_finder_finds_keys_and_budget_f_strings_but_not_prose(tmp_path):
    source = tmp_path / "example.py"
    source.write_text('"""Set `min_roe` in the Settings sheet."""\n'
                      'LIMIT = "min_roe"\n'
                      'HELP = "the Settings key, e.g. min_roe"\n'
                      'def budget(year):\n    return f"budget_{year}"\n'
                      'FIGURE = {"rd_intensity": 1}\n'
                      'ALIAS = "研发投入强度下限"\n'
                      'ONE = "budget_2027"\n')
    assert spelled_keys(source, limit_keys()) == [(2, "min_roe"), (5, "budget_{...}"), (6, "rd_intensity"),
                                                  (7, "研发投入强度下限"), (8, "budget_2027")]


def test_a_targets_key_is_spelled_only_in_the_registry():
    owned = limit_keys()
    assert {"min_rd_intensity", "rd_intensity", "max_debt_ratio", "debt_ratio", "total_budget"} <= owned.keys()
    found = []
    for path in sorted([*ENGINE.rglob("*.py"), *APP.rglob("*.py")]):
        if path == REGISTRY:
            continue
        name = str(path.relative_to(ROOT))
        found += [f"{name}:{line} spells {key!r} ({owned.get(key, 'an annual budget')})"
                  for line, key in spelled_keys(path, owned) if (name, key) not in CONTRACT_FIELDS]
    assert found == [], "\n".join(found)


@pytest.mark.parametrize("place", sorted(CONTRACT_FIELDS))
def test_each_format_field_allowed_to_spell_a_key_is_still_there(place):
    """An allowance no longer needed goes (otherwise it would hide a key spelled there later)."""
    name, key = place
    assert key in {k for _, k in spelled_keys(ROOT / name, limit_keys())}
