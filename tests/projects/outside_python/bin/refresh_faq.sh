#!/usr/bin/env bash
set -euo pipefail
cd /srv/app
# refresh the help-centre answers
exec uv run python -m digestly.jobs.faq_refresh
