from django.contrib import admin

from .models import Comment, Project, Referral, StageChange, SupportLogEntry


class StageChangeInline(admin.TabularInline):
    model = StageChange
    extra = 0
    readonly_fields = ["from_stage", "to_stage", "by", "reason", "at"]
    can_delete = False


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    """Read-mostly: stages are changed through the pipeline service, which keeps the history."""

    list_display = ["title", "pole", "stage", "domain", "economic_model", "visibility", "created_at"]
    list_filter = ["stage", "domain", "economic_model", "visibility", "pole"]
    search_fields = ["title", "summary"]
    raw_id_fields = ["holder", "holder_structure", "commune", "pole"]
    readonly_fields = ["stage", "stage_changed_at", "supporters_count", "followers_count", "comments_count"]
    list_select_related = ["pole"]
    inlines = [StageChangeInline]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["project", "author", "created_at", "is_hidden"]
    list_filter = ["is_hidden"]
    raw_id_fields = ["project", "author"]


admin.site.register([SupportLogEntry, Referral])
