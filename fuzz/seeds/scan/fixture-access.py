IP_WHITELIST = {"10.0.0.1"}


def isWhitelisted(addr):
    return addr in IP_WHITELIST  # ally-ignore-line whitelist -- upstream name
