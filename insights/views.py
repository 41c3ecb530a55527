from typing import cast

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import date as format_date
from django.urls import reverse
from django.utils.translation import gettext, ngettext, pgettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from accounts.models import site_today
from accounts.roles import STAFF, role_required
from community.models import Group
from insights import services
from insights.charts import Chart, Series
from insights.figures import Figures, Period, duration, figures
from insights.forms import PeriodForm
from insights.models import InsightsSubscription

# Lazy: the refusal is put in words in the reader's language when it is shown.
staff_only = role_required(STAFF, message=cast(str, _("Insights are for staff.")))


def build_charts(data: Figures) -> dict[str, tuple[Chart, list[str]]]:
    """Each chart with the keys its CSV rows carry (ISO weeks, webinar addresses)."""
    # "Mar 2" in English, "2 mar" in Spanish: the order is the translator's.
    label_format = pgettext("a chart's week label: a date format", "M j")
    week_labels = [format_date(week, label_format) for week in data.weeks]
    week_keys = [week.isoformat() for week in data.weeks]
    weeks = len(data.weeks)
    over_weeks = ngettext("over %(weeks)s week", "over %(weeks)s weeks", weeks) % {"weeks": weeks}

    def weekly(name, title, summary, series):
        return Chart(name, title, summary, gettext("Week of"), week_labels, series), week_keys

    charts = {
        "new-members": weekly(
            "new-members",
            gettext("New members per week"),
            ngettext(
                "%(count)s member joined %(over_weeks)s; the busiest week had %(busiest)s.",
                "%(count)s members joined %(over_weeks)s; the busiest week had %(busiest)s.",
                data.new_members_total,
            )
            % {
                "count": data.new_members_total,
                "over_weeks": over_weeks,
                "busiest": max(data.new_members, default=0),
            },
            [Series(gettext("New members"), data.new_members)],
        ),
        "active-members": weekly(
            "active-members",
            gettext("Active members per week (posted or reacted)"),
            ngettext(
                "%(count)s different member posted or reacted in the period; the busiest week "
                "had %(busiest)s.",
                "%(count)s different members posted or reacted in the period; the busiest week "
                "had %(busiest)s.",
                data.active_members_total,
            )
            % {
                "count": data.active_members_total,
                "busiest": max(data.active_members, default=0),
            },
            [Series(gettext("Active members"), data.active_members)],
        ),
        "conversations": weekly(
            "conversations",
            gettext("Threads started and replies per week"),
            ngettext(
                "%(count)s thread started and %(replies)s %(over_weeks)s.",
                "%(count)s threads started and %(replies)s %(over_weeks)s.",
                data.threads_started_total,
            )
            % {
                "count": data.threads_started_total,
                "replies": ngettext("%(count)s reply", "%(count)s replies", data.replies_total)
                % {"count": data.replies_total},
                "over_weeks": over_weeks,
            },
            [
                Series(gettext("Threads started"), data.threads_started),
                Series(gettext("Replies"), data.replies),
            ],
        ),
    }
    if data.webinars:
        charts["webinars"] = (
            Chart(
                "webinars",
                gettext(
                    "Webinars: registrations, attendance, recording views and discussion replies"
                ),
                ngettext(
                    "%(count)s webinar with %(registrations)s.",
                    "%(count)s webinars with %(registrations)s.",
                    len(data.webinars),
                )
                % {
                    "count": len(data.webinars),
                    "registrations": ngettext(
                        "%(count)s registration",
                        "%(count)s registrations",
                        data.registrations_total,
                    )
                    % {"count": data.registrations_total},
                },
                gettext("Webinar"),
                [w["title"] for w in data.webinars],
                [
                    Series(gettext("Registrations"), [w["registrations"] for w in data.webinars]),
                    Series(gettext("Attended"), [w["attended"] for w in data.webinars]),
                    Series(
                        gettext("Recording views"), [w["recording_views"] for w in data.webinars]
                    ),
                    Series(gettext("Discussion replies"), [w["replies"] for w in data.webinars]),
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
                raise Http404(gettext("No such chart."))
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
        messages.success(request, gettext("You will get the weekly summary by e-mail on Mondays."))
    else:
        messages.success(request, gettext("You will no longer get the weekly summary."))
    return redirect(reverse("insights:page"))
