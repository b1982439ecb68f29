"""The shared cache's table, when the cache is the database's (one machine without Redis):
`migrate` alone then prepares every process's shared state."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_site_name")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop, elidable=True)]
