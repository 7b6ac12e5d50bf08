use super::*;
use crate::line::{Format, Frame, Rate};

const HZ: u64 = 1_774_080;
/// One 10-bit frame at 300 baud.
const CHAR_T: u64 = 59_136;

/// Sends `bytes` back to back at `baud` 8N1 from tick `t`; returns the tick after the last.
fn send(p: &mut Terminet, t: u64, baud: u32, bytes: &[u8]) -> u64 {
    let mut t = t;
    for &b in bytes {
        let f = Frame {
            start: t,
            rate: Rate::new(HZ, baud),
            format: Format::EIGHT_N1,
            data: b,
        };
        p.receive_frame(&f);
        t = f.end();
    }
    p.advance(t);
    t
}

fn printer(strict: bool) -> Terminet {
    Terminet::new(Config {
        strict,
        ..Config::default()
    })
}

/// A line ending the way a careful driver sends it: CR LF and six fills.
fn with_fills(lines: &[&str], fills: usize) -> Vec<u8> {
    let mut v = Vec::new();
    for l in lines {
        v.extend_from_slice(l.as_bytes());
        v.extend_from_slice(b"\r\n");
        v.extend(std::iter::repeat_n(0u8, fills));
    }
    v
}

const LISTING: [&str; 3] = ["10 PRINT \"HELLO\"", "20 GOTO 10", "30 END"];

#[test]
fn six_fills_after_cr_lf_lose_nothing_even_in_strict_mode() {
    let mut p = printer(true);
    send(&mut p, 1000, 300, &with_fills(&LISTING, 6));
    assert_eq!(p.text(), "10 PRINT \"HELLO\"\n20 GOTO 10\n30 END\n");
    assert_eq!(p.stats().lost, 0);
    assert_eq!(p.stats().held, 0);
}

#[test]
fn strict_mode_loses_the_start_of_lines_without_fills() {
    let mut p = printer(true);
    send(&mut p, 0, 300, &with_fills(&LISTING, 0));
    // The first character of a new line may come 300 ms = 9 character times after the last
    // one of the old line; CR and LF take two, so six characters of each later line are lost.
    // Line 3 is lost entirely, so its LF counts as a second line feed and comes too early too.
    assert_eq!(p.stats().lost, 6 + 6 + 1);
    // Lost characters do not move the print position.
    assert_eq!(p.text(), "10 PRINT \"HELLO\"\nO 10\n");
}

#[test]
fn five_fills_are_one_too_few_in_strict_mode() {
    let mut p = printer(true);
    send(&mut p, 0, 300, &with_fills(&LISTING, 5));
    assert_eq!(p.stats().lost, 2);
}

#[test]
fn forgiving_mode_loses_nothing_and_prints_late() {
    let mut p = printer(false);
    let end = send(&mut p, 0, 300, &with_fills(&LISTING, 0));
    assert_eq!(p.text(), "10 PRINT \"HELLO\"\n20 GOTO 10\n30 END\n");
    assert_eq!(p.stats().lost, 0);
    assert!(p.stats().held >= 12);
    // The last character is printed after the line has delivered it.
    assert!(p.stats().last_print.unwrap() > end, "{:?} {end}", p.stats());
}

#[test]
fn thirty_characters_a_second_plus_new_line_time() {
    let mut p = printer(true);
    let lines = ["ABCDEFGHIJ", "KLMNOPQRST"];
    send(&mut p, 0, 300, &with_fills(&lines, 6));
    let s = p.stats();
    // 9 gaps within lines (one character time each) and one new line (300 ms = 9 frames).
    let took = s.last_print.unwrap() - s.first_print.unwrap();
    assert_eq!(took, 9 * CHAR_T + 9 * CHAR_T + 9 * CHAR_T);
    assert_eq!(9 * CHAR_T, HZ * 300 / 1000);
}

#[test]
fn line_speed_switch_mismatch_prints_garbage() {
    let mut p = Terminet::new(Config {
        speed: LineSpeed::B110,
        ..Config::default()
    });
    send(&mut p, 0, 300, b"HELLO WORLD\r\n");
    assert_ne!(p.text(), "HELLO WORLD\n");
    assert!(p.stats().framing_errors > 0);
    // At the right speed (110 baud, two stop bits) it prints.
    let mut q = Terminet::new(Config {
        speed: LineSpeed::B110,
        ..Config::default()
    });
    let mut t = 0;
    for &b in b"HELLO\r\n" {
        let fmt = Format {
            stop_bits: 2,
            ..Format::EIGHT_N1
        };
        let f = Frame {
            start: t,
            rate: Rate::new(HZ, 110),
            format: fmt,
            data: b,
        };
        q.receive_frame(&f);
        t = f.end();
    }
    q.advance(t);
    assert_eq!(q.text(), "HELLO\n");
}

#[test]
fn upper_case_band_folds_lower_case() {
    let mut p = printer(false);
    send(&mut p, 0, 300, b"Hello {x}~\r\n");
    assert_eq!(p.text(), "HELLO [X]^\n");
    let mut q = Terminet::new(Config {
        band: Band::Full,
        ..Config::default()
    });
    send(&mut q, 0, 300, b"Hello {x}~\r\n");
    assert_eq!(q.text(), "Hello {x}~\n");
}

#[test]
fn seven_bit_printer_ignores_bit_7() {
    let mut p = printer(false);
    send(&mut p, 0, 300, &[b'A' | 0x80, b'B', b'\r', b'\n']);
    assert_eq!(p.text(), "AB\n");
}

