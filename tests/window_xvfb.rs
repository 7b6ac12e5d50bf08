//! Window smoke test under Xvfb: start the window, type through X key events (and F5,
//! paste a file), take an X
//! screenshot of the window and check it shows exactly the emulated screen; closing the window
//! (WM_DELETE_WINDOW, sent with python3) writes the outputs; keys typed faster than one a frame
//! all arrive.
//! Needs xvfb-run, xauth, xdotool and ImageMagick's `import` (installed by `.ci/run`);
//! prints `SKIPPED:` and passes without them.

use std::path::Path;
use std::process::Command;

fn have(tool: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

fn decode_png(path: &Path) -> (usize, usize, Vec<u32>) {
    let mut dec = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
    dec.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = dec.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    let buf = &buf[..info.buffer_size()];
    let px = match info.color_type {
        png::ColorType::Rgb => buf
            .chunks(3)
            .map(|c| (c[0] as u32) << 16 | (c[1] as u32) << 8 | c[2] as u32)
            .collect(),
        png::ColorType::Rgba => buf
            .chunks(4)
            .map(|c| (c[0] as u32) << 16 | (c[1] as u32) << 8 | c[2] as u32)
            .collect(),
        png::ColorType::Grayscale => buf.iter().map(|&g| g as u32 * 0x010101).collect(),
        png::ColorType::GrayscaleAlpha => buf.chunks(2).map(|c| c[0] as u32 * 0x010101).collect(),
        other => panic!("unexpected PNG colour type {other:?}"),
    };
    (info.width as usize, info.height as usize, px)
}

#[test]
fn window_shows_the_screen_and_takes_keys_under_xvfb() {
    for tool in ["xvfb-run", "xauth", "xdotool", "import"] {
        if !have(tool) {
            println!("SKIPPED: {tool} is not installed (.ci/run installs it)");
            return;
        }
    }
    let dir = std::env::temp_dir().join(format!("trs80-win-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("paste.txt"), "PRINT 1+1\n").unwrap();
    let bin = env!("CARGO_BIN_EXE_trs80");
    let script = format!(
        r#"
cd {dir}
press() {{ for k in "$@"; do xdotool keydown $k; sleep 0.15; xdotool keyup $k; sleep 0.15; done; }}
{bin} --frontend window --scale 1 --run-for 60 --until '>BYE' --paste-file paste.txt \
      --screen-out screen.txt 2>err.txt &
P=$!
WID=$(timeout 30 xdotool search --sync --name "TRS-80 Model I" | head -1)
if [ -z "$WID" ]; then echo "no window" >&2; kill $P; exit 1; fi
sleep 1
# XTEST key events reach the window when the pointer is over it (no window manager).
xdotool mousemove --window "$WID" 40 40
# ENTER answers MEMORY SIZE? (all the memory).
press Return
sleep 1
press h i shift+apostrophe equal Return F5
sleep 2
# F12: the emulator's own screenshot (trs80-<T>.png); then X's picture of the window.
press F12
sleep 1
timeout 20 import -window "$WID" png24:x11.png
xdotool getwindowname "$WID" > title.txt
# Typing BYE ends the run (--until).
press b y e Return
wait $P
echo $? > rc.txt
"#,
        dir = dir.display()
    );
    let out = Command::new("timeout")
        .args([
            "150",
            "xvfb-run",
            "-a",
            "-s",
            "-screen 0 1024x900x24",
            "sh",
            "-c",
            &script,
        ])
        .env_remove("TRS80_ROM")
        .output()
        .expect("run xvfb-run");
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).unwrap_or_default();
    assert!(
        out.status.success() && read("rc.txt").trim() == "0",
        "xvfb-run: {}\n{}\nemulator: {}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
        read("err.txt")
    );

    // The keys arrived through the logical map: SHIFT+' is ", = is SHIFT+-.
    let screen = read("screen.txt");
    assert!(screen.contains("READY"), "{screen}");
    assert!(
        screen.contains(">HI\"=\n") || screen.contains(">HI\"= "),
        "{screen}"
    );
    // F5 pasted a statement and BASIC ran it.
    let lines: Vec<&str> = screen.lines().map(str::trim_end).collect();
    assert!(
        lines
            .windows(2)
            .any(|w| w[0] == ">PRINT 1+1" && w[1] == " 2"),
        "{screen}"
    );

    // The title shows the measured speed.
    let title = read("title.txt");
    let pct: f64 = title
        .split(" - ")
        .nth(1)
        .and_then(|s| s.split('%').next())
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or_else(|| panic!("no speed in title {title:?}"));
    assert!(pct > 20.0 && pct < 200.0, "title {title:?}");

    // The X screenshot of the window is the emulated screen, pixel for pixel.
    let (w, h, x11) = decode_png(&dir.join("x11.png"));
    let f12 = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("trs80-")
        })
        .expect("F12 wrote trs80-<T>.png");
    let (iw, ih, internal) = decode_png(&f12);
    assert_eq!((w, h), (384, 384), "window size at --scale 1");
    assert_eq!((iw, ih), (384, 384));
    let lit = x11.iter().filter(|&&p| p != 0).count();
    assert!(lit > 500, "the window shows text ({lit} lit pixels)");
    let differ = x11.iter().zip(&internal).filter(|(a, b)| a != b).count();
    assert_eq!(differ, 0, "window pixels differ from the emulated screen");
}

