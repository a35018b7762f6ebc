"""Scenarios: the demo solved at two total budgets, compared, exported to one workbook, saved and loaded."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime

import pytest
from openpyxl import load_workbook

from optimizer.errors import ExportError, ScenarioError
from optimizer.io.scenarios import (
    CHANGED_FILL,
    COMPARISON,
    Outcome,
    Scenario,
    compare,
    export_scenarios,
    load_scenarios,
    save_scenarios,
    scenario_from_dict,
    scenario_to_dict,
    sheet_names,
)
from optimizer.io.workbook import read_case
from optimizer.paths import DEMO_CASE
from optimizer.planner import Planner
from optimizer.solve.session import Session

WIDE, TIGHT = "Budget 780", "=Budget 700"  # the second name looks like a formula: it must stay text


@pytest.fixture(scope="module")
def demo():
    return read_case(DEMO_CASE)


@pytest.fixture(scope="module")
def two(demo):
    """The demo at total budget 780 and 700, solved in one session."""
    session = Session()
    wide, tight = demo.with_limits(total_budget=780), demo.with_limits(total_budget=700)
    return [Scenario(WIDE, wide, Planner(session).solve(wide), datetime(2026, 3, 1, 9, 30)),
            Scenario(TIGHT, tight, Planner(session).solve(tight), datetime(2026, 3, 1, 9, 45))]


def _funded_differently(a, b) -> set[str]:
    """From the two portfolios directly: chosen in one only, or another start year or share."""
    ids = set(a) | set(b)
    return {pid for pid in ids if pid not in a or pid not in b or a[pid].start_year != b[pid].start_year
            or abs(a[pid].share - b[pid].share) > 1e-6}


def test_compare_lists_exactly_the_projects_funded_differently(two):
    wide, tight = (s.result.solution.portfolio for s in two)
    expected = _funded_differently(wide, tight)
    assert expected, "a budget cut of 80 should change the portfolio"
    comparison = compare(two)
    assert {row.project_id for row in comparison.projects} == expected
    for project_id, name, funding in comparison.projects:
        assert funding == [wide.get(project_id), tight.get(project_id)]
        assert name == two[0].case.project(project_id).name


def test_compare_puts_each_result_kpis_and_objective_side_by_side(two):
    comparison = compare(two)
    results = [s.result for s in two]
    assert comparison.names == [WIDE, TIGHT]
    assert comparison.objective_values == [r.solution.objective_value for r in results]
    assert comparison.statuses == ["optimal", "optimal"]
    assert comparison.gaps == [r.solution.gap for r in results]
    assert set(comparison.kpis) == set(results[0].kpis)
    for key, row in comparison.kpis.items():
        assert row.after == [r.kpis[key].after for r in results]
        assert row.target == [r.kpis[key].target for r in results]
        assert row.met == [r.kpis[key].met for r in results]
    capex = comparison.kpis["total_capex"]
    assert capex.target == [780, 700]
    assert capex.after[1] <= 700 + 1e-6
    assert capex.after == pytest.approx([sum(x.capex for x in r.selected) for r in results])


def _rows(ws) -> list[tuple]:
    return list(ws.iter_rows(values_only=True))


def _row(rows: list[tuple], label: str) -> tuple:
    return next(row for row in rows if row[0] == label)


def test_exported_comparison_sheet_reads_back_with_the_results_numbers(two, tmp_path):
    path = tmp_path / "scenarios.xlsx"
    export_scenarios(two, path)
    wb = load_workbook(path)
    assert wb.sheetnames == [COMPARISON, WIDE, TIGHT]
    ws = wb[COMPARISON]
    rows = _rows(ws)
    results = [s.result for s in two]
    assert rows[0][3] == WIDE and rows[0][6] == TIGHT
    assert ws.cell(row=1, column=7).data_type == "s"
    value = _row(rows, "Objective value")
    assert value[1] == "CNY 100m"
    assert [value[3], value[6]] == pytest.approx([r.solution.objective_value for r in results])
    for key in ("roe", "total_capex", "strategic_share"):
        kpis = [r.kpis[key] for r in results]
        row = _row(rows, kpis[0].label)
        assert row[1] == kpis[0].unit
        assert [row[3], row[6]] == pytest.approx([k.after for k in kpis])
        assert [row[4], row[7]] == pytest.approx([k.target for k in kpis])
        assert [row[5], row[8]] == ["✓" if k.met else "✗" for k in kpis]
    assert ws.cell(row=rows.index(_row(rows, "ROE")) + 1, column=4).number_format == "0.00%"
    productivity = [r.kpis["labour_productivity"] for r in results]  # 亿元 a person, shown in 万元: × 10,000
    row = _row(rows, productivity[0].label)
    assert row[1] == "CNY 10k per person"
    assert [row[3], row[6]] == pytest.approx([10_000 * k.after for k in productivity])
    first = rows.index(_row(rows, "ID")) + 1
    listed = {row[0]: row for row in rows[first:] if row[0]}
    wide, tight = (r.solution.portfolio for r in results)
    assert set(listed) == _funded_differently(wide, tight)
    for project_id, row in listed.items():
        assert row[5] == ("✓" if project_id in wide else "✗")
        assert row[8] == ("✓" if project_id in tight else "✗")
        if project_id in tight:
            assert row[6] == pytest.approx(tight[project_id].share)
            assert row[7] == tight[project_id].start_year
    assert ws.freeze_panes == "D2"


def test_each_scenario_sheet_has_its_projects_and_highlights_changed_limits(two, tmp_path):
    path = tmp_path / "scenarios.xlsx"
    export_scenarios(two, path)
    wb = load_workbook(path)
    ws = wb[TIGHT]
    rows = _rows(ws)
    result = two[1].result
    projects = [row[:5] for row in rows[1:] if row[0] and row[0] != "Total"]
    assert {row[0] for row in projects} == set(result.solution.portfolio)
    for project_id, name, share, start, capex in projects:
        chosen = next(x for x in result.selected if x.id == project_id)
        assert (name, start) == (chosen.name, chosen.start_year)
        assert share == pytest.approx(chosen.share)
        assert capex == pytest.approx(chosen.capex)
    assert _row(rows, "Total")[4] == pytest.approx(sum(x.capex for x in result.selected))
    settings = {row[9]: (r, row) for r, row in enumerate(rows, start=1) if row[9]}
    r, budget = settings["total_budget"]
    assert budget[7] == 700 and budget[10] == 780
    highlighted = {key for key, (r, _) in settings.items() if ws.cell(row=r, column=8).fill == CHANGED_FILL}
    assert highlighted == {"total_budget"}
    first_sheet = wb[WIDE]
    assert not any(cell.fill == CHANGED_FILL for row in first_sheet.iter_rows() for cell in row)


@pytest.mark.parametrize("name, message", [
    ("scenarios.csv", ".xlsx"), ("missing/scenarios.xlsx", "does not exist"), ("folder.xlsx", "folder")])
def test_export_to_a_bad_path_is_a_plain_export_error(two, tmp_path, name, message):
    (tmp_path / "folder.xlsx").mkdir()
    with pytest.raises(ExportError, match=message):
        export_scenarios(two, tmp_path / name)


def test_export_without_scenarios_is_an_export_error(tmp_path):
    with pytest.raises(ExportError):
        export_scenarios([], tmp_path / "none.xlsx")


def test_sheet_names_are_valid_short_and_unique():
    long = "年度预算方案：总预算压缩到七百亿元并取消净资产收益率下限的情形"
    names = sheet_names(["a/b [c]*?", "Comparison", "A/B  C", long, long, "'quoted'", "", "history", "🙂" * 20])
    assert names[0] == "a b c"
    assert names[1] == "Comparison (2)"
    assert names[2] == "A B C (2)"
    assert len(names[3]) == 31 and names[4].endswith(" (2)") and len(names[4]) == 31
    assert names[5] == "quoted"
    assert names[6] == "Scenario 7"
    assert names[7] == "history (2)"
    assert len(names[8].encode("utf-16-le")) // 2 <= 31
    assert len({n.casefold() for n in names}) == len(names)


def _forcing(scenario: Scenario) -> Scenario:
    """The tight scenario with one project forced in and one forced out, against the workbook's flags."""
    case = scenario.case
    forced_in = next(p.id for p in case.projects if not p.mandatory and not p.excluded)
    forced_out = next(p.id for p in case.projects if p.mandatory)
    projects = tuple(replace(p, mandatory=(p.mandatory or p.id == forced_in) and p.id != forced_out,
                             excluded=p.excluded or p.id == forced_out) for p in case.projects)
    settings = replace(case.settings, objective="score", weights={"weight_return": 0.7, "weight_risk": 0.3})
    return replace(scenario, case=replace(case, projects=projects, settings=settings))


