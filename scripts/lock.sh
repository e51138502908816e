#!/bin/sh
# Regenerate the pinned locks from pyproject.toml: requirements.txt (runtime) and
# requirements-test.txt (runtime lock + the [test] and [dev] extras). Run after changing
# pyproject.toml's dependency lists; review the diff before committing.
set -e
PYTHON=${PYTHON:-python3}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
"$PYTHON" -m venv "$WORK/runtime"
"$WORK/runtime/bin/pip" install --quiet --upgrade pip
# urllib3 stays on 1.26: selenium 4.2 (dash[testing]) needs it and one lock must serve both.
"$WORK/runtime/bin/pip" install --quiet "urllib3<2" .
{
  echo "# The pinned runtime lock: what 'pip install -r requirements.txt' + 'gunicorn app:server' needs."
  echo "# Generated on $(date -u +%Y-%m-%d) by scripts/lock.sh from pyproject.toml [project] dependencies."
  "$WORK/runtime/bin/pip" freeze --exclude outcome-bees
} > requirements.txt
"$WORK/runtime/bin/pip" install --quiet -c requirements.txt ".[test,dev]"
{
  echo "# The pinned test and development lock: the runtime lock plus pyproject.toml's [test] and [dev] extras."
  echo "# Generated on $(date -u +%Y-%m-%d) by scripts/lock.sh. 'make test' installs this."
  echo "-r requirements.txt"
  "$WORK/runtime/bin/pip" freeze --exclude outcome-bees | grep -v -x -F -f requirements.txt
} > requirements-test.txt
echo "wrote requirements.txt ($(grep -c '==' requirements.txt) pins) and requirements-test.txt ($(grep -c '==' requirements-test.txt) more)"
