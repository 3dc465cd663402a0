"""English and Welsh (issue 19): the same pages at the same English URLs, Welsh under /cy/, a
chooser that needs no script, the account's language for emails, sign-in and issued PDFs."""

from __future__ import annotations

import io
import re

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from returnees import services as returnees
from sanctuary.models import AuditEvent, OutboundEmail
from sanctuary.notifications import email_queue
from tests.factories import TEST_PASSWORD, UserFactory, make_staff
from tests.returnees.factories import guardian_of, monitored_case

pytestmark = pytest.mark.django_db

SKIP_LINK = {"en-gb": "Skip to main content", "cy": "Neidio i\u2019r prif gynnwys"}


def _html_lang(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


def _chooser(response) -> str:
    return re.search(
        r"<ul class=\"[^\"]*language-chooser[^\"]*\"[^>]*>.*?</ul>", response.content.decode(), re.S
    ).group(0)


@pytest.mark.parametrize(
    "name,english",
    [
        ("home", "/"),
        ("groups:directory", "/groups/"),
        ("account_login", "/accounts/login/"),
        ("privacy", "/privacy/"),
    ],
)
def test_english_pages_keep_their_urls_and_welsh_ones_are_under_cy(client, name, english):
    assert reverse(name) == english
    with translation.override("cy"):
        assert reverse(name) == "/cy" + english
    response = client.get(english)
    assert response.status_code == 200 and _html_lang(response) == "en-gb"
    assert SKIP_LINK["en-gb"] in response.content.decode()
    welsh = client.get("/cy" + english)
    assert welsh.status_code == 200 and _html_lang(welsh) == "cy"
    assert SKIP_LINK["cy"] in welsh.content.decode()
    assert welsh["Content-Language"] == "cy"


def test_allauths_pages_are_in_welsh_too(client):
    """allauth ships no Welsh; locale_vendor/ carries it."""
    page = client.get("/cy/accounts/login/").content.decode()
    assert "Cyfrinair" in page and "Wedi anghofio eich cyfrinair?" in page
    assert "Forgot your password?" not in page
    assert "Forgot your password?" in client.get("/accounts/login/").content.decode()


def test_files_and_machine_addresses_have_one_url(client):
    for path in ("/healthz", "/robots.txt", "/sitemap.xml", "/.well-known/security.txt"):
        assert client.get("/cy" + path).status_code == 404, path
    assert reverse("open_data_package") == "/data/datapackage.json"


def test_a_visitor_switches_language_with_a_plain_link_to_the_same_page(client):
    english = client.get("/groups/?q=Riverton")
    chooser = _chooser(english)
    assert "<form" not in chooser  # nothing to post, no cookie, no script
    assert 'href="/cy/groups/?q=Riverton"' in chooser
    assert 'hreflang="cy"' in chooser and 'lang="cy"' in chooser and ">Cymraeg<" in chooser
    welsh = client.get("/cy/groups/?q=Riverton")
    back = _chooser(welsh)
    assert 'href="/groups/?q=Riverton"' in back
    assert 'hreflang="en-gb"' in back and 'lang="en-gb"' in back and ">English<" in back
    assert "django_language" not in client.cookies


def test_a_page_that_is_not_there_offers_the_other_languages_home(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert 'href="/cy/"' in _chooser(response)


def test_a_signed_in_persons_switch_is_a_form_that_remembers_the_choice(client):
    person = UserFactory()
    client.force_login(person)
    chooser = _chooser(client.get("/groups/"))
    assert 'action="/account/language/"' in chooser and 'name="next" value="/groups/"' in chooser
    assert 'lang="cy"' in chooser and "Cymraeg" in chooser
    response = client.post("/account/language/", {"language": "cy", "next": "/groups/"})
    assert response.status_code == 302 and response["Location"] == "/cy/groups/"
    person.refresh_from_db()
    assert person.preferred_language == "cy"
    assert AuditEvent.objects.filter(action="sanctuary.language_preference_set", actor=person).exists()
    # And back to English from a Welsh page.
    response = client.post("/cy/account/language/", {"language": "en-gb", "next": "/cy/groups/"})
    assert response["Location"] == "/groups/"
    person.refresh_from_db()
    assert person.preferred_language == "en-gb"


def test_the_language_page_refuses_an_unknown_language_and_another_sites_address(client):
    person = UserFactory()
    client.force_login(person)
    page = client.get("/account/language/")
    assert page.status_code == 200 and 'value="cy"' in page.content.decode()
    refused = client.post("/account/language/", {"language": "fr"})
    assert refused.status_code == 200 and "Choose a language." in refused.content.decode()
    person.refresh_from_db()
    assert person.preferred_language == "en-gb"
    away = client.post("/account/language/", {"language": "cy", "next": "https://evil.example/"})
    assert away["Location"] == "/cy/account/language/"


def test_signing_in_takes_a_welsh_speaker_to_welsh_pages(client):
    person = UserFactory(preferred_language="cy")
    response = client.post(
        "/accounts/login/?next=/groups/", {"login": person.email, "password": TEST_PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == "/cy/groups/"


def test_signing_up_on_a_welsh_page_makes_welsh_the_accounts_language(client):
    client.post(
        "/cy/accounts/signup/",
        {
            "email": "newydd@example.org",
            "display_name": "Newydd",
            "password1": TEST_PASSWORD,
            "password2": TEST_PASSWORD,
        },
    )
    from sanctuary.models import User

    assert User.objects.get(email="newydd@example.org").preferred_language == "cy"


def test_a_staff_member_without_a_second_factor_can_set_one_up_in_welsh(client):
    guardian = make_staff("guardian", with_mfa=False)
    client.force_login(guardian)
    response = client.get("/cy/groups/")
    assert response.status_code == 302 and response["Location"] == "/cy/accounts/2fa/totp/activate/"
    # Not sent round again: on to confirm the password (as in English), then the set-up page.
    setup = client.get(response["Location"])
    assert setup["Location"].startswith("/cy/accounts/reauthenticate/")
    assert client.get(setup["Location"]).status_code == 200


def test_an_email_is_written_in_each_recipients_language(mailoutbox):
    welsh = UserFactory(preferred_language="cy")
    english = UserFactory()
    reset = "http://127.0.0.1:8000/accounts/password/reset/"
    from django.conf import settings

    reset = settings.SITE_URL + "/accounts/password/reset/"
    email_queue(
        template="sanctuary/emails/failed_logins",
        to=[welsh.email, english.email, "nobody-has-this@example.org"],
        context={"attempts": 5, "minutes": 60, "reset_url": reset, "security_url": reset},
    )
    by_address = {email.to: email for email in OutboundEmail.objects.all()}
    cy, en, unknown = (
        by_address[welsh.email],
        by_address[english.email],
        by_address["nobody-has-this@example.org"],
    )
    assert en.subject == "Someone has been trying to sign in to your account"
    assert cy.subject == "Mae rhywun wedi bod yn ceisio mewngofnodi i\u2019ch cyfrif"
    assert unknown.subject == en.subject  # no account: the language of the page that sent it
    # Links lead to the page in the email's language.
    assert settings.SITE_URL + "/cy/accounts/password/reset/" in cy.body_text
    assert settings.SITE_URL + "/cy/" not in en.body_text
    assert '<html lang="cy">' in cy.body_html and '<html lang="en-gb">' in en.body_html


def test_a_return_plan_written_by_a_welsh_speaker_is_a_welsh_pdf():
    case = monitored_case()
    author = guardian_of(case)
    author.preferred_language = "cy"
    author.save(update_fields=["preferred_language"])
    plan = returnees.plan_version_create(actor=author, case=case, sections={"travel": "Bws"})
    reader = PdfReader(io.BytesIO(returnees.plan_pdf(plan=plan)))
    assert reader.trailer["/Root"]["/Lang"] == "cy"
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Cynllun dychwelyd" in text


def test_a_return_plan_written_in_english_stays_english():
    case = monitored_case()
    author = guardian_of(case)
    plan = returnees.plan_version_create(actor=author, case=case, sections={"travel": "Bus"})
    with translation.override("cy"):  # whoever downloads it first
        reader = PdfReader(io.BytesIO(returnees.plan_pdf(plan=plan)))
    assert reader.trailer["/Root"]["/Lang"] == "en-gb"


def test_allauths_emails_follow_the_recipients_language_too(client):
    welsh = UserFactory(preferred_language="cy")
    english = UserFactory()
    for person in (welsh, english):
        client.post("/accounts/password/reset/", {"email": person.email})  # from the English page
    subjects = dict(OutboundEmail.objects.values_list("to", "subject"))
    assert subjects[english.email] == "[City of Sanctuary] Password Reset Email"
    assert subjects[welsh.email] == "[City of Sanctuary] E-bost ailosod cyfrinair"
    reset = OutboundEmail.objects.get(to=welsh.email).body_text
    assert "/cy/accounts/password/reset/key/" in reset


def test_a_persons_data_shows_their_language(client):
    person = UserFactory(preferred_language="cy")
    client.force_login(person)
    assert "Welsh" in client.get("/account/my-data/").content.decode()


def test_the_sitemap_lists_each_page_in_both_languages(client):
    from django.conf import settings

    xml = client.get("/sitemap.xml").content.decode()
    assert f"<loc>{settings.SITE_URL}/privacy/</loc>" in xml
    assert f"<loc>{settings.SITE_URL}/cy/privacy/</loc>" in xml
    assert f'hreflang="cy" href="{settings.SITE_URL}/cy/privacy/"' in xml