def test_a_scenario_round_trips_through_json(two, demo):
    original = _forcing(two[1])
    loaded = scenario_from_dict(json.loads(json.dumps(scenario_to_dict(original))), demo)
    assert loaded.result is None
    assert (loaded.name, loaded.created) == (original.name, original.created)
    settings, expected = loaded.case.settings, original.case.settings
    assert (settings.limits, settings.objective, settings.weights) == \
        (expected.limits, expected.objective, expected.weights)
    assert [(p.mandatory, p.excluded) for p in loaded.case.projects] == \
        [(p.mandatory, p.excluded) for p in original.case.projects]
    assert loaded.outcome == original.outcome
    comparison = compare([original, loaded])
    assert comparison.projects == []
    assert all(row.after[0] == row.after[1] for row in comparison.kpis.values())


def test_loaded_scenarios_compare_and_export_beside_fresh_ones(two, demo, tmp_path):
    path = tmp_path / "demo_case.scenarios.json"
    save_scenarios(two, path)
    loaded = load_scenarios(path, demo)
    assert [s.name for s in loaded] == [WIDE, TIGHT]
    assert {p.project_id for p in compare([two[0], loaded[1]]).projects} == \
        {p.project_id for p in compare(two).projects}
    export_scenarios([two[0], loaded[1]], tmp_path / "mixed.xlsx")
    value = _row(_rows(load_workbook(tmp_path / "mixed.xlsx")[COMPARISON]), "Objective value")
    assert value[6] == pytest.approx(two[1].result.solution.objective_value)


