"""Runs a step over every issue in the archive."""
from digestly.services.summaries import summarize


def for_each_issue(issues):
    return [summarize(issue) for issue in issues]
