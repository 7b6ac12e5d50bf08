; boot.asm - power-on, the MEMORY SIZE? question, and the RESET button.
;
; Power-on fills the communication region (4000H-42E8H) with what Level II
; programs expect to find there (restart vectors, device control blocks, the
; USR vector, the Disk BASIC and DOS hooks), then asks MEMORY SIZE? as Level II
; does (Level II BASIC Reference Manual, "Power-up"):
;   ENTER (or only spaces)  use all the RAM there is (found a 256-byte page
;                           at a time, as Model I memory comes in whole pages);
;   a number N              BASIC uses memory up to N-2 and leaves the rest for
;                           machine code; if N-1 is not RAM the question is asked
;                           again on the next line; a number that leaves less
;                           than BASIC needs, or anything that is not a number
;                           up to 65529, starts the question again on a clear
;                           screen.

; Communication-region contents from 4000H, written at power-on.
INITTAB: JP     SYNCHKE         ; 4000H RST 08H
        JP      CHRGETE         ; 4003H RST 10H
        JP      CPDEHLE         ; 4006H RST 18H
        JP      GETYPEE         ; 4009H RST 20H
        DB      0C9H, 0, 0      ; 400CH RST 28H: BREAK hook, plain RET
        DB      0C9H, 0, 0      ; 400FH RST 30H
        DB      0FBH, 0C9H, 0   ; 4012H RST 38H: EI / RET
        DB      01H             ; 4015H keyboard DCB
        DW      KBDRVE
        DB      0, 0, 0, 'K', 'I'
        DB      07H             ; 401DH video DCB
        DW      VIDDRVE
        DW      VIDEO           ;       cursor
        DB      0, 'D', 'O'
        DB      06H             ; 4025H printer DCB
        DW      PRTDRVE
        DB      67, 0, 0, 'P', 'R'
        DB      0C3H, 00H, 50H  ; 402DH DOS request hooks: JP 5000H / RST 0
        DB      0C7H, 0, 0
        DB      3EH, 0, 0C9H    ; 4033H LD A,0 / RET
INITLEN EQU     $ - INITTAB

; Single cells set after the rest of the region is cleared: address, length, bytes.
INITCELLS: DW   USRVEC
        DB      2
        DW      FCERRE
        DW      4090H           ; RND's constants
        DB      3, 40H, 0E6H, 4DH
        DW      INPORT          ; IN A,(n) / RET, OUT (n),A / RET
        DB      6, 0DBH, 0, 0C9H, 0D3H, 0, 0C9H
        DW      LINEWID
        DB      2, 64, 30H
        DW      CURLIN          ; direct mode, program start, column, buffer
        DB      7
        DW      0FFFFH, PROGRAM
        DB      0
        DW      BUF
        DW      TEMPPT
        DB      2
        DW      TEMPST
        DW      BUFMARK
        DB      3, ':', 0, ','
        DW      0               ; end

COLD:   LD      SP, 4380H       ; a stack in the first 1 KB of RAM
        LD      HL, INITTAB
        LD      DE, RST08V
        LD      BC, INITLEN
        LDIR
        LD      H, D            ; clear the rest of the region
        LD      L, E
        INC     DE
        LD      (HL), B         ; B = 0 after LDIR
        LD      BC, PROGRAM - 1 - KBROWS
        LDIR
        LD      HL, INITCELLS
.cell:  LD      E, (HL)
        INC     HL
        LD      D, (HL)
        INC     HL
        LD      A, D
        OR      A
        JR      Z, .hooks
        LD      C, (HL)
        INC     HL
        LD      B, 0
        LDIR
        JR      .cell
.hooks: LD      HL, DEFTBL      ; every letter single precision
        LD      B, 26
.deft:  LD      (HL), 4
        INC     HL
        DJNZ    .deft
        LD      HL, DISKVEC     ; Disk BASIC keywords: ?L3 ERROR
        LD      B, 28
.disk:  LD      (HL), 0C3H
        INC     HL
        LD      (HL), LOW(L3E)
        INC     HL
        LD      (HL), HIGH(L3E)
        INC     HL
        DJNZ    .disk
        LD      B, 21           ; DOS exit hooks: RET
.dos:   LD      (HL), 0C9H
        INC     HL
        INC     HL
        INC     HL
        DJNZ    .dos
        LD      A, (KBROW6)     ; BREAK held: BASIC without the disk
        AND     04H
        JP      Z, DISKBOOT
        ; fall into the MEMORY SIZE? question

MEMQ:   CALL    CLS
.ask:   LD      HL, MEMMSG
        CALL    PRTSTR
        CALL    INLIN
        JR      C, .ask         ; BREAK: ask again
        RST     10H
        JR      Z, .auto        ; nothing typed
        CALL    DECNUM          ; DE = the number
        JR      C, MEMQ         ; above 65529
        OR      A
        JR      NZ, MEMQ        ; something after it
        LD      H, D
        LD      L, E
        DEC     HL              ; N-1 must be RAM
        CALL    ISRAM
        JR      NZ, .ask
        DEC     HL              ; MEMSIZ = N-2
        PUSH    HL
        LD      DE, PROGRAM + 299 ; room for BASIC's own needs
        RST     18H
        POP     HL
        JR      C, MEMQ
        JR      .set
.auto:  LD      HL, (PROGRAM + 100) | 0FFH
.up:    CALL    ISRAM           ; RAM comes in whole pages: test each page's
        JR      NZ, .top        ; last byte
        INC     H
        JR      NZ, .up
.top:   DEC     H
.set:   LD      (MEMSIZ), HL
        LD      (FRETOP), HL
        LD      DE, -50         ; 50 bytes of string space
        ADD     HL, DE
        LD      (STKTOP), HL
        CALL    NEWPGM
        LD      HL, BANNER
        CALL    PRTSTR
        JP      READY

; Z if the byte at HL is RAM (it keeps what is written; its value is kept).
ISRAM:  LD      A, (HL)
        LD      B, A
        CPL
        LD      (HL), A
        CP      (HL)
        LD      (HL), B
        RET

; 0066H: the RESET button. With a disk system the disk boots again;
; otherwise back to BASIC with the program kept.
NMI:    DI
        CALL    HASDISK
        JP      NZ, RESET
        LD      A, 0FH          ; no cursor left behind
        CALL    DSP
        JP      READY

; Print the text at HL up to a 00H byte.
PRTSTR: LD      A, (HL)
        OR      A
        RET     Z
        CALL    DSP
        INC     HL
        JR      PRTSTR

MEMMSG: DB      "MEMORY SIZE? ", 0
BANNER: DB      "FREE80 BASIC - A FREE LEVEL II COMPATIBLE ROM", 0DH, 0