@pytest.mark.parametrize("damage", [
    lambda d: d.pop("settings"),
    lambda d: d["settings"].update(objective="irr"),
    lambda d: d["settings"]["limits"].update(max_fun=1),
    lambda d: d["result"]["portfolio"].update(X={"share": "most"}),
    lambda d: d.update(created="yesterday"),
    lambda d: d.update(format=99),
    lambda d: d["negative_list"].append(["prohibited", "no_such_column", "x", ""]),
    lambda d: d["negative_list"].append(["prohibited", "capex", "lots", ""]),
    lambda d: d["negative_list"].append(["prohibited", "capex"]),
])
def test_a_damaged_scenario_is_a_plain_scenario_error(two, demo, damage):
    data = scenario_to_dict(two[0])
    damage(data)
    with pytest.raises(ScenarioError, match=WIDE):
        scenario_from_dict(data, demo)


def test_an_unreadable_scenarios_file_is_a_scenario_error(demo, tmp_path):
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ScenarioError, match="damaged"):
        load_scenarios(tmp_path / "bad.json", demo)
    with pytest.raises(ScenarioError, match="Cannot read"):
        load_scenarios(tmp_path / "absent.json", demo)


def test_a_scenario_needs_a_result_or_a_summary(two):
    with pytest.raises(ValueError):
        Scenario("empty", two[0].case)
    summary = Outcome.of(two[0].result)
    assert Scenario("kept", two[0].case, summary=summary).outcome is summary


def test_a_scenario_without_portfolio_compares_by_its_settings(two, demo):
    strict = demo.with_limits(min_roe=0.09)
    result = Planner().solve(strict, diagnose_conflicts=False)
    assert result.solution.status == "infeasible"
    comparison = compare([two[0], Scenario("ROE 9%", strict, result)])
    roe = comparison.kpis["roe"]
    assert roe.target == [0.07, 0.09] and roe.after[1] is None and roe.met[1] is None
    assert comparison.objective_values[1] is None
    assert {p.project_id for p in comparison.projects} == set(two[0].result.solution.portfolio)


DIGITAL = "华瑞数字科技有限公司"


def test_a_scenario_keeps_its_negative_list_and_each_entitys_budgets(two, demo, tmp_path):
    """Edited in the app's Rules tab: a rule added, one removed, a subsidiary's budgets; saved before, the case's
    own rules."""
    from optimizer.io.negative_list import make_rule

    hydro = make_rule(demo, "prohibited", "所属行业", "水电, *核*", "no new dams")
    rules = (*demo.negative_list[:4], hydro)
    edited = replace(demo, negative_list=rules).with_limits(**{f"total_budget@{DIGITAL}": 20,
                                                               f"budget_2027@{DIGITAL}": 5.5})
    data = json.loads(json.dumps(scenario_to_dict(Scenario("Rules", edited, summary=two[0].outcome))))
    assert data["negative_list"][-1] == ["prohibited", "所属行业", "水电, *核*", "no new dams"]
    loaded = scenario_from_dict(data, demo).case
    assert loaded.negative_list == rules  # the workbook's rules keep their rows; the new one reads the same
    assert loaded.settings.limits[f"total_budget@{DIGITAL}"] == 20.0
    assert loaded.settings.limits[f"budget_2027@{DIGITAL}"] == 5.5
    del data["negative_list"]
    assert scenario_from_dict(data, demo).case.negative_list == demo.negative_list
    export_scenarios([two[0], Scenario("Rules", edited, summary=two[0].outcome)], tmp_path / "rules.xlsx")
    rows = _rows(load_workbook(tmp_path / "rules.xlsx")["Rules"])
    assert [list(r[6:10]) for r in rows if r[9] == f"total_budget@{DIGITAL}"] == [
        [f"Total budget of {DIGITAL} (max)", 20, "CNY 100m", f"total_budget@{DIGITAL}"]]
