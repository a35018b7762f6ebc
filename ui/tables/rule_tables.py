"""The case's rules as three editable tables: the negative list, the exclusive groups' counts and each
subsidiary's own budgets (the NegativeList, Groups and Entities sheets; workbook.md "Screening and relations").

Like the project table, a model never changes the Case it was given: an edit builds the new rules, checks them
as the workbook reader would (a rule's match is parsed by optimizer/io/negative_list.py, a group's counts checked
by optimizer/io/groups.py, a budget read by optimizer/io/values.py) and then emits them, or emits `refused` with
the reader's message and changes nothing. The Rules tab (ui/panels/rules_panel.py) puts the rules on the case.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QComboBox, QSpinBox, QStyledItemDelegate

from optimizer.io.groups import check_group_marks, count_problem
from optimizer.io.negative_list import make_rule, rule_fields, screening_problem
from optimizer.io.values import BadValue, parse_non_negative
from optimizer.model.case import PROJECT_COLUMNS, Case, GroupCount
from optimizer.model.negative_list import RULE_CLASS_NAMES, TOTAL_CAPEX_FIELD, NegativeRule, RuleClass
from optimizer.model.screening import Status
from optimizer.model.targets import TOTAL_BUDGET, budget_key, entity_budget, entity_budget_key
from optimizer.words.text import Text, said
from ui import i18n
from ui.tables.project_table import SCREENING_COLOURS

ROOT = QModelIndex()
ROW_ROLE = Qt.UserRole + 1
"""The row's object: a NegativeRule, a group's name, an entity's name."""
CHOICES_ROLE = Qt.UserRole + 2
"""Of an index edited by choosing: the (text, value) pairs to choose from."""
NO_LIMIT = -1
"""A group's max_count box at its lowest: no maximum."""

CLASS, FIELD, MATCH, HITS, REASON = range(5)
GROUP, MEMBERS, MIN_COUNT, MAX_COUNT = range(4)
ENTITY = 0

CLASS_COLOURS = {RuleClass.PROHIBITED: SCREENING_COLOURS[Status.PROHIBITED],
                 RuleClass.SUPERVISED: SCREENING_COLOURS[Status.SUPERVISED]}


def class_name(rule_class: RuleClass) -> str:
    name = RULE_CLASS_NAMES[rule_class]
    return name.chinese if i18n.is_chinese() else name.english.capitalize()


def field_name(field: str) -> str:
    """A rule's field as the app names and writes it: the Projects column's key (sector), its Chinese name in
    Chinese (所属行业), either of which the reader takes; the workbook's own columns as headed."""
    chinese = i18n.is_chinese()
    if field in PROJECT_COLUMNS:
        return PROJECT_COLUMNS[field] if chinese else field
    if field == TOTAL_CAPEX_FIELD:
        return "投资" if chinese else field
    if field.startswith("capex_") and field[6:].isdigit():
        return f"投资_{field[6:]}" if chinese else field
    return field


def field_choices(case: Case) -> list[tuple[str, str]]:
    """(shown name, field) of each field a rule on this case may name, as the reader knows them."""
    chinese = i18n.is_chinese()
    choices = []
    for field in rule_fields(case):
        shown = field_name(field)
        if not chinese and field in PROJECT_COLUMNS:
            shown = f"{field}  {PROJECT_COLUMNS[field]}"
        choices.append((shown, field))
    return choices


class _RuleTable(QAbstractTableModel):
    """What the three tables share: the case, the column count and the message of a refused edit."""

    refused = Signal(str)  # the reader's message, in the app's language
    COLUMNS = 0

    def __init__(self, parent=None):
        super().__init__(parent)
        self._case: Case | None = None

    def rowCount(self, parent=ROOT) -> int:
        return 0 if parent.isValid() or self._case is None else len(self._rows())

    def columnCount(self, parent=ROOT) -> int:
        return 0 if parent.isValid() else self.COLUMNS

    def _rows(self) -> list:
        raise NotImplementedError

    def _refuse(self, message: Text | str) -> bool:
        self.refused.emit(i18n.words().text(message) if isinstance(message, Text) else message)
        return False

    def _row_changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))


