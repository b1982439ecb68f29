"""Coordinators' side of projects: the pipeline board and the actions on a project's page
(move the stage, request kind, support log, referral). Each action answers an htmx request
with the section it changed, and a plain form post with a redirect (or the page with errors)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from peps.core.access import require
from peps.core.forms import apply_validation_error
from peps.core.tenancy import pole_view

from .. import selectors, services
from ..board import BOARD_COLUMNS, board_column_page, pipeline_board
from ..forms import BoardFilterForm, MoveStageForm, ReferralForm, RequestKindForm, SupportLogEntryForm
from ..models import Project
from .public import detail_context


def _board_context(request, data) -> dict:
    """The board with the filters in `data` (the page's query, or the hidden fields of a move)."""
    form = BoardFilterForm(data or None)
    filters = form.filters() if form.is_bound else {}
    board = pipeline_board(pole=request.pole, **filters)
    return {"form": form, "filters": filters, "pole_slug": request.pole.slug, **board}


@login_required
@require_GET
@pole_view
def board(request):
    require(request.user, "projects.manage_pipeline", request.pole)
    return render(request, "projects/board.html", _board_context(request, request.GET))


@login_required
@require_GET
@pole_view
def board_column(request, stage: str):
    """One column of the board, page by page: « Voir les N autres » appends the next cards
    (htmx), or, without JavaScript, this page shows them with their « Déplacer » forms."""
    require(request.user, "projects.manage_pipeline", request.pole)
    if stage not in BOARD_COLUMNS:
        raise Http404
    form = BoardFilterForm(request.GET or None)
    filters = form.filters() if form.is_bound else {}
    page = request.GET.get("page", "")
    page_number = int(page) if page.isdigit() and len(page) < 6 else 1
    column = board_column_page(pole=request.pole, stage=stage, page=page_number, **filters)
    context = {"column": column, "filters": filters, "pole_slug": request.pole.slug}
    if request.htmx:
        return render(request, "projects/_board_cards.html", context)
    board_url = reverse("projects:board", kwargs={"pole": request.pole.slug})
    context["board_url"] = f"{board_url}?{urlencode(filters)}" if filters else board_url
    number, last = column["page"], column["last_page"]
    context["page"] = {  # what includes/pagination.html reads
        "number": number,
        "num_pages": last,
        "has_previous": number > 1,
        "has_next": number < last,
        "previous_number": number - 1,
        "next_number": number + 1,
    }
    return render(request, "projects/board_column.html", context)


@login_required
@require_POST
@pole_view
def board_move(request, pk: int):
    """Move a card of the board (its « Déplacer » menu, or a drag and drop that fills it in):
    the same service as the project's page; htmx gets the board back, a plain post a redirect."""
    project = _managed_project(request, pk)
    form = MoveStageForm(request.POST, prefix="move", current=project.stage)
    moved = False
    if form.is_valid():
        try:
            services.project_move_stage(
                project=project,
                to_stage=form.cleaned_data["to_stage"],
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
            moved = True
        except ValidationError as error:
            apply_validation_error(form, error)
    if moved:
        status = _("« %(title)s » passe à l’étape « %(stage)s ».") % {
            "title": project.title,
            "stage": project.get_stage_display(),
        }
    else:
        errors = [str(message) for messages_ in form.errors.values() for message in messages_]
        status = _("« %(title)s » n’a pas été déplacé : %(errors)s") % {
            "title": project.title,
            "errors": " ".join(errors),
        }
    if request.htmx:
        context = _board_context(request, request.POST)
        context.update(status=status, status_error=not moved, moved=project.pk)
        return render(request, "projects/_board.html", context)
    (messages.success if moved else messages.error)(request, status)
    filters = BoardFilterForm(request.POST).filters()
    url = reverse("projects:board", kwargs={"pole": request.pole.slug})
    return redirect(f"{url}?{urlencode(filters)}" if filters else url)


def _managed_project(request, pk: int) -> Project:
    project = selectors.project_for_viewer(user=request.user, pole=request.pole, pk=pk)
    require(request.user, "projects.manage_pipeline", project)
    return project


def _answer(request, project: Project, *, partial: str, success: str, **forms):
    """htmx: the changed section (with errors if any). Without JS: redirect, or the page with errors."""
    failed = any(form.errors for form in forms.values())
    if request.htmx:
        context = detail_context(request, project, **({} if not failed else forms))
        context["oob_stage"] = partial != "projects/_stage.html"
        return render(request, partial, context)
    if failed:
        return render(request, "projects/detail.html", detail_context(request, project, **forms))
    messages.success(request, success)
    return redirect(project.get_absolute_url())


@login_required
@require_POST
@pole_view
def move_stage(request, pk: int):
    project = _managed_project(request, pk)
    form = MoveStageForm(request.POST, prefix="move", current=project.stage)
    if form.is_valid():
        try:
            services.project_move_stage(
                project=project,
                to_stage=form.cleaned_data["to_stage"],
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
    return _answer(
        request,
        project,
        partial="projects/_stage.html",
        success=_("L’étape du projet est mise à jour."),
        move_form=form,
    )


@login_required
@require_POST
@pole_view
def set_request_kind(request, pk: int):
    project = _managed_project(request, pk)
    form = RequestKindForm(request.POST, prefix="kind")
    if form.is_valid():
        services.project_set_request_kind(
            project=project, request_kind=form.cleaned_data["request_kind"], by=request.user
        )
    return _answer(
        request,
        project,
        partial="projects/_support_log.html",
        success=_("Le type de demande est enregistré."),
        kind_form=form,
    )


@login_required
@require_POST
@pole_view
def log_add(request, pk: int):
    project = _managed_project(request, pk)
    form = SupportLogEntryForm(request.POST, prefix="log")
    if form.is_valid():
        try:
            services.support_log_add(project=project, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
    return _answer(
        request,
        project,
        partial="projects/_support_log.html",
        success=_("L’entrée du suivi est ajoutée."),
        log_form=form,
    )


@login_required
@require_POST
@pole_view
def refer(request, pk: int):
    project = _managed_project(request, pk)
    form = ReferralForm(request.POST, prefix="ref", current=project.stage)
    if form.is_valid():
        try:
            services.project_refer(project=project, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
    return _answer(
        request,
        project,
        partial="projects/_support_log.html",
        success=_("L’orientation est enregistrée."),
        referral_form=form,
    )
