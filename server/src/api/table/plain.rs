//! Kinds Berth stores for clients without a console page of their own, shown with the
//! default columns (`NAME AGE`).

use super::Printed;

impl Printed for k8s_openapi::api::certificates::v1::CertificateSigningRequest {}
impl Printed for k8s_openapi::api::storage::v1::CSIStorageCapacity {}
