; A minimal disk boot ROM (tests/disk_boot.rs), written from the documented
; Model I boot sequence: if the floppy controller's status at 37ECH reads
; neither FFH (no Expansion Interface) nor 00H, select drive 0, RESTORE,
; read track 0 sector 0 into 4200H-42FFH by polling DRQ, and jump there.
; Otherwise halt with NODISK set.
;
; Runs as the whole ROM (ORG 0).

FDCCMD  EQU 37ECH
FDCSEC  EQU 37EEH
FDCDAT  EQU 37EFH
SELECT  EQU 37E1H
NODISK  EQU 4100H

        ORG 0
START:  DI
        LD SP,41FEH
        XOR A
        LD (NODISK),A
        LD A,(FDCCMD)
        INC A
        CP 2
        JR C,.none
        LD A,1
        LD (SELECT),A
        LD A,03H            ; RESTORE, slowest step rate
        LD (FDCCMD),A
        LD HL,FDCCMD
.busy:  BIT 0,(HL)
        JR NZ,.busy
        XOR A
        LD (FDCSEC),A
        LD A,8CH            ; READ SECTOR, IBM lengths, head-settle delay
        LD (FDCCMD),A
        LD BC,FDCDAT
        LD DE,4200H
.drq:   BIT 1,(HL)
        JR Z,.drq
        LD A,(BC)
        LD (DE),A
        INC E
        JR NZ,.drq
        JP 4200H
.none:  LD A,1
        LD (NODISK),A
        HALT

        END START
