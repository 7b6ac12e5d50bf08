; Parallel printer port test program (tests/machine_programs.rs).
;
; Runs as the whole ROM (ORG 0). Sends MESSAGE (zero-terminated) to the
; printer at 37E8H the way the Level II driver does: wait until the status
; reads "not busy, paper, selected, no fault" (top four bits = 0011), then
; write the byte. Counts status reads in POLLS (16-bit), sets SENT to the
; number of bytes sent, then halts.

PRINTER EQU 37E8H
POLLS   EQU 4100H           ; 16-bit count of status reads
SENT    EQU 4102H           ; bytes sent

        ORG 0
START:  DI
        LD SP,4800H
        LD HL,0
        LD (POLLS),HL
        XOR A
        LD (SENT),A
        LD HL,MESSAGE
.next:  LD A,(HL)
        OR A
        JR Z,DONE
        LD C,A
.wait:  PUSH HL
        LD HL,(POLLS)
        INC HL
        LD (POLLS),HL
        POP HL
        LD A,(PRINTER)
        AND 0F0H
        CP 30H
        JR NZ,.wait
        LD A,C
        LD (PRINTER),A
        LD A,(SENT)
        INC A
        LD (SENT),A
        INC HL
        JR .next
DONE:   HALT
        JR DONE

MESSAGE: DB "HELLO, PRINTER", 0DH, 0
        END START
