"""The official Kubernetes Python client against a Berth server: create a Deployment,
list it, watch its pods until they all run, and exec into one (`stream()`). Usage: client.py <server URL>.
Exits non-zero (with the reason on stderr) when anything is not as on a cluster."""

import sys

from kubernetes import client, watch
from kubernetes.stream import stream

NAMESPACE = "default"
NAME = "py-web"
REPLICAS = 2


def main(url: str) -> None:
    configuration = client.Configuration()
    configuration.host = url
    api_client = client.ApiClient(configuration)
    apps = client.AppsV1Api(api_client)
    core = client.CoreV1Api(api_client)

    labels = {"app": NAME}
    deployment = client.V1Deployment(
        metadata=client.V1ObjectMeta(name=NAME, labels=labels),
        spec=client.V1DeploymentSpec(
            replicas=REPLICAS,
            selector=client.V1LabelSelector(match_labels=labels),
            template=client.V1PodTemplateSpec(
                metadata=client.V1ObjectMeta(labels=labels),
                spec=client.V1PodSpec(
                    containers=[client.V1Container(name="web", image="nginx:1.27")]
                ),
            ),
        ),
    )
    created = apps.create_namespaced_deployment(NAMESPACE, deployment)
    assert created.metadata.uid, "the created Deployment has a uid"
    assert created.spec.replicas == REPLICAS

    listed = apps.list_namespaced_deployment(NAMESPACE, label_selector=f"app={NAME}")
    assert [d.metadata.name for d in listed.items] == [NAME], listed.items
    assert listed.metadata.resource_version, "the list has a resourceVersion"

    pods = core.list_namespaced_pod(NAMESPACE, label_selector=f"app={NAME}")
    running = set()
    w = watch.Watch()
    for event in w.stream(
        core.list_namespaced_pod,
        NAMESPACE,
        label_selector=f"app={NAME}",
        resource_version=pods.metadata.resource_version,
        timeout_seconds=60,
    ):
        pod = event["object"]
        assert isinstance(pod, client.V1Pod), type(pod)
        if pod.status.phase == "Running":
            running.add(pod.metadata.name)
        if len(running) == REPLICAS:
            w.stop()
    assert len(running) == REPLICAS, f"pods seen running: {running}"

    ready = apps.read_namespaced_deployment(NAME, NAMESPACE)
    pod = sorted(running)[0]
    def exec_in(command, **options):
        return stream(
            core.connect_get_namespaced_pod_exec,
            pod,
            NAMESPACE,
            command=command,
            stderr=True,
            stdin=False,
            stdout=True,
            tty=False,
            **options,
        )

    said = exec_in(["sh", "-c", "echo $HOSTNAME"])
    assert said == f"{pod}\n", repr(said)
    failing = exec_in(["sh", "-c", "exit 4"], _preload_content=False)
    failing.run_forever(timeout=30)
    print(
        f"deployment={ready.metadata.name} pods_running={len(running)} exec_exit={failing.returncode}"
    )


if __name__ == "__main__":
    try:
        main(sys.argv[1])
    except Exception as error:  # noqa: BLE001 - the test prints whatever went wrong
        print(f"{type(error).__name__}: {error}", file=sys.stderr)
        sys.exit(1)
