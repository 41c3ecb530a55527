from django.urls import path

from safety import views

app_name = "safety"

urlpatterns = [
    path("p/<int:pk>/redact/", views.redact_post, name="redact-post"),
    path("moderation/care/<int:pk>/reach-out/", views.care_reach_out, name="care-reach-out"),
    path("moderation/care/<int:pk>/close/", views.care_close, name="care-close"),
]
