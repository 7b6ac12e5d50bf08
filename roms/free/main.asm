; main.asm - our own Level II-compatible ROM for the TRS-80 Model I.
;
; Written for this project from published facts about Level II BASIC (its
; reference manual, the addresses its users' programs rely on) and from what the
; real ROM is seen to do when run; it contains no code of Radio Shack's or
; Microsoft's. It fills 0000H-2FFFH (12,288 bytes, the Model I's ROM space) and
; could be burned into EPROMs for a real machine.
;
; This file only places the modules. Level II programs call the ROM at fixed
; addresses; each such address is pinned with PLACE here (and checked again by
; entry_points.asm). Between the pins the modules fill the space; PLACE fails
; the build when the code before it runs past the pin, and counts the bytes it
; pads so the build can say how much room is left (ROM_FREE).
;
; The kernel's pieces (a module included with its BOOTPART, CASPART, LEPART,
; TAPEPART, EDITPART, SYSPART or DISKPART number) are routines and tables that
; can sit anywhere: they are placed by size to fill the gaps between the pins,
; and the rest sit at the end of the ROM, before 3000H. PRINT USING's pieces
; (USINGPART) fill gaps in every region, fp_layout.asm's included.
;
; Regions: 0000H-06FFH kernel (restarts, drivers, line input, boot, cassette);
; 0700H-17FFH numbers (fp_layout.asm); 1800H-2FFFH BASIC.

PADDING DEFL    0

; Pad with FFH (erased EPROM) up to addr, which the code must not have passed.
PLACE   MACRO   addr
        ASSERT  $ <= (addr), "the code before this pin runs past it"
PADDING DEFL    PADDING + (addr) - $
        DS      (addr) - $, 0FFH
        ENDM

; One entry of a key table for SWITCH (lineedit.asm): the key, then the
; distance forward from the distance byte to its routine.
SWKEY   MACRO   key, dest
        DB      key
        ASSERT  (dest) >= $ && (dest) - $ < 256, "SWKEY: the routine is out of reach"
        DB      (dest) - $
        ENDM

        INCLUDE "ram.asm"

        ORG     0000H
        INCLUDE "restarts.asm"          ; 0000H-0068H
TAPEPART DEFL   2
        INCLUDE "tape.asm"
BOOTPART DEFL   12
        INCLUDE "boot.asm"
        PLACE   012DH
L3E:    JP      L3ERR                   ; 012DH ?L3 ERROR (Disk BASIC vectors)
BOOTPART DEFL   1
        INCLUDE "boot.asm"
        INCLUDE "llist.asm"
        PLACE   01C9H
CLS:    LD      A, 1CH                  ; 01C9H clear the screen, 64 characters
        CALL    DSP
        LD      A, 1FH
        JP      DSP
        PLACE   01D3H
RANDOM: LD      A, R                    ; 01D3H RANDOM: seed RND from R
        LD      (SEED + 1), A
        RET
PULSEE:                                 ; 01D9H one pulse on tape
CASPART DEFL    1
        INCLUDE "cassette.asm"
        PLACE   01F8H
CTOFFE:                                 ; 01F8H motor off
CASPART DEFL    2
        INCLUDE "cassette.asm"
        INCLUDE "chrlow.asm"
        PLACE   0212H
DEFDRVE:                                ; 0212H select cassette, motor on
CASPART DEFL    3
        INCLUDE "cassette.asm"
SYSPART DEFL    3
        INCLUDE "system.asm"
EDITPART DEFL   15
        INCLUDE "edit.asm"
        PLACE   022CH
BLINKE:                                 ; 022CH blink the '*'
CASPART DEFL    4
        INCLUDE "cassette.asm"
        PLACE   0235H
CASINE:                                 ; 0235H read a byte
CASPART DEFL    5
        INCLUDE "cassette.asm"
USINGPART DEFL  26
        INCLUDE "using.asm"             ; PRINT USING: UFTR (room freed in the kernel)
EDITPART DEFL   12
        INCLUDE "edit.asm"
        PLACE   0264H
CASOUTE: JP     CASOUT                  ; 0264H write a byte
CASPART DEFL    10
        INCLUDE "cassette.asm"
BOOTPART DEFL   10
        INCLUDE "boot.asm"
        PLACE   0284H
CWRTONE: CALL   CASON                   ; 0284H motor on, then the leader
CASLDRE: JP     CASLDR                  ; 0287H write the leader
EDITPART DEFL   14
        INCLUDE "edit.asm"
        PLACE   0293H
