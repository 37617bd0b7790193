//! How many languages are laid out at once. A Typst layout holds its pages and its
//! memoized work until it is done, 1.1 to 1.4 MB per page of the book layout, and Typst's
//! caches keep that memory after the language is written. Three long editions laid out
//! side by side need the sum of their peaks; so a language starts only while the
//! estimated memory of the layouts running, and of those finished but still cached, stays
//! within a budget, and the caches are emptied when no layout is running (`comemo::evict`):
//! a language whose layout is done and that only writes its files lets the next one start.

use std::cell::Cell;
use std::cmp::Reverse;
use std::sync::{Condvar, Mutex};

use crate::text::Script;

/// Up to `jobs` layouts at once, within `budget` bytes of estimated memory.
#[derive(Debug, Clone, Copy)]
pub struct Schedule {
    pub jobs: usize,
    pub budget: u64,
}

/// What the schedule knows while it runs.
struct State {
    /// Indices of the items not started, biggest first.
    waiting: Vec<usize>,
    running: usize,
    /// Of the items running, those still laying out (see [`Lease::laid_out`]).
    laying_out: usize,
    /// Estimated bytes held: by the items running and the finished layouts still cached.
    held: u64,
    /// Of `held`, what finished layouts left in Typst's caches.
    cached: u64,
}

/// A running item's hold on the budget. Its layout may say when it is done: Typst's caches
/// then hold only finished work, and the next language can start while this one writes its
/// files.
pub struct Lease<'s> {
    state: &'s Mutex<State>,
    changed: &'s Condvar,
    estimate: u64,
    /// What the item still holds after its layout: `None` while it lays out.
    kept: Cell<Option<u64>>,
}

impl Lease<'_> {
    /// The layout is done; the item keeps `keep` bytes of its estimate (its pages) until
    /// it finishes, the rest is in Typst's caches, emptied once no layout runs.
    pub fn laid_out(&self, keep: u64) {
        if self.kept.get().is_some() {
            return;
        }
        let keep = keep.min(self.estimate);
        self.kept.set(Some(keep));
        let mut st = self.state.lock().expect("the schedule's lock");
        st.laying_out -= 1;
        st.cached += self.estimate - keep;
        drop(st);
        self.changed.notify_all();
    }

    /// The item is done: what it kept is given back, or, if it never said its layout was
    /// done, all of it is in Typst's caches.
    fn finish(self) {
        let mut st = self.state.lock().expect("the schedule's lock");
        st.running -= 1;
        match self.kept.get() {
            Some(kept) => st.held -= kept,
            None => {
                st.laying_out -= 1;
                st.cached += self.estimate;
            }
        }
        drop(st);
        self.changed.notify_all();
    }
}

impl Schedule {
    /// As many layouts as cores, within half of the memory the system has available.
    pub fn automatic() -> Self {
        let jobs = std::thread::available_parallelism().map_or(1, usize::from);
        Self { jobs, budget: available_memory().map_or(DEFAULT_BUDGET, |bytes| bytes / 2) }
    }

