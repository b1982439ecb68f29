from django.urls import path

from .views import fee, join, manage, members, public

app_name = "poles"

urlpatterns = [
    path("", public.home, name="home"),
    path("territoire/", public.territory, name="territory"),
    path("territoire/contours.geojson", public.territory_outlines, name="territory_outlines"),
    path("territoire/modifier/", manage.territory_edit, name="territory_edit"),
    path("territoire/<int:pk>/retirer/", manage.territory_unit_remove_view, name="territory_unit_remove"),
    path("charte/", public.charter, name="charter"),
    path("adherer/", join.join, name="join"),
    path("ma-cotisation/", fee.my_fee, name="my_fee"),
    path("adhesions/", members.members, name="members"),
    path("adhesions/ajouter/", members.membership_add_view, name="membership_add"),
    path("adhesions/<int:pk>/", members.membership_edit, name="membership_edit"),
    path("adhesions/<int:pk>/cotisation/", members.fee_add, name="fee_add"),
    path(
        "adhesions/<int:pk>/accepter/",
        members.membership_decide,
        {"decision": "approve"},
        name="membership_approve",
    ),
    path(
        "adhesions/<int:pk>/refuser/",
        members.membership_decide,
        {"decision": "refuse"},
        name="membership_refuse",
    ),
    path("colleges/", manage.colleges, name="colleges"),
    path("colleges/<int:pk>/", manage.college_edit, name="college_edit"),
    path("reglages/", manage.settings_view, name="settings"),
]
