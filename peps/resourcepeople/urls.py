"""URLs: Personnes ressources du réseau, under /reseau/personnes-ressources/."""

from django.urls import path

from . import views

app_name = "resourcepeople"

urlpatterns = [
    path("", views.person_list, name="list"),
    path("ajouter/", views.person_create, name="create"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("<int:pk>/modifier/", views.person_edit, name="edit"),
    path("<int:pk>/solliciter/", views.request_create, name="request_create"),
    path("sollicitations/", views.request_list, name="requests"),
    path("sollicitations/<int:pk>/", views.request_detail, name="request"),
    path("sollicitations/<int:pk>/repondre/", views.request_answer, name="request_answer"),
    path("sollicitations/<int:pk>/retirer/", views.request_withdraw, name="request_withdraw"),
]
