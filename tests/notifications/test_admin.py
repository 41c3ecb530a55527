"""Staff can see each e-mail's state in the admin, filter it, and send failed ones again."""

import pytest
from django.core import mail

from notifications.models import EmailDelivery
from tests.notifications.conftest import notify_membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def failed_email(member):
    notify_membership(member)
    delivery = EmailDelivery.objects.get()
    EmailDelivery.objects.filter(pk=delivery.pk).update(
        state=EmailDelivery.State.GIVEN_UP, attempts=8, last_error="SMTPServerDisconnected: gone"
    )
    return delivery


def test_staff_filter_deliveries_by_state_and_see_the_last_error(client, admin_user, failed_email):
    client.force_login(admin_user)

    response = client.get("/admin/notifications/emaildelivery/?state__exact=given_up")

    html = response.content.decode()
    assert response.status_code == 200
    assert "SMTPServerDisconnected: gone" in html
    assert "Given up" in html
    assert client.get("/admin/notifications/notification/").status_code == 200


def test_staff_can_send_a_given_up_email_again(
    client, admin_user, failed_email, django_capture_on_commit_callbacks
):
    client.force_login(admin_user)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/admin/notifications/emaildelivery/",
            {"action": "retry_now", "_selected_action": [failed_email.pk]},
        )

    failed_email.refresh_from_db()
    assert failed_email.state == EmailDelivery.State.SENT
    assert len(mail.outbox) == 1
