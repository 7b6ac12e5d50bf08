//! Whole-program assembly: every directive, macros, forward references,
//! includes; bytes and symbols checked against values written here.

use z80asm::{assemble, MemLoader, Options};

const MAIN: &str = r#"; test program
SCREEN  EQU 3C00H
COUNT   EQU LAST-FIRST          ; forward reference in EQU
N       DEFL 1
N       DEFL N+1                ; redefinable: now 2
M       = N*3                   ; 6
        INCLUDE "defs.inc"      ; defines PORT and the PUT macro
        ORG 4000H
START:  LD HL,MSG
        LD B,COUNT
.loop   LD A,(HL)
        PUT                     ; macro without arguments
        INC HL
        DJNZ .loop
        JP FINISH               ; forward reference
MSG:
FIRST:  DB "Hi",0DH,'!'+1
LAST:
        DW START,FINISH,$
        DS 3,0AAH
        DS 2                    ; reserved, not written
FILL2   DEFS 1,%1010
        IF M = 6
        DB 1
        ELSE
        DB 2
        ENDIF
        IFDEF NOPE
        DB 3
        ENDIF
        IFNDEF NOPE
        DB 4
        ENDIF
        LOADI A,0x7F            ; macro with parameters
        LOADI B,$10
        ORG 4100H
FINISH  HALT                    ; label in column 1, no colon
.loop   JR .loop                ; local label of FINISH
        ASSERT FINISH = 4100H
        ASSERT START.LOOP = 4005H, "loop moved"
        END START
        DB 0FFH                 ; after END: ignored
"#;

const DEFS: &str = r#"PORT    EQU 0FFH
PUT     MACRO
        OUT (PORT),A
        ENDM
LOADI   MACRO reg,val
        LD reg,val
L\@:    NOP
        ENDM
"#;

#[test]
fn every_directive_macros_forward_refs_includes() {
    let mut files = MemLoader::new();
    files.add("dir/main.asm", MAIN).add("dir/defs.inc", DEFS);
    let out = assemble(
        "dir/main.asm",
        &files,
        &Options {
            fill: 0x00,
            include_dirs: vec![],
        },
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let mut expect = vec![
        0x21, 0x0E, 0x40, // LD HL,MSG
        0x06, 0x04, // LD B,COUNT
        0x7E, // .loop LD A,(HL)
        0xD3, 0xFF, // PUT
        0x23, // INC HL
        0x10, 0xFA, // DJNZ .loop
        0xC3, 0x00, 0x41, // JP FINISH
        b'H', b'i', 0x0D, b'"', // MSG / FIRST
        0x00, 0x40, 0x00, 0x41, 0x12, 0x40, // DW START,FINISH,$
        0xAA, 0xAA, 0xAA, // DS 3,0AAH
        0x00, 0x00, // DS 2 (gap, filled with the fill byte)
        0x0A, // FILL2
        0x01, // IF M = 6
        0x04, // IFNDEF
        0x3E, 0x7F, 0x00, // LOADI A,0x7F
        0x06, 0x10, 0x00, // LOADI B,$10
    ];
    assert_eq!(out.origin, 0x4000);
    expect.resize(0x100, 0x00);
    expect.extend_from_slice(&[0x76, 0x18, 0xFE]);
    assert_eq!(out.image, expect);
    assert_eq!(out.entry, Some(0x4000));
    let s = &out.symbols;
    let want = [
        ("SCREEN", 0x3C00),
        ("COUNT", 4),
        ("N", 2),
        ("M", 6),
        ("PORT", 0xFF),
        ("START", 0x4000),
        ("START.LOOP", 0x4005),
        ("MSG", 0x400E),
        ("FIRST", 0x400E),
        ("LAST", 0x4012),
        ("FILL2", 0x401D),
        ("FINISH", 0x4100),
        ("FINISH.LOOP", 0x4101),
        ("L_2", 0x4022),
        ("L_3", 0x4025),
    ];
    for (name, v) in want {
        assert_eq!(s.get(name), Some(v), "{name}");
    }
    assert_eq!(s.len(), want.len(), "{}", s.format());
    // Two blocks: 4000H.. (with the DS 2 hole splitting it) and 4100H.
    assert_eq!(out.blocks.len(), 3);
    assert_eq!(out.blocks[2], (0x4100, vec![0x76, 0x18, 0xFE]));
    // Listing has addresses, bytes and the source text.
    assert!(out.listing.contains("4000  21 0E 40"), "{}", out.listing);
    assert!(
        out.listing.contains("+         LD reg,val") || out.listing.contains("LD A,0x7F"),
        "{}",
        out.listing
    );
    // /CMD: load blocks then transfer to START.
    let cmd = out.to_cmd();
    assert_eq!(&cmd[..4], &[0x01, (0x1B + 2) as u8, 0x00, 0x40]);
    assert_eq!(&cmd[cmd.len() - 4..], &[0x02, 0x02, 0x00, 0x40]);
    let total: usize = out.blocks.iter().map(|b| b.1.len() + 4).sum();
    assert_eq!(cmd.len(), total + 4);
    // Symbol file round trip.
    assert_eq!(z80asm::SymbolTable::parse(&s.format()).unwrap(), *s);
}

#[test]
fn cmd_blocks_split_at_256_bytes() {
    let mut files = MemLoader::new();
    files.add("big.asm", " ORG 5200H\n DS 300,0E5H\n END\n");
    let out = assemble("big.asm", &files, &Options::default()).unwrap();
    let cmd = out.to_cmd();
    assert_eq!(&cmd[..4], &[0x01, 0x02, 0x00, 0x52]);
    assert_eq!(&cmd[260..264], &[0x01, 44 + 2, 0x00, 0x53]);
    assert_eq!(&cmd[cmd.len() - 4..], &[0x02, 0x02, 0x00, 0x52]);
    assert_eq!(cmd.len(), 4 + 256 + 4 + 44 + 4);
}

#[test]
fn include_dirs_and_image_fill() {
    let mut files = MemLoader::new();
    files.add(
        "roms/tests/t.asm",
        " INCLUDE \"include/x.inc\"\n ORG 10\n DB V\n ORG 13\n DB V+1\n",
    );
    files.add("roms/include/x.inc", "V EQU 7\n");
    let opts = Options {
        fill: 0xFF,
        include_dirs: vec!["roms".into()],
    };
    let out = assemble("roms/tests/t.asm", &files, &opts).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.origin, 10);
    assert_eq!(out.image, [7, 0xFF, 0xFF, 8]);
    assert_eq!(out.image_filled(0), [7, 0, 0, 8]);
}

