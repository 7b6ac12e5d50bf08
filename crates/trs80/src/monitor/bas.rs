//! The monitor's `bas` command: the BASIC program in memory as a text listing
//! (see [`crate::formats::basic`] for the listing rules), printed or saved through the
//! front end's [`super::FileStore`].

use super::{help::Cmd, usage, Monitor, Reply};
use crate::loader::read_basic;
use crate::Machine;

impl Monitor {
    /// `bas` prints the listing; `bas FILE` saves it.
    pub(super) fn bas(&mut self, m: &mut Machine, args: &[String]) -> Reply {
        let name = match args {
            [] => None,
            [n] => Some(n.trim_matches('"').to_string()),
            _ => return Err(usage(Cmd::Bas)),
        };
        let program = read_basic(m).map_err(|e| format!("no BASIC program: {e}"))?;
        let text = program.to_text();
        let Some(name) = name else {
            return Ok(text.trim_end().to_string());
        };
        let files = self
            .files
            .as_mut()
            .ok_or("this front end gives the monitor no file access")?;
        files
            .write(&name, text.as_bytes())
            .map_err(|e| format!("{name}: {e}"))?;
        Ok(format!(
            "{name}: saved {} BASIC lines ({} bytes)",
            program.lines.len(),
            text.len()
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::super::FileStore;
    use super::*;
    use crate::formats::basic::{Program, DEFAULT_TXTTAB, MEMSIZ, STKTOP, TXTTAB};
    use crate::Config;
    use std::sync::{Arc, Mutex};

    type Saved = Arc<Mutex<Vec<(String, Vec<u8>)>>>;
    struct Store(Saved);
    impl FileStore for Store {
        fn read(&mut self, name: &str) -> Result<Vec<u8>, String> {
            Err(format!("{name}: not here"))
        }
        fn write(&mut self, name: &str, bytes: &[u8]) -> Result<(), String> {
            self.0
                .lock()
                .unwrap()
                .push((name.to_string(), bytes.to_vec()));
            Ok(())
        }
    }

    #[test]
    fn lists_and_saves_the_program() {
        let rom = [0x18, 0xFE].repeat(1024);
        let mut m = Machine::new(&Config {
            rom: &rom,
            ..Config::default()
        })
        .unwrap();
        let mut mon = Monitor::new();
        assert!(mon.exec(&mut m, "bas").unwrap_err().0.contains("no BASIC"));
        for (a, v) in [(TXTTAB, DEFAULT_TXTTAB), (MEMSIZ, 0xFFFF), (STKTOP, 0xFF00)] {
            m.load(a, &v.to_le_bytes());
        }
        m.cpu_mut().regs.sp = 0xFE00;
        let p = Program::from_text("10 PRINT \"HI\"\n20 GOTO 10\n").unwrap();
        crate::loader::install_basic(&mut m, &p).unwrap();
        assert_eq!(
            mon.exec(&mut m, "bas").unwrap(),
            "10 PRINT \"HI\"\n20 GOTO 10"
        );
        assert!(mon.exec(&mut m, "bas x.bas").is_err(), "no file access yet");
        let saved = Arc::new(Mutex::new(Vec::new()));
        mon.set_files(Box::new(Store(saved.clone())));
        assert!(mon
            .exec(&mut m, "bas x.bas")
            .unwrap()
            .contains("2 BASIC lines"));
        assert_eq!(
            saved.lock().unwrap()[0],
            (
                "x.bas".to_string(),
                b"10 PRINT \"HI\"\n20 GOTO 10\n".to_vec()
            )
        );
        assert!(mon.exec(&mut m, "bas a b").is_err());
    }
}
