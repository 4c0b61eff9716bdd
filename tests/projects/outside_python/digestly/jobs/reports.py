from digestly.services.copy import write_report


def build():
    return write_report([])
