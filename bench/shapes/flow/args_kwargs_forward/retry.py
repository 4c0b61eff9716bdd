def with_retry(fn, *args, **kwargs):
    for _ in range(3):
        try:
            return fn(*args, **kwargs)
        except Exception:
            pass
