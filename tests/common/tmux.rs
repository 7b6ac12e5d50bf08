//! A tmux server of its own per test, driving a program in a pseudo-terminal.

use std::process::Command;
use std::time::{Duration, Instant};

/// True when tmux can be run (the tests print `SKIPPED:` and pass without it).
pub fn have_tmux() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// A tmux server on its own socket with one session `t`; killed on drop.
pub struct Tmux {
    socket: String,
}

impl Tmux {
    /// A new server `socket` with a `cols`×`rows` session whose shell runs `command`
    /// (`TRS80_ROM` unset, so the emulator boots its built-in ROM).
    pub fn start(socket: &str, (cols, rows): (u16, u16), command: &str) -> Tmux {
        let t = Tmux {
            socket: socket.to_string(),
        };
        let (cols, rows) = (cols.to_string(), rows.to_string());
        t.cmd(&[
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            "t",
            "-x",
            &cols,
            "-y",
            &rows,
        ]);
        t.cmd(&["set-option", "-t", "t", "remain-on-exit", "on"]);
        t.text(&format!("unset TRS80_ROM; exec sh -c '{command}'"));
        t.keys(&["Enter"]);
        t
    }

    /// Runs a tmux command on this server and returns its output.
    pub fn cmd(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .expect("run tmux");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Sends key names (`Enter`, `F8`, `C-c`, …).
    pub fn keys(&self, keys: &[&str]) {
        let mut a = vec!["send-keys", "-t", "t"];
        a.extend_from_slice(keys);
        self.cmd(&a);
    }

    /// Types `s` literally.
    pub fn text(&self, s: &str) {
        self.cmd(&["send-keys", "-t", "t", "-l", s]);
    }

    /// What the pane shows now.
    pub fn screen(&self) -> String {
        self.cmd(&["capture-pane", "-p", "-t", "t"])
    }

    /// Waits (up to 30 s) until the pane shows `text`; fails naming `what` otherwise.
    pub fn wait_for(&self, text: &str, what: &str) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if s.contains(text) {
                return s;
            }
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "{what}: {text:?} not shown:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
    }
}
