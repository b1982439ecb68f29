from django.urls import path

from . import register_views

app_name = "registers"

urlpatterns = [path("", register_views.index, name="index")]
