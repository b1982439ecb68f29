"""Index receivers: a need or offer saved is re-indexed at once, in the same transaction.

Signals (rather than calls from services) because the partnerships services belong to
another part of the code base and every path that saves a need or offer (services, admin,
shell) must keep the index right. Deletion needs no receiver: the index rows cascade.
Bulk writes (bulk_create, update) send no signal: run `manage.py matching_reindex` after them.
"""

from django.db.models.signals import post_save
from django.dispatch import receiver

from peps.partnerships.models import Need, Offer
from peps.projects.models import Project

from .indexing import index_need, index_offer
from .models import NeedDoc


@receiver(post_save, sender=Offer, dispatch_uid="matching_index_offer")
def offer_saved(sender, instance: Offer, raw: bool = False, **kwargs) -> None:
    if not raw:
        index_offer(instance)


@receiver(post_save, sender=Need, dispatch_uid="matching_index_need")
def need_saved(sender, instance: Need, raw: bool = False, **kwargs) -> None:
    if not raw:
        index_need(instance)


@receiver(post_save, sender=Project, dispatch_uid="matching_project_owner")
def project_saved(sender, instance: Project, raw: bool = False, created: bool = False, **kwargs) -> None:
    # A need's owner and domain come from its project: refresh them when the project changes.
    if raw or created:
        return
    for need in Need.objects.filter(pk__in=NeedDoc.objects.filter(project=instance).values("pk")):
        index_need(need)
