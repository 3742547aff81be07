"""Periodic jobs of the petition, run by `manage.py run_worker` (core.jobs)."""

from petitions import services


def tallies_update() -> int:
    """Count newly confirmed signatures, batch after batch until none is left."""
    total = 0
    while added := services.tallies_update():
        total += added
    return total
