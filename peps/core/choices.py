"""`get_FOO_display()` without translating every label of the field on every call.

Django's Model._get_FIELD_display builds `dict(make_hashable(field.flatchoices))` on each
call, and make_hashable hashes the lazy labels, which translates all of them: a card showing a
project's stage and domain translated about forty labels. The index of a field's choices is
built once (keys only are hashed; labels stay lazy, translated when shown, so the active
language still decides). PEPS declares its choices statically (no callable choices).
"""

from functools import partialmethod

from django.apps import apps
from django.db.models import Model
from django.utils.encoding import force_str

_django_display = Model._get_FIELD_display


def _get_FIELD_display(self, field):  # noqa: N802 (Django's name)
    index = field.__dict__.get("_peps_choices_index")
    if index is None:
        try:
            index = dict(field.flatchoices)
        except TypeError:  # unhashable values (e.g. lists): Django's way
            return _django_display(self, field)
        field.__dict__["_peps_choices_index"] = index
    value = getattr(self, field.attname)
    try:
        label = index.get(value, value)
    except TypeError:
        return _django_display(self, field)
    return force_str(label, strings_only=True)


def install() -> None:
    """Every model's get_FOO_display, bound when the class was built, uses the index."""
    Model._get_FIELD_display = _get_FIELD_display
    for model in apps.get_models():
        for field in model._meta.fields:
            name = f"get_{field.name}_display"
            bound = model.__dict__.get(name)
            if field.choices is not None and isinstance(bound, partialmethod) and bound.func is _django_display:
                setattr(model, name, partialmethod(_get_FIELD_display, field=field))
