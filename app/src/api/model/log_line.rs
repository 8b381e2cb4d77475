//! Lines of a workload's logs: read with `timestamps=true` from each pod and container,
//! merged in time order, filtered and written out for a download.

/// The colours a log's sources take, in turn (`--log-1` … `--log-6`).
pub const SOURCE_COLOURS: usize = 6;

/// One line of one container's log.
#[derive(Debug, Clone, PartialEq)]
pub struct LogLine {
    /// When it was written, as the API gave it (RFC 3339).
    pub at: String,
    /// Its pod.
    pub pod: String,
    /// Its container.
    pub container: String,
    /// Which source (pod and container) it came from, for its colour.
    pub source: usize,
    /// What it says.
    pub text: String,
    /// `at` with its fraction made nine digits long, so lines sort by text.
    order: String,
}

/// The lines of `body` (a `timestamps=true` answer) of `container` in `pod`.
pub fn parse(source: usize, pod: &str, container: &str, body: &str) -> Vec<LogLine> {
    body.lines()
        .filter(|l| !l.is_empty())
        .map(|line| {
            let (at, text) = line.split_once(' ').unwrap_or((line, ""));
            LogLine {
                at: at.to_owned(),
                pod: pod.to_owned(),
                container: container.to_owned(),
                source,
                text: text.to_owned(),
                order: sortable(at),
            }
        })
        .collect()
}

/// `2026-12-06T21:38:09.5Z` as `2026-12-06T21:38:09.500000000Z`.
fn sortable(at: &str) -> String {
    let at = at.trim_end_matches('Z');
    let (seconds, fraction) = at.split_once('.').unwrap_or((at, ""));
    format!("{seconds}.{fraction:0<9}Z")
}

/// Every source's lines in the order they were written (a source's own order kept
/// for lines of the same instant).
pub fn merge(sources: Vec<Vec<LogLine>>) -> Vec<LogLine> {
    let mut lines: Vec<LogLine> = sources.into_iter().flatten().collect();
    lines.sort_by(|a, b| a.order.cmp(&b.order));
    lines
}

/// Whether `line` contains `needle`, ignoring case (an empty needle matches all).
pub fn matches(line: &LogLine, needle: &str) -> bool {
    needle.is_empty() || line.text.to_lowercase().contains(&needle.to_lowercase())
}

/// `text` cut into pieces, each saying whether it is an occurrence of `needle`
/// (ignoring case), for highlighting.
pub fn highlighted(text: &str, needle: &str) -> Vec<(String, bool)> {
    if needle.is_empty() {
        return vec![(text.to_owned(), false)];
    }
    let lower = text.to_lowercase();
    let wanted = needle.to_lowercase();
    let mut pieces = Vec::new();
    let mut at = 0;
    // Lower-casing keeps byte offsets for the ASCII a search is typed in; where it
    // would not, the text is shown as it is.
    if lower.len() != text.len() {
        return vec![(text.to_owned(), false)];
    }
    while let Some(found) = lower[at..].find(&wanted) {
        let start = at + found;
        if start > at {
            pieces.push((text[at..start].to_owned(), false));
        }
        pieces.push((text[start..start + wanted.len()].to_owned(), true));
        at = start + wanted.len();
    }
    if at < text.len() {
        pieces.push((text[at..].to_owned(), false));
    }
    pieces
}

/// The lines as a file: `pod/container` before each, its time too with `timestamps`.
pub fn as_file(lines: &[LogLine], timestamps: bool) -> String {
    let mut out = String::new();
    for line in lines {
        if timestamps {
            out.push_str(&line.at);
            out.push(' ');
        }
        out.push_str(&format!("{}/{} {}\n", line.pod, line.container, line.text));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{as_file, highlighted, merge, parse};

    #[test]
    fn lines_of_several_sources_merge_in_time_order() {
        let a = parse(
            0,
            "web-1",
            "nginx",
            "2026-12-06T10:00:01Z a1\n2026-12-06T10:00:03.5Z a2\n",
        );
        let b = parse(
            1,
            "web-2",
            "nginx",
            "2026-12-06T10:00:02.25Z b1\n2026-12-06T10:00:03.25Z b2\n",
        );
        let merged = merge(vec![a, b]);
        let texts: Vec<&str> = merged.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["a1", "b1", "b2", "a2"]);
        assert_eq!(
            as_file(&merged[..1], true),
            "2026-12-06T10:00:01Z web-1/nginx a1\n"
        );
        assert_eq!(as_file(&merged[..1], false), "web-1/nginx a1\n");
    }

    #[test]
    fn a_search_is_highlighted_wherever_it_occurs_ignoring_case() {
        assert_eq!(
            highlighted("GET / 200, get /x", "get"),
            [
                ("GET".to_owned(), true),
                (" / 200, ".to_owned(), false),
                ("get".to_owned(), true),
                (" /x".to_owned(), false)
            ]
        );
        assert_eq!(highlighted("abc", ""), [("abc".to_owned(), false)]);
    }
}
