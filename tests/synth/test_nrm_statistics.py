"""The NRM statistics reader, its mappings onto Lantern's words, and the seeded sampler."""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections import Counter
from collections.abc import Callable, Sequence
from itertools import islice
from pathlib import Path

import pytest

from lantern.cases.models import Gender
from lantern.cases.rules import ExploitationType
from lantern.safeguarding.nrm_vocabulary import list_values
from lantern.synth import nrm_statistics as nrm
from lantern.synth.nrm_statistics import AgeGroup, QuarterTable, VictimProfile
from lantern.synth.targets import target

SHARED_STATISTICS = Path(__file__).resolve().parents[3] / "shared" / "reference" / "nrm-statistics"
QUARTERS = ((2022, 2), (2022, 3), (2022, 4))
WEST_YORKSHIRE, MET = "West Yorkshire Police", "Metropolitan Police Service"
DRAWS = 200_000


@pytest.fixture(scope="module")
def tables() -> dict[tuple[int, int], QuarterTable]:
    return {quarter: nrm.read_police_quarter(*quarter) for quarter in QUARTERS}


def raw_rows(path: Path) -> list[dict[str, str]]:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def drawn_share(profiles: list[VictimProfile], predicate: Callable[[VictimProfile], bool]) -> float:
    return sum(map(predicate, profiles)) / len(profiles)


def is_child(profile: VictimProfile) -> bool:
    return profile.age_group is AgeGroup.CHILD


# -- reading: the leaf rows and the published Total rows ------------------------------------------------


def test_the_project_holds_its_own_copy_of_each_quarter() -> None:
    assert list(nrm.quarter_files()) == list(QUARTERS)
    assert (nrm.REFERENCE_DIR / "SOURCE.md").exists()


@pytest.mark.skipif(not SHARED_STATISTICS.exists(), reason="shared/reference not present")
def test_the_copies_are_the_published_csvs_byte_for_byte() -> None:
    for path in nrm.quarter_files().values():
        published = SHARED_STATISTICS / path.name.removesuffix(".gz")
        assert gzip.decompress(path.read_bytes()) == published.read_bytes()
    longitudinal = "nrm_referrals_longitudinal.csv"
    assert (nrm.REFERENCE_DIR / longitudinal).read_bytes() == (SHARED_STATISTICS / longitudinal).read_bytes()


@pytest.mark.parametrize("quarter", QUARTERS)
def test_leaf_rows_add_up_to_the_csvs_own_total_rows(tables: dict, quarter: tuple[int, int]) -> None:
    table = tables[quarter]
    rows = raw_rows(nrm.quarter_files()[quarter])
    published = {r["First responder"]: int(float(r["People"])) for r in rows
                 if all(r[column] == "Total" for column in nrm.CATEGORY_COLUMNS)}
    assert table.aggregate_responder() == "Police total"
    assert table.total() == published["Police total"] == table.published_totals["Police total"]
    for name in table.first_responders():
        assert table.total(name) == published[name], name
    assert table.total_mismatches() == {}
    # Summing every row would count each referral ten times: in its force's leaf row and its three
    # nested subtotals (gender, age, exploitation), each by nationality and over nationalities (8),
    # and in "Police total" by nationality and over nationalities (2).
    everything = sum(float(r["People"]) for r in rows)
    assert everything == 10 * table.total()


def test_police_referrals_per_quarter(tables: dict) -> None:
    assert [tables[q].total() for q in QUARTERS] == [950, 969, 1034]
    assert tables[(2022, 4)].total(WEST_YORKSHIRE) == 78
    assert tables[(2022, 4)].total(MET) == 161


def write_quarter(
    directory: Path, name: str, rows: Sequence[Sequence[str]], *, compress: bool = False
) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(nrm.COLUMNS)
    writer.writerows(rows)
    path = directory / (name + (".gz" if compress else ""))
    data = buffer.getvalue().encode("utf-8")
    path.write_bytes(gzip.compress(data) if compress else data)
    return path


LATER_QUARTER = [
    ("Police", "Kent Police", "Total", "Total", "Total", "Total", "3.0"),
    ("Police", "Kent Police", "Criminal", "Total", "Total", "UK", "2.0"),
    ("Police", "Kent Police", "Criminal", "Child (17 or under)", "Male", "UK", "2.0"),
    ("Police", "Kent Police", "Sexual & Labour", "Adult (18 or over)", "Female", "Romanian", "1.0"),
    ("Police", "Kent Police", "Sexual & Labour", "Adult (18 or over)", "Female", "Albanian", "0.0"),
    ("Police", "Police total", "Total", "Total", "Total", "Total", "3.0"),
]


