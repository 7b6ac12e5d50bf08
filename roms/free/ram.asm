; ram.asm - names for the RAM cells our ROM shares with Level II BASIC.
;
; The addresses are the ones Level II keeps its communication region at, as the
; Radio Shack Level II BASIC Reference Manual's appendix of memory locations and
; the trs-80.com "Internals / RAM addresses" pages publish them; programs PEEK and
; POKE them, so ours must be at the same places. Only names and addresses here:
; no code. Included by main.asm before any module.

; --- hardware ---------------------------------------------------------------
VIDEO   EQU     3C00H           ; 64 x 16 characters, row-major
VIDEND  EQU     4000H
KBROW0  EQU     3801H           ; keyboard row n at 3800H + (1 << n)
KBROW6  EQU     3840H           ; ENTER CLEAR BREAK UP DOWN LEFT RIGHT SPACE
KBROW7  EQU     3880H           ; bit 0 = SHIFT
PRTPORT EQU     37E8H           ; parallel printer: read status, write data
FDCSTAT EQU     37ECH           ; disk controller status (Expansion Interface)
IRQLAT  EQU     37E0H           ; Expansion Interface interrupt latch

; --- restart vectors (3 bytes each) -----------------------------------------
RST08V  EQU     4000H
RST10V  EQU     4003H
RST18V  EQU     4006H
RST20V  EQU     4009H
RST28V  EQU     400CH           ; BREAK hook: the keyboard driver calls RST 28H
RST30V  EQU     400FH
RST38V  EQU     4012H

; --- device control blocks --------------------------------------------------
KBDCB   EQU     4015H           ; type 01, driver, 3 spare, 'K','I'
VIDDCB  EQU     401DH           ; type 07, driver, cursor, cursor flag, 'D','O'
CURSOR  EQU     4020H           ; cursor address in video RAM
CURFLG  EQU     4022H           ; 0 = cursor off, else the character under it
PRTDCB  EQU     4025H           ; type 06, driver, lines/page+1, line count, 0, 'P','R'
PRTLPP  EQU     4028H
PRTLINE EQU     4029H
KBROWS  EQU     4036H           ; 7 bytes: keyboard rows as last seen
PORTFF  EQU     403DH           ; copy of the last byte sent to port FFH

; --- BASIC's cells ------------------------------------------------------------
USRVEC  EQU     408EH           ; USR routine address
INPORT  EQU     4093H           ; IN A,(n) / RET   (n patched by INP)
OUTPORT EQU     4096H           ; OUT (n),A / RET  (n patched by OUT)
LASTKEY EQU     4099H           ; key read while a program runs (INKEY$)
ERRCODE EQU     409AH
PRTCOL  EQU     409BH           ; printer column
OUTDEV  EQU     409CH           ; 0 video, 1 printer, 80H-FFH cassette
LINEWID EQU     409DH
COMMAW  EQU     409EH
STKTOP  EQU     40A0H           ; bottom of string space
CURLIN  EQU     40A2H           ; line being run, FFFFH in direct mode
TXTTAB  EQU     40A4H           ; start of the BASIC program
CURCOL  EQU     40A6H           ; cursor column (POS)
BUFPNT  EQU     40A7H           ; -> input buffer
SEED    EQU     40AAH           ; 3 bytes, RND seed
VALTYP  EQU     40AFH           ; 2 int, 3 string, 4 single, 8 double
MEMSIZ  EQU     40B1H           ; highest byte BASIC uses
TEMPPT  EQU     40B3H           ; -> next free temporary string descriptor
TEMPST  EQU     40B5H
FRETOP  EQU     40D6H           ; string space fills down from here
ERRLIN  EQU     40EAH           ; ERL
ONERR   EQU     40F0H
VARTAB  EQU     40F9H
ARYTAB  EQU     40FBH
STREND  EQU     40FDH
DATPTR  EQU     40FFH
DEFTBL  EQU     4101H           ; 26 bytes: default type of each letter
TRONFLG EQU     411BH
FAC     EQU     411DH           ; accumulator (8 bytes; single 4121H, integer 4121H)
FACSNG  EQU     4121H
FACEXP  EQU     4124H
ARG     EQU     4127H           ; second accumulator
FBUFFR  EQU     4130H           ; number-to-text buffer
DISKVEC EQU     4152H           ; 28 x JP: Disk BASIC keywords (?L3 ERROR)
DOSHOOK EQU     41A6H           ; 21 x RET 00 00: DOS exit hooks
BUFMARK EQU     41E5H           ; ':' in front of the input buffer
BUF     EQU     41E8H           ; input line buffer (240 characters + end)
BUFLEN  EQU     240
PROGRAM EQU     42E9H           ; first program line; 42E8H is always 00H

; PRINT USING's cells (using.asm).
UF      EQU     40B5H           ; IX: +0 flags: bit 0 + first, 1 + last, 2 -
                                ; last, 3 **, 4 $, 5 commas, 6 ^^^^, 7 point;
                                ; +1 places before the point, +2 after it,
                                ; +3 B: the value is 0.ddd x 10^B (digits at
                                ; FBUFFR, '0' after the last), +7 the sign shown
                                ; (over the FOR statement's frame: PRINT USING
                                ; never runs while a FOR frame is being built)
UFMT    EQU     40D8H           ; the format's first character
ULEN    EQU     40DEH           ; its length
UDIGS   EQU     24              ; digits kept at FBUFFR
