//! The console's pages; each composes components over data from the API.

mod config_maps;
mod create_workload;
mod cron_jobs;
mod events;
mod images;
mod jobs;
mod namespaces;
mod not_found;
mod overview;
mod pod_detail;
mod pods;
mod secrets;
mod services;
mod sign_in;
mod workload_detail;
mod workloads;

pub use config_maps::ConfigMapsPage;
pub use create_workload::CreateWorkloadPage;
pub use cron_jobs::{CronJobDetailPage, CronJobsPage};
pub use events::EventsPage;
pub use images::ImagesPage;
pub use jobs::{JobDetailPage, JobsPage};
pub use namespaces::NamespacesPage;
pub use not_found::NotFoundPage;
pub use overview::OverviewPage;
pub use pod_detail::PodDetailPage;
pub use pods::PodsPage;
pub use secrets::SecretsPage;
pub use services::ServicesPage;
pub use sign_in::SignInPage;
pub use workload_detail::{DaemonSetDetailPage, DeploymentDetailPage, StatefulSetDetailPage};
pub use workloads::{kind_heading, WorkloadsPage};
