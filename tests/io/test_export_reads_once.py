"""The export loads the input workbook with openpyxl once (it used to load it twice: for the values and
again for the formulas without a saved value), and still copies what it copied before: saved values
for formulas Excel computed, the formula itself where Excel never did, shared formulas moved to their
cells exactly as openpyxl's own formula reading gives them."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from openpyxl import Workbook, load_workbook

from optimizer.cli import solve_case
from optimizer.io import export as export_module
from optimizer.io.export import export_result
from optimizer.io.workbook import read_case


def _case_with_formulas(path: Path) -> Path:
    """Projects with a saved formula in npv, an unsaved plain formula and an unsaved shared formula
    (written the way Excel writes one formula filled down: the text once, then `si` references)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Projects"
    ws.append(["id", "name", "capex_2027", "npv", "note", "double"])
    ws.append(["A", "Alpha", 60, "=20+30", "=1+1", None])
    ws.append(["B", "Beta", 50, 20, None, None])
    ws.append(["C", "Gamma", 40, 15, None, None])
    settings = wb.create_sheet("Settings")
    settings.append(["key", "value"])
    settings.append(["total_budget", 100])
    wb.save(path)
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    sheet = sheet.replace("<f>20+30</f><v></v>", "<f>20+30</f><v>50</v>").replace("<f>20+30</f><v />",
                                                                                 "<f>20+30</f><v>50</v>")
    shared = {2: '<c r="F2"><f t="shared" ref="F2:F4" si="0">C2*2+D$2</f></c>',
              3: '<c r="F3"><f t="shared" si="0"/></c>', 4: '<c r="F4"><f t="shared" si="0"/></c>'}
    for row, cell in shared.items():
        end = sheet.index("</row>", sheet.index(f'<row r="{row}"'))
        sheet = sheet[:end] + cell + sheet[end:]
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    path.write_bytes(buffer.getvalue())
    return path


def test_the_export_loads_the_input_once_and_copies_what_it_did(tmp_path, monkeypatch):
    case_path = _case_with_formulas(tmp_path / "formulas.xlsx")
    as_formulas = load_workbook(case_path)["Projects"]  # openpyxl's own reading of the formulas: the reference
    assert [as_formulas[f"F{r}"].value for r in (2, 3, 4)] == ["=C2*2+D$2", "=C3*2+D$2", "=C4*2+D$2"]
    result = solve_case(read_case(case_path))
    assert result.solution.has_portfolio

    loads = []

    def counting_load(*args, **kwargs):
        loads.append(kwargs)
        return load_workbook(*args, **kwargs)

    monkeypatch.setattr(export_module, "load_workbook", counting_load)
    out = tmp_path / "result.xlsx"
    export_result(result, out)
    assert len(loads) == 1

    ws = load_workbook(out)["Projects"]
    assert ws["D2"].value == 50 and ws["D2"].data_type == "n"  # a saved value is copied as the value
    assert ws["E2"].value == "=1+1"  # no saved value: the formula stays for Excel to compute
    for r in (2, 3, 4):
        assert ws[f"F{r}"].value == as_formulas[f"F{r}"].value
    assert [p.npv for p in read_case(out).projects] == [50, 20, 15]
