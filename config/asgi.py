import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_asgi_application()

from peps.core.workers import freeze_once_warm, freeze_what_lives_forever  # noqa: E402 - once Django is set up

freeze_what_lives_forever()
freeze_once_warm()
