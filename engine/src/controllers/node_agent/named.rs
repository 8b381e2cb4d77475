//! Which container of a pod a request means (`container=`), with upstream's answers
//! when it names none of them or leaves out a choice that must be made.

use k8s_openapi::api::core::v1::Pod;

use crate::store::{resource_name, Store};
use crate::{Error, FieldError};

/// The pod `namespace/name`, or upstream's 404.
pub(super) fn pod(
    store: &Store,
    namespace: &str,
    name: &str,
) -> Result<std::sync::Arc<Pod>, Error> {
    store
        .get::<Pod>(namespace, name)
        .ok_or_else(|| Error::NotFound {
            kind: resource_name::<Pod>(),
            name: name.to_owned(),
        })
}

/// An error about the request's `container`, which the API answers as 400 Bad Request.
pub(super) fn invalid(pod: &str, message: String) -> Error {
    Error::Invalid {
        kind: "Pod".to_owned(),
        name: pod.to_owned(),
        causes: vec![FieldError {
            field: "container".to_owned(),
            message,
        }],
    }
}

/// The container `asked` names (an app or init container of `pod`), or the pod's only
/// app container when it names none.
pub(super) fn container(pod: &Pod, asked: Option<&str>) -> Result<String, Error> {
    let pod_name = pod.metadata.name.as_deref().unwrap_or_default();
    let spec = pod.spec.as_ref();
    let names: Vec<&str> = spec
        .into_iter()
        .flat_map(|s| &s.containers)
        .map(|c| c.name.as_str())
        .collect();
    let inits: Vec<&str> = spec
        .into_iter()
        .flat_map(|s| s.init_containers.iter().flatten())
        .map(|c| c.name.as_str())
        .collect();
    match asked {
        Some(name) if names.contains(&name) || inits.contains(&name) => Ok(name.to_owned()),
        Some(name) => Err(invalid(
            pod_name,
            format!("container {name} is not valid for pod {pod_name}"),
        )),
        None if names.len() == 1 => Ok(names[0].to_owned()),
        None => {
            let mut message = format!(
                "a container name must be specified for pod {pod_name}, choose one of: [{}]",
                names.join(" ")
            );
            if !inits.is_empty() {
                message += &format!(" or one of the init containers: [{}]", inits.join(" "));
            }
            Err(invalid(pod_name, message))
        }
    }
}
