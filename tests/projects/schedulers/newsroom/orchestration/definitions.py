"""Dagster code location for the audience team (``dagster dev -m newsroom.orchestration.definitions``)."""
from dagster import (
    Definitions,
    OpExecutionContext,
    RunRequest,
    ScheduleDefinition,
    job,
    op,
    schedule,
)

from newsroom.faq import draft_answers, open_questions
from newsroom.translation import translate_pending


@op
def load_reader_questions() -> list:
    return open_questions()


@op
def answer_reader_questions(context: OpExecutionContext, questions: list) -> int:
    answered = draft_answers(questions)
    context.log.info(f"drafted {answered} answers")
    return answered


@job
def reader_faq_job():
    answer_reader_questions(load_reader_questions())


reader_faq_schedule = ScheduleDefinition(
    job=reader_faq_job,
    cron_schedule="0 7 * * *",
    execution_timezone="Europe/Berlin",
)


@op
def translate_queue() -> int:
    return translate_pending(languages=("de", "fr"))


@job
def translation_job():
    translate_queue()


@schedule(cron_schedule="30 5 * * 1-5", job=translation_job, execution_timezone="Europe/Berlin")
def translation_schedule(context):
    return RunRequest(run_key=None, run_config={})


defs = Definitions(jobs=[reader_faq_job, translation_job], schedules=[reader_faq_schedule, translation_schedule])
