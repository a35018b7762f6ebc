"""The batch summary workbook: one row per case (and scenario) of a batch (optimizer/analysis/batch.py).

    write_batch_workbook(run_batch(paths), "SUMMARY.xlsx", language="zh_CN")

Columns: the case file, the scenario, the status, how good the answer is, the objective and its value, the gap,
the projects selected and their capex, then one column per KPI that some case reports (its value after
investing), the targets missed, and the problems of a case that could not be solved (each `sheet!cell:
message`). In English or Chinese (`language`), like the other exports; written atomically (io/files.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook

from optimizer.analysis.batch import BatchLine
from optimizer.errors import ExportError, Problem
from optimizer.io.files import written_through
from optimizer.io.sheets import MONEY_FORMAT, NUMBER_FORMATS, PERCENT_FORMAT, save, status_said, write_table
from optimizer.words.language import ENGLISH, Words
from optimizer.words.text import Text

BATCH = "Batch"
CHINESE = {
    BATCH: "批量求解", "Case file": "案例文件", "Scenario": "情景", "Status": "状态", "Quality": "求解质量",
    "Objective": "优化目标", "Objective value": "目标值", "Gap": "最优性间隙", "Projects selected": "入选项目数",
    "Total capex": "投资总额", "Targets missed": "未达成的目标", "Problems": "问题", "invalid": "工作簿无法使用",
    "error": "求解失败",
}


def write_batch_workbook(lines: Sequence[BatchLine], path: str | Path, language: str = ENGLISH) -> None:
    """The summary of a batch; ExportError when it cannot be written."""
    path = Path(path)
    words = Words(language)
    if path.suffix.lower() != ".xlsx" and not written_through(path):  # /dev/null may take it
        raise ExportError(Text("The batch summary must be saved as an .xlsx workbook, not '{name}'.",
                               name=path.name))
    say = (lambda english: CHINESE.get(english, english)) if words.chinese else (lambda english: english)
    kpis: dict[str, tuple[str, str]] = {}  # key -> (label, kind), in the order the cases report them
    for line in lines:
        for key, k in line.kpis.items():
            kpis.setdefault(key, (words.kpi_label(key, k["label"]), k["kind"]))
    headers = [say("Case file"), say("Scenario"), say("Status"), say("Quality"), say("Objective"),
               say("Objective value"), say("Gap"), say("Projects selected"), say("Total capex"),
               *(label for label, _ in kpis.values()), say("Targets missed"), say("Problems")]
    rows, formats = [], []
    for line in lines:
        status = say(line.status) if line.status in CHINESE else status_said(words, line.status)
        figures = [line.kpis.get(key, {}).get("after") for key in kpis]
        rows.append([line.case, line.scenario, status, words.text(line.quality) if line.quality else "",
                     words.objective(line.objective) if line.objective else "", line.objective_value, line.gap,
                     len(line.selected) if line.has_portfolio else None, line.capex, *figures,
                     ("；" if words.chinese else "; ").join(kpis[key][0] if key in kpis else
                                                           words.limit_label(key, key) for key in line.missed),
                     "\n".join(words.problem(p) if isinstance(p, Problem) else words.text(p) for p in line.problems)])
        formats.append([None] * 5 + [MONEY_FORMAT, PERCENT_FORMAT, "0", MONEY_FORMAT,
                                     *(NUMBER_FORMATS.get(kind) for _, kind in kpis.values()), None, None])
    wb = Workbook()
    ws = wb.active
    ws.title = say(BATCH)
    write_table(ws, headers, rows, formats)
    save(wb, path, words)
