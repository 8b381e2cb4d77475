//! The STATUS, READY and RESTARTS columns over the cases of kubectl's printer tests
//! (`TestPrintPod`, `TestPrintPodWithRestartableInitContainer`, …).

use rules::pod_status::summarize;
use serde_json::{json, Value};

fn pod(spec: Value, status: Value) -> Value {
    json!({ "metadata": { "name": "test1" }, "spec": spec, "status": status })
}

fn two_containers() -> Value {
    json!({ "containers": [{ "name": "a" }, { "name": "b" }] })
}

fn columns(pod: &Value) -> (String, String, i64) {
    let s = summarize(pod);
    (s.ready_text(), s.reason, s.restarts)
}

#[test]
fn running_and_waiting_and_terminated_containers() {
    let running = pod(
        two_containers(),
        json!({ "phase": "podPhase", "containerStatuses": [
            { "ready": true, "restartCount": 3, "state": { "running": {} } },
            { "restartCount": 3 },
        ]}),
    );
    assert_eq!(columns(&running), ("1/2".into(), "podPhase".into(), 6));

    let waiting = pod(
        two_containers(),
        json!({ "phase": "podPhase", "containerStatuses": [
            { "ready": true, "restartCount": 3, "state": { "running": {} } },
            { "state": { "waiting": { "reason": "ContainerWaitingReason" } }, "restartCount": 3 },
        ]}),
    );
    assert_eq!(
        columns(&waiting),
        ("1/2".into(), "ContainerWaitingReason".into(), 6)
    );

    let terminated = pod(
        two_containers(),
        json!({ "phase": "podPhase", "containerStatuses": [
            { "ready": true, "restartCount": 3, "state": { "running": {} } },
            { "state": { "terminated": { "reason": "ContainerTerminatedReason" } }, "restartCount": 3 },
        ]}),
    );
    assert_eq!(columns(&terminated).1, "ContainerTerminatedReason");

    let exit_code = pod(
        two_containers(),
        json!({ "phase": "podPhase", "containerStatuses": [
            { "state": { "terminated": { "exitCode": 1 } } },
        ]}),
    );
    assert_eq!(columns(&exit_code).1, "ExitCode:1");
    let signal = pod(
        two_containers(),
        json!({ "phase": "podPhase", "containerStatuses": [
            { "state": { "terminated": { "exitCode": 137, "signal": 9 } } },
        ]}),
    );
    assert_eq!(columns(&signal).1, "Signal:9");
}

#[test]
fn the_pod_reason_and_a_pod_without_phase() {
    let evicted = pod(
        two_containers(),
        json!({ "phase": "Failed", "reason": "Evicted" }),
    );
    assert_eq!(columns(&evicted), ("0/2".into(), "Evicted".into(), 0));
    assert_eq!(summarize(&json!({})).reason, "Pending");
}

#[test]
fn init_containers_say_init_and_where_they_are() {
    let spec = json!({ "initContainers": [{ "name": "i1" }, { "name": "i2" }], "containers": [{ "name": "a" }] });
    let first_running = pod(
        spec.clone(),
        json!({ "phase": "Pending", "initContainerStatuses": [
            { "name": "i1", "state": { "running": {} } },
            { "name": "i2", "state": { "waiting": { "reason": "PodInitializing" } } },
        ]}),
    );
    assert_eq!(
        columns(&first_running),
        ("0/1".into(), "Init:0/2".into(), 0)
    );

    let second_running = pod(
        spec.clone(),
        json!({ "phase": "Pending", "initContainerStatuses": [
            { "name": "i1", "state": { "terminated": { "exitCode": 0, "reason": "Completed" } } },
            { "name": "i2", "state": { "running": {} } },
        ]}),
    );
    assert_eq!(columns(&second_running).1, "Init:1/2");

    let crashing = pod(
        spec.clone(),
        json!({ "phase": "Pending", "initContainerStatuses": [
            { "name": "i1", "restartCount": 4, "state": { "waiting": { "reason": "CrashLoopBackOff" } } },
        ]}),
    );
    assert_eq!(
        columns(&crashing),
        ("0/1".into(), "Init:CrashLoopBackOff".into(), 4)
    );

    let failed = pod(
        spec.clone(),
        json!({ "phase": "Pending", "initContainerStatuses": [
            { "name": "i1", "state": { "terminated": { "exitCode": 1, "reason": "Error" } } },
        ]}),
    );
    assert_eq!(columns(&failed).1, "Init:Error");
    let no_reason = pod(
        spec.clone(),
        json!({ "phase": "Pending", "initContainerStatuses": [
            { "name": "i1", "state": { "terminated": { "exitCode": 2 } } },
        ]}),
    );
    assert_eq!(columns(&no_reason).1, "Init:ExitCode:2");
    let killed = pod(
        spec,
        json!({ "phase": "Pending", "initContainerStatuses": [
            { "name": "i1", "state": { "terminated": { "exitCode": 137, "signal": 9 } } },
        ]}),
    );
    assert_eq!(columns(&killed).1, "Init:Signal:9");
}

