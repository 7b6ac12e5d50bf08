; A busy whole-machine workload for the benchmark (benches/machine.rs).
;
; Runs as the whole ROM (ORG 0) with the 40 Hz clock interrupt on (IM 1).
; Forever: fills the screen with a moving pattern (video writes), copies it to
; RAM with LDIR, sums RAM bytes with 16-bit arithmetic, scans the keyboard
; rows, and does some 8-bit ALU work and calls. The interrupt handler
; acknowledges the latch and counts ticks in TICKS.

VIDEO   EQU 3C00H
BUFFER  EQU 5000H
TICKS   EQU 4100H
SUM     EQU 4102H
PASSES  EQU 4104H

        INCLUDE "include/rtc_prologue.asm"
START:  DI
        LD SP,4800H
        LD HL,0
        LD (TICKS),HL
        LD (PASSES),HL
        IM 1
        EI
        LD C,0
MAIN:   LD HL,VIDEO         ; pattern fill
        LD B,0
.fill:  LD A,L
        ADD A,C
        AND 7FH
        OR 20H
        LD (HL),A
        INC HL
        LD (HL),A
        INC HL
        LD (HL),A
        INC HL
        LD (HL),A
        INC HL
        DJNZ .fill
        LD HL,VIDEO         ; copy the screen to RAM
        LD DE,BUFFER
        LD BC,0400H
        LDIR
        LD HL,BUFFER        ; sum it
        LD DE,0
        LD B,0
.sum:   LD A,(HL)
        ADD A,E
        LD E,A
        JR NC,.nc
        INC D
.nc:    INC HL
        DJNZ .sum
        LD (SUM),DE
        LD HL,3801H         ; scan the keyboard rows
        LD B,8
.kbd:   LD A,(HL)
        OR A
        CALL NZ,KEY
        SLA L
        DJNZ .kbd
        LD HL,(PASSES)
        INC HL
        LD (PASSES),HL
        INC C
        JR MAIN

KEY:    PUSH BC
        LD B,A
        XOR A
.bits:  RR B
        ADC A,0
        INC B
        DEC B
        JR NZ,.bits
        POP BC
        RET

        END START
