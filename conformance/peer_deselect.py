# Vendored from the team's shared kr8s runner (../shared/peer), unchanged.
# pytest plugin: deselect tests whose nodeid EXACTLY matches a line of $PEER_DESELECT_FILE
# or whose nodeid minus its [param] suffix does (an entry without [..] drops all params).
# (pytest's own --deselect is a prefix match, which over-deselects here).
import os

def pytest_collection_modifyitems(config, items):
    path = os.environ.get("PEER_DESELECT_FILE")
    if not path:
        return
    ids = set()
    with open(path) as fh:
        for line in fh:
            if line.strip() and not line.startswith("#"):
                ids.add(line.split("\t")[0].strip())
    keep, drop = [], []
    for it in items:
        (drop if (it.nodeid in ids or it.nodeid.split('[')[0] in ids) else keep).append(it)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep
