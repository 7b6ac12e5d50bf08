; fp_rnd.asm - RND, as Level II was seen to compute it (tests/fp_model_level2.rs):
; the 24-bit seed at 40AAH-40ACH (LSB first) becomes seed * M + 05B065H
; (mod 2^24), M being the three bytes at 4090H-4092H (most significant
; first; Level II puts 40H E6H 4DH there at power-up). RND(0) is the new
; seed / 2^24 in single precision; RND(n), 1 <= n <= 32767, is
; INT(RND(0) * n) + 1, as a single; a negative n gives ?FC and leaves the
; seed alone. No Level II code was read.

RNDMUL  EQU     4090H           ; M, most significant byte first

; The next seed, and FAC := seed / 2^24 (single precision, VALTYP 4).
; The product accumulates in C H L, the seed is B D E; AF' holds the bits
; of M still to go.
RND0:   LD      B,150           ; (as long as Level II takes)
        DJNZ    $
        LD      DE,(SEED)
        LD      A,(SEED+2)
        LD      B,A
        LD      HL,0
        LD      C,L
        LD      A,(RNDMUL)
        CALL    .BYTE
        LD      A,(RNDMUL+1)
        CALL    .BYTE
        LD      A,(RNDMUL+2)
        CALL    .BYTE
        LD      DE,0B065H       ; + 05B065H
        ADD     HL,DE
        LD      A,C
        ADC     A,05H
        LD      (SEED),HL
        LD      (SEED+2),A
        LD      C,A
        EX      DE,HL           ; C D E / 2^24, made normal
        LD      A,4
        LD      (VALTYP),A
        XOR     A
        LD      (FPSGN),A
        LD      B,80H
        JP      SNORM
; One byte A of M, top bit first: the product doubles, and the seed is
; added for a 1 (a marker bit tells when the eight are done).
.BYTE:  SCF
        ADC     A,A
.BIT:   EX      AF,AF'
        ADD     HL,HL
        RL      C
        EX      AF,AF'
        JR      NC,.NO
        EX      AF,AF'
        ADD     HL,DE
        LD      A,B
        ADC     A,C
        LD      C,A
        EX      AF,AF'
.NO:    ADD     A,A
        JR      NZ,.BIT
        RET
