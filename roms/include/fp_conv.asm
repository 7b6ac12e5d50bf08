; fp_conv.asm - conversions between integer, single and double precision,
; and INT / FIX, on the accumulator (type in VALTYP, value in FAC).
;
; Behaviour as the real Level II was observed to convert (recorded in
; tests/fp_model_level2.rs): CINT and INT round toward minus infinity, FIX
; toward zero; INT and FIX give an integer when the result fits (INT:
; -32768..32767, FIX: -32767..32767) and keep the type otherwise; CINT raises
; ?OV when it does not fit. CSNG rounds a double on the byte below the
; single's mantissa. No Level II code was read.

; VALTYP := 4 (single precision), FPLEN := 3.
SETSNG: LD      A,4
        LD      (VALTYP),A
; Set FPLEN from VALTYP (4 -> 3, 8 -> 7).
LENOF:  LD      A,(VALTYP)
        DEC     A
        LD      (FPLEN),A
        RET

; CINT (0A7FH): accumulator -> HL and integer accumulator, ?OV if too big.
; A double is made single first, as Level II does.
XCINT:  RST     20H             ; A = type - 3: M integer, C not double
        JP      M,.HL
        CALL    XCSNG
        LD      A,1
        CALL    INTPART
        JP      NC,OVERR
.HL:    LD      HL,(FACSNG)
        RET

; MAKINT (0A9AH): HL -> the accumulator as an integer.
XMAKINT: LD     (FACSNG),HL
        LD      A,2
        LD      (VALTYP),A
        RET

; INT (0B37H): floor.  FIX (0B26H): toward zero.
; Two double-precision quirks of Level II, as observed: when |x| < 32768 both
; first try the value made single (CSNG rounds) and take that when it fits an
; integer; INT
; of a negative double with exponent 90H-B7H whose six low bytes are zero
; (and which does not fit an integer) gets one added to its seventh byte.
XINT:   LD      A,1
        JR      INTFIX
XFIX:   XOR     A
INTFIX: EX      (SP),HL         ; (as long as Level II takes)
        EX      (SP),HL
        LD      B,A
        RST     20H
        RET     M
        DEC     A
        LD      A,B
        JR      Z,INTPART       ; single
        LD      A,(FACEXP)
        CP      90H             ; |x| < 32768: try single precision
        JR      NC,.DBL
        PUSH    BC
        LD      HL,FAC
        LD      DE,WR
        CALL    CPY8
        CALL    XCSNG
        POP     AF              ; A = the mode
        PUSH    AF
        CALL    INTPART
        POP     BC              ; B = the mode (the flags stay)
        RET     C
        LD      HL,WR
        LD      DE,FAC
        CALL    CPY8
        LD      A,8
        LD      (VALTYP),A
.DBL:   LD      A,B
        OR      A
        JR      Z,INTPART       ; FIX
        LD      A,(FACEXP)
        CP      90H
        JR      C,.PLAIN
        CP      0B8H
        JR      NC,.PLAIN
        LD      A,(FACEXP-1)
        OR      A
        JP      P,.PLAIN
        CP      80H             ; -32768 itself is an integer
        JR      NZ,.Q
        LD      A,(FACEXP)
        CP      90H
        JR      Z,.PLAIN
.Q:     LD      HL,FAC
        LD      B,6
        XOR     A
.Z:     OR      (HL)
        INC     HL
        DJNZ    .Z
        JR      NZ,.PLAIN
        INC     (HL)
        OR      A               ; not an integer (CY clear)
        RET
.PLAIN: LD      A,1
        ; fall through

; INTPART: the accumulator (single or double) -> its integer part, floor when
; A = 1, toward zero when A = 0. When the result fits an integer (floor:
; -32768..32767, toward zero: -32767..32767) it becomes one (VALTYP 2, HL =
; value) and CY is set; otherwise the accumulator keeps its type with the
; fraction removed, and CY is clear.
INTPART: LD     (FPTMP),A
        CALL    LENOF
        LD      A,(FACEXP)
        OR      A
        JP      Z,.ZERO
        SUB     129
        JP      C,.SMALL
        INC     A
        LD      B,A             ; B = integer bits k
        LD      A,(FPLEN)
        ADD     A,A
        ADD     A,A
        ADD     A,A
        SUB     B               ; fraction bits f = 8L - k
        JR      Z,.FITS         ; no fraction
        JR      C,.FITS
        LD      D,A             ; D = f
        CALL    LOWFAC          ; HL -> low mantissa byte
        LD      A,(FACEXP-1)
        LD      (FPSGN),A       ; keep the sign byte
        OR      80H
        LD      (FACEXP-1),A    ; hidden bit, for the carry below
        LD      E,0             ; fraction bits seen
