"""The report's sections as its Jinja2 partial writes them (jinja2/reports/_sections.html),
prepared once per page from the snapshot (Report.figures): each figure formatted once in the
page's language (a chart's bars and its table share the same text), each row reduced to the
values its cells show, in a tuple the template unpacks. The partial writes a few hundred
rows; looking their keys up and calling the formatter from the template cost more than
writing them."""

from dataclasses import dataclass

from markupsafe import escape

from . import labels
from .templatetags.report_charts import bar_chart, figure_formatter


@dataclass(frozen=True, slots=True)
class Table:
    title: str
    caption: str  # « Données : <title> »
    # Median and quartiles (a table of levels) rather than one value.
    level: bool
    chart: dict | None  # report_charts.bar_chart()
    # (label, data-figure key, value, first quartile, third quartile, link or "") per row; the
    # figures as _cell() gives them.
    rows: list[tuple[str, str, str, str, str, str]]


@dataclass(frozen=True, slots=True)
class Appendix:
    anchor: str  # « <section>-<list> »
    title: str
    total: str
    columns: list[str]
    # (the first cell, the second, the others: lists of at most one, one and any; the item's
    # link or "") per row.
    rows: list[tuple[list[str], list[str], list[str], str]]
    # « Les 100 premiers sur 480. » when the list is cut, else "".
    cut: str


@dataclass(frozen=True, slots=True)
class Section:
    key: str
    title: str
    available: bool
    note: str
    caption: str  # « <title> : chiffres clés »
    # (label, data-figure key, value as _cell() gives it, link or "") per key figure.
    figures: list[tuple[str, str, str, str]]
    tables: list[Table]
    # « Liste en annexe : « <title> ». » per appendix list, and the lists.
    appendix_notes: list[str]
    appendices: list[Appendix]


def _link(row: dict, can_manage: bool) -> str:
    """The row's « voir la liste » link, when it has one the viewer may open."""
    url = row.get("url")
    return url if url and (not row.get("private") or can_manage) else ""


def _cell(text: str, value) -> str:
    """A figure's text as its table cell writes it, unescaped (_sections.html): a number's is
    digits and separators; anything else a section may have stored is escaped here."""
    return text if type(value) in (int, float) else escape(text)


def report_sections(snapshot: dict, *, for_pdf: bool = False, can_manage: bool = False) -> list[Section]:
    """Everything the partial writes of the snapshot's sections and appendices. In the PDF,
    no list is linked (it has no « Liste » column, and its appendices no links)."""
    figure = figure_formatter()
    key_figures, data_of, appendix_of, first_of = labels.sentences()
    sections = []
    for section in snapshot.get("sections", []):
        key = section["key"]
        figures = []
        for row in section.get("figures", []):
            value = row.get("value", "")
            figures.append((row["label"], f"{key}.{row['key']}", _cell(figure(value), value), _link(row, can_manage)))
        tables = []
        for table in section.get("tables", []):
            prefix = f"{key}.{table['key']}."
            level = table.get("unit") == "level"
            texts = []
            rows = []
            for row in table["rows"]:
                value = row.get("value", "")
                text = figure(value)
                texts.append(text)
                if level:
                    q1, q3 = row.get("q1", ""), row.get("q3", "")
                    quartiles = (_cell(figure(q1), q1), _cell(figure(q3), q3))
                else:
                    quartiles = ("", "")
                rows.append((row["label"], prefix + row["key"], _cell(text, value), *quartiles, _link(row, can_manage)))
            chart = bar_chart(table, key, texts=texts) if table.get("chart") and table["rows"] else None
            tables.append(Table(table["title"], data_of % {"title": table["title"]}, level, chart, rows))
        listings = section.get("appendix", [])
        appendices = [
            Appendix(
                anchor=f"{key}-{listing['key']}",
                title=listing["title"],
                total=figure(listing["total"]),
                columns=listing["columns"],
                rows=[
                    (item["cells"][:1], item["cells"][1:2], item["cells"][2:], "" if for_pdf else item.get("url") or "")
                    for item in listing["rows"]
                ],
                cut=first_of % {"shown": len(listing["rows"]), "total": listing["total"]}
                if listing["total"] > len(listing["rows"])
                else "",
            )
            for listing in listings
        ]
        sections.append(
            Section(
                key=key,
                title=section["title"],
                available=bool(section.get("available")),
                note=section.get("note", ""),
                caption=key_figures % {"title": section["title"]},
                figures=figures,
                tables=tables,
                appendix_notes=[appendix_of % {"title": listing["title"]} for listing in listings],
                appendices=appendices,
            )
        )
    return sections
