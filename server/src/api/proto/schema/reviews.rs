//! The review messages `kubectl auth can-i` and `kubectl auth whoami` send:
//! authorization/v1 SelfSubjectAccessReview and SelfSubjectRulesReview,
//! authentication/v1 SelfSubjectReview.

use super::Ty::{Bool, Msg, Str};
use super::{f, Message, LABEL_SELECTOR, OBJECT_META};

/// `SelfSubjectAccessReview`.
pub static SELF_SUBJECT_ACCESS_REVIEW: Message = Message {
    name: "SelfSubjectAccessReview",
    fields: &[
        f(1, "metadata", Msg(&OBJECT_META)),
        f(2, "spec", Msg(&ACCESS_REVIEW_SPEC)),
        f(3, "status", Msg(&ACCESS_REVIEW_STATUS)),
    ],
};

// Clients send the status empty; it is read only to be answered over.
static ACCESS_REVIEW_STATUS: Message = Message {
    name: "SubjectAccessReviewStatus",
    fields: &[
        f(1, "allowed", Bool),
        f(2, "reason", Str),
        f(3, "evaluationError", Str),
        f(4, "denied", Bool),
    ],
};

static ACCESS_REVIEW_SPEC: Message = Message {
    name: "SelfSubjectAccessReviewSpec",
    fields: &[
        f(1, "resourceAttributes", Msg(&RESOURCE_ATTRIBUTES)),
        f(2, "nonResourceAttributes", Msg(&NON_RESOURCE_ATTRIBUTES)),
    ],
};

static RESOURCE_ATTRIBUTES: Message = Message {
    name: "ResourceAttributes",
    fields: &[
        f(1, "namespace", Str),
        f(2, "verb", Str),
        f(3, "group", Str),
        f(4, "version", Str),
        f(5, "resource", Str),
        f(6, "subresource", Str),
        f(7, "name", Str),
        f(9, "labelSelector", Msg(&LABEL_SELECTOR)),
    ],
};

static NON_RESOURCE_ATTRIBUTES: Message = Message {
    name: "NonResourceAttributes",
    fields: &[f(1, "path", Str), f(2, "verb", Str)],
};

/// `SelfSubjectRulesReview`.
pub static SELF_SUBJECT_RULES_REVIEW: Message = Message {
    name: "SelfSubjectRulesReview",
    fields: &[
        f(1, "metadata", Msg(&OBJECT_META)),
        f(2, "spec", Msg(&RULES_REVIEW_SPEC)),
        f(3, "status", Msg(&RULES_REVIEW_STATUS)),
    ],
};

static RULES_REVIEW_STATUS: Message = Message {
    name: "SubjectRulesReviewStatus",
    fields: &[f(3, "incomplete", Bool), f(4, "evaluationError", Str)],
};

static SELF_REVIEW_STATUS: Message = Message {
    name: "SelfSubjectReviewStatus",
    fields: &[f(1, "userInfo", Msg(&USER_INFO))],
};

static USER_INFO: Message = Message {
    name: "UserInfo",
    fields: &[
        f(1, "username", Str),
        f(2, "uid", Str),
        f(3, "groups", Str).list(),
    ],
};

static RULES_REVIEW_SPEC: Message = Message {
    name: "SelfSubjectRulesReviewSpec",
    fields: &[f(1, "namespace", Str)],
};

/// `SelfSubjectReview` (its request has only metadata).
pub static SELF_SUBJECT_REVIEW: Message = Message {
    name: "SelfSubjectReview",
    fields: &[
        f(1, "metadata", Msg(&OBJECT_META)),
        f(2, "status", Msg(&SELF_REVIEW_STATUS)),
    ],
};
