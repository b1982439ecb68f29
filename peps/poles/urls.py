from django.urls import path

from . import views

app_name = "poles"

urlpatterns = [
    path("", views.home, name="home"),
    path("territoire/", views.territory, name="territory"),
    path("adhesions/", views.members, name="members"),
]
