"""The report's sections as the partial writes them (display.report_sections): every figure
formatted once in the page's language, links only where the viewer may follow them, and
snapshots stored by older code (without some keys) still shown."""

from django.template import engines
from django.utils import translation

from peps.reports.display import report_sections

SNAPSHOT = {
    "sections": [
        {
            "key": "members",
            "title": "Membres",
            "available": True,
            "note": "",
            "figures": [
                {"key": "total", "label": "Membres", "value": 1770, "url": "/p/x/adhesions/", "private": True},
                {"key": "new", "label": "Nouveaux", "value": 12.5, "url": "/p/x/nouveaux/", "private": False},
            ],
            "tables": [
                {
                    "key": "by_sector",
                    "title": "Par secteur",
                    "unit": "",
                    "chart": True,
                    "rows": [
                        {"key": "s1", "label": "Alimentation <bio>", "value": 1234, "url": "", "private": False},
                        {"key": "s2", "label": "Culture", "value": 7.5, "url": "/p/x/culture/", "private": True},
                    ],
                },
                {
                    "key": "levels",
                    "title": "Niveaux",
                    "unit": "level",
                    "chart": False,
                    "rows": [{"key": "a", "label": "A", "value": 2.5, "q1": 1.25, "q3": 3, "url": ""}],
                },
            ],
            "appendix": [],
        },
        # As stored before tables said whether they are charted and rows whether they link
        # to a coordinators' page.
        {
            "key": "old",
            "title": "Ancien",
            "available": True,
            "figures": [{"key": "n", "label": "Nombre", "value": 3}],
            "tables": [{"key": "t", "title": "Table", "rows": [{"key": "r", "label": "R", "value": 1}]}],
        },
        {"key": "gone", "title": "Indisponible", "available": False, "note": "Pas de données."},
    ]
}


def _render(**context) -> str:
    with translation.override("fr"):
        return engines["jinja2"].get_template("reports/_sections.html").render({"snapshot": SNAPSHOT, **context})


def test_each_figure_is_written_once_in_french_and_the_chart_shows_the_same():
    with translation.override("fr"):
        (members, old, gone) = report_sections(SNAPSHOT, can_manage=True)
    assert members.figures == [
        ("Membres", "members.total", "1\xa0770", "/p/x/adhesions/"),
        ("Nouveaux", "members.new", "12,5", "/p/x/nouveaux/"),
    ]
    sectors, levels = members.tables
    assert [row[2] for row in sectors.rows] == ["1\xa0234", "7,5"]
    assert [bar[-1] for bar in sectors.chart["bars"]] == ["1\xa0234", "7,5"]
    assert levels.level and levels.chart is None and levels.rows == [("A", "members.levels.a", "2,5", "1,2", "3", "")]
    assert old.figures == [("Nombre", "old.n", "3", "")] and old.tables[0].chart is None
    assert not gone.available and gone.note == "Pas de données."


def test_a_coordinators_list_is_linked_only_for_who_may_open_it():
    with translation.override("fr"):
        (members, *_others) = report_sections(SNAPSHOT, can_manage=False)
    assert [row[3] for row in members.figures] == ["", "/p/x/nouveaux/"]
    assert [row[5] for row in members.tables[0].rows] == ["", ""]


def test_the_page_and_the_pdf_write_the_same_figures_with_labels_escaped():
    page, pdf = _render(for_pdf=False, can_manage=True), _render(for_pdf=True, can_manage=True)
    for html in (page, pdf):
        assert '<td class="num" data-figure="members.by_sector.s1">1\xa0234</td>' in html
        assert '<td class="num" data-figure="old.t.r">1</td>' in html
        # The chart's label and text alternative, and the table's row.
        assert html.count("Alimentation &lt;bio&gt;") == 3
        assert "<bio>" not in html
        assert '<p class="report-unavailable"><strong>Non disponible.</strong> Pas de données.</p>' in html
    assert '<a href="/p/x/adhesions/">voir la liste' in page
    assert "voir la liste" not in pdf


def test_a_figure_stored_as_text_is_escaped_in_its_cell():
    """The rows of figures are written without autoescaping: a number's text is digits and
    separators, anything else a section stored is escaped by display._cell."""
    row = {"key": "n", "label": "L <i>", "value": "<b>n/a</b>", "q1": "<q>", "q3": 3, "url": "/x?a=1&b=2"}
    snapshot = {
        "sections": [
            {
                "key": "s",
                "title": "S",
                "available": True,
                "figures": [row],
                "tables": [{"key": "t", "title": "T", "unit": "level", "chart": False, "rows": [row]}],
            }
        ]
    }
    with translation.override("fr"):
        html = (
            engines["jinja2"]
            .get_template("reports/_sections.html")
            .render({"snapshot": snapshot, "for_pdf": False, "can_manage": True})
        )
    assert "<b>" not in html and "<q>" not in html and "<i>" not in html
    assert html.count('<td class="num" data-figure="s.n">&lt;b&gt;n/a&lt;/b&gt;</td>') == 1
    assert '<td class="num" data-figure="s.t.n">&lt;b&gt;n/a&lt;/b&gt;</td><td class="num">&lt;q&gt;</td>' in html
    assert (
        html.count('<a href="/x?a=1&amp;b=2">voir la liste<span class="visually-hidden"> : L &lt;i&gt;</span></a>') == 2
    )