# --- the negative list ----------------------------------------------------------------------------------
class NegativeListModel(_RuleTable):
    """A row per rule: its class, field, match, how many projects it matches and its reason."""

    rulesEdited = Signal(tuple)  # the new negative list
    COLUMNS = 5

    def set_case(self, case: Case | None) -> None:
        self.beginResetModel()
        self._case = case
        self.endResetModel()

    def _rows(self) -> list[NegativeRule]:
        return list(self._case.negative_list)

    def rule_at(self, row: int) -> NegativeRule:
        return self._case.negative_list[row]

    def hits(self, rule: NegativeRule) -> list[str]:
        """The ids of the projects the rule matches."""
        return [p.id for p in self._case.projects if rule.applies_to(p)]

    def headerData(self, section: int, orientation, role=Qt.DisplayRole):
        if orientation != Qt.Horizontal or not 0 <= section < self.COLUMNS:
            return None
        if role == Qt.DisplayRole:
            return {CLASS: self.tr("Class"), FIELD: self.tr("Field"), MATCH: self.tr("Match"),
                    HITS: self.tr("Hits"), REASON: self.tr("Reason")}[section]
        if role == Qt.ToolTipRole:
            return {CLASS: self.tr("Prohibited: the project may not be chosen. Supervised: it may be, under special "
                                   "supervision (unless supervised projects are not allowed)."),
                    FIELD: self.tr("The Projects column the rule looks at"),
                    MATCH: self.tr("One or more values separated by a comma, 、 or ;: text equal ignoring case and "
                                   "spaces, *text* for text that contains it, yes or no, a number or >=50, <6%"),
                    HITS: self.tr("How many projects the rule matches"),
                    REASON: self.tr("What a project's reason says when the rule leaves it out")}[section]
        return None

    def data(self, index: QModelIndex, role=Qt.DisplayRole):
        if not index.isValid() or self._case is None:
            return None
        rule, column = self.rule_at(index.row()), index.column()
        if role == ROW_ROLE:
            return rule
        if role == Qt.DisplayRole:
            return {CLASS: class_name(rule.rule_class), FIELD: field_name(rule.field), MATCH: rule.match_text,
                    HITS: len(self.hits(rule)), REASON: rule.reason}[column]
        if role == Qt.EditRole:
            return {CLASS: rule.rule_class.value, FIELD: rule.field, MATCH: rule.match_text,
                    REASON: rule.reason}.get(column)
        if role == CHOICES_ROLE and column == CLASS:
            return [(class_name(c), c.value) for c in RuleClass]
        if role == CHOICES_ROLE and column == FIELD:
            return field_choices(self._case)
        if role == Qt.ToolTipRole:
            if column == HITS:
                ids = self.hits(rule)
                return ", ".join(ids) if ids else self.tr("No project matches this rule.")
            if column in (FIELD, MATCH, REASON):
                return self.data(index)
        if role == Qt.ForegroundRole and column == CLASS:
            return CLASS_COLOURS[rule.rule_class]
        if role == Qt.TextAlignmentRole and column == HITS:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None

    def flags(self, index: QModelIndex):
        if not index.isValid():
            return Qt.NoItemFlags
        editable = Qt.ItemIsEditable if index.column() != HITS else Qt.NoItemFlags
        return Qt.ItemIsEnabled | Qt.ItemIsSelectable | editable

    def setData(self, index: QModelIndex, value, role=Qt.EditRole) -> bool:
        if role != Qt.EditRole or not index.isValid() or index.column() == HITS:
            return False
        rule = self.rule_at(index.row())
        value = "" if value is None else str(value)
        if self.data(index, Qt.EditRole) == value:
            return False
        written = {CLASS: rule.rule_class.value, FIELD: rule.field_text, MATCH: rule.match_text,
                   REASON: rule.reason}
        written[index.column()] = field_name(value) if index.column() == FIELD else value
        if index.column() in (FIELD, MATCH) and rule.reason == f"{rule.field_text} {rule.match_text}":
            written[REASON] = ""  # the reason the reader made up for a rule without one: made up again
        made = make_rule(self._case, written[CLASS], written[FIELD], written[MATCH], written[REASON])
        if isinstance(made, Text):
            return self._refuse(made)
        rules = list(self._case.negative_list)
        rules[index.row()] = replace(made, row=rule.row)
        return self._edit(tuple(rules), index.row())

    def add(self, rule_class: str, field: str, match: str, reason: str) -> bool:
        """Add a rule written in the panel's form (`field` one of `field_choices`), read as the NegativeList sheet's
        rows are."""
        made = make_rule(self._case, rule_class, field_name(field), match, reason)
        if isinstance(made, Text):
            return self._refuse(made)
        return self._edit((*self._case.negative_list, made), None)

    def remove(self, rows: list[int]) -> bool:
        rules = tuple(r for i, r in enumerate(self._case.negative_list) if i not in set(rows))
        return len(rules) != len(self._case.negative_list) and self._edit(rules, None)

    def _edit(self, rules: tuple[NegativeRule, ...], row: int | None) -> bool:
        """Take the rules unless they prohibit a mandatory project (the reader's message says which)."""
        case = replace(self._case, negative_list=rules)
        problem = screening_problem(case)
        if problem is not None:
            return self._refuse(problem)
        if row is None:
            self.set_case(case)
        else:
            self._case = case
            self._row_changed(row)
        self.rulesEdited.emit(rules)
        return True


