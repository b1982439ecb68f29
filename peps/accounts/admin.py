from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "display_name", "is_active", "is_superuser", "date_joined"]
    search_fields = ["email", "display_name", "first_name", "last_name"]
    raw_id_fields = ["commune"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (
            _("Profil"),
            {"fields": ["display_name", "first_name", "last_name", "commune", "skills", "offer", "bio", "phone"]},
        ),
        (_("Visibilité"), {"fields": ["profile_visibility", "email_visibility", "phone_visibility"]}),
        (_("Droits"), {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]
