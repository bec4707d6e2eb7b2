"""What content announces to the apps built on it (learning refreshes learners' progress)."""

from django.dispatch import Signal

# Sent inside the transaction that imports a pack, after the course's rows are written, with
# keyword arguments `course` (the imported Course) and `at` (when it was imported). Not sent
# when the pack was already imported and nothing was written.
course_imported = Signal()
