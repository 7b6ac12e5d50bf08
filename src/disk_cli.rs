//! Floppy disks on the command line: `--disk0` … `--disk3`, `--write-protect`, a disk image
//! given as the program FILE (drive 0, booted by the ROM), saving what the DOS wrote, and the
//! `trs80 disk` tools (`new`, `info`, `dir`, `get`).
//!
//! Images are recognised by content (JV1, JV3, DMK), never by file name. A bad image is refused
//! with one error naming the file, before the machine is touched. What the machine wrote goes
//! back to the image file at exit through a temporary file in the same folder and a rename, so
//! a crash or a kill never leaves a half-written image.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use trs80_machine::disk::{dos, Density, Disk, DiskFormat, Layout, LayoutDensity};
use trs80_machine::Machine;

use crate::outputs::{write_atomically, Report};

/// Command-line options for the four drives.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct DiskArgs {
    /// Put a disk image (JV1, JV3 or DMK) in drive 0; the ROM boots it.
    #[arg(long, value_name = "IMAGE")]
    pub disk0: Option<PathBuf>,
    /// Put a disk image in drive 1.
    #[arg(long, value_name = "IMAGE")]
    pub disk1: Option<PathBuf>,
    /// Put a disk image in drive 2.
    #[arg(long, value_name = "IMAGE")]
    pub disk2: Option<PathBuf>,
    /// Put a disk image in drive 3.
    #[arg(long, value_name = "IMAGE")]
    pub disk3: Option<PathBuf>,
    /// Write-protect every disk given (writes fail with WRITE PROTECT; nothing is saved).
    #[arg(long)]
    pub write_protect: bool,
}

impl DiskArgs {
    fn paths(&self) -> [Option<&Path>; 4] {
        [
            self.disk0.as_deref(),
            self.disk1.as_deref(),
            self.disk2.as_deref(),
            self.disk3.as_deref(),
        ]
    }
}

/// Read and parse a disk image; the error names the file.
pub fn read_image(path: &Path) -> Result<Disk> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    Disk::parse(&bytes).with_context(|| format!("{}: not a usable disk image", path.display()))
}

/// Whether `bytes` carry a disk image's own signature: only then is a program FILE taken as
/// a disk.
pub use trs80_machine::disk::looks_like_disk;

/// The disks of one run: which file each drive came from.
#[derive(Debug, Default)]
pub struct DiskSession {
    paths: [Option<PathBuf>; 4],
}

impl DiskSession {
    /// Read every image (and FILE, when it is a disk image, into drive 0) and insert them.
    /// Returns the session and whether FILE was taken as a disk. Nothing is inserted unless
    /// every image is good.
    pub fn start(
        args: &DiskArgs,
        file: Option<&Path>,
        m: &mut Machine,
    ) -> Result<(DiskSession, bool)> {
        let mut paths: [Option<PathBuf>; 4] = args.paths().map(|p| p.map(Path::to_path_buf));
        let mut file_is_disk = false;
        if let Some(f) = file {
            if let Ok(bytes) = std::fs::read(f) {
                if looks_like_disk(&bytes) {
                    if paths[0].is_some() {
                        bail!("{} is a disk image, and --disk0 is given too", f.display());
                    }
                    paths[0] = Some(f.to_path_buf());
                    file_is_disk = true;
                }
            }
        }
        let mut disks = Vec::new();
        for (n, p) in paths.iter().enumerate() {
            if let Some(p) = p {
                let disk = read_image(p)?;
                // A read-only file is a write-protected disk: nothing could be saved.
                let readonly = std::fs::metadata(p).is_ok_and(|md| md.permissions().readonly());
                disks.push((n, disk, args.write_protect || readonly));
            }
        }
        for (n, disk, protect) in disks {
            m.insert_disk(n, disk, protect)
                .with_context(|| format!("drive {n}"))?;
        }
        Ok((DiskSession { paths }, file_is_disk))
    }

    /// Whether any drive is in use.
    pub fn any(&self) -> bool {
        self.paths.iter().any(Option::is_some)
    }

    /// With disks, typed keys are held long enough for a DOS keyboard driver
    /// ([`trs80_machine::keyboard::Keyboard::hold_for_dos`]).
    pub fn tune_typing(&self, m: &mut Machine) {
        if self.any() {
            m.keyboard_mut().hold_for_dos();
        }
    }

    /// Drive activity for a title bar or status line: `disk :0 T17` while a motor runs.
    pub fn status_line(&self, m: &Machine) -> Option<String> {
        let f = m.fdc()?;
        let st = f.state();
        if !st.motor_on {
            return None;
        }
        let (drive, side) = st.selected?;
        let side = if side == 1 { "/1" } else { "" };
        Some(format!("disk :{drive}{side} T{}", st.cyl[drive]))
    }

