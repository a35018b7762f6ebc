"""The Rules tab: the negative list, the exclusive groups and the entity budgets edited in place on the demo case,
each edit checked as the workbook reader checks it and solved by the engine.

What the demo holds (resources/demo_case.xlsx): five rules (three prohibited sectors, overseas and capex >= 50
supervised), three exclusive groups of two projects (the steel site NM03/NM04 without a Groups row, so 0..1),
no entity budgets; PW03 (火电与热力) is mandatory; the answer chooses PW05, one of the two hydropower (水电)
projects, and 华瑞数字科技有限公司's projects spend 45.00."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from optimizer.io.scenarios import Scenario, load_scenarios, save_scenarios
from optimizer.io.workbook import read_case
from optimizer.model.case import GroupCount
from optimizer.model.negative_list import RuleClass
from optimizer.paths import DEMO_CASE
from optimizer.planner import Planner
from ui.panels.rules_panel import DEBOUNCE_MS, RulesPanel
from ui.tables.rule_tables import CLASS, HITS, MATCH, MAX_COUNT, MIN_COUNT, NO_LIMIT
from ui.window.document import Change
from ui.window.main_window import MainWindow

DIGITAL = "华瑞数字科技有限公司"
STEEL = "短流程炼钢选址"


@pytest.fixture(scope="module")
def case():
    return read_case(DEMO_CASE)


@pytest.fixture(scope="module")
def planner():
    return Planner()


@pytest.fixture
def panel(qtbot, case):
    panel = RulesPanel()
    qtbot.addWidget(panel)
    panel.resize(420, 700)
    panel.set_case(case)
    return panel


def edited_case(qtbot, panel, edit):
    """The Case emitted after `edit()` (and the debounce)."""
    with qtbot.waitSignal(panel.caseEdited, timeout=DEBOUNCE_MS + 2000) as signal:
        assert edit() is not False
    return signal.args[0]


def refused(qtbot, panel, edit) -> None:
    """`edit()` is refused: nothing is emitted."""
    with qtbot.assertNotEmitted(panel.caseEdited, wait=DEBOUNCE_MS + 200):
        assert not edit()


def chosen(planner, case) -> set[str]:
    result = planner.solve(case)
    assert result.solution.has_portfolio
    return {x.id for x in result.selected}


def add_rule(panel, rule_class: str, field: str, match: str, reason: str = "") -> bool:
    panel.class_combo.setCurrentIndex(panel.class_combo.findData(rule_class))
    panel.field_combo.setCurrentIndex(panel.field_combo.findData(field))
    panel.match_edit.setText(match)
    panel.reason_edit.setText(reason)
    return panel.add_rule()


# --- the negative list ------------------------------------------------------------------------------------
def test_shows_each_rule_with_the_projects_it_hits(panel, case):
    rules = panel.rules
    assert [rules.index(r, MATCH).data() for r in range(rules.rowCount())] == [
        "房地产与商业", "金融服务", "境外煤电", "是", ">=50"]
    assert [rules.index(r, CLASS).data() for r in range(rules.rowCount())] == ["Prohibited"] * 3 + ["Supervised"] * 2
    by_hand = [*(sum(p.sector == sector for p in case.projects) for sector in ("房地产与商业", "金融服务", "境外煤电")),
               sum(p.overseas for p in case.projects), sum(p.total_capex >= 50 for p in case.projects)]
    assert [rules.index(r, HITS).data() for r in range(rules.rowCount())] == by_hand == [2, 1, 1, 7, 5]
    assert rules.index(1, HITS).data(3) == "CP03"  # the tooltip names the project


def test_a_prohibited_rule_on_a_chosen_projects_sector_takes_it_out(qtbot, panel, case, planner):
    assert "PW05" in chosen(planner, case) and case.project("PW05").sector == "水电"
    new = edited_case(qtbot, panel, lambda: add_rule(panel, "prohibited", "sector", "水电", "no new dams"))
    rule = new.negative_list[-1]
    assert (rule.rule_class, rule.field, rule.match_text, rule.reason) == (RuleClass.PROHIBITED, "sector", "水电",
                                                                           "no new dams")
    hydro = {p.id for p in case.projects if p.sector == "水电"}
    assert panel.rules.index(5, HITS).data() == len(hydro) == 2 and panel.match_edit.text() == ""
    by_ticks = replace(case, projects=tuple(replace(p, excluded=p.excluded or p.id in hydro) for p in case.projects))
    ruled, ticked = planner.solve(new), planner.solve(by_ticks)  # the rule does what ticking them excluded does
    assert ruled.solution.objective_value == pytest.approx(ticked.solution.objective_value, rel=1e-4)
    assert not {x.id for x in ruled.selected} & hydro
    assert case.negative_list == read_case(DEMO_CASE).negative_list  # the case given is not changed


def test_removing_the_supervised_rules_clears_the_supervised_list(qtbot, panel, case, planner):
    assert {x.id for x in planner.solve(case).supervised}
    panel.rules_view.selectRow(3)
    flags = QItemSelectionModel.SelectionFlag
    panel.rules_view.selectionModel().select(panel.rules.index(4, 0), flags.Select | flags.Rows)
    new = edited_case(qtbot, panel, panel.remove_selected_rules)
    assert [r.rule_class for r in new.negative_list] == [RuleClass.PROHIBITED] * 3
    assert planner.solve(new).supervised == []


def test_a_match_the_reader_would_refuse_is_refused_with_its_message(qtbot, panel, case):
    refused(qtbot, panel, lambda: add_rule(panel, "supervised", "overseas", "maybe"))
    assert panel.rules_message.text() == ("'maybe' cannot be compared with overseas, a yes/no column: write yes or no "
                                          "(是 or 否)")
    assert panel.rules_message.isVisibleTo(panel) and panel.match_edit.text() == "maybe"  # kept, to be corrected
    refused(qtbot, panel, lambda: panel.rules.setData(panel.rules.index(4, MATCH), ">= fifty"))
    assert panel.rules_message.text().startswith("'>= fifty' cannot be compared with capex, a number column")
    assert panel.rules.index(4, MATCH).data() == ">=50"
    new = edited_case(qtbot, panel, lambda: panel.rules.setData(panel.rules.index(4, MATCH), ">=80"))
    assert panel.rules_message.text() == "" and not panel.rules_message.isVisibleTo(panel)  # the next edit taken
    assert new.negative_list[4].match_text == ">=80" and new.negative_list[:4] == case.negative_list[:4]


def test_a_rule_that_prohibits_a_mandatory_project_is_refused(qtbot, panel, case):
    assert case.project("PW03").mandatory and case.project("PW03").sector == "火电与热力"
    refused(qtbot, panel, lambda: add_rule(panel, "prohibited", "sector", "火电与热力", "no coal"))
    assert panel.rules_message.text() == "PW03 is mandatory but prohibited: negative list, prohibited: no coal"
    assert panel.rules.rowCount() == 5


# --- the groups -------------------------------------------------------------------------------------------
def test_shows_each_group_with_its_projects_and_counts(panel):
    groups = panel.groups
    rows = {groups.index(r, 0).data(): [groups.index(r, c).data() for c in range(1, 4)]
            for r in range(groups.rowCount())}
    assert rows == {"特高压外送配套电源": ["NE08, NE09", 1, 1], STEEL: ["NM03, NM04", 0, 1],
                    "正极材料基地选址": ["NM09, NM10", 1, 1]}


def steel_row(panel) -> int:
    return next(r for r in range(panel.groups.rowCount()) if panel.groups.index(r, 0).data() == STEEL)


def test_without_a_maximum_both_steel_sites_are_chosen_and_exactly_one_takes_one(qtbot, panel, planner):
    row = steel_row(panel)
    unlimited = edited_case(qtbot, panel, lambda: panel.groups.setData(panel.groups.index(row, MAX_COUNT), NO_LIMIT))
    assert unlimited.groups[STEEL] == GroupCount(0, None)
    assert panel.groups.index(row, MAX_COUNT).data() == "No limit"
    assert {"NM03", "NM04"} <= chosen(planner, unlimited)  # both pay when the group takes more than one

    def exactly_one():
        return (panel.groups.setData(panel.groups.index(row, MIN_COUNT), 1)
                and panel.groups.setData(panel.groups.index(row, MAX_COUNT), 1))

    new = edited_case(qtbot, panel, exactly_one)
    assert new.groups[STEEL] == GroupCount(1, 1)
    assert len(chosen(planner, new) & {"NM03", "NM04"}) == 1


def test_counts_the_reader_would_refuse_are_refused(qtbot, panel, case):
    row = steel_row(panel)
    refused(qtbot, panel, lambda: panel.groups.setData(panel.groups.index(row, MIN_COUNT), 2))
    assert panel.groups_message.text() == f"group '{STEEL}': max_count 1 is below its min_count 2"
    edited_case(qtbot, panel, lambda: panel.groups.setData(panel.groups.index(row, MAX_COUNT), NO_LIMIT))
    refused(qtbot, panel, lambda: panel.groups.setData(panel.groups.index(row, MIN_COUNT), 3))
    assert panel.groups_message.text() == f"group '{STEEL}' takes at least 3, but it has only 2 projects: NM03, NM04"
    cathode = next(r for r in range(panel.groups.rowCount()) if panel.groups.index(r, 0).data() == "正极材料基地选址")
    refused(qtbot, panel, lambda: panel.groups.setData(panel.groups.index(cathode, MAX_COUNT), 0))
    assert panel.groups_message.text() == "group '正极材料基地选址': max_count 0 is below its min_count 1"
    assert panel.groups.index(cathode, MAX_COUNT).data() == 1


# --- the entity budgets -----------------------------------------------------------------------------------
def entity_cell(panel, entity: str, column: int = 1):
    row = next(r for r in range(panel.entities.rowCount()) if panel.entities.index(r, 0).data() == entity)
    return panel.entities.index(row, column)


def test_shows_a_row_per_entity_and_a_column_per_budget(panel, case):
    entities = panel.entities
    assert {entities.index(r, 0).data() for r in range(entities.rowCount())} == {p.entity for p in case.projects}
    assert [entities.headerData(c, Qt.Horizontal) for c in range(entities.columnCount())] == [
        "Entity", "Total", "2027", "2028", "2029", "2030", "2031"]
    assert all(entities.index(r, c).data() == "" for r in range(entities.rowCount())
               for c in range(1, entities.columnCount()))
    assert "CNY 100m" in panel.entities_hint.text()


def test_an_entity_budget_caps_its_spend(qtbot, panel, case, planner):
    spend = sum(x.capex for x in planner.solve(case).selected if case.project(x.id).entity == DIGITAL)
    assert spend == pytest.approx(45.0)
    new = edited_case(qtbot, panel, lambda: panel.entities.setData(entity_cell(panel, DIGITAL), "20"))
    key = f"total_budget@{DIGITAL}"
    assert new.settings.limits[key] == 20.0
    assert entity_cell(panel, DIGITAL).data() == "20.00"
    result = planner.solve(new)
    assert sum(x.capex for x in result.selected if new.project(x.id).entity == DIGITAL) <= 20.0 + 1e-6
    engine = planner.solve(case.with_limits(**{key: 20.0}))
    assert result.solution.objective_value == pytest.approx(engine.solution.objective_value)
    assert {x.id for x in result.selected} == {x.id for x in engine.selected}
    blank = edited_case(qtbot, panel, lambda: panel.entities.setData(entity_cell(panel, DIGITAL), ""))
    assert key not in blank.settings.limits


def test_a_budget_of_a_plan_year_and_a_bad_one(qtbot, panel):
    new = edited_case(qtbot, panel, lambda: panel.entities.setData(entity_cell(panel, DIGITAL, 2), "1,234.5"))
    assert new.settings.limits[f"budget_2027@{DIGITAL}"] == 1234.5
    refused(qtbot, panel, lambda: panel.entities.setData(entity_cell(panel, DIGITAL, 3), "-5"))
    assert panel.entities_message.text() == f"budget_2028 of {DIGITAL}: -5 is negative; write 0 or more"


# --- the panel ----------------------------------------------------------------------------------------------
def test_edits_of_all_three_come_as_one_case(qtbot, panel):
    def edit_all():
        add_rule(panel, "supervised", "region", "西部")
        panel.groups.setData(panel.groups.index(steel_row(panel), MIN_COUNT), 1)
        return panel.entities.setData(entity_cell(panel, DIGITAL), "30")

    with qtbot.waitSignal(panel.caseEdited, timeout=DEBOUNCE_MS + 2000) as signal:
        assert edit_all()
    with qtbot.assertNotEmitted(panel.caseEdited, wait=DEBOUNCE_MS + 200):
        pass
    new = signal.args[0]
    assert len(new.negative_list) == 6 and new.groups[STEEL] == GroupCount(1, 1)
    assert new.settings.limits[f"total_budget@{DIGITAL}"] == 30.0


def test_fits_a_420_pixel_dock(qtbot, panel):
    panel.show()
    qtbot.waitExposed(panel)
    content = panel.scroll.widget()
    assert content.minimumSizeHint().width() <= panel.scroll.viewport().width()
    assert not panel.scroll.horizontalScrollBar().isVisible()


# --- scenarios ----------------------------------------------------------------------------------------------
def test_a_scenario_keeps_the_edited_negative_list_and_entity_budget(qtbot, panel, case, planner, tmp_path):
    add_rule(panel, "prohibited", "sector", "水电", "no new dams")
    new = edited_case(qtbot, panel, lambda: panel.entities.setData(entity_cell(panel, DIGITAL), "20"))
    path = tmp_path / "scenarios.json"
    save_scenarios([Scenario("Rules edited", new, planner.solve(new))], path)
    loaded = load_scenarios(path, case).pop().case  # on the workbook's case, as the app loads them
    assert loaded.negative_list == new.negative_list
    assert loaded.negative_list[-1].match_text == "水电" and loaded.negative_list[-1].reason == "no new dams"
    assert loaded.settings.limits[f"total_budget@{DIGITAL}"] == 20.0
    assert chosen(planner, loaded) == chosen(planner, new)


# --- the window ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("language, title", [("en", "Rules"), ("zh_CN", "规则")])
def test_the_window_has_a_rules_tab(qtbot, qapp, app_settings, language, title):
    from ui.i18n import install_language

    install_language(qapp, language)
    window = MainWindow(app_settings)
    qtbot.addWidget(window)
    index = window.left_tabs.indexOf(window.rules)
    assert index == 2 and window.left_tabs.tabText(index) == title


def test_an_edit_in_the_tab_goes_to_the_document_and_is_solved(qtbot, app_settings, case):
    window = MainWindow(app_settings)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.controller.resultReady, timeout=60000):
        window.document.open(case)
    changes = []
    window.document.caseChanged.connect(lambda _case, change: changes.append(change))
    with qtbot.waitSignal(window.controller.resultReady, timeout=60000) as answer:
        add_rule(window.rules, "prohibited", "sector", "水电")
    assert changes == [Change.RULES_EDITED]
    assert window.document.case.negative_list[-1].match_text == "水电"
    assert "PW05" not in {x.id for x in answer.args[0].selected}
    window.controller.cancel()
    window.controller.wait()
