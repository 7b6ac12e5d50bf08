; tape.asm - BASIC programs on tape, the work behind CSAVE, CLOAD and CLOAD?
; (Level II BASIC Reference Manual, "CSAVE" and "CLOAD"). The statements parse
; their name and call these.
;
; A program tape is the leader and sync byte, D3H three times, the name (one
; character), then the program's bytes as they lie in memory from the start of
; the program (40A4H) to the end of its 00 00 marker (40F9H). Reading stops
; after three zero bytes in a row: the last line's end and the end marker.
; The line links on tape are not trusted: they are rebuilt after loading, so a
; program saved at another address loads as well.

; Write the program with the name in A.
CSAVEP: PUSH    AF
        XOR     A
        CALL    CASON           ; cassette #1, motor on
        CALL    CASLDR          ; leader, sync
        LD      B, 3
.hdr:   LD      A, 0D3H
        CALL    CASOUT
        DJNZ    .hdr
        POP     AF
        CALL    CASOUT          ; the name
        LD      HL, (TXTTAB)
        LD      DE, (VARTAB)
.byte:  RST     18H             ; up to the end of the program
        JP      NC, CASOFF
        LD      A, (HL)
        CALL    CASOUT
        INC     HL
        JR      .byte

; Read a program. A = the name wanted (0: the first one); carry set: compare
; with memory instead of loading (CLOAD?). Returns Z if all went well (for
; CLOAD? : nothing differed). A file of another name is skipped, its name shown
; at the top right.
CLOADP: LD      C, A
        SBC     A, A
        LD      B, A            ; B = FFH: verify only
        OR      A
        CALL    Z, NEWPGM       ; loading: the old program goes first
.find:  CALL    CSRDONE         ; motor, sync, "**"
        LD      E, 3
.hdr:   CALL    CASIN
        CP      0D3H
        JR      NZ, .find
        DEC     E
        JR      NZ, .hdr
        CALL    CASIN           ; the name
        INC     C
        DEC     C
        JR      Z, .load        ; any name will do
        CP      C
        JR      Z, .load
        LD      (3C3EH), A      ; another program: show its name, go on
        JR      .find
.load:  LD      HL, (TXTTAB)
        LD      DE, 0           ; D: differences, E: zeros in a row
.byte:  CALL    CASIN
        INC     B
        DEC     B
        JR      Z, .store
        CP      (HL)
        JR      Z, .next
        INC     D
        JR      .next
.store: LD      (HL), A
.next:  INC     HL
        OR      A
        JR      Z, .zero
        LD      E, 0
        JR      .byte
.zero:  INC     E
        LD      A, E
        CP      3
        JR      NZ, .byte
        CALL    CASOFF
        LD      A, D            ; CLOAD?: the differences counted
        INC     B
        DEC     B
        JR      NZ, .done
        LD      (VARTAB), HL    ; the program ends here
        LD      (ARYTAB), HL
        LD      (STREND), HL
        CALL    RELINK
        XOR     A
.done:  OR      A
        RET

; Rebuild the line links from the lines themselves.
RELINK: LD      HL, (TXTTAB)
.line:  LD      A, (HL)         ; a link of 0000H ends the program
        INC     HL
        OR      (HL)
        RET     Z
        LD      D, H            ; DE = the link's second byte
        LD      E, L
        INC     HL              ; skip the line number
        INC     HL
.text:  INC     HL
        LD      A, (HL)
        OR      A
        JR      NZ, .text
        INC     HL              ; HL = the next line
        EX      DE, HL
        LD      (HL), D
        DEC     HL
        LD      (HL), E
        EX      DE, HL
        JR      .line

