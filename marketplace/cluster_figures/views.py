"""The cluster dashboard, its benchmarking page and their CSV downloads: for the cluster's managers and admins."""
from __future__ import annotations

from flask import Blueprint, abort, render_template
from flask_babel import get_locale, gettext as _, lazy_gettext as _l
from flask_login import login_required
from markupsafe import Markup

from .. import reference
from ..cache import cached_text
from ..clusters.models import Cluster
from ..clusters.views import load_managed_cluster
from ..database import utcnow
from ..figures.charts import Spread, format_count, spread_chart
from ..figures.csv import csv_response
from . import benchmark, panels, queries

bp = Blueprint("cluster_figures", __name__)
bp.add_app_template_filter(format_count, "count_number")

METRIC_LABELS = {
    "members": _l("Member companies"),
    "active-listings": _l("Active listings"),
    "interests-sent": _l("Interests sent"),
    "interests-received": _l("Interests received"),
    "interests-accepted": _l("Interests accepted"),
}


@bp.get("/clusters/<slug>/figures")
@login_required
def dashboard(slug: str):
    cluster = load_managed_cluster(slug)

    def render_figures() -> str:
        figures = queries.cached_cluster_figures(cluster)
        return render_template("cluster_figures/_panels.html", cluster=cluster, summary=panels.summary(figures),
                               panels=panels.panels(figures))

    # The drawn figures change when the data does (at most once per CACHE_TTL), not per visit: drawing
    # two dozen charts costs more than the rest of the page, so every manager and worker shares them.
    key = f"cluster-figures-html:v2:{cluster.id}:{get_locale()}:{utcnow().date().isoformat()}"
    return render_template("cluster_figures/dashboard.html", cluster=cluster,
                           figures_html=Markup(cached_text(key, render_figures)))  # noqa: S704  # nosec B704 # our own template's output


@bp.get("/clusters/<slug>/figures/<key>.csv")
@login_required
def download(slug: str, key: str):
    cluster = load_managed_cluster(slug)
    if key == "benchmark":
        header, rows = _benchmark_csv(cluster)
    elif key == "benchmark-members":
        header, rows = _members_csv(cluster)
    else:
        figures = queries.cached_cluster_figures(cluster)
        found = {panel.key: panel for panel in [panels.summary(figures), *panels.panels(figures)]}
        if key not in found:
            abort(404)
        header, rows = found[key].csv()
    return csv_response(f"{cluster.slug}-{key}", header, rows)


@bp.get("/clusters/<slug>/figures/benchmark")
@login_required
def benchmark_page(slug: str):
    cluster = load_managed_cluster(slug)
    comparisons = benchmark.cluster_comparisons(cluster)
    charts = [(str(METRIC_LABELS[metric]), _comparison_chart(metric, rows)) for metric, rows in comparisons.items()]
    members = benchmark.member_benchmark(cluster)
    return render_template("cluster_figures/benchmark.html", cluster=cluster, charts=charts, members=members,
                           metrics=benchmark.COMPANY_METRICS, metric_labels=METRIC_LABELS,
                           min_group=benchmark.MIN_GROUP)


def _group_label(comparison: benchmark.Comparison) -> str:
    if comparison.group == "all":
        return _("All clusters (%(count)s)", count=comparison.size)
    sector = str(reference.SECTORS.get(comparison.group.split(":", 1)[1], comparison.group))
    return _("Clusters in %(sector)s (%(count)s)", sector=sector, count=comparison.size)


def _comparison_chart(metric: str, rows: list[benchmark.Comparison]):
    title = str(METRIC_LABELS[metric])
    return spread_chart(
        f"bench-{metric}", title,
        _("This cluster's figure (diamond) beside the median and middle half of comparable clusters, "
          "which are not named."),
        [Spread(_group_label(row), row.value, row.quartiles) for row in rows],
        value_label=_("This cluster"), too_small_label=_("not enough clusters to compare"))


def _benchmark_csv(cluster: Cluster):
    header = [_("Figure"), _("Group"), _("Clusters in the group"), _("This cluster"), _("Lower quartile"),
              _("Median"), _("Upper quartile")]
    rows = []
    for metric, comparisons in benchmark.cluster_comparisons(cluster).items():
        for row in comparisons:
            spread = list(row.quartiles) if row.quartiles else [None, None, None]
            rows.append([str(METRIC_LABELS[metric]), _group_label(row), row.size, row.value, *spread])
    return header, rows


def _members_csv(cluster: Cluster):
    members = benchmark.member_benchmark(cluster)
    header = [_("Company"), *[str(METRIC_LABELS[metric]) for metric in benchmark.COMPANY_METRICS]]
    rows = [[company.name, *[figures[metric] for metric in benchmark.COMPANY_METRICS]]
            for company, figures in members.companies]
    for name, position in ((_("Lower quartile"), 0), (_("Median"), 1), (_("Upper quartile"), 2)):
        if members.companies:
            rows.append([name, *[members.quartiles[metric][position] for metric in benchmark.COMPANY_METRICS]])
    return header, rows
