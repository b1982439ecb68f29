"""The network administration's page of the official registers, under /reseau/registres/."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from peps.core.access import require
from peps.core.forms import apply_validation_error

from .. import registers
from ..forms import RegisterUploadForm
from ..models import RegisterAssociation, RegisterEstablishment, RegisterLoad, RegisterUnit


@login_required
@require_http_methods(["GET", "POST"])
def index(request):
    require(request.user, "imports.load_registers", hide=True)
    form = RegisterUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            registers.register_load_create(
                kind=form.cleaned_data["kind"], upload=form.cleaned_data["file"], by=request.user
            )
        except ValidationError as error:
            apply_validation_error(form, error, field="file")
        else:
            messages.success(request, _("Le fichier est déposé ; son chargement se fait en arrière-plan."))
            return redirect("registers:index")
    context = {
        "form": form,
        "loads": RegisterLoad.objects.select_related("created_by")[:30],
        "counts": {
            "units": RegisterUnit.objects.count(),
            "establishments": RegisterEstablishment.objects.count(),
            "associations": RegisterAssociation.objects.count(),
        },
    }
    return render(request, "imports/registers.html", context, status=400 if form.errors else 200)
