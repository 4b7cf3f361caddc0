//! The Aho-Corasick automaton over every pattern: one pass over a text, whatever the
//! number of patterns. It takes tens of milliseconds to build, so the engine does not
//! build it while it is asked to search: the host runs an [`AutomatonJob`] (on a thread
//! of its own, if it has one), and texts are searched with the sorted patterns until
//! the automaton is ready. Once enough text has gone without it, a search builds it, or
//! waits for the job that is building it: nothing ever waits for a job never run.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::patterns::Patterns;

/// Texts are searched without the automaton while it is built until this much text
/// has been (or one text this long comes): then searches build it, or wait for it. A
/// small tree never waits; a large one loses little to the slower search.
pub(crate) const WAIT_FOR_AUTOMATON: usize = 2 << 20;

/// The automaton of one matcher, made once: by the [`AutomatonJob`] the host runs, or
/// by the search that needs it first, whichever comes first.
#[derive(Debug)]
pub(crate) struct LazyAutomaton {
    /// The patterns to build it from.
    patterns: Patterns,
    /// Set when the build is done: None if it failed (the sorted patterns serve).
    built: OnceLock<Option<AhoCorasick>>,
    /// Bytes searched without it so far.
    searched_without: AtomicUsize,
}

impl LazyAutomaton {
    /// An automaton over `patterns`, not built yet.
    pub(crate) fn new(patterns: Patterns) -> LazyAutomaton {
        LazyAutomaton {
            patterns,
            built: OnceLock::new(),
            searched_without: AtomicUsize::new(0),
        }
    }

    /// The automaton to search a text of `len` bytes with: None while it is not
    /// built, unless enough text has gone without it (then it is built here, or this
    /// waits for the build under way).
    pub(crate) fn get(&self, len: usize) -> Option<&AhoCorasick> {
        if let Some(built) = self.built.get() {
            return built.as_ref();
        }
        let before = self.searched_without.fetch_add(len, Ordering::Relaxed);
        if before + len >= WAIT_FOR_AUTOMATON {
            self.build()
        } else {
            None
        }
    }

    /// Builds the automaton, or waits for the build under way.
    pub(crate) fn build(&self) -> Option<&AhoCorasick> {
        self.built
            .get_or_init(|| build_automaton(&self.patterns))
            .as_ref()
    }
}

/// Building a matcher's automaton, for the host to run where it likes (on a thread of
/// its own: see the module's documentation). Dropping it unrun is fine.
#[derive(Debug, Clone)]
pub struct AutomatonJob(Arc<LazyAutomaton>);

impl AutomatonJob {
    pub(crate) fn new(lazy: Arc<LazyAutomaton>) -> AutomatonJob {
        AutomatonJob(lazy)
    }

    /// Builds the automaton (at once if no search has started building it).
    pub fn run(self) {
        self.0.build();
    }
}

/// The leftmost-longest automaton over `patterns`, or None if none can be built (the
/// sorted patterns then do all the work, with the same results). It never panics, so
/// a text waiting for it never waits forever.
fn build_automaton(patterns: &Patterns) -> Option<AhoCorasick> {
    std::panic::catch_unwind(|| {
        // The text is lowercased while it is folded, so the automaton can be
        // case-sensitive: half the transitions, and faster to build.
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(patterns.iter())
            .or_else(|_| {
                // Too large for a DFA: the contiguous NFA is smaller and still fast.
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(patterns.iter())
            })
            .ok()
    })
    .ok()
    .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::patterns::PatternKind;

    fn lazy() -> Arc<LazyAutomaton> {
        let mut patterns = Patterns::default();
        patterns.push(b"whitelist", PatternKind::Silence { exception: None });
        Arc::new(LazyAutomaton::new(patterns))
    }

    /// Small texts go without the automaton; once enough text has, or a large text
    /// comes, the search builds it, whether or not a job was ever run.
    #[test]
    fn searches_build_the_automaton_only_after_enough_text() {
        let lazy = lazy();
        assert!(lazy.get(WAIT_FOR_AUTOMATON / 2).is_none());
        assert!(lazy.get(WAIT_FOR_AUTOMATON / 4).is_none());
        // This text takes the total past the limit: it gets the automaton.
        assert!(lazy.get(WAIT_FOR_AUTOMATON / 4).is_some());
        assert!(lazy.get(1).is_some());
    }

    /// A job run elsewhere and a search that needs the automaton meet: one builds it,
    /// the other waits for it.
    #[test]
    fn a_job_and_a_search_share_one_build() {
        let lazy = lazy();
        let job = AutomatonJob::new(lazy.clone());
        std::thread::scope(|scope| {
            scope.spawn(move || job.run());
            assert!(lazy.get(WAIT_FOR_AUTOMATON).is_some());
        });
        assert!(lazy.built.get().is_some_and(Option::is_some));
    }
}
