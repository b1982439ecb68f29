"""Reads of personal API tokens: one's own, newest first; a token of someone else is a 404."""

from django.db.models import F
from django.http import Http404

from .models import ApiToken


def tokens_of(*, user) -> list[ApiToken]:
    return list(
        ApiToken.objects.filter(user=user).order_by(F("revoked_at").desc(nulls_first=True), "-created_at", "-pk")[:100]
    )


def token_of(*, user, pk: int) -> ApiToken:
    token = ApiToken.objects.filter(user=user, pk=pk).first()
    if token is None:
        raise Http404
    return token