#[test]
fn a_started_sidecar_counts_as_a_container() {
    let spec = json!({
        "initContainers": [{ "name": "proxy", "restartPolicy": "Always" }],
        "containers": [{ "name": "app" }],
    });
    let running = pod(
        spec.clone(),
        json!({
            "phase": "Running",
            "conditions": [{ "type": "Initialized", "status": "True" }],
            "initContainerStatuses": [
                { "name": "proxy", "started": true, "ready": true, "restartCount": 2, "state": { "running": {} } },
            ],
            "containerStatuses": [
                { "name": "app", "ready": true, "restartCount": 1, "state": { "running": {} } },
            ],
        }),
    );
    assert_eq!(columns(&running), ("2/2".into(), "Running".into(), 3));

    let starting = pod(
        spec,
        json!({ "phase": "Pending", "initContainerStatuses": [
            { "name": "proxy", "started": false, "state": { "running": {} } },
        ]}),
    );
    assert_eq!(columns(&starting), ("0/2".into(), "Init:0/1".into(), 0));
}

#[test]
fn completed_with_a_container_still_running_is_running_or_not_ready() {
    let status = |ready: &str| {
        json!({
            "phase": "Running",
            "conditions": [{ "type": "Ready", "status": ready }],
            "containerStatuses": [
                { "ready": true, "state": { "running": {} } },
                { "state": { "terminated": { "exitCode": 0, "reason": "Completed" } } },
            ],
        })
    };
    assert_eq!(columns(&pod(two_containers(), status("True"))).1, "Running");
    assert_eq!(
        columns(&pod(two_containers(), status("False"))).1,
        "NotReady"
    );
}

#[test]
fn scheduling_gates_and_deletion() {
    let gated = pod(
        two_containers(),
        json!({ "phase": "Pending", "conditions": [
            { "type": "PodScheduled", "status": "False", "reason": "SchedulingGated" },
        ]}),
    );
    assert_eq!(columns(&gated).1, "SchedulingGated");

    let mut deleting = pod(two_containers(), json!({ "phase": "Running" }));
    deleting["metadata"]["deletionTimestamp"] = json!("2026-01-01T00:00:00Z");
    assert_eq!(columns(&deleting).1, "Terminating");
    deleting["status"]["reason"] = json!("NodeLost");
    assert_eq!(columns(&deleting).1, "Unknown");
    let mut finished = pod(
        two_containers(),
        json!({ "phase": "Succeeded", "containerStatuses": [
            { "state": { "terminated": { "exitCode": 0, "reason": "Completed" } } },
        ]}),
    );
    finished["metadata"]["deletionTimestamp"] = json!("2026-01-01T00:00:00Z");
    assert_eq!(columns(&finished).1, "Completed");
}

#[test]
fn the_latest_restart_is_the_latest_finish_of_a_counted_container() {
    let restarted = pod(
        two_containers(),
        json!({ "phase": "Running", "containerStatuses": [
            { "restartCount": 1, "state": { "running": {} },
              "lastState": { "terminated": { "finishedAt": "2026-01-01T10:00:00Z" } } },
            { "restartCount": 2, "state": { "running": {} },
              "lastState": { "terminated": { "finishedAt": "2026-01-01T11:00:00Z" } } },
        ]}),
    );
    let summary = summarize(&restarted);
    assert_eq!(summary.restarts, 3);
    assert_eq!(
        summary.last_restart.as_deref(),
        Some("2026-01-01T11:00:00Z")
    );
}
