from django.urls import path

from . import consultation_views, moderation_views, views

app_name = "deliberation"

urlpatterns = [
    path("", views.debate_list, name="list"),
    path("ouvrir/", views.debate_open, name="create"),
    path("<int:pk>/", views.debate_detail, name="detail"),
    path("<int:pk>/colonne/<slug:stance>/", views.debate_column, name="column"),
    path("<int:pk>/arguments/", views.argument_add, name="argument_add"),
    path("<int:pk>/arguments/<int:argument_pk>/", views.argument_detail, name="argument"),
    path("<int:pk>/arguments/<int:argument_pk>/reponses/", views.reply_add, name="reply_add"),
    path("<int:pk>/arguments/<int:argument_pk>/utile/", views.argument_react, name="react"),
    path("<int:pk>/suivre/", views.debate_follow, name="follow"),
    path("<int:pk>/cloturer/", views.debate_close, name="close"),
    path("consultations/", consultation_views.consultation_list, name="consultations"),
    path("consultations/nouvelle/", consultation_views.consultation_create, name="consultation_create"),
    path("consultations/<int:pk>/", consultation_views.consultation_detail, name="consultation"),
    path("consultations/<int:pk>/proposer/", consultation_views.proposal_add, name="proposal_add"),
    path("consultations/<int:pk>/suivre/", consultation_views.consultation_follow, name="consultation_follow"),
    path("propositions/<int:pk>/", consultation_views.proposal_detail, name="proposal"),
    path("propositions/<int:pk>/soutenir/", consultation_views.proposal_support, name="proposal_support"),
    path("propositions/<int:pk>/reponse/", consultation_views.proposal_answer, name="proposal_answer"),
    path("propositions/<int:pk>/projet/", consultation_views.proposal_to_project, name="proposal_to_project"),
    path("signaler/<slug:kind>/<int:pk>/", moderation_views.report, name="report"),
    path("moderation/", moderation_views.queue, name="moderation"),
    path("moderation/signalements/<int:pk>/", moderation_views.report_decide, name="report_decide"),
    path("moderation/appels/<int:pk>/", moderation_views.appeal_decide, name="appeal_decide"),
    path("moderation/journal/", moderation_views.log, name="moderation_log"),
    path("appel/<slug:kind>/<int:pk>/", moderation_views.appeal, name="appeal"),
]
