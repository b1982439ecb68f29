from django.contrib import admin

from .models import College, Membership, MembershipFee, Pole, TerritoryUnit


class TerritoryUnitInline(admin.TabularInline):
    model = TerritoryUnit
    extra = 0


class CollegeInline(admin.TabularInline):
    model = College
    extra = 0


@admin.register(Pole)
class PoleAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "kind", "legal_form", "is_demo"]
    list_filter = ["kind", "legal_form", "is_demo"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [TerritoryUnitInline, CollegeInline]


class FeeInline(admin.TabularInline):
    model = MembershipFee
    extra = 0


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["__str__", "pole", "college", "role", "status", "joined_on"]
    list_filter = ["pole", "role", "status"]
    raw_id_fields = ["person", "structure", "college"]
    list_select_related = ["pole", "college", "person", "structure"]
    inlines = [FeeInline]
