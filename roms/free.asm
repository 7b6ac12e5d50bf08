; free.asm - the emulator's built-in ROM for the TRS-80 Model I, stage 0.
;
; Written for this project from the published hardware facts (memory map, keyboard
; matrix, video RAM layout); it contains no code from Radio Shack's ROMs.
;
; Stage 0 boots, clears the screen, prints a banner, READY and a ">" prompt, then echoes
; what is typed: it scans the keyboard matrix itself (with debounce), ENTER starts a new
; prompt line, the left arrow (BACKSPACE) erases, CLEAR clears the screen. The 40 Hz
; real-time-clock interrupt of the Expansion Interface is acknowledged and counted.
;
; The layout is meant to grow into a Level II-compatible BASIC: the restart vectors and
; the published entry points sit at the Level II addresses and are pinned with ASSERT,
; and the RAM variables use the Level II communication-area addresses.
;
; Image: 12 KB (0000H-2FFFH), ORG 0.
;
; Entry points (Level II compatible):
;   0000H  power-on / Z80 reset
;   002BH  KBSCAN: scan the keyboard once; A = ASCII of a newly pressed key, or 0 (Z set)
;   0033H  DSPCHR: display the character in A at the cursor (0DH new line,
;          08H backspace, 1FH clear screen); all registers but AF kept
;   0038H  RST 38H: maskable interrupt (IM 1) -> through the RAM vector at 4012H
;   0049H  KBWAIT: wait for a key; A = its ASCII code
;   0066H  NMI (the Model I RESET button): restart
;
; RAM used (Level II communication-area addresses):
;   4012H-4014H  RST 38H vector (JP), set up at boot so a program can hook the interrupt
;   4020H-4021H  cursor address in video RAM
;   4036H-403CH  last debounced state of keyboard rows 0-6
;   4040H        heartbeat: counts RTC interrupts (40 Hz)
;   4041H-4042H  start of the line being typed (backspace stops there)
;   stack        grows down from 4200H (fits a 4K machine)

VIDEO   EQU     3C00H           ; 64 x 16 characters, row-major
VIDEND  EQU     4000H           ; first address after video RAM
LINELEN EQU     64
KBROW0  EQU     3801H           ; keyboard row 0; row n at 3800H + (1 << n)
KBSHIFT EQU     3880H           ; row 7: bit 0 = SHIFT
RTCLAT  EQU     37E0H           ; Expansion Interface interrupt latch (read clears RTC bit)

INTVEC  EQU     4012H           ; RAM vector for RST 38H
CURSOR  EQU     4020H           ; cursor address
KBSTATE EQU     4036H           ; 7 bytes: debounced rows 0-6
TICKS   EQU     4040H           ; RTC interrupt counter
LINESTART EQU   4041H           ; where the current input line starts
STACKTOP EQU    4200H

CURCHR  EQU     5FH             ; the cursor is shown as '_'
K_ENTER EQU     0DH
K_BS    EQU     08H             ; left arrow
K_CLEAR EQU     1FH
K_BREAK EQU     01H

; ---------------------------------------------------------------------------
; Restart vectors and fixed entry points
; ---------------------------------------------------------------------------
        ORG     0000H
RESET:  DI
        JP      INIT

        DS      0008H - $, 0
RST08:  RET                     ; RST 08H-30H: reserved for BASIC, harmless for now
        DS      0010H - $, 0
RST10:  RET
        DS      0018H - $, 0
RST18:  RET
        DS      0020H - $, 0
RST20:  RET
        DS      0028H - $, 0
RST28:  RET

        DS      002BH - $, 0
        ASSERT  $ = 002BH
KBSCANE: JP     KBSCAN          ; 002BH: scan the keyboard
        DS      0030H - $, 0
RST30:  RET
        DS      0033H - $, 0
        ASSERT  $ = 0033H
DSPCHRE: JP     DSPCHR          ; 0033H: display a character
        DS      0038H - $, 0
        ASSERT  $ = 0038H
RST38:  JP      INTVEC          ; 0038H: IM 1 interrupt through the RAM vector

        DS      0049H - $, 0
        ASSERT  $ = 0049H
KBWAITE: JP     KBWAIT          ; 0049H: wait for a key

        DS      0066H - $, 0
        ASSERT  $ = 0066H
NMI:    JP      INIT            ; 0066H: RESET button (NMI) restarts

