import pytest
from django.db import IntegrityError
from django.urls import reverse

from accounts.models import TrialRequest
from accounts.premium import default_trial_end, grant_premium_trial

URL = "/accounts/premium/request-trial/"


def test_the_request_trial_address_is_stable():
    assert reverse("accounts:request-trial") == URL


def test_a_member_asks_for_a_trial_and_returns_to_the_webinar(member_client, member):
    response = member_client.post(URL, {"next": "/webinars/living-with-copd/"}, follow=True)

    assert response.redirect_chain[0] == ("/webinars/living-with-copd/", 302)
    [trial_request] = TrialRequest.objects.all()
    assert (trial_request.member, trial_request.status) == (member, TrialRequest.Status.OPEN)


def test_asking_again_keeps_one_open_request(member_client, member):
    member_client.post(URL)
    response = member_client.post(URL, follow=True)

    assert TrialRequest.objects.filter(member=member).count() == 1
    assert "Your request is already with our staff" in response.text


def test_the_database_holds_one_open_request_per_member(member):
    TrialRequest.objects.create(member=member, status=TrialRequest.Status.DECLINED)
    TrialRequest.objects.create(member=member)

    with pytest.raises(IntegrityError):
        TrialRequest.objects.create(member=member)


def test_a_next_address_on_another_site_is_ignored(member_client):
    response = member_client.post(URL, {"next": "https://evil.example/phish"})

    assert response.status_code == 302
    assert response["Location"] == "/accounts/"


def test_a_premium_member_is_told_they_already_have_it(member_client, member, granter):
    grant_premium_trial(members=[member], ends_on=default_trial_end(), by=granter)

    response = member_client.post(URL, follow=True)

    assert not TrialRequest.objects.exists()
    assert "You already have Premium through" in response.text


def test_a_visitor_is_asked_to_log_in_and_then_sees_the_button(client, member, password):
    response = client.post(URL, {"next": "/webinars/living-with-copd/"})
    assert response.status_code == 302
    assert response["Location"] == (
        "/accounts/login/?next=/accounts/premium/request-trial/%3Fnext%3D%252Fwebinars"
        "%252Fliving-with-copd%252F"
    )
    assert not TrialRequest.objects.exists()

    client.force_login(member)
    page = client.get(URL + "?next=/webinars/living-with-copd/")
    assert "Request a premium trial</button>" in page.text
    assert 'name="next" value="/webinars/living-with-copd/"' in page.text
    assert not TrialRequest.objects.exists()  # a GET never writes


def test_the_request_needs_the_csrf_token(member):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(member)

    response = client.post(URL)

    assert response.status_code == 403
    assert not TrialRequest.objects.exists()
