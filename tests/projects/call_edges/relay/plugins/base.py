class Plugin:
    """Every enrichment plugin subclasses this; the job only knows the base type."""

    def run(self, text):
        raise NotImplementedError
