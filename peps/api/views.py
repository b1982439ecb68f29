"""Pages of the API that are plain Django views: the personal tokens page (profile area) and
the browsable documentation, served from ninja's own Swagger UI files (no CDN, strict CSP)."""

from pathlib import Path

import ninja
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from peps.core.forms import apply_validation_error

from . import selectors, services
from .forms import TokenForm

SWAGGER_DIR = Path(ninja.__file__).parent / "static" / "ninja"
# The only files served from ninja's package, with their types.
SWAGGER_FILES = {"swagger-ui-bundle.js": "text/javascript", "swagger-ui.css": "text/css"}


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def tokens(request):
    """List one's tokens and create one; the new key is shown on this response only."""
    form = TokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, new_key = services.api_token_create(user=request.user, name=form.cleaned_data["name"])
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            form = TokenForm()
    context = {"form": form, "tokens": selectors.tokens_of(user=request.user), "new_key": new_key}
    return render(request, "api/tokens.html", context)


@login_required
@require_POST
def token_revoke(request, pk: int):
    token = selectors.token_of(user=request.user, pk=pk)
    services.api_token_revoke(token=token)
    messages.success(
        request, _("Le jeton « %(name)s » est révoqué : il ne donne plus accès à l’API.") % {"name": token.name}
    )
    return redirect("api-tokens")


@require_GET
def docs(request):
    return render(request, "api/docs.html", {"openapi_url": reverse("api:openapi-json")})


@require_GET
def docs_asset(request, name: str):
    """Swagger UI's script and stylesheet, from the django-ninja package itself."""
    if name not in SWAGGER_FILES:
        raise Http404
    response = FileResponse((SWAGGER_DIR / name).open("rb"), content_type=SWAGGER_FILES[name])
    response["Cache-Control"] = "public, max-age=86400"
    return response
