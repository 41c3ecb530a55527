from django.urls import path

from moderation import views

app_name = "moderation"


def _post_action(action: str):
    return path(
        f"moderation/posts/<int:pk>/{action}/",
        views.post_action,
        {"action": action},
        name=f"post-{action}",
    )


def _thread_action(action: str):
    return path(
        f"moderation/threads/<int:pk>/{action}/",
        views.thread_action,
        {"action": action},
        name=f"thread-{action}",
    )


urlpatterns = [
    path("p/<int:pk>/flag/", views.flag_post, name="flag-post"),
    path("moderation/", views.queue, name="queue"),
    path("moderation/standing/", views.standing, name="standing"),
    path("moderation/log/", views.audit_log, name="log"),
    path("moderation/posts/<int:pk>/", views.review_post, name="post-review"),
    *[_post_action(action) for action in views.POST_ACTIONS],
    path("moderation/posts/<int:pk>/edit/", views.edit_post, name="post-edit"),
    *[_thread_action(action) for action in views.THREAD_ACTIONS],
    path("moderation/threads/<int:pk>/move/", views.move_thread, name="thread-move"),
    path("moderation/members/<str:handle>/", views.member, name="member"),
    path("moderation/members/<str:handle>/warn/", views.warn_member, name="member-warn"),
    path("moderation/members/<str:handle>/suspend/", views.suspend_member, name="member-suspend"),
    path("moderation/members/<str:handle>/lift/", views.lift_suspension, name="member-lift"),
]
