"""Results as files: CSV (UTF-8 with BOM and semicolons, for French spreadsheets), XLSX
(openpyxl) and the SVG charts."""

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.text import slugify
from django.utils.translation import gettext as _

from peps.core import exports


def ranking_table(results: dict) -> tuple[list[str], list[list]]:
    header = [
        _("Rang"),
        _("Code"),
        _("Indicateur"),
        _("Thème"),
        _("Pôles l’ayant choisi"),
        _("Part des répondants (%)"),
    ]
    if results["campaign"].uses_importance_scale:
        header.append(_("Importance moyenne (0 à 3)"))
    rows = []
    for row in results["ranking"]:
        line = [row["rank"], row["code"], row["label"], row["theme"], row["count"], row["share"]]
        if results["campaign"].uses_importance_scale:
            line.append(row["importance"])
        rows.append(line)
    return header, rows


def objectives_table(results: dict) -> tuple[list[str], list[list]]:
    header = [_("Code"), _("Objectif"), _("Pôles"), _("Premier quartile"), _("Médiane"), _("Troisième quartile")]
    rows = [[r["code"], r["label"], r["n"], r["q1"], r["median"], r["q3"]] for r in results["objectives"]]
    return header, rows


def participation_table(results: dict) -> tuple[list[str], list[list]]:
    header = [_("Pôles invités"), _("Réponses transmises"), _("Taux de réponse (%)")]
    return header, [[results["invited"], results["submitted"], results["rate"]]]


def _name(results: dict, suffix: str) -> str:
    campaign = results["campaign"]
    return f"campagne-{campaign.pk}-{slugify(campaign.title)[:40]}-{suffix}"


def csv_response(results: dict, table: str) -> HttpResponse:
    header, rows = objectives_table(results) if table == "objectifs" else ranking_table(results)
    response, writer = exports.csv_response(f"{_name(results, table)}.csv")
    writer.writerow(header)
    for row in rows:
        # French spreadsheets read "2,5" as a number, not "2.5".
        writer.writerow([str(value).replace(".", ",") if isinstance(value, float) else value for value in row])
    return response


def xlsx_response(results: dict) -> HttpResponse:
    sheets = [
        (_("Classement"), *ranking_table(results)),
        (_("Objectifs"), *objectives_table(results)),
        (_("Participation"), *participation_table(results)),
    ]
    return exports.xlsx_response(f"{_name(results, 'resultats')}.xlsx", sheets)


def svg_response(template: str, context: dict, filename: str) -> HttpResponse:
    body = '<?xml version="1.0" encoding="UTF-8"?>\n' + render_to_string(template, context)
    response = HttpResponse(body, content_type="image/svg+xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.svg"'
    return response
