from lantern.cli import command_args


def test_lanterns_commands_read_as_words_and_options_pass_through() -> None:
    assert command_args(["export-referral", "NRM-001-000001"]) == ["export_referral", "NRM-001-000001"]
    assert command_args(["audit", "verify"]) == ["audit", "verify"]
    assert command_args(["--help"]) == ["--help"]
    assert command_args([]) == []
