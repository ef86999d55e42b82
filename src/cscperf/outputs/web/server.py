"""Running the web application with uvicorn."""

from __future__ import annotations

from pathlib import Path

import uvicorn

from cscperf.outputs.web.app import create_app
from cscperf.outputs.web.errors import logging_config


def config(store_path: Path, host: str = "127.0.0.1", port: int = 8000, log_config: dict | None = None,
           **overrides) -> uvicorn.Config:
    """The server configuration `cscperf serve` uses (tests run the same one on loopback).
    `log_config=None` leaves the process's logging as it is."""
    return uvicorn.Config(
        create_app(store_path, **overrides), host=host, port=port,
        log_config=log_config, access_log=False,  # ours logs paths without query strings
        # the application itself believes X-Forwarded-For only from the trusted_proxies setting
        proxy_headers=False, server_header=False, date_header=True)


def serve(store_path: Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    uvicorn.Server(config(store_path, host, port, logging_config())).run()