.BYTES: LD      A,D
        SUB     8
        JR      C,.BITS
        LD      D,A
        LD      A,(HL)
        OR      E
        LD      E,A
        LD      (HL),0
        INC     HL
        JR      .BYTES
.BITS:  LD      B,D
        INC     B
        LD      A,80H
.MASK:  RLCA                    ; 1 << D (D < 8)
        DJNZ    .MASK
        LD      C,A             ; C = unit of the lowest integer bit (1 << f%8)
        DEC     A               ; A = fraction mask
        AND     (HL)
        LD      B,A             ; the fraction's bits here
        OR      E
        LD      E,A             ; E <> 0 when a fraction was dropped
        LD      A,B
        XOR     (HL)
        LD      (HL),A
        ; floor of a negative number with a fraction: one more in magnitude
        LD      A,E
        OR      A
        JR      Z,.SIGN
        LD      A,(FPTMP)       ; (1: floor)
        RRCA
        LD      B,A
        LD      A,(FPSGN)
        AND     B
        JP      P,.SIGN
        LD      A,(HL)
        ADD     A,C
        LD      (HL),A
        JR      NC,.SIGN
.CARRY: INC     HL              ; (a carry out of the top byte goes into
        INC     (HL)            ; the exponent, which does not wrap)
        JR      Z,.CARRY
.SIGN:  LD      HL,FACEXP-1
        SET     7,(HL)          ; (all ones became 1000...: one more bit)
        LD      A,(FPSGN)
        OR      7FH
        AND     (HL)
        LD      (HL),A          ; sign back in place of the hidden bit
.FITS:  ; does the (integral) value fit an integer?
        LD      A,(FACEXP)
        CP      91H
        RET     NC              ; 2^16 or more (CY clear)
        CP      90H
        JR      Z,.BIG
        ; magnitude < 32768: top two mantissa bytes >> (90H - exp)
        LD      B,A
        LD      A,90H
        SUB     B
        LD      B,A
        LD      DE,(FACEXP-2)
        LD      H,D
        SET     7,D
.SHR:   SRL     D
        RR      E
        DJNZ    .SHR
        EX      DE,HL           ; HL = magnitude, D = sign byte
        LD      A,D
        OR      A
        JP      P,.INT
.NEGHL: CALL    NEGHL
.INT:   CALL    XMAKINT
        SCF
        RET
.BIG:   ; 32768..65535: only -32768, and only for floor
        LD      A,(FPTMP)
        OR      A
        RET     Z
        LD      A,(FACEXP-1)
        CP      80H
        JR      NZ,.NOFIT
        CALL    LOWFAC
        LD      A,C             ; C = -FPLEN; the lower bytes must be 0
        NEG
        DEC     A
        LD      B,A
        XOR     A
.Z:     OR      (HL)
        INC     HL
        DJNZ    .Z
        JR      NZ,.NOFIT
        LD      HL,8000H
        JR      .INT
.NOFIT: OR      A
        RET
.SMALL: LD      A,(FPTMP)       ; |x| < 1: 0, or -1 for floor of a
        OR      A               ; negative number
        JR      Z,.ZERO
        LD      A,(FACEXP-1)
        RLA
.ZERO:  SBC     A,A             ; (CY clear from a zero: 0)
        LD      L,A
        LD      H,A
        JR      .INT

; CSNG (0AB1H): the accumulator -> single precision.
XCSNG:  RST     20H
        DEC     A
        RET     Z               ; single
        JP      M,I2SNG
        ; double -> single: round on the byte below the single mantissa
        EX      (SP),HL         ; (as long as Level II takes)
        EX      (SP),HL
        CALL    SETSNG
        LD      A,(FACEXP)
        OR      A
        JP      Z,SZERO
        LD      B,A
        LD      A,(FACEXP-1)
        LD      (FPSGN),A
        OR      80H
        LD      C,A
        LD      DE,(FACEXP-3)
        LD      A,(FACEXP-4)    ; the guard byte
        JP      SROUND

; Integer accumulator -> single: |n| as C D E with exponent 90H, made
; normal by SNORM, the sign from FPSGN.
I2SNG:  CALL    SETSNG
        LD      HL,(FACSNG)
        LD      A,H
        LD      (FPSGN),A
        OR      A
        CALL    M,NEGHL
        LD      C,H
        LD      D,L
        XOR     A
        LD      E,A
        LD      B,90H
        JP      SNORM

; CDBL (0ADBH): the accumulator -> double precision.
XCDBL:  RST     20H
        RET     NC              ; double
        CALL    M,I2SNG
        LD      HL,0
        LD      (FAC),HL
        LD      (FAC+2),HL
        LD      A,8
        LD      (VALTYP),A
        RET
