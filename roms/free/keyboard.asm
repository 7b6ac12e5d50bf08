; keyboard.asm - the keyboard driver (the keyboard DCB's default driver).
;
; The Model I keyboard is a matrix of 8 rows read at 3801H-3880H (one address
; bit per row; TRS-80 Model I Technical Reference Manual, keyboard section):
;   row 0 @ A B C D E F G   row 1 H-O   row 2 P-W   row 3 X Y Z
;   row 4 0-7   row 5 8 9 : ; , - . /
;   row 6 ENTER CLEAR BREAK up down left right space   row 7 bit 0 SHIFT
; A key is reported once per press: the rows as last seen are kept at
; 4036H-403CH; after a newly pressed key the driver waits a little while the
; contacts settle, so their bouncing is not read as more presses. SHIFT gives the lower-case codes for
; letters, the upper symbols for digits and punctuation, and the second column
; of KEYTAB (0050H) for row 6. BREAK (01H) calls RST 28H first, so a program
; that puts XOR A / RET at 400CH turns BREAK into "no key".

; Scan once. Returns A = code of a newly pressed key, or 0. Keeps BC, DE, HL.
KBDRV:  PUSH    HL
        PUSH    DE
        PUSH    BC
        LD      HL, KBROW0      ; L = row select bit
        LD      DE, KBROWS      ; (4036H-403CH: E never carries)
.row:   LD      A, (DE)         ; the loop is kept short: a whole scan must
        CPL                     ; see a key released only briefly
        LD      B, (HL)
        AND     B               ; bits down now that were up before
        JR      NZ, .new
        LD      A, B            ; forget released keys straight away
        LD      (DE), A
        INC     E
        SLA     L
        JP      P, .row         ; rows 0-6; row 7 is SHIFT
.none:  XOR     A
        JR      .out
.new:   PUSH    AF              ; the newly pressed bits
        LD      A, B            ; remember the row as seen
        LD      (DE), A
        LD      A, E            ; C = matrix index of bit 0 of this row
        SUB     LOW(KBROWS)
        ADD     A, A
        ADD     A, A
        ADD     A, A
        LD      C, A
        LD      A, (KBROW7)     ; SHIFT as it is now (before the wait: a short
        AND     1               ; press may be over after it)
        LD      B, A            ; B = 1 with SHIFT
        PUSH    BC
        LD      B, 0            ; about 1.9 ms for the contacts to settle
.wait:  DJNZ    .wait
        POP     BC
        POP     AF
.bit:   RRCA                    ; lowest pressed bit -> index in C
        JR      C, .found
        INC     C
        JR      .bit
.found: LD      A, C
        CP      48
        JR      NC, .special
        CP      32
        JR      NC, .digit      ; (row 3 has only X, Y and Z)
        ADD     A, 40H          ; '@', 'A'-'Z'
        LD      D, 20H          ; shifted: lower case
        JR      .shift
.digit: ADD     A, 30H - 32     ; '0'-';' then ','-'/'
        CP      3CH
        JR      C, .dig1
        XOR     10H
.dig1:  CP      '0'
        JR      Z, .out         ; SHIFT 0 stays 0
        LD      D, 10H          ; shifted: the symbol above
.shift: DEC     B
        JR      NZ, .out
        XOR     D
        JR      .out
.special: ADD   A, A            ; row 6: two bytes per key in KEYTAB
        ADD     A, B            ; (at 0050H: 2 x 48 - 50H = 10H)
        SUB     2 * 48 - LOW(KEYTAB)
        LD      L, A
        LD      H, HIGH(KEYTAB)
        LD      A, (HL)
        CP      01H
        JR      NZ, .out
        RST     28H             ; BREAK: the DOS / BREAK hook may change A
.out:   POP     BC
        POP     DE
        POP     HL
        OR      A
        RET
