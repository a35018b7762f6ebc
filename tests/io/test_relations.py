"""Reading the relations between projects (workbook.md, "Screening and relations"): requires with a lag, requires_any,
together_with and the Groups sheet, in English and Chinese; each bad value reported at its cell, all at once, and
nothing written; a workbook without them reads as before; a case written back reads as the same case."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook

from optimizer import cli
from optimizer.cli import solve_case
from optimizer.io.case_writer import write_case
from optimizer.io.scenarios import Scenario, scenario_from_dict, scenario_to_dict
from optimizer.io.workbook import read_case
from optimizer.model.case import GroupCount
from tests.builders import make_workbook
from tests.io.test_workbook import problems, project, second


def with_sheet(path: Path, title: str, rows: list[list]) -> Path:
    """The workbook at `path` with one more sheet, its rows as given (the first the header)."""
    wb = load_workbook(path)
    ws = wb.create_sheet(title)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def with_groups(path: Path, groups: dict[str, tuple[int | None, int | None]]) -> Path:
    """The workbook with a Groups sheet: a row per group, its min_count and max_count."""
    return with_sheet(path, "Groups", [["group", "min_count", "max_count"],
                                      *([group, low, high] for group, (low, high) in groups.items())])


def third(**columns) -> dict:
    return project(**{"id": "P003", "name": "Port", **columns})


def test_reads_lags_requires_any_together_with_and_groups_in_chinese(tmp_path):
    rows = [project(前置项目="P002 + 1, P003", 前置项目任一="P002、P003", 捆绑项目="P003", 互斥组="选址",
                    最晚开工年=2028),
            second(互斥组="选址"), third(互斥组="选址")]
    path = make_workbook(tmp_path / "case.xlsx", rows, sheet_names=("项目", "约束与目标", "企业基数"))
    with_sheet(path, "项目组", [["组", "最少", "最多"], ["选址", 1, 2]])
    case = read_case(path)
    first = case.projects[0]
    assert first.requires == ("P002", "P003") and first.lags == {"P002": 1}
    assert first.requires_any == ("P002", "P003") and first.together_with == ("P003",)
    assert case.groups == {"选址": GroupCount(1, 2)}
    assert case.group_count("其他") == GroupCount(0, 1)


@pytest.mark.parametrize("written, lags", [("P002+2", {"P002": 2}), ("P002＋2", {"P002": 2}), ("P002+2年", {"P002": 2}),
                                           ("P002+0", {}), ("P002", {}), ("P002+1, P002+2", {"P002": 2})])
def test_lag_forms(tmp_path, written, lags):
    rows = [project(requires=written, latest_start=2030), second(), project(id="P003")]
    case = read_case(make_workbook(tmp_path / "case.xlsx", rows))
    assert case.projects[0].requires == ("P002",) and case.projects[0].lags == lags


def test_an_id_with_a_plus_of_its_own_is_an_id(tmp_path):
    rows = [project(requires="A+1"), second(id="A+1")]
    case = read_case(make_workbook(tmp_path / "case.xlsx", rows))
    assert case.projects[0].requires == ("A+1",) and case.projects[0].lags == {}


def test_a_workbook_without_them_reads_as_before(tmp_path):
    case = read_case(make_workbook(tmp_path / "case.xlsx", [project(requires="P002", exclusive_group="g"),
                                                             second(exclusive_group="g")]))
    assert case.groups == {} and case.group_count("g") == GroupCount(0, 1)
    assert case.projects[0].lags == {} and case.projects[0].requires_any == () and case.projects[0].together_with == ()


def test_a_cycle_of_together_with_is_a_set_not_an_error(tmp_path):
    rows = [project(together_with="P002"), second(together_with="P003"), third(together_with="P001")]
    case = read_case(make_workbook(tmp_path / "case.xlsx", rows))
    assert [p.together_with for p in case.projects] == [("P002",), ("P003",), ("P001",)]


def test_a_cycle_of_requires_is_still_an_error(tmp_path):
    rows = [project(requires="P002+1", latest_start=2028), second(requires="P001")]
    assert problems(tmp_path, rows) == ["Projects!F2: dependency cycle P001 → P002 → P001"]


def test_every_bad_relation_is_reported_at_its_cell_all_at_once_and_nothing_is_written(tmp_path):
    rows = [
        # F requires, G requires_any, H together_with, I exclusive_group, J latest_start, K mandatory, L excluded
        project(requires="P002+x", requires_any="P999", together_with="P001", exclusive_group="site",
                latest_start=2028, mandatory=None, excluded=None),
        second(requires="P003+5", requires_any="P002", together_with="P404, P003", exclusive_group="site",
               latest_start=2028),
        third(requires=None, requires_any=None, together_with=None, exclusive_group="site", latest_start=None),
        project(id="P004", name="Mine", together_with="P005", mandatory=True),
        project(id="P005", name="Rail", excluded=True),
        project(id="P006", name="Dock", exclusive_group="pier", mandatory=True),
        project(id="P007", name="Quay", exclusive_group="pier", mandatory=True),
        project(id="P008", name="Crane", exclusive_group="pier", mandatory=True),
    ]
    path = make_workbook(tmp_path / "case.xlsx", rows)
    with_sheet(path, "Groups", [["group", "min_count", "max_count", "note"], ["site", -1, "two", ""],
                                ["pier", None, 2, ""], ["site", 0, 1, ""], ["empty", 1, None, ""], ["quiet", 0, 1, ""],
                                [None, 1, None, ""], ["dock", 0.5, None, ""], ["crane", 3, 1, ""]])
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    assert problems(tmp_path, [], path=path) == [
        "Projects!F2: P001 requires P002 with the lag 'x', which is not a whole number of years (write P002+2 to "
        "start at least two years after P002 starts)",
        "Projects!G2: P001 names 'P999' in requires_any, which is not a project id",
        "Projects!H2: P001 names itself in together_with",
        "Projects!F3: P002 must start at least 5 years after P003, which starts in 2027 at the earliest: that is "
        "2032 or later, after P002's latest start 2028",
        "Projects!G3: P002 names itself in requires_any",
        "Projects!H3: P002 names 'P404' in together_with, which is not a project id",
        "Projects!H3: P002, P003 go together, but the exclusive group 'site' takes at most 1 of them",
        "Projects!H5: P004 is mandatory but goes together with P005, marked excluded",
        "Projects!K9: P006, P007, P008 are mandatory, but the exclusive group 'pier' takes at most 2",
        "Groups!B2: -1 is not a number of projects (a whole number, 0 or more)",
        "Groups!C2: text 'two' is not a number: write a number of projects, such as 1",
        "Groups!A4: group 'site' is given twice (A2 and A4)",
        "Groups!B5: group 'empty' takes at least 1, but no project is in it (the exclusive_group column)",
        "Groups!A7: counts without a group name",
        "Groups!B8: 0.5 is not a number of projects (a whole number, 0 or more)",
        "Groups!C9: group 'crane': max_count 1 is below its min_count 3",
    ]
    with pytest.raises(Exception) as raised:
        read_case(path)
    assert not any("quiet" in str(p) for p in raised.value.problems)  # a warning, not an error
    out = tmp_path / "result.xlsx"
    assert cli.main(["solve", str(path), "-o", str(out), "--json", str(tmp_path / "r.json")]) == 2
    assert not out.exists()
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["status"] == "invalid"
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_a_min_count_above_the_groups_projects_is_an_error_at_its_cell(tmp_path):
    path = with_groups(make_workbook(tmp_path / "case.xlsx", [project(exclusive_group="site"),
                                                              second(exclusive_group="site")]), {"site": (3, None)})
    assert problems(tmp_path, [], path=path) == [
        "Groups!B2: group 'site' takes at least 3, but it has only 2 projects: P001, P002"]


def test_warnings_for_a_group_no_project_names_and_an_unknown_column(tmp_path):
    path = make_workbook(tmp_path / "case.xlsx", [project(exclusive_group="site"), second(exclusive_group="site")])
    with_sheet(path, "Groups", [["group", "min_count", "max_count", "maximum"], ["site", 1, 1, 3], ["elsewhere", 0, 2]])
    case = read_case(path)
    assert case.groups == {"site": GroupCount(1, 1)}
    assert case.warnings == (
        "Groups!D1: column 'maximum' is not one of group, min_count, max_count (组, 最少, 最多) and is ignored",
        "Groups!A3: no project is in group 'elsewhere' (the exclusive_group column); the row is ignored")


def test_two_partners_fit_a_group_that_takes_two(tmp_path):
    rows = [project(together_with="P002", exclusive_group="site"), second(exclusive_group="site")]
    case = read_case(with_groups(make_workbook(tmp_path / "case.xlsx", rows), {"site": (None, 2)}))
    assert case.groups == {"site": GroupCount(0, 2)}


def test_a_case_written_back_reads_as_the_same_case(tmp_path):
    rows = [project(requires="P002+1, P003", requires_any="P002, P003", together_with="P003", exclusive_group="site",
                    latest_start=2029, capex_2029=0),
            second(exclusive_group="site"), third(exclusive_group="site")]
    case = read_case(with_groups(make_workbook(tmp_path / "case.xlsx", rows), {"site": (1, None)}))
    write_case(case, tmp_path / "again.xlsx")
    again = read_case(tmp_path / "again.xlsx")
    assert again.groups == case.groups == {"site": GroupCount(1, None)}
    for before, after in zip(case.projects, again.projects, strict=True):
        assert (after.requires, after.lags, after.requires_any, after.together_with) == \
            (before.requires, before.lags, before.requires_any, before.together_with)


def test_a_scenario_keeps_its_group_counts(tmp_path):
    rows = [project(exclusive_group="site"), second(exclusive_group="site"), third(exclusive_group="site")]
    case = read_case(with_groups(make_workbook(tmp_path / "case.xlsx", rows), {"site": (1, 1)}))
    edited = replace(case, groups={"site": GroupCount(2, None)})
    saved = scenario_to_dict(Scenario("two sites", edited, solve_case(edited)))
    again = scenario_from_dict(json.loads(json.dumps(saved)), case)
    assert again.case.groups == {"site": GroupCount(2, None)}
    assert sorted(again.outcome.portfolio) == ["P001", "P002", "P003"]  # 2 or more of them: all three pay
    del saved["groups"]  # a file saved before the Groups sheet: the case's own counts
    assert scenario_from_dict(saved, case).case.groups == {"site": GroupCount(1, 1)}
