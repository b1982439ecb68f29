"""Keep a pole's centre and regions in step with its territory: the poles app changes the
units, and this app recomputes after the transaction commits (a few cheap queries per change)."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from peps.poles.models import Pole, TerritoryUnit


def _relocate_after_commit(pole_id: int) -> None:
    def relocate():
        from .services import profile_locate

        pole = Pole.objects.filter(pk=pole_id).first()
        if pole is not None:
            profile_locate(pole=pole)

    transaction.on_commit(relocate)


@receiver(post_save, sender=TerritoryUnit, dispatch_uid="network_relocate_on_unit_save")
def unit_saved(sender, instance: TerritoryUnit, **kwargs) -> None:
    _relocate_after_commit(instance.pole_id)


@receiver(post_delete, sender=TerritoryUnit, dispatch_uid="network_relocate_on_unit_delete")
def unit_deleted(sender, instance: TerritoryUnit, **kwargs) -> None:
    _relocate_after_commit(instance.pole_id)
