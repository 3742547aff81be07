"""First-run set-up for development (`make run`), idempotent:
- a campaign key pair: the public key goes to var/campaign_public.key, the private key to
  var/campaign_private.key so a developer can try `manage.py decrypt` (production never has
  the private key on the server: see docs/privacy.md);
- a local admin account and a campaigner account ("Campaigner" group), whose passwords
  are printed once;
- the Stop Scanning Me content, loaded when the database has no campaign yet.
"""

import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand

from campaigns import services
from campaigns.models import Campaign
from privacy import crypto


class Command(BaseCommand):
    help = "Prepare a development database: keys, admin account, campaign content."

    def handle(self, *args: Any, **options: Any) -> None:
        public_path = settings.CAMPAIGN_PUBLIC_KEY_FILE
        if not settings.CAMPAIGN_PUBLIC_KEY and not public_path.exists():
            public, private = crypto.generate_keypair()
            public_path.parent.mkdir(parents=True, exist_ok=True)
            private_path = public_path.with_name("campaign_private.key")
            private_path.write_text(private + "\n")
            private_path.chmod(0o600)
            public_path.write_text(public + "\n")
            self.stdout.write(
                f"Generated a development campaign key pair in {public_path.parent}/ "
                "(the private key is for local testing of `manage.py decrypt` only)."
            )

        user_model = get_user_model()
        if not user_model.objects.filter(is_superuser=True).exists():
            password = secrets.token_urlsafe(12)
            user_model.objects.create_superuser("admin", "admin@localhost", password)
            self.stdout.write(
                self.style.SUCCESS(
                    "\nCreated the local admin account (shown only this once):\n"
                    f"  http://127.0.0.1:8000/admin/  user: admin  password: {password}\n"
                    "  (forgot it? `.venv/bin/python manage.py changepassword admin`)\n"
                )
            )

        services.campaigner_group_ensure()
        if not user_model.objects.filter(username="campaigner").exists():
            password = secrets.token_urlsafe(12)
            services.campaigner_create(
                username="campaigner", email="campaigner@localhost", password=password
            )
            self.stdout.write(
                self.style.SUCCESS(
                    "Created the local campaigner account (shown only this once):\n"
                    f"  user: campaigner  password: {password}\n"
                )
            )

        if not Campaign.objects.exists():
            call_command("load_campaign")
