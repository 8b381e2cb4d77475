//! How a container runs: lifecycle hooks, security context (shared with the pod's),
//! log collection and the host's time zone (SPEC §1.2, seeds 000 and 004).

use leptos::prelude::*;

use super::container_form::container_setter;
use crate::components::{CheckField, SelectField, TextField};
use crate::i18n::*;
use crate::wizard::draft::Draft;
use crate::wizard::settings::{HookAction, HookDraft, LogPathDraft, SecurityDraft};
use crate::wizard::Wizard;

/// Whose security context a form edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecurityOf {
    /// The pod's.
    Pod,
    /// The container with this id.
    Container(u32),
}

impl SecurityOf {
    fn read(self, d: &Draft) -> SecurityDraft {
        match self {
            SecurityOf::Pod => d.security.clone(),
            SecurityOf::Container(id) => d
                .container(id)
                .map(|c| c.security.clone())
                .unwrap_or_default(),
        }
    }

    fn write(self, d: &mut Draft) -> Option<&mut SecurityDraft> {
        match self {
            SecurityOf::Pod => Some(&mut d.security),
            SecurityOf::Container(id) => d.container_mut(id).map(|c| &mut c.security),
        }
    }
}

/// A security context: ids, non-root, and for a container privileged mode and a
/// read-only root file system; `base` is its owner's path.
#[component]
pub fn SecurityForm(of: SecurityOf, #[prop(into)] base: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let wizard = expect_context::<Wizard>();
    let path = move |field: &'static str| {
        Signal::derive(move || format!("{}.securityContext.{field}", base.get()))
    };
    let text = move |read: fn(&SecurityDraft) -> String| wizard.text(move |d| read(&of.read(d)));
    let set = move |write: fn(&mut SecurityDraft, String)| {
        wizard.setter(move |d, v| {
            if let Some(s) = of.write(d) {
                write(s, v)
            }
        })
    };
    let flag = move |read: fn(&SecurityDraft) -> bool| {
        Signal::derive(move || wizard.draft.with(|d| read(&of.read(d))))
    };
    let toggle = move |write: fn(&mut SecurityDraft, bool)| {
        move |on: bool| {
            wizard.draft.update(|d| {
                if let Some(s) = of.write(d) {
                    write(s, on)
                }
            })
        }
    };
    let label = move |key: fn(crate::I18n) -> String| Signal::derive(move || key(i18n));
    let container = matches!(of, SecurityOf::Container(_));
    view! {
        <fieldset>
            <legend>{move || if container { t_string!(i18n, security_container).to_string() } else { t_string!(i18n, security_pod).to_string() }}</legend>
            <TextField label=label(|i| t_string!(i, run_as_user).to_string()) path=path("runAsUser") numeric=true
                value=text(|s| s.run_as_user.clone()) on_input=set(|s, v| s.run_as_user = v)/>
            <TextField label=label(|i| t_string!(i, run_as_group).to_string()) path=path("runAsGroup") numeric=true
                value=text(|s| s.run_as_group.clone()) on_input=set(|s, v| s.run_as_group = v)/>
            {(!container).then(|| view! {
                <TextField label=label(|i| t_string!(i, fs_group).to_string()) path=path("fsGroup") numeric=true
                    value=text(|s| s.fs_group.clone()) on_input=set(|s, v| s.fs_group = v)/>
            })}
            <CheckField label=label(|i| t_string!(i, run_as_non_root).to_string()) path=path("runAsNonRoot")
                checked=flag(|s| s.run_as_non_root) on_change=toggle(|s, on| s.run_as_non_root = on)/>
            {container.then(|| view! {
                <CheckField label=label(|i| t_string!(i, privileged).to_string()) path=path("privileged")
                    checked=flag(|s| s.privileged) on_change=toggle(|s, on| s.privileged = on)/>
                <CheckField label=label(|i| t_string!(i, read_only_root).to_string()) path=path("readOnlyRootFilesystem")
                    checked=flag(|s| s.read_only_root) on_change=toggle(|s, on| s.read_only_root = on)/>
            })}
        </fieldset>
    }
}

