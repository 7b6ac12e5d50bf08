//! Prints a text file on the model TermiNet at 300 baud and writes the first form as a PNG (and all forms as OUT.pdf):
//! `cargo run -p terminet --example print_text -- IN.txt OUT.png`.

use terminet::line::{Format, Frame, Rate};
use terminet::{Config, Terminet};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 3 {
        eprintln!("usage: print_text IN.txt OUT.png");
        std::process::exit(2);
    }
    let text = match std::fs::read(&args[1]) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("print_text: cannot read {}: {e}", args[1]);
            std::process::exit(1);
        }
    };
    let cfg = Config::default();
    let mut p = Terminet::new(cfg.clone());
    let mut t = 0;
    for &b in &text {
        let mut bytes = vec![b];
        if b == b'\n' {
            bytes = b"\r\n\0\0\0\0\0\0".to_vec();
        }
        for b in bytes {
            let f = Frame {
                start: t,
                rate: Rate::new(cfg.clock_hz, 300),
                format: Format::EIGHT_N1,
                data: b,
            };
            p.receive_frame(&f);
            t = f.end();
        }
    }
    p.advance(t);
    let png = p.page_png(0).unwrap_or_default();
    if let Err(e) = std::fs::write(&args[2], png) {
        eprintln!("print_text: cannot write {}: {e}", args[2]);
        std::process::exit(1);
    }
    let pdf_path = format!("{}.pdf", args[2].trim_end_matches(".png"));
    if let Err(e) = std::fs::write(&pdf_path, p.pdf()) {
        eprintln!("print_text: cannot write {pdf_path}: {e}");
        std::process::exit(1);
    }
    println!("{:?}", p.stats());
}
