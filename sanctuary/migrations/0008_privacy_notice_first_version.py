"""Publish the first privacy notice, so /privacy/ never stands empty.

The text is a starting point in plain words: the operator fills in the bracketed details (who
the controller is, how to reach them, the processors they use) and publishes a new version from
the admin. Retention periods are not written here: the page lists them from the settings.
"""

from django.db import migrations

FIRST_VERSION = """## Who is responsible for your information

[Name of the organisation that runs this platform], [postal address], [charity or company number] is the data controller: it decides why and how the information on this platform is used. Write to [privacy contact email address] with any question about your information. [Name of the data protection officer, or: we have not appointed a data protection officer; the address above reaches the person who looks after data protection.]

## What this notice covers

This platform is the online home of the City of Sanctuary network: local groups and the people who sign the charter, the Sanctuary Awards, the Local Authority Network, national campaigns, and the support given to people who go back to their country of origin after being refused sanctuary. This notice explains what each part holds about you, why, the law that allows it, who sees it, how long it is kept and what you can ask us to do.

## Your account

- What we hold: your email address, the name you chose to show, a one-way scrambled form of your password (never the password itself), your two-factor authentication settings (stored encrypted), when you joined and the roles you hold.
- Why: to let you sign in and use the parts of the platform that your roles open to you, and to keep accounts safe.
- Lawful basis: to provide the service you asked for (UK GDPR article 6(1)(b)); for security records, our legitimate interest in protecting the platform and the people on it (article 6(1)(f)).

## Signing the charter

- What we hold: your name, email address, town or postcode, region, the local group you chose and the choices you made about being contacted and named publicly.
- Why: to count your signature once you confirm your email address, and, only if you said yes, to let your local group get in touch or to show your name.
- Lawful basis: your consent (article 6(1)(a)). You can withdraw it at any time and your signature is then removed.

## Organisation pledges

- What we hold: the organisation's details and the name and email address of the person who signed for it.
- Why: to check and show the pledge and to contact the organisation about it.
- Lawful basis: our legitimate interest in running the network (article 6(1)(f)).

## Local groups

- What we hold: who belongs to which group and in what role, the group's activities, and messages sent through a group's contact form (the sender's name, email address and message).
- Why: so that groups can organise and people can reach them. Contact-form messages go to the group's leads; your address is used so they can reply, and the leads' addresses are never shown to you.
- Lawful basis: our legitimate interest in helping groups work (article 6(1)(f)).

## Sanctuary Awards and the Local Authority Network

- What we hold: the contact people of applying organisations and councils, their applications, the evidence they upload and the panel's reviews and decisions.
- Why: to assess applications, make and renew awards and memberships, and publish the lists of holders and members.
- Lawful basis: our legitimate interest in running the awards and the network (article 6(1)(f)).

## Campaigns

- What we hold: the campaign actions you log and how they went, photos you add, and, for a campaign pledge, your name, email address and town.
- Why: to show campaign totals, to ask you how an action went (you can turn these emails off) and to count your pledge once you confirm it.
- Lawful basis: your consent for pledges and follow-up emails (article 6(1)(a)); our legitimate interest for the actions you choose to log (article 6(1)(f)).

## Support for people returning to their country of origin

- What we hold: the most sensitive information on the platform: names, contact details, where someone is, their return plan, notes from check-ins and the people they are in touch with. Some of it may reveal racial or ethnic origin, political opinions, religious beliefs or health.
- Why: to keep in touch with people after they return and to act quickly if they may be in danger.
- Lawful basis: the person's explicit consent (articles 6(1)(a) and 9(2)(a)); where someone is in danger and cannot give consent, protecting their life (articles 6(1)(d) and 9(2)(c)). [The operator confirms these bases in its data protection impact assessment.]
- How it is protected: it is encrypted when stored, only the safeguarding coordinator and the guardians assigned to the person can see it, and every time anyone reads it the platform records who, what and when.

## Emails and technical records

- What we hold: a copy of each email the platform sends (so that none is lost or sent twice), a record of every change made through the platform and of every read of sensitive records, and the address your connection came from.
- Why: to deliver email reliably, to show who did what, and to protect the platform against misuse.
- Lawful basis: our legitimate interest in a secure and accountable service (article 6(1)(f)).

## Cookies

The platform sets only the cookies it needs to work: one that keeps you signed in and one that protects forms against forgery. There are no advertising or tracking cookies and no analytics.

## Who else sees your information

We never sell your information. It is seen by the people whose roles need it (for example, your group's leads if you agreed to be contacted, an award panel for an application), and it is processed for us by the companies that host the platform and deliver its email: [list of processors, for example the hosting provider and the email delivery service, and where they hold the data]. They act only on our instructions.

## How long we keep it

The table below this notice lists how long each kind of record is kept. It is read from the platform's settings, so it always shows what the platform actually does.

## Your rights

You can ask to see the information we hold about you, to correct it, to delete it, to limit how we use it, to object to our using it, and to receive it in a form you can take elsewhere. Where we rely on your consent you can withdraw it at any time, and doing so does not make what we did before unlawful. You can download your information and close your account from your account pages, or write to us at the address at the top of this notice. We answer within one month.

## Complaints

If you are unhappy with how we have used your information, please tell us first so we can put it right. You also have the right to complain to the Information Commissioner's Office (ICO), the UK's data protection regulator: online at https://ico.org.uk/make-a-complaint/, by telephone on 0303 123 1113, or by post to Information Commissioner's Office, Wycliffe House, Water Lane, Wilmslow, Cheshire SK9 5AF.

## Changes to this notice

When this notice changes we publish a new version with its date at the top of the page. Earlier versions are kept; ask us if you want to see one."""


def publish_first(apps, schema_editor):
    PrivacyNoticeVersion = apps.get_model("sanctuary", "PrivacyNoticeVersion")
    if not PrivacyNoticeVersion.objects.exists():
        PrivacyNoticeVersion.objects.create(
            number=1, text=FIRST_VERSION, summary_of_changes="First version, to be completed by the operator."
        )


class Migration(migrations.Migration):
    dependencies = [("sanctuary", "0007_privacy_notice")]

    operations = [migrations.RunPython(publish_first, migrations.RunPython.noop)]