@pytest.mark.parametrize("compress", [False, True])
def test_any_quarter_in_the_same_layout_is_read(tmp_path: Path, compress: bool) -> None:
    write_quarter(tmp_path, "nrm_referrals_police_2024_q1.csv", LATER_QUARTER, compress=compress)
    write_quarter(tmp_path, "nrm_referrals_la_2024_q1.csv", LATER_QUARTER)
    assert list(nrm.quarter_files(tmp_path)) == [(2024, 1)]
    table = nrm.read_police_quarter(2024, 1, tmp_path)
    assert table.total() == 3 and table.total_mismatches() == {}
    assert len(table.cells) == 2  # subtotals skipped, zero rows dropped
    with pytest.raises(FileNotFoundError):
        nrm.read_police_quarter(2024, 2, tmp_path)


def test_a_total_that_does_not_add_up_is_reported(tmp_path: Path) -> None:
    rows = [*LATER_QUARTER[:-1], ("Police", "Police total", "Total", "Total", "Total", "Total", "4.0")]
    table = nrm.read_quarter(write_quarter(tmp_path, "nrm_referrals_police_2024_q1.csv", rows))
    assert table.total_mismatches() == {"Police total": (3, 4)}
    # A first responder with referrals but no total row of its own.
    rows.append(("Police", "Surrey Police", "Labour", "Adult (18 or over)", "Male", "Polish", "1.0"))
    table = nrm.read_quarter(write_quarter(tmp_path, "nrm_referrals_police_2024_q1.csv", rows))
    assert table.total_mismatches() == {"Surrey Police": (1, 0)}


def test_a_first_responder_with_no_referrals_is_named_but_not_drawn_from(tmp_path: Path) -> None:
    rows = [("Police", "Surrey Police", "Total", "Total", "Total", "Total", "0.0"), *LATER_QUARTER]
    table = nrm.read_quarter(write_quarter(tmp_path, "nrm_referrals_police_2024_q1.csv", rows))
    assert table.first_responders() == ("Surrey Police", "Kent Police")
    assert table.total("Surrey Police") == 0 and table.total_mismatches() == {}
    with pytest.raises(ValueError, match="no referrals"):
        nrm.joint_distribution(table, "Surrey Police")


@pytest.mark.parametrize(("column", "value"), [(3, "Under 5"), (4, "Unspecified"), (2, "Organ Trading"),
                                               (6, "two")])
def test_an_unknown_label_is_refused_not_guessed(tmp_path: Path, column: int, value: str) -> None:
    row = list(LATER_QUARTER[2])
    row[column] = value
    path = write_quarter(tmp_path, "nrm_referrals_police_2024_q1.csv", [tuple(row)])
    with pytest.raises(nrm.StatisticsFormatError, match="line 2"):
        nrm.read_quarter(path)


def test_a_different_layout_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "nrm_referrals_police_2024_q1.csv"
    path.write_text("Force,People\nKent Police,3\n", encoding="utf-8")
    with pytest.raises(nrm.StatisticsFormatError, match="columns"):
        nrm.read_quarter(path)


# -- mappings onto Lantern's words ---------------------------------------------------------------------


def test_every_police_force_in_the_statistics_maps_to_an_organisation(tables: dict) -> None:
    organisations = json.loads(nrm.ORGANISATIONS_FILE.read_text(encoding="utf-8"))
    forces = {o["code"] for o in organisations if o["kind"] in {"territorial_force", "special_force"}}
    assert len(forces) == 44
    for table in tables.values():
        match = nrm.match_first_responders(table.first_responders())
        assert match.unmapped == ()
        assert set(match.outside_england_and_wales) == nrm.OUTSIDE_ENGLAND_AND_WALES
        assert forces <= set(match.codes.values())
        assert match.codes[WEST_YORKSHIRE] == "west-yorkshire" and match.codes[MET] == "met"
        assert match.codes["Devon & Cornwall Police"] == "devon-and-cornwall"


