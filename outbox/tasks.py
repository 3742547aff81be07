from django_tasks import task

from outbox import services


@task()
def mail_deliver(mail_id: int) -> bool:
    return services.mail_deliver(mail_id=mail_id)
