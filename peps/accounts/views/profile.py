"""My profile: what I am in each pole, my projects, the structures I represent."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from peps.accounts.forms import ProfileForm
from peps.accounts.services import PROFILE_FIELDS, user_update_profile

from ..selectors import profile_overview


@login_required
def profile(request):
    context = {"profile_user": request.user, **profile_overview(user=request.user)}
    return render(request, "accounts/profile.html", context)


@login_required
def profile_edit(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        values = {field: form.cleaned_data[field] for field in PROFILE_FIELDS}
        # The form wrote onto request.user while validating; the service saves it.
        user_update_profile(user=form.instance, **values)
        messages.success(request, _("Votre profil est enregistré."))
        return redirect("accounts:profile")
    return render(request, "accounts/profile_edit.html", {"form": form})
