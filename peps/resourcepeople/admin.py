"""Django admin of the pool of resource people (support use; the site's pages are the normal way)."""

from django.contrib import admin

from .models import ResourcePerson, ResourceRequest


@admin.register(ResourcePerson)
class ResourcePersonAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "visibility", "is_active"]
    list_filter = ["visibility", "is_active"]
    search_fields = ["name", "email"]
    raw_id_fields = ["user"]
    filter_horizontal = ["departements", "regions"]


@admin.register(ResourceRequest)
class ResourceRequestAdmin(admin.ModelAdmin):
    list_display = ["person", "pole", "purpose", "status", "created_at", "answered_at"]
    list_filter = ["status", "purpose"]
    raw_id_fields = ["pole", "requested_by", "person", "project", "answered_by"]
