//! A list's search, sort and filters as the URL's query parameters (`?q=redis&sort=age
//! &desc=1&status=failing`), so a list as someone sees it is a link they can share.
//! Only what differs from the default is written; what is absent or not understood
//! reads as the default.

use leptos_router::params::ParamsMap;
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::event_row::EventTypeFilter;
use super::list_query::ListQuery;
use super::pod_query::StatusFilter;
use super::StatusChoice;

/// Something a list page keeps in its URL.
pub trait UrlParams: Clone + PartialEq + Default {
    /// Sets its parameters in `params`, removing those at their default.
    fn write(&self, params: &mut ParamsMap);
    /// Reads it from `params`.
    fn read(params: &ParamsMap) -> Self;
}

/// An enum's word in the URL: its serde name (`last-seen`).
fn word<T: Serialize>(value: &T) -> Option<String> {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(word)) => Some(word),
        _ => None,
    }
}

/// The enum named by the parameter `key`, if there is one it names.
fn read_word<T: DeserializeOwned>(params: &ParamsMap, key: &str) -> Option<T> {
    let word = params.get_str(key)?;
    serde_json::from_value(serde_json::Value::String(word.to_owned())).ok()
}

/// Sets `key` to `value`, or removes it when there is none.
fn set(params: &mut ParamsMap, key: &'static str, value: Option<String>) {
    match value {
        Some(value) => params.replace(key, value),
        None => {
            params.remove(key);
        }
    }
}

/// Sets `key` to `value`'s word unless it is the default.
fn set_word<T: Serialize + Default + PartialEq>(
    params: &mut ParamsMap,
    key: &'static str,
    value: &T,
) {
    set(
        params,
        key,
        (*value != T::default()).then(|| word(value)).flatten(),
    );
}

/// The search (`q`), sort column (`sort`) and order (`desc`) every list shares.
fn write_order<C>(params: &mut ParamsMap, search: &str, sort: &C, descending: bool)
where
    C: Serialize + Default + PartialEq,
{
    set(params, "q", (!search.is_empty()).then(|| search.to_owned()));
    set_word(params, "sort", sort);
    set(params, "desc", descending.then(|| "1".to_owned()));
}

fn read_search(params: &ParamsMap) -> String {
    params.get("q").unwrap_or_default()
}

fn read_descending(params: &ParamsMap) -> bool {
    params.get_str("desc") == Some("1")
}

impl<C> UrlParams for ListQuery<C>
where
    C: Copy + Eq + Default + Serialize + DeserializeOwned,
{
    fn write(&self, params: &mut ParamsMap) {
        write_order(params, &self.search, &self.sort, self.descending);
    }

    fn read(params: &ParamsMap) -> Self {
        ListQuery {
            search: read_search(params),
            sort: read_word(params, "sort").unwrap_or_default(),
            descending: read_descending(params),
        }
    }
}

impl UrlParams for StatusFilter {
    fn write(&self, params: &mut ParamsMap) {
        set_word(params, "status", self);
    }

    fn read(params: &ParamsMap) -> Self {
        read_word(params, "status").unwrap_or_default()
    }
}

impl UrlParams for StatusChoice {
    fn write(&self, params: &mut ParamsMap) {
        let only = match self {
            StatusChoice::All => None,
            StatusChoice::Only(status) => word(status),
        };
        set(params, "status", only);
    }

    fn read(params: &ParamsMap) -> Self {
        read_word(params, "status").map_or(StatusChoice::All, StatusChoice::Only)
    }
}

impl UrlParams for EventTypeFilter {
    fn write(&self, params: &mut ParamsMap) {
        set_word(params, "type", self);
    }

    fn read(params: &ParamsMap) -> Self {
        read_word(params, "type").unwrap_or_default()
    }
}

// Natively, leptos_router escapes URLs with the server's code only under `ssr` (else it
// calls the browser), and `cargo test --workspace` builds the app with `ssr`.
#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use crate::api::model::event_row::EventColumn;
    use crate::api::model::pod_query::PodColumn;
    use crate::api::model::{WorkloadColumn, WorkloadStatus};

    fn written(query: &impl UrlParams, start: &'static str) -> String {
        let mut params: ParamsMap = start
            .split('&')
            .filter_map(|pair| pair.split_once('='))
            .collect();
        query.write(&mut params);
        params.to_query_string()
    }

    #[test]
    fn defaults_write_nothing_and_other_parameters_stay() {
        assert_eq!(written(&ListQuery::<PodColumn>::default(), ""), "");
        assert_eq!(
            written(&ListQuery::<EventColumn>::default(), "tab=pods&q=old"),
            "?tab=pods"
        );
        assert_eq!(written(&StatusChoice::All, "status=failed"), "");
    }

    #[test]
    fn a_pod_query_goes_through_the_url_and_back() {
        let query = ListQuery {
            search: "redis 7".into(),
            sort: PodColumn::Restarts,
            descending: true,
        };
        let url = written(&query, "");
        assert_eq!(url, "?q=redis%207&sort=restarts&desc=1");
        let mut params = ParamsMap::new();
        query.write(&mut params);
        StatusFilter::Failing.write(&mut params);
        assert_eq!(ListQuery::<PodColumn>::read(&params), query);
        assert_eq!(StatusFilter::read(&params), StatusFilter::Failing);
    }

    #[test]
    fn workload_filters_and_columns_read_back() {
        let mut params = ParamsMap::new();
        StatusChoice::Only(WorkloadStatus::Progressing).write(&mut params);
        ListQuery {
            search: String::new(),
            sort: WorkloadColumn::Pods,
            descending: false,
        }
        .write(&mut params);
        assert_eq!(params.to_query_string(), "?status=progressing&sort=pods");
        assert_eq!(
            StatusChoice::read(&params),
            StatusChoice::Only(WorkloadStatus::Progressing)
        );
        assert_eq!(
            ListQuery::<WorkloadColumn>::read(&params).sort,
            WorkloadColumn::Pods
        );
        EventTypeFilter::Warning.write(&mut params);
        assert_eq!(EventTypeFilter::read(&params), EventTypeFilter::Warning);
    }

    #[test]
    fn what_is_not_understood_reads_as_the_default() {
        let params: ParamsMap = [("sort", "colour"), ("status", "sleepy"), ("desc", "yes")]
            .into_iter()
            .collect();
        assert_eq!(ListQuery::<PodColumn>::read(&params), ListQuery::default());
        assert_eq!(StatusFilter::read(&params), StatusFilter::All);
        assert_eq!(StatusChoice::read(&params), StatusChoice::All);
    }
}
