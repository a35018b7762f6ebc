"""The blank template a user fills in (resources/make_template.py, resources/template.xlsx): it has every Settings
key of the registry and every sheet the reader takes, in English and in Chinese, and a filled-in copy reads as the
case a user meant."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path
from xml.etree.ElementTree import canonicalize

import pytest
from openpyxl import load_workbook

from optimizer.cli import solve_case
from optimizer.io.values import canonical_setting_key
from optimizer.io.workbook import read_case
from optimizer.model.targets import SETTINGS, budget_year
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "resources"))
import make_template  # noqa: E402


@pytest.mark.parametrize("chinese", [False, True])
def test_the_template_lists_every_settings_key_of_the_registry(tmp_path: Path, chinese: bool):
    path = tmp_path / "template.xlsx"
    assert make_template.main(["--chinese", str(path)] if chinese else [str(path)]) == 0
    wb = load_workbook(path)
    settings = wb["约束与目标" if chinese else "Settings"]
    keys = {canonical_setting_key(row[0]) for row in settings.iter_rows(min_row=2, values_only=True) if row[0]}
    assert None not in keys
    assert {key for key in keys if budget_year(key) is None} == set(SETTINGS)  # risk_aversion among them
    expected = (["项目", "企业基数", "约束与目标", "基数预测", "项目组", "负面清单", "投资主体", "说明"] if chinese else
                ["Projects", "Enterprise", "Settings", "Outlook", "Groups", "NegativeList", "Entities", "Columns"])
    assert wb.sheetnames == expected


@pytest.mark.parametrize("chinese", [False, True])
def test_a_filled_in_template_reads_with_its_negative_list_and_entity_budgets(tmp_path: Path, chinese: bool):
    # By hand: two projects of 10 each; real estate prohibited, so only the wind farm can be chosen, and its
    # entity's 2027 cap of 6 lets it in at 60% (min_share 0.5): NPV 0.6 x 4 = 2.4.
    path = tmp_path / "case.xlsx"
    make_template.main(["--chinese", str(path)] if chinese else [str(path)])
    wb = load_workbook(path)
    projects = wb["项目" if chinese else "Projects"]
    header = [c.value for c in projects[1]]

    def row(**values):
        return [values.get(name) for name in make_template_names(header)]

    projects.append(row(id="P1", name="住宅开发", sector="房地产", entity="E1", capex_2027=10, npv=5, irr=0.1))
    projects.append(row(id="P2", name="风电", sector="新能源", entity="E2", capex_2027=10, npv=4, irr=0.1,
                        min_share=0.5))
    wb["负面清单" if chinese else "NegativeList"].append(
        ["禁止类" if chinese else "prohibited", "所属行业" if chinese else "sector", "房地产", "非主业房地产"])
    wb["投资主体" if chinese else "Entities"].append(["E2", None, 6])
    wb.save(path)
    case = read_case(path)
    result = solve_case(case)
    assert [(x.id, round(x.share, 6)) for x in result.selected] == [("P2", 0.6)]
    assert result.solution.objective_value == pytest.approx(2.4)
    assert case.settings.limits == {"budget_2027@E2": 6.0}


def make_template_names(header: list[str]) -> list[str]:
    """The English field name of each column of the template's Projects sheet, whichever language it is in."""
    by_chinese = {f.chinese: f.name for f in make_template.PROJECT_FIELDS}
    return [by_chinese.get(h, h) for h in header]


def test_the_committed_template_is_the_one_the_script_writes(tmp_path: Path):
    path = tmp_path / "template.xlsx"
    make_template.main([str(path)])
    assert _parts(path) == _parts(ROOT / "resources" / "template.xlsx"), (
        "resources/template.xlsx is stale: run python resources/make_template.py")


def _parts(path: Path) -> dict[str, str]:
    """A workbook's parts, each XML part in canonical form: openpyxl writes the same content with lxml installed
    (a python-docx dependency) and without it, but not the same bytes (<v></v> against <v/>)."""
    with zipfile.ZipFile(path) as archive:
        return {name: canonicalize(archive.read(name).decode("utf-8"), strip_text=True)
                if name.endswith((".xml", ".rels")) else archive.read(name).hex() for name in archive.namelist()}
