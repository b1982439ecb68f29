"""Calls for projects of the national network, under /reseau/appels/."""

from django.urls import path

from .views import manage, public, review

app_name = "calls"

urlpatterns = [
    # The public and the applicants.
    path("", public.call_list, name="list"),
    path("<int:pk>/", public.call_detail, name="detail"),
    path("<int:pk>/candidater/", public.application_start, name="apply"),
    path("mes-candidatures/", public.my_applications, name="my_applications"),
    path("candidatures/<int:pk>/", public.application_detail, name="application"),
    path("candidatures/<int:pk>/modifier/", public.application_edit, name="application_edit"),
    path("candidatures/<int:pk>/supprimer/", public.application_delete, name="application_delete"),
    path("candidatures/<int:pk>/recepisse/", public.application_receipt, name="receipt"),
    path("candidatures/<int:pk>/pieces/<int:attachment>/", public.attachment_download, name="attachment"),
    # The steering committee's reviewers.
    path("evaluations/", review.my_assignments, name="my_assignments"),
    path("evaluations/<int:pk>/", review.review, name="review"),
    path("evaluations/<int:pk>/conflit/", review.declare_conflict, name="declare_conflict"),
    # Network administrators.
    path("nouveau/", manage.call_create, name="create"),
    path("<int:pk>/modifier/", manage.call_edit, name="edit"),
    path("<int:pk>/statut/", manage.call_status, name="status"),
    path("<int:pk>/questions/ajouter/", manage.field_edit, name="field_add"),
    path("<int:pk>/questions/<int:field>/", manage.field_edit, name="field_edit"),
    path("<int:pk>/questions/<int:field>/supprimer/", manage.field_delete, name="field_delete"),
    path("<int:pk>/questions/<int:field>/deplacer/", manage.field_move, name="field_move"),
    path("<int:pk>/criteres/ajouter/", manage.criterion_edit, name="criterion_add"),
    path("<int:pk>/criteres/<int:criterion>/", manage.criterion_edit, name="criterion_edit"),
    path("<int:pk>/criteres/<int:criterion>/supprimer/", manage.criterion_delete, name="criterion_delete"),
    path("<int:pk>/criteres/<int:criterion>/deplacer/", manage.criterion_move, name="criterion_move"),
    path("<int:pk>/candidatures/", manage.applications, name="applications"),
    path("<int:pk>/comite/", manage.committee, name="committee"),
    path("<int:pk>/comite/retirer/", manage.reviewer_remove, name="reviewer_remove"),
    path("<int:pk>/comite/repartir/", manage.distribute, name="distribute"),
    path("<int:pk>/comite/affectations/<int:assignment>/retirer/", manage.unassign, name="unassign"),
    path("<int:pk>/resultats/", manage.results, name="results"),
    path("<int:pk>/resultats/<int:application>/decision/", manage.decide, name="decide"),
    path("<int:pk>/resultats/envoyer/", manage.send_outcomes, name="send_outcomes"),
    path("<int:pk>/resultats.csv", manage.results_csv, name="results_csv"),
]
