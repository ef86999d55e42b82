# The scorecard tests use the report's small authority.
from tests.outputs.report.conftest import inputs, internal, member, report_db  # noqa: F401
