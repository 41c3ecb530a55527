"""Crisis resources in the reader's language (issue 19): staff keep each resource's wording
per language in the admin; a resource nobody translated yet shows in English, with a note
saying so, rather than not at all."""

from django.urls import reverse

from community.models import Post
from safety.models import CrisisResource, CrisisResourceTranslation


def _draft_reply(client, thread, body: str, language: str):
    url = reverse("community:thread-reply", args=[thread.pk, thread.slug])
    return client.post(url, {"body": body}, HTTP_ACCEPT_LANGUAGE=language)


def test_a_spanish_speaking_member_sees_the_panel_and_resources_in_spanish(client, member, thread):
    client.force_login(member)
    response = _draft_reply(client, thread, "Algunas noches quiero morir. ¿Es normal?", "es")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Antes de publicar: no tiene que pasar por esto a solas" in html
    assert "Servicios de emergencia" in html
    assert "Línea 988 de Prevención del Suicidio y Crisis" in html
    assert "Para hablar en español, marque 2." in html
    assert 'href="tel:988"' in html and 'href="tel:911"' in html  # the English numbers
    assert "Publicar de todos modos" in html
    assert "Suicide &amp; Crisis Lifeline" not in html
    assert "solo está descrito en inglés" not in html
    assert "Algunas noches quiero morir. ¿Es normal?" in html  # nothing lost
    assert not Post.objects.filter(thread=thread, position=2).exists()


def test_a_resource_without_spanish_shows_in_english_with_a_note(client, member, thread):
    CrisisResource.objects.create(
        name="Caregivers' support line", phone="555-0199", text="Evenings, for caregivers."
    )
    client.force_login(member)
    html = _draft_reply(client, thread, "I want to die", "es").content.decode()
    assert '<li lang="en"><strong>Caregivers&#x27; support line</strong>' in html
    assert "Evenings, for caregivers." in html
    assert "(Por ahora, este recurso solo está descrito en inglés.)" in html
    assert html.count("solo está descrito en inglés") == 1  # the others are in Spanish


def test_an_english_reader_sees_the_english_wording_without_a_note(client, member, thread):
    client.force_login(member)
    html = _draft_reply(client, thread, "quiero morir", "en").content.decode()
    assert "Before you post: you are not alone" in html
    assert "Emergency services" in html and "Servicios de emergencia" not in html
    assert "described in English only" not in html


def test_a_spanish_wording_may_give_its_own_number(client, member, thread):
    nurse = CrisisResource.objects.get(name="Our hospital's nurse line")
    CrisisResourceTranslation.objects.filter(resource=nurse, language="es").update(
        phone="555-0143 (en español)"
    )
    client.force_login(member)
    html = _draft_reply(client, thread, "tengo dolor en el pecho", "es").content.decode()
    assert '<a href="tel:5550143">555-0143 (en español)</a>' in html


def test_staff_add_a_resources_wording_in_spanish_in_the_admin(client, admin_user):
    resource = CrisisResource.objects.create(name="Poison control", phone="1-800-222-1222")
    client.force_login(admin_user)
    url = reverse("admin:safety_crisisresource_change", args=[resource.pk])
    page = client.get(url).content.decode()
    assert 'name="translations-0-language"' in page
    form = {
        "name": "Poison control",
        "phone": "1-800-222-1222",
        "text": "",
        "position": "0",
        "is_active": "on",
        "translations-TOTAL_FORMS": "1",
        "translations-INITIAL_FORMS": "0",
        "translations-MIN_NUM_FORMS": "0",
        "translations-MAX_NUM_FORMS": "1000",
        "translations-0-language": "es",
        "translations-0-name": "Centro de toxicología",
        "translations-0-phone": "",
        "translations-0-text": "Si alguien tragó algo peligroso.",
    }
    assert client.post(url, form).status_code == 302
    wording = resource.translations.get()
    assert (wording.language, wording.name) == ("es", "Centro de toxicología")
