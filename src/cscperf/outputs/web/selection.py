"""Which authority, period and view a dashboard page is for, read from its query string.

`la` and `period` default to the first authority and its latest return's last quarter. Analysts
see figures unsuppressed unless they ask for the members' view (`view=member`); everyone else
always sees them suppressed, whatever the address says, and for the latest period only: each
period's figures are protected as one release, so a count withheld in one period's could be shown
in another's (docs/disclosure.md, Limits).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from cscperf.appdb.users import Role
from cscperf.indicators.periods import Period
from cscperf.outputs.web import results
from cscperf.outputs.web.policy import Context


def latest_only(role: Role) -> bool:
    """Whether the person is offered the latest period alone: everyone but analysts (see above)."""
    return role is not Role.ANALYST


class Refused(Exception):
    """The query names something that is not there; `message` says what to do (never echoes it)."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class Selection:
    la: str
    period: Period
    internal: bool
    member_view: bool  # an analyst looking at what members see
    choices: results.Choices
    results: results.Snapshot  # the dashboard's results as of this request

    def periods(self) -> list[tuple[str, list[Period]]]:
        """The periods the picker offers: every one the records cover for analysts, the latest
        for everyone else (see above)."""
        return self.choices.periods(self.la, latest_only=not (self.internal or self.member_view))

    def query(self, **extra) -> str:
        """The query string for another page about the same selection; `extra` adds to it."""
        found = {"la": self.la, "period": str(self.period)}
        if self.member_view:
            found["view"] = "member"
        found.update({k: v for k, v in extra.items() if v is not None})
        return urlencode(found)


def select(ctx: Context) -> Selection | None:
    """The selection asked for; None when the store holds no data. Raises `Refused`."""
    at = ctx.web.results.at(ctx.store)
    choices = results.choices(at)
    if not choices.authorities:
        return None
    la = ctx.query.get("la") or choices.authorities[0]
    if la not in choices.covered:
        raise Refused(404, "There are no figures for that authority. Choose one from the scorecard.")
    try:
        period = Period.parse(ctx.query["period"]) if ctx.query.get("period") else choices.default_period(la)
    except ValueError:
        raise Refused(400, "That is not a period the service knows. Choose a period from the list "
                      "on the scorecard.") from None
    if not choices.offers(la, period, latest_only(ctx.user.role)):
        raise Refused(403, "Councillors' figures are for the latest period only, so that no small number "
                      "can be worked out by comparing periods. Earlier periods are in earlier committee packs.")
    analyst = ctx.user.role is Role.ANALYST
    member_view = analyst and ctx.query.get("view") == "member"
    return Selection(la, period, analyst and not member_view, member_view, choices, at)
