"""`manage.py decrypt_organisations --key-file KEY`: the coalition export as CSV, offline.

privacy's `decrypt` with the coalition export's columns (organisation, website, status...)
and the contact's sealed fields; organisations added by a campaigner have no sealed contact.
Like `decrypt` it runs on the campaign's own computer with the private key, reads one JSON
line at a time (constant memory) and touches no database.
"""

from privacy.management.commands.decrypt import Command as DecryptCommand

COLUMNS = [
    "id",
    "name",
    "website",
    "country",
    "status",
    "language",
    "statement",
    "created_at",
    "email_confirmed_at",
    "reviewed_at",
    "contact_email",
    "contact_name",
]


class Command(DecryptCommand):
    help = "Decrypt an export_organisations file (JSON lines) into CSV. Offline."
    columns = COLUMNS
    personal = {"email": "contact_email", "name": "contact_name"}
    sealed_required = False  # organisations added by a campaigner have no sealed contact
    noun = "organisations"
