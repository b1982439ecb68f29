"""URLs: open data (/donnees/): the page and one download per dataset and format."""

from django.urls import path

from . import views

app_name = "opendata"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:dataset>.csv", views.download, {"fmt": "csv"}, name="csv"),
    path("<slug:dataset>.json", views.download, {"fmt": "json"}, name="json"),
]
