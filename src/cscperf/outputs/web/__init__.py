"""The secure web application (`cscperf serve`): server-rendered pages in the GOV.UK style.

- `app.py` builds the application; `policy.py` checks every route's access and forms in one place;
- `pages/` holds the pages, one module per topic; `templates/` their templates;
- `security.py` cookies, form tokens and headers; `errors.py` error pages and logs without data;
- `oidc.py` sign-in through an organisation's identity provider; `server.py` runs it with uvicorn.
Accounts, sessions, the audit log and committee actions are in `cscperf.appdb`.
"""

from cscperf.outputs.web.app import create_app

__all__ = ["create_app"]