    /// Runs `work` on every item, each with its estimated memory (bytes), and returns the
    /// results in the items' order. An item above the budget runs alone.
    pub fn run<I: Sync, T: Send>(
        &self,
        items: &[I],
        estimate: impl Fn(&I) -> u64,
        work: impl Fn(&I, &Lease) -> T + Sync,
    ) -> Vec<T> {
        let estimates: Vec<u64> = items.iter().map(estimate).collect();
        let mut waiting: Vec<usize> = (0..items.len()).collect();
        // The biggest first, so that smaller ones fill in beside it.
        waiting.sort_by_key(|&i| Reverse(estimates[i]));
        let state = Mutex::new(State { waiting, running: 0, laying_out: 0, held: 0, cached: 0 });
        let changed = Condvar::new();
        let results: Vec<Mutex<Option<T>>> = items.iter().map(|_| Mutex::new(None)).collect();
        let next = || {
            let mut st = state.lock().expect("the schedule's lock");
            loop {
                if st.waiting.is_empty() {
                    return None;
                }
                if st.laying_out == 0 && st.cached > 0 {
                    // Nothing is laid out now: Typst's caches hold only finished work.
                    comemo::evict(0);
                    st.held -= st.cached;
                    st.cached = 0;
                }
                let fits = st.waiting.iter().position(|&i| st.running == 0 || st.held + estimates[i] <= self.budget);
                if let Some(k) = fits.filter(|_| st.running < self.jobs.max(1)) {
                    let i = st.waiting.remove(k);
                    st.running += 1;
                    st.laying_out += 1;
                    st.held += estimates[i];
                    return Some(i);
                }
                st = changed.wait(st).expect("the schedule's lock");
            }
        };
        std::thread::scope(|scope| {
            for _ in 0..self.jobs.clamp(1, items.len().max(1)) {
                scope.spawn(|| {
                    while let Some(i) = next() {
                        let lease = Lease { state: &state, changed: &changed, estimate: estimates[i], kept: Cell::new(None) };
                        let result = work(&items[i], &lease);
                        *results[i].lock().expect("a result's lock") = Some(result);
                        lease.finish();
                    }
                });
            }
        });
        results.into_iter().map(|r| r.into_inner().expect("a result's lock").expect("every item ran")).collect()
    }
}

/// Without /proc/meminfo: 4 GB.
const DEFAULT_BUDGET: u64 = 4 << 30;

/// The memory the system can give without swapping (`MemAvailable`), in bytes.
fn available_memory() -> Option<u64> {
    let info = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = info.lines().find(|l| l.starts_with("MemAvailable:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// The memory a layout of this text takes at its peak, in bytes: measured on the report
/// 1× to 8× in the book layout (bench/RESULTS.md; peak RSS of one language alone: ru 107
/// to 545 MB, en 102 to 498, zh 119 to 352), about 0.46 KB per letter or digit and 1.3 KB
/// per Han character (a Han character takes as much line as two or three letters), plus
/// what every layout needs.
pub fn estimate_text<'a>(texts: impl IntoIterator<Item = &'a str>) -> u64 {
    let (mut han, mut other) = (0u64, 0u64);
    for text in texts {
        for c in text.chars() {
            if Script::of(c) == Script::Han { han += 1 } else { other += 1 }
        }
    }
    BASE + other * 460 + han * 1_300
}

/// What a layout of no text takes: the process, the fonts it opens.
const BASE: u64 = 45_000_000;

/// A size as `--max-memory` takes it: bytes, or with K, M, G (powers of 1024), e.g. `1G`,
/// `800M`, `1.5GB`.
pub fn parse_size(text: &str) -> Result<u64, NotASize> {
    let t = text.trim();
    let t = t.strip_suffix(['B', 'b']).unwrap_or(t);
    let (number, unit) = match t.char_indices().last() {
        Some((at, c)) if c.is_ascii_alphabetic() => (&t[..at], c.to_ascii_uppercase()),
        _ => (t, ' '),
    };
    let scale: Option<u64> = match unit {
        ' ' => Some(1),
        'K' => Some(1 << 10),
        'M' => Some(1 << 20),
        'G' => Some(1 << 30),
        'T' => Some(1 << 40),
        _ => None,
    };
    match (scale, number.trim().parse::<f64>()) {
        (Some(scale), Ok(n)) if n > 0.0 && n.is_finite() => Ok((n * scale as f64) as u64),
        _ => Err(NotASize(text.to_string())),
    }
}

/// A `--max-memory` value that [`parse_size`] cannot read (clap shows it with the flag).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotASize(pub String);

impl std::fmt::Display for NotASize {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "`{}` is not a size such as 800M or 1.5G", self.0)
    }
}

impl std::error::Error for NotASize {}

