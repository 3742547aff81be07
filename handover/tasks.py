"""Background tasks of the hand-over, run by `manage.py run_worker`."""

from django_tasks import task

from handover import services


@task()
def signer_export_write(export_id: int) -> int:
    return services.signer_export_write(export_id=export_id)
