"""The open datasets: which rows are public, which columns they have (stable names, shared by
the CSV and JSON exports and by the REST API), and how a database row becomes an output row.

Rows are read with `values_list()` so no model instance is built, and in chunks so memory
stays flat whatever the size of the table (see exports.py).

Each dataset is defined by the app that owns its rows (peps/<app>/opendata.py) and registered
from its AppConfig.ready(); this module holds the shape and the registry, and imports no app."""

import datetime
import zoneinfo
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Case, F, QuerySet, Value, When
from django.urls import reverse
from django.utils import translation
from django.utils.functional import cached_property

from peps.core.visibility import Visibility

# Rows read from the database per round trip; also the size of one sectors lookup.
CHUNK_SIZE = 2000
# Several sectors in one CSV cell.
LIST_SEPARATOR = "|"


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # "texte", "entier", "date", "date-heure", "booléen", "url"
    doc: str


def public_value(visibility_field: str, value_field: str):
    """The value when its owner made it public, else an empty string: done in SQL so a
    members-only value never even reaches Python."""
    return Case(When(**{visibility_field: Visibility.PUBLIC}, then=F(value_field)), default=Value(""))


def _labels(choices) -> dict[str, str]:
    # Open data is published in French whatever the visitor's language: stable values.
    with translation.override("fr"):
        return {value: str(label) for value, label in choices}


def _url_pattern(name: str, **kwargs) -> str:
    """An absolute URL with {placeholders}, reversed once rather than once per row."""
    # Digits for an <int:pk> converter, a word for a slug.
    placeholders = {key: "900000001" if key == "pk" else f"__{key}__" for key in kwargs}
    path = reverse(name, kwargs=placeholders)
    for key, placeholder in placeholders.items():
        path = path.replace(placeholder, "{" + kwargs[key] + "}")
    return settings.SITE_URL.rstrip("/") + path


# Looked up once: timezone.localtime() asks for the current zone on every call (200,000 rows).
PARIS = zoneinfo.ZoneInfo(settings.TIME_ZONE)


def local_moment(value: datetime.datetime | None) -> str | None:
    return value.astimezone(PARIS).isoformat(timespec="seconds") if value else None


def iso_day(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


@dataclass(frozen=True)
class DatasetTexts:
    """What the open-data page writes of a dataset, in one language: plain text."""

    title: str
    description: str
    # (name, kind, doc) of each column.
    columns: tuple[tuple[str, str, str], ...]


@dataclass
class Dataset:
    slug: str
    title: str
    description: str
    columns: list[Column]
    # Public rows of the whole network; `pole_filter` narrows them to one pole.
    queryset: Callable[[], QuerySet]
    pole_filter: str
    order_by: tuple[str, ...]
    # What values_list() reads, and how one such tuple becomes an output row.
    select: Callable[[], list]
    build: Callable[["Dataset", tuple], tuple]
    last_update: str
    # Optional: adds data fetched once per chunk (e.g. the sectors of 2,000 structures).
    per_chunk: Callable[[list[tuple]], dict] | None = None
    extra: dict = field(default_factory=dict)
    # Optional: the same table's rows that are *not* public, exactly the complement of
    # `queryset`. Given when they are few: the public count is then the table's count (a
    # bare COUNT(*), which SQLite answers from its smallest index without reading rows) minus
    # these, instead of a count of 200,000 public rows on every visit of the open-data page.
    hidden: Callable[[], QuerySet] | None = None
    # texts() by language.
    _texts: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def names(self) -> list[str]:
        return [column.name for column in self.columns]

    def public_rows(self, *, pole=None) -> QuerySet:
        rows = self.queryset()
        if pole is not None:
            rows = rows.filter(**{self.pole_filter: pole.pk})
        return rows

    def hidden_rows(self, *, pole=None) -> QuerySet:
        assert self.hidden is not None
        rows = self.hidden()
        if pole is not None:
            rows = rows.filter(**{self.pole_filter: pole.pk})
        return rows

    def values(self, rows: QuerySet) -> QuerySet:
        return rows.order_by(*self.order_by).values_list(*self.select())

    def iter_rows(self, *, pole=None, chunk_size: int = CHUNK_SIZE) -> Iterator[tuple]:
        """Every public row, in a stable order, streamed from the database."""
        values = self.values(self.public_rows(pole=pole)).iterator(chunk_size=chunk_size)
        yield from self.finish_chunks(values, chunk_size=chunk_size)

    def finish_chunks(self, values: Iterable[tuple], *, chunk_size: int = CHUNK_SIZE) -> Iterator[tuple]:
        chunk: list[tuple] = []
        for value in values:
            chunk.append(value)
            if len(chunk) >= chunk_size:
                yield from self._finish(chunk)
                chunk = []
        if chunk:
            yield from self._finish(chunk)

    def _finish(self, chunk: list[tuple]) -> Iterator[tuple]:
        context = self.per_chunk(chunk) if self.per_chunk else {}
        for value in chunk:
            yield self.build(self, value, **context) if context else self.build(self, value)

    def as_dicts(self, rows: Iterable[tuple]) -> Iterator[dict]:
        names = self.names
        for row in rows:
            yield dict(zip(names, row, strict=True))

    def texts(self) -> DatasetTexts:
        """The title, description and column docs in the active language, translated once per
        language: they are code (this definition), and the open-data page writes the hundred
        column docs on every visit, where each lazy text asked the catalogue again."""
        language = translation.get_language()
        texts = self._texts.get(language)
        if texts is None:
            columns = tuple((column.name, column.kind, str(column.doc)) for column in self.columns)
            texts = self._texts[language] = DatasetTexts(str(self.title), str(self.description), columns)
        return texts

    @cached_property
    def labels(self) -> dict[str, dict[str, str]]:
        return {name: _labels(choices) for name, choices in self.extra.get("choices", {}).items()}

    @cached_property
    def url(self) -> str:
        return _url_pattern(*self.extra["url"][0], **self.extra["url"][1])


class DatasetRegistry:
    """The open datasets, each contributed by the app that owns the rows from its
    AppConfig.ready(); `DATASETS` is kept in `order` (structures 10 … poles 50), so the index
    page, the exports and the API list them the same way."""

    def __init__(self, published: dict[str, Dataset]) -> None:
        self._published = published
        self._order: dict[str, int] = {}

    def register(self, dataset: Dataset, *, order: int) -> None:
        self._order[dataset.slug] = order
        self._published[dataset.slug] = dataset
        self._sort()

    def unregister(self, slug: str) -> None:
        self._order.pop(slug, None)
        self._published.pop(slug, None)

    def _sort(self) -> None:
        ordered = sorted(self._published.values(), key=lambda ds: self._order[ds.slug])
        self._published.clear()
        self._published.update((ds.slug, ds) for ds in ordered)


# The same dict object for the whole process: modules that imported it see every registration.
DATASETS: dict[str, Dataset] = {}
datasets = DatasetRegistry(DATASETS)
