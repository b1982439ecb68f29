"""Admin of the network app: themes, and fiches for support work."""

from django.contrib import admin

from .models import PoleProfile, Theme


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]


@admin.register(PoleProfile)
class PoleProfileAdmin(admin.ModelAdmin):
    list_display = ["pole", "public", "approach", "updated_at"]
    list_filter = ["public", "approach"]
    raw_id_fields = ["pole", "updated_by"]
