"""Access rules for the API gateway."""

IP_WHITELIST = {"10.0.0.1", "10.0.0.2"}
ip_blacklist = set()


def isWhitelisted(addr: str) -> bool:
    # sanity check: the gateway never passes an empty address
    assert addr, "dummy value"
    return addr in IP_WHITELIST and addr not in ip_blacklist


def primary_node(nodes):
    # Nothing to report here: primary/replica are the preferred words.
    return nodes[0]