def test_other_spellings_of_a_force_match_and_strangers_are_reported() -> None:
    hampshire, devon = "Hampshire and Isle of Wight Constabulary", "Devon and Cornwall Police"
    match = nrm.match_first_responders([hampshire, devon, "DYFED POWYS POLICE", "Atlantis Constabulary"])
    assert match.codes == {
        hampshire: "hampshire", devon: "devon-and-cornwall", "DYFED POWYS POLICE": "dyfed-powys",
    }
    assert match.unmapped == ("Atlantis Constabulary",)


def test_exploitation_labels_map_onto_lantern_types(tables: dict) -> None:
    labels = {cell.exploitation for table in tables.values() for cell in table.cells}
    assert "Sexual, Labour, Domestic & Criminal" in labels
    for label in labels:
        nrm.exploitation_kinds(label)
    assert nrm.exploitation_kinds("Sexual, Labour & Criminal") == ("Sexual", "Labour", "Criminal")
    assert nrm.exploitation_kinds("Not specified or unknown") == ()
    assert set(nrm.EXPLOITATION_TYPES.values()) | set(nrm.DEFAULT_CRIMINAL_SPLIT) <= set(ExploitationType)
    assert sum(nrm.DEFAULT_CRIMINAL_SPLIT.values()) == pytest.approx(1)
    county_lines = target("investigations.county_lines_share_of_criminal", 2020).value
    assert nrm.DEFAULT_CRIMINAL_SPLIT[ExploitationType.CRIMINAL_COUNTY_LINES] == county_lines


def test_genders_are_lantern_values() -> None:
    assert set(nrm.GENDERS.values()) <= set(Gender.values)


def test_every_nationality_maps_onto_the_nrm_forms_list(tables: dict) -> None:
    form = {value.strip() for value in list_values("ms_nationalities")} | {""}
    for table in tables.values():
        assert nrm.unmapped_nationalities(table) == ()
        for cell in table.cells:
            pair = nrm.nationalities(cell.nationality)
            assert pair is not None and set(pair) <= form, cell.nationality
    assert nrm.nationalities("UK") == ("British", "")
    assert nrm.nationalities("Unknown") == ("", "")
    assert nrm.nationalities("Albanian Greek") == ("Albanian", "Greek")
    assert nrm.nationalities("Jamaican UK") == ("British", "Jamaican")
    assert nrm.nationalities("Unknown Vietnamese") == ("Vietnamese", "")
    assert nrm.nationalities("Congolese (Congo) UK") == ("British", "Congolese (Congo)")
    assert nrm.nationalities("Turkish UKrainian") == ("Turkish", "Ukrainian")
    assert nrm.nationalities("Martian") is None


# -- the joint distribution and the sampler --------------------------------------------------------------


def test_a_forces_distribution_keeps_its_referrals(tables: dict) -> None:
    table = tables[(2022, 4)]
    for name in (WEST_YORKSHIRE, MET):
        assert nrm.joint_distribution(table, name).total() == pytest.approx(table.total(name))
    everyone = nrm.joint_distribution(table)
    assert everyone.total() == pytest.approx(1034)
    assert nrm.joint_distribution(table, "Police total").profiles == everyone.profiles
    both = nrm.joint_distribution(table, [WEST_YORKSHIRE, MET])
    assert both.total() == pytest.approx(78 + 161)
    with pytest.raises(KeyError):
        nrm.joint_distribution(table, "Atlantis Constabulary")


def test_criminal_referrals_are_split_by_the_county_lines_share(tables: dict) -> None:
    table = tables[(2022, 4)]
    split = nrm.joint_distribution(table)
    criminal = split.share(lambda p: any(kind.is_criminal for kind in p.exploitation))
    published = sum(c.people for c in table.cells if "Criminal" in c.exploitation) / table.total()
    assert criminal == pytest.approx(published)
    county_lines = split.share(lambda p: ExploitationType.CRIMINAL_COUNTY_LINES in p.exploitation)
    assert county_lines / criminal == pytest.approx(0.40)
    cannabis = nrm.joint_distribution(table, criminal_split={ExploitationType.CRIMINAL_CANNABIS: 1.0})
    cannabis_share = cannabis.share(lambda p: ExploitationType.CRIMINAL_CANNABIS in p.exploitation)
    assert cannabis_share == pytest.approx(criminal)
    with pytest.raises(ValueError):
        nrm.joint_distribution(table, criminal_split={ExploitationType.SEXUAL: 1.0})


