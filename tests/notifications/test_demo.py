import pytest

from accounts import demo as accounts_demo
from community.models import Group, Thread
from notifications import demo
from notifications.models import EmailDelivery, Notification
from tests.notifications.conftest import write_post

pytestmark = pytest.mark.django_db


def test_demo_notifications_are_true_and_loading_twice_changes_nothing():
    members = accounts_demo.load()
    june, sam = members["june_b"], members["sam_k"]
    group = Group.objects.create(name="Caregivers", slug="caregivers")
    thread = Thread.objects.create(group=group, title="Night care", slug="night", author=june)
    first = write_post(thread=thread, author=june, body="How do you cope?")
    write_post(thread=thread, author=sam, body="A humidifier.", reply_to=first)

    demo.load(members)
    demo.load(members)

    texts = sorted(n.line for n in Notification.objects.filter(recipient=june))
    assert len(texts) == 3
    assert "Sam quoted you in “Night care”" in texts


@pytest.mark.django_db(transaction=True)
def test_loading_the_demo_through_the_posting_services_sends_no_mail():
    from django.core import mail
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)

    assert mail.outbox == []
    assert not EmailDelivery.objects.exists()
    # Only the demo inbox notifications.demo writes for June, none made by the demo posts.
    assert set(Notification.objects.values_list("recipient__handle", flat=True)) == {"june_b"}