# --- the groups -----------------------------------------------------------------------------------------
class GroupsModel(_RuleTable):
    """A row per exclusive group the projects name: its projects and how many of them may be chosen."""

    groupsEdited = Signal(dict)  # group -> GroupCount
    COLUMNS = 4

    def set_case(self, case: Case | None) -> None:
        self.beginResetModel()
        self._case = case
        self._members: dict[str, list[str]] = {}
        for p in case.projects if case else ():
            if p.exclusive_group:
                self._members.setdefault(p.exclusive_group, []).append(p.id)
        self._groups = list(self._members)
        self.endResetModel()

    def _rows(self) -> list[str]:
        return self._groups

    def members(self, group: str) -> list[str]:
        return self._members[group]

    def headerData(self, section: int, orientation, role=Qt.DisplayRole):
        if orientation != Qt.Horizontal or not 0 <= section < self.COLUMNS:
            return None
        if role == Qt.DisplayRole:
            return {GROUP: self.tr("Group"), MEMBERS: self.tr("Projects"), MIN_COUNT: self.tr("Min"),
                    MAX_COUNT: self.tr("Max")}[section]
        if role == Qt.ToolTipRole:
            return {GROUP: self.tr("The projects' exclusive_group column (互斥组)"),
                    MEMBERS: self.tr("The projects in the group"),
                    MIN_COUNT: self.tr("The fewest of the group's projects chosen (min_count, 最少)"),
                    MAX_COUNT: self.tr("The most of the group's projects chosen (max_count, 最多); a group the "
                                       "Groups sheet does not name takes at most one")}[section]
        return None

    def data(self, index: QModelIndex, role=Qt.DisplayRole):
        if not index.isValid() or self._case is None:
            return None
        group, column = self._groups[index.row()], index.column()
        count = self._case.group_count(group)
        if role == ROW_ROLE:
            return group
        if role in (Qt.DisplayRole, Qt.ToolTipRole):
            if column == MAX_COUNT and count.max_count is None:
                return self.tr("No limit")
            return {GROUP: group, MEMBERS: ", ".join(self._members[group]), MIN_COUNT: count.min_count,
                    MAX_COUNT: count.max_count}[column]
        if role == Qt.EditRole:
            return {MIN_COUNT: count.min_count,
                    MAX_COUNT: NO_LIMIT if count.max_count is None else count.max_count}.get(column)
        if role == Qt.TextAlignmentRole and column in (MIN_COUNT, MAX_COUNT):
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None

    def flags(self, index: QModelIndex):
        if not index.isValid():
            return Qt.NoItemFlags
        editable = Qt.ItemIsEditable if index.column() in (MIN_COUNT, MAX_COUNT) else Qt.NoItemFlags
        return Qt.ItemIsEnabled | Qt.ItemIsSelectable | editable

    def setData(self, index: QModelIndex, value, role=Qt.EditRole) -> bool:
        if role != Qt.EditRole or not index.isValid() or index.column() not in (MIN_COUNT, MAX_COUNT):
            return False
        group = self._groups[index.row()]
        count = self._case.group_count(group)
        number = int(value)
        if index.column() == MIN_COUNT:
            edited = GroupCount(number, count.max_count)
        else:
            edited = GroupCount(count.min_count, None if number < 0 else number)
        if edited == count:
            return False
        return self.set_count(group, edited)

    def set_count(self, group: str, count: GroupCount) -> bool:
        """Set a group's counts, unless the reader would refuse them (its message says why)."""
        problem = count_problem(group, count.min_count, count.max_count, self._members[group])
        if problem is not None:
            return self._refuse(problem[1])
        groups = {**self._case.groups, group: count}
        marks: list[Text] = []
        check_group_marks(list(self._case.projects), groups, lambda _field, _row: "", "",
                          lambda _sheet, _cell, message: marks.append(message))
        if marks:
            return self._refuse(marks[0])
        self._case = replace(self._case, groups=groups)
        self._row_changed(self._groups.index(group))
        self.groupsEdited.emit(groups)
        return True