#[test]
fn backspace_overprint_kept_as_a_layer() {
    let mut p = printer(true);
    // "AND", three BS, three fills, three underscores (the manual's underline example).
    send(&mut p, 0, 300, b"AND\x08\x08\x08\0\0\0___\r\n");
    assert_eq!(p.stats().lost, 0);
    assert_eq!(p.text(), "AND\r___\n");
}

#[test]
fn overprint_before_the_hammer_recovers_is_lost_in_strict_mode() {
    let mut p = printer(true);
    send(&mut p, 0, 300, b"A\x08_\r\n");
    assert_eq!(p.stats().lost, 1);
    assert_eq!(p.text(), "A\n");
    let mut q = printer(false);
    send(&mut q, 0, 300, b"A\x08_\r\n");
    assert_eq!(q.text(), "A\r_\n");
}

#[test]
fn form_feed_starts_a_new_form() {
    let mut p = printer(false);
    let mut bytes = b"PAGE ONE\r\x0c".to_vec();
    bytes.extend(std::iter::repeat_n(0u8, 80));
    bytes.extend_from_slice(b"PAGE TWO\r\n");
    send(&mut p, 0, 300, &bytes);
    assert_eq!(p.text(), "PAGE ONE\n\x0cPAGE TWO\n");
    assert_eq!(p.pages().len(), 2);
    assert_eq!(p.stats().held, 0, "80 fills cover 300 ms + 66 × 27 ms");
}

#[test]
fn line_feeds_run_onto_the_next_form() {
    let mut p = Terminet::new(Config {
        page_lines: 4,
        ..Config::default()
    });
    send(&mut p, 0, 300, b"1\r\n2\r\n3\r\n4\r\n5\r\n");
    assert_eq!(p.text(), "1\n2\n3\n4\n\x0c5\n");
    assert_eq!(p.position(), (1, 1, 0));
}

#[test]
fn past_the_last_column_prints_on_it() {
    let mut p = Terminet::new(Config {
        width: 4,
        ..Config::default()
    });
    send(&mut p, 0, 300, b"ABCDEF\r\n");
    assert_eq!(p.text(), "ABCD\r   E\r   F\n");
}

#[test]
fn bell_tab_and_escape() {
    let mut p = printer(false);
    send(&mut p, 0, 300, b"\x07A\tB\x1b3C\x1b4D\r\n");
    assert_eq!(p.stats().bells, 1);
    assert_eq!(p.text(), "ABCD\n");
    let row = &p.pages()[0].lines[0];
    assert!(row[2][0].red);
    assert!(!row[3][0].red);
}

#[test]
fn page_picture_decodes_with_text_rows_in_place() {
    let mut p = printer(false);
    let mut bytes = with_fills(&["FIRST LINE"], 6);
    bytes.extend(with_fills(&[""; 4], 2));
    bytes.extend(with_fills(&["SIXTH LINE"], 6));
    send(&mut p, 0, 300, &bytes);
    assert_eq!(p.text(), "FIRST LINE\n\n\n\n\nSIXTH LINE\n");
    let png_bytes = p.page_png(0).unwrap();
    assert!(p.page_png(1).is_none());
    let dec = png::Decoder::new(std::io::Cursor::new(png_bytes));
    let mut r = dec.read_info().unwrap();
    let mut buf = vec![0; r.output_buffer_size()];
    let info = r.next_frame(&mut buf).unwrap();
    let (w, h) = (info.width as usize, info.height as usize);
    // 14 7/8 × 11 inches at 120 dpi.
    assert_eq!((w, h), (1785, 1320));
    assert_eq!(info.color_type, png::ColorType::Rgb);
    let x0 = page::left_edge(118, w);
    let dark = |x: usize, y: usize| {
        let i = (y * w + x) * 3;
        buf[i] < 0x60 && buf[i + 1] < 0x60 && buf[i + 2] < 0x60
    };
    let ink_rows: Vec<usize> = (0..66)
        .filter(|&l| {
            (l * CELL_H..(l + 1) * CELL_H).any(|y| (x0..x0 + 118 * CELL_W).any(|x| dark(x, y)))
        })
        .collect();
    assert_eq!(ink_rows, vec![0, 5]);
    // Ten characters of "FIRST LINE" fill columns 0..10 (the space has no ink): the ink ends
    // before column 10 and starts in column 0.
    let cols: Vec<usize> = (0..118)
        .filter(|&c| (0..CELL_H).any(|y| (c * CELL_W..(c + 1) * CELL_W).any(|x| dark(x0 + x, y))))
        .collect();
    assert_eq!(cols, vec![0, 1, 2, 3, 4, 6, 7, 8, 9]);
}

#[test]
fn pdf_document_has_a_page_per_form_and_the_text() {
    let mut p = printer(false);
    send(&mut p, 0, 300, b"(HELLO) \\ WORLD\r\x0cSECOND\r\n");
    assert_eq!(p.pages().len(), 2);
    let pdf = p.pdf();
    let text = String::from_utf8(pdf.clone()).unwrap();
    assert!(text.starts_with("%PDF-1.4\n"));
    assert!(text.ends_with("%%EOF\n"));
    assert!(text.contains("/Count 2"));
    assert!(text.contains("(\\(HELLO\\) \\\\ WORLD) Tj"), "{text}");
    assert!(text.contains("(SECOND) Tj"));
    // Every cross-reference offset points at its object.
    let xref = text.rfind("xref\n").unwrap();
    for (i, line) in text[xref..]
        .lines()
        .skip(3)
        .take_while(|l| l.ends_with(" n"))
        .enumerate()
    {
        let off: usize = line[..10].parse().unwrap();
        assert!(
            text[off..].starts_with(&format!("{} 0 obj", i + 1)),
            "object {}",
            i + 1
        );
    }
}
