from dataclasses import dataclass

import pytest

from factcheck._attributes import attributes


@dataclass
class _Point:
    x: int
    y: int

    @property
    def total(self) -> int:
        return self.x + self.y


def test_attributes_keep_the_order_named_and_read_properties() -> None:
    got = attributes(_Point(1, 2), "total", "y", "x")
    assert got == {"total": 3, "y": 2, "x": 1}
    assert list(got) == ["total", "y", "x"]


def test_attributes_of_an_unknown_name_raise() -> None:
    with pytest.raises(AttributeError):
        attributes(_Point(1, 2), "z")
