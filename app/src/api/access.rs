//! What the signed-in user may do, asked of the API as `kubectl auth can-i` asks it
//! (a SelfSubjectAccessReview), once per question and page: actions the user may not
//! take are shown disabled with the reason instead of offered and then refused. On a
//! real cluster the cluster answers, for whichever identity Berth forwards.

use leptos::prelude::*;

/// One question: may the user `verb` the `resource` (of `group`, its `subresource`) in
/// `namespace`?
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Question {
    /// `patch`, `delete`, `create`.
    pub verb: &'static str,
    /// The API group (`apps`).
    pub group: &'static str,
    /// `deployments`.
    pub resource: String,
    /// `scale`, or empty.
    pub subresource: &'static str,
    /// The namespace.
    pub namespace: String,
}

impl Question {
    /// `deployments/scale`, as a reason names it.
    pub fn resource_name(&self) -> String {
        if self.subresource.is_empty() {
            self.resource.clone()
        } else {
            format!("{}/{}", self.resource, self.subresource)
        }
    }

    /// The review the API is asked.
    pub fn review(&self) -> serde_json::Value {
        serde_json::json!({
            "apiVersion": "authorization.k8s.io/v1",
            "kind": "SelfSubjectAccessReview",
            "spec": {"resourceAttributes": {
                "verb": self.verb,
                "group": self.group,
                "resource": self.resource,
                "subresource": self.subresource,
                "namespace": self.namespace,
            }}
        })
    }
}

/// The API path of the review.
pub const REVIEWS: &str = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews";

/// Whether the user may, as known so far: `true` until the API says no (so the page the
/// server renders and the first hydrated one agree, and an unanswerable question
/// leaves the action to the API's own refusal).
pub fn may(question: Question) -> Signal<bool> {
    #[cfg(feature = "hydrate")]
    {
        ask(question)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = question;
        Signal::stored(true)
    }
}

#[cfg(feature = "hydrate")]
thread_local! {
    static ANSWERS: std::cell::RefCell<std::collections::HashMap<Question, ArcRwSignal<bool>>> =
        Default::default();
}

#[cfg(feature = "hydrate")]
fn ask(question: Question) -> Signal<bool> {
    if let Some(known) = ANSWERS.with(|a| a.borrow().get(&question).cloned()) {
        return known.into();
    }
    let answer = ArcRwSignal::new(true);
    ANSWERS.with(|a| a.borrow_mut().insert(question.clone(), answer.clone()));
    let request = crate::api::post_json(REVIEWS.to_owned(), &question.review());
    let set = answer.clone();
    leptos::task::spawn_local(async move {
        if let Ok(review) = request.await {
            if review["status"]["allowed"].as_bool() == Some(false) {
                set.set(false);
            }
        }
    });
    answer.into()
}

#[cfg(test)]
mod tests {
    use super::Question;

    #[test]
    fn a_question_is_the_review_kubectl_would_send() {
        let question = Question {
            verb: "patch",
            group: "apps",
            resource: "deployments".into(),
            subresource: "scale",
            namespace: "a".into(),
        };
        let review = question.review();
        assert_eq!(review["kind"], "SelfSubjectAccessReview");
        assert_eq!(review["spec"]["resourceAttributes"]["subresource"], "scale");
        assert_eq!(question.resource_name(), "deployments/scale");
    }
}
