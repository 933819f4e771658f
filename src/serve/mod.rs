//! `kansli serve`: the site in memory, rebuilt as its sources change, served over HTTP,
//! with the open pages reloaded after every rebuild.
//!
//! Three parts, each on its own threads:
//! - the watcher (notify's full debouncer) reports changed paths under `content/` and
//!   `themes/`;
//! - the rebuild thread applies them to a [`Session`] and publishes each outcome in a
//!   watch channel: a new generation, or the errors beside the last good one;
//! - the HTTP server (`http`) answers from the newest generation and tells open pages
//!   through server-sent events.
//!
//! Nothing is written to disk; the output folder is not touched.

mod http;
pub mod session;

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use notify::RecursiveMode;
use notify_debouncer_full::{DebounceEventResult, new_debouncer};
use tokio::sync::watch;

pub use http::{EVENTS, LIVE_SCRIPT, State, decode};
pub use session::{Answer, Failure, Generation, Outcome, Session, UpdateStats};

use crate::diag::Diagnostic;
use crate::model::Edition;

/// How `serve` runs.
#[derive(Clone, Debug)]
pub struct Options {
    /// The site root (holds `content/` and `themes/`).
    pub root: PathBuf,
    pub bind: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    /// `Public`, or `Preview` to show drafts.
    pub edition: Edition,
    /// How long the sources must be quiet before a rebuild: editors save in several steps.
    pub debounce: Duration,
    /// The date to build for; `None` is the system's date (tests fix it).
    pub today: Option<jiff::civil::Date>,
}

impl Options {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Options {
            root: root.into(),
            bind: IpAddr::from([127, 0, 0, 1]),
            port: 1111,
            edition: Edition::Public,
            debounce: DEBOUNCE,
            today: None,
        }
    }
}

/// The debouncer's quiet time: an editor's save (temporary file, rename) takes a few
/// milliseconds, and every millisecond here is one the secretary waits.
pub const DEBOUNCE: Duration = Duration::from_millis(10);

/// Told what the server does: the CLI prints it, tests collect it.
pub trait Reporter: Send + Sync {
    fn listening(&self, _addr: SocketAddr) {}
    fn rebuilt(&self, _outcome: &Outcome) {}
    /// The watcher failed to report some changes (the site is listed again).
    fn watch_error(&self, _error: &str) {}
}

/// Says nothing.
#[derive(Debug)]
pub struct Silent;

impl Reporter for Silent {}

/// Why the server could not start.
#[derive(Debug)]
pub enum StartError {
    /// Listing the site or listening failed.
    Io(Diagnostic),
}

impl std::fmt::Display for StartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StartError::Io(d) => write!(f, "{}", d.message),
        }
    }
}

enum Work {
    Changed(Vec<PathBuf>, bool),
    Stop,
}

/// A running server. Dropping it without [`Server::stop`] stops it too, less politely.
pub struct Server {
    addr: SocketAddr,
    runtime: tokio::runtime::Runtime,
    shutdown: watch::Sender<bool>,
    http: Option<tokio::task::JoinHandle<()>>,
    work: mpsc::Sender<Work>,
    rebuild: Option<std::thread::JoinHandle<()>>,
    state: watch::Receiver<State>,
    _watcher: Watcher,
}

type Watcher =
    Arc<Mutex<notify_debouncer_full::Debouncer<notify::RecommendedWatcher, notify_debouncer_full::RecommendedCache>>>;

impl Server {
    /// Listens, builds the site and starts watching it. A site with errors still starts:
    /// the pages show the errors until they are fixed.
    pub fn start(options: &Options, reporter: Arc<dyn Reporter>) -> Result<Server, StartError> {
        let root = std::path::absolute(&options.root).unwrap_or_else(|_| options.root.clone());
        // Listen first: a port in use is told at once, not after a build of the whole site.
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .thread_name("kansli http")
            .build()
            .map_err(|e| StartError::Io(Diagnostic::error(format!("kunde inte starta: {e}"))))?;
        let wanted = SocketAddr::new(options.bind, options.port);
        let listener = runtime.block_on(tokio::net::TcpListener::bind(wanted)).map_err(|e| {
            let hint = if e.kind() == std::io::ErrorKind::AddrInUse {
                "ett annat program använder porten: välj en annan med --port"
            } else {
                "välj en annan adress med --bind eller en annan port med --port"
            };
            StartError::Io(
                Diagnostic::error(format!("kunde inte lyssna på {wanted}: {}", crate::source::io_text(&e)))
                    .with_hint(hint),
            )
        })?;
        let mut session = Session::new(&root, options.edition)
            .map_err(|e| {
                StartError::Io(Diagnostic::error(format!("kunde inte läsa webbplatsen i {}: {e}", root.display())))
            })?
            .with_today(options.today);
        let first = session.build();
        reporter.rebuilt(&first);
        let (state_tx, state_rx) = watch::channel(State::default());
        publish(&state_tx, first);

        let (work_tx, work_rx) = mpsc::channel::<Work>();
        let watcher = watch_site(&root, options.debounce, work_tx.clone(), reporter.clone())?;

        let rebuild = {
            let reporter = reporter.clone();
            let watcher = watcher.clone();
            std::thread::Builder::new()
                .name("kansli rebuild".into())
                .spawn(move || rebuild_loop(session, &work_rx, &state_tx, &*reporter, &watcher))
                .map_err(|e| StartError::Io(Diagnostic::error(format!("kunde inte starta: {e}"))))?
        };

        let addr = listener.local_addr().unwrap_or(wanted);
        let (shutdown_tx, shutdown_rx) = watch::channel(false);
        let shared = http::Shared { state: state_rx.clone(), shutdown: shutdown_rx.clone() };
        let app = http::router(shared);
        let mut stop = shutdown_rx;
        let http = runtime.spawn(async move {
            let shutdown = async move {
                let _ = stop.wait_for(|stop| *stop).await;
            };
            let _ = axum::serve(listener, app).with_graceful_shutdown(shutdown).await;
        });
        reporter.listening(addr);
        Ok(Server {
            addr,
            runtime,
            shutdown: shutdown_tx,
            http: Some(http),
            work: work_tx,
            rebuild: Some(rebuild),
            state: state_rx,
            _watcher: watcher,
        })
    }

