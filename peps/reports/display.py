"""The report's sections as its Jinja2 partial writes them (jinja2/reports/_sections.html),
prepared once per page from the snapshot (Report.figures): each figure formatted once in the
page's language (a chart's bars and its table share the same text), each row reduced to the
values its cells show, in a tuple the template unpacks. The partial writes a few hundred
rows; looking their keys up and calling the formatter from the template cost more than
writing them."""

from dataclasses import dataclass

from . import labels
from .templatetags.report_charts import bar_chart, figure_formatter


@dataclass(frozen=True, slots=True)
class Table:
    title: str
    caption: str  # « Données : <title> »
    # Median and quartiles (a table of levels) rather than one value.
    level: bool
    chart: dict | None  # report_charts.bar_chart()
    # (label, data-figure key, value, first quartile, third quartile, link or "") per row.
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
    # (label, data-figure key, value, link or "") per key figure.
    figures: list[tuple[str, str, str, str]]
    tables: list[Table]
    # « Liste en annexe : « <title> ». » per appendix list, and the lists.
    appendix_notes: list[str]
    appendices: list[Appendix]


def _link(row: dict, can_manage: bool) -> str:
    """The row's « voir la liste » link, when it has one the viewer may open."""
    url = row.get("url")
    return url if url and (not row.get("private") or can_manage) else ""


def report_sections(snapshot: dict, *, for_pdf: bool = False, can_manage: bool = False) -> list[Section]:
    """Everything the partial writes of the snapshot's sections and appendices. In the PDF,
    no list is linked (it has no « Liste » column, and its appendices no links)."""
    figure = figure_formatter()
    sections = []
    for section in snapshot.get("sections", []):
        key = section["key"]
        figures = [
            (row["label"], f"{key}.{row['key']}", figure(row.get("value", "")), _link(row, can_manage))
            for row in section.get("figures", [])
        ]
        tables = []
        for table in section.get("tables", []):
            prefix = f"{key}.{table['key']}."
            level = table.get("unit") == "level"
            texts = [figure(row.get("value", "")) for row in table["rows"]]
            rows = [
                (
                    row["label"],
                    prefix + row["key"],
                    text,
                    figure(row.get("q1", "")) if level else "",
                    figure(row.get("q3", "")) if level else "",
                    _link(row, can_manage),
                )
                for row, text in zip(table["rows"], texts, strict=True)
            ]
            chart = bar_chart(table, key, texts=texts) if table.get("chart") and table["rows"] else None
            tables.append(Table(table["title"], labels.data_of(table["title"]), level, chart, rows))
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
                cut=labels.first_of(len(listing["rows"]), listing["total"])
                if listing["total"] > len(listing["rows"])
                else "",
            )
            for listing in section.get("appendix", [])
        ]
        sections.append(
            Section(
                key=key,
                title=section["title"],
                available=bool(section.get("available")),
                note=section.get("note", ""),
                caption=labels.key_figures(section["title"]),
                figures=figures,
                tables=tables,
                appendix_notes=[labels.appendix_of(listing["title"]) for listing in section.get("appendix", [])],
                appendices=appendices,
            )
        )
    return sections
