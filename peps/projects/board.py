"""Reads of the coordinators' pipeline board: one column per stage of the support path,
« En pause » and « Orienté vers un réseau partenaire » apart, a card per project with its
holder, its time in the stage, the moves it allows and a mark on new ideas."""

import functools
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from peps.core.sql import column, fetch_rows, from_db, joined_select, latest_per_value, order_sql
from peps.directory.models import Structure
from peps.poles.models import Pole

from .models import Project, RequestKind
from .stages import NEEDS_REASON, PIPELINE, Stage, allowed_moves

# The main columns, then the two stages that stand beside the path, then the closed ones (counts only).
BOARD_MAIN = list(PIPELINE)
BOARD_ASIDE = [Stage.PAUSED, Stage.REDIRECTED]
BOARD_COLUMNS = [*BOARD_MAIN, *BOARD_ASIDE]
BOARD_CLOSED = [Stage.ABANDONED, Stage.COMPLETED]
BOARD_CARDS_PER_COLUMN = 6
# Most recently moved first, in each column and on each page of a column.
_ORDER = ("-stage_changed_at", "-pk")


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


# --- Written-out reads ---------------------------------------------------------------------
# The board's two queries, a count per stage and the cards with their holders, cost about
# twice as much to build and compile through the ORM (a GROUP BY; two joins, eleven columns
# and a subquery) as to run: they are written out from the models' names, values as parameters.


def _where(equals: tuple[str, ...]) -> str:
    return " AND ".join(f"{column(Project, name)} = %s" for name in equals)


@functools.lru_cache(maxsize=16)
def _counts_sql(equals: tuple[str, ...], vendor: str) -> str:
    stage, table = column(Project, "stage"), connection.ops.quote_name(Project._meta.db_table)
    return f"SELECT {stage}, COUNT(*) FROM {table} WHERE {_where(equals)} GROUP BY {stage}"  # noqa: S608 - the model's quoted names


# A card's holder: its structure's name (j0), else its person's (j1), as Project.holder_name.
_CARD_RELATIONS = (("holder_structure", ("name",)), ("holder", ("display_name", "first_name", "last_name", "email")))


@functools.lru_cache(maxsize=8)
def _cards_head(vendor: str) -> str:
    """SELECT the values of a card, in the order _CardMaker reads them, FROM the projects
    with their holder structure and holder joined as joined_select() joins them."""
    user = get_user_model()
    values = [
        *(column(Project, name) for name in ("pk", "title", "stage", "request_kind", "stage_changed_at")),
        column(Structure, "name", "j0"),
        *(column(user, name, "j1") for name in ("display_name", "first_name", "last_name", "email")),
        column(Project, "coordination_opened_at"),
    ]
    _, joined = joined_select(Project, ("title",), _CARD_RELATIONS)
    return f"SELECT {', '.join(values)}{joined}"


def _equals(*, pole: Pole, domain: str, request_kind: str, **more) -> dict:
    equals = {"pole": pole.pk, **more}
    if domain:
        equals["domain"] = domain
    if request_kind:
        equals["request_kind"] = request_kind
    return equals


def _counts(equals: dict) -> dict[str, int]:
    """The number of projects in each stage, among those with the values of `equals`."""
    return dict(fetch_rows(_counts_sql(tuple(equals), connection.vendor), list(equals.values())))


# --- Cards ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Words:
    labels: dict  # stage → its label
    kinds: dict  # request kind → its label
    unknown_kind: str
    moves_of: dict  # stage of a column → the moves of its cards
    held_by: str


@functools.lru_cache(maxsize=8)
def _words(language: str | None) -> _Words:
    """The board's fixed words in `language`, translated once per language and process (the
    catalogues are code); each card then costs lookups."""
    with translation.override(language):
        labels = {value: str(label) for value, label in Stage.choices}
        moves_of = {
            stage: [
                {"stage": target.value, "label": labels[target.value], "needs_reason": target in NEEDS_REASON}
                for target in allowed_moves(stage)
            ]
            for stage in BOARD_COLUMNS
        }
        return _Words(
            labels=labels,
            kinds={value: str(label) for value, label in RequestKind.choices},
            unknown_kind=_("Demande non précisée"),
            moves_of=moves_of,
            held_by=_("Porté par %(holder)s"),
        )


