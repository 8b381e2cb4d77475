//! The rules' violations in the reader's language (the API answers in English; the
//! form speaks the console's language).

use rules::{NameError, Violation};

use crate::i18n::*;

/// The message for `violation`, in the current language.
pub fn violation_text(i18n: crate::I18n, violation: &Violation) -> String {
    match violation {
        Violation::Name(name) => name_text(i18n, name),
        Violation::Required => t_string!(i18n, v_required).to_string(),
        Violation::TooLong { max } => t_string!(i18n, v_too_long, max = *max).to_string(),
        Violation::AtLeast { min } => t_string!(i18n, v_at_least, min = *min).to_string(),
        Violation::WholeNumber => t_string!(i18n, v_whole_number).to_string(),
        Violation::Between { min, max } => {
            t_string!(i18n, v_between, min = *min, max = *max).to_string()
        }
        Violation::MustBeOne => t_string!(i18n, v_must_be_one).to_string(),
        Violation::Duplicate(value) => {
            t_string!(i18n, v_duplicate, value = value.clone()).to_string()
        }
        Violation::Unsupported { value, allowed } => t_string!(
            i18n,
            v_unsupported,
            value = value.clone(),
            allowed = allowed.join(", ")
        )
        .to_string(),
        Violation::Quantity => t_string!(i18n, v_quantity).to_string(),
        Violation::RequestOverLimit { resource } => {
            t_string!(i18n, v_request_over_limit, resource = resource.clone()).to_string()
        }
        Violation::OneGpuContainer => t_string!(i18n, v_one_gpu).to_string(),
        Violation::GpuNotAllowed => t_string!(i18n, v_gpu_not_allowed).to_string(),
        Violation::NoContainerPort { port } => {
            t_string!(i18n, v_no_container_port, port = port.clone()).to_string()
        }
        Violation::PortInUse {
            port,
            protocol,
            other,
        } => t_string!(
            i18n,
            v_port_in_use,
            port = *port,
            protocol = protocol.clone(),
            other = other.clone()
        )
        .to_string(),
        Violation::IntOrPercent => t_string!(i18n, v_int_or_percent).to_string(),
        Violation::BothZero => t_string!(i18n, v_both_zero).to_string(),
        Violation::OneHandler => t_string!(i18n, v_one_handler).to_string(),
        Violation::OneSource => t_string!(i18n, v_one_source).to_string(),
        Violation::UnknownVolume => t_string!(i18n, v_unknown_volume).to_string(),
        Violation::NotAbsolute => t_string!(i18n, v_not_absolute).to_string(),
        Violation::EnvName => t_string!(i18n, v_env_name).to_string(),
        Violation::PortName => t_string!(i18n, v_port_name).to_string(),
        Violation::SelectorMismatch => t_string!(i18n, v_selector).to_string(),
        Violation::DeadlineNotAboveMinReady => t_string!(i18n, v_deadline).to_string(),
        Violation::NotForExternalName => t_string!(i18n, v_not_for_external_name).to_string(),
        Violation::NotWithStrategy(strategy) => {
            t_string!(i18n, v_not_with_strategy, strategy = strategy.clone()).to_string()
        }
        Violation::TooMany { max } => t_string!(i18n, v_too_many, max = *max).to_string(),
        Violation::NoFlavour { cpu, memory_gib } => t_string!(
            i18n,
            v_no_flavour,
            cpu = cpu.clone(),
            memory = memory_gib.clone()
        )
        .to_string(),
        Violation::NoContainers => t_string!(i18n, v_no_containers).to_string(),
        Violation::PrivilegedWithoutEscalation => {
            t_string!(i18n, v_privileged_escalation).to_string()
        }
        Violation::RootWhileNonRoot => t_string!(i18n, v_root_non_root).to_string(),
        Violation::UnknownContainer => t_string!(i18n, v_unknown_container).to_string(),
        Violation::NotJson => t_string!(i18n, v_not_json).to_string(),
        Violation::ValuesForbidden => t_string!(i18n, v_values_forbidden).to_string(),
        Violation::SingleNumber => t_string!(i18n, v_single_number).to_string(),
        Violation::QualifiedName => t_string!(i18n, v_qualified_name).to_string(),
        Violation::ReplicasNotSum { sum } => {
            t_string!(i18n, v_replicas_sum, sum = *sum).to_string()
        }
        // Upstream's own reason (a schedule's parse error), untranslated as kubectl
        // shows it.
        Violation::Invalid(reason) => reason.clone(),
    }
}

fn name_text(i18n: crate::I18n, error: &NameError) -> String {
    match error {
        NameError::Empty => t_string!(i18n, n_empty).to_string(),
        NameError::TooLong(max) => t_string!(i18n, v_too_long, max = *max).to_string(),
        NameError::InvalidCharacter => t_string!(i18n, n_invalid_character).to_string(),
        NameError::BadEdge => t_string!(i18n, n_bad_edge).to_string(),
        NameError::DoubleDot => t_string!(i18n, n_double_dot).to_string(),
        NameError::DotNextToDash => t_string!(i18n, n_dot_next_to_dash).to_string(),
        NameError::Dot => t_string!(i18n, n_dot).to_string(),
        NameError::NotPathSegment => t_string!(i18n, n_not_path_segment).to_string(),
        NameError::LetterFirst => t_string!(i18n, n_letter_first).to_string(),
    }
}
