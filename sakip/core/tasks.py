"""Background work of the shared mechanisms (django.tasks; `manage.py db_worker`, started by `make run`)."""

from django.tasks import task

from . import scheduler
from .exports import run
from .imports import run_background_preview


@task()
def preview_import(job_id: int) -> str:
    return run_background_preview(job_id).status


@task()
def run_export(job_id: int) -> str:
    return run(job_id).status


@task()
def run_scheduled(run_id: int) -> str:
    return scheduler.execute(run_id)
