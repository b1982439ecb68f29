"""URLs of a pole's newsletter, under /p/<pole>/lettres/."""

from django.urls import path

from .views import manage, public

app_name = "newsletters"

urlpatterns = [
    path("", manage.index, name="index"),
    path("nouvelle/", manage.create, name="create"),
    path("abonnes/", manage.subscribers, name="subscribers"),
    path("<int:pk>/", manage.detail, name="detail"),
    path("<int:pk>/modifier/", manage.edit, name="edit"),
    path("<int:pk>/envoyer/", manage.send, name="send"),
    path("inscription/", public.subscribe, name="subscribe"),
    path("confirmer/<str:token>/", public.confirm, name="confirm"),
    path("desinscription/<str:token>/", public.unsubscribe, name="unsubscribe"),
]
