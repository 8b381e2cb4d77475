//! The networking.k8s.io/v1 message `kubectl create ingress` sends: Ingress.

use super::Ty::{Int, Msg, Str};
use super::{f, Message, OBJECT_META};

/// `Ingress`.
pub static INGRESS: Message = Message {
    name: "Ingress",
    fields: &[
        f(1, "metadata", Msg(&OBJECT_META)),
        f(2, "spec", Msg(&INGRESS_SPEC)),
        f(3, "status", Msg(&INGRESS_STATUS)),
    ],
};

static INGRESS_SPEC: Message = Message {
    name: "IngressSpec",
    fields: &[
        f(1, "defaultBackend", Msg(&INGRESS_BACKEND)).ptr(),
        f(2, "tls", Msg(&INGRESS_TLS)).list(),
        f(3, "rules", Msg(&INGRESS_RULE)).list(),
        f(4, "ingressClassName", Str).ptr(),
    ],
};

static INGRESS_BACKEND: Message = Message {
    name: "IngressBackend",
    fields: &[
        f(3, "resource", Msg(&TYPED_LOCAL_OBJECT_REFERENCE)).ptr(),
        f(4, "service", Msg(&INGRESS_SERVICE_BACKEND)).ptr(),
    ],
};

static INGRESS_SERVICE_BACKEND: Message = Message {
    name: "IngressServiceBackend",
    fields: &[f(1, "name", Str), f(2, "port", Msg(&SERVICE_BACKEND_PORT))],
};

static SERVICE_BACKEND_PORT: Message = Message {
    name: "ServiceBackendPort",
    fields: &[f(1, "name", Str), f(2, "number", Int)],
};

static TYPED_LOCAL_OBJECT_REFERENCE: Message = Message {
    name: "TypedLocalObjectReference",
    fields: &[
        f(1, "apiGroup", Str).ptr(),
        f(2, "kind", Str),
        f(3, "name", Str),
    ],
};

static INGRESS_TLS: Message = Message {
    name: "IngressTLS",
    fields: &[f(1, "hosts", Str).list(), f(2, "secretName", Str)],
};

static INGRESS_RULE: Message = Message {
    name: "IngressRule",
    fields: &[
        f(1, "host", Str),
        f(2, "ingressRuleValue", Msg(&INGRESS_RULE_VALUE)).inline(),
    ],
};

static INGRESS_RULE_VALUE: Message = Message {
    name: "IngressRuleValue",
    fields: &[f(1, "http", Msg(&HTTP_INGRESS_RULE_VALUE)).ptr()],
};

static HTTP_INGRESS_RULE_VALUE: Message = Message {
    name: "HTTPIngressRuleValue",
    fields: &[f(1, "paths", Msg(&HTTP_INGRESS_PATH)).list()],
};

static HTTP_INGRESS_PATH: Message = Message {
    name: "HTTPIngressPath",
    fields: &[
        f(1, "path", Str),
        f(2, "backend", Msg(&INGRESS_BACKEND)),
        f(3, "pathType", Str).ptr(),
    ],
};

// Clients send it empty: `loadBalancer: {}`.
static INGRESS_STATUS: Message = Message {
    name: "IngressStatus",
    fields: &[f(1, "loadBalancer", Msg(&LOAD_BALANCER))],
};

static LOAD_BALANCER: Message = Message {
    name: "IngressLoadBalancerStatus",
    fields: &[f(1, "ingress", Msg(&LOAD_BALANCER_INGRESS)).list()],
};

static LOAD_BALANCER_INGRESS: Message = Message {
    name: "IngressLoadBalancerIngress",
    fields: &[f(1, "ip", Str), f(2, "hostname", Str)],
};
