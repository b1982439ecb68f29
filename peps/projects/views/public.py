"""Public side of projects: the list, a project's page, submission and edition, and what
signed-in people do on a project (follow, support, comment). Coordinators' pages are in
pipeline.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from peps.activity.selectors import structures_matching
from peps.core.access import require
from peps.core.forms import apply_validation_error
from peps.core.sql import exists_mark
from peps.core.tenancy import pole_view
from peps.directory.models import Representative, RepresentativeStatus
from peps.directory.services import representative_claim

from .. import selectors, services
from ..forms import (
    CommentForm,
    MoveStageForm,
    ProjectFilterForm,
    ProjectForm,
    ProjectSubmitForm,
    ReferralForm,
    RequestKindForm,
    SupportLogEntryForm,
)
from ..models import Project
from ..stages import REPLY_WITHIN_DAYS, Stage, allowed_moves, public_steps


@require_GET
@pole_view
def project_list(request):
    form = ProjectFilterForm(request.GET or None)
    filters = form.filters() if form.is_bound else {}
    page = selectors.project_list(user=request.user, pole=request.pole, filters=filters, request=request)
    context = {"form": form, "page": page, "filtered": bool(filters)}
    template = "projects/_results.html" if request.htmx else "projects/list.html"
    return render(request, template, context)


from peps.partnerships.models import Need, Partnership  # noqa: E402
from peps.partnerships.selectors import partnerships_of_project, project_needs  # noqa: E402


def _partnership_marks() -> dict:
    """Whether the project has any need or any partnership at all, asked in the project's own
    query: most projects have neither, and then the page skips both reads (each with its joins)."""
    return {
        "has_needs": exists_mark(Need, link="project", outer=Project),
        "has_partnerships": exists_mark(Partnership, link="project", outer=Project),
    }


def detail_context(request, project, **forms) -> dict:
    """Everything the project page shows to this viewer; bound forms (with their errors)
    replace the blank ones when an action failed without JavaScript."""
    user = request.user
    can_manage = user.has_perm("projects.manage_pipeline", project)
    can_see_log = user.has_perm("projects.view_support_log", project)
    context = {
        "project": project,
        "comments": selectors.project_comments(project=project, request=request),
        "can_change": user.has_perm("projects.change_project", project),
        "can_comment": user.has_perm("projects.comment", project),
        "can_manage": can_manage,
        "can_see_log": can_see_log,
        "can_see_history": user.has_perm("projects.view_stage_history", project),
        "is_following": getattr(project, "is_following", False),
        "is_supporting": getattr(project, "is_supporting", False),
        "comment_form": forms.get("comment_form") or CommentForm(prefix="comment"),
    }
    # What the project is looking for and who it works with (issue 3: partnerships).
    context["needs"] = project_needs(project=project, limit=10) if getattr(project, "has_needs", True) else []
    context["partnerships"] = (
        partnerships_of_project(project, user, limit=20) if getattr(project, "has_partnerships", True) else []
    )
    context["can_add_need"] = user.has_perm("partnerships.add_project_need", project)
    if context["can_see_history"]:
        context["history"] = selectors.stage_history(project=project)
    if can_see_log:
        context["log_entries"], context["referrals"] = selectors.support_log(project=project)
    if can_manage:
        context.update(
            # Orienting is asked once, by the support log's referral form (the network, then
            # the stage in the same step): the project page's move form leaves it out.
            move_form=forms.get("move_form")
            or MoveStageForm(prefix="move", current=project.stage, exclude=(Stage.REDIRECTED,)),
            can_redirect=Stage.REDIRECTED in allowed_moves(project.stage),
            kind_form=forms.get("kind_form")
            or RequestKindForm(prefix="kind", initial={"request_kind": project.request_kind}),
            log_form=forms.get("log_form") or SupportLogEntryForm(prefix="log"),
            referral_form=forms.get("referral_form") or ReferralForm(prefix="ref", current=project.stage),
        )
    return context


@require_GET
@pole_view
def project_detail(request, pk: int):
    project = selectors.project_for_viewer(
        user=request.user, pole=request.pole, pk=pk, page=True, marks=_partnership_marks()
    )
    if request.user.is_authenticated:
        services.project_mark_opened_by_coordination(project=project, by=request.user)
    return render(request, "projects/detail.html", detail_context(request, project))


@login_required
@require_http_methods(["GET", "POST"])
@pole_view
def project_submit(request):
    structures = selectors.structures_represented_by(user=request.user, pole=request.pole)
    form = ProjectSubmitForm(request.POST or None, user=request.user, structures=structures, pole=request.pole)
    if not structures.exists():
        del form.fields["on_behalf"]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                project = services.project_submit(
                    pole=request.pole,
                    by=request.user,
                    title=data["title"],
                    summary=data["summary"],
                    description=data["description"],
                    involved=data["involved"],
                    domain=data["domain"],
                    commune=data["commune"],
                    visibility=data["visibility"],
                    structure=data.get("on_behalf"),
                )
                if data.get("represent"):
                    representative_claim(structure=data["represent"], by=request.user, title=data["represent_title"])
        except ValidationError as error:
            apply_validation_error(form, error, field="on_behalf")
        else:
            return redirect("projects:submitted", pole=request.pole.slug, pk=project.pk)
    return render(request, "projects/form.html", {"form": form, "editing": False})


@login_required
@require_GET
@pole_view
def project_submitted(request, pk: int):
    """What happens next, told to the holder right after submitting: who reads the idea,
    within how long, and the stages ahead."""
    project = selectors.project_for_viewer(user=request.user, pole=request.pole, pk=pk)
    if project.holder_id != request.user.pk:
        return redirect(project.get_absolute_url())
    context = {
        "project": project,
        "reply_days": REPLY_WITHIN_DAYS,
        "steps": public_steps(project.stage),
        "claim": Representative.objects.filter(person=request.user, structure__pole=request.pole)
        .filter(status=RepresentativeStatus.PENDING)
        .select_related("structure")
        .first(),
    }
    return render(request, "projects/submitted.html", context)


@login_required
@require_GET
@pole_view
def structure_suggestions(request):
    """<option>s for the « represent a structure » field: the pole's public directory."""
    query = request.GET.get("represent", "")[:100]
    structures = structures_matching(pole=request.pole, query=query) if len(query.strip()) >= 2 else []
    return render(request, "activity/_options.html", {"labels": [s.name for s in structures]})


