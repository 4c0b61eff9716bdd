from digestly.services.pipeline import for_each_issue


def run():
    return for_each_issue([{"body": "..."}])