    /// Save every disk the machine wrote to, back to its file (atomically).
    pub fn finish(&self, m: &mut Machine, report: &mut Report) {
        let Some(f) = m.fdc_mut() else {
            return;
        };
        for (n, path) in self.paths.iter().enumerate() {
            let Some(path) = path else { continue };
            let drive = f.drives.drive_mut(n);
            if let Some(fault) = drive.refused.take() {
                report.notes.push(format!(
                    "disk :{n} {}: a write was refused (the program saw a write fault): {fault}",
                    path.display()
                ));
            }
            if !drive.dirty {
                continue;
            }
            if let Some(disk) = &drive.disk {
                let saved = write_atomically(path, &disk.image().to_bytes());
                drive.dirty = saved.is_err();
                report.add(saved);
            }
        }
    }
}

/// `trs80 disk …`: make, inspect and read disk images.
#[derive(clap::Args, Debug)]
pub struct DiskCmd {
    /// What to do.
    #[command(subcommand)]
    pub action: DiskAction,
}

/// Image formats for `trs80 disk new`.
#[derive(clap::ValueEnum, Clone, Copy, Debug)]
pub enum FormatArg {
    /// Headerless, single density, one side.
    Jv1,
    /// Sector headers; any density and sides.
    Jv3,
    /// Raw tracks; any density and sides.
    Dmk,
}

/// Densities for `trs80 disk new`.
#[derive(clap::ValueEnum, Clone, Copy, Debug)]
pub enum DensityArg {
    /// 10 sectors of 256 bytes per track.
    Single,
    /// 18 sectors of 256 bytes per track (needs a doubler).
    Double,
    /// Track 0 single density (bootable), the rest double.
    Mixed,
}

/// The `trs80 disk` tools.
#[derive(clap::Subcommand, Debug)]
pub enum DiskAction {
    /// Make a blank formatted image (every sector E5H; format it with your DOS for files).
    New {
        /// The image to create (refused if it exists).
        file: PathBuf,
        /// Image format.
        #[arg(long, value_enum, default_value = "jv3")]
        format: FormatArg,
        /// Tracks per side.
        #[arg(long, default_value_t = 40, value_parser = clap::value_parser!(u8).range(1..=96))]
        tracks: u8,
        /// Sides (1 or 2).
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u8).range(1..=2))]
        sides: u8,
        /// Recording density.
        #[arg(long, value_enum, default_value = "single")]
        density: DensityArg,
    },
    /// Show an image's format, geometry, protection and bad sectors.
    Info {
        /// The image.
        file: PathBuf,
    },
    /// List the files of an LDOS/TRSDOS-style directory.
    Dir {
        /// The image.
        file: PathBuf,
    },
    /// Copy files out of an LDOS/TRSDOS-style directory to the host.
    Get {
        /// The image.
        file: PathBuf,
        /// Files on the disk (NAME/EXT).
        #[arg(required = true)]
        names: Vec<String>,
        /// Folder to write them to (NAME/EXT becomes name.ext).
        #[arg(long, default_value = ".")]
        out: PathBuf,
    },
}

/// Run a `trs80 disk` tool, writing its report to `out`.
pub fn run(cmd: &DiskCmd, out: &mut dyn std::io::Write) -> Result<()> {
    match &cmd.action {
        DiskAction::New {
            file,
            format,
            tracks,
            sides,
            density,
        } => {
            if file.exists() {
                bail!("{} exists; not overwriting it", file.display());
            }
            let format = match format {
                FormatArg::Jv1 => DiskFormat::Jv1,
                FormatArg::Jv3 => DiskFormat::Jv3,
                FormatArg::Dmk => DiskFormat::Dmk,
            };
            let layout = Layout {
                tracks: *tracks,
                sides: *sides,
                density: match density {
                    DensityArg::Single => LayoutDensity::Single,
                    DensityArg::Double => LayoutDensity::Double,
                    DensityArg::Mixed => LayoutDensity::Mixed,
                },
            };
            let disk = Disk::blank(format, layout).map_err(|_| {
                anyhow::anyhow!("{format} holds only single-density, single-sided disks")
            })?;
            write_atomically(file, &disk.image().to_bytes())?;
            writeln!(out, "{}: {}", file.display(), summary(&disk))?;
        }
        DiskAction::Info { file } => {
            let disk = read_image(file)?;
            writeln!(out, "{}: {}", file.display(), summary(&disk))?;
            match dos::directory(&disk) {
                Ok(d) => writeln!(
                    out,
                    "directory on cylinder {}: disk {:?} dated {}, {} files",
                    d.cylinder,
                    d.disk_name,
                    d.date,
                    d.files.len()
                )?,
                Err(e) => writeln!(out, "no DOS directory read: {e}")?,
            }
        }
        DiskAction::Dir { file } => {
            let disk = read_image(file)?;
            let d = dos::directory(&disk).with_context(|| file.display().to_string())?;
            writeln!(out, "{} ({}), cylinder {}", d.disk_name, d.date, d.cylinder)?;
            for f in &d.files {
                let flags = format!(
                    "{}{}",
                    if f.system() { "S" } else { "-" },
                    if f.invisible() { "I" } else { "-" }
                );
                writeln!(
                    out,
                    "{:<12} {flags} LRL {:>3} {:>7} bytes",
                    f.name, f.lrl, f.size
                )?;
            }
        }
        DiskAction::Get {
            file,
            names,
            out: dir,
        } => {
            let disk = read_image(file)?;
            let d = dos::directory(&disk).with_context(|| file.display().to_string())?;
            for name in names {
                let bytes = dos::read_file(&disk, &d, name)
                    .with_context(|| format!("{}: {name}", file.display()))?;
                let host = dir.join(name.to_ascii_lowercase().replace('/', "."));
                write_atomically(&host, &bytes)?;
                writeln!(out, "{name} -> {} ({} bytes)", host.display(), bytes.len())?;
            }
        }
    }
    Ok(())
}

