from django import template

from core import workers

register = template.Library()


@register.simple_tag
def worker_trouble() -> workers.WorkerTrouble:
    """No live worker, jobs failing turn after turn, failed tasks: for the admin's index."""
    return workers.worker_trouble()
