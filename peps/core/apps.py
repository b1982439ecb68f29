from django.apps import AppConfig


class Config(AppConfig):
    name = "peps.core"
    label = "core"

    def ready(self):
        from django.db.backends.signals import connection_created

        from . import freshness

        connection_created.connect(freshness.install, dispatch_uid="peps-freshness")
