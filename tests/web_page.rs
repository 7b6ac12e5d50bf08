//! The web page (issue 22) in headless Chromium: `trs80 web` serves `web/dist` on 127.0.0.1,
//! chromedriver (also on 127.0.0.1) drives the page with real key events. The server is
//! stopped once the page has loaded, so everything after that runs with no network.
//!
//! 0. A link whose fragment carries a BASIC listing boots and RUNs it (screen and paper).
//! 1. Boot to `MEMORY SIZE?` on our ROM, ENTER, type a program, RUN; the page's screen text
//!    must be identical to the headless desktop run of the same input (`--screen-out -`).
//! 2. Open a `.bas` file through the page's file picker: it loads and RUNs.
//! 3. LPRINT: the text must appear on the TermiNet paper beside the screen; a `.bas` file
//!    dropped on the screen loads and RUNs; text given to the page's typing box is typed.
//! 4. ROM from disk: a wrong image is refused with the machine running on; a good one boots
//!    and is kept in the browser's local storage.
//!
//! Needs `web/dist` (`bash web/build.sh`), chromium and chromedriver (`.ci/run` installs
//! and builds them); prints `SKIPPED: …` and passes without them. With `WEB_MEASURE=1` it
//! also prints the page's speed and the browser's CPU use at real speed, and turbo's speed;
//! `WEB_SCREENSHOT=FILE.png` saves the page after step 0 (the README's picture).

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::webdriver::{find_browser, percent_encode, Browser, Killed};

const PROGRAM: &[&str] = &[
    "10 FOR I=1 TO 6",
    "20 PRINT I,I*I,\"(\"+STR$(I*3)+\")\";",
    "30 IF I/2=INT(I/2) THEN PRINT \" EVEN\" ELSE PRINT \" ODD\"",
    "40 NEXT I:PRINT \"A$=\";\"@#%&*<>?\"",
];

/// The program a link carries (and the README's screenshot shows).
const LINKED: &str = "10 CLS:PRINT \"FREE80 BASIC IN A WEB BROWSER - THE SAME Z80 CORE\"
20 FOR X=0 TO 127:SET(X,4):NEXT
40 PRINT
50 FOR I=1 TO 8:PRINT TAB(6);I;\"SQUARED IS\";I*I,\"(\";STR$(I/4);\" )\"
60 LPRINT I;\"SQUARED IS\";I*I:NEXT
70 PRINT:PRINT TAB(6);\"PRINTED ON THE TERMINET, TOO.\"
";

fn dist() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("web/dist")
}

