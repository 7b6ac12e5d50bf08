//! The compatibility corpus reaches every token Level II executes: each of
//! 80H-FBH except the Disk BASIC keywords (which give ?L3 ERROR on a Model I
//! without disks; Level II BASIC Reference Manual, appendix of reserved words)
//! appears in at least one program or script whose transcript was recorded from
//! Level II: `tests/compat/*.bas`, `tests/compat_keys/*.keys`,
//! `tests/compat_using/*.keys`, `tests/compat_more/*.keys`.

use std::collections::BTreeSet;
use std::path::Path;
use trs80_machine::basic::{keyword, tokenize};

/// Disk BASIC keywords: CMD, OPEN, FIELD, GET, PUT, CLOSE, LOAD, MERGE, NAME,
/// KILL, LSET, RSET, SAVE, DEF, LINE, FN, INSTR, TIME$, CVI, CVS, CVD, EOF, LOC,
/// LOF, MKI$, MKS$, MKD$.
const DISK_ONLY: [u8; 27] = [
    0x85, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7, 0xA8, 0xA9, 0xAA, 0xAB, 0xAC, 0xAD, 0xB0, 0x9C, 0xBE,
    0xC5, 0xC7, 0xE6, 0xE7, 0xE8, 0xE9, 0xEA, 0xEB, 0xEC, 0xED, 0xEE,
];

#[test]
fn the_corpus_uses_every_token_level2_executes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut seen = BTreeSet::new();
    let mut files = 0;
    for (dir, ext) in [
        ("compat", "bas"),
        ("compat_keys", "keys"),
        ("compat_using", "keys"),
        ("compat_more", "keys"),
    ] {
        for entry in std::fs::read_dir(root.join(dir)).expect("a corpus folder") {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != ext) {
                continue;
            }
            assert!(
                path.with_extension("txt").exists(),
                "{}: no transcript recorded from Level II",
                path.display()
            );
            files += 1;
            let text = std::fs::read_to_string(&path).unwrap();
            for line in text.lines() {
                seen.extend(tokenize(line).into_iter().filter(|&b| b >= 0x80));
            }
        }
    }
    let missing: Vec<String> = (0x80..=0xFBu8)
        .filter(|t| !DISK_ONLY.contains(t) && !seen.contains(t))
        .map(|t| format!("{t:02X} {}", keyword(t).unwrap_or("?")))
        .collect();
    println!("{files} corpus files, {} tokens used", seen.len());
    assert!(missing.is_empty(), "never used: {missing:?}");
}
