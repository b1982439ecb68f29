"""Debates: the list, a debate's page with its columns for and against, opening, posting
arguments and replies, reacting, following, closing with a synthesis. Consultations are in
consultations.py, moderation in moderation.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from peps.core.access import require
from peps.core.forms import apply_validation_error
from peps.core.pagination import paginate
from peps.core.tenancy import pole_view

from .. import selectors, services
from ..forms import ArgumentForm, CloseForm, DebateFilterForm, DebateForm, ReplyForm
from ..models import Stance


def _sort(request) -> str:
    sort = request.GET.get("tri", selectors.DEFAULT_SORT)
    return sort if sort in selectors.SORTS else selectors.DEFAULT_SORT


@require_GET
@pole_view
def debate_list(request):
    projects = selectors.projects_for_debates(user=request.user, pole=request.pole)
    form = DebateFilterForm(request.GET or None, projects=projects)
    filters = form.filters() if form.is_bound else {}
    debates = selectors.debate_list(user=request.user, pole=request.pole, filters=filters)
    context = {
        "form": form,
        "page": paginate(debates, request),
        "filtered": bool(filters),
        "can_open": request.user.has_perm("deliberation.open_debate", request.pole),
    }
    template = "deliberation/_results.html" if request.htmx else "deliberation/list.html"
    return render(request, template, context)


def detail_context(request, debate, **forms) -> dict:
    """What the debate page shows to this viewer; bound forms (with their errors) replace
    the blank ones when a post failed without JavaScript."""
    user = request.user
    sort = _sort(request)
    return {
        "debate": debate,
        "columns": selectors.debate_columns(debate=debate, user=user, sort=sort),
        "sort": sort,
        "can_post": debate.is_open and user.has_perm("deliberation.post_argument", debate),
        "can_react": debate.is_open and user.has_perm("deliberation.react", debate),
        "can_close": debate.is_open and user.has_perm("deliberation.close_debate", debate),
        "can_moderate": user.has_perm("deliberation.moderate", debate),
        "is_following": getattr(debate, "is_following", False),
        "argument_form": forms.get("argument_form") or ArgumentForm(prefix="arg"),
        "reply_errors": forms.get("reply_errors") or {},
    }


@require_GET
@pole_view
def debate_detail(request, pk: int):
    debate = selectors.debate_for_viewer(user=request.user, pole=request.pole, pk=pk)
    return render(request, "deliberation/detail.html", detail_context(request, debate))


@require_GET
@pole_view
def debate_column(request, pk: int, stance: str):
    """One column, page by page: the "voir plus" of the debate page (appended by htmx)."""
    if stance not in Stance.values:
        raise Http404
    debate = selectors.debate_for_viewer(user=request.user, pole=request.pole, pk=pk)
    sort = _sort(request)
    page = selectors.debate_column_page(debate=debate, user=request.user, stance=stance, request=request, sort=sort)
    context = {
        "debate": debate,
        "stance": stance,
        "stance_label": Stance(stance).label,
        "page": page,
        "sort": sort,
        "can_react": debate.is_open and request.user.has_perm("deliberation.react", debate),
        "can_post": debate.is_open and request.user.has_perm("deliberation.post_argument", debate),
        "can_moderate": request.user.has_perm("deliberation.moderate", debate),
    }
    template = "deliberation/_column_items.html" if request.htmx else "deliberation/column.html"
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
@pole_view
def debate_open(request):
    require(request.user, "deliberation.open_debate", request.pole)
    projects = selectors.projects_for_debates(user=request.user, pole=request.pole)
    initial = {}
    if request.method == "GET" and request.GET.get("projet", "").isdigit():
        initial["project"] = projects.filter(pk=request.GET["projet"]).first()
    form = DebateForm(request.POST or None, projects=projects, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            debate = services.debate_open(
                pole=request.pole,
                by=request.user,
                title=data["title"],
                description=data["description"],
                visibility=data["visibility"],
                project=data["project"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Le débat est ouvert. Postez le premier argument !"))
            return redirect(debate.get_absolute_url())
    return render(request, "deliberation/debate_form.html", {"form": form})


@login_required
@require_POST
@pole_view
def argument_add(request, pk: int):
    debate = selectors.debate_for_viewer(user=request.user, pole=request.pole, pk=pk)
    require(request.user, "deliberation.post_argument", debate)
    form = ArgumentForm(request.POST, prefix="arg")
    argument = None
    if form.is_valid():
        try:
            argument = services.argument_post(
                debate=debate, by=request.user, stance=form.cleaned_data["stance"], text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            apply_validation_error(form, error, field=None if error.code == "closed" else "text")
    if request.htmx:
        context = {"debate": debate, "can_post": debate.is_open, "new_argument": argument, "can_react": True}
        context["argument_form"] = ArgumentForm(prefix="arg") if argument else form
        if argument is not None:
            argument.shown_replies, argument.has_reacted = [], False
            context["new_arguments"] = [argument]
        return render(request, "deliberation/_argument_form.html", context)
    if argument is None:
        if not debate.is_open or any(e.code == "closed" for e in form.non_field_errors().as_data()):
            debate.refresh_from_db()
        return render(request, "deliberation/detail.html", detail_context(request, debate, argument_form=form))
    messages.success(request, _("Votre argument est publié."))
    return redirect(f"{debate.get_absolute_url()}?tri=recents#argument-{argument.pk}")


def _argument(request, pk: int, argument_pk: int):
    debate = selectors.debate_for_viewer(user=request.user, pole=request.pole, pk=pk)
    return debate, selectors.argument_for_viewer(user=request.user, debate=debate, pk=argument_pk)


@require_GET
@pole_view
def argument_detail(request, pk: int, argument_pk: int):
    """One argument with all its replies, page by page."""
    debate, argument = _argument(request, pk, argument_pk)
    return render(request, "deliberation/argument.html", _argument_context(request, debate, argument))


def _argument_context(request, debate, argument, reply_form=None) -> dict:
    return {
        "debate": debate,
        "argument": argument,
        "replies": selectors.argument_replies(argument=argument, request=request),
        "can_post": debate.is_open and request.user.has_perm("deliberation.post_argument", debate),
        "can_moderate": request.user.has_perm("deliberation.moderate", debate),
        "reply_form": reply_form or ReplyForm(prefix=f"reply-{argument.pk}"),
    }


@login_required
@require_POST
@pole_view
def reply_add(request, pk: int, argument_pk: int):
    debate, argument = _argument(request, pk, argument_pk)
    require(request.user, "deliberation.post_argument", debate)
    form = ReplyForm(request.POST, prefix=f"reply-{argument.pk}")
    reply = None
    if form.is_valid():
        try:
            reply = services.reply_post(argument=argument, by=request.user, text=form.cleaned_data["text"])
        except ValidationError as error:
            apply_validation_error(form, error, field=None if error.code == "closed" else "text")
    if request.htmx:
        selectors._attach_replies([argument])
        context = {
            "debate": debate,
            "argument": argument,
            "user": request.user,
            "can_post": debate.is_open,
            "can_moderate": request.user.has_perm("deliberation.moderate", debate),
            "reply_form": ReplyForm(prefix=f"reply-{argument.pk}") if reply else form,
        }
        # A Jinja2 partial (jinja2/deliberation/), the one the debate page renders its arguments with.
        return render(request, "deliberation/_replies.html", context)
    if reply is None:
        if not debate.is_open or form.non_field_errors():
            debate.refresh_from_db()
        return render(request, "deliberation/argument.html", _argument_context(request, debate, argument, form))
    messages.success(request, _("Votre réponse est publiée."))
    return redirect(f"{debate.get_absolute_url()}#argument-{argument.pk}")


@login_required
@require_POST
@pole_view
def argument_react(request, pk: int, argument_pk: int):
    debate, argument = _argument(request, pk, argument_pk)
    require(request.user, "deliberation.react", debate)
    if not debate.is_open:
        messages.error(request, _("Ce débat est clos : on ne peut plus réagir aux arguments."))
        return redirect(debate.get_absolute_url())
    # The form says what it wants, so a double submit cannot undo itself.
    if request.POST.get("action") == "remove":
        services.argument_unreact(argument=argument, person=request.user)
        argument.has_reacted = False
    else:
        services.argument_react(argument=argument, person=request.user)
        argument.has_reacted = True
    if request.htmx:
        context = {"debate": debate, "argument": argument, "user": request.user, "can_react": True}
        return render(request, "deliberation/_reaction.html", context)  # Jinja2, as on the debate page
    return redirect(f"{debate.get_absolute_url()}#argument-{argument.pk}")


@login_required
@require_POST
@pole_view
def debate_follow(request, pk: int):
    debate = selectors.debate_for_viewer(user=request.user, pole=request.pole, pk=pk)
    require(request.user, "deliberation.follow", debate)
    if request.POST.get("action") == "remove":
        services.follow_remove(target=debate, person=request.user)
        following = False
    else:
        services.follow_add(target=debate, person=request.user)
        following = True
    if request.htmx:
        context = {"target": debate, "is_following": following, "follow_url_name": "deliberation:follow"}
        return render(request, "deliberation/_follow.html", context)
    return redirect(debate.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
@pole_view
def debate_close(request, pk: int):
    debate = selectors.debate_for_viewer(user=request.user, pole=request.pole, pk=pk)
    require(request.user, "deliberation.close_debate", debate)
    if not debate.is_open:
        messages.info(request, _("Ce débat est déjà clos."))
        return redirect(debate.get_absolute_url())
    form = CloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.debate_close(debate=debate, by=request.user, synthesis=form.cleaned_data["synthesis"])
        except ValidationError as error:
            apply_validation_error(form, error, field="synthesis")
        else:
            messages.success(request, _("Le débat est clos ; sa synthèse est affichée en tête de page."))
            return redirect(debate.get_absolute_url())
    context = {"debate": debate, "form": form, "columns": selectors.debate_columns(debate=debate, user=request.user)}
    return render(request, "deliberation/close.html", context)
