"""Pages of referentials under /reseau/referentiels/: the list, a version's tree and its export
(public for published versions), and the editor of network administrators."""

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from peps.core.access import require
from peps.core.forms import apply_validation_error, refusal_text

from . import selectors, services
from .forms import ImportForm, ItemForm, NewVersionForm, ReferentialForm, VersionForm
from .serialization import ReferentialImportError, dump_json, dump_yaml, version_as_data


def _can_manage(request) -> bool:
    # django-rules only: user.has_perm would ask Django's ModelBackend first (two queries).
    return rules.has_perm("referentials.manage", request.user)


@require_GET
def referential_list(request):
    context = {
        "referentials": selectors.referentials_with_versions(user=request.user),
        "can_manage": _can_manage(request),
    }
    return render(request, "referentials/list.html", context)


@require_GET
def referential_latest(request, slug: str):
    version = selectors.versions_visible_to(request.user).filter(referential__slug=slug).order_by("-number").first()
    if version is None:
        raise Http404
    return redirect("referentials:version", slug=slug, number=version.number)


@require_GET
def version_detail(request, slug: str, number: int):
    version = selectors.version_for_viewer(user=request.user, slug=slug, number=number)
    items = selectors.version_tree(version)
    can_manage = _can_manage(request)
    context = {
        "version": version,
        "referential": version.referential,
        "tree": selectors.nest(items, version=version),
        "counts": selectors.item_counts(items),
        # Said once above the tree; only editors see a mark on each item (their work list).
        "unlabelled": sum(1 for item in items if item.to_complete or not item.label),
        "can_manage": can_manage,
        "can_edit": can_manage and not version.is_frozen,
        "new_version_form": NewVersionForm() if can_manage else None,
        "levels": [version.level_name(depth) for depth in range(max((i.depth for i in items), default=-1) + 1)],
    }
    return render(request, "referentials/version.html", context)


@require_GET
def version_export(request, slug: str, number: int, fmt: str):
    version = selectors.version_for_viewer(user=request.user, slug=slug, number=number)
    data = version_as_data(version, selectors.version_tree(version))
    if fmt == "json":
        body, content_type = dump_json(data), "application/json; charset=utf-8"
    else:
        body, content_type = dump_yaml(data), "application/yaml; charset=utf-8"
    response = HttpResponse(body, content_type=content_type)
    filename = f"{version.referential.slug}-v{version.number}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- Editor (network administrators) ---------------------------------------------------


def _managed_version(request, slug: str, number: int):
    require(request.user, "referentials.manage")
    return selectors.version_for_viewer(user=request.user, slug=slug, number=number)


@login_required
@require_http_methods(["GET", "POST"])
def referential_create(request):
    require(request.user, "referentials.manage")
    form = ReferentialForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            version = services.referential_create(
                slug=data["slug"],
                name=data["name"],
                description=data["description"],
                version_label=data["version_label"],
                level_names=data["level_names"],
                by=request.user,
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Le référentiel est créé. Ajoutez-lui ses premiers éléments."))
            return redirect(version.get_absolute_url())
    return render(request, "referentials/referential_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def referential_import(request):
    require(request.user, "referentials.manage")
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            version = services.referential_import(
                content=upload.read(), filename=upload.name, by=request.user, publish=form.cleaned_data["publish"]
            )
        except ReferentialImportError as error:
            for message in error.messages:
                form.add_error("file", message)
        else:
            messages.success(
                request,
                _("Import réussi : version %(n)d de « %(name)s ».")
                % {"n": version.number, "name": version.referential.name},
            )
            return redirect(version.get_absolute_url())
    return render(request, "referentials/import.html", {"form": form})


@login_required
@require_POST
def version_new(request, slug: str, number: int):
    version = _managed_version(request, slug, number)
    form = NewVersionForm(request.POST)
    label = form.cleaned_data["label"] if form.is_valid() else ""
    new = services.version_create_from(version=version, by=request.user, label=label)
    messages.success(
        request,
        _("La version %(n)d est créée à partir de la version %(o)d : c’est un brouillon, modifiable.")
        % {"n": new.number, "o": version.number},
    )
    return redirect(new.get_absolute_url())


@login_required
@require_POST
def version_publish(request, slug: str, number: int):
    version = _managed_version(request, slug, number)
    services.version_publish(version=version)
    messages.success(request, _("La version est publiée : tout le monde peut la consulter."))
    return redirect(version.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def version_edit(request, slug: str, number: int):
    version = _managed_version(request, slug, number)
    form = VersionForm(request.POST or None, instance=version)
    if request.method == "POST" and form.is_valid():
        try:
            services.version_update(
                version=version,
                label=form.cleaned_data["label"],
                notes=form.cleaned_data["notes"],
                level_names=form.cleaned_data["level_names"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("La version est mise à jour."))
            return redirect(version.get_absolute_url())
    return render(request, "referentials/version_form.html", {"form": form, "version": version})


def _item_form_page(request, version, form, item=None):
    # A frozen version shows the explanation instead of the form (see the template).
    return render(request, "referentials/item_form.html", {"form": form, "version": version, "item": item})


@login_required
@require_http_methods(["GET", "POST"])
def item_add(request, slug: str, number: int):
    version = _managed_version(request, slug, number)
    initial = {}
    parent_id = request.GET.get("parent", "")
    if parent_id.isdigit():
        initial["parent"] = int(parent_id)
    form = ItemForm(request.POST or None, version=version, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.item_add(
                version=version,
                parent=data["parent"],
                code=data["code"],
                label=data["label"],
                description=data["description"],
                theme=data["theme"],
                to_complete=data["to_complete"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("L’élément « %(code)s » est ajouté.") % {"code": data["code"]})
            return redirect(version.get_absolute_url())
    return _item_form_page(request, version, form)


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request, slug: str, number: int, pk: int):
    version = _managed_version(request, slug, number)
    item = selectors.item_of_version(version=version, pk=pk)
    exclude = selectors.subtree_ids(item)
    form = ItemForm(request.POST or None, version=version, exclude_ids=exclude, initial=ItemForm.initial_for(item))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.item_update(
                item=item,
                parent=data["parent"],
                code=data["code"],
                label=data["label"],
                description=data["description"],
                theme=data["theme"],
                to_complete=data["to_complete"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("L’élément « %(code)s » est enregistré.") % {"code": item.code})
            return redirect(f"{version.get_absolute_url()}#item-{item.pk}")
    return _item_form_page(request, version, form, item)


@login_required
@require_POST
def item_move(request, slug: str, number: int, pk: int):
    version = _managed_version(request, slug, number)
    item = selectors.item_of_version(version=version, pk=pk)
    offset = -1 if request.POST.get("direction") == "up" else 1
    try:
        services.item_move(item=item, offset=offset)
    except ValidationError as error:
        messages.error(request, refusal_text(error))
    return redirect(f"{version.get_absolute_url()}#item-{item.pk}")


@login_required
@require_http_methods(["GET", "POST"])
def item_delete(request, slug: str, number: int, pk: int):
    version = _managed_version(request, slug, number)
    item = selectors.item_of_version(version=version, pk=pk)
    subtree = len(selectors.subtree_ids(item)) - 1
    error = None
    if request.method == "POST":
        try:
            services.item_delete(item=item)
        except ValidationError as refusal:
            error = refusal_text(refusal)
        else:
            messages.success(request, _("L’élément « %(code)s » est supprimé.") % {"code": item.code})
            return redirect(version.get_absolute_url())
    context = {"version": version, "item": item, "subtree": subtree, "error": error}
    return render(request, "referentials/item_delete.html", context, status=409 if error else 200)
