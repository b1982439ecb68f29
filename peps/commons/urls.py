"""Shared resources of a pole, under /p/<pole>/ressources/."""

from django.urls import path

from . import manage_views, permanence_views, views

app_name = "commons"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("<int:pk>/", views.resource_detail, name="resource"),
    path("<int:pk>/reserver/", views.book, name="book"),
    path("<int:pk>/reserver-chaque-semaine/", views.book_series, name="book_series"),
    path("mes-reservations/", views.my_bookings, name="my_bookings"),
    path("reservations/<int:pk>/", views.booking_detail, name="booking"),
    path("reservations/<int:pk>/annuler/", views.booking_cancel, name="booking_cancel"),
    path("permanences/", permanence_views.permanence_list, name="permanences"),
    path("permanences/<int:pk>/", permanence_views.permanence_detail, name="permanence"),
    path("<int:pk>/permanence/", permanence_views.permanence_create, name="permanence_create"),
    path("rendez-vous/<int:pk>/annuler/", permanence_views.appointment_cancel, name="appointment_cancel"),
    # Coordinators.
    path("ajouter/", manage_views.resource_create, name="resource_create"),
    path("<int:pk>/modifier/", manage_views.resource_edit, name="resource_edit"),
    path("<int:pk>/supprimer/", manage_views.resource_delete, name="resource_delete"),
    path("gestion/", manage_views.manage, name="manage"),
    path("reservations/<int:pk>/valider/", manage_views.booking_approve, name="booking_approve"),
    path("reservations/<int:pk>/refuser/", manage_views.booking_refuse, name="booking_refuse"),
    path("reservations/<int:pk>/retour/", manage_views.booking_return, name="booking_return"),
    path("statistiques/", manage_views.statistics, name="statistics"),
]
