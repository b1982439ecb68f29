"""This app's sections of the annual report (see peps.reports.figures for the shapes),
registered from its AppConfig.ready()."""

from collections import defaultdict

from django.db.models import Count, Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _

from peps.projects.models import Domain, EconomicModel, Project, Referral, RequestKind, StageChange, SupportLogEntry
from peps.projects.stages import PHASE, Stage
from peps.reports.figures import (
    APPENDIX_LIMIT,
    TOP_LIMIT,
    Period,
    appendix,
    link,
    row,
    section,
    sections,
    short_date,
    table,
)


def projects(pole, period: Period) -> dict:
    """Ideas and projects submitted during the period (by stage today, domain and model), and
    the projects followed during it (a stage change or a support log entry in the period)."""
    submitted = Project.objects.filter(pole=pole).filter(period.moments("created_at"))
    stages, domains, models = defaultdict(int), defaultdict(int), defaultdict(int)
    total = 0
    # One grouped query; at most stages × domains × models rows, whatever the number of projects.
    for stage, domain, model, n in (
        submitted.order_by().values_list("stage", "domain", "economic_model").annotate(n=Count("pk"))
    ):
        stages[stage] += n
        domains[domain] += n
        models[model] += n
        total += n
    moved = StageChange.objects.filter(project=OuterRef("pk")).filter(period.moments("at"))
    logged = SupportLogEntry.objects.filter(project=OuterRef("pk")).filter(period.dates("happened_on"))
    followed = dict(
        Project.objects.filter(pole=pole)
        .filter(Exists(moved) | Exists(logged))
        .order_by()
        .values_list("stage")
        .annotate(n=Count("pk"))
    )
    emergence = sum(n for stage, n in followed.items() if PHASE.get(stage) == "emergence")
    board = link("projects:board", pole, private=True)
    return section(
        "projects",
        _("Idées et projets"),
        figures=[
            row("submitted", _("Idées et projets déposés pendant la période"), total, link("projects:list", pole)),
            row("followed", _("Projets suivis pendant la période"), sum(followed.values()), board),
            row("emergence", _("dont en émergence aujourd’hui"), emergence, board),
            row(
                "market",
                _("Projets déposés marchands"),
                models[EconomicModel.MARKET],
                link("projects:list", pole, economic_model="market"),
            ),
            row(
                "associative",
                _("Projets déposés associatifs"),
                models[EconomicModel.ASSOCIATIVE],
                link("projects:list", pole, economic_model="associative"),
            ),
        ],
        tables=[
            table(
                "by_stage",
                _("Projets déposés, par étape atteinte"),
                [
                    row(f"stage-{s}", s.label, stages[s], link("projects:list", pole, stage=s.value))
                    for s in Stage
                    if stages[s]
                ],
            ),
            table(
                "by_domain",
                _("Projets déposés, par domaine"),
                [
                    row(f"domain-{d}", d.label, domains[d], link("projects:list", pole, domain=d.value))
                    for d in sorted(Domain, key=lambda d: -domains[d])
                    if domains[d]
                ],
            ),
            table(
                "by_model",
                _("Projets déposés, par modèle économique"),
                [
                    row(f"model-{m}", m.label, models[m], link("projects:list", pole, economic_model=m.value))
                    for m in EconomicModel
                ],
            ),
        ],
        note=_(
            "Les listes publiques de projets ne montrent que les projets visibles par chacun, toutes périodes confondues."
        ),
    )


def requests(pole, period: Period) -> dict:
    """Requests (information, relay, full support) of projects submitted during the period."""
    counts = dict(
        Project.objects.filter(pole=pole)
        .filter(period.moments("created_at"))
        .exclude(request_kind="")
        .order_by()
        .values_list("request_kind")
        .annotate(n=Count("pk"))
    )
    rows = [
        row(f"kind-{k}", k.label, counts.get(k, 0), link("projects:board", pole, private=True, request_kind=k.value))
        for k in RequestKind
    ]
    return section(
        "requests",
        _("Demandes reçues"),
        figures=[
            row(
                "total",
                _("Demandes reçues pendant la période"),
                sum(counts.values()),
                link("projects:board", pole, private=True),
            )
        ],
        tables=[table("by_kind", _("Demandes par type"), rows)],
    )


def referrals(pole, period: Period) -> dict:
    """Holders referred to partner support networks (subsidiarity)."""
    referred = Referral.objects.filter(project__pole=pole).filter(period.dates("referred_on"))
    totals = referred.aggregate(total=Count("pk"), projects=Count("project", distinct=True))
    by_network = (
        referred.order_by().values_list("network").annotate(n=Count("pk")).order_by("-n", "network")[:TOP_LIMIT]
    )
    rows = [
        {"cells": [short_date(on), title, network], "url": reverse("projects:detail", args=(pole.slug, project_id))}
        for on, title, network, project_id in referred.order_by("referred_on", "pk").values_list(
            "referred_on", "project__title", "network", "project_id"
        )[:APPENDIX_LIMIT]
    ]
    return section(
        "referrals",
        _("Orientations vers les réseaux partenaires"),
        figures=[
            row("total", _("Orientations"), totals["total"]),
            row("projects", _("Projets orientés"), totals["projects"]),
        ],
        tables=[
            table(
                "by_network",
                _("Orientations par réseau"),
                [row(f"network-{i}", n, c) for i, (n, c) in enumerate(by_network)],
            )
        ],
        appendices=[
            appendix(
                "referrals",
                _("Orientations de la période"),
                [_("Date"), _("Projet"), _("Réseau")],
                rows,
                totals["total"],
            )
        ],
    )


def register() -> None:
    """Called from this app's AppConfig.ready()."""
    sections.register(projects, order=30)
    sections.register(requests, order=40)
    sections.register(referrals, order=50)
