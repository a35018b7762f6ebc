"""The Rules tab: the case's negative list, its exclusive groups' counts and each subsidiary's own budgets,
edited in place (workbook.md, "Screening and relations").

Three boxes, each a table of ui/tables/rule_tables.py: the negative list (a rule per row, how many projects it
matches, a form below to add one, a button to remove the selected), the groups the projects name (their
projects, min and max chosen) and the subsidiaries' budgets (total and by plan year, in the case's currency;
blank is no cap). An edit the workbook reader would refuse is refused here with its message, under the table, and
the case stays as it was. Like the targets form, edits are gathered for a moment (DEBOUNCE_MS) and emitted as one
new Case; the panel shows the document's cases but for its own edits.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from optimizer.model.case import Case
from optimizer.model.negative_list import RuleClass
from ui import i18n
from ui.panels.year_grid import scrolled_column
from ui.tables.rule_tables import (
    CLASS,
    FIELD,
    MAX_COUNT,
    MEMBERS,
    MIN_COUNT,
    REASON,
    ChoiceDelegate,
    CountDelegate,
    EntityBudgetsModel,
    GroupsModel,
    NegativeListModel,
    class_name,
    field_choices,
)
from ui.window.document import Change

DEBOUNCE_MS = 300
ERROR_STYLE = "color: #b42318;"
WIDEST_COLUMN = 220
COLUMN_PADDING = 8
FIELD_WIDTH = 150
"""The add form's field box: "operating_cash_flow  经营现金流" fits, the form fits a 420-px dock."""


class RulesPanel(QWidget):
    """The negative list, the groups and the entity budgets of the case."""

    caseEdited = Signal(object)  # the new Case

    def __init__(self, parent=None):
        super().__init__(parent)
        self._case: Case | None = None
        self._pending: dict[str, object] = {}  # what the panel changed and has not emitted yet
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.flush)
        self.rules = NegativeListModel(self)
        self.groups = GroupsModel(self)
        self.entities = EntityBudgetsModel(self)
        self._build()
        self.rules.rulesEdited.connect(lambda rules: self._edited("negative_list", rules, self.rules_message))
        self.groups.groupsEdited.connect(lambda groups: self._edited("groups", groups, self.groups_message))
        self.entities.budgetEdited.connect(self._budget_edited)
        self.rules.refused.connect(self.rules_message.say)
        self.groups.refused.connect(self.groups_message.say)
        self.entities.refused.connect(self.entities_message.say)
        self.setEnabled(False)

    # --- building ---------------------------------------------------------------------------------
    def _build(self) -> None:
        self.scroll = scrolled_column(self, (self._build_negative_list(), self._build_groups(),
                                             self._build_entities()))

    def _build_negative_list(self) -> QGroupBox:
        box = QGroupBox(self.tr("Negative list (负面清单)"))
        layout = QVBoxLayout(box)
        self.rules_view = RuleTable(self.rules, stretch=REASON)
        choices = ChoiceDelegate(self.rules_view)
        for column in (CLASS, FIELD):
            self.rules_view.setItemDelegateForColumn(column, choices)
        layout.addWidget(self.rules_view)
        form = QGridLayout()
        self.class_combo = QComboBox()
        for rule_class in RuleClass:
            self.class_combo.addItem(class_name(rule_class), rule_class.value)
        self.field_combo = QComboBox()
        self.field_combo.setMaximumWidth(FIELD_WIDTH)
        self.field_combo.setToolTip(self.tr("The Projects column the rule looks at"))
        self.match_edit = QLineEdit()
        self.match_edit.setPlaceholderText(self.tr("Match: 房地产, *煤*, yes, >=50"))
        self.match_edit.setToolTip(self.tr(
            "One or more values separated by a comma, 、 or ;: text equal ignoring case and spaces, *text* for "
            "text that contains it, yes or no, a number or >=50, <6%"))
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText(self.tr("Reason"))
        self.add_button = QPushButton(self.tr("Add rule"))
        self.remove_button = QPushButton(self.tr("Remove selected"))
        self.add_button.clicked.connect(self.add_rule)
        self.match_edit.returnPressed.connect(self.add_rule)
        self.remove_button.clicked.connect(self.remove_selected_rules)
        form.addWidget(self.class_combo, 0, 0)
        form.addWidget(self.field_combo, 0, 1)
        form.addWidget(self.match_edit, 1, 0)
        form.addWidget(self.reason_edit, 1, 1)
        form.addWidget(self.add_button, 2, 0)
        form.addWidget(self.remove_button, 2, 1)
        form.setColumnStretch(0, 1)
        form.setColumnStretch(1, 1)
        layout.addLayout(form)
        self.rules_message = Message()
        layout.addWidget(self.rules_message)
        return box

    def _build_groups(self) -> QGroupBox:
        box = QGroupBox(self.tr("Exclusive groups (项目组)"))
        layout = QVBoxLayout(box)
        hint = QLabel(self.tr("How many projects of each group may be chosen; a group the case does not set "
                              "takes at most one. Min 1 and max 1: exactly one."))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.groups_view = RuleTable(self.groups, stretch=MEMBERS)
        counts = CountDelegate(self.groups_view)
        for column in (MIN_COUNT, MAX_COUNT):
            self.groups_view.setItemDelegateForColumn(column, counts)
        layout.addWidget(self.groups_view)
        self.groups_message = Message()
        layout.addWidget(self.groups_message)
        return box

    def _build_entities(self) -> QGroupBox:
        box = QGroupBox(self.tr("Entity budgets (投资主体)"))
        layout = QVBoxLayout(box)
        self.entities_hint = QLabel()
        self.entities_hint.setWordWrap(True)
        layout.addWidget(self.entities_hint)
        self.entities_view = RuleTable(self.entities, stretch=None)
        layout.addWidget(self.entities_view)
        self.entities_message = Message()
        layout.addWidget(self.entities_message)
        return box

    # --- feeding ----------------------------------------------------------------------------------
    def follow_case(self, case: Case, change: Change) -> None:
        """The document's case, but for this panel's own edits (they are what it shows already)."""
        if change is not Change.RULES_EDITED:
            self.set_case(case)

    def set_case(self, case: Case | None) -> None:
        """Show `case`, with the edits not yet emitted still on it."""
        self.setEnabled(case is not None)
        if case is None:
            self._timer.stop()
            self._pending.clear()
        else:
            case = self._with_pending(case)
        self._case = case
        for model in (self.rules, self.groups, self.entities):
            model.set_case(case)
        if case is None:
            return
        self.field_combo.clear()
        for text, field in field_choices(case):
            self.field_combo.addItem(text, field)
        self.field_combo.setCurrentIndex(max(0, self.field_combo.findData("sector")))
        unit = i18n.words().currency(case.settings.currency_unit)
        self.entities_hint.setText(self.tr("Each subsidiary's own caps on its projects' spend, in {unit}; blank: "
                                           "no cap.").format(unit=unit))

    def _with_pending(self, case: Case) -> Case:
        if "negative_list" in self._pending:
            case = replace(case, negative_list=self._pending["negative_list"])
        if "groups" in self._pending:
            case = replace(case, groups=self._pending["groups"])
        return case.with_limits(**self._pending.get("limits", {}))

    # --- editing ----------------------------------------------------------------------------------
    def add_rule(self) -> bool:
        """Add the rule of the form; the form is cleared for the next one, or keeps it with the reader's message."""
        added = self.rules.add(self.class_combo.currentData(), self.field_combo.currentData() or "",
                               self.match_edit.text(), self.reason_edit.text().strip())
        if added:
            self.match_edit.clear()
            self.reason_edit.clear()
        return added

    def remove_selected_rules(self) -> bool:
        rows = sorted({index.row() for index in self.rules_view.selectionModel().selectedIndexes()})
        return self.rules.remove(rows)

    def _edited(self, part: str, value: object, message: Message) -> None:
        message.say("")
        self._pending[part] = value
        self._case = replace(self._case, **{part: value})
        self._timer.start()

    def _budget_edited(self, key: str, cap: float | None) -> None:
        self.entities_message.say("")
        self._pending.setdefault("limits", {})[key] = cap
        self._case = self._case.with_limits(**{key: cap})
        self._timer.start()

    def flush(self) -> None:
        """Emit the pending edits now (the window calls this before saving or solving)."""
        self._timer.stop()
        if not self._pending or self._case is None:
            self._pending.clear()
            return
        self._pending.clear()
        self.caseEdited.emit(self._case)