def test_the_sampler_is_deterministic_for_a_seed(tables: dict) -> None:
    distribution = nrm.joint_distribution(tables[(2022, 4)], MET)
    first = list(islice(nrm.sampler(distribution, 2026), 1000))
    assert first == list(islice(nrm.sampler(distribution, 2026), 1000))
    assert first != list(islice(nrm.sampler(distribution, 2027), 1000))
    assert len(set(first)) > 20


def test_the_sampler_never_draws_a_weightless_profile() -> None:
    profile = VictimProfile("British", "", "male", AgeGroup.CHILD, frozenset())
    other = VictimProfile("Albanian", "", "male", AgeGroup.ADULT, frozenset())
    only = nrm.JointDistribution(("x",), "test", (other, profile, other), (0.0, 1.0, 0.0))
    assert set(islice(nrm.sampler(only, 1), 10_000)) == {profile}
    with pytest.raises(ValueError):
        next(nrm.sampler(nrm.JointDistribution(("x",), "test", (), ()), 1))


@pytest.mark.parametrize("name", [WEST_YORKSHIRE, MET, None])
def test_draws_reproduce_the_distributions_shares(tables: dict, name: str | None) -> None:
    distribution = nrm.joint_distribution(tables[(2022, 4)], name)
    drawn = list(islice(nrm.sampler(distribution, 7), DRAWS))
    by_nationality: dict[str, float] = {}
    for profile, weight in zip(distribution.profiles, distribution.weights, strict=True):
        by_nationality[profile.nationality] = by_nationality.get(profile.nationality, 0.0) + weight
    top = max(by_nationality, key=by_nationality.__getitem__)
    checks: list[Callable[[VictimProfile], bool]] = [
        is_child,
        lambda p: p.nationality == top,
        lambda p: p.gender == "female",
        lambda p: ExploitationType.CRIMINAL_COUNTY_LINES in p.exploitation,
        lambda p: not p.exploitation,
    ]
    for predicate in checks:
        assert drawn_share(drawn, predicate) == pytest.approx(distribution.share(predicate), abs=0.01)


def test_west_yorkshire_and_the_met_differ_as_the_data_differ(tables: dict) -> None:
    table = tables[(2022, 4)]
    drawn = {name: list(islice(nrm.sampler(nrm.joint_distribution(table, name), 11), DRAWS))
             for name in (WEST_YORKSHIRE, MET)}
    # Published: West Yorkshire 18 of 78 children and 22 Albanian; the Met 69 of 161 and 84 UK.
    assert drawn_share(drawn[WEST_YORKSHIRE], is_child) == pytest.approx(18 / 78, abs=0.01)
    assert drawn_share(drawn[MET], is_child) == pytest.approx(69 / 161, abs=0.01)
    tops = {name: Counter(p.nationality for p in drawn[name]).most_common(1)[0] for name in drawn}
    assert tops[WEST_YORKSHIRE][0] == "Albanian" and tops[MET][0] == "British"
    assert tops[WEST_YORKSHIRE][1] / DRAWS == pytest.approx(22 / 78, abs=0.01)


def test_the_published_counts_behind_that_comparison(tables: dict) -> None:
    table = tables[(2022, 4)]
    def count(name: str, predicate: Callable[[nrm.Cell], bool]) -> int:
        return sum(c.people for c in table.cells if c.first_responder == name and predicate(c))
    assert count(WEST_YORKSHIRE, lambda c: c.age == "Child (17 or under)") == 18
    assert count(WEST_YORKSHIRE, lambda c: c.nationality == "Albanian") == 22
    assert count(MET, lambda c: c.age == "Child (17 or under)") == 69
    assert count(MET, lambda c: c.nationality == "UK") == 84


# -- the longitudinal table against the calibration targets ----------------------------------------------


def test_longitudinal_years_sit_within_the_targets() -> None:
    years = nrm.referrals_by_year(nrm.read_longitudinal())
    totals = {year: sum(by_age.values()) for year, by_age in years.items()}
    assert totals[2019] == 10606 and totals[2020] == 10582
    assert target("nrm.referrals", 2019).accepts(totals[2019])
    assert target("nrm.referrals", 2020).accepts(totals[2020])
    assert target("nrm.child_share", 2019).accepts(years[2019][AgeGroup.CHILD] / totals[2019])
    # "About 43% children" is 2019's share; 2020's, as revised, is 47%.
    assert years[2020][AgeGroup.CHILD] / totals[2020] == pytest.approx(0.474, abs=0.001)
