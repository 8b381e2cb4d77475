//! Request bodies in Kubernetes' protobuf encoding (`application/vnd.kubernetes.protobuf`),
//! read into the JSON the rest of the API takes.
//!
//! client-go's typed clients write protobuf for built-in kinds without asking the
//! server first, and fall back to JSON after a 415 only for CBOR: so kubectl's typed
//! commands (`create deployment|configmap|secret|namespace|service`) work against a
//! server only if it reads protobuf. Answers stay JSON, which those clients accept
//! (`Accept: application/vnd.kubernetes.protobuf,application/json`).

mod schema;
mod wire;

use engine::k8s_openapi::jiff::Timestamp;
use engine::k8s_openapi::ByteString;
use serde_json::{Map, Value};

use super::status::ApiError;
use schema::{Message, Ty};
use wire::{Payload, Reader};

/// The media type.
pub const MEDIA_TYPE: &str = "application/vnd.kubernetes.protobuf";

/// What every protobuf body starts with, before its `runtime.Unknown` envelope.
const MAGIC: &[u8] = b"k8s\0";

/// Why a body wasn't read.
#[derive(Debug, thiserror::Error)]
enum Error {
    /// The bytes aren't a well-formed message.
    #[error("{0}")]
    Malformed(String),
    /// Well-formed, but holding a kind or field Berth doesn't read from protobuf.
    #[error("{0}")]
    Unread(String),
}

impl From<String> for Error {
    fn from(message: String) -> Self {
        Error::Malformed(message)
    }
}

impl From<Error> for ApiError {
    fn from(e: Error) -> Self {
        match e {
            Error::Malformed(m) => ApiError::BadRequest(format!(
                "the body of the request was in an unknown format: {m}"
            )),
            Error::Unread(m) => ApiError::UnsupportedMediaType(format!(
                "{m} is not read from {MEDIA_TYPE} here; send it as application/json"
            )),
        }
    }
}

/// A protobuf request body as the JSON object it stands for (with `apiVersion` and
/// `kind` from its envelope). Go writes fields that hold their zero value too; they
/// are left out, as Go's JSON leaves them out (`omitempty`).
pub fn decode(body: &[u8]) -> Result<Value, ApiError> {
    Ok(envelope(body)?)
}

/// `runtime.Unknown`: `typeMeta` 1, `raw` 2, `contentEncoding` 3, `contentType` 4.
fn envelope(body: &[u8]) -> Result<Value, Error> {
    let bytes = body
        .strip_prefix(MAGIC)
        .ok_or_else(|| Error::Malformed("no protobuf envelope (k8s\\0)".to_owned()))?;
    let (mut type_meta, mut raw) = (Value::Null, &[][..]);
    let mut reader = Reader::new(bytes);
    while let Some((tag, payload)) = reader.next_field()? {
        match (tag, payload) {
            (1, Payload::Bytes(b)) => type_meta = message(&schema::TYPE_META, b)?,
            (2, Payload::Bytes(b)) => raw = b,
            (3, Payload::Bytes(b)) if !b.is_empty() => {
                return Err(Error::Unread("an encoded (compressed) body".to_owned()))
            }
            (3 | 4, Payload::Bytes(_)) => {}
            _ => return Err(Error::Malformed(format!("envelope field {tag}"))),
        }
    }
    let kind = type_meta["kind"].as_str().unwrap_or_default();
    let schema = match kind {
        "ConfigMap" => &schema::CONFIG_MAP,
        "Secret" => &schema::SECRET,
        "Namespace" => &schema::NAMESPACE,
        "Service" => &schema::SERVICE,
        "Deployment" => &schema::DEPLOYMENT,
        "Job" => &schema::JOB,
        "Ingress" => &schema::INGRESS,
        "CronJob" => &schema::CRON_JOB,
        "Role" => &schema::ROLE,
        "ClusterRole" => &schema::CLUSTER_ROLE,
        "RoleBinding" | "ClusterRoleBinding" => &schema::ROLE_BINDING,
        "SelfSubjectAccessReview" => &schema::SELF_SUBJECT_ACCESS_REVIEW,
        "SelfSubjectRulesReview" => &schema::SELF_SUBJECT_RULES_REVIEW,
        "SelfSubjectReview" => &schema::SELF_SUBJECT_REVIEW,
        "ServiceAccount" => &schema::SERVICE_ACCOUNT,
        "TokenRequest" => &schema::TOKEN_REQUEST,
        other => return Err(Error::Unread(format!("a {other:?} object"))),
    };
    let mut object = message(schema, raw)?;
    object["apiVersion"] = type_meta["apiVersion"].clone();
    object["kind"] = Value::String(kind.to_owned());
    Ok(object)
}

/// One message as a JSON object.
fn message(schema: &Message, bytes: &[u8]) -> Result<Value, Error> {
    let mut out = Map::new();
    let mut reader = Reader::new(bytes);
    while let Some((tag, payload)) = reader.next_field()? {
        let field = schema
            .field(tag)
            .ok_or_else(|| Error::Unread(format!("field {tag} of {}", schema.name)))?;
        let name = field.name.to_owned();
        match field.ty {
            Ty::Map(value_ty) => {
                let (key, value) = entry(value_ty, payload)?;
                if let Value::Object(map) =
                    out.entry(name).or_insert_with(|| Value::Object(Map::new()))
                {
                    map.insert(key, value);
                }
            }
            ty if field.inline => {
                if let Value::Object(inner) = value(ty, payload)? {
                    out.extend(inner);
                }
            }
            ty if field.list => {
                if let Value::Array(items) =
                    out.entry(name).or_insert_with(|| Value::Array(Vec::new()))
                {
                    items.push(value(ty, payload)?);
                }
            }
            ty => {
                let value = value(ty, payload)?;
                if field.pointer || !is_zero(&value) {
                    out.insert(name, value);
                }
            }
        }
    }
    Ok(Value::Object(out))
}

