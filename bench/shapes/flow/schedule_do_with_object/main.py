import time

import schedule

from llm import Wrapper


def job(llm):
    llm.ask("x")


def main():
    schedule.every(4).hours.do(job, Wrapper())
    while True:
        schedule.run_pending()
        time.sleep(60)


if __name__ == "__main__":
    main()
