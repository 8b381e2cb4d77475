//! A line chart of each pod's usage over the samples taken, as an accessible SVG: the
//! picture is one image whose label states the latest values; the numbers themselves
//! are in the table beside it.

use leptos::prelude::*;
use stylers::style;

/// The drawing's size in its own units (it scales to the width it is given).
const WIDTH: f64 = 600.0;
const HEIGHT: f64 = 160.0;
/// Room at the left for the scale's labels.
const LEFT: f64 = 48.0;

/// Line colours, one per pod in name order (distinct in both themes).
pub const COLOURS: [&str; 6] = [
    "#2f81f7", "#d4731c", "#2da44e", "#bf3989", "#8250df", "#9a6700",
];

/// The colour of the pod at `index`.
pub fn colour(index: usize) -> &'static str {
    COLOURS[index % COLOURS.len()]
}

/// Where each of `values` (oldest first) is drawn in a chart with room for `slots`
/// samples whose top is `max`: the latest sample sits at the right edge.
fn coordinates(values: &[f64], max: f64, slots: usize) -> Vec<(f64, f64)> {
    let slots = slots.max(2);
    let first = slots.saturating_sub(values.len());
    let max = if max > 0.0 { max } else { 1.0 };
    values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            (
                slot_x(first + i, slots),
                HEIGHT - (v.clamp(0.0, max) / max) * HEIGHT,
            )
        })
        .collect()
}

/// The x of slot `index` of `slots`.
fn slot_x(index: usize, slots: usize) -> f64 {
    LEFT + index as f64 * (WIDTH - LEFT) / (slots.max(2) - 1) as f64
}

/// The `points` of a polyline for `values` (see [`coordinates`]).
pub fn points(values: &[f64], max: f64, slots: usize) -> String {
    coordinates(values, max, slots)
        .iter()
        .map(|(x, y)| format!("{x:.1},{y:.1}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The chart's top: the highest value seen, with a little headroom.
pub fn scale_top(series: &[(String, Vec<f64>)]) -> f64 {
    let max = series
        .iter()
        .flat_map(|(_, v)| v.iter().copied())
        .fold(0.0_f64, f64::max);
    max * 1.2
}

/// One chart: a line per pod.
#[component]
pub fn UsageChart(
    /// The image's accessible name: what it shows and the latest values.
    #[prop(into)]
    label: Signal<String>,
    /// Each pod's name and values, oldest first.
    series: Memo<Vec<(String, Vec<f64>)>>,
    /// How many samples the chart has room for.
    slots: usize,
    /// How the scale's top reads (`20m`, `64.0 MiB`).
    format: fn(f64) -> String,
    /// Seconds between two samples, for the time axis.
    period: u64,
) -> impl IntoView {
    let i18n = crate::i18n::use_i18n();
    let class = style! {
        .chart {
            width: 100%;
            max-width: 40rem;
            height: auto;
            border: 1px solid var(--border);
            border-radius: 4px;
            background: var(--surface);
        }
        .grid {
            stroke: var(--border);
            stroke-width: 1;
        }
        .scale {
            fill: var(--muted);
            font-size: 11px;
        }
        .dot {
            fill-opacity: 0;
        }
        .dot:hover {
            fill-opacity: 1;
        }
    };
    let top = Memo::new(move |_| series.with(|s| scale_top(s)));
    let view_box = format!("0 0 {WIDTH} {}", HEIGHT + 18.0);
    // The time axis: a label every five minutes back from now (at the right edge).
    let per_five = ((300 / period.max(1)) as usize).max(1);
    let ticks: Vec<(f64, usize)> = (0..slots)
        .rev()
        .step_by(per_five)
        .map(|slot| {
            (
                slot_x(slot, slots),
                (slots - 1 - slot) * period as usize / 60,
            )
        })
        .collect();
    view! { class = class,
        <svg class="chart" role="img" aria-label=label viewBox=view_box preserveAspectRatio="none">
            <line class="grid" x1=LEFT y1="0" x2=WIDTH y2="0"/>
            <line class="grid" x1=LEFT y1=HEIGHT x2=WIDTH y2=HEIGHT/>
            <text class="scale" x="2" y="12">{move || format(top.get())}</text>
            <text class="scale" x="2" y=HEIGHT>"0"</text>
            {ticks.into_iter().map(|(x, minutes)| {
                let anchor = if minutes == 0 { "end" } else { "middle" };
                view! {
                    <text class="scale" x=x y=HEIGHT + 15.0 text-anchor=anchor>{move || if minutes == 0 {
                        crate::i18n::t_string!(i18n, now_label).to_string()
                    } else {
                        crate::i18n::t_string!(i18n, minutes_ago, n = minutes).to_string()
                    }}</text>
                }
            }).collect_view()}
            {move || series.get().into_iter().enumerate().map(|(i, (pod, values))| {
                let line = points(&values, top.get(), slots);
                // A point per sample, its value named on hover.
                let dots = coordinates(&values, top.get(), slots)
                    .into_iter()
                    .zip(values.iter().copied())
                    .map(|((x, y), value)| {
                        let tip = format!("{pod}: {}", format(value));
                        view! { <circle class="dot" cx=x cy=y r="4" fill=colour(i)><title>{tip}</title></circle> }
                    })
                    .collect_view();
                view! {
                    <polyline points=line fill="none" stroke=colour(i) stroke-width="2"
                        stroke-linejoin="round"/>
                    {dots}
                }
            }).collect_view()}
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_latest_sample_is_at_the_right_edge_and_values_scale_to_the_top() {
        let line = points(&[0.0, 5.0, 10.0], 10.0, 3);
        assert_eq!(line, format!("{LEFT:.1},{HEIGHT:.1} 324.0,80.0 600.0,0.0"));
        // Two samples in a chart of five: they fill the last two slots.
        let partial = points(&[1.0, 1.0], 2.0, 5);
        assert!(partial.starts_with("462.0,80.0"), "{partial}");
        assert!(partial.ends_with("600.0,80.0"), "{partial}");
    }

    #[test]
    fn an_empty_or_idle_chart_still_has_a_scale() {
        assert_eq!(points(&[], 0.0, 10), "");
        assert_eq!(points(&[0.0], 0.0, 1), format!("{WIDTH:.1},{HEIGHT:.1}"));
        let series = vec![
            ("a".to_owned(), vec![1.0, 3.0]),
            ("b".to_owned(), vec![2.0]),
        ];
        assert!((scale_top(&series) - 3.6).abs() < 1e-9);
    }
}
