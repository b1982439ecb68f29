"""URLs of the self-assessment, in two lists mounted by config/urls.py: the network's pages
of the campaigns under /reseau/campagnes/ (`urlpatterns`, namespace "assessment") and a
pole's pages under /p/<pole>/autoevaluation/ (`pole_urlpatterns`, namespace "assessment_pole")."""

from django.urls import path

from .views import network, pole

app_name = "assessment"

urlpatterns = [
    path("", network.campaign_list, name="list"),
    path("nouvelle/", network.campaign_create, name="create"),
    path("<int:pk>/", network.campaign_detail, name="detail"),
    path("<int:pk>/modifier/", network.campaign_edit, name="edit"),
    path("<int:pk>/ouvrir/", network.campaign_open, name="open"),
    path("<int:pk>/cloturer/", network.campaign_close, name="close"),
    path("<int:pk>/reponses/<int:answer_pk>/rouvrir/", network.answer_reopen, name="reopen"),
    path("<int:pk>/resultats/", network.results, name="results"),
    path("<int:pk>/resultats/classement.svg", network.ranking_svg, name="ranking_svg"),
    path("<int:pk>/resultats/profil-reseau.svg", network.network_radar_svg, name="radar_svg"),
    path("<int:pk>/resultats/export.csv", network.results_csv, name="csv"),
    path("<int:pk>/resultats/export.xlsx", network.results_xlsx, name="xlsx"),
]

pole_urlpatterns = [
    path("", pole.campaign_list, name="list"),
    path("<int:pk>/", pole.answer, name="answer"),
    path("<int:pk>/publication/", pole.answer_publish, name="publish"),
    path("<int:pk>/resultats/", pole.pole_results, name="results"),
    path("<int:pk>/resultats/profil.svg", pole.pole_radar_svg, name="radar_svg"),
]
