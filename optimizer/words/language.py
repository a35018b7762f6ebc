"""The words of a result in the user's language: English or Simplified Chinese.

The engine says everything in English (the headless command and its JSON stay English,
shared/spec/cli.md), each sentence made as a Text: a template and its values. The app and the exported
workbooks show the same things in the user's language, and this is the one place that says them:
a sentence by its template (optimizer/words/chinese.py), a target's or a figure's name from the
registry (optimizer/model/targets.py), a number in its unit (optimizer/words/units.py). Nothing is
translated by matching English sentences, and no sentence is written twice.

    words = Words("zh_CN")
    words.kpi_label("roe")                 # "净资产收益率"
    words.text(exclusion.reason)           # why a project was left out, said from its template and values
    words.say(STATUS_NAMES[status])        # a value that knows both languages: a Name, Items, an Amount
    words("Capex ({unit})").format(unit=words.currency("CNY 100m"))   # "投资额（亿元）"

The Chinese follows the terms of the SASAC "one profit, five rates" (一利五率) reporting and the
workbook contract's Chinese names. Qt-free: the export uses it as well as the app.
"""

from __future__ import annotations

from optimizer.errors import Problem
from optimizer.model.case import STRATEGIC_CATEGORIES
from optimizer.model.targets import FIGURES, OBJECTIVE_NAMES, SCORE_FIGURE, SETTINGS, Kind, setting
from optimizer.words.chinese import EXPORT_CHINESE, TEXT_CHINESE
from optimizer.words.text import Items, Text
from optimizer.words.units import currency_in_chinese, format_in_chinese, format_value, shown_unit, unit_of

ENGLISH, CHINESE = "en", "zh_CN"
LANGUAGES = (ENGLISH, CHINESE)


def language_of(name: str | None) -> str:
    """ENGLISH or CHINESE for a language or locale name ("zh", "zh_CN", "zh-Hans", "en_GB", "")."""
    return CHINESE if (name or "").lower().replace("-", "_").startswith("zh") else ENGLISH


class Words:
    """The words of one language. Called with an English text of the table, gives it in that language."""

    def __init__(self, language: str | None = ENGLISH):
        self.language = language_of(language)
        self.chinese = self.language == CHINESE

    def __call__(self, english: str) -> str:
        return EXPORT_CHINESE.get(english, english) if self.chinese else english

    # --- names ------------------------------------------------------------------------------------
    def kpi_label(self, key: str, english: str = "") -> str:
        """A figure's name: "ROE" / "净资产收益率"."""
        figure = SCORE_FIGURE if key == SCORE_FIGURE.key else FIGURES.get(key)
        if figure is None:
            return english or key
        return figure.name.said_in(self.chinese) if self.chinese or not english else english

    def limit_label(self, key: str, english: str = "") -> str:
        """A limit's name: "Debt ratio" / "资产负债率", "Budget 2027" / "2027年度预算"."""
        try:
            name = setting(key).name
        except KeyError:
            return english or key
        return name.said_in(self.chinese) if self.chinese or not english else english

    def constraint_label(self, name: str, subject: str, english: str) -> str:
        """A row of the constraint table: the limit, and its sector, entity or year when it has several rows."""
        if name == "exclusive_group":
            return f"互斥组 {subject}" if self.chinese else english
        if name == "group_min_count":
            return f"项目组 {subject} 最少入选" if self.chinese else english
        label = self.limit_label(name, english)
        return f"{label}: {subject}" if subject and subject not in label and subject not in english else label

    def objective(self, objective: str) -> str:
        """The objective's name: "NPV", "EVA", "Weighted score" (at the start of a label) / 净现值 ..."""
        name = OBJECTIVE_NAMES.get(objective)
        if name is None:
            return objective
        said = name.said_in(self.chinese)
        return said[:1].upper() + said[1:]

    def category(self, key: str | None) -> str:
        """A strategic emerging industry's name, "" for none."""
        if key not in STRATEGIC_CATEGORIES:
            return ""
        english, chinese = STRATEGIC_CATEGORIES[key]
        return chinese if self.chinese else english

    def weight_label(self, key: str) -> str:
        """A score weight as a Settings row names it: "Return weight" / 收益权重."""
        weight = SETTINGS[key]
        return weight.workbook_chinese if self.chinese else f"{weight.name.english} weight"

    # --- units and numbers ------------------------------------------------------------------------
    def currency(self, currency_unit: str) -> str:
        """The workbook's money unit as a reader of this language writes it: "CNY 100m" is 亿元 in Chinese."""
        return currency_in_chinese(currency_unit) if self.chinese else currency_unit

    def unit(self, kind: str, currency_unit: str) -> str:
        """The unit of a figure of this kind (units.unit_of in this language)."""
        if not self.chinese:
            return unit_of(kind, currency_unit)
        money = self.currency(currency_unit)
        return {Kind.SHARE: "%", Kind.RATE: "%", Kind.MONEY: money, Kind.GRADE: "等级 1-5",
                Kind.PRODUCTIVITY: f"{money}/人"}.get(kind, "")

    def shown_unit(self, kind: str, currency_unit: str) -> str:
        """The unit a table shows a value of this kind in (units.shown_unit): labour productivity in 万元/人,
        "CNY 10k per person", for a case in CNY 100m; the values beside it are units.shown_value."""
        return shown_unit(kind, currency_unit, self.chinese)

    def format_value(self, value: float | None, kind: str, currency_unit: str = "") -> str:
        """units.format_value in this language: 12.50%, 1,234.00 亿元, 78.00 万元/人, "不适用" for none."""
        return format_in_chinese(value, kind, currency_unit) if self.chinese else format_value(value, kind,
                                                                                              currency_unit)

    # --- sentences --------------------------------------------------------------------------------
    def text(self, message: object) -> str:
        """An engine message in this language: a Text by its template and values (each value said in this
        language too: a Text, a Name, Items, an Amount); any other message as it is (English)."""
        if not self.chinese or not isinstance(message, Text):
            return str(message)
        template = TEXT_CHINESE.get(message.template)
        if template is None:
            return str(message)
        return template.format(**{key: self.say(value) for key, value in message.values.items()})

    def say(self, value: object) -> object:
        """A value of a message in this language: a Text, a Name, Items, an Amount said so; a number as it is."""
        if isinstance(value, Text):
            return self.text(value)
        if isinstance(value, Items):
            return value.separator(self.chinese).join(str(self.say(item)) for item in value.items)
        if hasattr(value, "said_in"):
            return value.said_in(self.chinese)
        return value

    def problem(self, problem: Problem) -> str:
        """A workbook problem as listed for the user, "项目!C3：文本“约8”不是数字（capex_2027）"."""
        return self.text(problem.said())


IN_ENGLISH = Words(ENGLISH)
