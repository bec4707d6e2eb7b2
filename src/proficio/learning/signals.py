"""What learning announces to the apps built on it (classroom reacts to finished tasks)."""

from django.dispatch import Signal

# Sent inside the transaction that finishes a task, after the learner's progress rows are
# current, with keyword arguments `task` (the finished Task) and `at` (when it finished).
task_finished = Signal()
