//! Output files: checked before the machine starts, written at the end each on its own.
//!
//! - [`check`] opens an existing output for writing without changing it, or creates and
//!   removes a scratch file beside a new one, so a typo in a path stops the run before it
//!   starts rather than after it.
//! - [`Report::write`] writes to a temporary name in the same directory and renames it over
//!   the output, so a failed or interrupted write never leaves a half-written file.
//! - [`Report::unchanged`] is for an output with nothing to write (no tape recorded, no
//!   program in memory): the existing file is left as it was, and the report says so.
//! - The [`Report`] collects every failure, so one bad output does not stop the others, and
//!   all of them are reported.

use std::io::Write;
use std::path::{Path, PathBuf};

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
}
