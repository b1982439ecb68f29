"""The families of notifications a person may stop receiving by e-mail (the in-app entry
always stays). Each app registers its own family in its AppConfig.ready(), as apps register
with the admin, so the notifications app never imports a domain app."""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class KindFamily:
    prefix: str  # the part of a notification's kind before the first dot: "projects"
    label: str  # what the settings page shows, translatable
    can_mute: bool = True


_FAMILIES: dict[str, KindFamily] = {}


def register_family(prefix: str, label, *, can_mute: bool = True) -> None:
    _FAMILIES[prefix] = KindFamily(prefix=prefix, label=label, can_mute=can_mute)


def mutable_families() -> list[KindFamily]:
    return sorted((f for f in _FAMILIES.values() if f.can_mute), key=lambda f: str(f.label))


def family_of(kind: str) -> str:
    return kind.split(".", 1)[0]


def is_muted(kind: str, muted: list[str] | None) -> bool:
    family = _FAMILIES.get(family_of(kind))
    return bool(muted) and family is not None and family.can_mute and family.prefix in muted
