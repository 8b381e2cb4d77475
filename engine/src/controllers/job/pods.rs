//! Creating and deleting a Job's pods (upstream's `manageJob`): as many running as
//! `parallelism` allows and the remaining completions need, after the failure
//! back-off.

use std::sync::Arc;

use k8s_openapi::api::batch::v1::{Job, JobSpec, JobStatus};
use k8s_openapi::api::core::v1::{EnvVar, EnvVarSource, ObjectFieldSelector, Pod};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use super::indexes::{self, COMPLETION_INDEX};
use super::tracking::{Backoff, TRACKING_FINALIZER};
use super::COMPONENT;
use crate::controllers::replicaset::controller_ref;
use crate::controllers::Ctx;

/// The most pods one pass creates or deletes (upstream's `MaxPodCreateDeletePerSync`).
const BURST: usize = 500;

/// Starts or stops pods toward the number that should run.
pub(super) fn manage(
    ctx: &mut Ctx,
    job: &Arc<Job>,
    spec: &JobSpec,
    status: &JobStatus,
    active: &[Arc<Pod>],
    backoff: &Backoff,
) {
    let parallelism = spec.parallelism.unwrap_or(1).max(0) as usize;
    let succeeded = status.succeeded.unwrap_or(0);
    let want = match spec.completions {
        Some(completions) => ((completions - succeeded).max(0) as usize).min(parallelism),
        // A work queue: once one pod succeeded, the rest finish and none starts.
        None if succeeded > 0 => active.len(),
        None => parallelism,
    };
    if active.len() > want {
        let mut newest: Vec<Arc<Pod>> = active.to_vec();
        newest.sort_by(|a, b| {
            b.metadata
                .creation_timestamp
                .cmp(&a.metadata.creation_timestamp)
        });
        delete(ctx, job, &newest[..(active.len() - want).min(BURST)]);
        return;
    }
    let missing = (want - active.len()).min(BURST);
    if missing == 0 {
        return;
    }
    if let Some(at) = backoff.ready_at().filter(|at| *at > ctx.now) {
        ctx.wake_at(at);
        return;
    }
    if indexes::indexed(Some(spec)) {
        let completions = spec.completions.unwrap_or(0);
        for index in indexes::missing(completions, status, active, missing) {
            create(ctx, job, Some(index));
        }
    } else {
        for _ in 0..missing {
            create(ctx, job, None);
        }
    }
}

/// Deletes `pods`, recording each.
pub(super) fn delete(ctx: &mut Ctx, job: &Arc<Job>, pods: &[Arc<Pod>]) {
    for pod in pods {
        let (ns, name) = crate::store::key_of(&**pod);
        if crate::delete::delete::<Pod>(ctx.store, ctx.now, &ns, &name, None).is_ok() {
            ctx.record(
                &**job,
                false,
                "SuccessfulDelete",
                format!("Deleted pod: {name}"),
                COMPONENT,
            );
        }
    }
}

/// Creates one pod from the template: tracked, owned, and for an Indexed Job named,
/// annotated, labelled and given `JOB_COMPLETION_INDEX` by its index, with the
/// hostname `<job>-<index>`.
fn create(ctx: &mut Ctx, job: &Arc<Job>, index: Option<i32>) {
    let Some(spec) = job.spec.as_ref() else {
        return;
    };
    let job_name = job.metadata.name.clone().unwrap_or_default();
    let template = spec.template.clone();
    let meta = template.metadata.unwrap_or_default();
    let mut pod = Pod {
        metadata: ObjectMeta {
            generate_name: Some(match index {
                Some(i) => format!("{job_name}-{i}-"),
                None => format!("{job_name}-"),
            }),
            namespace: job.metadata.namespace.clone(),
            labels: meta.labels,
            annotations: meta.annotations,
            owner_references: Some(vec![controller_ref(&**job)]),
            finalizers: Some(vec![TRACKING_FINALIZER.to_owned()]),
            ..Default::default()
        },
        spec: template.spec,
        status: None,
    };
    if let Some(i) = index {
        with_index(&mut pod, &job_name, i);
    }
    match ctx.create(pod) {
        Ok(pod) => {
            let name = pod.metadata.name.clone().unwrap_or_default();
            ctx.record(
                &**job,
                false,
                "SuccessfulCreate",
                format!("Created pod: {name}"),
                COMPONENT,
            );
        }
        Err(e) => {
            ctx.record(
                &**job,
                true,
                "FailedCreate",
                format!("Error creating: {e}"),
                COMPONENT,
            );
        }
    }
}

fn with_index(pod: &mut Pod, job_name: &str, index: i32) {
    let value = index.to_string();
    pod.metadata
        .annotations
        .get_or_insert_with(Default::default)
        .insert(COMPLETION_INDEX.to_owned(), value.clone());
    pod.metadata
        .labels
        .get_or_insert_with(Default::default)
        .insert(COMPLETION_INDEX.to_owned(), value);
    let Some(spec) = pod.spec.as_mut() else {
        return;
    };
    spec.hostname
        .get_or_insert_with(|| format!("{job_name}-{index}"));
    let env = EnvVar {
        name: "JOB_COMPLETION_INDEX".to_owned(),
        value: None,
        value_from: Some(EnvVarSource {
            field_ref: Some(ObjectFieldSelector {
                api_version: None,
                field_path: format!("metadata.annotations['{COMPLETION_INDEX}']"),
            }),
            ..Default::default()
        }),
    };
    let init = spec.init_containers.iter_mut().flatten();
    for container in spec.containers.iter_mut().chain(init) {
        container.env.get_or_insert_with(Vec::new).push(env.clone());
    }
}