CSRDONE: CALL   CASON                   ; 0293H motor on, then find sync
CASSYNE:                                ; 0296H find the sync byte
CASPART DEFL    6
        INCLUDE "cassette.asm"
BOOTPART DEFL   9
        INCLUDE "boot.asm"
        PLACE   02B2H
SYSTEME: JP     SYSTEM                  ; 02B2H SYSTEM
EDITPART DEFL   1
        INCLUDE "edit.asm"
        INCLUDE "dcb.asm"
        PLACE   0314H
CADRINE:                                ; 0314H two bytes into HL
CASPART DEFL    7
        INCLUDE "cassette.asm"
DISKPART DEFL   1
        INCLUDE "disk.asm"
        PLACE   0358H
ISCHAR: CALL    41C4H                   ; 0358H keyboard scan after the DOS hook
        JP      KBD
        PLACE   0361H
INLINE:                                 ; 0361H BASIC line input
LEPART  DEFL    1
        INCLUDE "lineedit.asm"
LEPART  DEFL    3
        INCLUDE "lineedit.asm"
        PLACE   0384H
INCHR:  JP      KEY                     ; 0384H wait for a key
EDITPART DEFL   13
        INCLUDE "edit.asm"
CASPART DEFL    9
        INCLUDE "cassette.asm"
TAPEPART DEFL   4
        INCLUDE "tape.asm"
BOOTPART DEFL   11
        INCLUDE "boot.asm"
        PLACE   03E3H
KBDRVE:                                 ; 03E3H keyboard driver
        INCLUDE "keyboard.asm"
BOOTPART DEFL   8
        INCLUDE "boot.asm"
        PLACE   0458H
VIDDRVE:                                ; 0458H video driver
        INCLUDE "video.asm"
CASPART DEFL    8
        INCLUDE "cassette.asm"
EDITPART DEFL   16
        INCLUDE "edit.asm"
        PLACE   058DH
PRTDRVE:                                ; 058DH printer driver
        INCLUDE "printer.asm"
SYSPART DEFL    2
        INCLUDE "system.asm"
EDITPART DEFL   11
        INCLUDE "edit.asm"
        PLACE   06CCH
RESETR: JP      READY                   ; 06CCH back to BASIC after a SYSTEM tape
TAPEPART DEFL   1
        INCLUDE "tape.asm"
DISKPART DEFL   2
        INCLUDE "disk.asm"
        PLACE   0700H
DSPCHRE EQU     DSP                     ; the numeric core's name for 0033H
PRTSTR  EQU     STROUT                  ; print the text at HL up to a 00H byte
        INCLUDE "include/fp_layout.asm" ; 0700H-17FFH (the numeric core)
TAPEPART DEFL   8
        INCLUDE "tape.asm"               ; INPUT #-1 (parts 5, 7, 9 and 10 in fp_layout.asm's gaps)
USINGPART DEFL  9
        INCLUDE "using.asm"              ; PRINT USING's UFLD, UDONE (room freed in the numeric core)
USINGPART DEFL  19
        INCLUDE "using.asm"              ; ULEFT
USINGPART DEFL  20
        INCLUDE "using.asm"              ; ULFILL, ULWIDE, ULSGN
USINGPART DEFL  21
        INCLUDE "using.asm"              ; ULINT
USINGPART DEFL  6
        INCLUDE "using.asm"              ; PRINT USING's USIGN, UDIGIT (room freed in the numeric core)
USINGPART DEFL  7
        INCLUDE "using.asm"              ; and USEND
USINGPART DEFL  15
        INCLUDE "using.asm"
USINGPART DEFL  22
        INCLUDE "using.asm"              ; UFEND
USINGPART DEFL  27
        INCLUDE "using.asm"              ; UFPT
        PLACE   1800H
        INCLUDE "interp_run.asm"
        INCLUDE "interp_io.asm"
        INCLUDE "interp_gcv3.asm"
        PLACE   197AH
OMERRE:                                 ; 197AH ?OM ERROR
B0PART  DEFL    1
        INCLUDE "basic0.asm"
        INCLUDE "interp_upcase.asm"
        INCLUDE "interp_chkstk.asm"
        PLACE   1997H
SNERRE:                                 ; 1997H ?SN ERROR
B0PART  DEFL    2
        INCLUDE "basic0.asm"
        PLACE   19A2H
ERRORE:                                 ; 19A2H error E
B0PART  DEFL    3
        INCLUDE "basic0.asm"
        INCLUDE "interp_gcvis.asm"
        PLACE   1A19H
READYE:                                 ; 1A19H READY
B0PART  DEFL    4
        INCLUDE "basic0.asm"
        INCLUDE "interp_graph.asm"
        INCLUDE "interp_msgs.asm"
        INCLUDE "interp_read.asm"
        INCLUDE "interp_small.asm"
        PLACE   1B49H
