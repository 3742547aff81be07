"""The privacy layer's own tables: rate-limit counts and the day's pseudonym key. Neither
holds an address: counts are stored under a keyed pseudonym, and the key is random."""

from django.db import models


class RateCount(models.Model):
    """Hits of one scope from one pseudonym in one fixed window, when no Redis is configured
    (the single-server set-up). Incremented with one atomic upsert (privacy.network); rows
    past `expires_at` (Unix seconds) are deleted by the hourly purge."""

    name = models.CharField(max_length=120, primary_key=True)
    hits = models.PositiveIntegerField(default=0)
    expires_at = models.BigIntegerField(db_index=True)

    def __str__(self) -> str:
        return self.name


class PseudonymKey(models.Model):
    """A random key for one UTC day, mixed into every source pseudonym of that day. It is
    deleted once its day is over, so no pseudonym stored that day (a signature's source) can
    be turned back into an address afterwards, not even with RATE_LIMIT_KEY."""

    day = models.CharField(max_length=8, primary_key=True)
    key = models.BinaryField()

    def __str__(self) -> str:
        return self.day
