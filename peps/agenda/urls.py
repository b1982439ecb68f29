from django.urls import path

from .views import bourse, manage, public

app_name = "agenda"

urlpatterns = [
    path("", public.event_list, name="list"),
    path("mois/", public.month, name="month_current"),
    path("mois/<int:year>/<int:month>/", public.month, name="month"),
    path("agenda.ics", public.pole_feed, name="feed"),
    path("mon-calendrier/", public.my_calendar, name="my_calendar"),
    path("flux/<str:token>.ics", public.private_feed, name="private_feed"),
    path("nouveau/", manage.event_create, name="create"),
    path("<int:pk>/", public.event_detail, name="detail"),
    path("<int:pk>/evenement.ics", public.event_ics, name="event_ics"),
    path("<int:pk>/inscription/", public.register, name="register"),
    path("<int:pk>/modifier/", manage.event_edit, name="edit"),
    path("<int:pk>/annuler/", manage.event_cancel, name="cancel"),
    path("<int:pk>/participants/", manage.attendees, name="attendees"),
    path("<int:pk>/participants.csv", manage.attendees_csv, name="attendees_csv"),
    path(
        "<int:pk>/participants/<int:registration_pk>/presence/",
        manage.attendance,
        name="attendance",
    ),
    path("<int:pk>/bourse/", bourse.session_detail, name="bourse"),
    path("<int:pk>/bourse/presentations/", bourse.slot_add, name="slot_add"),
    path("<int:pk>/bourse/presentations/<int:slot_pk>/retirer/", bourse.slot_remove, name="slot_remove"),
    path("<int:pk>/bourse/personnes-ressources/", bourse.resource_invite, name="resource_invite"),
    path(
        "<int:pk>/bourse/personnes-ressources/<int:invitation_pk>/retirer/",
        bourse.resource_remove,
        name="resource_remove",
    ),
    path("<int:pk>/bourse/contributions/", bourse.contribution_add, name="contribution_add"),
    path(
        "<int:pk>/bourse/contributions/<int:contribution_pk>/modifier/",
        bourse.contribution_edit,
        name="contribution_edit",
    ),
    path(
        "<int:pk>/bourse/contributions/<int:contribution_pk>/supprimer/",
        bourse.contribution_delete,
        name="contribution_delete",
    ),
    path("<int:pk>/bourse/synthese/", bourse.outcome, name="outcome"),
]
