//! Output files: checked before the machine starts, written at the end each on its own.
//!
//! - [`check`] opens an existing output for writing without changing it, or creates and
//!   removes a scratch file beside a new one, so a typo in a path stops the run before it
//!   starts rather than after it.
//! - [`Report::write`] writes to a temporary name in the same directory and renames it over
//!   the output, so a failed or interrupted write never leaves a half-written file.
//! - [`Report::unchanged`] is for an output with nothing to write (no tape recorded, no
//!   program in memory): the existing file is left as it was, and the report says so.
//! - [`Spool`] is for an output that grows while the machine runs (the parallel printer's
//!   paper, `--serial file:`): the first byte creates a temporary file beside the output, the
//!   end renames it over the output; a run that sent nothing leaves the output as it was.
//! - The [`Report`] collects every failure, so one bad output does not stop the others, and
//!   all of them are reported.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use anyhow::{anyhow, Context, Result};

/// The name beside `path` that an output is first written to.
pub fn temp_name(path: &Path) -> Result<PathBuf> {
    let name = path
        .file_name()
        .with_context(|| format!("{}: not a file name", path.display()))?;
    let mut tmp = std::ffi::OsString::from(".");
    tmp.push(name);
    tmp.push(format!(".{}.tmp", std::process::id()));
    Ok(match path.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(dir) => dir.join(tmp),
        None => PathBuf::from(tmp),
    })
}

/// Checks that `path` (the output `what`, e.g. `--screen-out`) can be written, changing
/// nothing: an existing file is opened for writing, a new one is tried as a scratch file
/// beside it (then removed).
pub fn check(path: &Path, what: &str) -> Result<()> {
    let fail = |e: std::io::Error| anyhow!("{what} {}: cannot be written: {e}", path.display());
    if path.is_dir() {
        return Err(anyhow!("{what} {}: is a directory", path.display()));
    }
    if path.exists() {
        std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .map_err(fail)?;
        return Ok(());
    }
    let tmp = temp_name(path).map_err(|e| anyhow!("{what}: {e:#}"))?;
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&tmp)
        .map_err(fail)?;
    std::fs::remove_file(&tmp).map_err(fail)
}

/// Writes `bytes` to `path` through a temporary file in the same directory and a rename.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = temp_name(path)?;
    let result = (|| -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(e).with_context(|| format!("cannot save {}", path.display()));
    }
    Ok(())
}

/// What writing the outputs came to: every failure, and a note for each output left
/// unchanged.
#[derive(Debug, Default)]
pub struct Report {
    /// Outputs that could not be written.
    pub errors: Vec<anyhow::Error>,
    /// Outputs left as they were, and why.
    pub notes: Vec<String>,
}

impl Report {
    /// Writes one output (`what` names it in a failure).
    pub fn write(&mut self, path: &Path, bytes: &[u8], what: &str) {
        if let Err(e) = write_atomically(path, bytes) {
            self.errors
                .push(e.context(format!("cannot write {what} {}", path.display())));
        }
    }

    /// Records the outcome of an output written some other way.
    pub fn add(&mut self, result: Result<()>) {
        if let Err(e) = result {
            self.errors.push(e);
        }
    }

    /// An output with nothing to write: `path` is left as it was.
    pub fn unchanged(&mut self, path: &Path, what: &str, why: &str) {
        let state = if path.exists() {
            "left as it was"
        } else {
            "not created"
        };
        self.notes
            .push(format!("{what} {}: {why}; {state}", path.display()));
    }

    /// One error listing every failure, or `Ok` when there was none.
    pub fn into_result(self) -> Result<()> {
        match self.errors.len() {
            0 => Ok(()),
            1 => Err(self.errors.into_iter().next().expect("one error")),
            n => {
                let list: Vec<String> = self.errors.iter().map(|e| format!("  {e:#}")).collect();
                Err(anyhow!(
                    "{n} outputs could not be written:\n{}",
                    list.join("\n")
                ))
            }
        }
    }
}

/// An output written while the machine runs: bytes go to a temporary file beside `path`,
/// created by the first byte; [`Spool::finish`] renames it over `path`. Clones share the
/// file, so one clone can be handed to the device that writes and one kept to finish.
#[derive(Clone, Debug)]
pub struct Spool {
    inner: Arc<Mutex<SpoolFile>>,
}

#[derive(Debug)]
struct SpoolFile {
    path: PathBuf,
    what: String,
    tmp: Option<(PathBuf, File)>,
}

