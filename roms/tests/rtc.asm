; Real-time clock interrupt test program (tests/machine_programs.rs).
;
; Runs as the whole ROM (ORG 0). Sets IM 1 and enables interrupts; the
; handler at 0038H reads the Expansion Interface latch at 37E0H (which
; acknowledges the 40 Hz tick), keeps the value read in LATCH, counts the
; interrupts in the 16-bit TICKS and returns. The main program counts loop
; passes in SPINS so the harness can see it keeps running between ticks.

LATCHREG EQU 37E0H
TICKS    EQU 4100H          ; 16-bit interrupt count
LATCH    EQU 4102H          ; the latch value read by the last interrupt
SPINS    EQU 4104H          ; 16-bit main-loop count

        ORG 0
        JP START
        DS 38H-$,0
INT38:  PUSH AF
        PUSH HL
        LD A,(LATCHREG)     ; read = acknowledge the RTC tick
        LD (LATCH),A
        LD HL,(TICKS)
        INC HL
        LD (TICKS),HL
        POP HL
        POP AF
        EI
        RETI
START:  DI
        LD SP,4800H
        LD HL,0
        LD (TICKS),HL
        LD (SPINS),HL
        XOR A
        LD (LATCH),A
        IM 1
        EI
MAIN:   LD HL,(SPINS)
        INC HL
        LD (SPINS),HL
        JR MAIN

        END START
