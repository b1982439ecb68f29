from django.apps import AppConfig


class Config(AppConfig):
    name = "peps.accounts"
    label = "accounts"

    def ready(self) -> None:
        from . import erasure, personal_data

        # The account's own part of the archive and of the erasure; other apps add theirs.
        personal_data.sections.register(personal_data.ACCOUNT, order=10)
        erasure.erasers.register("jetons", erasure.tokens, order=30)
        erasure.erasers.register("archives", erasure.archives, order=50)
        erasure.erasers.register("traces_de_connexion", erasure.login_traces, order=120)
