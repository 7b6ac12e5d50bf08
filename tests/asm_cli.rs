//! `trs80 asm`: binary and /CMD output, listing and symbol files, errors.

use std::path::PathBuf;
use std::process::Command;

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("trs80-asm-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("create scratch dir");
    d
}

fn trs80(args: &[&std::ffi::OsStr]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_trs80"))
        .args(args)
        .output()
        .expect("run trs80")
}

#[test]
fn assembles_bin_and_cmd_with_listing_and_symbols() {
    let d = scratch("ok");
    std::fs::write(d.join("inc.asm"), "VIDEO EQU 3C00H\n").unwrap();
    std::fs::write(
        d.join("prog.asm"),
        "        INCLUDE \"inc.asm\"\n        ORG 5200H\nSTART:  LD A,'*'\n        LD (VIDEO),A\n        JR $\n        END START\n",
    )
    .unwrap();
    let (src, bin, cmd, lst, sym) = (
        d.join("prog.asm"),
        d.join("p.bin"),
        d.join("p.cmd"),
        d.join("p.lst"),
        d.join("p.sym"),
    );
    let out = trs80(&[
        "asm".as_ref(),
        src.as_os_str(),
        "-o".as_ref(),
        bin.as_os_str(),
        "--listing".as_ref(),
        lst.as_os_str(),
        "--symbols".as_ref(),
        sym.as_os_str(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let image = [0x3E, b'*', 0x32, 0x00, 0x3C, 0x18, 0xFE];
    assert_eq!(std::fs::read(&bin).unwrap(), image);
    assert_eq!(
        std::fs::read_to_string(&sym).unwrap(),
        "START EQU 5200H\nVIDEO EQU 3C00H\n"
    );
    let listing = std::fs::read_to_string(&lst).unwrap();
    assert!(listing.contains("5200  3E 2A"), "{listing}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("7 bytes"));

    let out = trs80(&[
        "asm".as_ref(),
        src.as_os_str(),
        "-o".as_ref(),
        cmd.as_os_str(),
        "--format".as_ref(),
        "cmd".as_ref(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut want = vec![0x01, 9, 0x00, 0x52];
    want.extend_from_slice(&image);
    want.extend_from_slice(&[0x02, 0x02, 0x00, 0x52]);
    assert_eq!(std::fs::read(&cmd).unwrap(), want);
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn errors_are_reported_and_nothing_is_written() {
    let d = scratch("bad");
    let (src, bin) = (d.join("bad.asm"), d.join("bad.bin"));
    std::fs::write(&src, " NOP\n LD A,(IX+)\n JP NOWHERE\n").unwrap();
    let out = trs80(&[
        "asm".as_ref(),
        src.as_os_str(),
        "-o".as_ref(),
        bin.as_os_str(),
    ]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.asm:2:11: error: expected an expression"),
        "{err}"
    );
    assert!(err.contains(" LD A,(IX+)\n          ^"), "{err}");
    assert!(
        err.contains("bad.asm:3:5: error: undefined symbol `NOWHERE`"),
        "{err}"
    );
    assert!(err.contains("2 errors; nothing written"), "{err}");
    assert!(!bin.exists());
    let missing = d.join("missing.asm");
    let out = trs80(&[
        "asm".as_ref(),
        missing.as_os_str(),
        "-o".as_ref(),
        bin.as_os_str(),
    ]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read"));
    let _ = std::fs::remove_dir_all(&d);
}
