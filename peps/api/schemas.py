"""Shapes of the API's requests and responses. The public ones are built from the open
datasets' columns, so the API and the CSV/JSON exports keep the same stable names."""

import datetime
from typing import Annotated, Literal

from ninja import Schema
from pydantic import AfterValidator, Field, create_model, field_validator
from pydantic_core import PydanticCustomError

from peps.opendata.datasets import DATASETS, Dataset
from peps.partnerships.models import Beneficiary, Category, DayPart, Kind, Period, Reach, Weekday

KIND_TYPES = {"entier": int, "booléen": bool}
SLUG_PATTERN = r"^[-a-zA-Z0-9_]{1,60}$"
INSEE_PATTERN = r"^[0-9][0-9AB][0-9]{3}$"
MAX_ID = 2**31 - 1


def _dataset_schema(dataset: Dataset, name: str) -> type[Schema]:
    fields = {
        column.name: (KIND_TYPES.get(column.kind, str) | None, Field(None, description=str(column.doc)))
        for column in dataset.columns
    }
    return create_model(name, __base__=Schema, __doc__=str(dataset.title), **fields)


StructureOut = _dataset_schema(DATASETS["structures"], "Structure")
ProjectOut = _dataset_schema(DATASETS["projets"], "Projet")
EventOut = _dataset_schema(DATASETS["evenements"], "Evenement")
DecisionOut = _dataset_schema(DATASETS["decisions"], "Decision")
PoleOut = _dataset_schema(DATASETS["poles"], "Pole")


def _page_schema(item: type[Schema], name: str) -> type[Schema]:
    return create_model(
        name,
        __base__=Schema,
        count=(int, Field(description="Nombre de résultats (plafonné à 10 000, voir count_is_capped).")),
        count_is_capped=(bool, Field(description="Vrai s’il y a plus de 10 000 résultats.")),
        limit=(int, Field(description="Nombre de résultats par page.")),
        offset=(int, Field(description="Rang du premier résultat de la page (à partir de 0).")),
        next=(str | None, Field(None, description="Adresse de la page suivante, ou null.")),
        results=(list[item], Field(description="Les résultats de la page.")),
    )


StructurePage = _page_schema(StructureOut, "PageStructures")
ProjectPage = _page_schema(ProjectOut, "PageProjets")
EventPage = _page_schema(EventOut, "PageEvenements")
DecisionPage = _page_schema(DecisionOut, "PageDecisions")
PolePage = _page_schema(PoleOut, "PagePoles")


class Error(Schema):
    detail: str = Field(description="Message d’erreur, en français.")


class FieldError(Schema):
    champ: str = Field(description="Nom du champ en cause (« general » pour une règle qui en lie plusieurs).")
    message: str


class ValidationErrorOut(Schema):
    detail: str
    erreurs: list[FieldError]


# --- Members: offers and needs -------------------------------------------------------------------


def _no_nul(value: str | None) -> str | None:
    # PostgreSQL refuses NUL characters in text: dropped here rather than failing later.
    return value.replace("\x00", "") if isinstance(value, str) else value


Text = Annotated[str, AfterValidator(_no_nul)]
CategoryCode = Literal[tuple(Category.values)]  # type: ignore[valid-type]
ReachCode = Literal[tuple(Reach.values)]  # type: ignore[valid-type]
KindCode = Literal[tuple(Kind.values)]  # type: ignore[valid-type]
WeekdayCode = Literal[tuple(Weekday.values)]  # type: ignore[valid-type]
DayPartCode = Literal[tuple(DayPart.values)]  # type: ignore[valid-type]
PeriodCode = Literal[tuple(Period.values)]  # type: ignore[valid-type]
BeneficiaryCode = Literal[tuple(Beneficiary.values)]  # type: ignore[valid-type]
DepartementCode = Annotated[str, Field(pattern=r"^(0[1-9]|[1-8][0-9]|9[0-5]|2A|2B|97[1-6])$")]
EpciCode = Annotated[str, Field(pattern=r"^[0-9]{9}$")]


class _Details(Schema):
    """What the matching engine compares beyond words; all optional (docs/matching.md)."""

    nature: KindCode | None = Field(
        None, description="Nature précise (local : " + ", ".join(Kind.values[:8]) + " ; financement, bénévolat…)."
    )
    savoir_faire: bool = Field(False, description="Un savoir-faire particulier est demandé ou apporté.")
    capacite_personnes: int | None = Field(None, ge=1, le=100_000, description="Nombre de personnes.")
    surface_m2: int | None = Field(None, ge=1, le=10_000_000, description="Surface en m².")
    jours: list[WeekdayCode] = Field([], max_length=7, description="Jours : " + ", ".join(Weekday.values) + ".")
    moments: list[DayPartCode] = Field([], max_length=3, description="Moments : " + ", ".join(DayPart.values) + ".")
    periodes: list[PeriodCode] = Field([], max_length=6, description="Périodes : " + ", ".join(Period.values) + ".")
    beneficiaires: list[BeneficiaryCode] = Field(
        [],
        max_length=6,
        description="Offre : réservée à ; besoin : qui le porte (" + ", ".join(Beneficiary.values) + ").",
    )
    departements_servis: list[DepartementCode] = Field([], max_length=101, description="Offre : départements servis.")
    epci_servis: list[EpciCode] = Field([], max_length=100, description="Offre : intercommunalités servies (SIREN).")
    a_distance: bool = Field(False, description="À distance possible.")
    se_deplace: bool = Field(False, description="Se déplace (jusqu’au rayon indiqué).")


