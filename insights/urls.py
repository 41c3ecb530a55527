from django.urls import path

from insights import views

app_name = "insights"

urlpatterns = [
    path("staff/insights/", views.insights, name="page"),
    path("staff/insights/summary/", views.summary_subscription, name="subscription"),
]
