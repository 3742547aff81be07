"""Periodic jobs of the petition, run by `manage.py run_worker` (core.jobs)."""

from petitions import services


def tallies_update() -> int:
    """The counting job: new signatures into the per-day aggregate's `signed`, newly
    confirmed ones into the tallies and the aggregate's `confirmed`, batch after batch until
    none is left; then the dashboard's pending, suspect and invalidated totals (at most once
    a minute). Returns how many confirmed signatures it counted. Its first run on a database
    without the aggregate builds it from the signatures table."""
    while services.daily_signed_update():
        pass
    total = 0
    while added := services.tallies_update():
        total += added
    services.signature_counts_refresh()
    return total