/// A size for people: `1.2 GB`, `640 MB`.
pub fn show_size(bytes: u64) -> String {
    if bytes >= 1 << 30 { format!("{:.1} GB", bytes as f64 / (1u64 << 30) as f64) } else { format!("{} MB", bytes >> 20) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU64, Ordering};

    #[test]
    fn sizes() {
        assert_eq!(parse_size("1G"), Ok(1 << 30));
        assert_eq!(parse_size("1.5GB"), Ok(3 << 29));
        assert_eq!(parse_size("800m"), Ok(800 << 20));
        assert_eq!(parse_size("4096"), Ok(4096));
        assert!(parse_size("lots").is_err());
        assert!(parse_size("-1G").is_err());
        assert!(parse_size("2X").is_err());
        assert_eq!(show_size(3 << 29), "1.5 GB");
        assert_eq!(show_size(640 << 20), "640 MB");
    }

    #[test]
    fn han_weighs_more_than_a_letter() {
        assert!(estimate_text(["中俄关系"]) > estimate_text(["abcdefgh"]));
        assert_eq!(estimate_text(Vec::<&str>::new()), BASE);
    }

    /// Runs items that record how much estimated memory is in flight, and returns the peak.
    fn peak_in_flight(schedule: Schedule, sizes: &[u64]) -> (u64, Vec<u64>) {
        let now = AtomicU64::new(0);
        let peak = AtomicU64::new(0);
        let out = schedule.run(sizes, |s| *s, |s, _| {
            let held = now.fetch_add(*s, Ordering::SeqCst) + s;
            peak.fetch_max(held, Ordering::SeqCst);
            std::thread::sleep(std::time::Duration::from_millis(100));
            now.fetch_sub(*s, Ordering::SeqCst);
            s * 10
        });
        (peak.into_inner(), out)
    }

    #[test]
    fn results_keep_the_items_order() {
        let (_, out) = peak_in_flight(Schedule { jobs: 3, budget: u64::MAX }, &[1, 5, 3]);
        assert_eq!(out, [10, 50, 30]);
    }

    #[test]
    fn the_budget_bounds_what_runs_at_once() {
        // 5 and 3 fit together within 8, 4 does not fit beside 5 …
        let (peak, _) = peak_in_flight(Schedule { jobs: 3, budget: 8 }, &[5, 3, 4]);
        assert!(peak <= 8, "peak {peak}");
        // … and the jobs bound it too: one at a time.
        let (peak, _) = peak_in_flight(Schedule { jobs: 1, budget: u64::MAX }, &[5, 3, 4]);
        assert_eq!(peak, 5);
        // With room, they run side by side.
        let (peak, _) = peak_in_flight(Schedule { jobs: 3, budget: u64::MAX }, &[5, 3, 4]);
        assert!(peak > 5, "peak {peak}");
    }

    #[test]
    fn a_finished_layout_lets_the_next_start_while_it_writes() {
        // Two items of 8 in a budget of 10: one at a time, unless the first says early that
        // its layout is done and it keeps only 2.
        let overlapped = |early: bool| {
            let running = AtomicU64::new(0);
            let most = AtomicU64::new(0);
            Schedule { jobs: 2, budget: 10 }.run(&[8u64, 8], |s| *s, |_, lease| {
                most.fetch_max(running.fetch_add(1, Ordering::SeqCst) + 1, Ordering::SeqCst);
                if early {
                    lease.laid_out(2);
                }
                std::thread::sleep(std::time::Duration::from_millis(200));
                running.fetch_sub(1, Ordering::SeqCst);
            });
            most.into_inner() == 2
        };
        assert!(!overlapped(false));
        assert!(overlapped(true));
    }

    #[test]
    fn an_item_above_the_budget_runs_alone() {
        let (peak, out) = peak_in_flight(Schedule { jobs: 2, budget: 4 }, &[9, 2]);
        assert_eq!(peak, 9);
        assert_eq!(out, [90, 20]);
    }
}
