"""Stable cluster ids across runs, and officers' rejections splitting clusters. Pure Python."""

from lantern.linkage.clusters import ClusterChange, Edge, separate_rejected, stable_ids


def test_first_run_numbers_groups_in_order_of_their_first_member() -> None:
    ids, changes = stable_ids(None, [["b", "a"], ["c"], ["d", "e"]])
    assert ids == {"a": "L0000001", "b": "L0000001", "c": "L0000002", "d": "L0000003", "e": "L0000003"}
    assert changes == []


def test_same_input_keeps_the_same_ids() -> None:
    groups = [["a", "b"], ["c"]]
    first, _ = stable_ids(None, groups)
    again, changes = stable_ids(first, groups)
    assert again == first
    assert changes == []


def test_new_records_join_or_get_ids_above_the_highest() -> None:
    previous = {"a": "L0000007", "b": "L0000007", "c": "L0000002"}
    ids, _ = stable_ids(previous, [["a", "b", "x"], ["c"], ["y"]])
    assert ids["x"] == "L0000007"
    assert ids["y"] == "L0000008"


def test_merge_keeps_the_id_most_members_had_and_is_logged() -> None:
    previous = {"a": "L0000002", "b": "L0000002", "c": "L0000001"}
    ids, changes = stable_ids(previous, [["a", "b", "c", "d"]])
    assert set(ids.values()) == {"L0000002"}
    assert changes == [ClusterChange("merged", "L0000002", ("L0000001", "L0000002"))]


def test_tie_goes_to_the_oldest_id() -> None:
    previous = {"a": "L0000005", "b": "L0000003"}
    ids, _ = stable_ids(previous, [["a", "b"]])
    assert ids["a"] == "L0000003"


def test_split_largest_part_keeps_the_id_others_get_new_ones() -> None:
    previous = {"a": "L0000004", "b": "L0000004", "c": "L0000004", "d": "L0000004"}
    ids, changes = stable_ids(previous, [["d"], ["a", "b", "c"]])
    assert ids["a"] == ids["b"] == ids["c"] == "L0000004"
    assert ids["d"] == "L0000005"
    assert changes == [ClusterChange("split", "L0000004", ("L0000004",), ("L0000005",))]


def test_a_part_that_loses_its_id_takes_its_next_most_common_one() -> None:
    previous = {"a": "L0000001", "b": "L0000001", "c": "L0000001", "d": "L0000001", "e": "L0000002"}
    ids, _ = stable_ids(previous, [["a", "b", "c"], ["d", "e"]])
    assert ids["a"] == "L0000001"
    assert ids["d"] == ids["e"] == "L0000002"


def test_rejected_pair_is_split_at_the_weakest_edge_on_the_path() -> None:
    edges = {("a", "b"): Edge(0.99), ("b", "c"): Edge(0.95), ("c", "d"): Edge(0.999)}
    groups = separate_rejected([["a", "b", "c", "d"]], edges, {("a", "d")})
    assert sorted(groups) == [["a", "b"], ["c", "d"]]


def test_rejection_cuts_every_path() -> None:
    edges = {("a", "b"): Edge(0.99), ("b", "d"): Edge(0.92), ("a", "c"): Edge(0.97), ("c", "d"): Edge(0.93)}
    groups = separate_rejected([["a", "b", "c", "d"]], edges, {("a", "d")})
    home = {uid: i for i, group in enumerate(groups) for uid in group}
    assert home["a"] != home["d"]
    assert home["a"] == home["b"] == home["c"]


def test_confirmed_edges_are_never_cut() -> None:
    edges = {("a", "b"): Edge(1.0, confirmed=True), ("b", "c"): Edge(1.0, confirmed=True)}
    assert separate_rejected([["a", "b", "c"]], edges, {("a", "c")}) == [["a", "b", "c"]]


def test_groups_without_a_rejected_pair_are_left_alone() -> None:
    edges = {("a", "b"): Edge(0.99)}
    assert separate_rejected([["a", "b"], ["c"]], edges, {("a", "c")}) == [["a", "b"], ["c"]]
