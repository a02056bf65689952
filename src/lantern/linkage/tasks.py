"""Background work for the linkage room (the Django Tasks API): a national run."""

from __future__ import annotations

from django_tasks import task

from lantern.linkage import services


@task()
def link_run(run_id: int) -> int:
    """Carry out a queued linkage run; its progress is kept on the run as it works."""
    return services.run_execute(run_id=run_id).matches
