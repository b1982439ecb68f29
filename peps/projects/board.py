"""Reads of the coordinators' pipeline board: one column per stage of the support path,
« En pause » and « Orienté vers un réseau partenaire » apart, a card per project with its
holder, its time in the stage, the moves it allows and a mark on new ideas."""

from dataclasses import dataclass, field

from django.db.models import Count
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from peps.core.sql import latest_per_value
from peps.poles.models import Pole

from .models import Project, RequestKind
from .stages import NEEDS_REASON, PIPELINE, Stage, allowed_moves

# The main columns, then the two stages that stand beside the path, then the closed ones (counts only).
BOARD_MAIN = list(PIPELINE)
BOARD_ASIDE = [Stage.PAUSED, Stage.REDIRECTED]
BOARD_COLUMNS = [*BOARD_MAIN, *BOARD_ASIDE]
BOARD_CLOSED = [Stage.ABANDONED, Stage.COMPLETED]
BOARD_CARDS_PER_COLUMN = 6


def since_label(days: int) -> str:
    """« depuis aujourd’hui », « depuis 3 jours », « depuis 3 semaines », « depuis 4 mois »."""
    if days <= 0:
        return _("depuis aujourd’hui")
    if days == 1:
        return _("depuis hier")
    if days < 14:
        return ngettext("depuis %(n)s jour", "depuis %(n)s jours", days) % {"n": days}
    if days < 60:
        weeks = days // 7
        return ngettext("depuis %(n)s semaine", "depuis %(n)s semaines", weeks) % {"n": weeks}
    if days < 730:
        months = days // 30
        return ngettext("depuis %(n)s mois", "depuis %(n)s mois", months) % {"n": months}
    years = days // 365
    return ngettext("depuis %(n)s an", "depuis %(n)s ans", years) % {"n": years}


@dataclass(slots=True)
class BoardCard:
    """One card of the board, as plain values (the board only displays them)."""

    pk: int
    title: str
    stage: str
    request_kind: str
    request_kind_label: str
    holder: str
    days_in_stage: int
    is_new: bool
    moves: list[dict] = field(default_factory=list)
    since: str = ""  # since_label(days_in_stage)
    holder_label: str = ""  # « Porté par … »


def _holder(structure: str | None, display: str | None, first: str | None, last: str | None, email: str | None) -> str:
    """The same rule as Project.holder_name, on the values of one row."""
    if structure:
        return structure
    if email is not None:
        return display or f"{first or ''} {last or ''}".strip() or email.split("@")[0]
    return _("Compte supprimé")


def _moves(stage: str, labels: dict) -> list[dict]:
    return [
        {"stage": target.value, "label": labels[target.value], "needs_reason": target in NEEDS_REASON}
        for target in allowed_moves(stage)
    ]


_CARD_FIELDS = (
    "id",
    "title",
    "stage",
    "request_kind",
    "stage_changed_at",
    "holder_structure__name",
    "holder__display_name",
    "holder__first_name",
    "holder__last_name",
    "holder__email",
    "coordination_opened_at",
)


def _filtered(*, pole: Pole, domain: str = "", request_kind: str = ""):
    projects = Project.objects.filter(pole=pole)
    if domain:
        projects = projects.filter(domain=domain)
    if request_kind:
        projects = projects.filter(request_kind=request_kind)
    return projects


class _CardMaker:
    """Turns rows of _CARD_FIELDS into cards; the labels are translated once per board (and
    « depuis N jours » once per number of days)."""

    def __init__(self) -> None:
        self.labels = {value: str(label) for value, label in Stage.choices}
        self.kinds = {value: str(label) for value, label in RequestKind.choices}
        self.unknown_kind = _("Demande non précisée")
        self.moves_of = {stage: _moves(stage, self.labels) for stage in BOARD_COLUMNS}
        self.now = timezone.now()
        self.held_by = _("Porté par %(holder)s")
        self.since_labels: dict[int, str] = {}  # days in the stage → « depuis 3 jours »

    def __call__(self, row) -> BoardCard:
        pk, title, stage, kind, changed_at, structure, display, first, last, email, opened_at = row
        days = max(0, (self.now - changed_at).days)
        since = self.since_labels.get(days)
        if since is None:
            since = self.since_labels[days] = since_label(days)
        holder = _holder(structure, display, first, last, email)
        return BoardCard(
            pk=pk,
            title=title,
            stage=stage,
            request_kind=kind,
            request_kind_label=self.kinds.get(kind) or self.unknown_kind,
            holder=holder,
            days_in_stage=days,
            is_new=stage == Stage.SUBMITTED and opened_at is None,
            moves=self.moves_of[stage],
            since=since,
            holder_label=self.held_by % {"holder": holder},
        )


