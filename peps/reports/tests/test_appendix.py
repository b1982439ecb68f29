"""The appendices' lists (rendered by jinja2/reports/_sections.html): every cell in its
column, the second one linked to the item's page on the web page only, never in the PDF."""

from django.template import engines

SNAPSHOT = {
    "sections": [
        {
            "key": "members",
            "title": "Membres",
            "available": True,
            "note": "",
            "figures": [],
            "tables": [],
            "appendix": [
                {
                    "key": "new",
                    "title": "Nouveaux membres",
                    "columns": ["Date", "Structure", "Commune", "Collège"],
                    "rows": [
                        {
                            "cells": ["3 mars 2024", "Atelier <vélo>", "Roanne", "Usagers"],
                            "url": "/p/x/annuaire/atelier/",
                        },
                        {"cells": ["5 mars 2024", "Sans page"], "url": ""},
                    ],
                    "total": 2,
                }
            ],
        }
    ]
}


def _render(for_pdf: bool) -> str:
    template = engines["jinja2"].get_template("reports/_sections.html")
    return template.render({"snapshot": SNAPSHOT, "for_pdf": for_pdf, "can_manage": True})


def test_the_second_cell_links_to_the_items_page_on_the_web_page():
    html = _render(for_pdf=False)
    assert (
        '<tr><td>3 mars 2024</td><td><a href="/p/x/annuaire/atelier/">Atelier &lt;vélo&gt;</a></td>'
        "<td>Roanne</td><td>Usagers</td></tr>"
    ) in html
    assert "<tr><td>5 mars 2024</td><td>Sans page</td></tr>" in html


def test_the_pdf_has_no_links_in_the_lists():
    html = _render(for_pdf=True)
    assert "<tr><td>3 mars 2024</td><td>Atelier &lt;vélo&gt;</td><td>Roanne</td><td>Usagers</td></tr>" in html
    assert "annuaire/atelier" not in html
