"""The calibration table: its figures, their sources, and the check against measured figures."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from lantern.synth.targets import DEFAULT_TOLERANCE, TARGETS, Bound, Miss, Target, check, target

SHARED = Path(__file__).resolve().parents[3] / "shared"
COUNTY_LINES = "investigations.county_lines_share_of_criminal"

# DOMAIN.md "Governance and performance", transcribed: (key, year) -> value, and the words that
# print it there (seed 004 Table 1; 004 §6; 002).
FROM_DOMAIN = {
    ("investigations.live_monthly_average", 2019): (1534, "1,534"),
    ("investigations.live_monthly_average", 2020): (1952, "1,952"),
    ("nrm.police_referrals", 2019): (2748, "2,748"),
    ("nrm.police_referrals", 2020): (3431, "3,431"),
    ("cps.police_referrals", 2019): (275, "275 -> 331"),
    ("cps.police_referrals", 2020): (331, "275 -> 331"),
    ("cps.flagged_defendants", 2019): (349, "349 -> 267"),
    ("cps.flagged_defendants", 2020): (267, "349 -> 267"),
    ("cps.conviction_rate", 2019): (0.719, "71.9%"),
    ("cps.conviction_rate", 2020): (0.738, "73.8%"),
    ("nrm.referrals", 2019): (10619, "10,619 (2019)"),
    ("nrm.referrals", 2020): (10613, "10,613 NRM referrals in 2020"),
    ("nrm.child_share", 2019): (0.43, "about 43% children"),
    ("nrm.police_share", 2019): (0.25, "about a quarter from police"),
    ("investigations.criminal_share", 2020): (0.5, "over 50% of investigations"),
    (COUNTY_LINES, 2020): (0.40, "40% of those are explicitly county lines"),
    ("victims.british_share_of_known", 2020): (0.5, "British nationals over 50%"),
    ("suspects.british_share_of_known", 2020): (0.5, "of suspects and of victims where nationality is known"),
}

# What the cited seed itself prints for each figure.
IN_SEED = {
    ("investigations.live_monthly_average", 2019): "Modern Slavery Live Investigations*\t2019\t1534",
    ("investigations.live_monthly_average", 2020): "\t2020\t1952",
    ("nrm.police_referrals", 2019): "National Referral Mechanism\t2019\t2748",
    ("nrm.police_referrals", 2020): "\t2020\t3431",
    ("cps.police_referrals", 2019): "Modern Slavery Offences\t2019\t275",
    ("cps.police_referrals", 2020): "\t2020\t331",
    ("cps.flagged_defendants", 2019): 'flagged modern slavery defendants" **\t2019\t349',
    ("cps.flagged_defendants", 2020): "\t2020\t267",
    ("cps.conviction_rate", 2019): "Conviction rate**\t2019\t71.9%",
    ("cps.conviction_rate", 2020): "\t2020\t73.8%",
    ("nrm.referrals", 2019): "from 6,985 to 10,619",
    ("nrm.referrals", 2020): "There were 10,613 NRM referrals in the calendar year 2020",
    ("nrm.child_share", 2019): "Around 43 percent of referrals were for children in 2019",
    ("nrm.police_share", 2019): "around a quarter of NRM referrals came from the police",
    ("investigations.criminal_share", 2020): "now account for over 50% of all reported investigations",
    (COUNTY_LINES, 2020): "around 40% are explicitly linked to County",
    ("victims.british_share_of_known", 2020): "British victims account for over 50% of victims",
    ("suspects.british_share_of_known", 2020): "British suspects account for over 50% of suspects",
}


def exact(wanted: Target) -> dict[str, float]:
    """A measurement that hits a target on the nose (just above it, for a lower bound)."""
    return {wanted.name: wanted.value + (0.01 if wanted.bound is Bound.OVER else 0)}


def test_table_is_the_published_figures_once_each() -> None:
    assert {(t.key, t.year): t.value for t in TARGETS} == {k: v for k, (v, _) in FROM_DOMAIN.items()}
    assert len({(t.key, t.year) for t in TARGETS}) == len(TARGETS)


def test_every_target_names_its_seed_and_section() -> None:
    for t in TARGETS:
        assert re.search(r"\(seed 00[0-4]\) (§\d+(\.\d+)?|Table \d)", t.source), t.source
        assert t.unit


def test_tolerance_is_five_percent_except_lower_bounds_and_the_seeds_own_approximations() -> None:
    assert DEFAULT_TOLERANCE == 0.05
    approximate = {"nrm.police_share:2019"}  # "around a quarter", where Table 1 gives 0.259
    for t in TARGETS:
        wanted = 0.0 if t.bound is Bound.OVER else 0.1 if t.name in approximate else DEFAULT_TOLERANCE
        assert t.tolerance == wanted, t.name


def test_table_1_years_are_the_calendar_years_2019_and_2020() -> None:
    table_1 = [t for t in TARGETS if "Table 1" in t.source]
    assert len(table_1) == 10
    assert {t.year for t in table_1} == {2019, 2020}
    assert all("seed 004" in t.source for t in table_1)


def test_shares_are_fractions() -> None:
    for t in TARGETS:
        if "share" in t.unit:
            assert 0 < t.value < 1, t.name


@pytest.mark.skipif(not (SHARED / "design" / "DOMAIN.md").exists(), reason="shared/design not present")
def test_values_are_as_domain_md_prints_them() -> None:
    domain = " ".join((SHARED / "design" / "DOMAIN.md").read_text(encoding="utf-8").split())
    for words in {words for _, words in FROM_DOMAIN.values()}:
        assert words in domain, words


@pytest.mark.skipif(not (SHARED / "seeds").exists(), reason="shared/seeds not present")
def test_each_figure_is_in_the_seed_it_cites() -> None:
    seeds = {path.name[:3]: path.read_text(encoding="utf-8") for path in (SHARED / "seeds").glob("00*.txt")}
    for t in TARGETS:
        seed = re.search(r"seed (00\d)", t.source)
        assert seed is not None
        assert IN_SEED[(t.key, t.year)] in seeds[seed.group(1)], t.name
        if "Table 1" in t.source:
            assert "Table 1: INCREASING EFFECTIVENESS" in seeds["004"]


def test_police_share_agrees_with_the_police_and_total_referrals() -> None:
    police, total = target("nrm.police_referrals", 2019).value, target("nrm.referrals", 2019).value
    assert check({"nrm.police_share:2019": police / total}, [target("nrm.police_share", 2019)]) == []


def test_target_looks_up_one_figure() -> None:
    assert target("cps.conviction_rate", 2020).value == 0.738
    assert target("nrm.referrals", 2020).source.startswith("MSOIC Programme annual report 2020/21 (seed 004)")
    with pytest.raises(KeyError):
        target("nrm.referrals", 2015)


def test_exact_values_pass() -> None:
    measured: dict[str, float] = {}
    for t in TARGETS:
        measured |= exact(t)
    assert check(measured) == []


def test_within_tolerance_passes_and_beyond_it_misses() -> None:
    wanted = target("nrm.police_referrals", 2020)
    assert check({wanted.name: 3431 * 1.049}, [wanted]) == []
    assert check({wanted.name: 3431 * 0.951}, [wanted]) == []
    [miss] = check({wanted.name: 3431 * 1.06}, [wanted])
    assert miss == Miss(wanted, 3431 * 1.06)
    text = str(miss)
    assert "nrm.police_referrals:2020" in text and "3636.86" in text and "3431" in text and "± 5%" in text
    assert "seed 004" in text


def test_lower_bounds_want_more_than_the_value() -> None:
    wanted = target("victims.british_share_of_known", 2020)
    assert check({wanted.name: 0.51}, [wanted]) == []
    assert check({wanted.name: 0.5}, [wanted]) == [Miss(wanted, 0.5)]
    assert check({wanted.name: 0.3}, [wanted]) == [Miss(wanted, 0.3)]
    assert "over 0.5" in str(Miss(wanted, 0.3))


def test_every_miss_is_reported_including_those_not_measured() -> None:
    measured = exact(target("cps.conviction_rate", 2019)) | {"cps.conviction_rate:2020": 0.5}
    misses = check(measured)
    assert len(misses) == len(TARGETS) - 1
    assert Miss(target("cps.conviction_rate", 2020), 0.5) in misses
    assert Miss(target("nrm.referrals", 2020), None) in misses
    assert "not measured" in str(Miss(target("nrm.referrals", 2020), None))
    assert check({"cps.conviction_rate:2020": math.nan}, [target("cps.conviction_rate", 2020)])


def test_a_target_refuses_a_nonsense_tolerance() -> None:
    with pytest.raises(ValueError):
        Target("x", 2020, 1.0, "things", 1.5, "nowhere")
    with pytest.raises(ValueError):
        Target("x", 2020, math.inf, "things", 0.05, "nowhere")
