//! Reusable pieces of the console, each in its own folder with its scoped style.

mod card;
mod choice_cards;
mod cluster_banner;
mod cluster_switcher;
mod columns;
mod confirm_dialog;
mod connection_badge;
mod console_layout;
mod count_bar;
mod create_namespace;
mod event_message;
mod event_table;
mod field;
mod followed;
mod form_modal;
mod language_switcher;
mod load_state;
mod log_viewer;
mod modal;
mod namespace_switcher;
mod outcome_line;
mod pager;
mod pod_table;
mod resource_list;
mod status_badge;
mod tab_list;
mod terminal;
mod theme_switcher;
mod user_menu;
mod workload_table;

pub use card::Card;
pub use choice_cards::{Choice, ChoiceCards};
pub use cluster_banner::ClusterBanner;
pub use cluster_switcher::{page_cluster_is_embedded, provide_clusters, ClusterSwitcher};
pub use columns::Columns;
pub use confirm_dialog::ConfirmDialog;
pub use connection_badge::ConnectionBadge;
pub use console_layout::ConsoleLayout;
pub use count_bar::CountBar;
pub use create_namespace::CreateNamespace;
pub use event_message::EventMessageCells;
pub use event_table::EventTable;
pub use field::{CardsField, CheckField, SelectField, TextField};
pub use followed::Followed;
pub use form_modal::{FormModal, ModalField};
pub use language_switcher::LanguageSwitcher;
pub use load_state::{LoadFailed, Loading};
pub use log_viewer::LogViewer;
pub use modal::Modal;
pub use namespace_switcher::NamespaceSwitcher;
pub use outcome_line::{Outcome, OutcomeLine};
pub use pager::{window, Pager};
pub use pod_table::PodTable;
pub use resource_list::{
    being_deleted, home_of, uid_and_version, use_namespace, use_url_query, ChoiceSelect, Deletion,
    Keep, ResourcePage, ResourceTable, SearchBox, ShownCount, SortHeader,
};
pub use status_badge::StatusBadge;
pub use tab_list::{use_tab, TabList};
pub use terminal::Terminal;
pub use theme_switcher::{ThemeSwitcher, EARLY_SCRIPT as THEME_SCRIPT};
pub use user_menu::UserMenu;
pub use workload_table::{status_word, WorkloadTable};
