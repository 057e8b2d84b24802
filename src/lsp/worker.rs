//! The analysis thread: owns the [`Project`], applies the editor's changes in
//! batches and analyses again, so that the main loop keeps answering while a slow
//! file lowers or a big workspace is analysed.

use std::collections::{BTreeMap, HashMap};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, RecvTimeoutError, Sender};

use super::report::{self, FileReport};
use crate::config::Config;
use crate::scan::{Project, ScanOptions};

/// Edits closer together than this are analysed once (typing is bursts of keys).
pub const DEBOUNCE: Duration = Duration::from_millis(100);

/// What the main loop asks of the analysis thread.
#[derive(Debug)]
pub enum Job {
    /// An open document's text (opened or changed in the editor).
    Edit { path: PathBuf, text: String },
    /// The file's text is what is on disk again (closed, or changed on disk while
    /// not open; gone when deleted).
    Disk { path: PathBuf },
    /// The configuration, a manifest or a build file changed: load everything again.
    Reload,
}

/// What the analysis thread tells the main loop.
#[derive(Debug)]
pub enum Event {
    /// Indexing the workspace: started, a phase, done.
    Progress(Progress),
    /// A fresh analysis of the project with the editor's buffers.
    Reports {
        reports: BTreeMap<PathBuf, FileReport>,
        /// Time from the batch being taken to the reports being ready (no debounce).
        elapsed: Duration,
    },
    /// Something the user should read (the configuration does not load).
    Error(String),
}

#[derive(Debug)]
pub enum Progress {
    Begin(String),
    Report(String),
    End(String),
}

/// Starts the analysis thread for the workspace at `root`.
pub fn spawn(root: PathBuf, events: Sender<Event>) -> std::io::Result<Sender<Job>> {
    let (jobs, receiver) = crossbeam_channel::unbounded();
    std::thread::Builder::new()
        .name("piitrace-analysis".to_string())
        .spawn(move || Worker::new(root, events).run(receiver))?;
    Ok(jobs)
}

struct Worker {
    root: PathBuf,
    events: Sender<Event>,
    project: Option<Project>,
    /// The open documents' texts, applied again after a reload.
    buffers: HashMap<PathBuf, String>,
}

impl Worker {
    fn new(root: PathBuf, events: Sender<Event>) -> Worker {
        Worker {
            root,
            events,
            project: None,
            buffers: HashMap::new(),
        }
    }