# --- each subsidiary's budgets --------------------------------------------------------------------------
class EntityBudgetsModel(_RuleTable):
    """A row per subsidiary the projects (or the case's budgets) name: its total budget and each plan year's;
    blank is no cap."""

    budgetEdited = Signal(str, object)  # the limit's key (budget_2027@entity), its cap or None
    COLUMNS = 1

    def set_case(self, case: Case | None) -> None:
        self.beginResetModel()
        self._case = case
        self._budgets = [TOTAL_BUDGET, *(budget_key(year) for year in case.years)] if case else []
        self.COLUMNS = 1 + len(self._budgets)
        entities = dict.fromkeys(p.entity for p in case.projects if p.entity) if case else {}
        for key in case.settings.limits if case else ():
            if (of_entity := entity_budget(key)) is not None:
                entities.setdefault(of_entity[1])
        self._entities = list(entities)
        self.endResetModel()

    def _rows(self) -> list[str]:
        return self._entities

    def key_at(self, index: QModelIndex) -> str:
        """The limit of a budget cell: `budget_2027@entity`."""
        return entity_budget_key(self._budgets[index.column() - 1], self._entities[index.row()])

    def headerData(self, section: int, orientation, role=Qt.DisplayRole):
        if orientation != Qt.Horizontal or not 0 <= section < self.COLUMNS:
            return None
        if section == ENTITY:
            return {Qt.DisplayRole: self.tr("Entity"), Qt.ToolTipRole: "投资主体 (entity)"}.get(role)
        key = self._budgets[section - 1]
        if role == Qt.DisplayRole:
            return self.tr("Total") if key == TOTAL_BUDGET else key.removeprefix("budget_")
        if role == Qt.ToolTipRole:
            return self.tr("The subsidiary's capex over the whole plan ({key})").format(key=key) \
                if key == TOTAL_BUDGET else self.tr("The subsidiary's spend in {year} ({key})").format(
                    year=key.removeprefix("budget_"), key=key)
        return None

    def data(self, index: QModelIndex, role=Qt.DisplayRole):
        if not index.isValid() or self._case is None:
            return None
        entity = self._entities[index.row()]
        if role == ROW_ROLE:
            return entity
        if index.column() == ENTITY:
            return entity if role in (Qt.DisplayRole, Qt.ToolTipRole) else None
        cap = self._case.settings.limits.get(self.key_at(index))
        if role == Qt.DisplayRole:
            return "" if cap is None else f"{cap:,.2f}"
        if role == Qt.EditRole:
            return "" if cap is None else f"{cap:g}"
        if role == Qt.ToolTipRole:
            return self.tr("{key}: its projects' capex is {capex}; blank: no cap").format(
                key=self.key_at(index), capex=f"{self._capex(index):,.2f}")
        if role == Qt.TextAlignmentRole:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None

    def _capex(self, index: QModelIndex) -> float:
        """What the entity's projects would spend in the column's budget, each at its earliest start."""
        entity, key = self._entities[index.row()], self._budgets[index.column() - 1]
        projects = [p for p in self._case.projects if p.entity == entity]
        if key == TOTAL_BUDGET:
            return sum(p.total_capex for p in projects)
        year = int(key.removeprefix("budget_"))
        return sum(p.capex.get(year, 0.0) for p in projects)

    def flags(self, index: QModelIndex):
        if not index.isValid():
            return Qt.NoItemFlags
        editable = Qt.ItemIsEditable if index.column() != ENTITY else Qt.NoItemFlags
        return Qt.ItemIsEnabled | Qt.ItemIsSelectable | editable

    def setData(self, index: QModelIndex, value, role=Qt.EditRole) -> bool:
        if role != Qt.EditRole or not index.isValid() or index.column() == ENTITY:
            return False
        key = self.key_at(index)
        try:
            cap = parse_non_negative(value)
        except BadValue as error:
            return self._refuse(Text("{key} of {entity}: {problem}", key=self._budgets[index.column() - 1],
                                     entity=self._entities[index.row()], problem=said(error)))
        if cap == self._case.settings.limits.get(key):
            return False
        self._case = self._case.with_limits(**{key: cap})
        self.dataChanged.emit(index, index)
        self.budgetEdited.emit(key, cap)
        return True


