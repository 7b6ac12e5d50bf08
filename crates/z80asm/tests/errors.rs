//! Bad source: every error of the pass is reported with file:line:column,
//! the source line and a caret under the culprit.

use z80asm::{assemble, MemLoader, Options};

fn errors_of(main: &str, extra: &[(&str, &str)]) -> z80asm::AsmErrors {
    let mut files = MemLoader::new();
    files.add("bad.asm", main);
    for (n, t) in extra {
        files.add(n, t);
    }
    assemble("bad.asm", &files, &Options::default()).expect_err("source has errors")
}

#[test]
fn all_errors_reported_with_position_and_caret() {
    let src = "\
        ORG 4000H
START:  LD A,(IX+)
        LD B,UNDEFINED
        JR FAR
        FROB A
        DB 1,2,
START:  NOP
        LD A,300
        ASSERT $ = 0
        DS 10000H,0
FAR     EQU 5000H
        INCLUDE \"sub.inc\"
        SHOW 1
        IF 1
";
    let sub = "        NOP\n        LD (HL),(HL)\n";
    let macro_src = "SHOW MACRO v\n        LD A,v+\n        ENDM\n";
    let errs = errors_of(&format!("{macro_src}{src}"), &[("sub.inc", sub)]);
    let text = errs.to_string();
    let got: Vec<(String, usize, usize)> = errs
        .0
        .iter()
        .map(|e| (e.file.clone(), e.line, e.column))
        .collect();
    let want = [
        ("bad.asm", 5, 18),  // LD A,(IX+)  : expression expected at `)`
        ("bad.asm", 6, 14),  // undefined symbol
        ("bad.asm", 7, 12),  // JR out of range
        ("bad.asm", 8, 9),   // unknown instruction
        ("bad.asm", 9, 16),  // DB missing value
        ("bad.asm", 10, 1),  // duplicate label
        ("bad.asm", 11, 14), // value does not fit
        ("bad.asm", 12, 16), // assertion failed
        ("bad.asm", 13, 1),  // DS runs past FFFFH
        ("sub.inc", 2, 12),  // LD (HL),(HL) invalid operands
        ("bad.asm", 2, 16),  // macro body error, reported at the macro line
        ("bad.asm", 17, 9),  // IF without ENDIF
    ];
    let want: Vec<(String, usize, usize)> = want
        .iter()
        .map(|&(f, l, c)| (f.to_string(), l, c))
        .collect();
    assert_eq!(got, want, "{text}");
    // The display has file:line:col, the message, the line and a caret.
    let first = errs.0[0].to_string();
    assert_eq!(
        first,
        "bad.asm:5:18: error: expected an expression, found end of line\nSTART:  LD A,(IX+)\n                 ^"
    );
    assert!(
        text.contains("bad.asm:6:14: error: undefined symbol `UNDEFINED`"),
        "{text}"
    );
    assert!(
        text.contains("unknown instruction, directive or macro `FROB`"),
        "{text}"
    );
    assert!(
        text.contains("`START` is already defined at bad.asm:5"),
        "{text}"
    );
    assert!(
        text.contains("in macro SHOW called at bad.asm:16"),
        "{text}"
    );
    assert!(text.contains("assertion failed: $ = 0"), "{text}");
    assert!(text.contains("12 errors"), "{text}");
}

#[test]
fn missing_include_and_lex_errors() {
    let errs = errors_of(" INCLUDE \"nope.inc\"\n DB 'abc\n LD A,12G\n", &[]);
    let e = &errs.0;
    assert_eq!(e.len(), 3, "{errs}");
    assert_eq!((e[0].line, e[0].column), (1, 10));
    assert!(e[0].message.contains("cannot include `nope.inc`"));
    assert_eq!((e[1].line, e[1].column), (2, 5));
    assert!(e[1].message.contains("unterminated string"));
    assert_eq!((e[2].line, e[2].column), (3, 7));
    assert!(e[2].to_string().ends_with(" LD A,12G\n      ^"), "{}", e[2]);
}

#[test]
fn runaway_recursion_is_an_error_not_a_hang() {
    let errs = errors_of("REC MACRO\n REC\n REC\n ENDM\n REC\n", &[]);
    assert!(
        errs.to_string().contains("nested too deeply")
            || errs.to_string().contains("lines in one pass"),
        "{errs}"
    );
    let errs = errors_of(" INCLUDE \"bad.asm\"\n", &[]);
    assert!(errs.to_string().contains("too deep"), "{errs}");
}

#[test]
fn pathological_nesting_is_an_error_not_a_crash() {
    let t = z80asm::SymbolTable::new();
    for line in [
        format!("LD A,{}1{}", "(".repeat(5000), ")".repeat(5000)),
        format!("LD A,{}1", "-".repeat(5000)),
        format!("LD A,{}1", "~(".repeat(3000)),
        format!("DB {}", "1,".repeat(70000)),
    ] {
        let r = std::thread::Builder::new()
            .stack_size(1 << 20)
            .spawn(move || {
                z80asm::assemble_line(&line, 0, &z80asm::SymbolTable::new()).map(|b| b.len())
            })
            .unwrap()
            .join()
            .expect("no stack overflow or panic");
        if let Err(e) = r {
            assert!(
                e.message.contains("nested too deeply") || e.message.contains("expected"),
                "{e}"
            );
        }
    }
    assert!(z80asm::assemble_line("LD A,((((1))))", 0, &t).is_ok());
}

#[test]
fn rept_and_align_errors() {
    let errs = errors_of(" REPT 2\n NOP\n ENDM\n", &[]);
    assert!(errs.to_string().contains("REPT has no ENDR"), "{errs}");
    let errs = errors_of(" ENDR\n", &[]);
    assert!(errs.to_string().contains("ENDR without REPT"), "{errs}");
    let errs = errors_of(" REPT -1\n ENDR\n ALIGN 0\n ALIGN\n ALIGN 2,1,2\n", &[]);
    let text = errs.to_string();
    assert!(text.contains("REPT count -1 is outside 0..65536"), "{text}");
    assert!(
        text.contains("ALIGN boundary 0 is outside 1..8000H"),
        "{text}"
    );
    assert_eq!(
        text.matches("ALIGN takes a boundary and an optional fill byte")
            .count(),
        2,
        "{text}"
    );
    // A runaway REPT is stopped, not a hang.
    let errs = errors_of(" REPT 65536\n REPT 65536\n NOP\n ENDR\n ENDR\n", &[]);
    assert!(errs.to_string().contains("lines in one pass"), "{errs}");
}
