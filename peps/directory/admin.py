"""Admin screens for the directory, for network administrators."""

from django.contrib import admin

from .models import Representative, Sector, Structure


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Structure)
class StructureAdmin(admin.ModelAdmin):
    list_display = ["name", "pole", "legal_form", "commune", "is_active"]
    list_filter = ["legal_form", "is_active", "pole"]
    search_fields = ["name", "siren", "siret", "rna"]
    raw_id_fields = ["commune", "created_by", "pole"]
    list_select_related = ["pole", "commune"]
    filter_horizontal = ["sectors"]


@admin.register(Representative)
class RepresentativeAdmin(admin.ModelAdmin):
    list_display = ["person", "structure", "status", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["person", "structure", "decided_by"]
    list_select_related = ["person", "structure"]