#[test]
fn the_page_runs_basic_like_the_desktop_opens_files_and_prints() {
    let (browser, driver) = match find_browser() {
        Ok(found) => found,
        Err(why) => {
            println!("SKIPPED: {why}");
            return;
        }
    };
    if !dist().join("trs80.wasm").is_file() {
        println!("SKIPPED: web/dist is not built (bash web/build.sh)");
        return;
    }
    let scratch = std::env::temp_dir().join(format!("trs80-web-page-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch).unwrap();

    // The server, on a port the system picks.
    let mut server = Killed(
        Command::new(env!("CARGO_BIN_EXE_trs80"))
            .args(["web", "--port", "0", "--dir"])
            .arg(dist())
            .stdout(Stdio::piped())
            .spawn()
            .expect("trs80 web"),
    );
    let mut first = String::new();
    BufReader::new(server.0.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let url = first
        .split_whitespace()
        .find(|w| w.starts_with("http://127.0.0.1:"))
        .unwrap_or_else(|| panic!("no address in {first:?}"))
        .to_string();

    let b = Browser::start(&browser, &driver, &scratch);

    // 0. A link carrying a listing boots and RUNs it (turbo, so the printer is quick).
    b.go(&format!("{url}#bas={}", percent_encode(LINKED)));
    b.wait_for(30, "the page", "return !!window.trs80");
    b.eval("trs80.setTurbo(true)");
    b.wait_for(
        60,
        "the linked program's end",
        "return trs80.screenText().includes('TERMINET, TOO.') \
         && trs80.paperText().includes(' 8 SQUARED IS 64')",
    );
    b.eval("trs80.setTurbo(false)");
    if let Some(path) = std::env::var_os("WEB_SCREENSHOT") {
        std::thread::sleep(Duration::from_secs(3)); // the speed shown settles
        std::fs::write(path, b.screenshot()).expect("screenshot written");
    }

    b.go(&format!("{url}?fresh"));
    b.wait_for(
        60,
        "MEMORY SIZE?",
        "return !!window.trs80 && trs80.screenText().includes('MEMORY SIZE?')",
    );
    drop(server); // no network from here on

    // 1. Type, RUN, compare with the desktop.
    let screen = b.element("#screen");
    b.send_keys(&screen, "\u{E007}");
    b.wait_for(30, "READY", "return /\\n>_? *\\n/.test(trs80.screenText())");
    let mut typed = String::new();
    for line in PROGRAM {
        typed.push_str(line);
        typed.push('\u{E007}');
    }
    typed.push_str("RUN\u{E007}");
    b.send_keys(&screen, &typed);
    b.wait_for(
        60,
        "the program's end",
        "return trs80.screenText().includes('A$=@#%&*<>?')",
    );
    let page = settled_screen(&b);

    let mut input = String::from("\\n");
    for line in PROGRAM {
        input.push_str(line);
        input.push_str("\\n");
    }
    input.push_str("RUN\\n");
    let desktop = Command::new(env!("CARGO_BIN_EXE_trs80"))
        .args(["--frontend", "headless", "--type", &input])
        .args(["--run-for", "60", "--screen-out", "-"])
        .output()
        .expect("headless run");
    assert!(desktop.status.success());
    let desktop = String::from_utf8(desktop.stdout).unwrap();
    assert!(page.contains(" EVEN"), "{page}");
    assert_eq!(page, desktop, "page:\n{page}\ndesktop:\n{desktop}");

    // 2. Open a .bas file with the picker.
    let bas = scratch.join("hello.bas");
    std::fs::write(&bas, "10 CLS\n20 PRINT \"OPENED\";2*21\n").unwrap();
    let picker = b.element("#file");
    b.send_keys(&picker, bas.to_str().unwrap());
    b.wait_for(
        60,
        "the file's output",
        "return trs80.screenText().includes('OPENED 42')",
    );

    // 3. LPRINT to the TermiNet, shown on the paper beside the screen.
    b.send_keys(&screen, "LPRINT \"ON PAPER\";6*7\u{E007}");
    b.wait_for(
        60,
        "the paper",
        "return document.getElementById('paper').textContent.includes('ON PAPER 42')",
    );

    // 3b. A listing dropped on the screen (a drop event carrying a file, as a file manager
    // sends) loads and RUNs; text given to "Type text into the machine" (the paste path) is
    // typed.
    b.eval(
        "const dt = new DataTransfer(); \
         dt.items.add(new File(['10 CLS\\n20 PRINT \"DROPPED\";3*14\\n'], 'drop.bas')); \
         document.getElementById('screen').dispatchEvent(\
           new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));",
    );
    b.wait_for(
        60,
        "the dropped file's output",
        "return trs80.screenText().includes('DROPPED 42')",
    );
    b.eval(
        "document.getElementById('type-text').value = 'PRINT \"PASTED\";5*9\\n'; \
         document.getElementById('type-go').click();",
    );
    b.wait_for(
        30,
        "the pasted line's output",
        "return trs80.screenText().includes('PASTED 45')",
    );

    if std::env::var_os("WEB_MEASURE").is_some() {
        measure(&b, &screen);
    }

    // 4. A ROM from disk: a wrong one is refused and the machine runs on; a good one boots
    // and is kept in the browser's storage (never uploaded: the server is gone anyway).
    let shown = || {
        b.eval("return trs80.screenText()")
            .as_str()
            .unwrap()
            .to_string()
    };
    let before = shown();
    let bad = scratch.join("bad.rom");
    std::fs::write(&bad, [0u8; 100]).unwrap();
    b.send_keys(&b.element("#rom"), bad.to_str().unwrap());
    b.wait_for(
        10,
        "the refusal",
        "return document.getElementById('status').textContent.includes('unchanged')",
    );
    assert_eq!(shown(), before, "the refused ROM changed the machine");
    let good = scratch.join("own.rom");
    std::fs::write(&good, roms::get("free").expect("our ROM").image).unwrap();
    b.send_keys(&b.element("#rom"), good.to_str().unwrap());
    b.wait_for(
        30,
        "a fresh boot on the chosen ROM, kept in storage",
        "return trs80.screenText().startsWith('MEMORY SIZE?') \
         && localStorage.getItem('trs80-rom') !== null",
    );

    drop(b);
    let _ = std::fs::remove_dir_all(&scratch);
}

/// The screen once it has stopped changing (the prompt drawn).
fn settled_screen(b: &Browser) -> String {
    let read = || {
        b.eval("return trs80.screenText()")
            .as_str()
            .unwrap()
            .to_string()
    };
    let mut last = read();
    loop {
        std::thread::sleep(Duration::from_millis(500));
        let now = read();
        if now == last {
            return now;
        }
        last = now;
    }
}

/// Prints the page's measured speed and the browser's CPU use over 20 s at real speed (at
/// the READY prompt, then running a BASIC loop), and turbo's speed in the loop (numbers for
/// the README; nothing is asserted on wall time).
fn measure(b: &Browser, screen: &str) {
    let profile = b.profile().to_string_lossy().to_string();
    let cpu = || -> f64 {
        let tick = 100.0; // USER_HZ on Linux
        let mut total = 0.0;
        let mut parts = Vec::new();
        for entry in std::fs::read_dir("/proc").unwrap().flatten() {
            let p = entry.path();
            let Ok(cmd) = std::fs::read(p.join("cmdline")) else {
                continue;
            };
            if !String::from_utf8_lossy(&cmd).contains(&profile) {
                continue;
            }
            if let Ok(stat) = std::fs::read_to_string(p.join("stat")) {
                let f: Vec<&str> = stat
                    .rsplit_once(')')
                    .unwrap()
                    .1
                    .split_whitespace()
                    .collect();
                let used = (f[11].parse::<f64>().unwrap() + f[12].parse::<f64>().unwrap()) / tick;
                total += used;
                let cmd = String::from_utf8_lossy(&cmd).replace('\0', " ");
                let kind = cmd
                    .split("--type=")
                    .nth(1)
                    .and_then(|t| t.split(' ').next());
                parts.push(format!("{}={used:.2}", kind.unwrap_or("browser")));
            }
        }
        println!("MEASURE cpu seconds by process: {}", parts.join(" "));
        total
    };
    let speed = || b.eval("return document.getElementById('speed').textContent");
    let t_states = || b.eval("return trs80.tStates()").as_f64().unwrap();
    let real = |what: &str| {
        std::thread::sleep(Duration::from_secs(3));
        let (c0, w0, t0) = (cpu(), Instant::now(), t_states());
        std::thread::sleep(Duration::from_secs(20));
        let (c1, w1, t1) = (cpu(), Instant::now(), t_states());
        let wall = (w1 - w0).as_secs_f64();
        println!(
            "MEASURE real speed {what}: {:.2} % of 1.774 MHz over {wall:.1} s (page says {}), \
             browser CPU {:.2} % of one core",
            (t1 - t0) / 1_774_080.0 / wall * 100.0,
            speed(),
            (c1 - c0) / wall * 100.0
        );
    };
    real("at READY");
    b.send_keys(
        screen,
        "NEW\u{E007}10 A=A+1:IF A>999 THEN A=0\u{E007}20 GOTO 10\u{E007}RUN\u{E007}",
    );
    real("running a BASIC loop");
    b.eval("trs80.setTurbo(true)");
    std::thread::sleep(Duration::from_secs(2));
    let (c0, w0, t0) = (cpu(), Instant::now(), t_states());
    std::thread::sleep(Duration::from_secs(10));
    let (c1, w1, t1) = (cpu(), Instant::now(), t_states());
    let emulated = (t1 - t0) / 1_774_080.0;
    println!(
        "MEASURE turbo running a BASIC loop: {:.0} % of 1.774 MHz (page says {}); \
         {:.0} emulated seconds per CPU second of the browser",
        emulated / (w1 - w0).as_secs_f64() * 100.0,
        speed(),
        emulated / (c1 - c0)
    );
    b.eval("trs80.setTurbo(false)");
}
