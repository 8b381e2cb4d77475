//! Client certificates, as kube-apiserver's `--client-ca-file` authenticates them and a
//! kind or kubeadm kubeconfig uses them: kubectl with the administrator's certificate
//! is `kubernetes-admin` in `system:masters`; a certificate of a user without bindings
//! is authenticated and then refused by RBAC; a certificate another CA signed does not
//! connect; without a certificate or token the answer is a 401.

use crate::common;

use std::sync::Arc;

use base64::Engine as _;
use common::kubectl::{tokio_thread, Kubectl};
use engine::clock::VirtualClock;
use engine::Engine;
use rcgen::{
    BasicConstraints, Certificate, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa,
    KeyPair,
};
use server::auth::{Auth, Tokens};
use server::cluster::Cluster;
use server::clusters::Clusters;

/// A CA: what signs, and its certificate's PEM.
struct Ca {
    cert: Certificate,
    key: KeyPair,
    pem: String,
}

impl Ca {
    fn new(name: &str) -> Ca {
        let key = KeyPair::generate().expect("CA key");
        let mut params = CertificateParams::new(Vec::<String>::new()).expect("CA params");
        params.distinguished_name.push(DnType::CommonName, name);
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        let cert = params.self_signed(&key).expect("CA certificate");
        let pem = cert.pem();
        Ca { cert, key, pem }
    }

    /// A certificate and key (PEM) for `names`, with the subject's CN and O fields.
    fn sign(&self, names: &[&str], cn: &str, orgs: &[&str], client: bool) -> (String, String) {
        let key = KeyPair::generate().expect("a key");
        let names = names.iter().map(|n| (*n).to_owned()).collect::<Vec<_>>();
        let mut params = CertificateParams::new(names).expect("params");
        for org in orgs {
            params
                .distinguished_name
                .push(DnType::OrganizationName, *org);
        }
        params.distinguished_name.push(DnType::CommonName, cn);
        params.extended_key_usages = vec![if client {
            ExtendedKeyUsagePurpose::ClientAuth
        } else {
            ExtendedKeyUsagePurpose::ServerAuth
        }];
        let cert = params
            .signed_by(&key, &self.cert, &self.key)
            .expect("a certificate");
        (cert.pem(), key.serialize_pem())
    }
}

/// The demo cluster behind token authentication and client certificates of `ca`, over
/// HTTPS with a certificate of `ca` for 127.0.0.1; answers its URL.
fn serve(ca: &Ca) -> String {
    let mut engine = Engine::new(Arc::new(VirtualClock::default()), 7);
    engine::rbac::bootstrap(&mut engine).expect("default roles");
    engine::demo::seed(&mut engine).expect("demo data");
    let clusters = Clusters::embedded(Cluster::new(engine));
    let auth = Auth::with_tokens(Tokens::default());
    let router = auth.protect(clusters.router(None));
    let dir = tempfile::tempdir().expect("a folder");
    let (cert, key) = ca.sign(&["127.0.0.1"], "kube-apiserver", &[], false);
    let file = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).expect("a PEM file");
        path
    };
    let files = (file("tls.crt", &cert), file("tls.key", &key));
    let client_ca = file("ca.crt", &ca.pem);
    let _ = rustls::crypto::ring::default_provider().install_default();
    let config = server::tls::config(server::tls::Files {
        cert: &files.0,
        key: &files.1,
        client_ca: Some(&client_ca),
    })
    .expect("the TLS configuration");
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    listener.set_nonblocking(true).expect("non-blocking");
    let url = format!("https://{}", listener.local_addr().expect("its address"));
    tokio_thread(async move {
        let _ = server::tls::serve(listener, config, router).await;
    });
    url
}