/// One line about an image: format, geometry, densities, protection, bad sectors.
pub fn summary(disk: &Disk) -> String {
    let img = disk.image();
    let (mut sd, mut dd, mut bad) = (0usize, 0usize, 0usize);
    for cyl in 0..img.cylinders() {
        for side in 0..img.sides() {
            for (i, id) in img.ids(cyl, side).iter().enumerate() {
                match id.density {
                    Density::Single => sd += 1,
                    Density::Double => dd += 1,
                }
                let data_bad = img.read(cyl, side, i).is_none_or(|r| r.crc_error);
                bad += (id.id_crc_error || data_bad) as usize;
            }
        }
    }
    format!(
        "{}, {} tracks, {} side{}, {sd} single- and {dd} double-density sectors, {bad} bad, {}",
        disk.format(),
        img.cylinders(),
        img.sides(),
        if img.sides() == 1 { "" } else { "s" },
        if img.write_protected() {
            "write protected"
        } else {
            "writable"
        }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("trs80-disk-cli-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn atomic_save_replaces_the_file_and_leaves_no_temporary() {
        let dir = scratch("atomic");
        let path = dir.join("d.dsk");
        std::fs::write(&path, b"old").unwrap();
        write_atomically(&path, b"new contents").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new contents");
        let names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
        // A folder that does not exist: an error naming the file, nothing written.
        let e = write_atomically(&dir.join("no/such.dsk"), b"x").unwrap_err();
        assert!(format!("{e:#}").contains("no/such.dsk"), "{e:#}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn new_and_info() {
        let dir = scratch("tools");
        let img = dir.join("blank.dmk");
        let mut out = Vec::new();
        let new = DiskCmd {
            action: DiskAction::New {
                file: img.clone(),
                format: FormatArg::Dmk,
                tracks: 40,
                sides: 2,
                density: DensityArg::Mixed,
            },
        };
        run(&new, &mut out).unwrap();
        assert!(
            run(&new, &mut out).is_err(),
            "an existing file is not overwritten"
        );
        out.clear();
        run(
            &DiskCmd {
                action: DiskAction::Info { file: img.clone() },
            },
            &mut out,
        )
        .unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("DMK, 40 tracks, 2 sides, 20 single- and 1404 double-density sectors, 0 bad, writable"), "{text}");
        let jv1 = DiskCmd {
            action: DiskAction::New {
                file: dir.join("x.dsk"),
                format: FormatArg::Jv1,
                tracks: 35,
                sides: 2,
                density: DensityArg::Single,
            },
        };
        assert!(run(&jv1, &mut Vec::new()).is_err());
        // A file that is not an image: one error naming it.
        std::fs::write(dir.join("junk"), b"hello").unwrap();
        let e = read_image(&dir.join("junk")).unwrap_err();
        assert!(
            format!("{e:#}").contains("junk: not a usable disk image"),
            "{e:#}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn dir_and_get_on_ldos_when_present() {
        let Ok(d) = std::env::var("TRS80_DISK_DIR") else {
            println!("SKIPPED: TRS80_DISK_DIR not set (folder with ld1-531.dsk)");
            return;
        };
        let file = Path::new(&d).join("ld1-531.dsk");
        if !file.exists() {
            println!("SKIPPED: {} not found", file.display());
            return;
        }
        let dir = scratch("ldos");
        let mut out = Vec::new();
        run(
            &DiskCmd {
                action: DiskAction::Dir { file: file.clone() },
            },
            &mut out,
        )
        .unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.starts_with("LDOS531 (07/14/91), cylinder 17"),
            "{text}"
        );
        assert!(text.contains("FORMAT/CMD"), "{text}");
        let mut out = Vec::new();
        let get = DiskAction::Get {
            file,
            names: vec!["format/cmd".into()],
            out: dir.clone(),
        };
        run(&DiskCmd { action: get }, &mut out).unwrap();
        assert_eq!(
            std::fs::read(dir.join("format.cmd")).unwrap().len(),
            19 * 256 + 0x7D
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
