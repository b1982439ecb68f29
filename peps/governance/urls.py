from django.urls import path

from .views import bodies, decisions, meetings, motions

app_name = "governance"

urlpatterns = [
    path("", bodies.index, name="index"),
    path("instances/nouvelle/", bodies.body_create, name="body_create"),
    path("instances/<int:pk>/", bodies.body_detail, name="body"),
    path("instances/<int:pk>/modifier/", bodies.body_edit, name="body_edit"),
    path("instances/<int:pk>/sieges/", bodies.seat_add, name="seat_add"),
    path("instances/<int:pk>/sieges/<int:seat_pk>/fin/", bodies.seat_end, name="seat_end"),
    path("instances/<int:pk>/suivre/", bodies.body_follow, name="follow"),
    path("instances/<int:pk>/proposer-au-conseil/", bodies.proposal_send, name="proposal_send"),
    path("instances/<int:pk>/points/<int:item_pk>/inscrire/", bodies.proposal_schedule, name="proposal_schedule"),
    path("instances/<int:pk>/pouvoirs/", bodies.proxy_give, name="proxy_give"),
    path("instances/<int:pk>/pouvoirs/personnes/", bodies.proxy_holder_search, name="proxy_holder_search"),
    path("instances/<int:pk>/rejoindre/", bodies.commission_join, name="commission_join"),
    path("instances/<int:pk>/participer/", bodies.commission_request, name="commission_request"),
    path("instances/<int:pk>/pouvoirs/<int:proxy_pk>/retirer/", bodies.proxy_revoke, name="proxy_revoke"),
    path("instances/<int:pk>/reunions/nouvelle/", meetings.meeting_create, name="meeting_create"),
    path("instances/<int:pk>/votes/nouveau/", motions.motion_create, name="body_motion_create"),
    path("reunions/<int:pk>/", meetings.meeting_detail, name="meeting"),
    path("reunions/<int:pk>/compte-rendu/", meetings.minutes_edit, name="minutes_edit"),
    path("reunions/<int:pk>/presences/", meetings.attendance_save, name="attendance"),
    path("reunions/<int:pk>/ordre-du-jour/", meetings.agenda_item_add, name="agenda_item_add"),
    path("votes/", motions.motion_list, name="motions"),
    path("votes/nouveau/", motions.motion_create, name="motion_create"),
    path("votes/<int:pk>/", motions.motion_detail, name="motion"),
    path("votes/<int:pk>/voter/", motions.vote, name="vote"),
    path("votes/<int:pk>/cloturer/", motions.motion_close, name="motion_close"),
    path("decisions/", decisions.decision_list, name="decisions"),
    path("decisions/export.csv", decisions.decision_csv, name="decisions_csv"),
]
