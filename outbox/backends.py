"""Development mail backend: every message is written to OUTBOX_EML_DIR as one .eml file,
so a person can open it in a mail program (or a text editor) and click its links. If
EMAIL_RELAY_BACKEND is set, messages are also handed to it (e.g. SMTP)."""

import uuid
from pathlib import Path

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone


class EmlFolderBackend(BaseEmailBackend):
    def send_messages(self, email_messages):  # type: ignore[no-untyped-def]
        folder = Path(settings.OUTBOX_EML_DIR)
        folder.mkdir(parents=True, exist_ok=True)
        for message in email_messages:
            name = f"{timezone.now():%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:8]}.eml"
            (folder / name).write_bytes(message.message().as_bytes())
        relay = settings.EMAIL_RELAY_BACKEND
        if relay:
            get_connection(relay, fail_silently=self.fail_silently).send_messages(email_messages)
        return len(email_messages)
