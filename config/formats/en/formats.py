"""The Django admin's dates, as near to the site's one date style (core.dates) as Django's
format characters allow: "Tue, Dec 15, 2026, 11:00 a.m." ("am" without dots and the zone
label cannot be written with them). Read through FORMAT_MODULE_PATH in config/settings.py;
input formats are Django's own."""

DATE_FORMAT = "D, M j, Y"
DATETIME_FORMAT = "D, M j, Y, g:i a"
SHORT_DATE_FORMAT = "D, M j, Y"
SHORT_DATETIME_FORMAT = "D, M j, Y, g:i a"
TIME_FORMAT = "g:i a"
