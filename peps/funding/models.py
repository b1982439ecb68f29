"""The pole's resources, year by year: grants by funder, sales of services, donations,
in-kind contributions. Members' fees are not typed here: they are the sum of the fees
recorded on the memberships (poles.MembershipFee) of that year."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class FundingKind(models.TextChoices):
    GRANT = "grant", _("Subvention")
    SALES = "sales", _("Vente de prestations")
    DONATION = "donation", _("Don")
    IN_KIND = "in_kind", _("Contribution en nature")
    OTHER = "other", _("Autre ressource")


# The computed line, shown before the typed ones.
FEES_LABEL = _("Cotisations des membres")


class FunderKind(models.TextChoices):
    LOCAL = "local", _("Commune ou intercommunalité (EPCI)")
    DEPARTEMENT = "departement", _("Département")
    REGION = "region", _("Région")
    STATE = "state", _("État")
    EUROPE = "europe", _("Fonds européens (FSE, FEDER…)")
    FOUNDATION = "foundation", _("Fondation")
    OTHER = "other", _("Autre financeur")


# Money from these funders is public money: the pole's dependency on public funding.
PUBLIC_FUNDERS = (
    FunderKind.LOCAL,
    FunderKind.DEPARTEMENT,
    FunderKind.REGION,
    FunderKind.STATE,
    FunderKind.EUROPE,
)


class FundingLine(models.Model):
    pole = models.ForeignKey("poles.Pole", on_delete=models.CASCADE, related_name="funding_lines")
    year = models.PositiveSmallIntegerField(_("année"), validators=[MinValueValidator(1990), MaxValueValidator(2100)])
    kind = models.CharField(_("nature"), max_length=10, choices=FundingKind.choices)
    funder_kind = models.CharField(
        _("type de financeur"),
        max_length=12,
        choices=FunderKind.choices,
        blank=True,
        help_text=_("Obligatoire pour une subvention ; il dit si l’argent est public."),
    )
    funder_name = models.CharField(
        _("financeur"), max_length=160, blank=True, help_text=_("Par exemple « Roannais Agglomération ».")
    )
    amount = models.DecimalField(_("montant (€)"), max_digits=12, decimal_places=2)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("ligne de financement")
        ordering = ["year", "kind", "-amount", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="funding_amount_positive"),
            models.CheckConstraint(
                condition=~Q(kind=FundingKind.GRANT) | ~Q(funder_kind=""), name="funding_grant_has_funder_kind"
            ),
        ]
        indexes = [models.Index(fields=["pole", "year"])]

    def __str__(self) -> str:
        return f"{self.year} {self.get_kind_display()} {self.funder_name}".strip()

    @property
    def is_public(self) -> bool:
        return self.funder_kind in PUBLIC_FUNDERS
