; Floppy controller exercise, booted from track 0 of drive 0 (tests/disk_boot.rs).
;
; The first 256 bytes are the boot sector: the ROM loads it at 4200H and jumps
; to it; it loads track 0 sectors 1-9 to 4300H-4BFFH and goes on. Then, for
; each entry of DRIVES (select latch value, last track, density), it:
;   RESTOREs, SEEKs to the last track with verify, READs ADDRESS, WRITEs
;   sector 3 with a pattern, READs it back and compares;
; and on drive 1 side 0 it formats the last track with WRITE TRACK and reads
; sector 5 back. After every command it waits for INTRQ on the interrupt
; latch (37E0H bit 6), reads the status (which must clear INTRQ; if it does
; not, INTERR counts it) and appends the status to LOG; READ ADDRESS also logs
; the ID's track, compares log 0 (same) or 1 (different). Then DONE = 1, HALT.
; Type I statuses are logged without the index bit, which depends on timing.
;
; Interrupts stay off; the data loops poll DRQ and count bytes, tight enough
; for double density (one byte every 57 T-states).

LATCH   EQU 37E0H
SELECT  EQU 37E1H
FDCCMD  EQU 37ECH
FDCTRK  EQU 37EDH
FDCSEC  EQU 37EEH
FDCDAT  EQU 37EFH

DONE    EQU 4100H
INTERR  EQU 4101H
LOGP    EQU 4102H           ; next free byte of LOG
CURSEL  EQU 4104H           ; select value of the current entry
LAST    EQU 4105H           ; its last track
DD      EQU 4106H           ; 1 = double density
TBLP    EQU 4107H           ; pointer into DRIVES
LOG     EQU 4110H           ; up to 200 bytes
BUF     EQU 5000H           ; sector read here (page aligned)
PAT     EQU 5100H           ; pattern written from here (page aligned)
IDBUF   EQU 52FAH           ; 6 bytes ending at a page boundary
TRKBUF  EQU 6000H           ; WRITE TRACK stream

        ORG 4200H
; ---- boot sector: track 0 sector 0 -------------------------------------
; Model I boot sectors start 00H FEH, then the directory cylinder (NOP; CP n).
BOOT:   NOP
        CP 17
        DI
        LD SP,4100H
        LD A,1
        LD (SELECT),A
        LD HL,FDCCMD
        LD BC,FDCDAT
        LD DE,4300H
        LD A,1