@login_required
@require_http_methods(["GET", "POST"])
@pole_view
def project_edit(request, pk: int):
    project = selectors.project_for_viewer(user=request.user, pole=request.pole, pk=pk)
    require(request.user, "projects.change_project", project)
    form = ProjectForm(request.POST or None, instance=project)
    if request.method == "POST" and form.is_valid():
        services.project_update(project=project, by=request.user, data=form.cleaned_data)
        messages.success(request, _("Le projet est mis à jour."))
        return redirect(project.get_absolute_url())
    return render(request, "projects/form.html", {"form": form, "editing": True, "project": project})


def _toggle(request, pk: int, *, add, remove, template: str):
    project = selectors.project_for_viewer(user=request.user, pole=request.pole, pk=pk)
    require(request.user, "projects.follow_project", project)
    # The form says what it wants (add or remove), so a double submit cannot undo itself.
    if request.POST.get("action") == "remove":
        remove(project=project, person=request.user)
        active = False
    else:
        add(project=project, person=request.user)
        active = True
    if request.htmx:
        return render(request, template, {"project": project, "is_following": active, "is_supporting": active})
    return redirect(project.get_absolute_url())


@login_required
@require_POST
@pole_view
def project_follow(request, pk: int):
    return _toggle(
        request, pk, add=services.project_follow, remove=services.project_unfollow, template="projects/_follow.html"
    )


@login_required
@require_POST
@pole_view
def project_support(request, pk: int):
    return _toggle(
        request, pk, add=services.project_support, remove=services.project_unsupport, template="projects/_support.html"
    )


@login_required
@require_POST
@pole_view
def comment_add(request, pk: int):
    project = selectors.project_for_viewer(user=request.user, pole=request.pole, pk=pk)
    require(request.user, "projects.comment", project)
    form = CommentForm(request.POST, prefix="comment")
    comment = None
    if form.is_valid():
        try:
            comment = services.comment_add(project=project, author=request.user, text=form.cleaned_data["text"])
        except ValidationError as error:
            apply_validation_error(form, error, field="text")
    if request.htmx:
        context = {"project": project, "can_comment": True, "new_comment": comment, "new_comments": [comment]}
        context["comment_form"] = CommentForm(prefix="comment") if comment else form
        return render(request, "projects/_comment_form.html", context)
    if comment is None:
        return render(request, "projects/detail.html", detail_context(request, project, comment_form=form))
    messages.success(request, _("Votre commentaire est publié."))
    last_page = selectors.comments_last_page(project=project)
    url = reverse("projects:detail", kwargs={"pole": request.pole.slug, "pk": project.pk})
    return redirect(f"{url}?page={last_page}#comment-{comment.pk}")
