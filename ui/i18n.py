"""The app's language: Simplified Chinese or English, the system's unless the user chose one.

Qt translates the app's own words (every `tr()`; resources/i18n/portfolio_zh_CN.ts, compiled to
.qm by tools/update_translations.py) and Qt's own dialogs (qtbase_zh_CN.qm, shipped with Qt). The
words of the engine's results (KPI and limit names, reasons, the diagnosis) come from
optimizer.words.language in the same language: `words()` gives them for the language installed now.

Numbers keep the separators both languages share (1,234.56), as the engine writes them; the
locale set with the language (en_US or zh_CN) gives the spin boxes the same ones on any system,
and writes dates the language's way.

Chinese needs a font with CJK glyphs: Windows (Microsoft YaHei) and macOS (PingFang) have one;
on Linux install e.g. fonts-noto-cjk. `has_chinese_font()` tells the window to say so.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFontDatabase

from optimizer.model.targets import PRODUCTIVITY_SCALE
from optimizer.paths import RESOURCES
from optimizer.words.language import CHINESE, ENGLISH, Words, language_of

TRANSLATIONS = RESOURCES / "i18n"
CATALOGUE = "portfolio"
"""resources/i18n/portfolio_<language>.qm"""
LANGUAGE_NAMES = {ENGLISH: "English", CHINESE: "简体中文"}
"""Each language in its own words, as the Language menu lists them."""
LOCALES = {ENGLISH: QLocale(QLocale.Language.English, QLocale.Country.UnitedStates),
           CHINESE: QLocale(QLocale.Language.Chinese, QLocale.Country.China)}

_installed: list[QTranslator] = []
_language = ENGLISH


def system_language(locale: QLocale | None = None) -> str:
    """CHINESE when the system's locale is Chinese (any region), else ENGLISH."""
    return language_of((locale or QLocale.system()).name())


def install_language(app: QCoreApplication, language: str | None) -> str:
    """Translate the app into `language` ("en", "zh_CN", or "" for the system's); returns the one in use.

    Widgets made afterwards speak it; the window rebuilds itself to switch (MainWindow.set_language).
    Without its translation file the app stays in English.
    """
    global _language
    wanted = language_of(language) if language else system_language()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if wanted == CHINESE:
        qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for name, folder in ((f"{CATALOGUE}_{wanted}", str(TRANSLATIONS)), (f"qtbase_{wanted}", qt_folder)):
            translator = QTranslator(app)
            if translator.load(name, folder):
                app.installTranslator(translator)
                _installed.append(translator)
            elif name.startswith(CATALOGUE):  # the app's own words are missing: stay English throughout
                wanted = ENGLISH
                break
    if wanted == ENGLISH:
        for translator in _installed:
            app.removeTranslator(translator)
        _installed.clear()
    QLocale.setDefault(LOCALES[wanted])
    _language = wanted
    return wanted


def language() -> str:
    """The language installed now: ENGLISH or CHINESE."""
    return _language


def is_chinese() -> bool:
    return _language == CHINESE


def words() -> Words:
    """The engine's words in the language installed now."""
    return Words(_language)


def has_chinese_font() -> bool:
    return bool(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))


# --- labour productivity ------------------------------------------------------------------------


@dataclass(frozen=True)
class ProductivityUnit:
    """How labour productivity is shown everywhere in the app, for one case's currency unit.

    The engine's figure is money per person in the case's currency unit: 0.0078 亿元 ("CNY 100m") per
    person. When the unit is 亿元 every widget shows it in 万元 per person (× 10,000: 78.00 万元/人),
    the unit SOE reports use; any other unit is shown as the engine gives it.
    """

    factor: float
    """Shown value = engine value × factor."""
    unit: str
    decimals: int | None
    """Fixed decimals of the shown value; None: four significant digits (a unit we do not know)."""

    def shown(self, value: float) -> float:
        return value * self.factor

    def engine(self, shown: float) -> float:
        """The engine's value of a shown one (a target typed in the shown unit)."""
        return shown / self.factor

    def number(self, value: float | None, signed: bool = False) -> str:
        """The engine's value as shown, without the unit: 78.00 (or "–" for none)."""
        if value is None:
            return "–"
        sign = "+" if signed else ""
        if self.decimals is None:
            return format(self.shown(value), f"{sign}.4g")
        return format(self.shown(value), f"{sign},.{self.decimals}f")

    def text(self, value: float | None, signed: bool = False) -> str:
        """The engine's value as shown, with the unit: 78.00 万元/人."""
        return f"{self.number(value, signed)} {self.unit}".strip()


def productivity_unit(currency_unit: str) -> ProductivityUnit:
    """The unit in which to show labour productivity for a case's currency unit."""
    factor, unit = PRODUCTIVITY_SCALE.get(currency_unit.strip(), (None, None))
    if factor:  # as the engine's words say it: 78.00 万元/人, 78.00 CNY 10k per person
        return ProductivityUnit(factor, "万元/人" if is_chinese() else f"{unit.english} per person", 2)
    unit = words().currency(currency_unit)
    return ProductivityUnit(1.0, QCoreApplication.translate("KpiCard", "{0}/person").format(unit).strip("/"), None)