/// Sends WM_DELETE_WINDOW to a window, as a window manager's close button does (Xvfb runs
/// none): a ClientMessage through libX11, driven from Python's ctypes.
const CLOSE_PY: &str = r#"
import ctypes, sys
x = ctypes.cdll.LoadLibrary("libX11.so.6")
x.XOpenDisplay.restype = ctypes.c_void_p
x.XOpenDisplay.argtypes = [ctypes.c_char_p]
x.XInternAtom.restype = ctypes.c_ulong
x.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
x.XSendEvent.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_long,
                         ctypes.c_void_p]
x.XFlush.argtypes = [ctypes.c_void_p]
class ClientMessage(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong),
                ("send_event", ctypes.c_int), ("display", ctypes.c_void_p),
                ("window", ctypes.c_ulong), ("message_type", ctypes.c_ulong),
                ("format", ctypes.c_int), ("data", ctypes.c_long * 5),
                ("pad", ctypes.c_long * 12)]
d = x.XOpenDisplay(None)
ev = ClientMessage(type=33, window=int(sys.argv[1]), format=32)
ev.message_type = x.XInternAtom(d, b"WM_PROTOCOLS", 0)
ev.data[0] = x.XInternAtom(d, b"WM_DELETE_WINDOW", 0)
x.XSendEvent(d, ev.window, 0, 0, ctypes.byref(ev))
x.XFlush(d)
"#;

/// Runs `body` (shell lines) under Xvfb in a fresh scratch folder after starting the
/// emulator there in a window with `args` and finding it as `$WID`; the body ends by
/// closing the window. Returns a reader of the folder's files, or `None` (after printing
/// `SKIPPED`) without the tools.
fn closed_window_run(name: &str, args: &str, body: &str) -> Option<impl Fn(&str) -> String> {
    for tool in ["xvfb-run", "xauth", "xdotool", "python3"] {
        if !have(tool) {
            println!("SKIPPED: {tool} is not installed (.ci/run installs it)");
            return None;
        }
    }
    let dir = std::env::temp_dir().join(format!("trs80-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("close.py"), CLOSE_PY).unwrap();
    let bin = env!("CARGO_BIN_EXE_trs80");
    let script = format!(
        r#"
cd {dir}
{bin} --frontend window --scale 1 --run-for 600 {args} 2>err.txt &
P=$!
WID=$(timeout 30 xdotool search --sync --name "TRS-80 Model I" | head -1)
if [ -z "$WID" ]; then echo "no window" >&2; kill $P; exit 1; fi
{body}
python3 close.py "$WID"
wait $P
echo $? > rc.txt
"#,
        dir = dir.display()
    );
    let out = Command::new("timeout")
        .args(["150", "xvfb-run", "-a", "sh", "-c", &script])
        .env_remove("TRS80_ROM")
        .output()
        .expect("run xvfb-run");
    let read = move |f: &str| std::fs::read_to_string(dir.join(f)).unwrap_or_default();
    assert!(
        out.status.success() && read("rc.txt").trim() == "0",
        "xvfb-run: {}\nemulator: {}",
        String::from_utf8_lossy(&out.stderr),
        read("err.txt")
    );
    Some(read)
}

#[test]
fn closing_the_window_writes_the_outputs() {
    let Some(read) = closed_window_run(
        "winclose",
        r"--type '\n10 PRINT 1\n' --save-bas prog.bas --screen-out screen.txt",
        "sleep 4",
    ) else {
        return;
    };
    assert_eq!(read("prog.bas"), "10 PRINT 1\n", "{}", read("screen.txt"));
    assert!(read("screen.txt").contains(">10 PRINT 1"));
}

/// `xdotool type --delay 20` presses and releases each key within a millisecond, far inside
/// one frame: all 200 characters must reach BASIC, in order.
#[test]
fn two_hundred_quick_keys_type_exactly() {
    let pattern = "the quick brown fox (jumps) over 1+2 lazy dogs 0123456789 ";
    let body: String = pattern
        .chars()
        .cycle()
        .take(200 - "10 rem ".len())
        .collect();
    let line = format!("10 rem {body}");
    assert_eq!(line.chars().count(), 200);
    // Our ROM types about 20 characters a second: wait for all 200.
    let keys = format!(
        "sleep 1\nxdotool mousemove --window \"$WID\" 40 40\nxdotool key Return\nsleep 1\n\
         xdotool type --delay 20 '{line}'\nxdotool key Return\nsleep 14"
    );
    let Some(read) = closed_window_run(
        "winkeys",
        "--save-bas prog.bas --screen-out screen.txt",
        &keys,
    ) else {
        return;
    };
    assert_eq!(
        read("prog.bas"),
        format!("{}\n", line.to_uppercase()),
        "screen:\n{}",
        read("screen.txt")
    );
}