def more_label(remaining: int) -> str:
    return ngettext("Voir l’autre projet", "Voir les %(n)s autres projets", remaining) % {"n": remaining}


def _column(stage: str, label: str, count: int, cards: list[BoardCard], shown_before: int = 0) -> dict:
    """A column, or one more page of it: `remaining` is what is still to load after these cards."""
    remaining = max(0, count - shown_before - len(cards))
    return {
        "stage": stage,
        "label": label,
        "count": count,
        "projects": cards,
        "remaining": remaining,
        "more_label": more_label(remaining) if remaining else "",
        "next_page": shown_before // BOARD_CARDS_PER_COLUMN + 2,
    }


def _latest_of_columns(*, pole: Pole, domain: str, request_kind: str) -> RawSQL:
    """Each column's latest cards: a LIMIT subquery per stage on the (pole, stage,
    stage_changed_at) index, the rows then fetched by primary key with their holders (a window
    over the pole read, joined and sorted every project: 13 ms of SQL for 500)."""
    equals = {"domain": domain} if domain else {}
    if request_kind:
        equals["request_kind"] = request_kind
    return latest_per_value(
        Project,
        column="stage",
        values=BOARD_COLUMNS,
        order=("-stage_changed_at", "-pk"),
        limit=BOARD_CARDS_PER_COLUMN,
        pole=pole.pk,
        **equals,
    )


def pipeline_board(*, pole: Pole, domain: str = "", request_kind: str = "") -> dict:
    """The board of a pole: a count per stage (one aggregate) and the most recently moved
    projects of each open column (one query, holders joined); the rest of a column
    comes page by page (board_column_page, the « Voir les N autres » of the column).

    An idea is « new » while no coordinator of the pole has opened its page yet (the read
    receipt that project_mark_opened_by_coordination records)."""
    projects = _filtered(pole=pole, domain=domain, request_kind=request_kind)
    counts = dict(projects.order_by().values_list("stage").annotate(n=Count("pk")))
    latest = _latest_of_columns(pole=pole, domain=domain, request_kind=request_kind)
    ranked = Project.objects.filter(pk__in=latest).order_by("-stage_changed_at", "-pk").values_list(*_CARD_FIELDS)
    card = _CardMaker()
    cards: dict[str, list[BoardCard]] = {stage: [] for stage in BOARD_COLUMNS}
    for row in ranked:
        cards[row[2]].append(card(row))
    labels = card.labels
    columns = [_column(stage, labels[stage], counts.get(stage, 0), cards[stage]) for stage in BOARD_COLUMNS]
    closed = [{"stage": stage, "label": labels[stage], "count": counts.get(stage, 0)} for stage in BOARD_CLOSED]
    return {
        "columns": columns,
        "main_columns": columns[: len(BOARD_MAIN)],
        "aside_columns": columns[len(BOARD_MAIN) :],
        "closed": closed,
        "total": sum(counts.values()),
    }


def board_column_page(*, pole: Pole, stage: str, page: int, domain: str = "", request_kind: str = "") -> dict:
    """Page `page` (from 1) of one open column, most recently moved first: LIMIT/OFFSET on the
    (pole, stage, stage_changed_at) order, the column's count in a second query."""
    projects = _filtered(pole=pole, domain=domain, request_kind=request_kind).filter(stage=stage)
    count = projects.count()
    last_page = max(1, -(-count // BOARD_CARDS_PER_COLUMN))
    page = min(max(1, page), last_page)
    offset = (page - 1) * BOARD_CARDS_PER_COLUMN
    rows = projects.order_by("-stage_changed_at", "-pk").values_list(*_CARD_FIELDS)[
        offset : offset + BOARD_CARDS_PER_COLUMN
    ]
    card = _CardMaker()
    column = _column(stage, card.labels[stage], count, [card(row) for row in rows], shown_before=offset)
    column.update(page=page, last_page=last_page)
    return column
