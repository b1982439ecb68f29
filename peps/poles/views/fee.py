"""« Ma cotisation »: a member sees where they stand for the year and, when unpaid, the
amount, how to pay, and can tell the coordination it is paid or ask a question."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from peps.core.forms import refusal_text
from peps.core.tenancy import pole_view

from .. import fees


class DeclareForm(forms.Form):
    membership = forms.IntegerField(widget=forms.HiddenInput)
    how = forms.CharField(
        label=gettext_lazy("Comment et quand (facultatif)"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("Par exemple : virement du 3 mars, chèque remis à l’accueil."),
    )


class QuestionForm(forms.Form):
    membership = forms.IntegerField(widget=forms.HiddenInput)
    message = forms.CharField(
        label=gettext_lazy("Votre question"),
        max_length=fees.MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Écrivez votre question.")},
    )


@login_required
@require_http_methods(["GET", "POST"])
@pole_view
def my_fee(request):
    pole = request.pole
    lines = fees.my_fee_lines(pole=pole, user=request.user)
    status = 200
    errors: dict[int, str] = {}
    if request.method == "POST":
        action = request.POST.get("action")
        form = (DeclareForm if action == "paid" else QuestionForm)(request.POST)
        if form.is_valid():
            try:
                line = fees.fee_line_of(pole=pole, user=request.user, membership_pk=form.cleaned_data["membership"])
                if action == "paid":
                    fees.fee_declare_paid(line=line, by=request.user, how=form.cleaned_data["how"])
                    messages.success(
                        request, _("Merci : la coordination est prévenue et enregistrera votre règlement.")
                    )
                else:
                    fees.fee_ask(line=line, by=request.user, message=form.cleaned_data["message"])
                    messages.success(
                        request, _("Votre question est envoyée à la coordination, qui vous répondra par e-mail.")
                    )
            except ValidationError as error:
                errors[form.cleaned_data["membership"]] = refusal_text(error)
            else:
                return redirect("poles:my_fee", pole=pole.slug)
        else:
            pk = request.POST.get("membership", "")
            errors[int(pk) if pk.isdigit() else 0] = " ".join(
                str(e) for field_errors in form.errors.values() for e in field_errors
            )
        status = 400
    for line in lines:
        line.error = errors.get(line.membership.pk, "")
    context = {"pole": pole, "lines": lines, "year": fees.current_year()}
    return render(request, "poles/my_fee.html", context, status=status)
