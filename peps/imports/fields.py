"""The fields a spreadsheet's columns can fill, per kind of import, with the column names
that suggest them. Export writes the same labels, so an exported file maps itself back."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from peps.core.text import fold

from .models import ImportKind


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    synonyms: tuple[str, ...] = field(default=())
    required: bool = False


STRUCTURE_FIELDS = [
    Field("id", _("Identifiant PEPS"), ("identifiant peps", "id peps", "id")),
    Field(
        "name",
        _("Nom"),
        (
            "nom",
            "raison sociale",
            "denomination",
            "structure",
            "organisme",
            "nom de la structure",
            "denominationunitelegale",
            "titre",
        ),
        True,
    ),
    Field("legal_form", _("Forme juridique"), ("forme juridique", "statut", "statut juridique", "type", "forme")),
    Field("siren", _("SIREN"), ("siren", "n siren", "numero siren")),
    Field("siret", _("SIRET"), ("siret", "n siret", "numero siret")),
    Field("rna", _("Numéro RNA"), ("rna", "numero rna", "n rna", "id rna", "identifiantassociationunitelegale")),
    Field(
        "commune",
        _("Commune"),
        ("commune", "ville", "code commune", "code insee", "insee", "localite", "codecommuneetablissement"),
    ),
    Field("address", _("Adresse"), ("adresse", "adresse postale", "rue")),
    Field("email", _("E-mail"), ("e-mail", "email", "mail", "courriel", "adresse e-mail", "adresse mail")),
    Field("phone", _("Téléphone"), ("telephone", "tel", "tel.", "portable", "phone")),
    Field("website", _("Site web"), ("site web", "site", "site internet", "url", "web")),
    Field("summary", _("En une phrase"), ("en une phrase", "resume", "activite", "description courte", "objet")),
    Field(
        "contact_name",
        _("Personne à contacter"),
        ("personne a contacter", "contact", "referent", "referente", "interlocuteur"),
    ),
    Field("naf_code", _("Code NAF"), ("code naf", "naf", "ape", "code ape", "activiteprincipaleunitelegale")),
    Field("is_ess", _("ESS"), ("ess", "economie sociale et solidaire", "economiesocialesolidaireunitelegale")),
    Field("founded_on", _("Date de création"), ("date de creation", "creation", "cree le", "datecreationunitelegale")),
]

MEMBERSHIP_FIELDS = [
    Field("college", _("Collège"), ("college",)),
    Field(
        "joined_on",
        _("Membre depuis"),
        ("membre depuis", "adhesion", "date d'adhesion", "date adhesion", "adherent depuis"),
    ),
    Field("fee_year", _("Année de cotisation"), ("annee de cotisation", "annee", "exercice", "annee cotisation")),
    Field(
        "fee_amount",
        _("Montant de la cotisation"),
        ("montant de la cotisation", "cotisation", "montant", "montant cotisation"),
    ),
    Field(
        "fee_paid_on",
        _("Cotisation payée le"),
        ("cotisation payee le", "paye le", "payee le", "date de paiement", "date paiement", "reglement"),
    ),
]

CONTACT_FIELDS = [
    Field("date", _("Date"), ("date", "date du contact", "le"), True),
    Field("structure", _("Structure"), ("structure", "organisme", "nom de la structure", "raison sociale")),
    Field("siret", _("SIRET"), ("siret",)),
    Field("commune", _("Commune"), ("commune", "ville", "code commune", "code insee")),
    Field("person_name", _("Personne"), ("personne", "nom", "interlocuteur", "contact", "personne rencontree")),
    Field("channel", _("Moyen"), ("moyen", "canal", "type", "type de contact")),
    Field("topic", _("Sujet"), ("sujet", "objet", "theme"), True),
    Field("notes", _("Notes"), ("notes", "note", "commentaire", "commentaires", "compte rendu")),
    Field("follow_up", _("Suite à donner"), ("suite a donner", "suite", "action")),
    Field("follow_up_on", _("Suite à donner avant le"), ("suite a donner avant le", "echeance", "relance le")),
]


def fields_for(kind: str) -> list[Field]:
    if kind == ImportKind.CONTACTS:
        return CONTACT_FIELDS
    if kind == ImportKind.MEMBERS:
        return STRUCTURE_FIELDS + MEMBERSHIP_FIELDS
    return STRUCTURE_FIELDS


def _key(text: str) -> str:
    return " ".join(fold(text).replace("_", " ").replace("’", "'").split()).strip(" :")


def suggest(kind: str, headers: list[str], saved: dict[str, str] | None = None) -> dict[str, str]:
    """Column index (as a string) -> field name: the saved mapping first, then the labels
    and usual names; a field is suggested for one column at most."""
    fields = fields_for(kind)
    names = {f.name for f in fields}
    by_key: dict[str, str] = {}
    for f in fields:
        by_key.setdefault(_key(str(f.label)), f.name)
        for synonym in f.synonyms:
            by_key.setdefault(_key(synonym), f.name)
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for index, header in enumerate(headers):
        key = _key(header)
        choice = (saved or {}).get(key) or by_key.get(key)
        if choice in names and choice not in used:
            mapping[str(index)] = choice
            used.add(choice)
    return mapping


def saved_columns(headers: list[str], mapping: dict[str, str]) -> dict[str, str]:
    """The mapping keyed by folded column names, to be offered for the next file."""
    return {_key(headers[int(i)]): name for i, name in mapping.items() if name and int(i) < len(headers)}
