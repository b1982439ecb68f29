"""The one way to show a service's refusal on a form."""

from django.core.exceptions import ValidationError
from django.forms import BaseForm


def apply_validation_error(form: BaseForm, error: ValidationError) -> None:
    """Put a service's ValidationError back on the form: each message on the field it names
    when the form has that field, otherwise (or when it names none) on the form itself."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)
