"""Admin of the agenda: for support staff; organisers use the pages of the pole."""

from django.contrib import admin

from .models import BourseContribution, BourseSession, Event, Registration


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "pole", "kind", "starts_at", "status", "audience"]
    list_filter = ["kind", "status", "audience"]
    search_fields = ["title"]
    raw_id_fields = ["pole", "room", "commune", "organiser_structure", "created_by"]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["event", "person", "status", "position", "attendance"]
    list_filter = ["status"]
    raw_id_fields = ["event", "person"]


@admin.register(BourseSession)
class BourseSessionAdmin(admin.ModelAdmin):
    raw_id_fields = ["event"]


@admin.register(BourseContribution)
class BourseContributionAdmin(admin.ModelAdmin):
    list_display = ["session", "project", "kind", "created_at"]
    raw_id_fields = ["session", "project", "given_by", "given_by_structure", "log_entry", "recorded_by"]
