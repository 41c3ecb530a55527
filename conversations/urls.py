from django.urls import path

from conversations import views

app_name = "conversations"

urlpatterns = [
    path("messages/", views.conversation_list, name="list"),
    path("messages/new/", views.conversation_new, name="new"),
    path("messages/settings/", views.message_settings, name="settings"),
    path("messages/<int:pk>/", views.conversation_detail, name="detail"),
    path("messages/<int:pk>/add/", views.add_participant, name="add-participant"),
    path("messages/<int:pk>/leave/", views.leave, name="leave"),
    path("messages/<int:pk>/report/<int:message_id>/", views.report_message, name="report-message"),
    path("moderation/messages/", views.reported_messages, name="reported"),
    path("moderation/messages/<int:report_id>/close/", views.close_report, name="close-report"),
    path("messages/block/<int:member_id>/", views.block, name="block"),
    path("messages/unblock/<int:member_id>/", views.unblock, name="unblock"),
]
