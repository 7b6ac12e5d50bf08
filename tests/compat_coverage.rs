//! The compatibility corpus reaches every token Level II executes: each of
//! 80H-FBH except the Disk BASIC keywords (which give ?L3 ERROR on a Model I
//! without disks; Level II BASIC Reference Manual, appendix of reserved words)
//! appears in at least one program or script whose transcript was recorded from
//! Level II: `tests/compat/*.bas`, `tests/compat_keys/*.keys`,
//! `tests/compat_using/*.keys`, `tests/compat_more/*.keys`. A second test
//! checks the forms of the statement table (Level II BASIC Reference Manual)
//! that a token alone does not show: `?` for PRINT, `'` for REM, PRINT @,
//! USING after PRINT and LPRINT, CLOAD?, the tape data files, RESUME NEXT, ...

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

/// Every corpus program or script (recorded from Level II), as (path, text).
fn corpus() -> Vec<(std::path::PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut out = Vec::new();
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
            let text = std::fs::read_to_string(&path).unwrap();
            out.push((path, text));
        }
    }
    out
}

#[test]
fn the_corpus_uses_every_token_level2_executes() {
    let mut seen = BTreeSet::new();
    let files = corpus();
    for (_, text) in &files {
        for line in text.lines() {
            seen.extend(tokenize(line).into_iter().filter(|&b| b >= 0x80));
        }
    }
    let missing: Vec<String> = (0x80..=0xFBu8)
        .filter(|t| !DISK_ONLY.contains(t) && !seen.contains(t))
        .map(|t| format!("{t:02X} {}", keyword(t).unwrap_or("?")))
        .collect();
    println!("{} corpus files, {} tokens used", files.len(), seen.len());
    assert!(missing.is_empty(), "never used: {missing:?}");
}

/// Forms of the statements and functions that their tokens do not tell apart,
/// each with the text that shows it in a statement (`*`: anything between).
/// `?` and `'` are matched at the start of a statement.
const FORMS: [(&str, &str); 22] = [
    ("? for PRINT", "?"),
    ("' for REM", "'"),
    ("PRINT @", "PRINT @"),
    ("PRINT TAB(", "PRINT TAB("),
    ("PRINT USING", "PRINT USING"),
    ("LPRINT USING", "LPRINT USING"),
    ("PRINT @ ... USING", ", USING"),
    ("PRINT #-1", "PRINT #-1"),
    ("INPUT #-1", "INPUT #-1"),
    ("INPUT with a prompt", "INPUT \""),
    ("CLOAD?", "CLOAD?"),
    ("CLOAD \"x\"", "CLOAD \""),
    ("LIST .", "LIST ."),
    ("EDIT .", "EDIT ."),
    ("LIST -l", "LIST -"),
    ("RESUME NEXT", "RESUME NEXT"),
    ("ON ERROR GOTO", "ON ERROR GOTO"),
    ("ON n GOSUB", "ON *GOSUB"),
    ("IF ... ELSE", "IF *ELSE"),
    ("NEXT v,v", "NEXT J,I"),
    ("FOR ... STEP -", "FOR *STEP -"),
    ("MID$ with 2 arguments", "MID$(A$,3)"),
];

#[test]
fn the_corpus_uses_every_form_of_the_statements() {
    let files = corpus();
    // Each statement of every line, the line number taken off.
    let mut statements = Vec::new();
    for (_, text) in &files {
        for line in text.lines() {
            let body = line.trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ');
            statements.extend(body.split(':').map(|s| s.trim_start().to_string()));
            statements.push(body.to_string());
        }
    }
    let missing: Vec<&str> = FORMS
        .iter()
        .filter(|(_, text)| {
            !statements.iter().any(|s| match *text {
                "?" | "'" => s.starts_with(text),
                t => t
                    .split('*')
                    .try_fold(s.as_str(), |rest, part| {
                        rest.find(part).map(|at| &rest[at + part.len()..])
                    })
                    .is_some(),
            })
        })
        .map(|(form, _)| *form)
        .collect();
    assert!(missing.is_empty(), "never used: {missing:?}");
}
