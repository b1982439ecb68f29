"""request.user for every request, with the signed-in person's row read by written-out SQL.

Django's AuthenticationMiddleware asks the session's backend for the person (ModelBackend:
`User.objects.get(pk=...)`), whose building and compiling cost about ten times the indexed
read itself, on every signed-in request. Here the common case, a session of a model backend
whose person exists, is active and whose session hash matches, is answered from one written-
out read; every other case (no session, another backend, an unknown or deactivated person,
a password changed since, a hash from a fallback secret) goes to Django's auth.get_user(),
which decides as it always does."""

import functools

from django.conf import settings
from django.contrib import auth
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.middleware import AuthenticationMiddleware as DjangoAuthenticationMiddleware
from django.db import connection
from django.utils.crypto import constant_time_compare
from django.utils.functional import SimpleLazyObject

from peps.core.sql import model_columns, model_from_row


@functools.cache
def _model_backends(paths: tuple[str, ...]) -> frozenset[str]:
    """The configured backends that read the person as ModelBackend does (allauth's too)."""
    return frozenset(
        path for path in paths if getattr(type(auth.load_backend(path)), "get_user", None) is ModelBackend.get_user
    )


def _person(user_id):
    model = get_user_model()
    table, pk = (connection.ops.quote_name(name) for name in (model._meta.db_table, model._meta.pk.column))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {model_columns(model)} FROM {table} WHERE {table}.{pk} = %s", [user_id])  # noqa: S608 - the model's quoted names, the id as parameter
        row = cursor.fetchone()
    return None if row is None else model_from_row(model, row)


def session_user(request):
    """What auth.get_user(request) answers."""
    session = request.session
    backend = session.get(BACKEND_SESSION_KEY)
    session_hash = session.get(HASH_SESSION_KEY)
    if SESSION_KEY in session and session_hash and backend in _model_backends(tuple(settings.AUTHENTICATION_BACKENDS)):
        user = _person(get_user_model()._meta.pk.to_python(session[SESSION_KEY]))
        if (
            user is not None
            and ModelBackend().user_can_authenticate(user)
            and constant_time_compare(session_hash, user.get_session_auth_hash())
        ):
            return user
    return auth.get_user(request)


def _cached_session_user(request):
    if not hasattr(request, "_cached_user"):
        request._cached_user = session_user(request)
    return request._cached_user


class AuthenticationMiddleware(DjangoAuthenticationMiddleware):
    def process_request(self, request):
        super().process_request(request)

        def person():
            user = _cached_session_user(request)
            # Once read, request.user is the person itself rather than this lazy wrapper:
            # each read through the wrapper (user.pk, user.is_authenticated, in every
            # permission check and the header's menus) raised and caught an AttributeError
            # to reach it. Not when something (auth.login(), logout()) has replaced it since.
            if request.__dict__.get("user") is lazy:
                request.user = user
            return user

        lazy = SimpleLazyObject(person)
        request.user = lazy
