//! Work spread over scoped threads, its results in the order of its input: what privreg
//! writes and reports never depends on which thread finished first.

use std::collections::BTreeMap;
use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard, OnceLock, PoisonError};

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
    // Worked out once a run: the machine's parallelism is read from cgroup files, some ten
    // system calls, and privreg never changes its own environment.
    static JOBS: OnceLock<usize> = OnceLock::new();
    *JOBS.get_or_init(|| {
        std::env::var("PRIVREG_JOBS")
            .ok()
            .and_then(|s| jobs_from(&s))
            .unwrap_or_else(default_jobs)
    })
}

/// The items a list has before [`drop_aside`] frees it on a thread of its own: freeing the
/// citations of a 50 MB policy, some allocations each, took a tenth of its lint.
const MIN_ITEMS_TO_DROP_ASIDE: usize = 10_000;

/// Frees `items` on a thread of its own when they are many and `jobs` allows a second
/// thread, so the caller goes on (a process that exits first lets the system take the
/// memory back); else, or when no thread can be started, here.
pub fn drop_aside<T: Send + 'static>(jobs: usize, items: Vec<T>) {
    if jobs <= 1 || items.len() < MIN_ITEMS_TO_DROP_ASIDE {
        return;
    }
    // A thread that cannot be started drops its closure, and with it the items, here.
    let _ = std::thread::Builder::new()
        .name("privreg-drop".into())
        .spawn(move || drop(items));
}

/// Starts `f` on a thread of `scope`, or says it could not: a system out of threads (a
/// process limit, memory) leaves the work to the threads already running.
pub fn try_spawn<'scope, 'env, T: Send + 'scope>(
    scope: &'scope std::thread::Scope<'scope, 'env>,
    f: impl FnOnce() -> T + Send + 'scope,
) -> Option<std::thread::ScopedJoinHandle<'scope, T>> {
    #[cfg(test)]
    if REFUSE_THREADS.get() {
        return None;
    }
    std::thread::Builder::new().spawn_scoped(scope, f).ok()
}

