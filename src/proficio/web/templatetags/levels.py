"""The level visual language (one colour, icon and word per level) and the mastery bar.

`{% load levels %}` then `{% level_badge level %}` (a Level or its slug) and
`{% mastery_bar bar %}` (a `standing.MasteryBar`) on any page, learner's or teacher's.
"""

from typing import Any

from django import template

from proficio.mastery import Level

register = template.Library()


def as_level(level: Level | str) -> Level:
    return level if isinstance(level, Level) else Level.from_slug(level)


@register.inclusion_tag("web/_level.html")
def level_badge(level: Level | str) -> dict[str, Any]:
    found = as_level(level)
    return {"slug": found.slug, "word": found.word}


@register.inclusion_tag("web/_level_icon.html")
def level_icon(level: Level | str) -> dict[str, Any]:
    return {"slug": as_level(level).slug}


@register.inclusion_tag("web/_mastery_bar.html")
def mastery_bar(bar: Any, label: str = "") -> dict[str, Any]:
    return {"bar": bar, "label": label}


@register.filter
def level_of(levels: dict[str, Level], skill: str) -> Level:
    """`levels|level_of:skill`: the learner's level on the skill (Not started if unknown)."""
    return levels.get(skill, Level.NOT_STARTED)
