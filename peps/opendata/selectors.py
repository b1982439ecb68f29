"""Reads of the open-data page: each dataset with its row count and last update, network-wide
or for one pole. Cached a few minutes: counting 200,000 structures on every visit is waste."""

import datetime
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Max
from django.http import Http404

from peps.poles.models import Pole

from .datasets import DATASETS, Dataset

SUMMARY_SECONDS = 300


@dataclass(frozen=True)
class Summary:
    dataset: Dataset
    count: int
    last_update: datetime.datetime | None


def pole_for_export(slug: str | None) -> Pole | None:
    """The pole named by ?pole=…: None for the whole network, 404 for an unknown pole."""
    if not slug:
        return None
    pole = Pole.objects.filter(slug=slug[:60]).only("pk", "slug", "name", "short_name").first()
    if pole is None:
        raise Http404
    return pole


def dataset_or_404(slug: str) -> Dataset:
    dataset = DATASETS.get(slug)
    if dataset is None:
        raise Http404
    return dataset


def summaries(*, pole: Pole | None = None) -> list[Summary]:
    key = f"opendata:summaries:{pole.pk if pole else 'all'}"
    figures = cache.get(key)
    if figures is None:
        figures = {}
        for dataset in DATASETS.values():
            stats = dataset.public_rows(pole=pole).order_by().aggregate(n=Count("pk"), last=Max(dataset.last_update))
            figures[dataset.slug] = (stats["n"], stats["last"])
        cache.set(key, figures, SUMMARY_SECONDS)
    return [Summary(dataset, *figures[slug]) for slug, dataset in DATASETS.items()]


def poles_for_choice() -> list[Pole]:
    return list(Pole.objects.only("slug", "name").order_by("name"))
