"""Writes on people's accounts: the profile, kept searchable."""

from django.db import transaction

from peps.core.text import build_search_text

from .models import User

PROFILE_FIELDS = [
    "display_name",
    "first_name",
    "last_name",
    "commune",
    "skills",
    "offer",
    "bio",
    "phone",
    "profile_visibility",
    "email_visibility",
    "phone_visibility",
]


def user_search_text(user: User) -> str:
    commune = user.commune.name if user.commune_id and user.commune else ""
    return build_search_text(user.display_name, user.skills, user.offer, commune)


def user_update_profile(*, user: User, **values) -> User:
    """Change the profile fields given and refresh the folded text people are found by."""
    unknown = set(values) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"Not profile fields: {sorted(unknown)}")
    for field, value in values.items():
        setattr(user, field, value)
    user.search_text = user_search_text(user)
    with transaction.atomic():
        user.save(update_fields=[*values, "search_text"])
    return user