class RuleTable(QTableView):
    """A table of the panel: as tall as its rows (the tab scrolls, not the table), scrolled sideways if need be;
    the column `stretch` takes the width to spare."""

    def __init__(self, model, stretch: int | None):
        super().__init__()
        self._stretch = stretch
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.setEditTriggers(QAbstractItemView.DoubleClicked | QAbstractItemView.EditKeyPressed
                             | QAbstractItemView.SelectedClicked)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollPerPixel)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.setWordWrap(False)
        model.modelReset.connect(self.fit)

    def fit(self) -> None:
        """Each column as wide as its widest text (a long one elided at WIDEST_COLUMN), the stretching one over
        the rest; the height of every row, and of the sideways scroll bar when the columns are wider."""
        header = self.horizontalHeader()
        for column in range(self.model().columnCount()):
            stretch = column == self._stretch
            header.setSectionResizeMode(column, QHeaderView.Stretch if stretch else QHeaderView.Interactive)
            if not stretch:
                self.resizeColumnToContents(column)
                self.setColumnWidth(column, min(self.columnWidth(column) + COLUMN_PADDING, WIDEST_COLUMN))
        self._fit_height()

    def _fit_height(self) -> None:
        rows = max(self.model().rowCount(), 1)
        height = self.horizontalHeader().sizeHint().height() + rows * self.verticalHeader().defaultSectionSize()
        inside = self.width() - 2 * self.frameWidth()
        if self._stretch is None and self.horizontalHeader().length() > inside:
            height += self.horizontalScrollBar().sizeHint().height()
        self.setFixedHeight(height + 2 * self.frameWidth())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_height()


class Message(QLabel):
    """Where a refused edit's reason shows, in red, until the next edit is taken; hidden while there is none."""

    def __init__(self):
        super().__init__()
        self.setWordWrap(True)
        self.setStyleSheet(ERROR_STYLE)
        self.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.setVisible(False)

    def say(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))
