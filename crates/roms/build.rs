//! Assembles every `*.asm` under the repository's `roms/` directory (except
//! `roms/include/`, which holds files that are only INCLUDEd) and writes the
//! images plus a generated `roms.rs` table into OUT_DIR. A folder holding a
//! `main.asm` is one ROM named after the folder (`roms/free/main.asm` is
//! `"free"`); its other `.asm` files are modules that `main.asm` includes and
//! are never assembled on their own. Any assembler error fails the build with
//! the assembler's `file:line:col` messages. A ROM that defines `ROM_FREE`
//! (bytes left unused inside its image) gets a line of the build's output
//! saying how much of it is used.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Reads sources relative to the repository root, so error messages name
/// files as `roms/...`.
struct RootLoader(PathBuf);

impl z80asm::FileLoader for RootLoader {
    fn load(&self, path: &str) -> Result<String, String> {
        match std::fs::read(self.0.join(path)) {
            Ok(b) => Ok(String::from_utf8_lossy(&b).into_owned()),
            Err(e) => Err(e.to_string()),
        }
    }
}

/// Collects `(rom name, source path without .asm)` pairs below `dir`.
fn collect(dir: &Path, rel: &str, out: &mut Vec<(String, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = e.file_name().to_string_lossy().into_owned();
        let rel_name = if rel.is_empty() {
            name.clone()
        } else {
            format!("{rel}/{name}")
        };
        let path = e.path();
        if path.is_dir() {
            if path.join("main.asm").is_file() {
                // A multi-module ROM: `roms/<dir>/main.asm` is the ROM `<dir>`.
                out.push((rel_name.clone(), format!("{rel_name}/main")));
            } else if rel_name != "include" {
                collect(&path, &rel_name, out);
            }
        } else if let Some(stem) = rel_name.strip_suffix(".asm") {
            out.push((stem.to_string(), stem.to_string()));
        }
    }
}

fn main() {
    let manifest =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let root = manifest.join("../..");
    let roms_dir = root.join("roms");
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed={}", roms_dir.display());

    let mut names = Vec::new();
    collect(&roms_dir, "", &mut names);
    let loader = RootLoader(root.clone());
    let options = z80asm::Options {
        fill: 0xFF,
        include_dirs: vec!["roms".into()],
    };
    let mut table = String::from(
        "/// Every ROM built from `roms/`, in name order.\npub static ROMS: &[Rom] = &[\n",
    );
    let mut failed = Vec::new();
    for (name, source) in &names {
        let path = format!("roms/{source}.asm");
        match z80asm::assemble(&path, &loader, &options) {
            Ok(out) => {
                let file = format!("{}.bin", name.replace('/', "__"));
                std::fs::write(out_dir.join(&file), &out.image)
                    .expect("write ROM image to OUT_DIR");
                std::fs::write(
                    out_dir.join(format!("{}.lst", name.replace('/', "__"))),
                    &out.listing,
                )
                .expect("write listing to OUT_DIR");
                let mut syms = String::new();
                for (k, v) in out.symbols.iter() {
                    let _ = write!(syms, "({k:?}, 0x{v:04X}), ");
                }
                if let Some(free) = out.symbols.get("ROM_FREE") {
                    let size = out.image.len();
                    println!(
                        "cargo:warning=roms/{name}: {} of {size} bytes used, {free} free",
                        size - usize::from(free).min(size)
                    );
                }
                let entry = match out.entry {
                    Some(e) => format!("Some(0x{e:04X})"),
                    None => "None".into(),
                };
                let _ = writeln!(
                    table,
                    "    Rom {{ name: {name:?}, origin: 0x{:04X}, image: include_bytes!(concat!(env!(\"OUT_DIR\"), \"/{file}\")), symbols: &[{syms}], entry: {entry} }},",
                    out.origin
                );
            }
            Err(errors) => {
                for line in errors.to_string().lines() {
                    println!("cargo:warning={line}");
                }
                failed.push(errors.to_string());
            }
        }
    }
    if !failed.is_empty() {
        panic!(
            "ROM sources under roms/ do not assemble:\n{}",
            failed.join("\n")
        );
    }
    table.push_str("];\n");
    std::fs::write(out_dir.join("roms.rs"), table).expect("write roms.rs to OUT_DIR");
}
