"""Open commissions: a member of the pole joins with one click; an outside ESS structure
asks to take part, and the coordination answers (DOMAIN.md: the commissions of POLLENS
are open to members who are not on the board and to outside ESS structures)."""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from peps.core.tenancy import is_member
from peps.notifications.services import notify_coordination

from .models import Body, BodyMember, Mandate, SeatRole
from .services import body_member_add

MESSAGE_MAX_LENGTH = 2000


def commission_join(*, body: Body, by) -> BodyMember:
    """A member takes a seat in an open commission, as a volunteer."""
    if not body.is_open_commission:
        raise ValidationError(_("Cette instance n’est pas une commission ouverte."), code="not_open")
    if not is_member(by, body.pole):
        raise ValidationError(
            _("Seuls les membres du pôle rejoignent la commission d’un clic ; vous pouvez demander à y participer."),
            code="not_member",
        )
    today = timezone.localdate()
    seated = BodyMember.objects.filter(body=body, person=by).filter(Q(until__isnull=True) | Q(until__gt=today))
    if seated.exists():
        raise ValidationError(_("Vous faites déjà partie de cette commission."), code="already")
    seat = body_member_add(body=body, by=by, person=by, role=SeatRole.MEMBER, mandate=Mandate.VOLUNTEER)
    notify_coordination(
        pole=body.pole,
        kind="governance.commission_joined",
        text=_("%(name)s a rejoint la commission « %(body)s ».") % {"name": by.public_name, "body": body.name},
        url=body.get_absolute_url(),
        email_template="governance/email/commission_request",
        context={
            "body": body,
            "name": by.public_name,
            "structure": "",
            "email": by.email,
            "message": "",
            "joined": True,
        },
    )
    return seat


def commission_request(*, body: Body, name: str, structure: str, email: str, message: str) -> None:
    """Someone from an outside structure asks to take part: the coordination is told and
    answers by e-mail (then gives a seat from the commission's page)."""
    if not body.is_open_commission:
        raise ValidationError(_("Cette instance n’est pas une commission ouverte."), code="not_open")
    errors = {}
    name, structure, message = (" ".join((v or "").split()) for v in (name, structure, message))
    if not name:
        errors["name"] = _("Indiquez votre nom.")
    if not structure:
        errors["structure"] = _("Indiquez votre structure.")
    if not email:
        errors["email"] = _("Indiquez une adresse e-mail pour la réponse.")
    if len(message) > MESSAGE_MAX_LENGTH:
        errors["message"] = _("Le message tient en %(n)d caractères au plus.") % {"n": MESSAGE_MAX_LENGTH}
    if errors:
        raise ValidationError(errors)
    notify_coordination(
        pole=body.pole,
        kind="governance.commission_request",
        text=(
            _("%(name)s (%(structure)s) demande à participer à la commission « %(body)s ».")
            % {"name": name, "structure": structure, "body": body.name}
        )[:300],
        url=reverse("governance:body", kwargs={"pole": body.pole.slug, "pk": body.pk}),
        email_template="governance/email/commission_request",
        context={
            "body": body,
            "name": name,
            "structure": structure,
            "email": email,
            "message": message,
            "joined": False,
        },
    )
