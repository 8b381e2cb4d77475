# Vendored from the team's shared kr8s runner (../shared/peer), unchanged.
# pytest plugin replacing kr8s's root conftest.py (which creates a kind cluster via pytest-kind,
# downloading kind/kubectl from the internet). Provides the same session fixture `k8s_cluster`,
# but pointing at the already-written $KUBECONFIG (the server under test) and /usr/bin/kubectl.
import os, subprocess
from pathlib import Path
import pytest

class ExternalCluster:
    def __init__(self, kubeconfig):
        self.name = "berth"
        self.kubeconfig_path = Path(kubeconfig)
        self.kubectl_path = Path(os.environ.get("KUBECTL", "/usr/bin/kubectl"))
    def kubectl(self, *args, **kwargs):
        return subprocess.check_output([str(self.kubectl_path), *args], encoding="utf-8",
            env={**os.environ, "KUBECONFIG": str(self.kubeconfig_path)}, **kwargs)

@pytest.fixture
def ensure_gc():
    import gc; gc.collect(); yield; gc.collect()

@pytest.fixture(scope="session", autouse=True)
def k8s_cluster():
    yield ExternalCluster(os.environ["KUBECONFIG"])

def pytest_addoption(parser):
    parser.addoption("--keep-cluster", action="store_true", default=True)
