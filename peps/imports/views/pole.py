"""Pages of a pole's imports, under /p/<pole>/imports/ (coordination only): upload, columns,
preview with a choice per duplicate, progress, report, undo; export; the sample file; the
registers' facts on a structure and the territory's ESS structures to contact."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from peps.core.access import require
from peps.core.forms import apply_validation_error, refusal_text
from peps.core.pagination import paginate
from peps.core.tenancy import pole_view
from peps.directory.models import Structure
from peps.territory.models import Commune

from .. import registers, services
from ..export import export_xlsx
from ..forms import MappingForm, UploadForm
from ..models import Decision, ImportJob, ImportKind, ImportStatus
from ..sample import sample_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
JOBS_SHOWN = 30


def _require_staff(request) -> None:
    # Members learn that the page exists but is not theirs; outsiders learn nothing.
    require(request.user, "imports.manage_imports", request.pole, hide=not request.is_member)


def _job(request, pk: int) -> ImportJob:
    _require_staff(request)
    return get_object_or_404(ImportJob.objects.select_related("pole", "created_by"), pk=pk, pole=request.pole)


@login_required
@require_http_methods(["GET", "POST"])
@pole_view
def index(request):
    _require_staff(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = services.import_upload(
                pole=request.pole, by=request.user, kind=form.cleaned_data["kind"], upload=form.cleaned_data["file"]
            )
        except ValidationError as error:
            apply_validation_error(form, error, field="file")
        else:
            return redirect("imports:mapping", pole=request.pole.slug, pk=job.pk)
    jobs = ImportJob.objects.filter(pole=request.pole).select_related("pole", "created_by")[:JOBS_SHOWN]
    context = {"form": form, "jobs": jobs, "kinds": ImportKind.choices}
    return render(request, "imports/index.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
@pole_view
def mapping(request, pk: int):
    job = _job(request, pk)
    if job.status != ImportStatus.UPLOADED:
        return redirect(job.get_absolute_url())
    form = MappingForm(request.POST or None, job=job)
    if request.method == "POST" and form.is_valid():
        try:
            services.import_set_mapping(job=job, mapping=form.mapping())
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            return redirect("imports:preview", pole=request.pole.slug, pk=job.pk)
    mapped = set(job.mapping)
    unknown = [h for i, h in enumerate(job.headers) if str(i) not in mapped]
    return render(request, "imports/mapping.html", {"job": job, "form": form, "unknown": unknown})


@login_required
@require_http_methods(["GET", "POST"])
@pole_view
def preview(request, pk: int):
    job = _job(request, pk)
    if job.status != ImportStatus.UPLOADED:
        return redirect(job.get_absolute_url())
    if request.method == "POST":
        decisions = {key[4:]: value for key, value in request.POST.items() if key.startswith("dup_")}
        try:
            services.import_start(job=job, by=request.user, decisions=decisions)
        except ValidationError as error:
            messages.error(request, refusal_text(error))
        else:
            return redirect(job.get_absolute_url())
    try:
        result = services.preview(job)
    except services.reader.FileProblem as problem:
        messages.error(request, str(problem))
        return redirect("imports:mapping", pole=request.pole.slug, pk=job.pk)
    communes = dict(
        Commune.objects.filter(
            pk__in={r.values.get("commune") for r in result["first"] + result["duplicates"] if r.values.get("commune")}
        ).values_list("pk", "name")
    )
    for row in result["first"] + result["duplicates"]:
        row.commune_name = communes.get(row.values.get("commune"), "")
    context = {
        "job": job,
        **result,
        "decisions": Decision.choices,
        "is_contacts": job.kind == ImportKind.CONTACTS,
    }
    return render(request, "imports/preview.html", context)


def _detail_context(request, job: ImportJob) -> dict:
    return {
        "job": job,
        "progress": services.live_progress(job) if job.is_active else job.progress,
        "undo_blockers": services.undo_blockers(job) if job.status == ImportStatus.DONE else [],
        "undo_days": services.UNDO_DAYS,
    }


@login_required
@require_GET
@pole_view
def detail(request, pk: int):
    job = _job(request, pk)
    template = "imports/_status.html" if request.htmx else "imports/detail.html"
    return render(request, template, _detail_context(request, job))


@login_required
@require_POST
@pole_view
def cancel(request, pk: int):
    job = _job(request, pk)
    try:
        services.import_cancel(job=job)
    except ValidationError as error:
        messages.error(request, refusal_text(error))
    else:
        messages.success(request, _("L’import est annulé : rien n’a été enregistré."))
    return redirect(job.get_absolute_url())


@login_required
@require_POST
@pole_view
def undo(request, pk: int):
    job = _job(request, pk)
    try:
        services.import_undo(job=job, by=request.user)
    except ValidationError as error:
        messages.error(request, refusal_text(error))
    else:
        messages.success(request, _("L’import est défait : l’annuaire est revenu à son état d’avant."))
    return redirect(job.get_absolute_url())


@login_required
@require_GET
@pole_view
def rejected(request, pk: int):
    job = _job(request, pk)
    if not job.rejected_file:
        raise Http404
    name = f"lignes-rejetees-{job.pk}.xlsx"
    return FileResponse(job.rejected_file.open("rb"), as_attachment=True, filename=name, content_type=XLSX)


@login_required
@require_GET
@pole_view
def sample(request):
    _require_staff(request)
    response = HttpResponse(sample_xlsx(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="exemple-adherents.xlsx"'
    return response


@login_required
@require_GET
@pole_view
def export(request, kind: str):
    _require_staff(request)
    if kind not in ImportKind.values:
        raise Http404
    response = HttpResponse(export_xlsx(request.pole, kind), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{request.pole.slug}-{kind}.xlsx"'
    return response


# --- The registers, seen from a pole.


@login_required
@require_http_methods(["GET", "POST"])
@pole_view
def complete(request, slug: str):
    """« Compléter depuis SIRENE / RNA »: the registers' facts beside the page's, to pick from."""
    require(request.user, "imports.use_registers", request.pole, hide=not request.is_member)
    structure = get_object_or_404(Structure.objects.select_related("commune"), pole=request.pole, slug=slug)
    if request.method == "POST":
        try:
            registers.structure_complete(structure=structure, by=request.user, fields=request.POST.getlist("field"))
        except ValidationError as error:
            messages.error(request, refusal_text(error))
        else:
            messages.success(request, _("La fiche est complétée depuis les registres."))
            return redirect(structure.get_absolute_url())
        structure.refresh_from_db()
    facts = registers.register_facts(structure)
    rows = registers.completion_rows(structure, facts)
    codes = {r["proposed"] for r in rows if r["name"] == "commune"} | {structure.commune_id}
    communes = dict(Commune.objects.filter(pk__in=[c for c in codes if c]).values_list("pk", "name"))
    for row in rows:
        row["current_display"], row["proposed_display"] = (
            _display(row["name"], row["current"]),
            _display(row["name"], row["proposed"]),
        )
        row["current_label"], row["proposed_label"] = (
            communes.get(row["current"], ""),
            communes.get(row["proposed"], ""),
        )
    context = {"structure": structure, "rows": rows, "found": bool(facts)}
    return render(request, "imports/complete.html", context)


def _display(name: str, value) -> str:
    from django.utils.formats import date_format

    from peps.directory.models import LegalForm

    if value is None or value == "":
        return ""
    if name == "legal_form":
        return str(LegalForm(value).label)
    if name == "is_ess":
        return _("oui") if value else _("non")
    if name == "founded_on":
        return date_format(value, "j F Y")
    return str(value)


@login_required
@require_GET
@pole_view
def ess(request):
    """The territory's ESS structures (SIRENE) that the directory does not have yet."""
    require(request.user, "imports.use_registers", request.pole, hide=not request.is_member)
    page = paginate(registers.ess_to_contact(request.pole), request)
    establishments = registers.establishments_of([u.siren for u in page.items], request.pole)
    codes = {e.commune_code for e in establishments.values()}
    communes = dict(Commune.objects.filter(pk__in=codes).values_list("pk", "name"))
    for establishment in establishments.values():
        establishment.commune_name = communes.get(establishment.commune_code, establishment.commune_code)
    rows = [(u, establishments.get(u.siren)) for u in page.items]
    return render(request, "imports/ess.html", {"page": page, "rows": rows})


@login_required
@require_POST
@pole_view
def ess_add(request):
    require(request.user, "imports.use_registers", request.pole, hide=not request.is_member)
    try:
        structure = registers.structure_from_register(
            pole=request.pole, by=request.user, siren=request.POST.get("siren", "")
        )
    except ValidationError as error:
        messages.error(request, refusal_text(error))
        return redirect("imports:ess", pole=request.pole.slug)
    messages.success(request, _("« %(name)s » est ajoutée à l’annuaire : notez le contact.") % {"name": structure.name})
    return redirect(reverse("activity:add", kwargs={"pole": request.pole.slug}) + f"?structure={structure.pk}")
