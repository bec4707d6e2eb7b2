"""A response schema restates its read model's fields, in order; one that does not fails as it
is defined, so the JSON cannot drift from what the reads give."""

from dataclasses import dataclass

import pytest
from ninja import Schema

from proficio.api.shapes import mirrors


@dataclass(frozen=True)
class Shape:
    id: int
    name: str


def test_a_schema_with_its_read_models_fields_is_kept() -> None:
    @mirrors(Shape, adds=("extra",))
    class ShapeOut(Schema):
        id: int
        name: str
        extra: int

    assert list(ShapeOut.model_fields) == ["id", "name", "extra"]


@pytest.mark.parametrize("names", [["id"], ["name", "id"], ["id", "name", "more"]])
def test_a_schema_missing_reordering_or_adding_fields_is_refused(names: list[str]) -> None:
    annotations = dict.fromkeys(names, int)
    with pytest.raises(TypeError, match=r"sends .*; Shape has \['id', 'name'\]"):
        mirrors(Shape)(type("ShapeOut", (Schema,), {"__annotations__": annotations}))
