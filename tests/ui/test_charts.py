"""The charts draw the engine's figures for the demo case: one bar per plan year, capex by category."""

import pytest
from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QHorizontalBarSeries, QLineSeries, QValueAxis
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QFontMetrics

from optimizer.io.workbook import read_case
from optimizer.model.case import STRATEGIC_CATEGORIES
from optimizer.paths import DEMO_CASE
from optimizer.planner import Planner
from optimizer.report.result import Result
from optimizer.solve.solver import Solution
from ui.charts.results import CategoryChart, SpendByYearChart, bar_label_texts, label_decimals
from ui.i18n import install_language


@pytest.fixture(scope="module")
def result() -> Result:
    return Planner().solve(read_case(DEMO_CASE))


def axis_titles(view) -> set[str]:
    return {axis.titleText() for axis in view.chart().axes()}


def test_one_bar_per_plan_year_with_the_engine_spend(qtbot, result):
    view = SpendByYearChart()
    qtbot.addWidget(view)
    view.set_result(result)
    bars = [s for s in view.chart().series() if isinstance(s, QBarSeries)]
    assert len(bars) == 1 and bars[0].barSets()[0].count() == len(result.case.years)
    categories = view.chart().axes(Qt.Orientation.Horizontal)[0]
    assert isinstance(categories, QBarCategoryAxis)
    assert categories.categories() == [str(y) for y in result.case.years]
    assert view.spend_values() == pytest.approx({y: spend for y, (spend, _) in result.spend_by_year.items()})
    assert view.budget_values() == {y: budget for y, (_, budget) in result.spend_by_year.items()}
    assert "Spend (CNY 100m)" in axis_titles(view)
    assert "Plan year" in axis_titles(view)


def test_budget_is_a_line_only_when_every_year_has_one(qtbot, result):
    view = SpendByYearChart()
    qtbot.addWidget(view)
    view.set_result(result)
    assert any(isinstance(s, QLineSeries) for s in view.chart().series())
    first = result.case.years[0]
    partial = Result(result.case, result.solution, spend_by_year={
        **result.spend_by_year, first: (result.spend_by_year[first][0], None)})
    view.set_result(partial)
    assert not any(type(s) is QLineSeries for s in view.chart().series())
    assert first not in view.budget_values()
    assert len(view.budget_values()) == len(result.case.years) - 1


def test_spend_axis_holds_the_highest_bar_and_budget(qtbot, result):
    view = SpendByYearChart()
    qtbot.addWidget(view)
    view.set_result(result)
    axis = next(a for a in view.chart().axes(Qt.Orientation.Vertical) if isinstance(a, QValueAxis))
    highest = max(max(s, b or 0) for s, b in result.spend_by_year.values())
    assert axis.min() == 0 and axis.max() >= highest


def test_category_chart_sums_capex_by_strategic_category(qtbot, result):
    expected: dict[str, float] = {}
    for x in result.selected:
        key = result.case.project(x.id).strategic_category
        label = STRATEGIC_CATEGORIES[key][1] if key else "传统/Traditional"
        expected[label] = expected.get(label, 0.0) + x.capex
    view = CategoryChart()
    qtbot.addWidget(view)
    view.set_result(result)
    assert isinstance(view.chart().series()[0], QHorizontalBarSeries)
    assert view.values() == pytest.approx(expected)
    labels = list(view.values())
    assert labels[0] == STRATEGIC_CATEGORIES["next_generation_it"][1]  # table order, top down
    assert labels[-1] == "传统/Traditional"
    assert "Capex (CNY 100m)" in axis_titles(view)
    # Asks to be tall enough that no category label is elided to "…" (QtCharts does that when rows are low).
    metrics = QFontMetrics(view.chart().axes(Qt.Orientation.Vertical)[0].labelsFont())
    assert view.sizeHint().height() >= len(expected) * metrics.boundingRect("新一代信息技术").height()


def test_charts_without_a_result_are_empty_and_say_why(qtbot, result):
    for chart_class in (SpendByYearChart, CategoryChart):
        view = chart_class()
        qtbot.addWidget(view)
        assert view.chart().series() == []
        assert "no result yet" in view.chart().title()
        view.set_result(result)
        view.set_result(Result(result.case, Solution("infeasible")))
        assert view.chart().series() == [] and view.chart().axes() == []
        assert "no portfolio" in view.chart().title()


def test_bar_labels_show_only_where_they_fit_their_bars(qtbot, result):
    view = SpendByYearChart()
    qtbot.addWidget(view)
    view.set_result(result)
    view.resize(600, 400)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(view.labels_visible)
    view.resize(330, 300)
    qtbot.waitUntil(lambda: not view.labels_visible())  # white on white beside a narrow bar otherwise


@pytest.mark.parametrize(("values", "decimals"), [
    ([49, 20, 64.36, 11, 34, 275.64, 22, 33, 271], 0), ([12.5, 3], 1), ([3.2, 0.5], 2), ([0.125, 0.03], 3),
    ([99.96, 1], 0), ([9.96, 1], 1), ([], 3)])
def test_one_chart_labels_every_bar_with_the_same_decimals_from_its_largest_value(values, decimals):
    assert label_decimals(values) == decimals


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_bar_labels_are_written_as_the_locale_writes_numbers(qapp, language):
    assert install_language(qapp, language) == language
    try:
        assert bar_label_texts([12.5, 3]) == ["12.5", "3.0"]  # not "12.5" next to "3"
        assert bar_label_texts([1234.5, 3]) == ["1,235", "3"]  # both languages group thousands with commas
    finally:
        install_language(qapp, "en")


def show(qtbot, view, result):
    view.set_result(result)
    view.resize(600, 420)
    view.show()
    qtbot.waitExposed(view)


def test_category_labels_share_their_decimals_and_sit_beside_their_bars(qtbot, result):
    view = CategoryChart()
    qtbot.addWidget(view)
    show(qtbot, view, result)
    drawn = list(view.values().values())  # top down
    # The demo's largest category (new energy, 289.375) is in the hundreds: whole numbers throughout.
    assert max(drawn) == pytest.approx(289.375, abs=0.01)
    top_down = list(reversed(view.bar_labels.texts()))
    assert top_down == [str(round(v)) for v in drawn]
    assert all("." not in text for text in top_down)
    bars = view.chart().series()[0]
    for index, item in enumerate(view.bar_labels.items()):  # bottom up, as the bars are drawn
        end = view.chart().mapToPosition(QPointF(bars.barSets()[0].at(index), index), bars)
        box = item.mapRectToParent(item.boundingRect())
        assert item.isVisible()
        assert end.x() < box.left() < end.x() + 10  # just after the bar's end
        assert box.top() < end.y() < box.bottom()  # on the bar's row
        assert view.chart().rect().contains(box)  # not cut off at the chart's edge


def test_spend_labels_share_their_decimals(qtbot, result):
    view = SpendByYearChart()
    qtbot.addWidget(view)
    show(qtbot, view, result)
    spend = [result.spend_by_year[y][0] for y in result.case.years]
    assert view.bar_labels.texts() == [str(round(v)) for v in spend]
    qtbot.waitUntil(view.labels_visible)
    view.set_result(Result(result.case, Solution("infeasible")))
    assert view.bar_labels.texts() == []
