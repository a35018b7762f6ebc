"""Writing a case back to a workbook: it reads back as the same case."""

from __future__ import annotations

import shutil
from dataclasses import fields

import pytest
from openpyxl import load_workbook

from optimizer.errors import ExportError
from optimizer.io.case_writer import write_case
from optimizer.io.workbook import read_case
from optimizer.model.case import Case, Enterprise, Project, Settings
from optimizer.paths import DEMO_CASE

IGNORED = {"row"}


def project_fields(project: Project) -> dict:
    return {f.name: getattr(project, f.name) for f in fields(Project) if f.name not in IGNORED}


def assert_same_case(read: Case, original: Case) -> None:
    assert [project_fields(p) for p in read.projects] == [project_fields(p) for p in original.projects]
    assert read.years == original.years
    assert read.enterprise == original.enterprise
    assert read.settings.limits == original.settings.limits
    assert read.settings.objective == original.settings.objective
    assert read.settings.weights == original.settings.weights
    assert read.settings.currency_unit == original.settings.currency_unit
    assert read.settings.time_limit == original.settings.time_limit
    assert read.settings.mip_gap == original.settings.mip_gap


def small_case() -> Case:
    """Values a spreadsheet might mangle: formula-like text, numeric-looking text, fractions, blanks."""
    plant = Project(
        id="001", name="=SUM(A1:A3)", capex={2027: 12.5, 2028: 0.3}, earliest_start=2027,
        latest_start=2028, entity="@华瑞", sector="-5", region="+86", overseas=True, main_business=False,
        strategic_category="new_energy", future_industry=True, key_core_tech=True, security=True,
        mandatory=True, equity_ratio=0.35, npv=7.123456789, npv_low=-1.5, npv_high=9.0, irr=0.0734,
        revenue=3.0, profit=1.25, operating_cash_flow=2.0, rd_spend=0.02, value_added=1.1, headcount=40.0,
        risk=3.0, strategic_score=88.5, exclusive_group="G1", min_share=0.5,
        extra={"备注": "=HYPERLINK(\"x\")", "priority": 2.0})
    mill = Project(
        id="P-2", name="Mill 二期", capex={2027: 0.0, 2028: 8.0}, earliest_start=2028, latest_start=2028,
        excluded=True, npv=2.0, requires=("001",), risk=1.0, exclusive_group="G1",
        extra={"备注": None, "priority": None})
    port = Project(id="P3", name="Port", capex={2027: 4.0, 2028: 4.0}, earliest_start=2027, latest_start=2027,
                   npv=1.0, requires=("001", "P-2"), risk=5.0, strategic_category="marine_equipment", livelihood=True,
                   extra={"备注": "#N/A in 2026", "priority": 1.0})  # an exact "#N/A" reads as the error
    settings = Settings(limits={"budget_2027": 20.0, "total_budget": 30.5, "min_strategic_share": 0.4,
                                "max_avg_risk": 3.5, "min_profit_growth": -0.1, "min_roe": 0.06},
                        objective="score", currency_unit="=万元",
                        weights={"weight_return": 0.5, "weight_risk": 0.25, "weight_strategic": 0.0},
                        time_limit=12.5, mip_gap=0.01)
    enterprise = Enterprise(revenue=100.0, total_profit=10.0, net_profit=7.5, equity=80.0, tax_rate=0.15,
                            capital_cost_rate=0.06, hurdle_rate=0.03)
    return Case(projects=(plant, mill, port), years=(2027, 2028), settings=settings, enterprise=enterprise)


def test_demo_case_round_trips(tmp_path):
    demo = read_case(DEMO_CASE)
    write_case(demo, tmp_path / "copy.xlsx")
    again = read_case(tmp_path / "copy.xlsx")
    assert_same_case(again, demo)
    assert again.warnings == demo.warnings


def test_small_case_round_trips(tmp_path):
    case = small_case()
    write_case(case, tmp_path / "small.xlsx")
    assert_same_case(read_case(tmp_path / "small.xlsx"), case)


def test_formula_like_text_is_stored_as_text(tmp_path):
    write_case(small_case(), tmp_path / "small.xlsx")
    book = load_workbook(tmp_path / "small.xlsx")  # formulas as written, not values
    projects = book["Projects"]
    headers = [c.value for c in projects[1]]
    name = projects.cell(row=2, column=headers.index("name") + 1)
    assert (name.value, name.data_type) == ("=SUM(A1:A3)", "s")
    note = projects.cell(row=4, column=headers.index("备注") + 1)
    assert (note.value, note.data_type) == ("#N/A in 2026", "s")
    unit = next(row for row in book["Settings"].iter_rows() if row[0].value == "currency_unit")[1]
    assert (unit.value, unit.data_type) == ("=万元", "s")


def test_workbook_reads_as_a_user_expects(tmp_path):
    write_case(small_case(), tmp_path / "small.xlsx")
    book = load_workbook(tmp_path / "small.xlsx")
    assert book.sheetnames == ["Projects", "Enterprise", "Settings"]
    rows = list(book["Projects"].iter_rows(values_only=True))
    header = rows[0]
    first = dict(zip(header, rows[1], strict=True))
    assert first["strategic_category"] == "新能源"
    assert first["mandatory"] is True and first["excluded"] is False
    assert dict(zip(header, rows[3], strict=True))["requires"] == "001, P-2"
    assert header.index("capex_2027") < header.index("npv")
    settings = {row[0]: row[1] for row in book["Settings"].iter_rows(min_row=2, values_only=True)}
    assert settings["max_debt_ratio"] is None  # every limit is listed; blank is no limit
    assert settings["budget_2028"] is None
    assert settings["objective"] == "score"


def test_case_without_baseline_has_no_enterprise_sheet(tmp_path):
    case = Case(projects=small_case().projects, years=(2027, 2028), settings=Settings())
    write_case(case, tmp_path / "plain.xlsx")
    assert "Enterprise" not in load_workbook(tmp_path / "plain.xlsx").sheetnames
    again = read_case(tmp_path / "plain.xlsx")
    assert again.enterprise is None
    assert again.settings.limits == {}


def test_refuses_to_overwrite_its_source_unless_allowed(tmp_path):
    source = tmp_path / "demo.xlsx"
    shutil.copy(DEMO_CASE, source)
    case = read_case(source)
    before = source.read_bytes()
    with pytest.raises(ExportError, match="Refusing to write over"):
        write_case(case.with_limits(total_budget=700), source)
    assert source.read_bytes() == before
    write_case(case.with_limits(total_budget=700), source, allow_overwrite=True)
    assert read_case(source).settings.limits["total_budget"] == 700


def test_missing_folder_is_a_plain_error(tmp_path):
    with pytest.raises(ExportError, match="does not exist"):
        write_case(small_case(), tmp_path / "nowhere" / "case.xlsx")
