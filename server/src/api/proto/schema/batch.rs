//! The batch/v1 messages `kubectl create job|cronjob` sends: Job and CronJob (with
//! `--from=cronjob/…`, a Job whose spec is the CronJob's template, defaults and all).

use super::core::POD_TEMPLATE_SPEC;
use super::Ty::{Bool, Int, Msg, Str, Time};
use super::{f, Message, LABEL_SELECTOR, OBJECT_META};

/// `Job`.
pub static JOB: Message = Message {
    name: "Job",
    fields: &[
        f(1, "metadata", Msg(&OBJECT_META)),
        f(2, "spec", Msg(&JOB_SPEC)),
        f(3, "status", Msg(&JOB_STATUS)),
    ],
};

static JOB_SPEC: Message = Message {
    name: "JobSpec",
    fields: &[
        f(1, "parallelism", Int).ptr(),
        f(2, "completions", Int).ptr(),
        f(3, "activeDeadlineSeconds", Int).ptr(),
        f(4, "selector", Msg(&LABEL_SELECTOR)),
        f(5, "manualSelector", Bool).ptr(),
        f(6, "template", Msg(&POD_TEMPLATE_SPEC)),
        f(7, "backoffLimit", Int).ptr(),
        f(8, "ttlSecondsAfterFinished", Int).ptr(),
        f(9, "completionMode", Str).ptr(),
        f(10, "suspend", Bool).ptr(),
        f(12, "backoffLimitPerIndex", Int).ptr(),
        f(13, "maxFailedIndexes", Int).ptr(),
        f(14, "podReplacementPolicy", Str).ptr(),
        f(15, "managedBy", Str).ptr(),
    ],
};

// Clients send it empty; its scalars are read so that a status is not refused.
static JOB_STATUS: Message = Message {
    name: "JobStatus",
    fields: &[
        f(2, "startTime", Time).ptr(),
        f(3, "completionTime", Time).ptr(),
        f(4, "active", Int),
        f(5, "succeeded", Int),
        f(6, "failed", Int),
        f(7, "completedIndexes", Str),
        f(9, "ready", Int).ptr(),
        f(11, "terminating", Int).ptr(),
    ],
};

/// `CronJob`.
pub static CRON_JOB: Message = Message {
    name: "CronJob",
    fields: &[
        f(1, "metadata", Msg(&OBJECT_META)),
        f(2, "spec", Msg(&CRON_JOB_SPEC)),
        f(3, "status", Msg(&CRON_JOB_STATUS)),
    ],
};

static CRON_JOB_SPEC: Message = Message {
    name: "CronJobSpec",
    fields: &[
        f(1, "schedule", Str),
        f(2, "startingDeadlineSeconds", Int).ptr(),
        f(3, "concurrencyPolicy", Str),
        f(4, "suspend", Bool).ptr(),
        f(5, "jobTemplate", Msg(&JOB_TEMPLATE_SPEC)),
        f(6, "successfulJobsHistoryLimit", Int).ptr(),
        f(7, "failedJobsHistoryLimit", Int).ptr(),
        f(8, "timeZone", Str).ptr(),
    ],
};

static JOB_TEMPLATE_SPEC: Message = Message {
    name: "JobTemplateSpec",
    fields: &[
        f(1, "metadata", Msg(&OBJECT_META)),
        f(2, "spec", Msg(&JOB_SPEC)),
    ],
};

static CRON_JOB_STATUS: Message = Message {
    name: "CronJobStatus",
    fields: &[
        f(4, "lastScheduleTime", Time).ptr(),
        f(5, "lastSuccessfulTime", Time).ptr(),
    ],
};
