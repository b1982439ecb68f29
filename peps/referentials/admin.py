"""Django admin: read-mostly access for support; the editor pages are the way to change trees."""

from django.contrib import admin

from .models import Referential, Version


@admin.register(Referential)
class ReferentialAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "created_at"]
    search_fields = ["name", "slug"]


@admin.register(Version)
class VersionAdmin(admin.ModelAdmin):
    list_display = ["referential", "number", "label", "published_at", "frozen_at"]
    list_filter = ["referential"]
    readonly_fields = ["frozen_at", "based_on", "created_by"]
