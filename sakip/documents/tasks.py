"""Background generation of heavy documents (django.tasks; the database backend and
`manage.py db_worker`, started by `make run`)."""

from django.tasks import task

from .services import run_job


@task()
def generate_document(job_id: int) -> int | None:
    job = run_job(job_id)
    return job.document_id
