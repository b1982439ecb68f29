"""Pole-scoped pages of the self-assessment campaigns, under /p/<pole>/autoevaluation/."""

from django.urls import path

from . import pole_views

app_name = "assessment_pole"

urlpatterns = [
    path("", pole_views.campaign_list, name="list"),
    path("<int:pk>/", pole_views.answer, name="answer"),
    path("<int:pk>/publication/", pole_views.answer_publish, name="publish"),
    path("<int:pk>/resultats/", pole_views.pole_results, name="results"),
    path("<int:pk>/resultats/profil.svg", pole_views.pole_radar_svg, name="radar_svg"),
]
