"""The one switch between skipping and failing when a test's dependency is missing."""

import pytest

from tests import conftest


def test_a_missing_dependency_skips_locally_and_fails_under_ci(monkeypatch):
    monkeypatch.setattr(conftest, "CI", False)
    with pytest.raises(pytest.skip.Exception, match="a tool is missing"):
        conftest.require(None, "a tool")
    monkeypatch.setattr(conftest, "CI", True)
    with pytest.raises(pytest.fail.Exception, match="a tool is missing"):
        conftest.require(None, "a tool")
    conftest.require("/usr/bin/tool", "a tool")  # present: the test goes on
