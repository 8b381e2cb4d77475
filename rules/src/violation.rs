//! What can be wrong with a field: one variant per rule, its English text the message
//! the API answers with. The console translates each variant for the form.

use thiserror::Error;

use crate::NameError;

/// A broken field rule.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Violation {
    /// A name that breaks its naming rule.
    #[error("{0}")]
    Name(#[from] NameError),
    /// A value that must be given is missing.
    #[error("Required value")]
    Required,
    /// Text longer than the field allows.
    #[error("must be no more than {max} characters")]
    TooLong {
        /// The most characters allowed.
        max: usize,
    },
    /// A number under its minimum.
    #[error("must be greater than or equal to {min}")]
    AtLeast {
        /// The smallest value allowed.
        min: i64,
    },
    /// Text where a whole number belongs.
    #[error("must be a whole number")]
    WholeNumber,
    /// A number outside an inclusive range.
    #[error("must be between {min} and {max}, inclusive")]
    Between {
        /// The smallest value allowed.
        min: i64,
        /// The largest value allowed.
        max: i64,
    },
    /// A probe threshold that must be exactly 1 (liveness and startup success).
    #[error("must be 1")]
    MustBeOne,
    /// The same value twice where values must be unique.
    #[error("Duplicate value: {0:?}")]
    Duplicate(String),
    /// A value outside a fixed set.
    #[error("Unsupported value: {value:?}: supported values: {}", allowed.iter().map(|a| format!("{a:?}")).collect::<Vec<_>>().join(", "))]
    Unsupported {
        /// The value given.
        value: String,
        /// The values allowed.
        allowed: &'static [&'static str],
    },
    /// Not a Kubernetes quantity.
    #[error("must be a quantity such as 500m, 2 or 1Gi")]
    Quantity,
    /// A request above its limit.
    #[error("must be less than or equal to the {resource} limit")]
    RequestOverLimit {
        /// The resource (`cpu`, `memory`).
        resource: String,
    },
    /// More than one container asks for a GPU.
    #[error("only one container in a pod may use GPU")]
    OneGpuContainer,
    /// A GPU asked for outside a GPU pod or namespace.
    #[error("GPU is allowed only for the GPU-accelerated pod type in a GPU namespace")]
    GpuNotAllowed,
    /// A Service's target port that no container declares (a warning: the Service
    /// would send requests where nothing listens).
    #[error("no container declares port {port}: requests to it would find nothing listening")]
    NoContainerPort {
        /// The target port, a number or a port's name.
        port: String,
    },
    /// Two containers of one pod listen on the same port (a warning: the pod fails).
    #[error(
        "port {port}/{protocol} is also used by container {other:?}: the pod will fail to start"
    )]
    PortInUse {
        /// The port number.
        port: i64,
        /// Its protocol.
        protocol: String,
        /// The other container.
        other: String,
    },
    /// Not an integer or a percentage from 0% to 100%.
    #[error("must be an integer or a percentage between 0% and 100%")]
    IntOrPercent,
    /// maxUnavailable 0 with maxSurge 0: a rollout could never move.
    #[error("may not be 0 when maxSurge is 0")]
    BothZero,
    /// A probe or hook with no handler, or more than one.
    #[error("must specify exactly one handler type (HTTP GET, TCP or command)")]
    OneHandler,
    /// An env value from no source, or from more than one.
    #[error(
        "must specify exactly one of the pod IP, the pod name, a ConfigMap key or a Secret key"
    )]
    OneSource,
    /// A mount of a volume the pod does not define.
    #[error("must match the name of a volume")]
    UnknownVolume,
    /// A path that must be absolute.
    #[error("must be an absolute path")]
    NotAbsolute,
    /// An environment variable name that breaks the rule.
    #[error("a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit")]
    EnvName,
    /// A port name that breaks the IANA service name rule.
    #[error("must be no more than 15 characters of lower case letters, digits and '-', with at least one letter, no '--', and no '-' at either end")]
    PortName,
    /// The selector does not pick the template's own pods.
    #[error("`selector` does not match template `labels`")]
    SelectorMismatch,
    /// progressDeadlineSeconds not above minReadySeconds.
    #[error("must be greater than minReadySeconds")]
    DeadlineNotAboveMinReady,
    /// A cluster IP given to an ExternalName Service, which has none.
    #[error("may not be set for ExternalName services")]
    NotForExternalName,
    /// Rolling parameters given with another strategy.
    #[error("may not be specified when strategy `type` is {0:?}")]
    NotWithStrategy(String),
    /// Too many items in a list.
    #[error("must have at most {max} items")]
    TooMany {
        /// The most items allowed.
        max: usize,
    },
    /// Limits that add up to no flavour of the pod type.
    #[error("the containers' limits add up to {cpu} vCPU and {memory_gib} GiB, which is not a flavour of this pod type")]
    NoFlavour {
        /// The total CPU.
        cpu: String,
        /// The total memory in GiB.
        memory_gib: String,
    },
    /// A pod with no containers.
    #[error("must have at least one container")]
    NoContainers,
    /// Privileged, yet forbidden to escalate privileges: upstream refuses the pair.
    #[error("cannot set `allowPrivilegeEscalation` to false and `privileged` to true")]
    PrivilegedWithoutEscalation,
    /// runAsNonRoot with user 0: accepted, but the container will never start.
    #[error("runs as user 0 while runAsNonRoot is set: the container will not start")]
    RootWhileNonRoot,
    /// An annotation about a container the pod does not have.
    #[error("must name a container of the pod")]
    UnknownContainer,
    /// Text that must hold JSON.
    #[error("must be valid JSON")]
    NotJson,
    /// Values given to an operator that takes none (Exists, DoesNotExist).
    #[error("may not be specified when `operator` is 'Exists' or 'DoesNotExist'")]
    ValuesForbidden,
    /// Gt and Lt compare with exactly one whole number.
    #[error("must be specified single value when `operator` is 'Lt' or 'Gt'")]
    SingleNumber,
    /// A label key that is not a qualified name.
    #[error("name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName', 'my.name', or '123-abc'), with an optional DNS subdomain prefix and '/'")]
    QualifiedName,
    /// Member clusters' replicas that don't add up to the workload's.
    #[error("must equal the sum of the member clusters' replicas ({sum})")]
    ReplicasNotSum {
        /// The clusters' total.
        sum: i64,
    },
    /// A value upstream refuses for the reason given (an unparseable schedule).
    #[error("{0}")]
    Invalid(String),
}
