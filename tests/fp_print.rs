//! Number printing: the text Level II makes of numbers (STR$, which is what
//! PRINT shows without the trailing space), recorded from the real ROM into
//! tests/data/fp_print_table.txt.
//!
//! With `TRS80_ROM` set, the table is re-verified against Level II; with
//! `TRS80_FP_RECORD=1` as well, it is written anew.

mod fpsupport;
use fpsupport::level2::Level2;
use fpsupport::table::{self, hex};

#[test]
fn table_is_recorded_and_large_enough() {
    let t = table::load();
    assert!(t.len() >= 500, "{} values", t.len());
    let want = table::values();
    assert_eq!(t.len(), want.len(), "the table and values() differ");
    for ((ty, b, _), (wt, wb)) in t.iter().zip(&want) {
        assert_eq!((ty, b), (wt, wb));
    }
    // Spot checks of Level II's printing rules (its manual's examples).
    let text = |ty: u8, h: &str| {
        t.iter()
            .find(|(a, b, _)| *a == ty && hex(b) == h)
            .map(|x| x.2.clone())
    };
    assert_eq!(text(4, "00002084").as_deref(), Some(" 10"));
    assert_eq!(text(2, "0080").as_deref(), Some("-32768"));
}

#[test]
fn level2_prints_the_table() {
    let Some(path) = std::env::var_os("TRS80_ROM") else {
        println!("SKIPPED: TRS80_ROM is not set (path of a Level II ROM image)");
        return;
    };
    let rom = std::fs::read(&path).expect("TRS80_ROM");
    let mut l2 = Level2::boot(
        &rom,
        &[(200, "STR$(A%)"), (210, "STR$(A!)"), (220, "STR$(A#)")],
    );
    let values = table::values();
    let mut got = Vec::new();
    for t in [2u8, 4, 8] {
        let line = match t {
            2 => 200,
            4 => 210,
            _ => 220,
        };
        l2.start(line, &[(t, b'A')]);
        for (ty, b) in values.iter().filter(|v| v.0 == t) {
            let s = l2.eval_text(&[b]).expect("STR$");
            got.push((*ty, b.clone(), s));
        }
    }
    // Back in the table's order.
    let mut ordered = Vec::new();
    for (ty, b) in &values {
        let i = got.iter().position(|g| g.0 == *ty && &g.1 == b).unwrap();
        ordered.push(got[i].clone());
    }
    if std::env::var_os("TRS80_FP_RECORD").is_some() {
        let mut out = String::from(
            "# type (2 int, 4 single, 8 double), value bytes as stored (LSB first), STR$ text\n\
             # recorded from Level II (tests/fp_print.rs, TRS80_FP_RECORD=1)\n",
        );
        for (ty, b, s) in &ordered {
            out += &format!("{ty} {} \"{s}\"\n", hex(b));
        }
        std::fs::write(table::PATH, out).unwrap();
        println!("recorded {} values", ordered.len());
    }
    let rec = table::load();
    let mut bad = 0;
    for (g, r) in ordered.iter().zip(&rec) {
        if g != r {
            if bad < 10 {
                println!("Level II {g:?}, recorded {r:?}");
            }
            bad += 1;
        }
    }
    assert_eq!(
        bad, 0,
        "Level II prints differently from the recorded table"
    );
}
