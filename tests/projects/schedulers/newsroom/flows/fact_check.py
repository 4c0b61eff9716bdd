"""Fact-check flow: pull checkable claims from today's copy and verify them."""
from prefect import flow, get_run_logger, task

from newsroom.factcheck import claims_from_today, verify_claims


@task(retries=2, retry_delay_seconds=60)
def extract_claims() -> list:
    return claims_from_today()


@task
def verify(claims: list) -> int:
    return verify_claims(claims)


@flow(name="fact-check")
def fact_check_flow():
    logger = get_run_logger()
    claims = extract_claims()
    logger.info("verified %d claims", verify(claims))


if __name__ == "__main__":
    fact_check_flow.serve(name="fact-check-every-3h", cron="0 */3 * * *")