@functools.lru_cache(maxsize=4096)
def _since(language: str | None, days: int) -> str:
    """since_label(days) in `language`, translated once per language, number of days and process."""
    with translation.override(language):
        return since_label(days)


class _CardMaker:
    """Turns rows of _cards_head() into cards, with the board's words (_words) and « depuis
    N jours » (_since) translated once per language and process."""

    def __init__(self) -> None:
        self.language = translation.get_language()
        self.words = _words(self.language)
        self.now = timezone.now()
        # A datetime as the ORM gives it (SQLite: from its text), for the time in stage.
        self.moment = from_db(Project, "stage_changed_at")

    def __call__(self, row) -> BoardCard:
        pk, title, stage, kind, changed_at, structure, display, first, last, email, opened_at = row
        changed_at = self.moment(changed_at)
        days = max(0, (self.now - changed_at).days)
        since = _since(self.language, days)
        holder = _holder(structure, display, first, last, email)
        words = self.words
        return BoardCard(
            pk=pk,
            title=title,
            stage=stage,
            request_kind=kind,
            request_kind_label=words.kinds.get(kind) or words.unknown_kind,
            holder=holder,
            days_in_stage=days,
            is_new=stage == Stage.SUBMITTED and opened_at is None,
            moves=words.moves_of[stage],
            since=since,
            holder_label=words.held_by % {"holder": holder},
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
        "count_label": ngettext("%(n)s projet", "%(n)s projets", count) % {"n": count},
        "projects": cards,
        "remaining": remaining,
        "more_label": more_label(remaining) if remaining else "",
        "next_page": shown_before // BOARD_CARDS_PER_COLUMN + 2,
    }


def pipeline_board(*, pole: Pole, domain: str = "", request_kind: str = "") -> dict:
    """The board of a pole: a count per stage (one aggregate) and the most recently moved
    projects of each open column (one query, holders joined): a LIMIT subquery per column
    on the (pole, stage, stage_changed_at) index (a window over the pole read, joined and
    sorted every project: 13 ms of SQL for 500). The rest of a column comes page by page
    (board_column_page, the « Voir les N autres » of the column).

    An idea is « new » while no coordinator of the pole has opened its page yet (the read
    receipt that project_mark_opened_by_coordination records)."""
    equals = _equals(pole=pole, domain=domain, request_kind=request_kind)
    counts = _counts(equals)
    latest = latest_per_value(
        Project, column="stage", values=BOARD_COLUMNS, order=_ORDER, limit=BOARD_CARDS_PER_COLUMN, **equals
    )
    sql = f"{_cards_head(connection.vendor)} WHERE {column(Project, 'pk')} IN ({latest.sql}) ORDER BY {order_sql(Project, _ORDER)}"
    card = _CardMaker()
    cards: dict[str, list[BoardCard]] = {stage: [] for stage in BOARD_COLUMNS}
    for row in fetch_rows(sql, latest.params):
        cards[row[2]].append(card(row))
    labels = card.words.labels
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
    equals = _equals(pole=pole, domain=domain, request_kind=request_kind, stage=stage)
    count = _counts(equals).get(stage, 0)
    last_page = max(1, -(-count // BOARD_CARDS_PER_COLUMN))
    page = min(max(1, page), last_page)
    offset = (page - 1) * BOARD_CARDS_PER_COLUMN
    sql = (
        f"{_cards_head(connection.vendor)} WHERE {_where(tuple(equals))}"
        f" ORDER BY {order_sql(Project, _ORDER)} LIMIT %s OFFSET %s"
    )
    card = _CardMaker()
    rows = fetch_rows(sql, [*equals.values(), BOARD_CARDS_PER_COLUMN, offset])
    column_ = _column(stage, card.words.labels[stage], count, [card(row) for row in rows], shown_before=offset)
    column_.update(page=page, last_page=last_page)
    return column_