/// A map entry: `key` 1 (a string), `value` 2 (of `ty`; its zero when absent).
fn entry(ty: &Ty, payload: Payload) -> Result<(String, Value), Error> {
    let mut reader = Reader::new(bytes(payload)?);
    let (mut key, mut found) = (String::new(), None);
    while let Some((tag, payload)) = reader.next_field()? {
        match tag {
            1 => key = text(payload)?,
            2 => found = Some(value(*ty, payload)?),
            _ => return Err(Error::Malformed(format!("map entry field {tag}"))),
        }
    }
    let value = match found {
        Some(v) => v,
        None => value(*ty, Payload::Bytes(&[]))?,
    };
    Ok((key, value))
}

fn value(ty: Ty, payload: Payload) -> Result<Value, Error> {
    Ok(match ty {
        Ty::Str => Value::String(text(payload)?),
        // int32 and int64 alike: a negative int32 is sign-extended to 64 bits.
        Ty::Int => Value::from(varint(payload)? as i64),
        Ty::Bool => Value::Bool(varint(payload)? != 0),
        Ty::Bytes => serde_json::to_value(ByteString(bytes(payload)?.to_vec()))
            .map_err(|e| Error::Malformed(e.to_string()))?,
        Ty::Msg(schema) => message(schema, bytes(payload)?)?,
        Ty::Time => time(bytes(payload)?)?,
        Ty::IntOrString => int_or_string(bytes(payload)?)?,
        Ty::Quantity => {
            let fields = fields(bytes(payload)?)?;
            Value::String(fields.text(1)?.unwrap_or_default())
        }
        Ty::Map(_) => return Err(Error::Malformed("a map inside a map".to_owned())),
    })
}

/// `meta/v1.Time`: `seconds` 1, `nanos` 2; the zero time is `null`, as Go writes it.
fn time(bytes: &[u8]) -> Result<Value, Error> {
    let fields = fields(bytes)?;
    let seconds = fields.int(1)?.unwrap_or(0);
    let nanos = fields.int(2)?.unwrap_or(0);
    if seconds == 0 && nanos == 0 {
        return Ok(Value::Null);
    }
    let nanos = i32::try_from(nanos).map_err(|_| format!("nanos {nanos} out of range"))?;
    let at = Timestamp::new(seconds, nanos).map_err(|e| Error::Malformed(e.to_string()))?;
    Ok(Value::String(at.to_string()))
}

/// `intstr.IntOrString`: `type` 1 (0 int, 1 string), `intVal` 2, `strVal` 3.
fn int_or_string(bytes: &[u8]) -> Result<Value, Error> {
    let fields = fields(bytes)?;
    Ok(match fields.int(1)? {
        Some(1) => Value::String(fields.text(3)?.unwrap_or_default()),
        _ => Value::from(fields.int(2)?.unwrap_or(0)),
    })
}

/// The fields of a small message, by number, for the types read whole.
struct Fields<'a>(Vec<(u32, Payload<'a>)>);

fn fields(bytes: &[u8]) -> Result<Fields<'_>, Error> {
    let mut all = Vec::new();
    let mut reader = Reader::new(bytes);
    while let Some(field) = reader.next_field()? {
        all.push(field);
    }
    Ok(Fields(all))
}

impl Fields<'_> {
    fn get(&self, tag: u32) -> Option<Payload<'_>> {
        self.0
            .iter()
            .rev()
            .find(|(t, _)| *t == tag)
            .map(|(_, p)| *p)
    }

    fn int(&self, tag: u32) -> Result<Option<i64>, Error> {
        self.get(tag)
            .map(|p| varint(p).map(|v| v as i64))
            .transpose()
    }

    fn text(&self, tag: u32) -> Result<Option<String>, Error> {
        self.get(tag).map(text).transpose()
    }
}

fn varint(payload: Payload) -> Result<u64, Error> {
    match payload {
        Payload::Varint(v) => Ok(v),
        Payload::Bytes(_) => Err(Error::Malformed("bytes where a number belongs".into())),
    }
}

fn bytes(payload: Payload<'_>) -> Result<&[u8], Error> {
    match payload {
        Payload::Bytes(b) => Ok(b),
        Payload::Varint(_) => Err(Error::Malformed("a number where bytes belong".into())),
    }
}

fn text(payload: Payload) -> Result<String, Error> {
    String::from_utf8(bytes(payload)?.to_vec()).map_err(|e| Error::Malformed(e.to_string()))
}

/// A Go zero value, which Go's JSON leaves out of non-pointer fields.
fn is_zero(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Bool(b) => !b,
        Value::Number(n) => n.as_i64() == Some(0),
        Value::Array(_) | Value::Object(_) => false,
    }
}

#[cfg(test)]
mod tests;
