"""The production server: gunicorn with threaded workers, serving the WSGI app."""

from typing import Any

from gunicorn.app.base import BaseApplication


class _Gunicorn(BaseApplication):
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        from proficio.wsgi import application

        return application


def run(*, host: str, port: int, workers: int) -> int:
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    _Gunicorn(
        {
            "bind": bind,
            "workers": workers,
            "worker_class": "gthread",
            "threads": 4,
            # Load the app (and SymPy) once, before forking, instead of in every worker.
            "preload_app": True,
            "timeout": 60,
            "graceful_timeout": 10,
            "accesslog": None,
            "errorlog": "-",
            "loglevel": "warning",
            "proc_name": "proficio",
        }
    ).run()
    return 0
