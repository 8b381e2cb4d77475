//! Reusable pieces of the console, each in its own folder with its scoped style.

mod confirm_dialog;
mod connection_badge;
mod console_layout;
mod deployment_table;
mod field;
mod language_switcher;
mod load_state;
mod namespace_switcher;
mod pod_table;
mod status_badge;

pub use confirm_dialog::ConfirmDialog;
pub use connection_badge::ConnectionBadge;
pub use console_layout::ConsoleLayout;
pub use deployment_table::{status_word, DeploymentTable};
pub use field::{SelectField, TextField};
pub use language_switcher::LanguageSwitcher;
pub use load_state::{LoadFailed, Loading};
pub use namespace_switcher::NamespaceSwitcher;
pub use pod_table::PodTable;
pub use status_badge::StatusBadge;
