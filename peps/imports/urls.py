"""URLs of the imports, in two lists mounted by config/urls.py: a pole's imports under
/p/<pole>/imports/ (`urlpatterns`, namespace "imports") and the network's official
registers under /reseau/registres/ (`register_urlpatterns`, namespace "registers")."""

from django.urls import path

from .views import pole, registers

app_name = "imports"

urlpatterns = [
    path("", pole.index, name="index"),
    path("exemple-adherents.xlsx", pole.sample, name="sample"),
    path("export/<str:kind>/", pole.export, name="export"),
    path("ess-a-contacter/", pole.ess, name="ess"),
    path("ess-a-contacter/ajouter/", pole.ess_add, name="ess_add"),
    path("registres/<slug:slug>/", pole.complete, name="complete"),
    path("<int:pk>/", pole.detail, name="detail"),
    path("<int:pk>/colonnes/", pole.mapping, name="mapping"),
    path("<int:pk>/apercu/", pole.preview, name="preview"),
    path("<int:pk>/annuler/", pole.cancel, name="cancel"),
    path("<int:pk>/defaire/", pole.undo, name="undo"),
    path("<int:pk>/rejets.xlsx", pole.rejected, name="rejected"),
]

register_urlpatterns = [path("", registers.index, name="index")]
