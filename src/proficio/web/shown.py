"""A read model shown with what a page adds to it, for a template to read as one row."""

from dataclasses import fields
from typing import Any


def shown_with(view: Any, **more: Any) -> dict[str, Any]:
    """The frozen dataclass's fields as a template reads them, with what the page adds.

    Only the top level is copied: a template reads the attributes of what it holds.
    """
    return {field.name: getattr(view, field.name) for field in fields(view)} | more
