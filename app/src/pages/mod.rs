//! The console's pages; each composes components over data from the API.

mod create_workload;
mod deployment_detail;
mod not_found;
mod pods;
mod workloads;

pub use create_workload::CreateWorkloadPage;
pub use deployment_detail::DeploymentDetailPage;
pub use not_found::NotFoundPage;
pub use pods::PodsPage;
pub use workloads::{kind_heading, WorkloadsPage};
