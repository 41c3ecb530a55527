from django.urls import path

from notifications import views

app_name = "notifications"

urlpatterns = [
    path("notifications/", views.inbox, name="inbox"),
    path("notifications/read-all/", views.mark_all_read, name="mark-all-read"),
    path("notifications/<int:pk>/", views.open_notification, name="open"),
    path("notifications/settings/", views.preferences, name="settings"),
    path("notifications/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("notifications/mute/thread/<int:thread_id>/", views.mute_thread, name="mute-thread"),
    path("notifications/unmute/thread/<int:thread_id>/", views.unmute_thread, name="unmute-thread"),
    path("notifications/mute/member/<int:member_id>/", views.mute_member, name="mute-member"),
    path("notifications/unmute/member/<int:member_id>/", views.unmute_member, name="unmute-member"),
]
