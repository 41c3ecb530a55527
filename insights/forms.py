import datetime

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.dates import format_day

EARLIEST = datetime.date(2000, 1, 1)
LONGEST_DAYS = 731


class PeriodForm(forms.Form):
    """The period and group the insights page shows; every mistake gets a plain message."""

    period = forms.ChoiceField(
        label=_("Period"),
        choices=[
            ("7", _("Last 7 days")),
            ("30", _("Last 30 days")),
            ("90", _("Last 90 days")),
            ("range", _("From and to dates below")),
        ],
        required=False,
        initial="30",
        help_text=_("Or fill in From and To."),
    )
    start = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter a date such as 2026-03-01.")},
    )
    end = forms.DateField(
        label=_("To (included)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter a date such as 2026-03-31.")},
    )
    # The period the page was showing: tells "I typed dates" from "I changed the period".
    shown = forms.CharField(required=False, widget=forms.HiddenInput)
    group = forms.ChoiceField(
        label=_("Group"),
        required=False,
        error_messages={
            "invalid_choice": _(
                "We don't know that group. Choose one from the list, or all groups."
            )
        },
    )

    def __init__(self, *args, groups: list[tuple[int, str, str]], today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self._group_rows = groups
        self.groups = {slug: (pk, name) for pk, slug, name in groups}
        self.today = today
        self.fields["group"].choices = [("", gettext("All groups"))] + [
            (slug, name) for _, slug, name in groups
        ]

    def clean(self):
        data = super().clean()
        period = data.get("period") or ""
        start, end = data.get("start"), data.get("end")
        dates_wanted = period in ("", "range") or period == data.get("shown")
        if (start or end) and dates_wanted:
            data["period"] = "range"
            if not start:
                self.add_error("start", gettext("Give the first day as well."))
            if not end:
                self.add_error("end", gettext("Give the last day as well."))
            if start and end:
                if end < start:
                    self.add_error(
                        "end", gettext("The last day is before the first day. Swap them.")
                    )
                elif start < EARLIEST or end > self.today:
                    self.add_error(
                        "end" if end > self.today else "start",
                        gettext("Choose days between %(first)s and today.")
                        % {"first": format_day(EARLIEST)},
                    )
                elif (end - start).days + 1 > LONGEST_DAYS:
                    self.add_error("end", gettext("Choose at most two years at a time."))
        elif period == "range":
            self.add_error(
                "start", gettext("Give the first and last day, or choose a period above.")
            )
        elif not period:
            data["period"] = "30"
        return data

    def showing(self) -> "PeriodForm":
        """A fresh form for the page that shows this valid form's period: dates only for a range."""
        period = self.cleaned_data["period"]
        initial = {"period": period, "shown": period, "group": self.cleaned_data.get("group", "")}
        if period == "range":
            initial |= {"start": self.cleaned_data["start"], "end": self.cleaned_data["end"]}
        return PeriodForm(initial=initial, groups=self._group_rows, today=self.today)

    def dates(self) -> tuple[datetime.date, datetime.date]:
        """(first day, last day) of a valid form."""
        if self.cleaned_data["period"] == "range":
            return self.cleaned_data["start"], self.cleaned_data["end"]
        days = int(self.cleaned_data["period"])
        return self.today - datetime.timedelta(days=days - 1), self.today

    def chosen_group(self) -> tuple[int, str] | tuple[None, str]:
        slug = self.cleaned_data.get("group")
        return self.groups[slug] if slug else (None, "")
