"""The board pack read as a committee reader would: the PDF's text (pdftotext) has the headings and every project
an independent solve of the same case chooses, its pages render (pdftoppm), the Word document opens with
python-docx and holds real tables with those ids; the command's exit statuses and checks before the solve."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT

docx = pytest.importorskip("docx", reason="python-docx is not installed (pip install python-docx)")

DEMO = ROOT / "resources" / "demo_case.xlsx"
MAIN = str(ROOT / "main.py")
CHINESE_HEADINGS = ("投资组合决策汇报材料", "决策摘要", "关键指标", "图表", "建议投资项目", "未入选项目及原因",
                    "紧约束及其价值", "决策记录")
ENGLISH_HEADINGS = ("Investment portfolio: board pack", "Summary for the committee", "Key figures before and after",
                    "Charts", "Recommended projects", "Projects left out", "Limits that bind", "Decision log")
OVERRIDE = ("--set", "min_strategic_share=0.7")


def _needs(tool: str) -> None:
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed (poppler-utils): the PDF cannot be read back as a reader would")


def _has_chinese_font() -> bool:
    from ui.board_pack.fonts import cjk_family

    return cjk_family() is not None


def _command(*args) -> list[str]:
    return [sys.executable, MAIN, *map(str, args)]


@pytest.fixture(scope="module")
def chosen(tmp_path_factory) -> list[str]:
    """The ids an independent solve of the case chooses: the `solve` command's JSON, not the pack's builder."""
    out = tmp_path_factory.mktemp("solve") / "result.json"
    done = subprocess.run(_command("solve", DEMO, *OVERRIDE, "--json", out), capture_output=True, text=True,
                          cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    ids = [x["id"] for x in json.loads(out.read_text(encoding="utf-8"))["selected"]]
    assert len(ids) > 10
    return ids


@pytest.fixture(scope="module")
def packs(tmp_path_factory) -> dict[str, object]:
    """The demo's pack in both languages and both formats; the Chinese PDF from a process without a display."""
    folder = tmp_path_factory.mktemp("packs")
    found = {}
    for language in ("zh_CN", "en"):
        for suffix in (".pdf", ".docx"):
            path = folder / f"pack-{language}{suffix}"
            env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
            done = subprocess.run(_command("report", DEMO, "-o", path, "--lang", language, *OVERRIDE),
                                  capture_output=True, text=True, cwd=ROOT, timeout=300, env=env)
            found[language + suffix] = (path, done)
    return found


def _pack(packs, name: str):
    path, done = packs[name]
    if name.startswith("zh_CN") and "No Chinese font" in done.stderr:
        pytest.skip("no Chinese font is installed: the Chinese pack is refused, as it should be")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Board pack written" in done.stdout
    return path


def _pdf_text(path) -> str:
    _needs("pdftotext")
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize("language, headings", [("zh_CN", CHINESE_HEADINGS), ("en", ENGLISH_HEADINGS)])
def test_the_pdf_reads_back_with_its_headings_and_every_chosen_project(packs, chosen, language, headings):
    text = _pdf_text(_pack(packs, f"{language}.pdf"))
    missing_headings = [h for h in headings if h not in text]
    assert not missing_headings
    assert [project for project in chosen if project not in text] == []
    assert "min_strategic_share" in text  # the --set override, in the decision log


def test_the_chinese_pdf_embeds_its_fonts_and_renders_to_images(packs, tmp_path):
    path = _pack(packs, "zh_CN.pdf")
    _needs("pdffonts")
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, timeout=60).stdout
    rows = [line.split() for line in fonts.splitlines()[2:] if line.strip()]
    assert rows and all("yes" in row[-5:-2][:1] for row in rows), fonts  # every font embedded ("emb" yes)
    assert any("CJK" in row[0] or "Hei" in row[0] or "Song" in row[0] for row in rows), fonts
    _needs("pdftoppm")
    done = subprocess.run(["pdftoppm", "-r", "40", "-png", str(path), str(tmp_path / "page")], capture_output=True,
                          timeout=120)
    assert done.returncode == 0
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 5 and all(p.stat().st_size > 2000 for p in pages)


@pytest.mark.parametrize("language, heading", [("zh_CN", "建议投资项目"), ("en", "Recommended projects")])
def test_the_word_document_holds_real_tables_and_headings(packs, chosen, language, heading):
    document = docx.Document(str(_pack(packs, f"{language}.docx")))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert heading in headings
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert [project for project in chosen if project not in cells] == []
    assert len(document.inline_shapes) >= 2  # the charts: spend by year, capex by category
    overrides = [row for table in document.tables for row in table.rows
                 if row.cells[0].text == "min_strategic_share" and len(row.cells) == 5]
    assert overrides and [c.text for c in overrides[0].cells[2:4]] == ["0.65", "0.7"]  # the workbook's, the used


