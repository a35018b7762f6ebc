"""The board pack's content (optimizer/report/pack.py), without Qt: said wholly in Chinese, every candidate
project either recommended or left out with its reason, and a conflict gives the diagnosis instead of a portfolio."""

from __future__ import annotations

import pytest

from optimizer.cli import load_case, solve_case
from optimizer.report.pack import Table, board_pack, wrong_suffix
from tests.conftest import ROOT
from tests.untranslated import english_left

DEMO = ROOT / "resources" / "demo_case.xlsx"


@pytest.fixture(scope="module")
def result():
    return solve_case(load_case(str(DEMO), {"min_strategic_share": "0.7"}))


def _texts(pack) -> list[tuple[str, str]]:
    """Every sentence, heading and header of the pack, and the cells of its tables of figures (not of names)."""
    found = [("title", pack.title)]
    for section in pack.sections:
        found.append((section.key, section.title))
        for block in section.blocks:
            if isinstance(block, str):
                found.append((section.key, block))
            elif isinstance(block, Table):
                found += [(section.key, header) for header in block.headers]
                if block.key in ("kpis", "kpis_by_year", "targets", "binding", "diagnosis"):
                    found += [(section.key, cell) for row in block.rows for cell in row]
    return found


def test_a_chinese_pack_leaves_no_english_but_keys_and_names(result):
    pack = board_pack(result, "zh_CN")
    assert pack.chinese and pack.title == "投资组合决策汇报材料"
    left = [(key, text) for key, text in _texts(pack) if english_left(text, None)]
    assert left == []


def test_the_pack_lists_every_chosen_project_and_each_one_left_out_once(result):
    pack = board_pack(result, "en")
    selected = next(b for b in pack.section("selected").blocks if isinstance(b, Table) and b.key == "selected")
    excluded = next(b for b in pack.section("excluded").blocks if isinstance(b, Table))
    chosen = [row[0] for row in selected.rows[:-1]]  # less the total
    left_out = [row[0] for row in excluded.rows]
    assert sorted(chosen + left_out) == sorted(p.id for p in result.case.projects)
    total_capex = float(selected.rows[-1][5].replace(",", ""))
    assert total_capex == pytest.approx(sum(result.case.project(i).total_capex * share for i, share in
                                            ((x.id, x.share) for x in result.selected)), abs=0.01)


def test_conflicting_targets_give_the_diagnosis_and_no_portfolio():
    result = solve_case(load_case(str(DEMO), {"min_roe": "0.09"}))
    pack = board_pack(result, "en")
    assert [s.key for s in pack.sections] == ["summary", "diagnosis", "decision_log"]
    rows = next(b for b in pack.section("diagnosis").blocks if isinstance(b, Table)).rows
    assert rows[0][0] == "ROE" and rows[0][1] == "9.00%"  # the target asked


@pytest.mark.parametrize("name, refused", [("pack.pdf", False), ("PACK.DOCX", False), ("pack.xlsx", True),
                                           ("pack", True)])
def test_a_pack_is_a_word_document_or_a_pdf(name, refused, tmp_path):
    assert (wrong_suffix(tmp_path / name) is not None) == refused
