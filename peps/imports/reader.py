"""Reading spreadsheets a row at a time: CSV in UTF-8 or Windows-1252 with `;`, `,` or a tab,
and XLSX (openpyxl in read-only mode). Memory stays flat whatever the number of rows.
Problems with the file itself raise FileProblem with a message for the person who sent it."""

import codecs
import csv
import datetime
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _

MAX_BYTES = 50 * 1024 * 1024
MAX_ROWS = 200_000
SAMPLE_BYTES = 256 * 1024
XLSX_MAGIC = b"PK\x03\x04"


class FileProblem(Exception):
    """The file cannot be read; the message says why, in French, for the user."""


@dataclass
class Sniffed:
    file_format: str  # "csv" or "xlsx"
    encoding: str = ""
    delimiter: str = ""


def sniff(handle, name: str) -> Sniffed:
    """Tell the format, encoding and delimiter from the file's first bytes."""
    handle.seek(0)
    head = handle.read(SAMPLE_BYTES)
    handle.seek(0)
    if not head:
        raise FileProblem(_("Le fichier est vide."))
    if head.startswith(XLSX_MAGIC):
        return Sniffed("xlsx")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise FileProblem(
            _("Ce fichier est au format Excel 97-2003 (.xls) : enregistrez-le en .xlsx ou en CSV, puis déposez-le.")
        )
    if b"\x00" in head:
        raise FileProblem(
            _(
                "Ce fichier n’est pas un tableur lisible (peut-être en UTF-16 ou binaire) : "
                "enregistrez-le en CSV UTF-8 ou en .xlsx."
            )
        )
    encoding = "utf-8-sig"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        encoding = "cp1252"
        try:
            head.decode(encoding)
        except UnicodeDecodeError:
            raise FileProblem(_wrong_encoding()) from None
    text = head.decode(encoding, errors="replace")
    first_line = text.splitlines()[0] if text.splitlines() else ""
    counts = {sep: first_line.count(sep) for sep in (";", ",", "\t")}
    delimiter = max(counts, key=counts.get)
    if counts[delimiter] == 0:
        delimiter = ";"
    return Sniffed("csv", encoding, delimiter)


def _wrong_encoding() -> str:
    return _(
        "Le fichier n’est ni en UTF-8 ni en Windows-1252 : enregistrez-le en « CSV UTF-8 » "
        "depuis votre tableur, puis déposez-le à nouveau."
    )


def cell_text(value) -> str:
    """A cell as text: dates as YYYY-MM-DD, whole numbers without « .0 »."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def iter_rows(handle, sniffed: Sniffed) -> Iterator[list[str]]:
    """Every row of the file, the header included, as lists of stripped strings."""
    handle.seek(0)
    if sniffed.file_format == "xlsx":
        yield from _xlsx_rows(handle)
    else:
        yield from _csv_rows(handle, sniffed)


def _csv_rows(handle, sniffed: Sniffed) -> Iterator[list[str]]:
    text = io.TextIOWrapper(handle, encoding=sniffed.encoding, newline="", errors="strict")
    try:
        for row in csv.reader(text, delimiter=sniffed.delimiter):
            yield [cell.strip() for cell in row]
    except UnicodeDecodeError:
        raise FileProblem(_wrong_encoding()) from None
    except csv.Error as error:
        raise FileProblem(_("Le fichier CSV est mal formé : %(detail)s.") % {"detail": error}) from None
    finally:
        try:
            text.detach()  # leave the caller's file open: it closes it
        except ValueError:
            pass  # already closed by the caller


def _xlsx_rows(handle) -> Iterator[list[str]]:
    from openpyxl import load_workbook

    try:
        # data_only=False: a formula comes as "=…", so that it can be refused, not evaluated.
        workbook = load_workbook(handle, read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise FileProblem(_("Ce fichier .xlsx est abîmé ou n’est pas un classeur Excel.")) from None
    try:
        sheet = workbook.worksheets[0]
        for row in sheet.iter_rows(values_only=True):
            yield [cell_text(value) for value in row]
    finally:
        workbook.close()


def read_header(handle, sniffed: Sniffed) -> list[str]:
    """The first non-empty row, checked to look like a header (names, not data)."""
    for row in iter_rows(handle, sniffed):
        if any(row):
            header = _trim(row)
            if any(not cell for cell in header):
                raise FileProblem(
                    _(
                        "La ligne d’en-tête a des colonnes sans nom : donnez un nom à chaque colonne de la première ligne."
                    )
                )
            if sum(1 for cell in header if looks_like_data(cell)) * 2 >= len(header):
                raise FileProblem(
                    _(
                        "La première ligne ressemble à des données, pas à des noms de colonnes : "
                        "ajoutez une ligne d’en-tête (par exemple « nom ; siret ; commune »)."
                    )
                )
            return header
        break
    raise FileProblem(_("Le fichier n’a pas de ligne d’en-tête : la première ligne doit nommer les colonnes."))


def looks_like_data(cell: str) -> bool:
    compact = cell.replace(" ", "").replace("-", "").replace("/", "").replace(".", "").replace(",", "")
    return compact.isdigit() or "@" in cell


def _trim(row: list[str]) -> list[str]:
    while row and not row[-1]:
        row = row[:-1]
    return row


def data_rows(handle, sniffed: Sniffed) -> Iterator[tuple[int, list[str]]]:
    """(line number as a spreadsheet shows it, cells) for each non-empty row after the header."""
    seen_header = False
    count = 0
    for number, row in enumerate(iter_rows(handle, sniffed), start=1):
        if not any(row):
            continue
        if not seen_header:
            seen_header = True
            continue
        count += 1
        if count > MAX_ROWS:
            raise FileProblem(
                _("Le fichier dépasse %(max)s lignes : découpez-le en plusieurs fichiers.")
                % {"max": f"{MAX_ROWS:,}".replace(",", "\u202f")}
            )
        yield number, row
