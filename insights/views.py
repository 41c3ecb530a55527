from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import site_today
from accounts.roles import STAFF, role_required
from community.models import Group
from insights import services
from insights.charts import Chart, Series
from insights.figures import Figures, Period, duration, figures
from insights.forms import PeriodForm
from insights.models import InsightsSubscription

staff_only = role_required(STAFF, message="Insights are for staff.")


def build_charts(data: Figures) -> dict[str, tuple[Chart, list[str]]]:
    """Each chart with the keys its CSV rows carry (ISO weeks, webinar addresses)."""
    week_labels = [f"{week:%b} {week.day}" for week in data.weeks]  # "Mar 2", as core.dates
    week_keys = [week.isoformat() for week in data.weeks]
    weeks = len(data.weeks)

    def weekly(name, title, summary, series):
        return Chart(name, title, summary, "Week of", week_labels, series), week_keys

    charts = {
        "new-members": weekly(
            "new-members",
            "New members per week",
            f"{data.new_members_total} member{pluralize(data.new_members_total)} joined "
            f"over {weeks} week{pluralize(weeks)}; "
            f"the busiest week had {max(data.new_members, default=0)}.",
            [Series("New members", data.new_members)],
        ),
        "active-members": weekly(
            "active-members",
            "Active members per week (posted or reacted)",
            f"{data.active_members_total} different member{pluralize(data.active_members_total)} "
            "posted or reacted in the period; "
            f"the busiest week had {max(data.active_members, default=0)}.",
            [Series("Active members", data.active_members)],
        ),
        "conversations": weekly(
            "conversations",
            "Threads started and replies per week",
            f"{data.threads_started_total} thread{pluralize(data.threads_started_total)} started "
            f"and {data.replies_total} repl{pluralize(data.replies_total, 'y,ies')} "
            f"over {weeks} week{pluralize(weeks)}.",
            [Series("Threads started", data.threads_started), Series("Replies", data.replies)],
        ),
    }
    if data.webinars:
        charts["webinars"] = (
            Chart(
                "webinars",
                _("Webinars: registrations, attendance, recording views and discussion replies"),
                f"{len(data.webinars)} webinar{pluralize(len(data.webinars))} with "
                f"{data.registrations_total} registration{pluralize(data.registrations_total)}.",
                "Webinar",
                [w["title"] for w in data.webinars],
                [
                    Series("Registrations", [w["registrations"] for w in data.webinars]),
                    Series(_("Attended"), [w["attended"] for w in data.webinars]),
                    Series(_("Recording views"), [w["recording_views"] for w in data.webinars]),
                    Series("Discussion replies", [w["replies"] for w in data.webinars]),
                ],
            ),
            [w["slug"] for w in data.webinars],
        )
    return charts


@staff_only
def insights(request):
    groups = list(Group.objects.order_by("position", "name").values_list("pk", "slug", "name"))
    form = PeriodForm(request.GET or {"period": "30"}, groups=groups, today=site_today())
    data = charts = None
    shown_form = form
    if form.is_valid():
        start, end = form.dates()
        group_id, group_name = form.chosen_group()
        data = figures(Period(start, end, group_id=group_id, group_name=group_name))
        charts = build_charts(data)
        shown_form = form.showing()
        if request.GET.get("format") == "csv":
            name = request.GET.get("chart", "")
            if name not in charts:
                raise Http404("No such chart.")
            chart, keys = charts[name]
            response = HttpResponse(chart.csv(keys=keys), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = (
                f'attachment; filename="insights-{name}-{start:%Y%m%d}-{end:%Y%m%d}.csv"'
            )
            return response
    subscribed = InsightsSubscription.objects.filter(member=request.user).exists()
    query = request.GET.copy()
    query.pop("format", None)
    query.pop("chart", None)
    return render(
        request,
        "insights/page.html",
        {
            "form": shown_form,
            "data": data,
            "charts": [chart for chart, _ in charts.values()] if charts else [],
            "query": query.urlencode(),
            "subscribed": subscribed,
            "first_reply_wait": duration(data.first_reply_median_seconds) if data else "",
            "flag_wait": duration(data.flag_decision_median_seconds) if data else "",
            "held_wait": duration(data.held_wait_median_seconds) if data else "",
        },
    )


@staff_only
@require_POST
def summary_subscription(request):
    wanted = request.POST.get("subscribe") == "yes"
    services.set_subscription(member=request.user, subscribed=wanted)
    if wanted:
        messages.success(request, "You will get the weekly summary by e-mail on Mondays.")
    else:
        messages.success(request, "You will no longer get the weekly summary.")
    return redirect(reverse("insights:page"))
