//! The console's pages; each composes components over data from the API.

mod create_workload;
mod deployment_detail;
mod deployments;
mod not_found;

pub use create_workload::CreateWorkloadPage;
pub use deployment_detail::DeploymentDetailPage;
pub use deployments::DeploymentsPage;
pub use not_found::NotFoundPage;
