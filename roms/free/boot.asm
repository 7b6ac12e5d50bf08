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
;
; This code runs once, so it lives in the kernel's gaps between Level II's
; pinned addresses: main.asm includes this file once per piece, setting
; BOOTPART to the piece it wants there. Piece 1 runs from power-on to READY;
; the others are routines and data it uses. The communication-region contents
; are a list of cells (CELLS1).

        IF      BOOTPART == 1
COLD:   LD      HL, RST08V      ; clear the region, then set its cells
        LD      DE, RST08V + 1
        LD      BC, PROGRAM - 1 - RST08V
        LD      (HL), L
        LDIR
        LD      HL, CELLS1      ; each cell: address (2 bytes, high byte
.cell:  LD      A, (HL)         ; first, not 0), length n (1-255), n bytes;
        OR      A               ; a byte 0 ends the list
        JR      Z, .cells
        LD      D, A
        INC     HL
        LD      E, (HL)
        INC     HL
        LD      C, (HL)
        INC     HL
        LD      B, 0
        LDIR
        JR      .cell
.cells: LD      HL, DISKVEC     ; Disk BASIC keywords: ?L3 ERROR
        LD      B, 28
.disk:  LD      (HL), 0C3H
        INC     HL
        LD      (HL), LOW(L3E)
        INC     HL
        LD      (HL), HIGH(L3E)
        INC     HL
        DJNZ    .disk
COLD3:  LD      B, 21           ; DOS exit hooks: RET
.dos:   LD      (HL), 0C9H
        INC     HL
        INC     HL
        INC     HL
        DJNZ    .dos
        LD      A, (KBROW6)     ; BREAK held: BASIC without the disk
        AND     04H
        JP      Z, DISKBOOT
MEMQ:   CALL    CLS
MEMASK: LD      HL, MEMMSG
        CALL    PRTSTR
        CALL    INLIN
        JR      C, MEMASK       ; BREAK: ask again
        RST     10H
        JR      Z, MEMAUTO      ; nothing typed
        CALL    DECNUM          ; DE = the number
        ADC     A, 0            ; above 65529 (carry) or something after it
        JR      NZ, MEMQ        ; (a typed character is below 80H)
MEMNUM: EX      DE, HL
        DEC     HL              ; N-1 must be RAM
        CALL    ISRAM
        JR      NZ, MEMASK
        DEC     HL              ; MEMSIZ = N-2
        LD      DE, PROGRAM + 299 ; room for BASIC's own needs
        RST     18H
        JR      C, MEMQ
        JR      MEMSET
MEMAUTO: LD     HL, (PROGRAM + 100) | 0FFH
.up:    CALL    ISRAM           ; RAM comes in whole pages: test each page's
        JR      NZ, .top        ; last byte
        INC     H
        JR      NZ, .up
.top:   DEC     H
MEMSET: LD      (MEMSIZ), HL    ; (NEW sets the top of the strings)
        LD      DE, -50         ; 50 bytes of string space
        ADD     HL, DE
        LD      (STKTOP), HL
        CALL    NEWPGM
        LD      HL, BANNER
        CALL    PRTSTR
        JP      READY
        ENDIF







        IF      BOOTPART == 8
; Z if the byte at HL is RAM (it keeps what is written; its value is kept).
ISRAM:  LD      A, (HL)
        LD      B, A
        CPL
        LD      (HL), A
        CP      (HL)
        LD      (HL), B
        RET
        ENDIF


        IF      BOOTPART == 9
; 0066H: the RESET button. With a disk system the disk boots again;
; otherwise back to BASIC with the program kept.
NMI:    DI
        CALL    HASDISK
        JP      Z, READY
        RST     00H             ; (RESET)
        ENDIF

        IF      BOOTPART == 10
MEMMSG: DB      "MEMORY SIZE? ", 0
        ENDIF

        IF      BOOTPART == 11
BANNER: DB      "FREE80 BASIC", 0 ; (READY starts the next line)
        ENDIF

; The communication region's cells, from 4000H.
        IF      BOOTPART == 12
; 4000H-4035H: the restart vectors, the DCBs, the DOS hooks
CELLS1: DB      HIGH(RST08V), LOW(RST08V)
        DB      54
        JP      SYNCHKE         ; 4000H RST 08H
        JP      CHRGETE         ; 4003H RST 10H
        JP      CPDEHLE         ; 4006H RST 18H
        JP      GETYPEE         ; 4009H RST 20H
        DB      0C9H, 0, 0      ; 400CH RST 28H: BREAK hook, plain RET
        DB      0C9H, 0, 0      ; 400FH RST 30H
        DB      0FBH, 0C9H, 0   ; 4012H RST 38H: EI / RET
        DB      01H             ; 4015H the keyboard DCB
        DW      KBDRVE
        DB      0, 0, 0, 'K', 'I'
        DB      07H             ; 401DH the video DCB
        DW      VIDDRVE
        DW      VIDEO           ;       cursor
        DB      0, 'D', 'O'
        DB      06H             ; 4025H the printer DCB
        DW      PRTDRVE
        DB      67, 0, 0, 'P', 'R'
        DB      0C3H, 00H, 50H  ; 402DH DOS request hooks: JP 5000H / RST 0
        DB      0C7H, 0, 0
        DB      3EH, 0, 0C9H    ; 4033H LD A,0 / RET
        DB      HIGH(USRVEC), LOW(USRVEC) ; 408EH-4098H
        DB      11
        DW      FCERRE          ; 408EH USR
        DB      40H, 0E6H, 4DH  ; 4090H RND's constants
        DB      0DBH, 0, 0C9H   ; 4093H IN A,(n) / RET
        DB      0D3H, 0, 0C9H   ; 4096H OUT (n),A / RET
        DB      HIGH(LINEWID), LOW(LINEWID) ; line width, comma columns
        DB      2, 64, 30H
        DB      HIGH(TXTTAB), LOW(TXTTAB) ; program start, column, buffer (READY
        DB      5               ; sets the direct mode's line number)
        DW      PROGRAM
        DB      0
        DW      BUF
        DB      HIGH(BUFMARK), LOW(BUFMARK)
        DB      3, ':', 0, ','
        DB      HIGH(TEMPPT), LOW(TEMPPT)
        DB      2
        DW      TEMPST
        DB      0               ; end
        ENDIF
