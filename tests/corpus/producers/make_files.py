"""Write the small workbooks of this folder as LibreOffice saves them, as .ods and as .xls.

    python tests/corpus/producers/make_files.py      # needs LibreOffice (soffice) on the PATH

Each is a case of the corpus (tests/corpus/make_corpus.py) written as .xlsx by the corpus's own writer
and converted by `soffice --headless --convert-to ods|xls`, so the files are what a department that
saves its case in LibreOffice Calc, or as Excel 97-2003, sends. They are kept in the repository (a
few KB each) because CI has no LibreOffice; tests/io/test_other_formats.py also converts the demo
case at test time when soffice is there. Made with LibreOffice 7.4.7.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from tests.corpus.make_corpus import HEADER, PROJECTS, Raw, Sheet, case_sheets, changed, write_xlsx  # noqa: E402

HERE = Path(__file__).resolve().parent

FILES: dict[str, tuple[list[Sheet], tuple[str, ...]]] = {
    "valid_case": (case_sheets(), ("ods", "xls")),
    "text_in_capex": (case_sheets(changed(1, "capex_2027", "about 8")), ("ods", "xls")),
    "excel_error_cell": (case_sheets(changed(2, "capex_2027", Raw('<c r="{ref}"><f>1/0</f></c>'))), ("ods", "xls")),
    "merged_id_cells": ([Sheet("Projects", [HEADER, *PROJECTS[:2], [None, *PROJECTS[2][1:]]], merged=["A3:A4"]),
                         *case_sheets()[1:]], ("ods", "xls")),
    "hidden_rows": ([Sheet("Projects", [HEADER, *PROJECTS], hidden_rows={3}), *case_sheets()[1:]], ("ods", "xls")),
    # A1 and IV65536, the last cell of an .xls: calamine would fill 16.7 million cells (1 GB) for two
    "far_cell": ([Sheet("Projects", [HEADER[:1]]), Sheet("Notes", [*([[]] * 65535), [*([None] * 255), "x"]])],
                 ("xls",)),
}


def convert(source: Path, to: str, folder: Path) -> Path:
    subprocess.run(["soffice", "--headless", "--convert-to", to, "--outdir", str(folder), str(source)],
                   check=True, capture_output=True, timeout=120)
    return folder / f"{source.stem}.{to}"


def main() -> None:
    if shutil.which("soffice") is None:
        sys.exit("LibreOffice (soffice) is not on the PATH")
    with tempfile.TemporaryDirectory() as work:
        for stem, (sheets, formats) in FILES.items():
            source = Path(work) / f"{stem}.xlsx"
            write_xlsx(source, sheets)
            for to in formats:
                shutil.copyfile(convert(source, to, Path(work)), HERE / f"{stem}.{to}")
                print(f"{stem}.{to}")


if __name__ == "__main__":
    main()
