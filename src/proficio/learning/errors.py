"""What a learner's request can run into: each face turns these into its own reply."""

from proficio.content.api import ContentNotFound


class NotFound(ContentNotFound):
    """A task, skill, quiz… that does not exist, or is not the caller's (HTTP 404)."""


class TaskConflict(Exception):
    """The request does not fit the task's state (HTTP 409); the message says why."""


class QuestionUnavailable(TaskConflict):
    """A stored question that neither its generator nor a stand-in seed can make (HTTP 409)."""


class InvalidAnswer(Exception):
    """The request cannot be read (HTTP 422); the message says what was expected."""
