from django.urls import path

from conversations import message_views, views

app_name = "conversations"

urlpatterns = [
    path("messages/", views.conversation_list, name="list"),
    path("messages/new/", views.conversation_new, name="new"),
    path("messages/settings/", views.message_settings, name="settings"),
    path("messages/<int:pk>/", views.conversation_detail, name="detail"),
    path("messages/<int:pk>/add/", views.add_participant, name="add-participant"),
    path("messages/<int:pk>/leave/", views.leave, name="leave"),
    path("messages/<int:pk>/report/<int:message_id>/", views.report_message, name="report-message"),
    path("messages/<int:pk>/m/<int:message_id>/", message_views.message_permalink, name="message"),
    path(
        "messages/<int:pk>/m/<int:message_id>/edit/",
        message_views.edit_message,
        name="edit-message",
    ),
    path(
        "messages/<int:pk>/m/<int:message_id>/history/",
        message_views.message_history,
        name="message-history",
    ),
    path(
        "messages/<int:pk>/m/<int:message_id>/redact/",
        message_views.redact_message,
        name="redact-message",
    ),
    path("messages/care/<int:notification_id>/reply/", message_views.care_reply, name="care-reply"),
    path("moderation/messages/", views.reported_messages, name="reported"),
    path("moderation/messages/<int:report_id>/close/", views.close_report, name="close-report"),
    path(
        "moderation/messages/<int:report_id>/redact/",
        message_views.redact_reported,
        name="redact-reported",
    ),
    path("messages/block/<int:member_id>/", views.block, name="block"),
    path("messages/unblock/<int:member_id>/", views.unblock, name="unblock"),
]
