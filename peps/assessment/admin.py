"""Django admin of the self-assessment, for support; pages of the network do the daily work."""

from django.contrib import admin

from .models import Answer, AnswerEvent, Campaign


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "opens_on", "closes_on"]
    list_filter = ["status"]
    filter_horizontal = ["invited_poles"]


class AnswerEventInline(admin.TabularInline):
    model = AnswerEvent
    extra = 0
    readonly_fields = ["kind", "by", "note", "at"]


@admin.register(Answer)
class AnswerAdmin(admin.ModelAdmin):
    list_display = ["campaign", "pole", "status", "public", "submitted_at"]
    list_filter = ["status", "campaign"]
    readonly_fields = ["status", "submitted_at", "submitted_by"]
    inlines = [AnswerEventInline]