#[test]
fn rept_and_align_build_tables() {
    let src = r#"        ORG 1000H
START:  DB 1
        ALIGN 8                 ; 7 bytes skipped
TABLE:  REPT 3
E\@:    DW $                    ; E\@ is a new label in each repetition
.here:  DB 0
        ENDR
        ALIGN 4,0EEH            ; filled
SQUARES:
K       DEFL 0
        REPT COUNT              ; a count defined further down
        DB K*K
K       DEFL K+1
        ENDR
        ALIGN 16,0FFH
        REPT 2
        REPT 2                  ; nested
        NOP
        ENDR
        HALT
        ENDR
        ALIGN 1                 ; no-op
        REPT 0
        DB 99                   ; never assembled
        ENDR
END:
COUNT   EQU 5
        ASSERT TABLE = 1008H
"#;
    let mut files = MemLoader::new();
    files.add("t.asm", src);
    // A plain label inside REPT is defined once per repetition: a clash.
    let errs = assemble("t.asm", &files, &Options::default()).expect_err("`.here` thrice");
    assert!(
        errs.to_string().contains("`TABLE.HERE` is already defined"),
        "{errs}"
    );

    let src = src.replace(".here:  DB 0", "        DB 0");
    let mut files = MemLoader::new();
    files.add("t.asm", &src);
    let opts = Options {
        fill: 0x00,
        include_dirs: vec![],
    };
    let out = assemble("t.asm", &files, &opts).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.origin, 0x1000);
    let img = &out.image;
    assert_eq!(&img[..8], &[0x01, 0, 0, 0, 0, 0, 0, 0], "DB 1, ALIGN 8");
    // Three repetitions of DW $ / DB 0 at 1008H, 100BH, 100EH.
    assert_eq!(
        &img[8..0x11],
        &[0x08, 0x10, 0, 0x0B, 0x10, 0, 0x0E, 0x10, 0]
    );
    let labels: Vec<u16> = (1..=3)
        .map(|n| out.symbols.get(&format!("E_{n}")).expect("E\\@ label"))
        .collect();
    assert_eq!(labels, [0x1008, 0x100B, 0x100E]);
    // 1011H: ALIGN 4 fills 1011H..1013H with EEH.
    assert_eq!(&img[0x11..0x14], &[0xEE; 3]);
    assert_eq!(out.symbols.get("SQUARES"), Some(0x1014));
    assert_eq!(&img[0x14..0x19], &[0, 1, 4, 9, 16]);
    // 1019H: ALIGN 16 fills up to 1020H with FFH.
    assert_eq!(&img[0x19..0x20], &[0xFF; 7]);
    assert_eq!(&img[0x20..0x26], &[0x00, 0x00, 0x76, 0x00, 0x00, 0x76]);
    assert_eq!(out.symbols.get("END"), Some(0x1026));
    assert_eq!(img.len(), 0x26);
}