# --- editing by choosing ----------------------------------------------------------------------------------
class ChoiceDelegate(QStyledItemDelegate):
    """Edits a cell with a combo box of the model's CHOICES_ROLE (the rule's class, its field)."""

    def createEditor(self, parent, option, index):
        combo = QComboBox(parent)
        for text, value in index.data(CHOICES_ROLE) or []:
            combo.addItem(text, value)
        return combo

    def setEditorData(self, editor: QComboBox, index) -> None:
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.EditRole))))

    def setModelData(self, editor: QComboBox, model, index) -> None:
        model.setData(index, editor.currentData(), Qt.EditRole)


class CountDelegate(QStyledItemDelegate):
    """Edits a group's count with a spin box from 0 (a max_count from "no limit") to the group's size."""

    def createEditor(self, parent, option, index):
        spin = QSpinBox(parent)
        model = index.model()
        size = len(model.members(model.data(index, ROW_ROLE)))
        high = max(size, int(index.data(Qt.EditRole) or 0))
        if index.column() == MAX_COUNT:
            spin.setRange(NO_LIMIT, high)
            spin.setSpecialValueText(self.tr("No limit"))
        else:
            spin.setRange(0, high)
        return spin

    def setEditorData(self, editor: QSpinBox, index) -> None:
        editor.setValue(int(index.data(Qt.EditRole)))

    def setModelData(self, editor: QSpinBox, model, index) -> None:
        editor.interpretText()
        model.setData(index, editor.value(), Qt.EditRole)
