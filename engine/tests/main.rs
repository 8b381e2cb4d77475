//! The engine's scenario tests, on virtual time.
//! One test binary, not one per file: each binary links the crate and its
//! dependencies again, which costs disk and link time.

mod common;
mod pods;
mod scheduling;

mod admission;
mod attach;
mod burst_slices;
mod cascade;
mod cron_jobs;
mod daemonset;
mod defaults;
mod endpoints;
mod env;
mod event_ttl;
mod exec;
mod finalizers;
mod grace;
mod hooks;
mod immutable_fields;
mod jobs;
mod lifecycle;
mod logs;
mod member_clusters;
mod namespace_deletion;
mod node_agent;
mod pod_affinity;
mod pod_types;
mod probes;
mod progressing;
mod proportional;
mod quota;
mod replicas;
mod rolling;
mod rollout;
mod rollout_properties;
mod scale_down_order;
mod scheduler;
mod scheduling_gates;
mod scheduling_queue;
mod service_accounts;
mod services;
mod slow_start;
mod statefulset;
mod stored_events;
mod watch;
mod well_known;
