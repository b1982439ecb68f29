"""Synthetic SIRENE extracts for the benchmark of register loading (bench/README.md):
establishments in the official column layout, half of them on the Roannais."""

import csv
from pathlib import Path

from stdnum import luhn

from .registers import ESTABLISHMENT_COLUMNS, UNIT_COLUMNS

COMMUNES = ["42187", "42184", "42127", "69123", "03190", "71270"]


def siren(n: int) -> str:
    body = f"{n:08d}"
    return body + luhn.calc_check_digit(body)


def write_sirene_extract(folder: Path, rows: int) -> tuple[Path, Path]:
    """Write StockEtablissement and StockUniteLegale extracts of `rows` rows each."""
    establishments = folder / "StockEtablissement_bench.csv"
    units = folder / "StockUniteLegale_bench.csv"
    with (
        open(establishments, "w", newline="", encoding="utf-8") as e,
        open(units, "w", newline="", encoding="utf-8") as u,
    ):
        we, wu = csv.writer(e), csv.writer(u)
        we.writerow(ESTABLISHMENT_COLUMNS)
        wu.writerow(UNIT_COLUMNS)
        for n in range(1, rows + 1):
            s = siren(n)
            body = s + "0001"
            commune = COMMUNES[n % len(COMMUNES)]
            we.writerow(
                [
                    body + luhn.calc_check_digit(body),
                    s,
                    "true",
                    str(n % 90 + 1),
                    "RUE",
                    f"DE LA REPUBLIQUE {n % 7}",
                    "42300",
                    "ROANNE",
                    commune,
                    "A",
                ]
            )
            wu.writerow(
                [
                    s,
                    f"STRUCTURE {n}",
                    "9220" if n % 3 else "5499",
                    "94.99Z",
                    "O" if n % 3 else "N",
                    "",
                    "2010-01-01",
                    "A",
                ]
            )
    return establishments, units
