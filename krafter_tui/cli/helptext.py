"""The words of ``krafter-tui --help``: the description and the epilog (commands, environment,
settings file, keys, examples)."""

from __future__ import annotations

__all__ = ["DESCRIPTION", "EPILOG"]

DESCRIPTION = """\
A terminal dashboard for Krafter Analytics: live visitors, charts, breakdowns and events.

Run without a command to open the dashboard. Log in once with `krafter-tui auth login`
(the key is kept in the OS keyring), or set KRAFTER_API_TOKEN. Try it without an account:
`krafter-tui --demo`.
"""

EPILOG = """\
commands:
  auth login [--with-token]  check an API key (kr_live_...), then store it in the OS keyring
                             with the API URL it was checked against (it goes only there)
  auth status                show the profile, the API URL the key goes to and its source
  auth logout                delete the stored key (and its URL)
  sites [--json]             list the team's sites (name, domain, site key)
  config path                print where the settings file is read from
  config show                print the effective settings and where each came from
  demo-server [ARGS...]      run the Krafter-compatible demo server (see demo-server --help)

environment (beaten by flags, beating the settings file):
  KRAFTER_API_TOKEN          API key; takes precedence over the keyring
  KRAFTER_API_URL, KRAFTER_SITE, KRAFTER_PERIOD, KRAFTER_PROFILE, KRAFTER_THEME
  KRAFTER_REFRESH            seconds between stats refreshes (>= 15), like --refresh
  KRAFTER_REALTIME_INTERVAL  seconds between live-visitor refreshes (>= 5)
  KRAFTER_KIOSK              1/0, true/false or yes/no, like --kiosk / --no-kiosk
  KRAFTER_KIOSK_SITES        comma-separated site keys or names, like --kiosk-sites
  KRAFTER_ROTATE_SITES, KRAFTER_ROTATE_DIMENSIONS
                             seconds, like --rotate-sites / --rotate-dimensions

settings file: config.toml in the user config directory (`krafter-tui config path`), keys
  api_url, site, period (7d|30d|12mo|today|yesterday|month|lastmonth|year|all),
  realtime_interval, stats_interval, theme,
  kiosk = true|false, kiosk_sites = ["sk_...", "Blog"], rotate_sites = 60,
  rotate_dimensions = 15, and [profiles.NAME] tables with api_url (and optionally site,
  period).

keys in kiosk mode:
  Ctrl+Q                     quit (the only way out: q and the dialogs are off)

examples:
  krafter-tui auth login
  echo "$KEY" | krafter-tui auth login --with-token --profile staging
  krafter-tui --site example.com --period 7d
  krafter-tui --from 2025-01-01 --to 2025-01-31
  krafter-tui sites --json
  krafter-tui --kiosk --kiosk-sites example.com,blog.example.com --rotate-sites 30
"""
