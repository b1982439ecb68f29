from django.urls import path

from . import bourse_views, manage_views, views

app_name = "agenda"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("mois/", views.month, name="month_current"),
    path("mois/<int:year>/<int:month>/", views.month, name="month"),
    path("agenda.ics", views.pole_feed, name="feed"),
    path("mon-calendrier/", views.my_calendar, name="my_calendar"),
    path("flux/<str:token>.ics", views.private_feed, name="private_feed"),
    path("nouveau/", manage_views.event_create, name="create"),
    path("<int:pk>/", views.event_detail, name="detail"),
    path("<int:pk>/evenement.ics", views.event_ics, name="event_ics"),
    path("<int:pk>/inscription/", views.register, name="register"),
    path("<int:pk>/modifier/", manage_views.event_edit, name="edit"),
    path("<int:pk>/annuler/", manage_views.event_cancel, name="cancel"),
    path("<int:pk>/participants/", manage_views.attendees, name="attendees"),
    path("<int:pk>/participants.csv", manage_views.attendees_csv, name="attendees_csv"),
    path(
        "<int:pk>/participants/<int:registration_pk>/presence/",
        manage_views.attendance,
        name="attendance",
    ),
    path("<int:pk>/bourse/", bourse_views.session_detail, name="bourse"),
    path("<int:pk>/bourse/presentations/", bourse_views.slot_add, name="slot_add"),
    path("<int:pk>/bourse/presentations/<int:slot_pk>/retirer/", bourse_views.slot_remove, name="slot_remove"),
    path("<int:pk>/bourse/personnes-ressources/", bourse_views.resource_invite, name="resource_invite"),
    path(
        "<int:pk>/bourse/personnes-ressources/<int:invitation_pk>/retirer/",
        bourse_views.resource_remove,
        name="resource_remove",
    ),
    path("<int:pk>/bourse/contributions/", bourse_views.contribution_add, name="contribution_add"),
    path(
        "<int:pk>/bourse/contributions/<int:contribution_pk>/modifier/",
        bourse_views.contribution_edit,
        name="contribution_edit",
    ),
    path(
        "<int:pk>/bourse/contributions/<int:contribution_pk>/supprimer/",
        bourse_views.contribution_delete,
        name="contribution_delete",
    ),
    path("<int:pk>/bourse/synthese/", bourse_views.outcome, name="outcome"),
]
