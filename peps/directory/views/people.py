"""The people of a pole: a list filtered by what each profile lets the viewer see, and a
person's page. A profile the viewer may not see is a 404, as if it did not exist."""

from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from peps.core.pagination import paginate
from peps.core.tenancy import pole_view
from peps.core.visibility import can_see

from ..forms import PeopleFilterForm
from ..selectors import colleges_of, people_for_directory, person_for_page, person_projects, person_structures


@require_GET
@pole_view
def people(request):
    pole = request.pole
    form = PeopleFilterForm(request.GET, colleges=colleges_of(pole=pole))
    data = form.valid_data()
    found = people_for_directory(user=request.user, pole=pole, q=data.get("q") or "", college=data.get("college"))
    page = paginate(found, request)
    context = {"pole": pole, "form": form, "page": page, "filtered": bool(data.get("q") or data.get("college"))}
    template = "directory/_people_results.html" if request.htmx else "directory/people.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_GET
@pole_view
def person(request, pk: int):
    pole, user = request.pole, request.user
    shown, membership = person_for_page(user=user, pole=pole, pk=pk)
    is_self = user.is_authenticated and user.pk == shown.pk
    rank = request.viewer_rank
    context = {
        "pole": pole,
        "person": shown,
        "membership": membership,
        "show_email": is_self or can_see(shown.email_visibility, rank),
        "show_phone": bool(shown.phone) and (is_self or can_see(shown.phone_visibility, rank)),
        "structures": person_structures(person=shown, pole=pole),
        "projects": person_projects(person=shown, pole=pole, user=user),
        "is_self": is_self,
    }
    return render(request, "directory/person.html", context)
