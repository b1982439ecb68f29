"""Signed links of the newsletter: confirming an address (expires) and unsubscribing (does not,
since an old newsletter's link must keep working). Both carry the subscription's random token,
so a link stops working if the token is changed."""

from django.core import signing

CONFIRM_SALT = "peps.newsletters.confirm"
UNSUBSCRIBE_SALT = "peps.newsletters.unsubscribe"
CONFIRM_MAX_AGE = 7 * 24 * 3600


def confirm_token(subscription) -> str:
    return signing.dumps(subscription.token, salt=CONFIRM_SALT, compress=True)


def unsubscribe_token(subscription) -> str:
    return signing.dumps(subscription.token, salt=UNSUBSCRIBE_SALT, compress=True)


def read_confirm_token(value: str) -> str | None:
    try:
        return signing.loads(value, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:  # SignatureExpired is a BadSignature too
        return None


def read_unsubscribe_token(value: str) -> str | None:
    try:
        return signing.loads(value, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