    fn run(mut self, jobs: Receiver<Job>) {
        let started = Instant::now();
        self.load(true);
        self.analyse_and_send(started, true, &jobs);
        let mut loaded = false;
        loop {
            let Ok(first) = jobs.recv() else {
                return;
            };
            let mut batch = vec![first];
            loop {
                match jobs.recv_timeout(DEBOUNCE) {
                    Ok(job) => batch.push(job),
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            }
            let started = Instant::now();
            loaded |= self.apply(batch);
            // Edits that came in meanwhile make this analysis stale before it starts:
            // the next batch carries them.
            if !jobs.is_empty() {
                continue;
            }
            self.analyse_and_send(started, loaded, &jobs);
            loaded = false;
        }
    }

    /// Analyses and hands the reports over; after a load, ends its progress.
    /// A result that edits overtook while it was computed is dropped (the analysis
    /// has no point where it could stop early; the next batch is analysed instead).
    fn analyse_and_send(&mut self, started: Instant, after_load: bool, jobs: &Receiver<Job>) {
        let analysed = self.analyse();
        if after_load {
            let summary = match &analysed {
                Some((reports, findings)) => {
                    format!("{findings} findings in {} files", reports.len())
                }
                None => "failed".to_string(),
            };
            self.progress(Progress::End(summary));
        }
        if let Some((reports, _)) = analysed.filter(|_| jobs.is_empty()) {
            let elapsed = started.elapsed();
            let _ = self.events.send(Event::Reports { reports, elapsed });
        }
    }

    /// Applies a batch of jobs; whether the project was loaded again.
    fn apply(&mut self, batch: Vec<Job>) -> bool {
        let mut reload = self.project.is_none();
        let mut touched: Vec<PathBuf> = Vec::new();
        for job in batch {
            match job {
                Job::Edit { path, text } => {
                    self.buffers.insert(path.clone(), text);
                    touched.push(path);
                }
                Job::Disk { path } => {
                    self.buffers.remove(&path);
                    touched.push(path);
                }
                Job::Reload => reload = true,
            }
        }
        if reload {
            self.load(false);
            return true;
        }
        touched.sort();
        touched.dedup();
        let Some(project) = self.project.as_mut() else {
            return false;
        };
        let buffers = &self.buffers;
        let applied = catch_unwind(AssertUnwindSafe(|| {
            for path in &touched {
                if !belongs(project, path) {
                    continue;
                }
                let text = match buffers.get(path) {
                    Some(t) => Some(t.clone()),
                    None => std::fs::read_to_string(path).ok(),
                };
                match text {
                    // A file that does not lower leaves the project; the report says why.
                    Some(text) => {
                        let _ = project.update_source(path, text);
                    }
                    None => project.remove_source(path),
                }
            }
        }));
        if applied.is_err() {
            // The project may be half-updated: start again from disk and buffers.
            self.report_error("piitrace: a file could not be analysed; reloading");
            self.load(false);
            return true;
        }
        false
    }

    /// Reads and lowers the whole workspace, then applies the open buffers.
    fn load(&mut self, first: bool) {
        let title = if first {
            "Indexing the workspace"
        } else {
            "Reloading the workspace"
        };
        self.progress(Progress::Begin(title.to_string()));
        let paths = vec![self.root.clone()];
        let config = match Config::find(&paths).map(|p| Config::load(&p)) {
            Some(Ok(c)) => c,
            Some(Err(e)) => {
                self.report_error(&format!("piitrace: {e:#}; using the defaults"));
                Config::default()
            }
            None => Config::default(),
        };
        let options = ScanOptions {
            paths,
            jobs: None,
            config,
            progress: false,
            // Opening the workspace again parses only what changed since.
            cache: crate::cache::IrCache::default_dir(),
        };
        let loaded = catch_unwind(AssertUnwindSafe(|| Project::load(options)));
        let mut project = match loaded {
            Ok(Ok(p)) => p,
            Ok(Err(e)) => {
                self.report_error(&format!("piitrace: cannot load the workspace: {e:#}"));
                self.project = None;
                self.progress(Progress::End("failed".to_string()));
                return;
            }
            Err(_) => {
                self.report_error("piitrace: loading the workspace failed");
                self.project = None;
                self.progress(Progress::End("failed".to_string()));
                return;
            }
        };
        for (path, text) in &self.buffers {
            if belongs(&project, path) {
                let _ = project.update_source(path, text.clone());
            }
        }
        self.progress(Progress::Report(format!(
            "analysing {} files",
            project.files.len()
        )));
        self.project = Some(project);
    }

    /// Analyses the project as it is now.
    fn analyse(&mut self) -> Option<(BTreeMap<PathBuf, FileReport>, usize)> {
        let project = self.project.as_mut()?;
        let analysed = catch_unwind(AssertUnwindSafe(|| {
            let result = project.analyse();
            let reports = report::build(&result);
            (reports, result.findings.len())
        }));
        if analysed.is_err() {
            self.report_error("piitrace: the analysis failed on this workspace");
        }
        analysed.ok()
    }

    fn progress(&self, p: Progress) {
        let _ = self.events.send(Event::Progress(p));
    }

    fn report_error(&self, message: &str) {
        let _ = self.events.send(Event::Error(message.to_string()));
    }
}

/// Whether a file the editor names is part of the program: one the project has, or
/// a new one discovery would have taken (not a build output, generated code, a test,
/// an excluded or git-ignored file), so that opening one of those does not add it.
fn belongs(project: &Project, path: &std::path::Path) -> bool {
    project.admits(path)
}
