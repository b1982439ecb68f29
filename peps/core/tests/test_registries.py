"""Features every app contributes to are registries owned by the feature's app and filled from
each app's AppConfig.ready(): a new app adds its report section, its personal-data section
and eraser, and its open dataset without editing another app."""

import ast
import datetime
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from peps.accounts import erasure, personal_data, services
from peps.opendata import datasets
from peps.poles.models import Membership, Pole
from peps.reports import figures

PEPS = Path(__file__).resolve().parents[2]
FEATURE_MODULES = ["reports/figures.py", "accounts/personal_data.py", "accounts/erasure.py", "opendata/datasets.py"]


class PlugInApp:
    """What a new app writes, all in its own folder: three small contributions, registered
    from its AppConfig.ready() (a real app calls this from its apps.py)."""

    @staticmethod
    def report_section(pole, period):
        count = Membership.objects.filter(pole=pole).filter(period.moments("created_at")).count()
        return figures.section("plug", _("Greffon"), figures=[figures.row("joined", _("Adhésions"), count)])

    personal_section = personal_data.Section(
        "greffon",
        _("Données du greffon"),
        personal_data.values(Membership, lambda u: Q(person=u), {"pole": "pole__name"}),
    )

    dataset = datasets.Dataset(
        slug="greffon",
        title=_("Jeu du greffon"),
        description=_("Les pôles, vus par le greffon."),
        columns=[datasets.Column("id", "entier", _("Identifiant.")), datasets.Column("nom", "texte", _("Nom."))],
        queryset=lambda: Pole.objects.all(),
        pole_filter="pk",
        order_by=("id",),
        select=lambda: ["id", "name"],
        build=lambda ds, row: row,
        last_update="created_at",
    )

    @staticmethod
    def eraser(erasure_: erasure.Erasure) -> int:
        return Membership.objects.filter(person=erasure_.user).count()

    def ready(self) -> None:
        figures.sections.register(self.report_section, order=1000)
        personal_data.sections.register(self.personal_section, order=1000)
        datasets.datasets.register(self.dataset, order=1000)
        erasure.erasers.register("greffon", self.eraser, order=1000)

    def forget(self) -> None:
        figures.sections.unregister(self.report_section)
        personal_data.sections.unregister(self.personal_section.key)
        datasets.datasets.unregister(self.dataset.slug)
        erasure.erasers.unregister("greffon", self.eraser)


@pytest.fixture
def plug_in():
    app = PlugInApp()
    app.ready()
    cache.clear()
    yield app
    app.forget()
    cache.clear()


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return found


@pytest.mark.parametrize("module", FEATURE_MODULES)
def test_a_feature_module_imports_no_app_that_contributes_to_it(module):
    owner = module.split("/")[0]
    foreign = {
        name
        for name in _imports(PEPS / module)
        if name.startswith("peps.") and name.split(".")[1] not in ("core", owner)
    }
    assert foreign == set()


def test_the_installed_apps_registered_their_parts_in_order():
    assert [function.__name__ for function in figures.sections] == [
        "members", "contacts", "projects", "requests", "referrals", "partnerships",
        "events", "commons", "governance", "assessment", "funding",
    ]  # fmt: skip
    keys = [section.key for section in personal_data.sections]
    assert keys[:3] == ["compte", "adhesions", "cotisations"] and keys[-1] == "lettres_d_information"
    assert list(datasets.DATASETS) == ["structures", "projets", "evenements", "decisions", "poles"]
    # The agenda app, for one, contributes to all four from its own folder.
    assert "peps.agenda.report" in {function.__module__ for function in figures.sections}
    assert "inscriptions" in keys and "evenements" in datasets.DATASETS


def test_a_new_app_adds_a_report_section(plug_in, pole, member):
    snapshot = figures.compute(pole, datetime.date(2000, 1, 1), datetime.date(2100, 12, 31))
    assert snapshot["sections"][0]["key"] == "members"
    plug = snapshot["sections"][-1]
    assert plug["key"] == "plug" and plug["title"] == "Greffon"
    assert plug["figures"][0]["value"] == Membership.objects.filter(pole=pole).count() >= 1


def test_a_new_app_adds_a_personal_data_section_and_an_eraser(plug_in, pole, member):
    archive = personal_data.collect(member, files=[])
    assert list(archive["sections"])[-1] == "greffon"
    assert archive["sections"]["greffon"] == {"titre": "Données du greffon", "lignes": [{"pole": pole.name}]}
    record = services.user_erase(user=member)
    assert record.summary["greffon"] == 1


def test_a_new_app_adds_an_open_dataset(plug_in, client, pole):
    assert list(datasets.DATASETS)[-1] == "greffon"
    response = client.get("/donnees/")
    assert response.status_code == 200
    assert 'href="/donnees/greffon.csv"' in response.content.decode()
    csv = client.get("/donnees/greffon.csv")
    assert csv.status_code == 200
    assert pole.name in b"".join(csv.streaming_content if csv.streaming else [csv.content]).decode()
