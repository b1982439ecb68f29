"""The matching index: one document row per open need or offer (the columns the score needs,
copied from the row, its commune and its owner) and an inverted index of its stemmed terms.

Only open rows are indexed; the index is updated on every save (see signals.py) and rebuilt in
bulk only by `manage.py matching_reindex`.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DocBase(models.Model):
    pole = models.ForeignKey("poles.Pole", on_delete=models.CASCADE, related_name="+")
    category = models.CharField(max_length=14)
    reach = models.CharField(max_length=10)
    radius_km = models.PositiveSmallIntegerField(default=20)
    commune = models.ForeignKey("territory.Commune", on_delete=models.SET_NULL, null=True, related_name="+")
    latitude = models.FloatField(null=True)
    longitude = models.FloatField(null=True)
    epci_code = models.CharField(max_length=9, blank=True)
    starts_on = models.DateField(null=True)
    ends_on = models.DateField(null=True)
    updated_at = models.DateTimeField()
    # Sum of the term weights: the document length of BM25.
    length = models.PositiveIntegerField(default=0)
    # "term:weight term:weight…": the whole vector, for exact re-scoring and the brute-force reference.
    terms = models.TextField(blank=True)
    # The structured answers (kind, capacity, days, eligibility, remote…) and the commune's
    # département, as constraints.py reads them; {} when none was given.
    facts = models.JSONField(default=dict, blank=True)
    # The owner, checked live at query time (inactive structure, membership "left").
    owner_structure = models.ForeignKey("directory.Structure", on_delete=models.CASCADE, null=True, related_name="+")
    owner_person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, related_name="+")

    class Meta:
        abstract = True


class OfferDoc(DocBase):
    offer = models.OneToOneField("partnerships.Offer", on_delete=models.CASCADE, primary_key=True, related_name="+")

    class Meta:
        indexes = [
            models.Index(fields=["pole", "category", "updated_at"], name="matching_offerdoc_pole_cat"),
            # Covering: the pole's document count and average length without reading the table.
            models.Index(fields=["pole", "length"], name="matching_offerdoc_pole_len"),
            models.Index(fields=["category", "latitude", "longitude"], name="matching_offerdoc_geo"),
        ]


class NeedDoc(DocBase):
    need = models.OneToOneField("partnerships.Need", on_delete=models.CASCADE, primary_key=True, related_name="+")
    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, null=True, related_name="+")
    # The project's domain, for « déjà partenaire de projets similaires ».
    domain = models.CharField(max_length=16, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["pole", "category", "updated_at"], name="matching_needdoc_pole_cat"),
            models.Index(fields=["pole", "length"], name="matching_needdoc_pole_len"),
            models.Index(fields=["category", "latitude", "longitude"], name="matching_needdoc_geo"),
        ]


class TermBase(models.Model):
    """One stemmed term of one document, with its weight (title words count double) and, copied
    from the document, its pole and coordinates so that BM25 is summed from this table alone."""

    term = models.CharField(max_length=40)
    weight = models.PositiveSmallIntegerField()
    doc_length = models.PositiveIntegerField()
    pole = models.ForeignKey("poles.Pole", on_delete=models.CASCADE, related_name="+", db_index=False)
    latitude = models.FloatField(null=True)
    longitude = models.FloatField(null=True)

    class Meta:
        abstract = True


class OfferTerm(TermBase):
    offer = models.ForeignKey("partnerships.Offer", on_delete=models.CASCADE, related_name="+")

    class Meta:
        indexes = [
            # Covering: BM25 is summed from the index alone, without reading the table.
            models.Index(fields=["pole", "term", "offer", "weight", "doc_length"], name="matching_offerterm_bm25"),
            models.Index(fields=["term", "latitude"], name="matching_offerterm_term_geo"),
        ]


class NeedTerm(TermBase):
    need = models.ForeignKey("partnerships.Need", on_delete=models.CASCADE, related_name="+")

    class Meta:
        indexes = [
            models.Index(fields=["pole", "term", "need", "weight", "doc_length"], name="matching_needterm_bm25"),
            models.Index(fields=["term", "latitude"], name="matching_needterm_term_geo"),
        ]


class VectorBase(models.Model):
    """The sentence embedding of a need's or offer's text (float16, L2-normalised), computed by a
    background task when the text changes (embeddings.py). Kept apart from the documents, which
    are rebuilt on every save: a change of dates does not recompute the embedding."""

    # sha1 of the embedded text and model name: unchanged text, no new computation.
    digest = models.CharField(max_length=40)
    vector = models.BinaryField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class OfferVector(VectorBase):
    offer = models.OneToOneField("partnerships.Offer", on_delete=models.CASCADE, primary_key=True, related_name="+")


class NeedVector(VectorBase):
    need = models.OneToOneField("partnerships.Need", on_delete=models.CASCADE, primary_key=True, related_name="+")


class IndexingRun(models.Model):
    """One background indexing of every open need and offer: the term index rebuilt, then the
    sentence embeddings computed in batches. Its progress is written here after each batch, so
    the network administration's page shows it as a progress bar (views.py)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("En attente")
        RUNNING = "running", _("En cours")
        DONE = "done", _("Terminée")
        FAILED = "failed", _("Échec")

    class Phase(models.TextChoices):
        TERMS = "terms", _("Index des mots")
        EMBEDDINGS = "embeddings", _("Sens des textes (plongements)")

    status = models.CharField(_("état"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    phase = models.CharField(_("étape"), max_length=10, choices=Phase.choices, default=Phase.TERMS)
    # Rebuild the term index first (a bulk load); False: embeddings only (matching_embed).
    with_terms = models.BooleanField(default=True)
    # Rows whose embedding is to be checked, rows checked so far, embeddings actually computed.
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    computed = models.PositiveIntegerField(default=0)
    terms_seconds = models.FloatField(null=True, blank=True)
    embeddings_seconds = models.FloatField(null=True, blank=True)
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # The last sign of life (each phase, each batch of a part): a run silent for longer than
    # services.STALE_AFTER was interrupted (a worker stopped) and no longer blocks a new one.
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("indexation du rapprochement")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_status_display()} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def is_active(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def percent(self) -> int:
        return min(100, int(100 * self.done / self.total)) if self.total else 0

    @property
    def rate(self) -> float | None:
        """Embeddings computed per second, once some are."""
        if self.computed and self.embeddings_seconds:
            return self.computed / self.embeddings_seconds
        return None


class IndexingPart(models.Model):
    """One share of a run's embeddings (the rows whose id is `number - 1` modulo `of`), done by
    its own task: the parts run side by side in separate task workers, one core each, and the
    run's progress is the sum of theirs (services.indexing_part_execute)."""

    run = models.ForeignKey(IndexingRun, on_delete=models.CASCADE, related_name="parts")
    number = models.PositiveSmallIntegerField()  # 1-based
    of = models.PositiveSmallIntegerField()
    status = models.CharField(
        _("état"), max_length=10, choices=IndexingRun.Status.choices, default=IndexingRun.Status.QUEUED
    )
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    computed = models.PositiveIntegerField(default=0)
    seconds = models.FloatField(null=True, blank=True)
    error = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("part d’une indexation")
        ordering = ["run", "number"]
        constraints = [models.UniqueConstraint(fields=["run", "number"], name="matching_indexing_part_unique")]

    def __str__(self) -> str:
        return f"{self.number}/{self.of}"
