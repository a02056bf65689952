"""What ``lantern generate`` is asked for, and what is wrong with the asking.

Plain Python: no Django. A request is checked in full before anything is written: an unknown
scale, a size below one or a year range that is back to front or outside 2015 (the Modern Slavery
Act) to this year is refused with every problem named.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

FIRST_YEAR = 2015  # the Modern Slavery Act 2015; Lantern's records start with it

# About how many persons each scale holds. National holds the published volume (``volume.py``:
# about 26,000 persons a year by 2020) and is written by the bulk path, not the services.
PERSONS_PER_SCALE: dict[str, int | None] = {"demo": 300, "regional": 3_000, "national": None}
SERVICES_SCALES = ("demo", "regional")  # the services path is their default; --bulk takes any scale
DEFAULT_FROM_YEAR = 2019
NATIONAL_FROM_YEAR = FIRST_YEAR  # national scale starts with the Act, so 2019's live cases include older ones


def default_from_year(scale: str) -> int:
    """The first year a scale generates when ``--from`` is not given."""
    return NATIONAL_FROM_YEAR if scale == "national" else DEFAULT_FROM_YEAR


@dataclass(frozen=True, slots=True)
class GenerateRequest:
    """One run of the generator: the scale, the seed, the years and (optionally) the size."""

    scale: str
    seed: int
    from_year: int
    to_year: int
    persons: int | None = None

    @property
    def size(self) -> int | None:
        """How many persons to plan: ``persons`` when given, else the scale's size (None: the
        published national volume)."""
        return self.persons if self.persons is not None else PERSONS_PER_SCALE[self.scale]


def request_problems(request: GenerateRequest, *, this_year: int | None = None) -> list[str]:
    """Everything wrong with a request, in words the person running the command can act on."""
    current = this_year or date.today().year
    problems: list[str] = []
    if request.scale not in PERSONS_PER_SCALE:
        problems.append(f"Unknown scale {request.scale!r}: choose one of {', '.join(PERSONS_PER_SCALE)}.")
    if request.seed < 0:
        problems.append(f"The seed must be 0 or more, not {request.seed}.")
    if request.persons is not None and request.persons <= 0:
        problems.append(f"The number of persons must be at least 1, not {request.persons}.")
    if request.from_year > request.to_year:
        problems.append(f"The first year ({request.from_year}) is after the last ({request.to_year}).")
    for label, year in (("first", request.from_year), ("last", request.to_year)):
        if not FIRST_YEAR <= year <= current:
            problems.append(f"The {label} year must be between {FIRST_YEAR} and {current}, not {year}.")
    return problems


def services_path_problems(request: GenerateRequest) -> list[str]:
    """Why the services writer will not take this request (national scale is the bulk path's)."""
    if request.scale == "national":
        return ["National scale is written by the bulk path (lantern.synth.bulk): the services path "
                "takes --scale demo or regional (--persons changes the size, --bulk picks the bulk path)."]
    return []
