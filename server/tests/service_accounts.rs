//! ServiceAccounts through kubectl, as a new user meets them: `kubectl get sa` shows
//! every namespace's `default` account, `kubectl create token` answers a token, and
//! that token signs its bearer in as the account, whom RBAC then authorizes; a
//! TokenReview says whom a token stands for.

use crate::common;

use std::sync::Arc;

use common::kubectl::{serve_router_tls, Kubectl};
use engine::clock::VirtualClock;
use engine::Engine;
use server::auth::{Auth, Tokens};
use server::cluster::Cluster;
use server::clusters::Clusters;

const ADMIN: &str = "admin-token";

/// The demo cluster behind token authentication that accepts the engine's
/// ServiceAccount tokens, as `berth` serves it.
fn serve() -> String {
    let mut engine = Engine::new(Arc::new(VirtualClock::default()), 7);
    engine::rbac::bootstrap(&mut engine).expect("default roles");
    engine::demo::seed(&mut engine).expect("demo data");
    let cluster = Cluster::new(engine);
    let tokens = Tokens::parse(&format!("{ADMIN},admin,0,system:masters\n")).expect("tokens");
    let auth = Auth::with_tokens(tokens);
    auth.accept_service_account_tokens(Arc::clone(&cluster));
    let clusters = Clusters::embedded(cluster);
    serve_router_tls(auth.protect(clusters.router(None)))
}

#[test]
fn a_service_accounts_token_signs_in_as_the_account() {
    let url = serve();
    let admin = Kubectl::at_as(url.clone(), Some(ADMIN));
    let accounts = admin.ok(&["get", "serviceaccounts"]);
    assert!(
        accounts.contains("NAME") && accounts.contains("SECRETS") && accounts.contains("default"),
        "{accounts}"
    );
    // kubectl's typed create sends the account and the TokenRequest as protobuf.
    admin.ok(&["create", "serviceaccount", "robot"]);
    let token = admin.ok(&["create", "token", "robot", "--duration=20m"]);
    let token = token.trim();
    assert_eq!(token.split('.').count(), 3, "a JWT: {token}");

    let robot = Kubectl::at_as(url.clone(), Some(token));
    let me = robot.ok(&["auth", "whoami"]);
    assert!(
        me.contains("system:serviceaccount:default:robot")
            && me.contains("system:serviceaccounts:default"),
        "{me}"
    );
    let refused = robot.run(&["get", "pods"]);
    assert!(
        !refused.ok
            && refused.stderr.contains(
                "User \"system:serviceaccount:default:robot\" cannot list resource \"pods\""
            ),
        "{}",
        refused.stderr
    );
    admin.ok(&[
        "create",
        "rolebinding",
        "robot-views",
        "--clusterrole=view",
        "--serviceaccount=default:robot",
    ]);
    robot.ok(&["get", "pods"]);

    // A TokenReview says who a token stands for, to a reviewer allowed to ask.
    let review = |token: &str| {
        format!(
            r#"{{"apiVersion": "authentication.k8s.io/v1", "kind": "TokenReview", "spec": {{"token": "{token}"}}}}"#
        )
    };
    let file = admin.file("review.json", &review(token));
    let file = file.to_str().expect("path");
    let reviewed = admin.ok(&[
        "create",
        "-f",
        file,
        "-o",
        "jsonpath={.status.user.username}",
    ]);
    assert_eq!(reviewed, "system:serviceaccount:default:robot");
    let bogus = admin.file("bogus.json", &review("not-a-token"));
    let bogus = bogus.to_str().expect("path");
    let refused = admin.ok(&[
        "create",
        "-f",
        bogus,
        "-o",
        "jsonpath={.status.authenticated}",
    ]);
    assert_eq!(refused, "false");
    let denied = robot.run(&["create", "-f", file]);
    assert!(
        !denied.ok
            && denied
                .stderr
                .contains("cannot create resource \"tokenreviews\""),
        "{}",
        denied.stderr
    );

    let short = admin.run(&["create", "token", "robot", "--duration=1m"]);
    assert!(
        !short.ok
            && short
                .stderr
                .contains("may not specify a duration less than 10 minutes"),
        "{}",
        short.stderr
    );
    let missing = admin.run(&["create", "token", "nobody"]);
    assert!(
        !missing.ok
            && missing
                .stderr
                .contains("serviceaccounts \"nobody\" not found"),
        "{}",
        missing.stderr
    );

    admin.ok(&["delete", "serviceaccount", "robot"]);
    let gone = robot.run(&["get", "pods"]);
    assert!(
        !gone.ok && gone.stderr.contains("Unauthorized"),
        "{}",
        gone.stderr
    );
}
