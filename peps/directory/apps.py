from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class Config(AppConfig):
    name = "peps.directory"
    label = "directory"

    def ready(self) -> None:
        from peps.notifications.kinds import register_family

        register_family("directory", _("Annuaire : demandes de représentation d’une structure"))

        from . import labels, opendata, personal_data

        # This app's part of: personal data, open data (registries owned by those features).
        personal_data.register()
        opendata.register()
        # The sentences of the list's Jinja2 partials.
        labels.register()

        from django.db.models.signals import post_migrate

        from . import search

        # The full-text index of structures is database schema the models do not describe:
        # created after every migrate (and when tests build the database without migrations).
        post_migrate.connect(search.after_migrate, sender=self, dispatch_uid="directory_search_index")
