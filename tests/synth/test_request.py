"""The generate request: what is refused before anything is written."""

from lantern.synth.request import GenerateRequest, request_problems, services_path_problems


def test_a_good_request_has_no_problems_and_takes_the_scale_size() -> None:
    request = GenerateRequest("demo", 1, 2019, 2025)
    assert request_problems(request, this_year=2026) == []
    assert request.size == 300
    assert GenerateRequest("regional", 1, 2019, 2025).size == 3000
    assert GenerateRequest("demo", 1, 2019, 2025, persons=42).size == 42


def test_an_unknown_scale_is_refused_by_name() -> None:
    problems = request_problems(GenerateRequest("galactic", 1, 2019, 2025), this_year=2026)
    assert len(problems) == 1 and "'galactic'" in problems[0] and "demo" in problems[0]


def test_a_negative_or_zero_size_is_refused() -> None:
    for persons in (0, -5):
        problems = request_problems(GenerateRequest("demo", 1, 2019, 2025, persons=persons), this_year=2026)
        assert problems == [f"The number of persons must be at least 1, not {persons}."]


def test_an_impossible_year_range_is_refused() -> None:
    assert any("after the last" in p for p in request_problems(GenerateRequest("demo", 1, 2024, 2020),
                                                               this_year=2026))
    assert any("between 2015 and 2026" in p for p in request_problems(GenerateRequest("demo", 1, 2010, 2020),
                                                                      this_year=2026))
    assert any("not 2030" in p for p in request_problems(GenerateRequest("demo", 1, 2020, 2030),
                                                         this_year=2026))


def test_a_negative_seed_is_refused() -> None:
    assert request_problems(GenerateRequest("demo", -1, 2020, 2021), this_year=2026)


def test_every_problem_is_named_at_once() -> None:
    assert len(request_problems(GenerateRequest("x", 1, 2030, 2010, persons=-1), this_year=2026)) == 5


def test_national_scale_is_left_to_the_bulk_path() -> None:
    national = GenerateRequest("national", 1, 2019, 2025)
    assert request_problems(national, this_year=2026) == []
    assert "bulk path" in services_path_problems(national)[0]
    assert services_path_problems(GenerateRequest("regional", 1, 2019, 2025)) == []
