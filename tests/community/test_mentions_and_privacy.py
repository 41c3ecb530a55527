import pytest
from django.urls import reverse

from community import services
from community.mentions import find_handles
from community.models import Mention, Post
from community.privacy import contact_details_in
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_mentions_of_members_become_profile_links_whatever_the_case(thread, member):
    walt = MemberFactory(handle="mentor_walt")
    post = services.create_reply(
        thread=thread, author=member, body="Thanks @Mentor_Walt and @nobody_here!"
    )
    assert '<a class="mention" href="/u/mentor_walt/"' in post.body_html
    assert ">@mentor_walt</a>" in post.body_html
    assert "@nobody_here" in post.body_html and "/u/nobody_here/" not in post.body_html
    assert list(Mention.objects.filter(post=post).values_list("member", flat=True)) == [walt.pk]


def test_email_addresses_code_and_own_handle_are_not_mentions(thread, member):
    MemberFactory(handle="walt")
    post = services.create_reply(
        thread=thread, author=member, body="Write to rosa@walt.org, try `@walt`, and hi @june"
    )
    assert "/u/walt/" not in post.body_html
    assert "<code>@walt</code>" in post.body_html
    assert '<a class="mention" href="/u/june/"' in post.body_html
    assert not Mention.objects.filter(post=post).exists()  # mentioning yourself stores nothing


def test_editing_updates_the_stored_mentions(thread, member):
    MemberFactory(handle="first_one")
    second = MemberFactory(handle="second_one")
    post = services.create_reply(thread=thread, author=member, body="Hi @first_one")
    services.edit_post(post=post, editor=member, body="Hi @second_one")
    assert list(post.mentions.values_list("member", flat=True)) == [second.pk]


def test_find_handles_reads_like_a_person_would():
    assert find_handles("@sam_k, @June! (@theo) a@b.org x/@no") == {"sam_k", "june", "theo"}


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Call me on (312) 555-0199 any time", "a phone number"),
        ("my mobile is +44 20 7946 0958", "a phone number"),
        ("ring 312.555.0199", "a phone number"),
        ("email me at june.b+forum@example.com", "an e-mail address"),
        ("We live at 42 Maple Street, come by", "a street address"),
        ("the clinic on 1200 West Harrison St. is nice", "a street address"),
    ],
)
def test_privacy_nudge_spots_contact_details(text, kind):
    assert kind in contact_details_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "I walked 3 times down the road today",
        "My appointment is on 2026-11-25 at 10:30",
        "I take 500 mg twice a day, 2 tablets",
        "Thanks @june_b!",
    ],
)
def test_privacy_nudge_stays_quiet_for_ordinary_words(text):
    assert contact_details_in(text) == []


def test_a_reply_with_a_phone_number_asks_for_confirmation_first(member_client, thread):
    url = reverse("community:thread-reply", args=[thread.pk, thread.slug])
    body = "You can call me on 312-555-0199."
    response = member_client.post(url, {"body": body})
    page = response.content.decode()
    assert "You are about to share personal contact details publicly" in page
    assert body in page and 'name="confirm_contact_details"' in page
    assert Post.objects.count() == 1
    member_client.post(url, {"body": body, "confirm_contact_details": "on"})
    assert Post.objects.filter(body_markdown=body).exists()


def test_a_new_thread_with_an_address_in_the_title_is_nudged_too(member_client, group):
    response = member_client.post(
        "/groups/transplants/new/", {"title": "Meet at 42 Maple Street", "body": "Tuesday?"}
    )
    assert "contact details publicly" in response.content.decode()
