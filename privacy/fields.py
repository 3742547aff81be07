"""Model fields of the privacy layer."""

from django.db import models


class MailingAddressField(models.BinaryField):
    """An email address encrypted with the mailing key (privacy.crypto.mailing_encrypt).

    The field stores the encrypted bytes only; services encrypt and decrypt explicitly, so no
    query or admin page ever opens an address by accident. `manage.py rotate_mailing_key`
    finds every field of this class in every model and re-encrypts it."""
