; Real-time clock interrupt test program (tests/machine_programs.rs).
;
; Runs as the whole ROM (ORG 0). Sets IM 1 and enables interrupts; the
; handler at 0038H reads the Expansion Interface latch at 37E0H (which
; acknowledges the 40 Hz tick), keeps the value read in LATCH, counts the
; interrupts in the 16-bit TICKS and returns. The main program counts loop
; passes in SPINS so the harness can see it keeps running between ticks.

TICKS    EQU 4100H          ; 16-bit interrupt count
LATCH    EQU 4102H          ; the latch value read by the last interrupt
SPINS    EQU 4104H          ; 16-bit main-loop count

        INCLUDE "include/rtc_prologue.asm"
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
