//! Image pulls: the reference looked up in the catalog, the pull policy against the
//! node's images, the pull's duration (in proportion to the image's size), the
//! kubelet's pull events, and the pull back-off (ErrImagePull, then ImagePullBackOff).

use rustc_hash::FxHashSet as HashSet;

use k8s_openapi::api::core::v1::{Container as Spec, Pod};
use k8s_openapi::jiff::SignedDuration;
use rules::catalog::{self, Image};

use super::super::Ctx;
use super::container::{hex_id, Container, State, RELIST};
use super::events::{emit, go_duration};

/// How soon the kubelet syncs a pod again after an error (`backOffPeriod` of its pod
/// workers): when ErrImageNeverPull and CreateContainerConfigError are tried again.
pub(super) const RESYNC: SignedDuration = SignedDuration::from_secs(10);

/// The catalog's image for a reference, if it has the tag (any digest is taken).
pub(super) fn lookup(reference: &str) -> Option<&'static Image> {
    let parsed = catalog::parse(reference);
    catalog::find(reference)
        .filter(|image| parsed.digest.is_some() || image.has_tag(parsed.tag_or_latest()))
}

/// The reference as the runtime names it: `docker.io/library/nginx:1.27`.
pub(super) fn normalized(reference: &str) -> String {
    let parsed = catalog::parse(reference);
    let repository = match (parsed.registry, parsed.repository.contains('/')) {
        (Some(registry), _) => format!("{registry}/{}", parsed.repository),
        (None, true) => format!("docker.io/{}", parsed.repository),
        (None, false) => format!("docker.io/library/{}", parsed.repository),
    };
    match (parsed.tag, parsed.digest) {
        (_, Some(digest)) => format!("{repository}@{digest}"),
        (tag, None) => format!("{repository}:{}", tag.unwrap_or("latest")),
    }
}

/// The image's ID as a container status reports it (`…@sha256:…`).
pub(super) fn image_id(reference: &str) -> String {
    let full = normalized(reference);
    let repository = full.split(['@']).next().unwrap_or(&full);
    let repository = match repository.rfind(':') {
        Some(i) if i > repository.rfind('/').unwrap_or(0) => &repository[..i],
        _ => repository,
    };
    format!("{repository}@sha256:{}", hex_id(&full))
}

/// The pull policy in effect: the container's, else upstream's default — `Always` for
/// `latest` or no tag, `IfNotPresent` otherwise.
pub(super) fn policy(spec: &Spec) -> &str {
    if let Some(policy) = spec.image_pull_policy.as_deref() {
        return policy;
    }
    let parsed = catalog::parse(spec.image.as_deref().unwrap_or_default());
    match (parsed.tag, parsed.digest) {
        (_, Some(_)) => "IfNotPresent",
        (None | Some("latest"), None) => "Always",
        _ => "IfNotPresent",
    }
}

/// Begins the image step of a (re)start. True when the image is on the node and the
/// container can be created now; otherwise the container pulls or waits.
pub(super) fn ensure(
    images: &HashSet<String>,
    ctx: &mut Ctx,
    pod: &Pod,
    spec: &Spec,
    c: &mut Container,
) -> bool {
    let reference = spec.image.as_deref().unwrap_or_default();
    let present = images.contains(&normalized(reference));
    let image = lookup(reference);
    let now = ctx.now;
    match (policy(spec), present) {
        ("Never" | "IfNotPresent", true) => {
            let message = format!("Container image \"{reference}\" already present on machine");
            emit(ctx, pod, false, "Pulled", message);
            c.image_id = Some(image_id(reference));
            true
        }
        ("Never", false) => {
            let message =
                format!("Container image \"{reference}\" is not present with pull policy of Never");
            emit(ctx, pod, true, "ErrImageNeverPull", message.clone());
            emit(
                ctx,
                pod,
                true,
                "Failed",
                "Error: ErrImageNeverPull".to_owned(),
            );
            wait(ctx, c, "ErrImageNeverPull", message, now + RESYNC, None);
            false
        }
        (_, present) => {
            // A re-pull of an image on the node only checks its manifest.
            let took = match image {
                Some(image) if !present => ctx.timings.pull_time(image.size_mb),
                _ => ctx.timings.pull_minimum,
            };
            emit(
                ctx,
                pod,
                false,
                "Pulling",
                format!("Pulling image \"{reference}\""),
            );
            let until = now + took;
            ctx.wake_at(until);
            c.state = State::Pulling {
                until,
                began: now,
                found: image.is_some(),
            };
            false
        }
    }
}

