def run_all(fn, items):
    return [fn(item) for item in items]
