; disk.asm - booting from a floppy disk, as a Model I with the Expansion
; Interface does at power-on (TRS-80 Model I Technical Reference Manual,
; Expansion Interface disk controller; the FD1771 data sheet for the commands).
;
; The floppy controller (FD1771) sits at 37ECH (command / status), 37EDH
; (track), 37EEH (sector), 37EFH (data); writing 37E1H selects drive 0 and runs
; the motors. Its status reads 00H or FFH when there is no controller, or no
; disk to boot. Otherwise the boot restores drive 0 to track 0, reads sector 0
; of track 0 into 4200H-42FFH and runs it from 4200H. Holding BREAK at power-on
; skips the disk and starts BASIC. If the sector does not arrive, BASIC starts.
; (main.asm includes this file twice: DISKPART 1 the boot, 2 HASDISK.)

        IF      DISKPART == 2
; NZ when a floppy controller with a disk answers (Z: status 00H or FFH).
HASDISK: LD     A, (FDCSTAT)
        INC     A
        AND     0FEH
        RET
        ENDIF

        IF      DISKPART == 1
FDCTRK  EQU     37EDH
FDCSEC  EQU     37EEH
FDCDATA EQU     37EFH
DRVSEL  EQU     37E1H
BOOTSEC EQU     4200H

; 000DH: boot the disk in drive 0, or start BASIC.
DISKBOOT: CALL  HASDISK
        JP      Z, MEMQ
        LD      SP, 407DH
        LD      HL, DRVSEL
        LD      (HL), 01H       ; drive 0, motors on
        LD      L, LOW(FDCSTAT)
        LD      (HL), 03H       ; RESTORE, slowest stepping
        LD      BC, 0           ; about a second for the head to get there
        CALL    DELAY
.busy:  BIT     0, (HL)
        JR      NZ, .busy
        LD      A, B            ; sector 0 (B = 0 after DELAY)
        LD      (FDCSEC), A
        LD      (HL), 8CH       ; READ SECTOR, with the head settling delay
        LD      DE, BOOTSEC
.byte:  LD      A, (HL)
        BIT     1, A            ; a byte waiting (DRQ)?
        JR      NZ, .data
        RRCA                    ; still busy: wait for it
        JR      C, .byte
        JP      MEMQ            ; the command ended without the sector
.data:  LD      A, (FDCDATA)
        LD      (DE), A
        INC     E
        JR      NZ, .byte
        JP      BOOTSEC
        ENDIF
