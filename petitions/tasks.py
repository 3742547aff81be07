"""Periodic jobs of the petition, run by `manage.py run_worker` (settings.PERIODIC_JOBS)."""

from petitions import services


def update_tallies() -> int:
    """Count newly confirmed signatures, batch after batch until none is left."""
    total = 0
    while added := services.tallies_update():
        total += added
    return total


def purge_unconfirmed() -> int:
    return services.signatures_purge_unconfirmed()
