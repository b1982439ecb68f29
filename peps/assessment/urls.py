"""Network pages of the self-assessment campaigns, under /reseau/campagnes/."""

from django.urls import path

from . import views

app_name = "assessment"

urlpatterns = [
    path("", views.campaign_list, name="list"),
    path("nouvelle/", views.campaign_create, name="create"),
    path("<int:pk>/", views.campaign_detail, name="detail"),
    path("<int:pk>/modifier/", views.campaign_edit, name="edit"),
    path("<int:pk>/ouvrir/", views.campaign_open, name="open"),
    path("<int:pk>/cloturer/", views.campaign_close, name="close"),
    path("<int:pk>/reponses/<int:answer_pk>/rouvrir/", views.answer_reopen, name="reopen"),
    path("<int:pk>/resultats/", views.results, name="results"),
    path("<int:pk>/resultats/classement.svg", views.ranking_svg, name="ranking_svg"),
    path("<int:pk>/resultats/profil-reseau.svg", views.network_radar_svg, name="radar_svg"),
    path("<int:pk>/resultats/export.csv", views.results_csv, name="csv"),
    path("<int:pk>/resultats/export.xlsx", views.results_xlsx, name="xlsx"),
]
