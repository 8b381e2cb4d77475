//! Paged lists (`limit`/`continue`) and `deletecollection`, as upstream answers them.

use crate::common;

use axum::http::StatusCode;
use common::Api;
use serde_json::{json, Value};

const CONFIGMAPS: &str = "/api/v1/namespaces/default/configmaps";

async fn configmaps(api: &Api, names: &[&str], tier: &str) {
    for name in names {
        let body = json!({
            "apiVersion": "v1", "kind": "ConfigMap",
            "metadata": { "name": name, "labels": { "tier": tier } },
            "data": { "k": "v" },
        });
        let (status, answer) = api.write("POST", CONFIGMAPS, &body).await;
        assert_eq!(status, StatusCode::CREATED, "{answer}");
    }
}

fn names(list: &Value) -> Vec<String> {
    list["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["metadata"]["name"].as_str().map(str::to_owned))
        .collect()
}

#[tokio::test]
async fn pages_walk_the_list_in_name_order() {
    let api = Api::demo();
    configmaps(&api, &["e", "a", "d", "b", "c"], "x").await;
    let (_, whole) = api
        .json("GET", &format!("{CONFIGMAPS}?labelSelector=tier%3Dx"))
        .await;
    assert_eq!(names(&whole), ["a", "b", "c", "d", "e"]);

    let (_, first) = api
        .json(
            "GET",
            &format!("{CONFIGMAPS}?labelSelector=tier%3Dx&limit=2"),
        )
        .await;
    assert_eq!(names(&first), ["a", "b"]);
    let token = first["metadata"]["continue"]
        .as_str()
        .expect("a continue token");
    // Selectors make the count unknowable upstream; it isn't given.
    assert!(first["metadata"].get("remainingItemCount").is_none());
    // A change between pages: the next pages start after the last name served.
    configmaps(&api, &["aa"], "x").await;
    let (_, second) = api
        .json(
            "GET",
            &format!("{CONFIGMAPS}?labelSelector=tier%3Dx&limit=2&continue={token}"),
        )
        .await;
    assert_eq!(names(&second), ["c", "d"]);
    assert_eq!(
        second["metadata"]["resourceVersion"], first["metadata"]["resourceVersion"],
        "later pages carry the first page's version"
    );
    let token = second["metadata"]["continue"].as_str().expect("a token");
    let (_, last) = api
        .json(
            "GET",
            &format!("{CONFIGMAPS}?labelSelector=tier%3Dx&limit=2&continue={token}"),
        )
        .await;
    assert_eq!(names(&last), ["e"]);
    assert!(last["metadata"].get("continue").is_none());

    let (_, counted) = api.json("GET", &format!("{CONFIGMAPS}?limit=1")).await;
    let total = api.json("GET", CONFIGMAPS).await.1["items"]
        .as_array()
        .map_or(0, Vec::len);
    assert_eq!(counted["metadata"]["remainingItemCount"], total - 1);
}

#[tokio::test]
async fn bad_and_expired_tokens_answer_as_upstream() {
    let api = Api::demo_with(|e| e.store_mut().set_history_limit(4));
    configmaps(&api, &["a", "b", "c"], "x").await;
    let (status, bad) = api
        .json("GET", &format!("{CONFIGMAPS}?limit=1&continue=notatoken"))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}");

    let (_, first) = api.json("GET", &format!("{CONFIGMAPS}?limit=1")).await;
    let token = first["metadata"]["continue"]
        .as_str()
        .expect("a token")
        .to_owned();
    configmaps(&api, &["d", "e", "f", "g", "h", "i"], "x").await;
    let (status, expired) = api
        .json("GET", &format!("{CONFIGMAPS}?limit=1&continue={token}"))
        .await;
    assert_eq!(status, StatusCode::GONE, "{expired}");
    assert_eq!(expired["reason"], "Expired");
    assert!(expired["message"]
        .as_str()
        .is_some_and(|m| m.starts_with("The provided continue parameter is too old")));
}

#[tokio::test]
async fn deletecollection_deletes_what_the_selector_picks() {
    let api = Api::demo();
    configmaps(&api, &["keep-1", "keep-2"], "keep").await;
    configmaps(&api, &["drop-1", "drop-2", "drop-3"], "drop").await;
    let (status, dry) = api
        .json(
            "DELETE",
            &format!("{CONFIGMAPS}?labelSelector=tier%3Ddrop&dryRun=All"),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(names(&dry).len(), 3);
    let (_, still) = api
        .json("GET", &format!("{CONFIGMAPS}?labelSelector=tier%3Ddrop"))
        .await;
    assert_eq!(names(&still).len(), 3, "a dry run deletes nothing");

    let (status, deleted) = api
        .json("DELETE", &format!("{CONFIGMAPS}?labelSelector=tier%3Ddrop"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(deleted["kind"], "ConfigMapList");
    assert_eq!(names(&deleted), ["drop-1", "drop-2", "drop-3"]);
    let (_, left) = api
        .json("GET", &format!("{CONFIGMAPS}?labelSelector=tier%3Ddrop"))
        .await;
    assert!(names(&left).is_empty());
    let (_, kept) = api
        .json("GET", &format!("{CONFIGMAPS}?labelSelector=tier%3Dkeep"))
        .await;
    assert_eq!(names(&kept), ["keep-1", "keep-2"]);

    // Pods by field: the controller replaces the deleted ones.
    let (status, pods) = api
        .json(
            "DELETE",
            "/api/v1/namespaces/default/pods?fieldSelector=status.phase%3DRunning",
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(names(&pods).len(), 3);

    let (_, discovery) = api.json("GET", "/api/v1").await;
    let verbs = |name: &str| {
        discovery["resources"]
            .as_array()
            .and_then(|r| r.iter().find(|r| r["name"] == name))
            .map(|r| r["verbs"].clone())
            .unwrap_or_default()
    };
    assert!(verbs("configmaps")
        .as_array()
        .is_some_and(|v| v.contains(&json!("deletecollection"))));
    assert!(!verbs("namespaces")
        .as_array()
        .is_some_and(|v| v.contains(&json!("deletecollection"))));
    let response = api.send("DELETE", "/api/v1/namespaces").await;
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
}
