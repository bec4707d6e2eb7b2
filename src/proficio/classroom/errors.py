"""What a teacher's or a learner's request to a class can run into: each face turns these into
its own reply."""

from proficio.content.api import ContentNotFound


class ClassNotFound(ContentNotFound):
    """A class, group, goal or assignment that does not exist or is not the caller's (404)."""


class NotAllowed(Exception):
    """The caller's role does not allow this (HTTP 403); the message says who may."""


class TeachersOnly(NotAllowed):
    """A learner of the class asked for something only its teachers may do or see (403)."""


class InvalidTeachingRequest(Exception):
    """A teacher's request that cannot be carried out as asked (HTTP 422); says why."""


class CourseNotInClass(InvalidTeachingRequest):
    """A request names a course the class does not take, or one the server does not have
    (HTTP 422): the class exists, so the request, not the address, is at fault."""
