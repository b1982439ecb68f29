from django.urls import path

from . import views

app_name = "projects"

urlpatterns = [
    path("", views.index, name="list"),
]
urlpatterns += [path("suivi/", views.index, name="board")]
