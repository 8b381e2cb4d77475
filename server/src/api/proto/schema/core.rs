//! The core/v1 messages: ConfigMap, Secret, Namespace, Service, and the pod template
//! a Deployment carries.

use super::Ty::{Bool, Bytes, Int, IntOrString, Map, Msg, Quantity, Str};
use super::{f, Message, Ty, OBJECT_META};

const STRINGS: Ty = Str;
const BYTES: Ty = Bytes;
const QUANTITIES: Ty = Quantity;

/// `ConfigMap`.
pub static CONFIG_MAP: Message = Message {
    name: "ConfigMap",
    fields: &[
        f(1, "metadata", Msg(&OBJECT_META)),
        f(2, "data", Map(&STRINGS)),
        f(3, "binaryData", Map(&BYTES)),
        f(4, "immutable", Bool).ptr(),
    ],
};

/// `Secret`.
pub static SECRET: Message = Message {
    name: "Secret",
    fields: &[
        f(1, "metadata", Msg(&OBJECT_META)),
        f(2, "data", Map(&BYTES)),
        f(3, "type", Str),
        f(4, "stringData", Map(&STRINGS)),
        f(5, "immutable", Bool).ptr(),
    ],
};

/// `Namespace` (its status' conditions are not read).
pub static NAMESPACE: Message = Message {
    name: "Namespace",
    fields: &[
        f(1, "metadata", Msg(&OBJECT_META)),
        f(2, "spec", Msg(&NAMESPACE_SPEC)),
        f(3, "status", Msg(&NAMESPACE_STATUS)),
    ],
};

static NAMESPACE_SPEC: Message = Message {
    name: "NamespaceSpec",
    fields: &[f(1, "finalizers", Str).list()],
};

static NAMESPACE_STATUS: Message = Message {
    name: "NamespaceStatus",
    fields: &[f(1, "phase", Str)],
};

/// `Service` (not read: `sessionAffinityConfig`, the status' ingress and conditions).
pub static SERVICE: Message = Message {
    name: "Service",
    fields: &[
        f(1, "metadata", Msg(&OBJECT_META)),
        f(2, "spec", Msg(&SERVICE_SPEC)),
        f(3, "status", Msg(&SERVICE_STATUS)),
    ],
};

static SERVICE_SPEC: Message = Message {
    name: "ServiceSpec",
    fields: &[
        f(1, "ports", Msg(&SERVICE_PORT)).list(),
        f(2, "selector", Map(&STRINGS)),
        f(3, "clusterIP", Str),
        f(4, "type", Str),
        f(5, "externalIPs", Str).list(),
        f(7, "sessionAffinity", Str),
        f(8, "loadBalancerIP", Str),
        f(9, "loadBalancerSourceRanges", Str).list(),
        f(10, "externalName", Str),
        f(11, "externalTrafficPolicy", Str),
        f(12, "healthCheckNodePort", Int),
        f(13, "publishNotReadyAddresses", Bool),
        f(17, "ipFamilyPolicy", Str).ptr(),
        f(18, "clusterIPs", Str).list(),
        f(19, "ipFamilies", Str).list(),
        f(20, "allocateLoadBalancerNodePorts", Bool).ptr(),
        f(21, "loadBalancerClass", Str).ptr(),
        f(22, "internalTrafficPolicy", Str).ptr(),
        f(23, "trafficDistribution", Str).ptr(),
    ],
};

static SERVICE_PORT: Message = Message {
    name: "ServicePort",
    fields: &[
        f(1, "name", Str),
        f(2, "protocol", Str),
        f(3, "port", Int),
        // Not a pointer upstream: a zero means "the same as port", defaulted later.
        f(4, "targetPort", IntOrString),
        f(5, "nodePort", Int),
        f(6, "appProtocol", Str).ptr(),
    ],
};

static SERVICE_STATUS: Message = Message {
    name: "ServiceStatus",
    fields: &[f(1, "loadBalancer", Msg(&LOAD_BALANCER_STATUS))],
};

static LOAD_BALANCER_STATUS: Message = Message {
    name: "LoadBalancerStatus",
    fields: &[],
};

/// `PodTemplateSpec`.
pub static POD_TEMPLATE_SPEC: Message = Message {
    name: "PodTemplateSpec",
    fields: &[
        f(1, "metadata", Msg(&OBJECT_META)),
        f(2, "spec", Msg(&POD_SPEC)),
    ],
};

/// `PodSpec`: its scalars, containers and node selector (not read: volumes,
/// affinity, tolerations, security contexts and the other nested settings).
static POD_SPEC: Message = Message {
    name: "PodSpec",
    fields: &[
        f(2, "containers", Msg(&CONTAINER)).list(),
        f(3, "restartPolicy", Str),
        f(4, "terminationGracePeriodSeconds", Int).ptr(),
        f(5, "activeDeadlineSeconds", Int).ptr(),
        f(6, "dnsPolicy", Str),
        f(7, "nodeSelector", Map(&STRINGS)),
        f(8, "serviceAccountName", Str),
        f(9, "serviceAccount", Str),
        f(10, "nodeName", Str),
        f(11, "hostNetwork", Bool),
        f(12, "hostPID", Bool),
        f(13, "hostIPC", Bool),
        f(16, "hostname", Str),
        f(17, "subdomain", Str),
        f(19, "schedulerName", Str),
        f(20, "initContainers", Msg(&CONTAINER)).list(),
        f(21, "automountServiceAccountToken", Bool).ptr(),
        f(24, "priorityClassName", Str),
        f(25, "priority", Int).ptr(),
        f(27, "shareProcessNamespace", Bool).ptr(),
        f(29, "runtimeClassName", Str).ptr(),
        f(30, "enableServiceLinks", Bool).ptr(),
        f(31, "preemptionPolicy", Str).ptr(),
        f(35, "setHostnameAsFQDN", Bool).ptr(),
        f(37, "hostUsers", Bool).ptr(),
    ],
};

/// `Container` (not read: probes, lifecycle, mounts, `envFrom`, security context).
static CONTAINER: Message = Message {
    name: "Container",
    fields: &[
        f(1, "name", Str),
        f(2, "image", Str),
        f(3, "command", Str).list(),
        f(4, "args", Str).list(),
        f(5, "workingDir", Str),
        f(6, "ports", Msg(&CONTAINER_PORT)).list(),
        f(7, "env", Msg(&ENV_VAR)).list(),
        f(8, "resources", Msg(&RESOURCE_REQUIREMENTS)),
        f(13, "terminationMessagePath", Str),
        f(14, "imagePullPolicy", Str),
        f(16, "stdin", Bool),
        f(17, "stdinOnce", Bool),
        f(18, "tty", Bool),
        f(20, "terminationMessagePolicy", Str),
        f(24, "restartPolicy", Str).ptr(),
    ],
};

static CONTAINER_PORT: Message = Message {
    name: "ContainerPort",
    fields: &[
        f(1, "name", Str),
        f(2, "hostPort", Int),
        f(3, "containerPort", Int),
        f(4, "protocol", Str),
        f(5, "hostIP", Str),
    ],
};

static ENV_VAR: Message = Message {
    name: "EnvVar",
    fields: &[f(1, "name", Str), f(2, "value", Str)],
};

static RESOURCE_REQUIREMENTS: Message = Message {
    name: "ResourceRequirements",
    fields: &[
        f(1, "limits", Map(&QUANTITIES)),
        f(2, "requests", Map(&QUANTITIES)),
    ],
};
