from django.urls import path

from .views import consultations, debates, moderation

app_name = "deliberation"

urlpatterns = [
    path("", debates.debate_list, name="list"),
    path("ouvrir/", debates.debate_open, name="create"),
    path("<int:pk>/", debates.debate_detail, name="detail"),
    path("<int:pk>/colonne/<slug:stance>/", debates.debate_column, name="column"),
    path("<int:pk>/arguments/", debates.argument_add, name="argument_add"),
    path("<int:pk>/arguments/<int:argument_pk>/", debates.argument_detail, name="argument"),
    path("<int:pk>/arguments/<int:argument_pk>/reponses/", debates.reply_add, name="reply_add"),
    path("<int:pk>/arguments/<int:argument_pk>/utile/", debates.argument_react, name="react"),
    path("<int:pk>/suivre/", debates.debate_follow, name="follow"),
    path("<int:pk>/cloturer/", debates.debate_close, name="close"),
    path("consultations/", consultations.consultation_list, name="consultations"),
    path("consultations/nouvelle/", consultations.consultation_create, name="consultation_create"),
    path("consultations/<int:pk>/", consultations.consultation_detail, name="consultation"),
    path("consultations/<int:pk>/proposer/", consultations.proposal_add, name="proposal_add"),
    path("consultations/<int:pk>/suivre/", consultations.consultation_follow, name="consultation_follow"),
    path("propositions/<int:pk>/", consultations.proposal_detail, name="proposal"),
    path("propositions/<int:pk>/soutenir/", consultations.proposal_support, name="proposal_support"),
    path("propositions/<int:pk>/reponse/", consultations.proposal_answer, name="proposal_answer"),
    path("propositions/<int:pk>/projet/", consultations.proposal_to_project, name="proposal_to_project"),
    path("signaler/<slug:kind>/<int:pk>/", moderation.report, name="report"),
    path("moderation/", moderation.queue, name="moderation"),
    path("moderation/signalements/<int:pk>/", moderation.report_decide, name="report_decide"),
    path("moderation/appels/<int:pk>/", moderation.appeal_decide, name="appeal_decide"),
    path("moderation/journal/", moderation.log, name="moderation_log"),
    path("appel/<slug:kind>/<int:pk>/", moderation.appeal, name="appeal"),
]
