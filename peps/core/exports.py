"""The one way the platform writes spreadsheets, CSV and XLSX. Every cell goes through here, so
that a value typed by somebody (a display name « =HYPERLINK(…) ») never becomes a live formula
when a coordinator opens the file (CSV/formula injection). CSV files are UTF-8 with a
byte-order mark and « ; » between columns: what French spreadsheets open without mangling."""

import csv
import io
import re
from collections.abc import Iterable

from django.http import HttpResponse

# UTF-8 with a byte-order mark: spreadsheets then open « é » as « é », not « Ã© ».
BOM = "\ufeff"
# French spreadsheets expect « ; » between columns (the comma is the decimal separator).
DELIMITER = ";"
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A cell starting with one of these is read as a formula by spreadsheets; a phone number such
# as « +33 4 77 … » (digits, spaces, dots, brackets, hyphens: nothing a formula could call)
# is left as it is.
FORMULA_START = frozenset("=+-@\t\r")
PHONE = re.compile(r"\+?[\d .()-]+")


def is_formula_like(value: str) -> bool:
    return bool(value) and value[0] in FORMULA_START and not PHONE.fullmatch(value)


def csv_cell(value):
    """One CSV cell: text that a spreadsheet would run is prefixed with an apostrophe (shown
    as text, never evaluated); None is empty; booleans are « true »/« false » (the open data
    convention). The common cases (plain text, numbers) cost one type check."""
    if value is None:
        return ""
    if isinstance(value, str):
        return "'" + value if is_formula_like(value) else value
    if value is True or value is False:
        return "true" if value else "false"
    return value


class CsvWriter:
    """csv.writer with the platform's dialect, whose every cell goes through csv_cell."""

    def __init__(self, stream, *, bom: bool = True):
        if bom:
            stream.write(BOM)
        self._writer = csv.writer(stream, delimiter=DELIMITER, lineterminator="\r\n")

    def writerow(self, row: Iterable) -> None:
        self._writer.writerow(map(csv_cell, row))

    def writerows(self, rows: Iterable[Iterable]) -> None:
        for row in rows:
            self.writerow(row)


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(filename: str) -> tuple[HttpResponse, CsvWriter]:
    """An attachment response and the writer that fills it."""
    response = _attachment(HttpResponse(content_type=CSV_TYPE), filename)
    return response, CsvWriter(response)


def xlsx_bytes(sheets: Iterable[tuple[str, list, Iterable[Iterable]]]) -> bytes:
    """A workbook of (title, header, rows) sheets. openpyxl stores any text starting with « = »
    as a formula: such text, and text starting with the other formula characters, is stored
    as a text cell marked « quote prefix » (what typing an apostrophe first does in Excel), so
    the value is kept exactly and never evaluated, even after the cell is edited; control
    characters, which the format cannot hold, are dropped."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title=title[:31])
        for row_number, row in enumerate([header, *rows], start=1):
            for column, value in enumerate(row, start=1):
                if isinstance(value, str):
                    # openpyxl refuses control characters (a pasted \x0b would be a 500).
                    value = ILLEGAL_CHARACTERS_RE.sub("", value)
                cell = sheet.cell(row=row_number, column=column, value="" if value is None else value)
                if isinstance(value, str) and is_formula_like(value):
                    cell.data_type = "s"
                    cell.quotePrefix = True
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(filename: str, sheets: Iterable[tuple[str, list, Iterable[Iterable]]]) -> HttpResponse:
    return _attachment(HttpResponse(xlsx_bytes(sheets), content_type=XLSX_TYPE), filename)
