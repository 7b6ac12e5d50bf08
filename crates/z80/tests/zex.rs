//! ZEXDOC and ZEXALL (Frank Cringle's Z80 instruction exercisers, the 67-test
//! builds) through the CP/M host in `support/cpm_host.rs`.
//!
//! The programs are not part of the repository: set `Z80_TEST_DIR` to a folder
//! holding `zexdoc.com` and `zexall.com`. Without it each test prints
//! `SKIPPED: …` and passes. Each run takes minutes.

#[path = "support/cpm_host.rs"]
mod cpm_host;

/// Full ZEXDOC from PC = 0100H to PC = 0000H on a cycle-exact Z80, with BDOS
/// served at 0005H before its RET runs.
const ZEXDOC_T_STATES: u64 = 46_734_977_142;
/// Instructions executed in the same run.
const ZEXDOC_INSTRUCTIONS: u64 = 5_764_169_610;

fn run(name: &str) -> Option<(String, u64, u64)> {
    let Some(dir) = std::env::var_os("Z80_TEST_DIR") else {
        println!("SKIPPED: Z80_TEST_DIR is not set (folder with zexdoc.com and zexall.com)");
        return None;
    };
    let path = std::path::Path::new(&dir).join(name);
    let prog = match std::fs::read(&path) {
        Ok(p) => p,
        Err(e) => {
            println!("SKIPPED: cannot read {}: {e}", path.display());
            return None;
        }
    };
    let mut text = Vec::new();
    let run = cpm_host::run_cpm::<true>(&prog, u64::MAX, &mut |c| text.push(c))
        .expect("program ran to 0000H");
    let text = String::from_utf8_lossy(&text).into_owned();
    println!(
        "{text}\nT-states: {}, instructions: {}",
        run.t_states, run.instructions
    );
    Some((text, run.t_states, run.instructions))
}

fn check_all_ok(text: &str) {
    let ok = text
        .lines()
        .filter(|l| l.trim_end().ends_with("OK"))
        .count();
    assert!(!text.contains("ERROR"), "a test failed:\n{text}");
    assert_eq!(ok, 67, "expected 67 passing tests:\n{text}");
    assert!(text.contains("Tests complete"), "did not finish:\n{text}");
}

#[test]
fn zexdoc() {
    if let Some((text, t, n)) = run("zexdoc.com") {
        check_all_ok(&text);
        assert_eq!(t, ZEXDOC_T_STATES);
        assert_eq!(n, ZEXDOC_INSTRUCTIONS);
    }
}

#[test]
fn zexall() {
    if let Some((text, _, _)) = run("zexall.com") {
        check_all_ok(&text);
    }
}
