"""Response schemas that send an app's read models: each has the model's fields, in its order.

django-ninja fills a schema from any object's attributes, so a view returns the frozen
dataclass a read gives, and its schema restates the fields for the OpenAPI document. `mirrors`
checks, as the schema is defined, that it restates them all, in order, and no others, so the
JSON cannot drift from the read model.

The schemas are written out rather than made from the dataclasses at run time, as mypy cannot
take such a class as a type (`list[GoalOut]`). Nor is the dataclass itself the response type:
the OpenAPI document would lose its schemas' names, and a whole number in a `float` field
would go out as `0` where a schema sends `0.0`.
"""

from collections.abc import Callable, Sequence
from dataclasses import fields
from typing import Any, TypeVar

from ninja import Schema

S = TypeVar("S", bound=Schema)


def mirrors(shape: type[Any], *, adds: Sequence[str] = ()) -> Callable[[type[S]], type[S]]:
    """Check that the schema has the fields of `shape`, in its order, then those it `adds`."""

    def check(schema: type[S]) -> type[S]:
        sent = list(schema.model_fields)
        expected = [field.name for field in fields(shape)] + list(adds)
        if sent != expected:
            raise TypeError(f"{schema.__name__} sends {sent}; {shape.__name__} has {expected}.")
        return schema

    return check
