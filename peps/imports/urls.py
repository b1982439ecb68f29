"""URLs of a pole's imports, under /p/<pole>/imports/."""

from django.urls import path

from . import views

app_name = "imports"

urlpatterns = [
    path("", views.index, name="index"),
    path("exemple-adherents.xlsx", views.sample, name="sample"),
    path("export/<str:kind>/", views.export, name="export"),
    path("ess-a-contacter/", views.ess, name="ess"),
    path("ess-a-contacter/ajouter/", views.ess_add, name="ess_add"),
    path("registres/<slug:slug>/", views.complete, name="complete"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/colonnes/", views.mapping, name="mapping"),
    path("<int:pk>/apercu/", views.preview, name="preview"),
    path("<int:pk>/annuler/", views.cancel, name="cancel"),
    path("<int:pk>/defaire/", views.undo, name="undo"),
    path("<int:pk>/rejets.xlsx", views.rejected, name="rejected"),
]
