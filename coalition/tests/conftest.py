import pytest
from django.core import mail

from core.formguard import TOKEN_FIELD, issue_token


@pytest.fixture
def form_post(client):
    """POST a public form as our own page would: with a fresh form token."""

    def post(url, data=None, **extra):
        return client.post(url, {TOKEN_FIELD: issue_token(), **(data or {})}, **extra)

    return post


@pytest.fixture
def outbox():
    mail.outbox.clear()
    return mail.outbox
