from django.contrib import admin

from .models import EPCI, Arrondissement, Commune, Departement, Region


@admin.register(Commune)
class CommuneAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "departement", "epci", "population"]
    search_fields = ["name", "code", "postal_codes"]
    list_select_related = ["departement", "epci"]
    readonly_fields = ["search_name"]
    raw_id_fields = ["epci", "arrondissement"]


admin.site.register([Region, Departement, Arrondissement, EPCI])