/// Which lifecycle hook.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hook {
    /// Right after the container starts.
    PostStart,
    /// Before the container stops.
    PreStop,
}

impl Hook {
    fn field(self) -> &'static str {
        match self {
            Hook::PostStart => "postStart",
            Hook::PreStop => "preStop",
        }
    }

    fn of(self, c: &crate::wizard::draft::ContainerDraft) -> &HookDraft {
        match self {
            Hook::PostStart => &c.post_start,
            Hook::PreStop => &c.pre_stop,
        }
    }

    fn of_mut(self, c: &mut crate::wizard::draft::ContainerDraft) -> &mut HookDraft {
        match self {
            Hook::PostStart => &mut c.post_start,
            Hook::PreStop => &mut c.pre_stop,
        }
    }
}

/// A lifecycle hook of the container `id`: none, a command, or an HTTP GET.
#[component]
pub fn HookForm(id: u32, hook: Hook, base: Memo<String>) -> impl IntoView {
    let i18n = use_i18n();
    let wizard = expect_context::<Wizard>();
    let name = move || match hook {
        Hook::PostStart => t_string!(i18n, post_start).to_string(),
        Hook::PreStop => t_string!(i18n, pre_stop).to_string(),
    };
    let path = move |field: &'static str| {
        Signal::derive(move || format!("{}.lifecycle.{}{field}", base.get(), hook.field()))
    };
    let action = move || {
        wizard.draft.with(|d| {
            d.container(id)
                .map(|c| hook.of(c).action)
                .unwrap_or_default()
        })
    };
    let text = move |read: fn(&HookDraft) -> String| {
        wizard.text(move |d| {
            d.container(id)
                .map(|c| read(hook.of(c)))
                .unwrap_or_default()
        })
    };
    let set = move |write: fn(&mut HookDraft, String)| {
        container_setter(wizard, id, move |c, v| write(hook.of_mut(c), v))
    };
    view! {
        <SelectField label=Signal::derive(name) path=path("")
            value=Signal::derive(move || format!("{:?}", action()))
            options=Signal::derive(move || vec![
                ("None".to_owned(), t_string!(i18n, hook_none).to_string()),
                ("Exec".to_owned(), t_string!(i18n, check_exec).to_string()),
                ("Http".to_owned(), t_string!(i18n, check_http).to_string()),
            ])
            on_change=container_setter(wizard, id, move |c, v| hook.of_mut(c).action = match v.as_str() {
                "Exec" => HookAction::Exec,
                "Http" => HookAction::Http,
                _ => HookAction::None,
            })/>
        <Show when=move || action() != HookAction::None>
            <fieldset aria-label=name>
                <legend>{name}</legend>
                <Show when=move || action() == HookAction::Exec
                    fallback=move || view! {
                        <TextField label=Signal::derive(move || t_string!(i18n, http_path).to_string())
                            path=path(".httpGet.path") value=text(|h| h.path.clone()) on_input=set(|h, v| h.path = v)/>
                        <TextField label=Signal::derive(move || t_string!(i18n, check_port).to_string())
                            path=path(".httpGet.port") value=text(|h| h.port.clone()) on_input=set(|h, v| h.port = v)/>
                    }>
                    <TextField label=Signal::derive(move || t_string!(i18n, hook_command).to_string())
                        path=path(".exec.command") multiline=true
                        hint=Signal::derive(move || t_string!(i18n, one_per_line).to_string())
                        value=text(|h| h.command.clone()) on_input=set(|h, v| h.command = v)/>
                </Show>
            </fieldset>
        </Show>
    }
}

