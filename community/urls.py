from django.urls import path

from community import views

app_name = "community"

urlpatterns = [
    path("groups/", views.group_list, name="group-list"),
    path("groups/<slug:slug>/", views.group_detail, name="group-detail"),
    path("groups/<slug:slug>/new/", views.thread_create, name="thread-create"),
    path("groups/<slug:slug>/follow/", views.group_follow, name="group-follow"),
    path("groups/<slug:slug>/draft/", views.group_draft, name="group-draft"),
    path("t/<int:pk>/", views.thread_detail, {"slug": ""}, name="thread-short"),
    path("t/<int:pk>/<str:slug>/", views.thread_detail, name="thread-detail"),
    path("t/<int:pk>/<str:slug>/reply/", views.thread_reply, name="thread-reply"),
    path("t/<int:pk>/<str:slug>/follow/", views.thread_follow, name="thread-follow"),
    path("t/<int:pk>/<str:slug>/draft/", views.thread_draft, name="thread-draft"),
    path("t/<int:pk>/<str:slug>/unread/", views.thread_unread, name="thread-unread"),
    path("p/<int:pk>/", views.post_permalink, name="post-permalink"),
    path("p/<int:pk>/edit/", views.post_edit, name="post-edit"),
    path("p/<int:pk>/delete/", views.post_delete, name="post-delete"),
    path("p/<int:pk>/history/", views.post_history, name="post-history"),
    path("p/<int:pk>/react/", views.post_react, name="post-react"),
    path("search/", views.search, name="search"),
]
