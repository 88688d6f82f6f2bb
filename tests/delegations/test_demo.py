"""The demonstration data comes in delegations, sides unchanged."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from seminar_reg.extensions import db
from seminar_reg.registration.models import Delegate


@pytest.mark.slow
def test_demo_data_is_organised_into_delegations(app, seminar):
    result = app.test_cli_runner().invoke(args=["demo-data"])
    assert result.exit_code == 0, result.output
    sides = dict(db.session.execute(
        select(Delegate.side, func.count()).group_by(Delegate.side)).all())
    assert sides == {"japan": 73, "china": 92}
    assert db.session.execute(
        select(func.count()).where(Delegate.invitation_id.is_(None))).scalar_one() == 0
    rows = json.loads(app.test_cli_runner().invoke(args=["delegations", "--json"]).output)
    assert sum(row["members"] for row in rows if row["side"] == "japan") == 73
    assert sum(row["members"] for row in rows if row["side"] == "china") == 92
    assert {row["status"] for row in rows} == {"registered", "invited", "declined"}
    # Each delegation is one organisation of one side.
    assert len({(row["organization"], row["side"]) for row in rows}) == len(rows)
