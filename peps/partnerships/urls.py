from django.urls import path

from .views import dashboard, hub, needs, offers, partnerships, reach

app_name = "partnerships"

urlpatterns = [
    path("", hub.hub, name="hub"),
    path("mes-besoins-et-offres/", hub.mine, name="mine"),
    path("tableau-de-bord/", dashboard.dashboard, name="dashboard"),
    path("tableau-de-bord/projet-collectif/", dashboard.pooling_open, name="pooling_open"),
    path("tableau-de-bord/<int:pk>/transmis/", reach.relay, name="relay"),
    path("tableau-de-bord/delais/", reach.delays, name="delays"),
    path("reponse/<str:token>/", reach.answer_link, name="answer_link"),
    path("projets/<int:project_pk>/besoins/", needs.project_needs, name="project_needs"),
    path("projets/<int:project_pk>/besoins/nouveau/", needs.need_create_for_project, name="need_create"),
    path("structures/<slug:slug>/besoins/nouveau/", needs.need_create_for_structure, name="structure_need_create"),
    path("besoins/<int:pk>/", needs.need_detail, name="need"),
    path("besoins/<int:pk>/modifier/", needs.need_edit, name="need_edit"),
    path("besoins/<int:pk>/proposer/", needs.need_propose, name="need_propose"),
    path("offres/nouvelle/", offers.offer_create, name="offer_create"),
    path("offres/<int:pk>/", offers.offer_detail, name="offer"),
    path("offres/<int:pk>/modifier/", offers.offer_edit, name="offer_edit"),
    path("offres/<int:pk>/proposer/", offers.offer_propose, name="offer_propose"),
    path("<int:pk>/", partnerships.partnership_detail, name="detail"),
    path("<int:pk>/reponse/", partnerships.partnership_answer, name="answer"),
    path("<int:pk>/statut/", partnerships.partnership_move, name="move"),
    path("<int:pk>/messages/", partnerships.partnership_message, name="message"),
]
