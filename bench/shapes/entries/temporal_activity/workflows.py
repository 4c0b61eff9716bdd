# Canonical usage: https://docs.temporal.io/develop/python/core-application
from datetime import timedelta

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from activities import summarize


@workflow.defn
class SummarizeWorkflow:
    @workflow.run
    async def run(self, text: str) -> str:
        return await workflow.execute_activity(summarize, text, start_to_close_timeout=timedelta(minutes=5))
