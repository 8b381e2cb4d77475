//! What `kubectl create serviceaccount` and `kubectl create token` send: core/v1
//! ServiceAccount and authentication/v1 TokenRequest.

use super::Ty::{Bool, Int, Msg, Str, Time};
use super::{f, Message, OBJECT_META};

/// `ServiceAccount`.
pub static SERVICE_ACCOUNT: Message = Message {
    name: "ServiceAccount",
    fields: &[
        f(1, "metadata", Msg(&OBJECT_META)),
        f(2, "secrets", Msg(&OBJECT_REFERENCE)).list(),
        f(3, "imagePullSecrets", Msg(&LOCAL_OBJECT_REFERENCE)).list(),
        f(4, "automountServiceAccountToken", Bool).ptr(),
    ],
};

static OBJECT_REFERENCE: Message = Message {
    name: "ObjectReference",
    fields: &[
        f(1, "kind", Str),
        f(2, "namespace", Str),
        f(3, "name", Str),
        f(4, "uid", Str),
        f(5, "apiVersion", Str),
        f(6, "resourceVersion", Str),
        f(7, "fieldPath", Str),
    ],
};

static LOCAL_OBJECT_REFERENCE: Message = Message {
    name: "LocalObjectReference",
    fields: &[f(1, "name", Str)],
};

/// `TokenRequest`.
pub static TOKEN_REQUEST: Message = Message {
    name: "TokenRequest",
    fields: &[
        f(1, "metadata", Msg(&OBJECT_META)),
        f(2, "spec", Msg(&TOKEN_REQUEST_SPEC)),
        f(3, "status", Msg(&TOKEN_REQUEST_STATUS)),
    ],
};

static TOKEN_REQUEST_SPEC: Message = Message {
    name: "TokenRequestSpec",
    fields: &[
        f(1, "audiences", Str).list(),
        f(3, "boundObjectRef", Msg(&BOUND_OBJECT_REFERENCE)),
        f(4, "expirationSeconds", Int).ptr(),
    ],
};

static BOUND_OBJECT_REFERENCE: Message = Message {
    name: "BoundObjectReference",
    fields: &[
        f(1, "kind", Str),
        f(2, "apiVersion", Str),
        f(3, "name", Str),
        f(4, "uid", Str),
    ],
};

// Clients send it empty; it is read only to be answered over.
static TOKEN_REQUEST_STATUS: Message = Message {
    name: "TokenRequestStatus",
    fields: &[f(1, "token", Str), f(2, "expirationTimestamp", Time)],
};
