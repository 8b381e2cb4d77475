//! Services get addresses: a ClusterIP for intranet access, and an external address
//! too for a LoadBalancer (internet access); no two Services share one.

use crate::common;

use common::Cluster;
use engine::k8s_openapi::api::core::v1::{Service, ServicePort, ServiceSpec};
use engine::k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

fn service(name: &str, type_: &str) -> Service {
    Service {
        metadata: ObjectMeta {
            name: Some(name.to_owned()),
            namespace: Some("default".to_owned()),
            ..Default::default()
        },
        spec: Some(ServiceSpec {
            type_: Some(type_.to_owned()),
            selector: Some([("app".to_owned(), name.to_owned())].into()),
            ports: Some(vec![ServicePort {
                port: 80,
                ..Default::default()
            }]),
            ..Default::default()
        }),
        status: None,
    }
}

#[test]
fn services_get_distinct_cluster_and_external_addresses() {
    let mut c = Cluster::new();
    c.engine.create(service("web", "ClusterIP")).expect("web");
    c.engine
        .create(service("shop", "LoadBalancer"))
        .expect("shop");
    let web = c
        .engine
        .store()
        .get::<Service>("default", "web")
        .expect("web");
    let shop = c
        .engine
        .store()
        .get::<Service>("default", "shop")
        .expect("shop");
    let cluster_ip = |s: &Service| s.spec.as_ref().and_then(|s| s.cluster_ip.clone());
    let (web_ip, shop_ip) = (cluster_ip(&web), cluster_ip(&shop));
    assert!(web_ip.as_deref().is_some_and(|ip| ip.starts_with("10.96.")));
    assert!(shop_ip
        .as_deref()
        .is_some_and(|ip| ip.starts_with("10.96.")));
    assert_ne!(web_ip, shop_ip);
    // A ClusterIP Service's status is upstream's empty one.
    let status = web.status.as_ref().expect("status");
    assert_eq!(status.load_balancer, Some(Default::default()));
    let external = shop
        .status
        .as_ref()
        .and_then(|s| s.load_balancer.as_ref())
        .and_then(|lb| lb.ingress.as_ref())
        .and_then(|i| i.first())
        .and_then(|i| i.ip.clone());
    assert!(external.is_some_and(|ip| ip.starts_with("203.0.113.")));
}

#[test]
fn an_external_name_service_gets_no_cluster_ip_and_no_endpoints() {
    let mut c = Cluster::new();
    let mut db = service("db", "ExternalName");
    if let Some(spec) = db.spec.as_mut() {
        spec.external_name = Some("db.example.com".to_owned());
        spec.ports = None;
    }
    c.engine.create(db).expect("an ExternalName needs no port");
    c.run_for(5_000);
    let stored = c
        .engine
        .store()
        .get::<Service>("default", "db")
        .expect("db");
    let spec = stored.spec.as_ref().expect("spec");
    assert_eq!(
        (spec.cluster_ip.as_deref(), spec.cluster_ips.as_ref()),
        (None, None)
    );
    assert!(c
        .engine
        .store()
        .get::<engine::k8s_openapi::api::core::v1::Endpoints>("default", "db")
        .is_none());
}
