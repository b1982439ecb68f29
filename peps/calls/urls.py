"""Calls for projects of the national network, under /reseau/appels/."""

from django.urls import path

from . import manage_views, review_views, views

app_name = "calls"

urlpatterns = [
    # The public and the applicants.
    path("", views.call_list, name="list"),
    path("<int:pk>/", views.call_detail, name="detail"),
    path("<int:pk>/candidater/", views.application_start, name="apply"),
    path("mes-candidatures/", views.my_applications, name="my_applications"),
    path("candidatures/<int:pk>/", views.application_detail, name="application"),
    path("candidatures/<int:pk>/modifier/", views.application_edit, name="application_edit"),
    path("candidatures/<int:pk>/supprimer/", views.application_delete, name="application_delete"),
    path("candidatures/<int:pk>/recepisse/", views.application_receipt, name="receipt"),
    path("candidatures/<int:pk>/pieces/<int:attachment>/", views.attachment_download, name="attachment"),
    # The steering committee's reviewers.
    path("evaluations/", review_views.my_assignments, name="my_assignments"),
    path("evaluations/<int:pk>/", review_views.review, name="review"),
    path("evaluations/<int:pk>/conflit/", review_views.declare_conflict, name="declare_conflict"),
    # Network administrators.
    path("nouveau/", manage_views.call_create, name="create"),
    path("<int:pk>/modifier/", manage_views.call_edit, name="edit"),
    path("<int:pk>/statut/", manage_views.call_status, name="status"),
    path("<int:pk>/questions/ajouter/", manage_views.field_edit, name="field_add"),
    path("<int:pk>/questions/<int:field>/", manage_views.field_edit, name="field_edit"),
    path("<int:pk>/questions/<int:field>/supprimer/", manage_views.field_delete, name="field_delete"),
    path("<int:pk>/questions/<int:field>/deplacer/", manage_views.field_move, name="field_move"),
    path("<int:pk>/criteres/ajouter/", manage_views.criterion_edit, name="criterion_add"),
    path("<int:pk>/criteres/<int:criterion>/", manage_views.criterion_edit, name="criterion_edit"),
    path("<int:pk>/criteres/<int:criterion>/supprimer/", manage_views.criterion_delete, name="criterion_delete"),
    path("<int:pk>/criteres/<int:criterion>/deplacer/", manage_views.criterion_move, name="criterion_move"),
    path("<int:pk>/candidatures/", manage_views.applications, name="applications"),
    path("<int:pk>/comite/", manage_views.committee, name="committee"),
    path("<int:pk>/comite/retirer/", manage_views.reviewer_remove, name="reviewer_remove"),
    path("<int:pk>/comite/repartir/", manage_views.distribute, name="distribute"),
    path("<int:pk>/comite/affectations/<int:assignment>/retirer/", manage_views.unassign, name="unassign"),
    path("<int:pk>/resultats/", manage_views.results, name="results"),
    path("<int:pk>/resultats/<int:application>/decision/", manage_views.decide, name="decide"),
    path("<int:pk>/resultats/envoyer/", manage_views.send_outcomes, name="send_outcomes"),
    path("<int:pk>/resultats.csv", manage_views.results_csv, name="results_csv"),
]
