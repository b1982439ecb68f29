from django.urls import path

from .views import data, profile

app_name = "accounts"

urlpatterns = [
    path("", profile.profile, name="profile"),
    path("modifier/", profile.profile_edit, name="profile_edit"),
    path("mes-donnees/", data.data_export, name="data"),
    path("mes-donnees/<uuid:public_id>/telecharger/", data.data_download, name="data_download"),
    path("lettres/", data.newsletter_choices, name="newsletters"),
    path("supprimer/", data.account_delete, name="delete"),
    path("compte-supprime/", data.account_deleted, name="deleted"),
]
