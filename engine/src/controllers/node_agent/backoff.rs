//! The kubelet's back-off for image pulls and container restarts (client-go's
//! `flowcontrol.Backoff` with the kubelet's settings).

use k8s_openapi::jiff::{SignedDuration, Timestamp};

/// The first delay: kubelet's `backOffPeriod`.
pub(super) const INITIAL: SignedDuration = SignedDuration::from_secs(10);
/// The longest delay: kubelet's `MaxContainerBackOff`.
pub(super) const MAX: SignedDuration = SignedDuration::from_secs(300);

/// One back-off entry: the current delay and when it last grew.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Backoff {
    delay: Option<SignedDuration>,
    last_update: Option<Timestamp>,
}

impl Backoff {
    /// flowcontrol's `hasExpired`: an entry untouched for twice the maximum (10 minutes)
    /// is forgotten, so a container that ran that long restarts at once again.
    fn expired(&self, at: Timestamp) -> bool {
        self.last_update
            .is_none_or(|last| at.duration_since(last) > MAX * 2)
    }

    /// Records a failure at `at`: the delay starts at 10 s and doubles up to 300 s.
    pub(super) fn next(&mut self, at: Timestamp) {
        self.delay = match self.delay {
            Some(delay) if !self.expired(at) => Some((delay * 2).min(MAX)),
            _ => Some(INITIAL),
        };
        self.last_update = Some(at);
    }

    /// The current delay, once there was a failure.
    pub(super) fn delay(&self) -> Option<SignedDuration> {
        self.delay
    }

    /// flowcontrol's `IsInBackOffSince`: the delay has not passed since `event`
    /// (a container's exit).
    pub(super) fn in_backoff_since(&self, event: Timestamp, now: Timestamp) -> bool {
        match self.delay {
            Some(delay) if !self.expired(event) => now.duration_since(event) < delay,
            _ => false,
        }
    }

    /// When the back-off since the last failure ends (an image pull's retry:
    /// flowcontrol's `IsInBackOffSinceUpdate` turns false then).
    pub(super) fn until(&self) -> Option<Timestamp> {
        Some(self.last_update? + self.delay?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_double_to_the_cap_and_reset_after_ten_quiet_minutes() {
        let start = Timestamp::UNIX_EPOCH;
        let mut b = Backoff::default();
        let mut at = start;
        let mut seen = Vec::new();
        for _ in 0..7 {
            b.next(at);
            seen.push(b.delay().map(|d| d.as_secs()));
            at += SignedDuration::from_secs(1);
        }
        assert_eq!(
            seen,
            [10, 20, 40, 80, 160, 300, 300].map(Some).to_vec(),
            "10 s doubling, capped at 300 s"
        );
        assert!(b.in_backoff_since(at, at));
        at += SignedDuration::from_secs(601);
        assert!(!b.in_backoff_since(at, at), "forgotten after 10 minutes");
        b.next(at);
        assert_eq!(b.delay(), Some(INITIAL));
    }
}
