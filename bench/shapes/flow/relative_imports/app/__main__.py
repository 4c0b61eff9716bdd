from .jobs import nightly

nightly()
