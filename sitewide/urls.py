from django.urls import path

from sitewide import views

app_name = "sitewide"

urlpatterns = [
    path("", views.home, name="home"),
]
