"""Writes for the coalition: organisations apply, confirm their address, are reviewed."""

import datetime as dt
import re

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify

from coalition.models import Organisation, OrganisationQuerySet
from core import optin
from outbox.services import mail_enqueue
from privacy import crypto, identity, network, tokens


@transaction.atomic
def organisation_apply(
    *,
    name: str,
    website: str,
    country: str,
    contact_email: str,
    contact_name: str,
    statement: str,
    logo: ContentFile | None,
    language: str,
) -> Organisation | None:
    """Store an application awaiting email confirmation and queue the confirmation mail.

    The mail goes to an address nobody has confirmed yet, so it carries nothing the applicant
    typed (a name of 200 characters with links would make it a relay for phishing): it says
    that someone applied, and its link shows the application on our own page. At most
    MAILS_PER_ADDRESS_PER_HOUR applications name one contact address; past that nothing is
    stored or sent (None), and the form answers the same.

    The contact's name and address are sealed to the campaign's public key (for the
    campaign's export, decrypted offline), and the address is also kept under the server's
    mailing key, like a subscriber's, for the mail that tells the organisation it was
    approved.
    """
    key = identity.email_hmac(identity.normalise_email(contact_email))
    if network.key_limited(
        key, scope="coalition-mail", limit=settings.MAILS_PER_ADDRESS_PER_HOUR, period=3600
    ):
        return None
    token, token_hash = tokens.new_token()
    organisation = Organisation(
        name=name,
        website=website,
        country=country,
        statement=statement,
        status=Organisation.Status.PENDING,
        contact_sealed=crypto.seal({"email": contact_email, "name": contact_name}),
        contact_address=crypto.mailing_encrypt(contact_email),
        language=language,
        confirmation_token_hash=token_hash,
        confirmation_expires_at=optin.expiry(),
    )
    if logo is not None:
        organisation.logo.save(logo.name, logo, save=False)
    organisation.save()
    mail_enqueue(
        template="coalition/mail/confirm",
        recipient=contact_email,
        language=language,
        context={
            "confirm_url": optin.absolute_url("coalition:confirm", token=token, language=language),
            "hours": settings.CONFIRMATION_TOKEN_HOURS,
        },
    )
    return organisation


@transaction.atomic
def organisation_confirm_email(*, token: str) -> Organisation | None:
    """Mark the application's address confirmed: it now awaits review. The link works once;
    None if it is unknown, used or expired."""
    pending = Organisation.objects.awaiting_confirmation().filter(
        confirmation_expires_at__gt=timezone.now()
    )
    organisation = optin.find(pending, token=token, field="confirmation_token_hash")
    if organisation is None:
        return None
    updated = Organisation.objects.filter(
        pk=organisation.pk, confirmation_token_hash=organisation.confirmation_token_hash
    ).update(email_confirmed_at=timezone.now(), confirmation_token_hash="")
    if not updated:
        return None
    organisation.refresh_from_db()
    return organisation


def organisations_review(*, organisations: OrganisationQuerySet, status: str) -> int:
    """Approve or reject: set the status and the review time. Approved organisations appear
    on the site (and count in N) at once."""
    if status not in (Organisation.Status.APPROVED, Organisation.Status.REJECTED):
        raise ValueError(f"not a review outcome: {status}")
    count = 0
    # One by one, through save(), so the site's page cache sees the change.
    for organisation in organisations:
        newly_approved = (
            status == Organisation.Status.APPROVED
            and organisation.status != Organisation.Status.APPROVED
        )
        with transaction.atomic():
            organisation.status = status
            organisation.reviewed_at = timezone.now()
            organisation.save(update_fields=["status", "reviewed_at"])
            if status == Organisation.Status.APPROVED:
                organisation_source_code_assign(organisation=organisation)
            if newly_approved:
                _mail_approved(organisation)
        count += 1
    return count


def _mail_approved(organisation: Organisation) -> None:
    """Tell a confirmed applicant, in the language it applied in, that it was approved. An
    organisation a campaigner added, or whose address was never confirmed, gets nothing."""
    if not organisation.contact_address or organisation.email_confirmed_at is None:
        return
    language = organisation.language or settings.LANGUAGE_CODE
    with translation.override(language):
        home = settings.SITE_URL + reverse("campaigns:home")
    mail_enqueue(
        template="coalition/mail/approved",
        recipient=crypto.mailing_decrypt(bytes(organisation.contact_address)),
        language=language,
        context={"name": organisation.name, "site_url_home": home},
    )


def organisations_purge_unconfirmed(*, now: dt.datetime | None = None) -> int:
    """Delete applications never confirmed within UNCONFIRMED_RETENTION_DAYS, logos too."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=settings.UNCONFIRMED_RETENTION_DAYS)
    count = 0
    for organisation in Organisation.objects.awaiting_confirmation().filter(created_at__lt=cutoff):
        if organisation.logo:
            organisation.logo.delete(save=False)
        organisation.delete()
        count += 1
    return count


SOURCE_CODE_MAX = 40


def source_code_suggest(*, name: str, taken: set[str], fallback: str = "partner") -> str:
    """A short source code for an organisation called `name`: its name as an ASCII slug (letters,
    digits, single hyphens) of
    at most SOURCE_CODE_MAX characters, with -2, -3, ... when another organisation has it
    (`taken`). A name with no Latin letters or digits gives `fallback`, numbered the same."""
    base = re.sub(r"[-_]+", "-", slugify(name))[:SOURCE_CODE_MAX].strip("-") or fallback
    code, number = base, 1
    while code in taken:
        number += 1
        suffix = f"-{number}"
        code = base[: SOURCE_CODE_MAX - len(suffix)].rstrip("-") + suffix
    return code


@transaction.atomic
def organisation_source_code_assign(*, organisation: Organisation) -> str:
    """Give an approved organisation its source code, if it has none yet (a campaigner's
    own choice is kept). Returns the code."""
    if organisation.source_code:
        return organisation.source_code
    others = Organisation.objects.exclude(source_code=None).exclude(pk=organisation.pk)
    taken = {code for code in others.values_list("source_code", flat=True) if code}
    code = source_code_suggest(
        name=organisation.name, taken=taken, fallback=f"partner-{organisation.pk}"
    )
    organisation.source_code = code
    organisation.save(update_fields=["source_code"])
    return code


def organisation_partner_link_renew(*, organisation: Organisation) -> str:
    """A new secret for the organisation's partner link (the old link stops working).
    Returns the secret: only its hash is stored, so it can be shown this once."""
    token, token_hash = tokens.new_token()
    organisation.partner_token_hash = token_hash
    organisation.save(update_fields=["partner_token_hash"])
    return token
