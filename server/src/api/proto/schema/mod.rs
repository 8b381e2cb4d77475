//! The `generated.proto` messages Berth reads, by field number: what kubectl's typed
//! commands (`create deployment|job|cronjob|ingress|configmap|secret|namespace|service`) send. The numbers
//! are upstream's (`k8s.io/api/*/v1/generated.proto`); a field not listed here makes
//! the decoder refuse the body rather than drop it.

mod accounts;
mod apps;
mod batch;
mod core;
mod networking;
mod rbac;
mod reviews;

pub use accounts::{SERVICE_ACCOUNT, TOKEN_REQUEST};
pub use apps::DEPLOYMENT;
pub use batch::{CRON_JOB, JOB};
pub use core::{CONFIG_MAP, NAMESPACE, SECRET, SERVICE};
pub use networking::INGRESS;
pub use rbac::{CLUSTER_ROLE, ROLE, ROLE_BINDING};
pub use reviews::{SELF_SUBJECT_ACCESS_REVIEW, SELF_SUBJECT_REVIEW, SELF_SUBJECT_RULES_REVIEW};

use Ty::{Bool, Int, Msg, Str};

/// How a field's payload reads, and how it is written in JSON.
#[derive(Debug, Clone, Copy)]
pub enum Ty {
    /// `string`.
    Str,
    /// `int32`, `int64`.
    Int,
    /// `bool`.
    Bool,
    /// `bytes`: base64 in JSON.
    Bytes,
    /// A nested message.
    Msg(&'static Message),
    /// `meta/v1.Time` (`seconds`, `nanos`): RFC 3339 in JSON, `null` when zero.
    Time,
    /// `intstr.IntOrString` (`type`, `intVal`, `strVal`): a number or a string.
    IntOrString,
    /// `resource.Quantity` (`string`): the string.
    Quantity,
    /// `map<string, V>`: entries with `key` 1 and `value` 2.
    Map(&'static Ty),
}

/// One field of a message.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// The field number.
    pub tag: u32,
    /// The JSON name.
    pub name: &'static str,
    /// Its type.
    pub ty: Ty,
    /// `repeated`: a JSON array.
    pub list: bool,
    /// A Go pointer: present only when set, so a zero is a value. Go marshals its other
    /// fields even when zero, and JSON omits those (`omitempty`); so does the decoder.
    pub pointer: bool,
    /// An embedded struct JSON writes inline (`json:",inline"`): its fields are the
    /// parent's (an IngressRule's `http`).
    pub inline: bool,
}

impl Field {
    const fn list(mut self) -> Field {
        self.list = true;
        self
    }

    const fn ptr(mut self) -> Field {
        self.pointer = true;
        self
    }

    const fn inline(mut self) -> Field {
        self.inline = true;
        self
    }
}

/// A field of `ty` numbered `tag`, written as `name`.
const fn f(tag: u32, name: &'static str, ty: Ty) -> Field {
    Field {
        tag,
        name,
        ty,
        list: false,
        pointer: false,
        inline: false,
    }
}

/// A message: its upstream name (for errors) and fields.
#[derive(Debug)]
pub struct Message {
    /// `ObjectMeta`.
    pub name: &'static str,
    /// The fields Berth reads.
    pub fields: &'static [Field],
}

impl Message {
    /// The field numbered `tag`.
    pub fn field(&self, tag: u32) -> Option<&Field> {
        self.fields.iter().find(|f| f.tag == tag)
    }
}

const STRINGS: Ty = Str;

/// `meta/v1.ObjectMeta` (`managedFields` is not read).
pub static OBJECT_META: Message = Message {
    name: "ObjectMeta",
    fields: &[
        f(1, "name", Str),
        f(2, "generateName", Str),
        f(3, "namespace", Str),
        f(4, "selfLink", Str),
        f(5, "uid", Str),
        f(6, "resourceVersion", Str),
        f(7, "generation", Int),
        f(8, "creationTimestamp", Ty::Time),
        f(9, "deletionTimestamp", Ty::Time).ptr(),
        f(10, "deletionGracePeriodSeconds", Int).ptr(),
        f(11, "labels", Ty::Map(&STRINGS)),
        f(12, "annotations", Ty::Map(&STRINGS)),
        f(13, "ownerReferences", Msg(&OWNER_REFERENCE)).list(),
        f(14, "finalizers", Str).list(),
    ],
};

static OWNER_REFERENCE: Message = Message {
    name: "OwnerReference",
    fields: &[
        f(1, "kind", Str),
        f(3, "name", Str),
        f(4, "uid", Str),
        f(5, "apiVersion", Str),
        f(6, "controller", Bool).ptr(),
        f(7, "blockOwnerDeletion", Bool).ptr(),
    ],
};

/// `meta/v1.LabelSelector`.
pub static LABEL_SELECTOR: Message = Message {
    name: "LabelSelector",
    fields: &[
        f(1, "matchLabels", Ty::Map(&STRINGS)),
        f(2, "matchExpressions", Msg(&LABEL_SELECTOR_REQUIREMENT)).list(),
    ],
};

static LABEL_SELECTOR_REQUIREMENT: Message = Message {
    name: "LabelSelectorRequirement",
    fields: &[
        f(1, "key", Str),
        f(2, "operator", Str),
        f(3, "values", Str).list(),
    ],
};

/// `runtime.TypeMeta`, as the envelope carries it.
pub static TYPE_META: Message = Message {
    name: "TypeMeta",
    fields: &[f(1, "apiVersion", Str), f(2, "kind", Str)],
};