class _NeedOfferFields(_Details):
    categorie: CategoryCode = Field(description="Catégorie : " + ", ".join(Category.values) + ".")
    titre: Text = Field(min_length=1, max_length=160, description="En quelques mots.")
    description: Text = Field(min_length=1, max_length=5000)
    debut: datetime.date | None = Field(None, description="À partir du (AAAA-MM-JJ).")
    fin: datetime.date | None = Field(None, description="Jusqu’au (AAAA-MM-JJ) ; vide si c’est permanent.")
    portee: ReachCode = Field("around", description="around : autour d’une commune ; territory : tout le territoire.")
    commune_insee: str | None = Field(None, pattern=INSEE_PATTERN, description="Code INSEE (obligatoire si around).")
    rayon_km: int = Field(20, ge=1, le=500, description="Distance maximale autour de la commune.")
    ouvert: bool = Field(True, description="Faux pour clore l’offre ou le besoin.")


class OfferIn(_NeedOfferFields):
    pole: str = Field(pattern=SLUG_PATTERN, description="Identifiant du pôle.")
    structure_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="Structure que vous représentez ; vide pour une offre personnelle."
    )


class NeedIn(_NeedOfferFields):
    pole: str = Field(pattern=SLUG_PATTERN, description="Identifiant du pôle.")
    projet_id: int | None = Field(None, ge=1, le=MAX_ID, description="Projet que vous portez.")
    structure_id: int | None = Field(None, ge=1, le=MAX_ID, description="Ou structure que vous représentez.")


class NeedOfferPatch(Schema):
    """Only the fields sent change. A field that cannot be empty (categorie, portee, rayon_km,
    ouvert) is not nullable: `null` there is a 422 naming it, an omitted field is unchanged
    (the default, None, is not validated)."""

    @field_validator("categorie", "portee", "rayon_km", "ouvert", mode="before")
    @classmethod
    def _not_null(cls, value):
        if value is None:
            raise PydanticCustomError("null_refused", "null is not accepted here")
        return value

    categorie: CategoryCode = None  # type: ignore[assignment]
    titre: Text | None = Field(None, min_length=1, max_length=160)
    description: Text | None = Field(None, min_length=1, max_length=5000)
    debut: datetime.date | None = None
    fin: datetime.date | None = None
    portee: ReachCode = None  # type: ignore[assignment]
    commune_insee: str | None = Field(None, pattern=INSEE_PATTERN)
    rayon_km: int = Field(None, ge=1, le=500)  # type: ignore[assignment]
    ouvert: bool = None  # type: ignore[assignment]
    # Details: a field sent as null is left unchanged, like the texts.
    nature: KindCode | Literal[""] | None = Field(None, description='"" pour effacer.')
    savoir_faire: bool | None = None
    capacite_personnes: int | None = Field(None, ge=1, le=100_000)
    surface_m2: int | None = Field(None, ge=1, le=10_000_000)
    jours: list[WeekdayCode] | None = Field(None, max_length=7)
    moments: list[DayPartCode] | None = Field(None, max_length=3)
    periodes: list[PeriodCode] | None = Field(None, max_length=6)
    beneficiaires: list[BeneficiaryCode] | None = Field(None, max_length=6)
    departements_servis: list[DepartementCode] | None = Field(None, max_length=101)
    epci_servis: list[EpciCode] | None = Field(None, max_length=100)
    a_distance: bool | None = None
    se_deplace: bool | None = None


class _NeedOfferOut(_Details):
    id: int
    pole: str
    categorie: str
    titre: str
    description: str
    debut: datetime.date | None
    fin: datetime.date | None
    portee: str
    commune_insee: str | None
    rayon_km: int
    ouvert: bool
    structure_id: int | None
    url: str
    cree_le: datetime.datetime


class OfferOut(_NeedOfferOut):
    personnelle: bool = Field(description="Vrai pour une offre faite en votre nom propre.")


class NeedOut(_NeedOfferOut):
    projet_id: int | None


class Owned(Schema):
    id: int
    pole: str
    nom: str


class Me(Schema):
    id: int
    nom: str
    structures: list[Owned] = Field(description="Structures que vous représentez (représentation confirmée).")
    projets: list[Owned] = Field(description="Projets que vous portez.")