/// kubectl at `url`, trusting `ca`, signed in with `client` (certificate, key) if given.
fn kubectl(url: &str, ca: &Ca, client: Option<&(String, String)>) -> Kubectl {
    let data = |pem: &str| base64::engine::general_purpose::STANDARD.encode(pem);
    let user = client.map_or("{}".to_owned(), |(cert, key)| {
        format!(
            "{{client-certificate-data: {}, client-key-data: {}}}",
            data(cert),
            data(key)
        )
    });
    let kubectl = Kubectl::at(url.to_owned());
    kubectl.file(
        "config",
        &format!(
            "apiVersion: v1\nkind: Config\nclusters:\n- name: kind\n  cluster: {{server: {url}, \
             certificate-authority-data: {}}}\ncontexts:\n- name: kind\n  context: {{cluster: kind, \
             user: kind, namespace: default}}\ncurrent-context: kind\nusers:\n- name: kind\n  user: {user}\n",
            data(&ca.pem)
        ),
    );
    kubectl
}

#[test]
fn a_client_certificate_signs_its_subject_in() {
    let ca = Ca::new("kubernetes");
    let url = serve(&ca);
    let admin_cert = ca.sign(&[], "kubernetes-admin", &["system:masters"], true);
    let admin = kubectl(&url, &ca, Some(&admin_cert));
    let me = admin.ok(&["auth", "whoami", "-o", "jsonpath={.status.userInfo}"]);
    assert!(
        me.contains("\"username\":\"kubernetes-admin\"")
            && me.contains("system:masters")
            && me.contains("system:authenticated"),
        "{me}"
    );
    let pods = admin.ok(&["get", "pods", "-A"]);
    assert!(pods.contains("nginx-demo"), "{pods}");
    admin.ok(&["create", "configmap", "made-by-certificate"]);

    // Authenticated, not authorized: RBAC's 403 names the certificate's user.
    let carol = kubectl(&url, &ca, Some(&ca.sign(&[], "carol", &["team-c"], true)));
    let refused = carol.run(&["get", "pods"]);
    assert!(
        !refused.ok
            && refused
                .stderr
                .contains("User \"carol\" cannot list resource \"pods\""),
        "{refused:?}"
    );
}

#[test]
fn without_a_trusted_certificate_nobody_is_signed_in() {
    let ca = Ca::new("kubernetes");
    let url = serve(&ca);
    // kubectl would ask for a password: curl, with neither certificate nor token.
    let bare = kubectl(&url, &ca, None);
    let ca_file = bare.file("ca.crt", &ca.pem);
    let answer = std::process::Command::new("curl")
        .args(["-s", "--cacert"])
        .arg(&ca_file)
        .arg(format!("{url}/api/v1/namespaces/default/pods"))
        .output()
        .expect("curl runs");
    let answer = String::from_utf8_lossy(&answer.stdout);
    assert!(
        answer.contains("\"code\":401") && answer.contains("Unauthorized"),
        "{answer}"
    );

    let stranger = Ca::new("someone-else");
    let forged = stranger.sign(&[], "kubernetes-admin", &["system:masters"], true);
    let refused = kubectl(&url, &ca, Some(&forged)).run(&["get", "pods"]);
    assert!(
        !refused.ok && !refused.stdout.contains("nginx-demo"),
        "{refused:?}"
    );
    // The refusal was the handshake's: the server still serves its own users.
    let admin_cert = ca.sign(&[], "kubernetes-admin", &["system:masters"], true);
    kubectl(&url, &ca, Some(&admin_cert)).ok(&["get", "pods"]);
}

#[test]
fn a_certificate_names_its_user_and_groups() {
    let ca = Ca::new("kubernetes");
    let (pem, _) = ca.sign(&[], "ann", &["team-a"], true);
    let der = rustls::pki_types::pem::PemObject::from_pem_slice(pem.as_bytes())
        .map(|c: rustls::pki_types::CertificateDer<'_>| c.to_vec())
        .expect("DER");
    let user = server::tls::user_of_certificate(&der).expect("a user");
    assert_eq!(user.name, "ann");
    assert_eq!(user.groups, vec!["team-a", "system:authenticated"]);
    let (nameless, _) = ca.sign(&[], "", &["team-a"], true);
    let der = rustls::pki_types::pem::PemObject::from_pem_slice(nameless.as_bytes())
        .map(|c: rustls::pki_types::CertificateDer<'_>| c.to_vec())
        .expect("DER");
    assert!(server::tls::user_of_certificate(&der).is_none());
}