.sect:  BIT 0,(HL)          ; the last command (the ROM's read) may still be busy
        JR NZ,.sect
        LD (FDCSEC),A
        PUSH AF
        LD (HL),88H
.drq:   BIT 1,(HL)
        JR Z,.drq
        LD A,(BC)
        LD (DE),A
        INC E
        JR NZ,.drq
        INC D
        POP AF
        INC A
        CP 10
        JR NZ,.sect
        JP MAIN
        DS 4300H-$,0

; ---- the rest: track 0 sectors 1-9 -------------------------------------
MAIN:   XOR A
        LD (DONE),A
        LD (INTERR),A
        LD HL,LOG
        LD (LOGP),HL
        LD HL,DRIVES
.entry: LD A,(HL)
        OR A
        JP Z,FINISH
        LD (CURSEL),A
        INC HL
        LD A,(HL)
        LD (LAST),A
        INC HL
        LD A,(HL)
        LD (DD),A
        INC HL
        LD (TBLP),HL
        CALL TESTDRV
        LD HL,(TBLP)
        JR .entry

FINISH: LD A,0A0H           ; back to single density
        LD (FDCSEC),A
        LD A,1
        LD (DONE),A
        HALT

; One drive/side: the sequence described at the top.
TESTDRV:
        LD A,(CURSEL)
        LD (SELECT),A
        LD A,(DD)           ; Radio Shack doubler: 80H double, A0H single
        OR A
        LD A,0A0H
        JR Z,.sd
        LD A,80H
.sd:    LD (FDCSEC),A
        LD A,00H            ; RESTORE, 12 ms steps
        CALL TYPE1
        LD A,(LAST)
        LD (FDCDAT),A
        LD A,14H            ; SEEK with verify
        CALL TYPE1
        CALL RDADDR
        LD A,3
        CALL MKPAT
        LD A,3
        CALL WRSEC
        LD A,3
        CALL RDSEC
        CALL CMPPAT
        LD A,(CURSEL)
        CP 02H              ; drive 1 side 0: WRITE TRACK too
        RET NZ
        CALL FORMAT
        LD A,5
        CALL RDSEC
        LD A,35H
        CALL MKFILL
        JP CMPPAT

; A = Type I command; wait for INTRQ, log the status without INDEX.
TYPE1:  LD (FDCCMD),A
        CALL WAITI
        AND 0FDH
        JP LOGA

; Wait for INTRQ, read the status (A), check INTRQ went away.
WAITI:  LD A,(LATCH)
        AND 40H
        JR Z,WAITI
        LD A,(FDCCMD)
        LD C,A
        LD A,(LATCH)
        AND 40H
        JR Z,.ok
        LD HL,INTERR
        INC (HL)
.ok:    LD A,C
        RET

; Wait for INTRQ and log the status.
ENDCMD: CALL WAITI
; Append A to LOG.
LOGA:   LD HL,(LOGP)
        LD (HL),A
        INC HL
        LD (LOGP),HL
        RET

; READ ADDRESS: six bytes to IDBUF; log the status and the ID's track.
RDADDR: LD A,0C0H
        LD (FDCCMD),A
        LD DE,IDBUF
        CALL READIN
        CALL ENDCMD
        LD A,(IDBUF)
        JP LOGA

; READ SECTOR A of the current track into BUF; log the status.
RDSEC:  LD (FDCSEC),A
        LD A,(LAST)
        LD (FDCTRK),A
        LD A,88H
        LD (FDCCMD),A
        LD DE,BUF
        CALL READIN
        JP ENDCMD

; Take bytes on DRQ into DE.. up to the next page boundary (counting in E keeps the loop
; short enough for double density).
READIN: LD HL,FDCCMD
        LD BC,FDCDAT
.drq:   BIT 1,(HL)
        JR Z,.drq
        LD A,(BC)
        LD (DE),A
        INC E
        JR NZ,.drq
        RET

; WRITE SECTOR A of the current track from PAT; log the status. A protected
; disk ends the command at once (INTRQ without DRQ).
WRSEC:  LD (FDCSEC),A
        LD A,0A8H
        LD (FDCCMD),A
        LD A,(LATCH)
        AND 40H
        JP NZ,ENDCMD
        LD HL,FDCCMD
        LD BC,FDCDAT
        LD DE,PAT
.drq:   BIT 1,(HL)
        JR Z,.drq
        LD A,(DE)
        LD (BC),A
        INC E
        JR NZ,.drq
        JP ENDCMD

; PAT[k] = k + A + select + last track.
MKPAT:  LD HL,CURSEL
        ADD A,(HL)
        LD HL,LAST
        ADD A,(HL)
        LD HL,PAT
.fill:  LD (HL),A
        INC A
        INC L
        JR NZ,.fill
        RET

; PAT[k] = A.
MKFILL: LD HL,PAT
.fill:  LD (HL),A
        INC L
        JR NZ,.fill
        RET

; Log 0 if BUF = PAT, else 1.
CMPPAT: LD HL,BUF
        LD DE,PAT
.cmp:   LD A,(DE)
        CP (HL)
        LD A,1
        JP NZ,LOGA
        INC E
        INC L
        JR NZ,.cmp
        XOR A
        JP LOGA

; WRITE TRACK on the current track: ten 256-byte sectors in 2:1 interleave,
; sector n filled with 30H + n; log the status that shows BUSY clear.
FORMAT: LD DE,TRKBUF
        LD A,0FFH
        LD B,16
        CALL FILL
        LD HL,ILEAVE
        LD C,10
.sect:  XOR A
        LD B,6
        CALL FILL
        LD A,0FEH           ; ID address mark
        CALL PUT
        LD A,(LAST)
        CALL PUT
        XOR A
        CALL PUT
        LD A,(HL)
        CALL PUT
        LD A,1              ; 256 bytes
        CALL PUT
        LD A,0F7H           ; CRC
        CALL PUT
        LD A,0FFH
        LD B,11
        CALL FILL
        XOR A
        LD B,6
        CALL FILL
        LD A,0FBH           ; data address mark
        CALL PUT
        LD A,(HL)
        ADD A,30H
        LD B,0
        CALL FILL
        LD A,0F7H
        CALL PUT
        LD A,0FFH
        LD B,12
        CALL FILL
        INC HL
        DEC C
        JR NZ,.sect
        LD A,0FFH
        LD B,0
        CALL FILL
        LD A,0F4H           ; WRITE TRACK
        LD (FDCCMD),A
        LD HL,FDCCMD
        LD BC,FDCDAT
        LD DE,TRKBUF
.wt:    LD A,(HL)           ; (a status read clears INTRQ, so watch BUSY here)
        BIT 1,A
        JR NZ,.byte
        BIT 0,A
        JR NZ,.wt
        JP LOGA
.byte:  LD A,(DE)
        LD (BC),A
        INC DE
        JR .wt

PUT:    LD (DE),A
        INC DE
        RET

FILL:   LD (DE),A
        INC DE
        DJNZ FILL
        RET

ILEAVE: DB 0,5,1,6,2,7,3,8,4,9

; Select value, last track, double density.
DRIVES: DB 01H,39,0         ; drive 0: JV1, 40 tracks (this disk)
        DB 02H,79,0         ; drive 1 side 0: JV3, 80 tracks
        DB 0AH,79,0         ; drive 1 side 1
        DB 04H,79,1         ; drive 2 side 0: DMK, double density
        DB 0CH,79,1         ; drive 2 side 1
        DB 08H,39,0         ; drive 3: write protected
        DB 0
TOP:
        END BOOT