impl Spool {
    /// An output `what` (e.g. `--serial file:`) to `path`, checked with [`check`] now.
    pub fn new(path: &Path, what: &str) -> Result<Spool> {
        check(path, what)?;
        Ok(Spool {
            inner: Arc::new(Mutex::new(SpoolFile {
                path: path.to_path_buf(),
                what: what.to_string(),
                tmp: None,
            })),
        })
    }

    /// Renames what was written over the output, or notes that nothing was (the output is
    /// left as it was). Later writes start a new temporary file.
    pub fn finish(&self, report: &mut Report, why_empty: &str) {
        let mut f = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let (path, what) = (f.path.clone(), f.what.clone());
        match f.tmp.take() {
            None => report.unchanged(&path, &what, why_empty),
            Some((tmp, file)) => {
                let result = file.sync_all().and_then(|_| std::fs::rename(&tmp, &path));
                if let Err(e) = result {
                    let _ = std::fs::remove_file(&tmp);
                    report.errors.push(
                        anyhow::Error::new(e)
                            .context(format!("cannot write {what} {}", path.display())),
                    );
                }
            }
        }
    }
}

impl Write for Spool {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        let mut f = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if f.tmp.is_none() {
            let tmp = temp_name(&f.path).map_err(std::io::Error::other)?;
            let file = File::create(&tmp)?;
            f.tmp = Some((tmp, file));
        }
        let (_, file) = f.tmp.as_mut().expect("created above");
        file.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let mut f = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        match f.tmp.as_mut() {
            Some((_, file)) => file.flush(),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_changes_nothing_and_names_a_bad_path() {
        let dir = std::env::temp_dir().join(format!("trs80-outputs-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let old = dir.join("old.cas");
        std::fs::write(&old, b"valuable").unwrap();
        check(&old, "--cassette-out").unwrap();
        assert_eq!(std::fs::read(&old).unwrap(), b"valuable");
        let new = dir.join("new.txt");
        check(&new, "--screen-out").unwrap();
        assert!(!new.exists(), "check leaves no file behind");
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
        let e = check(&dir.join("no/such/dir.txt"), "--screen-out").unwrap_err();
        assert!(format!("{e:#}").contains("--screen-out"), "{e:#}");
        assert!(check(&dir, "--screenshot").is_err());

        let mut r = Report::default();
        r.write(&new, b"screen", "--screen-out");
        r.write(&dir.join("no/such.png"), b"x", "--screenshot");
        r.unchanged(&old, "--cassette-out", "nothing was saved to tape");
        r.write(&dir.join("no/such.txt"), b"x", "--save-bas");
        assert_eq!(std::fs::read(&new).unwrap(), b"screen");
        assert_eq!(std::fs::read(&old).unwrap(), b"valuable");
        assert!(r.notes[0].contains("left as it was"), "{:?}", r.notes);
        let e = format!("{:#}", r.into_result().unwrap_err());
        assert!(
            e.contains("2 outputs") && e.contains("--screenshot") && e.contains("--save-bas"),
            "{e}"
        );
        let leftovers: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers.len(), 2, "{leftovers:?}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_spool_with_nothing_written_leaves_the_file_and_one_written_replaces_it() {
        let dir = std::env::temp_dir().join(format!("trs80-spool-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let old = dir.join("lp.txt");
        std::fs::write(&old, b"valuable").unwrap();
        let mut report = Report::default();
        Spool::new(&old, "--printer parallel")
            .unwrap()
            .finish(&mut report, "nothing was printed");
        assert_eq!(std::fs::read(&old).unwrap(), b"valuable");
        assert!(
            report.notes[0].contains("left as it was"),
            "{:?}",
            report.notes
        );

        let spool = Spool::new(&old, "--printer parallel").unwrap();
        let mut writer = spool.clone();
        writer.write_all(b"HELLO\n").unwrap();
        writer.flush().unwrap();
        assert_eq!(
            std::fs::read(&old).unwrap(),
            b"valuable",
            "renamed only at the end"
        );
        spool.finish(&mut report, "nothing was printed");
        assert_eq!(std::fs::read(&old).unwrap(), b"HELLO\n");
        assert_eq!(
            std::fs::read_dir(&dir).unwrap().count(),
            1,
            "no temporary left"
        );
        assert!(report.errors.is_empty());
        assert!(Spool::new(&dir.join("no/such.txt"), "--serial file:").is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
