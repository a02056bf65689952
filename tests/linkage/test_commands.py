"""``lantern link`` and ``lantern link-file`` from the command line, on the real database and engine."""

from __future__ import annotations

import csv
import shutil
from datetime import date
from functools import partial
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from lantern.accounts.rules import Role
from lantern.audit.models import AuditEvent
from lantern.cases import services as cases
from lantern.cases.rules import InvolvementRole
from lantern.linkage.models import ClusterMember, LinkRun
from lantern.linkage.rules import RunStatus
from tests import factories

pytestmark = pytest.mark.django_db

PEOPLE = """id,First,Last,Born,Mobile,Town,Team,truth
1,Arben,Hoxha,1985-03-04,07700 900461,Leeds,A,p1
2,Arben,Hoxa,04/03/1985,+44 7700 900461,Leeds,A,p1
3,Maria,Nowak,1990-01-02,07700 900462,Bradford,B,p2
4,Marija,Nowak,1990-01-02,07700 900462,Bradford,B,p2
5,Tomas,Berisha,1979-06-30,07700 900463,Wakefield,C,p3
6,Linh,Nguyen,2001-09-12,07700 900464,Hull,D,p4
7,John,Smith,1965-12-01,07700 900465,York,E,p5
8,Oana,Ionescu,1994-02-17,07700 900466,Halifax,F,p6
"""
MAP = ["--map", "First=given_name", "--map", "Last=surname", "--map", "Born=date_of_birth",
       "--map", "Mobile=phone", "--map", "Town=town"]


def _csv(tmp_path: Path, text: str, name: str = "people.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_link_file_finds_the_duplicates_keeps_every_column_and_scores_against_the_truth(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "matches.csv"
    call_command("link_file", str(_csv(tmp_path, PEOPLE)), *MAP, "--out", str(out), "--truth", "truth")
    printed = capsys.readouterr().out
    assert "8 rows read" in printed
    assert "precision 1.000  recall 1.000  F1 1.000" in printed
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["id"] for r in rows] == [str(n) for n in range(1, 9)]
    assert rows[0]["Team"] == "A" and rows[0]["truth"] == "p1"  # unmapped columns written through
    assert rows[0]["best_match"] == "row 2" and float(rows[0]["best_match_probability"]) >= 0.9
    assert rows[0]["lantern_cluster"] == rows[1]["lantern_cluster"] != rows[4]["lantern_cluster"]
    assert rows[4]["best_match"] == ""


def test_link_file_against_another_file_counts_only_pairs_across_them(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = PEOPLE.splitlines()
    first = _csv(tmp_path, "\n".join([lines[0], lines[1], lines[3], lines[5]]) + "\n", "ours.csv")
    second = _csv(tmp_path, "\n".join([lines[0], lines[2], lines[4], lines[7]]) + "\n", "theirs.csv")
    out = tmp_path / "matches.csv"
    call_command("link_file", str(first), "--against", str(second), *MAP, "--out", str(out),
                 "--truth", "truth")
    assert "precision 1.000  recall 1.000  F1 1.000  (2 true pairs found" in capsys.readouterr().out
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["best_match"] for r in rows] == ["other row 1", "other row 2", ""]


def test_link_file_refuses_a_bad_file_naming_the_line(tmp_path: Path) -> None:
    bad = _csv(tmp_path, PEOPLE.replace("1990-01-02,07700 900462,Bradford",
                                        "1990-13-45,07700 900462,Bradford", 1))
    with pytest.raises(CommandError, match=r"people.csv, line 4, column 'Born': '1990-13-45' is not a date"):
        call_command("link_file", str(bad), *MAP, "--out", str(tmp_path / "out.csv"))
    assert not (tmp_path / "out.csv").exists()
    with pytest.raises(CommandError, match="no truth column 'answer'"):
        call_command("link_file", str(_csv(tmp_path, PEOPLE)), *MAP, "--out", str(tmp_path / "o.csv"),
                     "--truth", "answer")


def test_link_file_against_lantern_reads_every_force_and_is_audited(tmp_path: Path) -> None:
    officer = factories.user(Role.INVESTIGATOR, org="greater-manchester")
    case = factories.investigation(officer)
    cases.person_add_to_investigation(user=officer, investigation_id=case.pk, role=InvolvementRole.SUSPECT,
                                      first_name="Arben", last_name="Hoxha", date_of_birth=date(1985, 3, 4))
    out = tmp_path / "matches.csv"
    call_command("link_file", str(_csv(tmp_path, PEOPLE)), "--against", "lantern", *MAP, "--out", str(out))
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows[0]["best_match"].startswith("p")
    assert AuditEvent.objects.filter(object_type="linkage.link_file").count() == 1


def test_link_prints_the_runs_figures(capsys: pytest.CaptureFixture[str]) -> None:
    officer = factories.user(Role.INVESTIGATOR)
    case = factories.investigation(officer)
    for first in ("Arben", "Maria"):
        cases.person_add_to_investigation(user=officer, investigation_id=case.pk, role=InvolvementRole.VICTIM,
                                          first_name=first, last_name="Example")
    call_command("link")
    captured = capsys.readouterr()
    assert "2 records, 2 people, 0 suggested matches" in captured.out
    assert "normalise" in captured.err  # the progress bar
    assert LinkRun.objects.get().status == RunStatus.FINISHED.value
    with pytest.raises(CommandError, match="threshold"):
        call_command("link", "--threshold", "2")


@pytest.mark.skipif(shutil.which("java") is None, reason="Spark needs Java 17")
def test_link_on_spark_finds_the_people_duckdb_finds_and_keeps_their_ids(
        capsys: pytest.CaptureFixture[str]) -> None:
    """Given one man recorded by two forces and a stranger, when DuckDB links them and then
    Spark does, then Spark's run finds the same people under the same ids."""
    west = factories.user(Role.INVESTIGATOR)
    south = factories.user(Role.INVESTIGATOR, org="south-yorkshire")
    for officer, family in ((west, "Hoxha"), (south, "Hoxa")):
        case = factories.investigation(officer)
        add = partial(cases.person_add_to_investigation, user=officer, investigation_id=case.pk)
        add(role=InvolvementRole.SUSPECT, first_name="Arben", last_name=family,
            date_of_birth=date(1985, 3, 4))
        add(role=InvolvementRole.VICTIM, first_name="Maria" if officer is west else "Linh",
            last_name="Nowak" if officer is west else "Nguyen")
    call_command("link")
    on_duckdb = dict(ClusterMember.objects.values_list("person_id", "cluster_id"))
    assert len(set(on_duckdb.values())) == 3
    call_command("link", "--engine", "spark")
    assert "4 records, 3 people, 1 suggested matches" in capsys.readouterr().out.split("Linkage run")[-1]
    run = LinkRun.objects.order_by("-pk").first()
    assert run is not None and run.engine == "spark" and run.status == RunStatus.FINISHED.value
    assert dict(ClusterMember.objects.values_list("person_id", "cluster_id")) == on_duckdb
