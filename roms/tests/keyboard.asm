; Keyboard matrix test program (machine tests: tests/machine_programs.rs).
;
; Runs as the whole ROM (ORG 0, no interrupts). Forever:
;  * copies each keyboard row (3801H, 3802H, ... 3880H) to ROWS+0..ROWS+7,
;    the OR of all rows (38FFH) to ROWS+8 and rows 0+1 (3803H) to ROWS+9;
;  * keeps the previous scan in PREV and, for every key that went from up to
;    down since the last scan, appends its matrix number (row*8 + bit) to
;    PRESSES and bumps NPRESS (wrapping within 256 bytes).
; A key held for several scans is counted once; a key released and pressed
; again is counted again, which is what the key queue must get right.

KBD     EQU 3800H
ROWS    EQU 4100H           ; 10 bytes: rows 0-7, 38FFH, 3803H
PREV    EQU 4110H           ; 8 bytes: last scan
NPRESS  EQU 4120H           ; number of presses seen (mod 256)
PRESSES EQU 4200H           ; 256 bytes: matrix numbers of the presses

        ORG 0
START:  DI
        LD SP,4800H
        LD HL,ROWS          ; clear ROWS, PREV, NPRESS
        LD B,21H
.clr:   LD (HL),0
        INC HL
        DJNZ .clr
SCAN:   LD DE,ROWS
        LD IX,PREV
        LD BC,0001H         ; C = row select bit, B = row number
.row:   LD H,38H
        LD L,C
        LD A,(HL)           ; read the row
        LD (DE),A
        INC DE
        LD H,A              ; H = this scan
        LD A,(IX+0)         ; A = previous scan of this row
        LD (IX+0),H
        CPL
        AND H               ; bits of keys that went down
        CALL NZ,NEWKEYS
        INC IX
        INC B
        SLA C
        JR NZ,.row
        LD A,(38FFH)
        LD (DE),A
        INC DE
        LD A,(3803H)
        LD (DE),A
        JR SCAN

; A = bits of row B that went down; append B*8 + bit for each.
NEWKEYS:
        PUSH BC
        PUSH HL
        LD L,A
        LD C,0              ; bit number
.bit:   SRL L
        JR NC,.next
        PUSH HL
        LD A,B
        ADD A,A
        ADD A,A
        ADD A,A
        ADD A,C
        LD H,HIGH(PRESSES)
        PUSH AF
        LD A,(NPRESS)
        LD L,A
        INC A
        LD (NPRESS),A
        POP AF
        LD (HL),A
        POP HL
.next:  INC C
        LD A,L
        OR A
        JR NZ,.bit
        POP HL
        POP BC
        RET
        END START
