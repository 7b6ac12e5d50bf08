; Video RAM and 32-column mode test program (tests/machine_programs.rs).
;
; Runs as the whole ROM (ORG 0). Writes code n AND FFH to 3C00H+n for the
; whole 1 KB (every code four times), reads back what the video RAM kept for
; the codes 00H, 1FH, 41H, 61H, 80H, C5H into READBACK (6 bytes), reads port
; FFH in 64-column mode into MODE64, switches to 32-column mode with OUT
; (FFH),08H, reads port FFH again into MODE32, and halts.

VIDEO    EQU 3C00H
READBACK EQU 4100H          ; 6 bytes
MODE64   EQU 4106H
MODE32   EQU 4107H

        ORG 0
START:  DI
        LD SP,4800H
        LD HL,VIDEO
        LD BC,0400H
.fill:  LD (HL),L           ; code = low byte of the address
        INC HL
        DEC BC
        LD A,B
        OR C
        JR NZ,.fill
        LD HL,CODES
        LD DE,READBACK
        LD B,6
.rb:    LD A,(HL)           ; code; its cell is 3C00H + code
        PUSH HL
        LD L,A
        LD H,HIGH(VIDEO)
        LD A,(HL)
        LD (DE),A
        POP HL
        INC HL
        INC DE
        DJNZ .rb
        IN A,(0FFH)
        LD (MODE64),A
        LD A,08H
        OUT (0FFH),A
        IN A,(0FFH)
        LD (MODE32),A
DONE:   HALT
        JR DONE

CODES:  DB 00H, 1FH, 41H, 61H, 80H, 0C5H
        END START
