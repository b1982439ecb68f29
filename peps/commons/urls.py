"""Shared resources of a pole, under /p/<pole>/ressources/."""

from django.urls import path

from .views import manage, permanences, public

app_name = "commons"

urlpatterns = [
    path("", public.catalogue, name="catalogue"),
    path("<int:pk>/", public.resource_detail, name="resource"),
    path("<int:pk>/reserver/", public.book, name="book"),
    path("<int:pk>/reserver-chaque-semaine/", public.book_series, name="book_series"),
    path("mes-reservations/", public.my_bookings, name="my_bookings"),
    path("reservations/<int:pk>/", public.booking_detail, name="booking"),
    path("reservations/<int:pk>/annuler/", public.booking_cancel, name="booking_cancel"),
    path("permanences/", permanences.permanence_list, name="permanences"),
    path("permanences/<int:pk>/", permanences.permanence_detail, name="permanence"),
    path("<int:pk>/permanence/", permanences.permanence_create, name="permanence_create"),
    path("rendez-vous/<int:pk>/annuler/", permanences.appointment_cancel, name="appointment_cancel"),
    # Coordinators.
    path("ajouter/", manage.resource_create, name="resource_create"),
    path("<int:pk>/modifier/", manage.resource_edit, name="resource_edit"),
    path("<int:pk>/supprimer/", manage.resource_delete, name="resource_delete"),
    path("gestion/", manage.manage, name="manage"),
    path("reservations/<int:pk>/valider/", manage.booking_approve, name="booking_approve"),
    path("reservations/<int:pk>/refuser/", manage.booking_refuse, name="booking_refuse"),
    path("reservations/<int:pk>/retour/", manage.booking_return, name="booking_return"),
    path("statistiques/", manage.statistics, name="statistics"),
]
