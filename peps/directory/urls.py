from django.urls import path

from . import views

app_name = "directory"

# Fixed segments come before "<slug>/": services.RESERVED_SLUGS keeps slugs off them.
urlpatterns = [
    path("", views.structure_list, name="list"),
    path("nouvelle/", views.structure_create, name="create"),
    path("choisir/", views.structure_choices, name="choices"),
    path("demandes/", views.claims, name="claims"),
    path("demandes/<int:pk>/decision/", views.claim_decide, name="claim_decide"),
    path("personnes/", views.people, name="people"),
    path("personnes/<int:pk>/", views.person, name="person"),
    path("<slug:slug>/", views.structure_detail, name="structure"),
    path("<slug:slug>/modifier/", views.structure_edit, name="edit"),
    path("<slug:slug>/representer/", views.claim, name="claim"),
]
