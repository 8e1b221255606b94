"""CLUSTERS-CORD Marketplace: the application factory."""
from __future__ import annotations

import logging
import os
from typing import Any, Mapping

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter

from . import config as config_module
from .extensions import babel, csrf, db, limiter, login_manager, migrate
from .templating import MarketplaceEnvironment

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def create_app(overrides: Mapping[str, Any] | None = None) -> Flask:
    app = Flask(
        __name__,
        instance_path=os.path.join(ROOT, "instance"),
        template_folder=os.path.join(ROOT, "templates"),
        static_folder=os.path.join(ROOT, "static"),
    )
    app.jinja_environment = MarketplaceEnvironment  # before anything renders: see its docstring
    app.config.from_mapping(config_module.load(app.instance_path, overrides))
    os.makedirs(app.instance_path, exist_ok=True)
    _configure_logging(app)

    if app.config["PROXY_HOPS"]:
        hops = app.config["PROXY_HOPS"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)

    # Ids in addresses fit the databases' 32-bit integer columns; a longer number is a 404, not an overflow.
    app.url_map.converters["int"] = BoundedIntegerConverter
    _init_extensions(app)
    _register_blueprints(app)
    _register_cli(app)
    _connect_signals(app)
    return app


class BoundedIntegerConverter(IntegerConverter):
    def __init__(self, map, *args, **kwargs):  # noqa: A002 - werkzeug's signature
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(map, *args, **kwargs)


def _init_extensions(app: Flask) -> None:
    from . import auth, cache, i18n, models, security, templating  # noqa: F401 - models registers the mappers
    from .database import configure_sqlite

    db.init_app(app)
    with app.app_context():
        configure_sqlite(db.engine)
    migrate.init_app(app, db, directory=os.path.join(os.path.dirname(__file__), "migrations"),
                     render_as_batch=True, compare_type=True)
    csrf.init_app(app)
    limiter.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale,
                   default_translation_directories=os.path.join(ROOT, "translations"))
    login_manager.init_app(app)
    auth.init_app(app)
    i18n.init_app(app)
    security.init_app(app)
    templating.init_app(app)
    cache.init_app(app)


def _register_blueprints(app: Flask) -> None:
    from .accounts.views import bp as accounts_bp
    from .clusters.views import bp as clusters_bp
    from .companies.views import bp as companies_bp
    from .core.errors import register_error_handlers
    from .core.views import bp as core_bp
    from .interests.views import bp as interests_bp
    from .listings.views import bp as listings_bp
    from .mail.views import bp as mail_bp
    from .matching.views import bp as matching_bp
    from .messaging.views import bp as messaging_bp
    from .moderation.views import bp as moderation_bp
    from .notifications.views import bp as notifications_bp
    from .outcomes.views import bp as outcomes_bp
    from .partnerships.views import bp as partnerships_bp

    for blueprint in (core_bp, accounts_bp, companies_bp, clusters_bp, mail_bp, listings_bp, moderation_bp, matching_bp,
                      partnerships_bp, outcomes_bp):
        app.register_blueprint(blueprint)
    for blueprint in (interests_bp, messaging_bp, notifications_bp):
        app.register_blueprint(blueprint)
    from .api.views import bp as api_bp

    app.register_blueprint(api_bp)
    from .alerts.views import bp as alerts_bp
    from .feeds.views import bp as feeds_bp

    app.register_blueprint(alerts_bp)
    app.register_blueprint(feeds_bp)
    from .cluster_figures.views import bp as cluster_figures_bp

    app.register_blueprint(cluster_figures_bp)
    from .admin.views import bp as admin_bp
    from .observatory.views import bp as observatory_bp

    app.register_blueprint(observatory_bp)
    app.register_blueprint(admin_bp)
    register_error_handlers(app)


def _register_cli(app: Flask) -> None:
    from .accounts.cli import users_cli
    from .demo.cli import demo_cli
    from .i18n import translate_cli
    from .interests.cli import interests_cli
    from .listings.cli import listings_cli
    from .mail.cli import mail_cli
    from .messaging.cli import messaging_cli

    for group in (users_cli, demo_cli, translate_cli, mail_cli, listings_cli):
        app.cli.add_command(group)
    for group in (interests_cli, messaging_cli):
        app.cli.add_command(group)
    from .alerts.cli import alerts_cli

    app.cli.add_command(alerts_cli)
    from .maintenance.cli import COMMANDS as maintenance_commands

    for command in maintenance_commands:
        app.cli.add_command(command)


def _connect_signals(app: Flask) -> None:
    from .mail.delivery import connect_inline_delivery

    connect_inline_delivery(app)
    from .notifications.handlers import connect_handlers

    connect_handlers(app)


def _configure_logging(app: Flask) -> None:
    if not app.debug and not app.testing:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter(
            "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"))
        from .core.logging import RequestContextFilter

        handler.addFilter(RequestContextFilter())
        app.logger.handlers[:] = [handler]
        app.logger.setLevel(logging.INFO)
