from django.urls import path

from .views import pipeline, public

app_name = "projects"

urlpatterns = [
    path("", public.project_list, name="list"),
    path("proposer/", public.project_submit, name="submit"),
    path("proposer/structures/", public.structure_suggestions, name="structure_suggestions"),
    path("<int:pk>/deposee/", public.project_submitted, name="submitted"),
    path("suivi/", pipeline.board, name="board"),
    path("suivi/<int:pk>/etape/", pipeline.board_move, name="board_move"),
    path("suivi/colonne/<slug:stage>/", pipeline.board_column, name="board_column"),
    path("<int:pk>/", public.project_detail, name="detail"),
    path("<int:pk>/modifier/", public.project_edit, name="edit"),
    path("<int:pk>/suivre/", public.project_follow, name="follow"),
    path("<int:pk>/soutenir/", public.project_support, name="support"),
    path("<int:pk>/commentaires/", public.comment_add, name="comment"),
    path("<int:pk>/etape/", pipeline.move_stage, name="move"),
    path("<int:pk>/demande/", pipeline.set_request_kind, name="request_kind"),
    path("<int:pk>/journal/", pipeline.log_add, name="log_add"),
    path("<int:pk>/orientation/", pipeline.refer, name="refer"),
]