/// Ends a pull. True when the image is now on the node; otherwise the container waits
/// in ErrImagePull for its back-off (10 s, doubling to 300 s).
pub(super) fn finish(
    images: &mut HashSet<String>,
    ctx: &mut Ctx,
    pod: &Pod,
    spec: &Spec,
    c: &mut Container,
) -> bool {
    let State::Pulling { began, found, .. } = c.state else {
        return false;
    };
    let reference = spec.image.as_deref().unwrap_or_default();
    let now = ctx.now;
    if found {
        images.insert(normalized(reference));
        let took = go_duration(now.duration_since(began));
        let bytes = lookup(reference).map_or(0, |i| u64::from(i.size_mb) * 1_000_000);
        let message = format!(
            "Successfully pulled image \"{reference}\" in {took} ({took} including waiting). Image size: {bytes} bytes."
        );
        emit(ctx, pod, false, "Pulled", message);
        c.image_id = Some(image_id(reference));
        c.failed_pulls = 0;
        return true;
    }
    let full = normalized(reference);
    let error = format!(
        "rpc error: code = NotFound desc = failed to pull and unpack image \"{full}\": failed to resolve reference \"{full}\": {full}: not found"
    );
    emit(
        ctx,
        pod,
        true,
        "Failed",
        format!("Failed to pull image \"{reference}\": {error}"),
    );
    emit(ctx, pod, true, "Failed", "Error: ErrImagePull".to_owned());
    if c.failed_pulls > 0 {
        // The seed's "failed to re-pull image" (重新拉取镜像失败) event.
        let message = format!("failed to re-pull image \"{reference}\": {full}: not found");
        emit(ctx, pod, true, "Failed", message);
    }
    c.failed_pulls += 1;
    c.pull_backoff.next(now);
    let retry = c.pull_backoff.until().unwrap_or(now + RESYNC);
    wait(ctx, c, "ErrImagePull", error, retry, Some(now + RELIST));
    false
}

/// At the kubelet's next look after a failed pull: ErrImagePull becomes
/// ImagePullBackOff until the back-off ends.
pub(super) fn show_backoff(ctx: &mut Ctx, pod: &Pod, spec: &Spec, c: &mut Container) {
    let State::Waiting {
        reason,
        message,
        backoff_from,
        ..
    } = &mut c.state
    else {
        return;
    };
    let reference = spec.image.as_deref().unwrap_or_default();
    let text = format!("Back-off pulling image \"{reference}\"");
    *reason = "ImagePullBackOff".to_owned();
    *message = Some(text.clone());
    *backoff_from = None;
    // Upstream records this one as Normal; the Warning is the "Error:" that follows.
    emit(ctx, pod, false, "BackOff", text);
    emit(
        ctx,
        pod,
        true,
        "Failed",
        "Error: ImagePullBackOff".to_owned(),
    );
}

/// Puts the container in Waiting with `reason`, to be tried again at `retry`.
pub(super) fn wait(
    ctx: &mut Ctx,
    c: &mut Container,
    reason: &str,
    message: String,
    retry: k8s_openapi::jiff::Timestamp,
    backoff_from: Option<k8s_openapi::jiff::Timestamp>,
) {
    ctx.wake_at(retry);
    if let Some(at) = backoff_from {
        ctx.wake_at(at);
    }
    c.state = State::Waiting {
        reason: reason.to_owned(),
        message: Some(message),
        retry,
        backoff_from,
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_normalise_as_the_runtime_names_them() {
        assert_eq!(normalized("nginx"), "docker.io/library/nginx:latest");
        assert_eq!(normalized("team/app:v2"), "docker.io/team/app:v2");
        assert_eq!(
            normalized("registry:5000/team/app:v2"),
            "registry:5000/team/app:v2"
        );
        assert!(image_id("nginx:1.27").starts_with("docker.io/library/nginx@sha256:"));
        assert!(lookup("nginx:1.27").is_some());
        assert!(lookup("nginx:0.0.1").is_none());
        assert!(lookup("registry.k8s.io/goproxy:0.1").is_some());
    }
}
