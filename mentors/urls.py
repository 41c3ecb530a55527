from django.urls import path

from mentors import views

app_name = "mentors"

urlpatterns = [
    path("mentors/", views.queue, name="queue"),
    path("mentors/<int:thread_id>/claim/", views.claim, name="claim"),
    path("mentors/<int:thread_id>/release/", views.release, name="release"),
]
