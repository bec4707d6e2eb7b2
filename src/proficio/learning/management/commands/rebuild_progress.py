"""`proficio manage rebuild_progress`: rebuild skill states and progress rows from the log."""

from typing import Any

from django.core.management.base import BaseCommand

from proficio.learning.actions import rebuild_progress


class Command(BaseCommand):
    help = (
        "Rebuild every learner's skill levels and unit/course progress from the attempt log "
        "(replaying finished tasks in the order they finished). Events are left as they are."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        replayed = rebuild_progress()
        self.stdout.write(f"Rebuilt progress from {replayed} finished tasks.")