; ---------------------------------------------------------------------------
; Boot
; ---------------------------------------------------------------------------
INIT:   DI
        LD      SP, STACKTOP
        IM      1
        LD      A, 0C3H         ; JP INTSVC at the RAM interrupt vector
        LD      (INTVEC), A
        LD      HL, INTSVC
        LD      (INTVEC + 1), HL
        XOR     A
        LD      (TICKS), A
        LD      HL, KBSTATE     ; no keys down yet
        LD      B, 7
INIT1:  LD      (HL), A
        INC     HL
        DJNZ    INIT1
        CALL    CLS
        LD      HL, BANNER
        CALL    PRINTS
        EI
        JR      PROMPT

; Main loop: echo keys, ENTER gives a new prompt line.
MAIN:   CALL    KBWAIT
        CP      K_ENTER
        JR      Z, NEWLINE
        CP      K_CLEAR
        JR      Z, CLRKEY
        CP      K_BS
        JR      Z, BACKSP
        CP      20H
        JR      C, MAIN         ; other control keys are ignored
        CALL    DSPCHR
        JR      MAIN
NEWLINE: CALL   DSPCHR
        JR      PROMPT
CLRKEY: CALL    DSPCHR
PROMPT: LD      A, '>'
        CALL    DSPCHR
        LD      HL, (CURSOR)
        LD      (LINESTART), HL
        JR      MAIN
BACKSP: LD      HL, (CURSOR)    ; only erase what was typed on this line
        LD      DE, (LINESTART)
        OR      A
        SBC     HL, DE
        JR      Z, MAIN
        LD      A, K_BS
        CALL    DSPCHR
        JR      MAIN

; PRINTS: print the zero-terminated string at HL.
PRINTS: LD      A, (HL)
        OR      A
        RET     Z
        CALL    DSPCHR
        INC     HL
        JR      PRINTS

; ---------------------------------------------------------------------------
; Interrupt service: acknowledge the RTC and count it
; ---------------------------------------------------------------------------
INTSVC: PUSH    AF
        LD      A, (RTCLAT)     ; reading the latch clears the RTC request
        LD      A, (TICKS)
        INC     A
        LD      (TICKS), A
        POP     AF
        EI
        RETI

; ---------------------------------------------------------------------------
; Display
; ---------------------------------------------------------------------------
; CLS: fill the screen with spaces and home the cursor.
CLS:    PUSH    HL
        PUSH    DE
        PUSH    BC
        LD      HL, VIDEO
        LD      DE, VIDEO + 1
        LD      BC, 1023
        LD      (HL), ' '
        LDIR
        LD      HL, VIDEO
        LD      (CURSOR), HL
        LD      (HL), CURCHR
        POP     BC
        POP     DE
        POP     HL
        RET

; DSPCHR: show A at the cursor. Keeps BC, DE, HL.
DSPCHR: PUSH    HL
        PUSH    DE
        PUSH    BC
        PUSH    AF
        LD      HL, (CURSOR)
        CP      K_ENTER
        JR      Z, DSPNL
        CP      K_CLEAR
        JR      Z, DSPCLS
        CP      K_BS
        JR      Z, DSPBS
        CP      20H
        JR      C, DSPEND       ; other control codes: nothing
        CP      60H             ; no lower case on a stock Model I: fold it
        JR      C, DSP1
        AND     0DFH
DSP1:   LD      (HL), A
        INC     HL
        JR      DSPADV
DSPNL:  LD      (HL), ' '       ; remove the cursor, go to the next line start
        LD      A, L
        AND     0C0H
        LD      L, A
        LD      DE, LINELEN
        ADD     HL, DE
        JR      DSPADV
DSPBS:  LD      (HL), ' '
        LD      DE, VIDEO
        OR      A
        SBC     HL, DE
        ADD     HL, DE
        JR      Z, DSPSET       ; already at the top-left corner
        DEC     HL
        JR      DSPSET
DSPCLS: CALL    CLS
        JR      DSPEND
DSPADV: LD      A, H            ; past the end of video RAM? scroll one line
        CP      HIGH(VIDEND)
        JR      C, DSPSET
        CALL    SCROLL
        LD      HL, VIDEND - LINELEN
DSPSET: LD      (CURSOR), HL
        LD      (HL), CURCHR
DSPEND: POP     AF
        POP     BC
        POP     DE
        POP     HL
        RET

; SCROLL: move lines 1-15 up one line and blank the last line.
SCROLL: LD      HL, VIDEO + LINELEN
        LD      DE, VIDEO
        LD      BC, 1024 - LINELEN
        LDIR
        LD      HL, VIDEND - LINELEN
        LD      B, LINELEN