def test_the_worth_of_one_more_unit_of_budget_is_that_of_a_fresh_re_solve(packs):
    """The binding total budget's worth in the pack against the case solved again, independently, with 1 CNY 100m
    more: the two agree within the optimality gaps of the solves."""
    import re

    from optimizer.io.workbook import read_case
    from optimizer.planner import Planner

    document = docx.Document(str(_pack(packs, "en.docx")))
    row = next(row for table in document.tables for row in table.rows if row.cells[0].text == "Total budget")
    worth = float(re.search(r"([+-][\d.,]+) NPV for 1 CNY 100m looser", row.cells[3].text).group(1).replace(",", ""))
    case = read_case(DEMO).with_limits(min_strategic_share=0.7)
    base = Planner().solve(case).solution
    more = Planner().solve(case.with_limits(total_budget=case.settings.limits["total_budget"] + 1)).solution
    tolerance = 2 * case.settings.mip_gap * abs(base.objective_value) + 1e-3
    assert worth == pytest.approx(more.objective_value - base.objective_value, abs=tolerance)


def test_conflicting_targets_exit_3_and_the_pack_says_why(tmp_path):
    path = tmp_path / "conflict.pdf"
    done = subprocess.run(_command("report", DEMO, "-o", path, "--set", "min_roe=0.09"), capture_output=True,
                          text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 3, done.stdout + done.stderr
    text = _pdf_text(path)
    assert "Why the targets cannot all be met" in text and "min_roe" in text
    assert "Recommended projects" not in text


def test_a_target_that_is_not_a_pack_is_refused_before_the_solve(tmp_path):
    done = subprocess.run(_command("report", DEMO, "-o", tmp_path / "pack.xlsx"), capture_output=True, text=True,
                          cwd=ROOT, timeout=300)
    assert done.returncode == 1
    assert ".docx" in done.stderr and "Status:" not in done.stdout  # said before anything was solved
    assert not (tmp_path / "pack.xlsx").exists()


def test_an_invalid_option_exits_2_and_writes_nothing(tmp_path):
    done = subprocess.run(_command("report", DEMO, "-o", tmp_path / "pack.pdf", "--set", "min_roe=abc"),
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 2, done.stdout + done.stderr
    assert not (tmp_path / "pack.pdf").exists()


def test_a_chinese_pack_without_a_chinese_font_is_refused_in_plain_words(qapp, monkeypatch):
    from optimizer.errors import ExportError
    from ui.board_pack import fonts

    monkeypatch.setattr(fonts, "cjk_family", lambda: None)
    with pytest.raises(ExportError, match="No Chinese font is installed"):
        fonts.pack_fonts(chinese=True)
    assert fonts.pack_fonts(chinese=False).cjk is None  # an English pack is still written


def test_the_chinese_pack_is_drawn_in_a_font_with_chinese(qapp):
    if not _has_chinese_font():
        pytest.skip("no Chinese font is installed on this machine")
    from PySide6.QtGui import QFontDatabase

    from ui.board_pack.fonts import pack_fonts

    cjk = pack_fonts(chinese=True).cjk
    assert QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(cjk)


def test_the_app_exports_the_pack_of_its_current_what_if(qtbot, tmp_path, monkeypatch):
    """File ▸ Export board pack… writes the answer on screen, with the slider's budget: its projects are those
    of an independent solve of the case with that budget, and the decision log names the override."""
    from PySide6.QtWidgets import QFileDialog

    from optimizer.io.workbook import read_case
    from optimizer.planner import Planner
    from tests.ui.conftest import isolated_settings
    from ui.window.main_window import MainWindow

    window = MainWindow(isolated_settings(tmp_path))
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.controller.resultReady, timeout=60000):
        assert window.open_case(DEMO)
    with qtbot.waitSignal(window.controller.resultReady, timeout=60000) as blocker:
        window.whatif.budget.slider.setValue(window.whatif.budget_position(0.8))
    budget = blocker.args[0].case.settings.limits["total_budget"]
    expected = Planner().solve(read_case(DEMO).with_limits(total_budget=budget))
    target = tmp_path / "pack.docx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.board_pack.export_dialog()
    qtbot.waitUntil(lambda: "Board pack written" in window.statusBar().currentMessage(), timeout=60000)
    document = docx.Document(str(target))
    tables = {id(t): t for t in document.tables}
    selected = next(t for t in tables.values() if t.rows[0].cells[0].text == "ID"
                    and t.rows[0].cells[-1].text.startswith("NPV"))
    ids = {row.cells[0].text for row in selected.rows[1:-1]}  # less the header and the total
    assert ids == {x.id for x in expected.selected}
    override = next(row for table in document.tables for row in table.rows
                    if row.cells[0].text == "total_budget" and len(row.cells) == 5)
    assert override.cells[3].text == f"{budget:g}" and override.cells[4].text == "slider"  # the value used, by what
    window.controller.cancel()
    window.controller.wait()
