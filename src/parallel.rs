//! Work spread over scoped threads, its results in the order of its input: what privreg
//! writes and reports never depends on which thread finished first.

use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The most threads privreg starts unless told otherwise (`PRIVREG_JOBS`): per-file work
/// shares the allocator and the disk, and a register is never large enough for more to pay.
pub const MAX_DEFAULT_JOBS: usize = 8;

/// Items a thread is given at least. Starting a thread costs some tens of microseconds, as
/// much as loading a few register files, so a small project stays on one thread.
const MIN_ITEMS_PER_THREAD: usize = 32;

/// Items a thread takes from the queue at once: few enough that the threads end together,
/// many enough that they rarely meet at the counter.
const BATCH: usize = 8;

/// The threads to use when not told: the machine's available parallelism, at most
/// [`MAX_DEFAULT_JOBS`].
pub fn default_jobs() -> usize {
    std::thread::available_parallelism()
        .map_or(1, NonZeroUsize::get)
        .min(MAX_DEFAULT_JOBS)
}

/// The threads a value of `PRIVREG_JOBS` names: a positive whole number, else none.
pub fn jobs_from(raw: &str) -> Option<usize> {
    raw.trim().parse::<usize>().ok().filter(|&n| n > 0)
}

/// The threads `PRIVREG_JOBS` names where [`jobs_from`] reads it, else [`default_jobs`]:
/// for work after the command line was read, which refused any other value with a usage
/// error (the human report).
pub fn jobs_from_env_or_default() -> usize {
    std::env::var("PRIVREG_JOBS")
        .ok()
        .and_then(|s| jobs_from(&s))
        .unwrap_or_else(default_jobs)
}

/// `f` of every item, on at most `jobs` threads (the calling one among them), returned in
/// the order of `items`.
pub fn map<T: Sync, R: Send>(jobs: usize, items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    map_in(jobs, items, MIN_ITEMS_PER_THREAD, BATCH, f)
}

/// [`map`] of items each worth a thread of its own (a block of sections to render): as
/// many threads as items, up to `jobs`, each taking one item at a time.
pub fn map_heavy<T: Sync, R: Send>(jobs: usize, items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    map_in(jobs, items, 1, 1, f)
}

/// [`map`] with at least `per_thread` items to a thread, taken `batch` at a time.
fn map_in<T: Sync, R: Send>(
    jobs: usize,
    items: &[T],
    per_thread: usize,
    batch: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let threads = jobs.min(items.len().div_ceil(per_thread)).max(1);
    if threads == 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let start = next.fetch_add(batch, Ordering::Relaxed);
            if start >= items.len() {
                return done;
            }
            let end = (start + batch).min(items.len());
            done.extend((start..end).map(|i| (i, f(&items[i]))));
        }
    };
    let mut slots: Vec<Option<R>> = std::iter::repeat_with(|| None).take(items.len()).collect();
    std::thread::scope(|scope| {
        let others: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mine = work();
        let theirs = others.into_iter().flat_map(|h| match h.join() {
            Ok(done) => done,
            // A panic in `f` is a bug; it surfaces as it would on one thread.
            Err(panic) => std::panic::resume_unwind(panic),
        });
        for (i, r) in mine.into_iter().chain(theirs) {
            slots[i] = Some(r);
        }
    });
    slots
        .into_iter()
        .map(|r| r.expect("every index is taken exactly once"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{jobs_from, map, map_heavy};

    #[test]
    fn privreg_jobs_is_a_positive_whole_number() {
        assert_eq!(jobs_from("3"), Some(3));
        assert_eq!(jobs_from(" 2\n"), Some(2));
        for bad in ["0", "-1", "two", "1.5", ""] {
            assert_eq!(jobs_from(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn results_keep_the_order_of_the_input_on_any_number_of_threads() {
        let items: Vec<usize> = (0..1_000).collect();
        let one = map(1, &items, |i| i * 3);
        for jobs in [2, 3, 8, 64] {
            assert_eq!(map(jobs, &items, |i| i * 3), one, "{jobs} threads");
        }
        assert_eq!(map(4, &[] as &[usize], |i| *i), Vec::<usize>::new());
        assert_eq!(map(4, &[7usize], |i| *i), [7]);
        for jobs in [1, 2, 3, 8] {
            assert_eq!(
                map_heavy(jobs, &items[..5], |i| i * 3),
                one[..5],
                "{jobs} threads"
            );
        }
    }
}