/// Log collection of the container `id`: standard output, and log paths with storage.
#[component]
pub fn LogForm(id: u32) -> impl IntoView {
    let i18n = use_i18n();
    let wizard = expect_context::<Wizard>();
    let annotation = move || {
        let name = wizard
            .draft
            .with(|d| d.container(id).map(|c| c.name.clone()).unwrap_or_default());
        format!(
            "spec.template.metadata.annotations[{}{name}]",
            rules::workload::LOGS_PREFIX
        )
    };
    let rows = move || {
        wizard.draft.with(|d| {
            d.container(id)
                .map(|c| c.log_paths.iter().map(|p| p.id).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    };
    let add = move |_| {
        wizard.draft.update(|d| {
            let row = d.new_id();
            if let Some(c) = d.container_mut(id) {
                c.log_paths.push(LogPathDraft {
                    id: row,
                    path: "/var/log".into(),
                    size: "1Gi".into(),
                });
            }
        })
    };
    let row_view = move |row: u32| {
        let index = move || {
            wizard.draft.with(|d| {
                d.container(id)
                    .and_then(|c| c.log_paths.iter().position(|p| p.id == row))
                    .unwrap_or(0)
            })
        };
        let path = move |field: &'static str| {
            Signal::derive(move || format!("{}.paths[{}].{field}", annotation(), index()))
        };
        let text = move |read: fn(&LogPathDraft) -> String| {
            wizard.text(move |d| {
                d.container(id)
                    .and_then(|c| c.log_paths.iter().find(|p| p.id == row))
                    .map(read)
                    .unwrap_or_default()
            })
        };
        let set = move |write: fn(&mut LogPathDraft, String)| {
            container_setter(wizard, id, move |c, v| {
                if let Some(p) = c.log_paths.iter_mut().find(|p| p.id == row) {
                    write(p, v)
                }
            })
        };
        let remove = container_setter(wizard, id, move |c, _| c.log_paths.retain(|p| p.id != row));
        view! {
            <fieldset>
                <legend>{move || t_string!(i18n, log_path_n, n = index() + 1).to_string()}</legend>
                <TextField label=Signal::derive(move || t_string!(i18n, log_path).to_string())
                    path=path("path") value=text(|p| p.path.clone()) on_input=set(|p, v| p.path = v)/>
                <TextField label=Signal::derive(move || t_string!(i18n, log_storage).to_string())
                    path=path("size") value=text(|p| p.size.clone()) on_input=set(|p, v| p.size = v)/>
                <button type="button" on:click=move |_| remove(String::new())>{t!(i18n, remove_log_path)}</button>
            </fieldset>
        }
    };
    view! {
        <h3>{t!(i18n, log_collection)}</h3>
        <CheckField label=Signal::derive(move || t_string!(i18n, log_stdout).to_string())
            path=Signal::derive(move || format!("{}.stdout", annotation()))
            checked=Signal::derive(move || wizard.draft.with(|d| d.container(id).is_some_and(|c| c.log_stdout)))
            on_change=move |on| wizard.draft.update(|d| if let Some(c) = d.container_mut(id) { c.log_stdout = on })/>
        <For each=rows key=|row| *row children=row_view/>
        <button type="button" on:click=add>{t!(i18n, add_log_path)}</button>
    }
}

/// Whether the container `id` reads the host's time zone.
#[component]
pub fn TimeZoneField(id: u32, base: Memo<String>) -> impl IntoView {
    let i18n = use_i18n();
    let wizard = expect_context::<Wizard>();
    view! {
        <CheckField label=Signal::derive(move || t_string!(i18n, sync_time_zone).to_string())
            path=Signal::derive(move || format!("{}#timeZone", base.get()))
            checked=Signal::derive(move || wizard.draft.with(|d| d.container(id).is_some_and(|c| c.sync_time_zone)))
            on_change=move |on| wizard.draft.update(|d| if let Some(c) = d.container_mut(id) { c.sync_time_zone = on })/>
    }
}