NEWE:                                   ; 1B49H NEW
B0PART  DEFL    5
        INCLUDE "basic0.asm"
        INCLUDE "interp_val.asm"
        INCLUDE "interp_next.asm"
        INCLUDE "interp_item.asm"
        INCLUDE "interp_direct.asm"
        INCLUDE "interp_poke.asm"
        PLACE   1C90H
CPDEHLE:                                ; 1C90H RST 18H body
B1PART  DEFL    1
        INCLUDE "basic1.asm"
        PLACE   1C96H
SYNCHKE:                                ; 1C96H RST 08H body
B1PART  DEFL    2
        INCLUDE "basic1.asm"
        INCLUDE "interp_auto.asm"
        INCLUDE "interp_expr.asm"
        INCLUDE "interp_firstc.asm"
        PLACE   1D78H
CHRGETE:                                ; 1D78H RST 10H body
B1PART  DEFL    3
        INCLUDE "basic1.asm"
        INCLUDE "interp_fn.asm"
        INCLUDE "interp_rel.asm"
        PLACE   1E4AH
FCERRE:                                 ; 1E4AH ?FC ERROR (the USR vector's default)
B0PART  DEFL    6
        INCLUDE "basic0.asm"
        INCLUDE "interp_linnum.asm"
        PLACE   1E5AH
LINGETE:                                ; 1E5AH decimal number at HL -> DE
B1PART  DEFL    4
        INCLUDE "basic1.asm"
        INCLUDE "interp.asm"
        INCLUDE "interp_ary.asm"
        INCLUDE "interp_stmt.asm"
        INCLUDE "interp_list.asm"
        INCLUDE "interp_var.asm"
        INCLUDE "interp_fn2.asm"
        INCLUDE "interp_for.asm"
USINGPART DEFL  4
        INCLUDE "using.asm"             ; PRINT USING: UFILL, UROUND
USINGPART DEFL  11
        INCLUDE "using.asm"             ; and UFIELD
        INCLUDE "interp_getbyte.asm"
USINGPART DEFL  14
        INCLUDE "using.asm"             ; PRINT USING: UFDIG
        PLACE   25D9H
GETYPEE:                                ; 25D9H RST 20H body
B1PART  DEFL    5
        INCLUDE "basic1.asm"
        INCLUDE "interp_num.asm"
        INCLUDE "interp_print.asm"
        INCLUDE "interp_opnd.asm"
USINGPART DEFL  12
        INCLUDE "using.asm"             ; PRINT USING: UGET, UADV, UPAIR
USINGPART DEFL  28
        INCLUDE "using.asm"             ; and UFEX
        PLACE   28A7H
STROUTE:                                ; 28A7H show a message
B1PART  DEFL    6
        INCLUDE "basic1.asm"
        INCLUDE "interp_gc.asm"
        INCLUDE "interp_sp.asm"
        INCLUDE "interp_str.asm"
        INCLUDE "interp_strng.asm"
USINGPART DEFL  17
        INCLUDE "using.asm"             ; PRINT USING: UNUM2
USINGPART DEFL  25
        INCLUDE "using.asm"             ; and USEP
        PLACE   2B02H
GETINTE: JP     LINGET                  ; 2B02H integer at HL -> DE (a number, for now)
        INCLUDE "interp_acc.asm"
        INCLUDE "interp_op.asm"
USINGPART DEFL  10
        INCLUDE "using.asm"             ; PRINT USING: UVALUE
        PLACE   2BF5H
CSAVEE: JP      CSAVEST                 ; 2BF5H CSAVE
        INCLUDE "interp_data.asm"
        INCLUDE "interp_prtz.asm"
        PLACE   2C1FH
CLOADE: JP      CLOADST                 ; 2C1FH CLOAD
SYSPART DEFL    1
        INCLUDE "system.asm"
LEPART  DEFL    2
        INCLUDE "lineedit.asm"
TAPEPART DEFL   6
        INCLUDE "tape.asm"
USINGPART DEFL  16
        INCLUDE "using.asm"             ; PRINT USING: UNUM (room freed in the kernel)
USINGPART DEFL  8
        INCLUDE "using.asm"             ; and piece 8

        INCLUDE "interp_kw.asm"
        INCLUDE "interp_err.asm"
        INCLUDE "interp_copya.asm"
        INCLUDE "interp_endchk.asm"
        PLACE   3000H
ROM_FREE EQU    PADDING
        INCLUDE "entry_points.asm"
        END