SCROLL1: LD     (HL), ' '
        INC     HL
        DJNZ    SCROLL1
        RET

; ---------------------------------------------------------------------------
; Keyboard
; ---------------------------------------------------------------------------
; KBWAIT: wait until a key is pressed; A = its ASCII code.
KBWAIT: CALL    KBSCAN
        JR      Z, KBWAIT
        RET

; KBSCAN: one pass over rows 0-6. A newly pressed key is accepted only if its row
; reads the same again after a short delay (debounce). Returns A = ASCII code and NZ,
; or A = 0 and Z when no new key. Keeps BC, DE, HL.
KBSCAN: PUSH    HL
        PUSH    DE
        PUSH    BC
        LD      HL, KBROW0      ; L = row select bit
        LD      DE, KBSTATE
        LD      C, 0            ; C = key number of bit 0 of this row
KBS1:   LD      A, (HL)
        LD      B, A            ; B = row now
        LD      A, (DE)
        CPL
        AND     B               ; newly pressed bits
        JR      NZ, KBNEW
        LD      A, B            ; releases are remembered straight away
        LD      (DE), A
KBNEXT: INC     DE
        LD      A, C
        ADD     A, 8
        LD      C, A
        SLA     L
        BIT     7, L            ; rows 0-6 only (row 7 is SHIFT)
        JR      Z, KBS1
        XOR     A
        JR      KBRET
KBNEW:  PUSH    AF              ; newly pressed bits
        PUSH    BC
        CALL    DEBOUNCE
        POP     BC
        LD      A, (HL)         ; re-read the same row
        CP      B
        JR      NZ, KBBOUNCE    ; it changed: try again on the next scan
        LD      (DE), A         ; accept the row
        POP     AF              ; lowest newly pressed bit -> key number in C
KBBIT:  RRCA
        JR      C, KBFOUND
        INC     C
        JR      KBBIT
KBFOUND: LD     HL, KEYTAB
        LD      A, (KBSHIFT)
        RRCA
        JR      NC, KBUNSH
        LD      HL, KEYTABS
KBUNSH: LD      B, 0
        ADD     HL, BC
        LD      A, (HL)
        OR      A
        JR      KBRET
KBBOUNCE: POP    AF
        XOR     A
KBRET:  POP     BC
        POP     DE
        POP     HL
        RET

; DEBOUNCE: wait about 1.9 ms (256 x 13 = 3,328 T-states). Changes only B and F.
DEBOUNCE: LD    B, 0            ; 256 x 13 T + overhead
DEB1:   DJNZ    DEB1
        RET

; Key codes by matrix position (row * 8 + bit), rows 0-6, unshifted then shifted.
; 0 = no character. Row 6: ENTER, CLEAR, BREAK, up, down, left, right, space.
KEYTAB: DB      '@', 'A', 'B', 'C', 'D', 'E', 'F', 'G'
        DB      'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O'
        DB      'P', 'Q', 'R', 'S', 'T', 'U', 'V', 'W'
        DB      'X', 'Y', 'Z', 0, 0, 0, 0, 0
        DB      '0', '1', '2', '3', '4', '5', '6', '7'
        DB      '8', '9', ':', ';', ',', '-', '.', '/'
        DB      K_ENTER, K_CLEAR, K_BREAK, 5BH, 0AH, K_BS, 09H, ' '
KEYTABS: DB     '@', 'A', 'B', 'C', 'D', 'E', 'F', 'G'
        DB      'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O'
        DB      'P', 'Q', 'R', 'S', 'T', 'U', 'V', 'W'
        DB      'X', 'Y', 'Z', 0, 0, 0, 0, 0
        DB      '0', '!', '"', '#', '$', '%', '&', 27H
        DB      '(', ')', '*', '+', '<', '=', '>', '?'
        DB      K_ENTER, K_CLEAR, K_BREAK, 1BH, 1AH, 18H, 19H, ' '

BANNER: DB      "TRS-80 MODEL I - FREE ROM (STAGE 0)", K_ENTER
        DB      K_ENTER
        DB      "READY", K_ENTER, 0

; ---------------------------------------------------------------------------
; Pad to 12 KB (the Model I's 0000H-2FFFH ROM space)
; ---------------------------------------------------------------------------
        ASSERT  $ <= 3000H
        DS      3000H - $, 0FFH
        ASSERT  $ = 3000H
