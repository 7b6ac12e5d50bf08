; entry_points.asm - every Level II address this ROM honours, checked.
;
; Machine code written for Level II calls these addresses (the Level II BASIC
; Reference Manual's ROM calls, and the lists of ROM entry points published for
; Model I programmers). main.asm places code or a jump at each; these ASSERTs
; make the build fail if any of them moves.

        ASSERT  RESET = 0000H           ; power-on / reset
        ASSERT  RST08 = 0008H
        ASSERT  WHERE = 000BH           ; POP HL / JP (HL)
        ASSERT  DISKBT = 000DH          ; disk boot
        ASSERT  RST10 = 0010H
        ASSERT  GETDEV = 0013H          ; input from the DCB at DE
        ASSERT  RST18 = 0018H
        ASSERT  PUTDEV = 001BH          ; output to the DCB at DE
        ASSERT  RST20 = 0020H
        ASSERT  CTLDEV = 0023H          ; control request to the DCB at DE
        ASSERT  RST28 = 0028H
        ASSERT  KBD = 002BH             ; scan the keyboard once
        ASSERT  RST30 = 0030H
        ASSERT  DSP = 0033H             ; display a character
        ASSERT  RST38 = 0038H
        ASSERT  PRT = 003BH             ; print a character
        ASSERT  KEYINE = 0040H          ; input a line
        ASSERT  KEY = 0049H             ; wait for a key
        ASSERT  KEYTAB = 0050H          ; the special keys' codes
        ASSERT  DELAY = 0060H           ; BC x 14.66 us
        ASSERT  NMIE = 0066H            ; the RESET button
        ASSERT  L3E = 012DH             ; ?L3 ERROR
        ASSERT  CLS = 01C9H             ; clear the screen
        ASSERT  RANDOM = 01D3H          ; reseed RND
        ASSERT  PULSEE = 01D9H          ; one pulse on tape
        ASSERT  CTOFFE = 01F8H          ; cassette motor off
        ASSERT  DEFDRVE = 0212H         ; select a cassette, motor on
        ASSERT  BLINKE = 022CH          ; blink the '*'
        ASSERT  CASINE = 0235H          ; read a byte from tape
        ASSERT  CASOUTE = 0264H         ; write a byte to tape
        ASSERT  CWRTONE = 0284H         ; motor on and leader
        ASSERT  CASLDRE = 0287H         ; write the leader
        ASSERT  CSRDONE = 0293H         ; motor on and find sync
        ASSERT  CASSYNE = 0296H         ; find the sync byte
        ASSERT  SYSTEME = 02B2H         ; SYSTEM
        ASSERT  CADRINE = 0314H         ; two tape bytes into HL
        ASSERT  ISCHAR = 0358H          ; keyboard scan through the DOS hook
        ASSERT  INLINE = 0361H           ; BASIC line input
        ASSERT  INCHR = 0384H           ; wait for a key (EDIT)
        ASSERT  KBDRVE = 03E3H          ; keyboard driver
        ASSERT  VIDDRVE = 0458H         ; video driver
        ASSERT  PRTDRVE = 058DH         ; printer driver
        ASSERT  RESETR = 06CCH          ; back to BASIC after a SYSTEM tape
        ASSERT  OVERR = 07B2H           ; ?OV ERROR
        ASSERT  CINT = 0A7FH            ; accumulator -> integer in HL
        ASSERT  MAKINT = 0A9AH          ; HL -> accumulator as an integer
        ASSERT  CSNG = 0AB1H
        ASSERT  CDBL = 0ADBH
        ASSERT  FIX = 0B26H
        ASSERT  INT = 0B37H
        ASSERT  FIN = 0E6CH             ; text -> number
        ASSERT  LINPRT = 0FAFH          ; print HL in decimal
        ASSERT  FOUT = 0FBDH            ; number -> text
        ASSERT  OMERRE = 197AH          ; ?OM ERROR
        ASSERT  SNERRE = 1997H          ; ?SN ERROR
        ASSERT  ERRORE = 19A2H          ; error number in E
        ASSERT  READYE = 1A19H          ; READY
        ASSERT  NEWE = 1B49H            ; NEW
        ASSERT  CPDEHLE = 1C90H         ; RST 18H body
        ASSERT  SYNCHKE = 1C96H         ; RST 08H body
        ASSERT  CHRGETE = 1D78H         ; RST 10H body
        ASSERT  FCERRE = 1E4AH          ; ?FC ERROR
        ASSERT  LINGETE = 1E5AH         ; decimal number -> DE
        ASSERT  GETYPEE = 25D9H         ; RST 20H body
        ASSERT  STROUTE = 28A7H         ; show a message
        ASSERT  GETINTE = 2B02H         ; integer expression -> DE
        ASSERT  CSAVEE = 2BF5H
        ASSERT  CLOADE = 2C1FH
        ASSERT  $ = 3000H, "the ROM must fill exactly 0000H-2FFFH"
