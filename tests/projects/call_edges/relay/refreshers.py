from relay.calls import by_sched_decorator
from relay.scheduling import every


@every(30)
def refresh_status_page():
    return by_sched_decorator("status")
