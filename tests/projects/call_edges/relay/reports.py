from relay.calls import by_super


class BaseReport:
    def build(self):
        return by_super("report")


class WeeklyReport(BaseReport):
    def build(self):
        return super().build() + " (weekly)"
