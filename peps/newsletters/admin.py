from django.contrib import admin

from .models import Delivery, Newsletter, Subscription


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "pole", "source", "consented_at", "unsubscribed_at"]
    list_filter = ["pole", "source"]
    raw_id_fields = ["user"]
    search_fields = ["email", "user__email"]


@admin.register(Newsletter)
class NewsletterAdmin(admin.ModelAdmin):
    list_display = ["subject", "pole", "status", "sent_at", "recipients_count"]
    list_filter = ["pole", "status"]
    raw_id_fields = ["created_by", "sent_by"]


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["address", "newsletter", "status", "sent_at"]
    list_filter = ["status"]
    raw_id_fields = ["newsletter", "subscription"]
