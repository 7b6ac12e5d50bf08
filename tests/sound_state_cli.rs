//! The built binary, headless: `--sound-out` of a program toggling port FFH at 880 Hz gives a
//! WAV whose dominant frequency is 880 Hz within 1 % and the same file on a second run;
//! `--save-state` at the end of one run and `--load-state` at the start of the next carry a
//! BASIC variable across; a damaged state or one from another ROM is one clear error.
//!
//! With `TRS80_VINTAGE_CAS` naming a folder that holds `opus1msg.cmd` (OPUS-I, "The TRS-80
//! Concerto", the music demonstration from William Barden Jr.'s book *TRS-80 Assembly
//! Language Programming*; public, not shipped here): its 14 notes are found in the WAV, in
//! order, each at the pitch and length the program's timing loop gives.

use std::path::PathBuf;
use std::process::{Command, Output};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_trs80"));
    c.env_remove("TRS80_ROM");
    c
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("trs80-sound-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("run trs80")
}

fn ok(out: &Output) {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A 2 KB ROM: a square wave on port FFH with a period of exactly 2,016 T-states
/// (1,774,080 / 2,016 = 880 Hz), levels 01 and 10.
fn tone_rom() -> PathBuf {
    let src = "
        ORG 0
        DI
LOOP:   LD A,1          ; 7
        OUT (0FFH),A    ; 11
        LD B,75         ; 7
D1:     DJNZ D1         ; 13 x 74 + 8
        LD A,2          ; 7
        OUT (0FFH),A    ; 11
        LD B,75         ; 7
D2:     DJNZ D2         ; 13 x 74 + 8
        NOP
        NOP
        NOP
        NOP             ; 16
        JP LOOP         ; 10: 2,016 in all
";
    let asm = z80asm::assemble_str("tone.asm", src, &z80asm::Options::default()).unwrap();
    let mut image = asm.image.clone();
    image.resize(0x800, 0xFF);
    let path = tmp("tone.rom");
    std::fs::write(&path, image).unwrap();
    path
}

/// (rate, samples) of a 16-bit mono PCM WAV file.
fn read_wav(bytes: &[u8]) -> (u32, Vec<i16>) {
    assert_eq!(&bytes[0..4], b"RIFF");
    assert_eq!(&bytes[8..16], b"WAVEfmt ");
    assert_eq!(u16::from_le_bytes([bytes[20], bytes[21]]), 1, "PCM");
    assert_eq!(u16::from_le_bytes([bytes[22], bytes[23]]), 1, "mono");
    assert_eq!(u16::from_le_bytes([bytes[34], bytes[35]]), 16, "16-bit");
    let rate = u32::from_le_bytes(bytes[24..28].try_into().unwrap());
    assert_eq!(&bytes[36..40], b"data");
    let len = u32::from_le_bytes(bytes[40..44].try_into().unwrap()) as usize;
    assert_eq!(len, bytes.len() - 44, "data size in the header");
    let samples = bytes[44..]
        .chunks(2)
        .map(|c| i16::from_le_bytes([c[0], c[1]]))
        .collect();
    (rate, samples)
}

/// Power of `x` at `f` Hz (Goertzel).
fn power(x: &[i16], rate: u32, f: f64) -> f64 {
    let w = 2.0 * std::f64::consts::PI * f / rate as f64;
    let c = 2.0 * w.cos();
    let (mut s1, mut s2) = (0.0, 0.0);
    for &v in x {
        let s = v as f64 + c * s1 - s2;
        s2 = s1;
        s1 = s;
    }
    s1 * s1 + s2 * s2 - c * s1 * s2
}

/// The frequency with the most power between 50 Hz and 10 kHz: 10 Hz steps, then 0.1 Hz.
fn dominant(x: &[i16], rate: u32) -> f64 {
    let best = |lo: f64, hi: f64, step: f64| {
        let mut f = lo;
        let (mut bf, mut bp) = (lo, -1.0);
        while f <= hi {
            let p = power(x, rate, f);
            if p > bp {
                (bf, bp) = (f, p);
            }
            f += step;
        }
        bf
    };
    let coarse = best(50.0, 10_000.0, 10.0);
    best(coarse - 10.0, coarse + 10.0, 0.1)
}

#[test]
fn sound_out_of_a_tone_has_its_frequency_and_is_the_same_every_run() {
    let rom = tone_rom();
    let wav = tmp("tone.wav");
    let args = [
        "--frontend",
        "headless",
        "--rom",
        rom.to_str().unwrap(),
        "--ram",
        "16",
        "--run-for",
        "2",
        "--sound-out",
        wav.to_str().unwrap(),
    ];
    ok(&run(&args));
    let first = std::fs::read(&wav).unwrap();
    let (rate, samples) = read_wav(&first);
    assert_eq!(rate, 44_100);
    assert!(
        (samples.len() as i64 - 2 * 44_100).abs() < 2_000,
        "{} samples for 2 s",
        samples.len()
    );
    let loud = samples.iter().map(|s| s.unsigned_abs()).max().unwrap();
    assert!(loud > 8_000, "peak {loud}");
    let f = dominant(&samples[4_410..], rate);
    println!("dominant frequency {f:.1} Hz");
    assert!(
        (f - 880.0).abs() < 8.8,
        "dominant frequency {f} Hz, expected 880 Hz"
    );
    ok(&run(&args));
    assert!(
        std::fs::read(&wav).unwrap() == first,
        "a second run wrote another file"
    );
}

#[test]
fn a_state_saved_at_exit_resumes_the_next_run() {
    let state = tmp("basic.state");
    let out = run(&[
        "--frontend",
        "headless",
        "--type",
        r"\nA=6*7\n",
        "--run-for",
        "8",
        "--save-state",
        state.to_str().unwrap(),
    ]);
    ok(&out);
    let bytes = std::fs::read(&state).unwrap();
    assert!(bytes.starts_with(b"TRS80ST\x1A"));
    let screen = tmp("resumed.txt");
    let out = run(&[
        "--frontend",
        "headless",
        "--load-state",
        state.to_str().unwrap(),
        "--type",
        r"PRINT A\n",
        "--until",
        " 42",
        "--screen-out",
        screen.to_str().unwrap(),
    ]);
    ok(&out);
    let text = std::fs::read_to_string(&screen).unwrap();
    assert!(text.contains(" 42"), "{text}");

    // Damaged: one clear error, non-zero exit.
    let mut bad = bytes.clone();
    bad[2000] ^= 4;
    let damaged = tmp("damaged.state");
    std::fs::write(&damaged, &bad).unwrap();
    let out = run(&[
        "--frontend",
        "headless",
        "--load-state",
        damaged.to_str().unwrap(),
        "--run-for",
        "0.1",
    ]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("save state") && err.contains("checksum"),
        "{err}"
    );

    // Another ROM.
    let out = run(&[
        "--frontend",
        "headless",
        "--rom",
        tone_rom().to_str().unwrap(),
        "--ram",
        "16",
        "--load-state",
        state.to_str().unwrap(),
        "--run-for",
        "0.1",
    ]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("another ROM"), "{err}");
}

/// Runs of rising zero crossings with the same period in `x`: (start sample, cycles,
/// frequency in Hz) of each run longer than 20 cycles.
fn tones(x: &[i16], rate: u32) -> Vec<(f64, usize, f64)> {
    let cross: Vec<f64> = (0..x.len() - 1)
        .filter(|&i| x[i] < 0 && x[i + 1] >= 0)
        .map(|i| i as f64 + f64::from(-x[i]) / f64::from(x[i + 1] - x[i]))
        .collect();
    let mut runs: Vec<Vec<f64>> = vec![vec![cross[0]]];
    for w in cross.windows(2) {
        let cur = runs.last_mut().unwrap();
        if cur.len() > 1 && ((w[1] - w[0]) - (cur[cur.len() - 1] - cur[cur.len() - 2])).abs() > 3.0
        {
            runs.push(vec![w[0]]);
        }
        runs.last_mut().unwrap().push(w[1]);
    }
    runs.iter()
        .filter(|r| r.len() > 20)
        .map(|r| {
            let span = (r[r.len() - 1] - r[0]) / f64::from(rate);
            (r[0], r.len(), (r.len() - 1) as f64 / span)
        })
        .collect()
}

#[test]
fn a_public_music_program_plays_its_notes() {
    let Some(dir) = std::env::var_os("TRS80_VINTAGE_CAS") else {
        println!("SKIPPED: TRS80_VINTAGE_CAS is not set (a folder holding opus1msg.cmd)");
        return;
    };
    let path = PathBuf::from(dir).join("opus1msg.cmd");
    let Ok(bytes) = std::fs::read(&path) else {
        println!("SKIPPED: no {}", path.display());
        return;
    };
    let image = trs80_machine::cmd::parse(&bytes).expect("a /CMD file");
    let block = &image.blocks[0];
    if block.addr != 0x4A00 || !bytes.windows(6).any(|w| w == b"OPUS-I") {
        println!(
            "SKIPPED: {} is not the OPUS-I this test knows",
            path.display()
        );
        return;
    }
    // The player reads (cycles, B) pairs from 4A36H up to a zero count; each cycle is two
    // half-waves of LD B,(IX+1) / LD A,n / OUT (FFH),A / DJNZ $ and then DEC C / JP NZ:
    // 78 + 26 B T-states.
    let mut notes = Vec::new();
    let mut at = 0x36;
    while block.data[at] != 0 {
        let (cycles, b) = (block.data[at] as usize, f64::from(block.data[at + 1]));
        notes.push((cycles, 1_774_080.0 / (78.0 + 26.0 * b)));
        at += 2;
    }
    assert_eq!(notes.len(), 14);
    let wav = tmp("opus.wav");
    ok(&run(&[
        "--frontend",
        "headless",
        "--run-for",
        "6",
        "--sound-out",
        wav.to_str().unwrap(),
        path.to_str().unwrap(),
    ]));
    let (rate, samples) = read_wav(&std::fs::read(&wav).unwrap());
    let found = tones(&samples, rate);
    assert_eq!(found.len(), notes.len(), "notes in the WAV: {found:?}");
    let mut next_start = found[0].0;
    for (i, (&(start, cycles, f), &(want_cycles, want_f))) in found.iter().zip(&notes).enumerate() {
        println!(
            "note {}: {f:.1} Hz, {cycles} cycles (program: {want_f:.1} Hz, {want_cycles})",
            i + 1
        );
        assert!(
            (f - want_f).abs() < want_f * 0.002,
            "note {}: {f} Hz, expected {want_f}",
            i + 1
        );
        // The first cycle of the tune may start in the resampler's ripple before it.
        assert!(
            cycles.abs_diff(want_cycles) <= 1,
            "note {}: {cycles} cycles",
            i + 1
        );
        // Each note starts where the last one ended (the player's short pause apart).
        assert!(
            (start - next_start).abs() < 0.005 * f64::from(rate),
            "note {} late",
            i + 1
        );
        next_start = start + cycles as f64 * f64::from(rate) / f;
    }
}
