"""URLs: the network directory, the map of poles, a pole's fiche and the comparison page."""

from django.urls import path

from . import views

app_name = "network"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("carte/", views.pole_map, name="map"),
    path("comparer/", views.compare, name="compare"),
    path("poles/<slug:slug>/", views.profile, name="profile"),
    path("poles/<slug:slug>/modifier/", views.profile_edit, name="profile_edit"),
]