    /// Where the server listens.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The number of the generation being served (0 before the first good build).
    pub fn generation(&self) -> u64 {
        self.state.borrow().generation.as_ref().map_or(0, |g| g.number())
    }

    /// Serves until Ctrl-C, then stops.
    pub fn run_until_ctrl_c(self) {
        let _ = self.runtime.block_on(tokio::signal::ctrl_c());
        self.stop();
    }

    /// Stops watching and rebuilding, ends the event streams and the open connections,
    /// and waits for all of it.
    pub fn stop(mut self) {
        let _ = self.work.send(Work::Stop);
        if let Some(rebuild) = self.rebuild.take() {
            let _ = rebuild.join();
        }
        let _ = self.shutdown.send(true);
        if let Some(http) = self.http.take() {
            let _ = self.runtime.block_on(async { tokio::time::timeout(Duration::from_secs(5), http).await });
        }
    }
}

/// Watches the watched folders that exist, and the root for the ones that do not yet.
fn watch_site(
    root: &Path,
    debounce: Duration,
    work: mpsc::Sender<Work>,
    reporter: Arc<dyn Reporter>,
) -> Result<Watcher, StartError> {
    let tick = (debounce / 4).max(Duration::from_millis(1));
    let handler = move |result: DebounceEventResult| {
        let message = match result {
            Ok(events) => {
                let rescan = events.iter().any(|e| e.need_rescan());
                // Reading a file is an event too (the rebuild's own reads among them).
                let paths: Vec<PathBuf> =
                    events.into_iter().filter(|e| changes(&e.event.kind)).flat_map(|e| e.event.paths).collect();
                if paths.is_empty() && !rescan {
                    return;
                }
                Work::Changed(paths, rescan)
            }
            Err(errors) => {
                for error in errors {
                    reporter.watch_error(&error.to_string());
                }
                Work::Changed(Vec::new(), true)
            }
        };
        let _ = work.send(message);
    };
    let failed =
        |e: notify::Error| StartError::Io(Diagnostic::error(format!("kunde inte bevaka {}: {e}", root.display())));
    let mut debouncer = new_debouncer(debounce, Some(tick), handler).map_err(failed)?;
    for folder in session::WATCHED {
        let path = root.join(folder);
        if path.is_dir() {
            debouncer.watch(&path, RecursiveMode::Recursive).map_err(failed)?;
        }
    }
    // A folder made later (themes/ for a first override) is seen from the root.
    debouncer.watch(root, RecursiveMode::NonRecursive).map_err(failed)?;
    Ok(Arc::new(Mutex::new(debouncer)))
}

/// Whether an event can mean that a file changed, came or went: all but reads.
fn changes(kind: &notify::EventKind) -> bool {
    use notify::event::{AccessKind, AccessMode, EventKind};
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

fn rebuild_loop(
    mut session: Session,
    work: &mpsc::Receiver<Work>,
    state: &watch::Sender<State>,
    reporter: &dyn Reporter,
    watcher: &Watcher,
) {
    while let Ok(first) = work.recv() {
        let (mut paths, mut rescan) = match first {
            Work::Changed(paths, rescan) => (paths, rescan),
            Work::Stop => return,
        };
        // Whatever else arrived meanwhile goes into the same rebuild.
        while let Ok(more) = work.try_recv() {
            match more {
                Work::Changed(more, more_rescan) => {
                    paths.extend(more);
                    rescan |= more_rescan;
                }
                Work::Stop => return,
            }
        }
        // A watched folder that appears (or comes back) after the start is watched from
        // then on, and the site listed again.
        for folder in session::WATCHED {
            let path = session.root().join(folder);
            if paths.contains(&path) && path.is_dir() {
                if let Ok(mut watcher) = watcher.lock() {
                    let _ = watcher.watch(&path, RecursiveMode::Recursive);
                }
                rescan = true;
            }
        }
        let Some(mut outcome) = session.update(&paths, rescan) else { continue };
        // An editor's save in several steps can fail half-way; wait a moment for the
        // rest before showing errors.
        if matches!(outcome, Outcome::Failed { .. })
            && let Ok(Work::Changed(more, more_rescan)) = work.recv_timeout(Duration::from_millis(50))
            && let Some(next) = session.update(&more, more_rescan)
        {
            outcome = next;
        }
        reporter.rebuilt(&outcome);
        publish(state, outcome);
    }
}

fn publish(state: &watch::Sender<State>, outcome: Outcome) {
    state.send_modify(|state| match outcome {
        Outcome::Built { generation, .. } => {
            state.generation = Some(generation);
            state.errors = None;
        }
        Outcome::Failed { failure, .. } => state.errors = Some(failure),
    });
}
