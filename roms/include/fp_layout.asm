; fp_layout.asm - the numeric core's region, 0700H-17FFH: integers, single
; and double precision in Level II's formats (owner: the numeric core).
;
; Places the fp modules and pins the published Level II entry points of this
; region with PLACE (0700H-17FFH must not overflow into 1800H).
;
; RAM cells (Level II's, from its published memory map):
;   VALTYP 40AFH  type of the accumulator: 2 int, 4 single, 8 double
;   FAC    411DH-4124H  accumulator (double 411DH-4124H, single 4121H-4124H,
;                       integer 4121H-4122H LSB first)
;   ARG    4127H-412EH  second operand (single: 412BH-412EH)
; Work cells used by the numeric core (free for other code between calls):
;   4080H-4087H  FPLEN FPSGN FPEXP(2) FPCNT FPTMP FPPTR(2)
;   4088H-408CH  FOUT: FOSGN FOK FOTAB(2) FON; FIN: FINSGN FINPT FINDIG FINEXP
;   40AAH-40ACH  RND's seed; 4090H-4092H RND's multiplier (Level II's cells;
;                the kernel must set 40H E6H 4DH and a zero seed at power-up)
;   4130H-4149H  the number text buffer, as three work mantissas WX WY WR
;                (FOUT writes its text there last)
;
; Calling conventions (all registers may change; the interpreter calls these
; by symbol):
;   SADD SSUB SMUL SDIV   FAC := FAC op ARG, single precision
;   DADD DSUB DMUL DDIV   FAC := FAC op ARG, double precision
;                         (ARG is destroyed; VALTYP is not changed)
;   CINT   0A7FH  accumulator -> integer: HL and FAC, VALTYP 2; ?OV if it
;                 does not fit (rounds toward minus infinity, like Level II)
;   MAKINT 0A9AH  HL -> accumulator as an integer
;   CSNG   0AB1H  accumulator -> single;  CDBL 0ADBH accumulator -> double
;   FIX    0B26H / INT 0B37H  integer part (toward zero / floor): an integer
;                 when it fits, otherwise the argument's type
;   LINPRT 0FAFH  print HL as an unsigned decimal number through 0033H
;   FOUT   0FBDH  accumulator -> text at 4130H (00-terminated), HL = 4130H;
;                 as PRINT shows it without the trailing space (FAC changes)
;   OVERR  07B2H  raise ?OV
;   IADD ISUB IMUL IDIV   FAC := FAC op ARG, integers at 4121H and 412BH;
;                 the result's type in VALTYP (single beyond -32768..32767;
;                 IDIV always single)
;   XCMP   A := -1, 0, 1 as FAC <, =, > ARG (same type, VALTYP)
;   XNEG XABS XSGN  unary minus, ABS, SGN on the accumulator
;   XRND   RND of the accumulator's value (0: next fraction, n: 1..n)
;   (single-precision routines also use IX and IY)
;   FIN    0E6CH  the number in the text at HL -> accumulator, HL after it
;                 (fp_fin.asm); XFIND the same starting in double (VAL)
;   XSQR XEXP XLOG XSIN XCOS XTAN XATN  the functions on the accumulator
;                 (any numeric type; the result single); XPOW: FAC ^ ARG
;                 (ARG's type in ARGTYP). fp_math.asm tells how, and lists
;                 its pieces: they fill the gaps between the pins below.
; Type tests use RST 20H (A = VALTYP - 3, flags as the interpreter's), so the
; RAM vector at 4009H must hold its power-up jump.
; Errors go through ERROR (the kernel's, 19A2H) with E = ERR value: ?OV 10,
; ?/0 20.

        INCLUDE "fp_cmp.asm"
        INCLUDE "fp_atn.asm"
        INCLUDE "fp_tan.asm"
USINGPART DEFL  23
        INCLUDE "free/using.asm"        ; PRINT USING's UTRAIL, in a gap
        PLACE   07B2H
OVERR:  LD      E,10            ; 07B2H: ?OV ERROR
        JP      ERROR
        INCLUDE "fp_arith.asm"
        INCLUDE "fp_mtab.asm"
        INCLUDE "fp_sign.asm"
USINGPART DEFL  18
        INCLUDE "free/using.asm"        ; PRINT USING's UEFORM, in a gap
USINGPART DEFL  13
        INCLUDE "free/using.asm"
        PLACE   0A7FH
CINT:   JP      XCINT           ; 0A7FH accumulator -> integer in HL
        INCLUDE "fp_mld.asm"
        PLACE   0A9AH
MAKINT: JP      XMAKINT         ; 0A9AH HL -> accumulator as an integer
TAPEPART DEFL   7
        INCLUDE "free/tape.asm"         ; (the kernel's PRINT #-1, in a gap)
        PLACE   0AB1H
CSNG:   JP      XCSNG
        INCLUDE "fp_rndn.asm"
        PLACE   0ADBH
CDBL:   JP      XCDBL
        INCLUDE "fp_poly.asm"
        INCLUDE "fp_mstk.asm"
        PLACE   0B26H
FIX:    JP      XFIX
        INCLUDE "fp_mpop.asm"
        PLACE   0B37H
INT:    JP      XINT
        INCLUDE "fp_muldiv.asm"
        INCLUDE "fp_ten.asm"
        INCLUDE "fp_math.asm"
        INCLUDE "fp_mops.asm"
        INCLUDE "fp_addn.asm"
USINGPART DEFL  24
        INCLUDE "free/using.asm"        ; PRINT USING's UPASS, in a gap
TAPEPART DEFL   10
        INCLUDE "free/tape.asm"         ; (the kernel's INPUT #-1 pieces)
TAPEPART DEFL   5
        INCLUDE "free/tape.asm"
        PLACE   0E6CH
FIN:    JP      XFIN            ; text at HL -> accumulator
        INCLUDE "fp_int.asm"
        INCLUDE "fp_rnd.asm"
        INCLUDE "fp_sin.asm"
        INCLUDE "fp_foadd.asm"
        PLACE   0FAFH
LINPRT: JP      XLINPRT         ; print HL (unsigned) through 0033H
TAPEPART DEFL   9
        INCLUDE "free/tape.asm"
        PLACE   0FBDH
FOUT:   JP      XFOUT           ; number -> text at 4130H
        INCLUDE "fp_conv.asm"
        INCLUDE "fp_single.asm"
        INCLUDE "fp_fout.asm"
        INCLUDE "fp_pow.asm"
        INCLUDE "fp_seq.asm"
        INCLUDE "fp_lenbc.asm"
