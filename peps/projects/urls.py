from django.urls import path

from . import pipeline_views, views

app_name = "projects"

urlpatterns = [
    path("", views.project_list, name="list"),
    path("proposer/", views.project_submit, name="submit"),
    path("proposer/structures/", views.structure_suggestions, name="structure_suggestions"),
    path("<int:pk>/deposee/", views.project_submitted, name="submitted"),
    path("suivi/", pipeline_views.board, name="board"),
    path("suivi/<int:pk>/etape/", pipeline_views.board_move, name="board_move"),
    path("suivi/colonne/<slug:stage>/", pipeline_views.board_column, name="board_column"),
    path("<int:pk>/", views.project_detail, name="detail"),
    path("<int:pk>/modifier/", views.project_edit, name="edit"),
    path("<int:pk>/suivre/", views.project_follow, name="follow"),
    path("<int:pk>/soutenir/", views.project_support, name="support"),
    path("<int:pk>/commentaires/", views.comment_add, name="comment"),
    path("<int:pk>/etape/", pipeline_views.move_stage, name="move"),
    path("<int:pk>/demande/", pipeline_views.set_request_kind, name="request_kind"),
    path("<int:pk>/journal/", pipeline_views.log_add, name="log_add"),
    path("<int:pk>/orientation/", pipeline_views.refer, name="refer"),
]
