"""The sectors of activity of the ESS used to file structures in the directory (the demo
and seed data reuse these slugs)."""

from django.db import migrations

SECTORS = [
    ("culture", "Culture et patrimoine"),
    ("alimentation", "Alimentation"),
    ("insertion", "Insertion"),
    ("environnement", "Environnement"),
    ("numerique", "Numérique"),
    ("formation", "Formation"),
    ("tourisme", "Tourisme"),
    ("services-a-la-personne", "Services à la personne"),
    ("habitat", "Habitat"),
    ("mobilite", "Mobilité"),
    ("energie", "Énergie"),
    ("agriculture", "Agriculture et circuits courts"),
    ("commerce", "Commerce"),
    ("sante-social", "Santé et action sociale"),
    ("sport", "Sport et loisirs"),
    ("finance-solidaire", "Finance solidaire"),
    ("autre", "Autre"),
]


def create_sectors(apps, schema_editor):
    Sector = apps.get_model("directory", "Sector")
    for slug, name in SECTORS:
        Sector.objects.update_or_create(slug=slug, defaults={"name": name})


def remove_sectors(apps, schema_editor):
    Sector = apps.get_model("directory", "Sector")
    Sector.objects.filter(slug__in=[slug for slug, _name in SECTORS], structures__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("directory", "0003_representative_decision")]

    operations = [migrations.RunPython(create_sectors, remove_sectors)]
