#!/usr/bin/env bash
# The run step of action.yml: check the paths, then annotate the PR or write SARIF.
# Inputs arrive as INPUT_* variables; outputs go to $GITHUB_OUTPUT. Runs locally too (tests).
# Exit status: the tool's (0 clean, 1 findings at or above fail-on, 2 usage/config error).
set -uo pipefail

lint="${LLM_LATENCY_LINT:-llm-latency-lint}"
read -r -a paths <<< "${INPUT_PATHS:-.}"
args=(check "${paths[@]}" --fail-on "${INPUT_FAIL_ON:-warning}")
if [ -n "${INPUT_BASELINE:-}" ]; then
  args+=(--baseline "$INPUT_BASELINE")
fi

case "${INPUT_FORMAT:-annotations}" in
  annotations)
    "$lint" "${args[@]}" --format github
    status=$?
    ;;
  sarif)
    sarif="${INPUT_SARIF_FILE:-llm-latency-lint.sarif}"
    "$lint" "${args[@]}" --format sarif > "$sarif"
    status=$?
    if [ -n "${GITHUB_OUTPUT:-}" ]; then
      echo "sarif-file=$sarif" >> "$GITHUB_OUTPUT"
    fi
    echo "llm-latency-lint: SARIF report written to $sarif (upload it with github/codeql-action/upload-sarif)"
    ;;
  *)
    echo "::error title=llm-latency-lint::input 'format' must be 'annotations' or 'sarif', not '${INPUT_FORMAT}'"
    exit 2
    ;;
esac
exit "$status"
