; rtc_prologue.asm - the start of a whole-machine test ROM that takes the
; Expansion Interface's 40 Hz clock interrupt in IM 1.
;
; Placed at 0000H: a jump to START, then at 0038H (RST 38H) a handler that
; reads the interrupt latch at 37E0H (reading acknowledges the tick), counts
; the interrupts in the 16-bit TICKS and returns with interrupts enabled. When
; the including file defines LATCH before the INCLUDE, the value read from the
; latch is kept there too.
;
; The including file defines TICKS (and LATCH if wanted) and the label START,
; which must disable interrupts, set the stack, then IM 1 and EI.

        ORG 0
        JP START
        DS 38H-$,0
INT38:  PUSH AF
        PUSH HL
        LD A,(37E0H)        ; read = acknowledge the RTC tick
        IFDEF LATCH
        LD (LATCH),A
        ENDIF
        LD HL,(TICKS)
        INC HL
        LD (TICKS),HL
        POP HL
        POP AF
        EI
        RETI
