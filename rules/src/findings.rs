//! The outcome of a validation: each broken rule at its field path, errors apart from
//! warnings (a warning lets the object through, as upstream's `Warning` headers do).

use crate::Violation;

/// One broken rule at one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The field's path as Kubernetes writes it: `spec.template.spec.containers[0].name`.
    pub path: String,
    /// The rule it breaks.
    pub violation: Violation,
}

/// Everything a validation found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Findings {
    /// Rules whose breaking rejects the object.
    pub errors: Vec<FieldError>,
    /// Rules whose breaking is allowed but worth saying.
    pub warnings: Vec<FieldError>,
}

impl Findings {
    /// Records an error at `path`.
    pub fn error(&mut self, path: impl Into<String>, violation: impl Into<Violation>) {
        self.errors.push(FieldError {
            path: path.into(),
            violation: violation.into(),
        });
    }

    /// Records a warning at `path`.
    pub fn warning(&mut self, path: impl Into<String>, violation: Violation) {
        self.warnings.push(FieldError {
            path: path.into(),
            violation,
        });
    }

    /// Records the error of a check at `path`, if it failed.
    pub fn check<E: Into<Violation>>(&mut self, path: &str, result: Result<(), E>) {
        if let Err(e) = result {
            self.error(path, e);
        }
    }

    /// Whether nothing rejects the object.
    pub fn is_valid(&self) -> bool {
        self.errors.is_empty()
    }

    /// The first error at exactly `path`.
    pub fn error_at(&self, path: &str) -> Option<&Violation> {
        self.errors
            .iter()
            .find(|e| e.path == path)
            .map(|e| &e.violation)
    }

    /// The first warning at exactly `path`.
    pub fn warning_at(&self, path: &str) -> Option<&Violation> {
        self.warnings
            .iter()
            .find(|e| e.path == path)
            .map(|e| &e.violation)
    }
}