#[cfg(test)]
thread_local! {
    /// Makes [`try_spawn`] fail on this thread, as a system out of threads would.
    pub static REFUSE_THREADS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
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

/// `f` of every item on `jobs` threads, each result handed to `take` on the calling thread
/// in the order of `items` as soon as it and every one before it are made, while the
/// threads go on: the caller writes what the threads make. At most `ahead` results wait
/// to be taken, so memory stays bounded whatever the number of items. An `Err` from
/// `take` ends the work (no item is begun after it) and is returned.
pub fn stream<T: Sync, R: Send, E>(
    jobs: usize,
    items: &[T],
    ahead: usize,
    f: impl Fn(&T) -> R + Sync,
    mut take: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E> {
    if jobs <= 1 || items.len() <= 1 {
        return items.iter().try_for_each(|item| take(f(item)));
    }
    let ahead = ahead.max(1);
    let line = Line {
        state: Mutex::new(LineState {
            done: BTreeMap::new(),
            taken: 0,
            stop: false,
        }),
        made: Condvar::new(),
        taken: Condvar::new(),
    };
    let next = AtomicUsize::new(0);
    let work = || {
        // A panic in `f` must not leave the caller waiting for its result.
        let _stop = StopOnPanic(&line);
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            if i >= items.len() {
                return;
            }
            let mut state = line.lock();
            while !state.stop && i >= state.taken + ahead {
                state = line
                    .taken
                    .wait(state)
                    .unwrap_or_else(PoisonError::into_inner);
            }
            if state.stop {
                return;
            }
            drop(state);
            let made = f(&items[i]);
            line.lock().done.insert(i, made);
            line.made.notify_one();
        }
    };
    std::thread::scope(|scope| {
        let threads: Vec<_> = (0..jobs).filter_map(|_| try_spawn(scope, work)).collect();
        if threads.is_empty() {
            // No thread could be started: the caller makes each result as it takes it.
            return items.iter().try_for_each(|item| take(f(item)));
        }
        let mut result = Ok(());
        for i in 0..items.len() {
            let mut state = line.lock();
            let made = loop {
                if let Some(made) = state.done.remove(&i) {
                    state.taken = i + 1;
                    break Some(made);
                }
                if state.stop {
                    // A thread panicked; the scope raises its panic.
                    break None;
                }
                state = line
                    .made
                    .wait(state)
                    .unwrap_or_else(PoisonError::into_inner);
            };
            drop(state);
            line.taken.notify_all();
            let Some(made) = made else { break };
            if let Err(e) = take(made) {
                result = Err(e);
                break;
            }
        }
        line.lock().stop = true;
        line.taken.notify_all();
        for thread in threads {
            // A panic in `f` is a bug; it surfaces as it would on one thread.
            if let Err(panic) = thread.join() {
                std::panic::resume_unwind(panic);
            }
        }
        result
    })
}

/// What the threads of [`stream`] share.
struct Line<R> {
    state: Mutex<LineState<R>>,
    /// A result was made, or the work stopped.
    made: Condvar,
    /// A result was taken, or the work stopped.
    taken: Condvar,
}

struct LineState<R> {
    /// Results made and not yet taken, by index.
    done: BTreeMap<usize, R>,
    /// Results taken: every index below.
    taken: usize,
    stop: bool,
}

impl<R> Line<R> {
    fn lock(&self) -> MutexGuard<'_, LineState<R>> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Stops a [`stream`] if the thread holding it panics.
struct StopOnPanic<'a, R>(&'a Line<R>);

impl<R> Drop for StopOnPanic<'_, R> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.lock().stop = true;
            self.0.made.notify_all();
            self.0.taken.notify_all();
        }
    }
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
        let others: Vec<_> = (1..threads)
            .filter_map(|_| try_spawn(scope, work))
            .collect();
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
    use super::{jobs_from, map, map_heavy, stream};

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

    /// A system out of threads slows privreg down, and changes nothing else.
    #[test]
    fn with_no_thread_to_start_the_work_is_done_on_the_calling_one() {
        super::REFUSE_THREADS.set(true);
        let items: Vec<usize> = (0..500).collect();
        let expected: Vec<usize> = items.iter().map(|i| i * 3).collect();
        assert_eq!(map(4, &items, |i| i * 3), expected);
        assert_eq!(map_heavy(4, &items, |i| i * 3), expected);
        let mut taken = Vec::new();
        let done: Result<(), ()> = stream(
            4,
            &items,
            2,
            |i| i * 3,
            |r| {
                taken.push(r);
                Ok(())
            },
        );
        super::REFUSE_THREADS.set(false);
        assert_eq!(done, Ok(()));
        assert_eq!(taken, expected);
    }

    #[test]
    fn a_stream_hands_on_every_result_in_order_on_any_number_of_threads() {
        let items: Vec<usize> = (0..500).collect();
        for (jobs, ahead) in [(1, 4), (2, 1), (2, 16), (3, 4), (8, 2)] {
            let mut taken = Vec::new();
            let done: Result<(), ()> = stream(
                jobs,
                &items,
                ahead,
                |i| i * 3,
                |r| {
                    taken.push(r);
                    Ok(())
                },
            );
            assert_eq!(done, Ok(()));
            assert_eq!(
                taken,
                map(1, &items, |i| i * 3),
                "{jobs} threads, {ahead} ahead"
            );
        }
    }

    #[test]
    fn a_stream_stops_at_the_first_refusal_and_begins_nothing_beyond_its_reach() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let items: Vec<usize> = (0..10_000).collect();
        let (jobs, ahead) = (3, 4);
        let begun = AtomicUsize::new(0);
        let mut taken = 0;
        let done = stream(
            jobs,
            &items,
            ahead,
            |i| {
                begun.fetch_add(1, Ordering::Relaxed);
                *i
            },
            |r| {
                taken += 1;
                if r == 100 { Err(r) } else { Ok(()) }
            },
        );
        assert_eq!(done, Err(100));
        assert_eq!(taken, 101);
        // Each thread may have begun one item past the window when the refusal came.
        assert!(
            begun.load(Ordering::Relaxed) <= 101 + ahead + jobs,
            "{begun:?}"
        );
    }

    #[test]
    #[should_panic(expected = "item 7")]
    fn a_panic_on_a_thread_of_a_stream_reaches_the_caller() {
        let items: Vec<usize> = (0..100).collect();
        let _ = stream(
            2,
            &items,
            4,
            |&i| {
                assert!(i != 7, "item 7");
                i
            },
            |_| Ok::<(), ()>(()),
        );
    }
}
