; fp_rnd.asm - RND, as Level II was seen to compute it (tests/fp_model_level2.rs):
; the 24-bit seed at 40AAH-40ACH (LSB first) becomes seed * M + 05B065H
; (mod 2^24), M being the three bytes at 4090H-4092H (most significant
; first; Level II puts 40H E6H 4DH there at power-up). RND(0) is the new
; seed / 2^24 in single precision; RND(n), 1 <= n <= 32767, is
; INT(RND(0) * n) + 1, as a single; a negative n gives ?FC and leaves the
; seed alone. No Level II code was read.

RNDMUL  EQU     4090H           ; M, most significant byte first

; The next seed, and FAC := seed / 2^24 (single precision, VALTYP 4).
RND0:   LD      HL,0            ; acc: FPEXP (low 16 bits), FPCNT (high 8)
        LD      (FPEXP),HL
        XOR     A
        LD      (FPCNT),A
        LD      DE,RNDMUL
        LD      B,3
.BYTE:  LD      A,(DE)          ; M, most significant bit first
        INC     DE
        PUSH    DE
        LD      C,8
.BIT:   PUSH    AF
        LD      HL,(FPEXP)      ; acc * 2
        ADD     HL,HL
        LD      (FPEXP),HL
        LD      A,(FPCNT)
        RLA
        LD      (FPCNT),A
        POP     AF
        ADD     A,A
        PUSH    AF
        JR      NC,.NOADD
        LD      DE,(SEED)       ; acc + seed
        ADD     HL,DE
        LD      (FPEXP),HL
        LD      A,(SEED+2)
        LD      E,A
        LD      A,(FPCNT)
        ADC     A,E
        LD      (FPCNT),A
.NOADD: POP     AF
        DEC     C
        JR      NZ,.BIT
        POP     DE
        DJNZ    .BYTE
        LD      HL,(FPEXP)      ; + 05B065H
        LD      DE,0B065H
        ADD     HL,DE
        LD      A,(FPCNT)
        ADC     A,05H
        LD      (SEED),HL
        LD      (SEED+2),A
        LD      C,A
        LD      A,4
        LD      (VALTYP),A
        LD      A,C
        OR      H
        OR      L
        JP      Z,SZERO
        LD      B,80H
.N:     BIT     7,C
        JR      NZ,.D
        ADD     HL,HL
        RL      C
        DEC     B
        JR      .N
.D:     RES     7,C
        LD      (FACSNG),HL
        LD      A,C
        LD      (FACSNG+2),A
        LD      A,B
        LD      (FACEXP),A
        RET
