//! The rbac/v1 messages `kubectl create role|clusterrole|rolebinding|clusterrolebinding`
//! send.

use super::Ty::{Msg, Str};
use super::{f, Message, LABEL_SELECTOR, OBJECT_META};

static POLICY_RULE: Message = Message {
    name: "PolicyRule",
    fields: &[
        f(1, "verbs", Str).list(),
        f(2, "apiGroups", Str).list(),
        f(3, "resources", Str).list(),
        f(4, "resourceNames", Str).list(),
        f(5, "nonResourceURLs", Str).list(),
    ],
};

/// `Role`.
pub static ROLE: Message = Message {
    name: "Role",
    fields: &[
        f(1, "metadata", Msg(&OBJECT_META)),
        f(2, "rules", Msg(&POLICY_RULE)).list(),
    ],
};

static AGGREGATION_RULE: Message = Message {
    name: "AggregationRule",
    fields: &[f(1, "clusterRoleSelectors", Msg(&LABEL_SELECTOR)).list()],
};

/// `ClusterRole`.
pub static CLUSTER_ROLE: Message = Message {
    name: "ClusterRole",
    fields: &[
        f(1, "metadata", Msg(&OBJECT_META)),
        f(2, "rules", Msg(&POLICY_RULE)).list(),
        f(3, "aggregationRule", Msg(&AGGREGATION_RULE)),
    ],
};

static SUBJECT: Message = Message {
    name: "Subject",
    fields: &[
        f(1, "kind", Str),
        f(2, "apiGroup", Str),
        f(3, "name", Str),
        f(4, "namespace", Str),
    ],
};

static ROLE_REF: Message = Message {
    name: "RoleRef",
    fields: &[f(1, "apiGroup", Str), f(2, "kind", Str), f(3, "name", Str)],
};

/// `RoleBinding` and `ClusterRoleBinding` (the same fields).
pub static ROLE_BINDING: Message = Message {
    name: "RoleBinding",
    fields: &[
        f(1, "metadata", Msg(&OBJECT_META)),
        f(2, "subjects", Msg(&SUBJECT)).list(),
        f(3, "roleRef", Msg(&ROLE_REF)),
    ],
};
