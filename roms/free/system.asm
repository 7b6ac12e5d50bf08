; system.asm - 02B2H SYSTEM: load a machine-code tape (Level II BASIC Reference
; Manual, "SYSTEM"). The prompt is "*? ". A name (up to 6 characters) loads the
; next file of that name; ENTER alone loads the next file. A file is 55H, six
; name characters, blocks of 3CH, length (00H = 256), address (low byte first),
; the data and a checksum (the address bytes and the data added up, mod 256),
; and 78H with the entry address. Each block blinks the '*' at the top right
; (off while it is read);
; a block whose checksum is wrong shows a C beside it. After a file the prompt
; comes back (each prompt on a new line): "/" ENTER starts the program at its entry address, "/nnnnn" at
; the decimal address nnnnn. BREAK goes back to BASIC.

; (main.asm includes this file once per piece, SYSPART: 1 the loader, 2 its
; prompt, 3 the jump to the program.)

        IF      SYSPART == 1
SYSENT  EQU     40DFH           ; entry address of the last file loaded

SYSTEM: LD      HL, SYSMSG      ; each prompt starts a new line
        CALL    PRTSTR
        CALL    INLIN           ; C = the length of the name typed (6 count)
        JP      C, READY
        INC     HL
        LD      A, (HL)
        CP      '/'
        JP      Z, SYSGO
.find:  CALL    CSRDONE         ; motor, leader, sync
        CALL    CASIN
        CP      55H
        JR      NZ, .find
        LD      D, C
        LD      HL, BUF
        LD      B, 6
.name:  CALL    CASIN
        DEC     D               ; past the characters typed?
        JP      M, .skip
        CP      (HL)
        JR      NZ, .find       ; not this file: the next one
.skip:  INC     HL
        DJNZ    .name
.block: CALL    CASIN
        CP      78H
        JR      Z, .entry
        CP      3CH
        JR      NZ, .block
        CALL    BLINK           ; the '*' blinks while a block is read
        CALL    CASIN
        LD      B, A            ; the length (0 = 256)
        CALL    CASWORD
        LD      A, L
        ADD     A, H
        LD      C, A            ; the checksum so far
.data:  CALL    CASIN
        LD      (HL), A
        INC     HL
        ADD     A, C
        LD      C, A
        DJNZ    .data
        CALL    CASIN
        CP      C
        JR      Z, .good
        LD      A, 'C'
        LD      (3C3EH), A
.good:  CALL    BLINK
        JR      .block
.entry: CALL    CASWORD
        LD      (SYSENT), HL
        CALL    CASOFF
        JR      SYSTEM
        ENDIF

        IF      SYSPART == 3
; "/" and a decimal address, or "/" alone: the last file's entry address.
SYSGO:  INC     HL
        CALL    DECNUM
        EX      DE, HL
        LD      A, H
        OR      L
        JR      NZ, .jump
        LD      HL, (SYSENT)
.jump:  JP      (HL)
        ENDIF

        IF      SYSPART == 2
SYSMSG: DB      0DH, "*? ", 0
        ENDIF
