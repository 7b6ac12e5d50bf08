; cassette.asm - the cassette port at 500 baud, as Level II records and reads
; tapes (Level II BASIC Reference Manual, "Cassette"; TRS-80 Model I Technical
; Reference Manual, cassette interface).
;
; Port FFH: output bits 0-1 are the level (01 high, 10 low, 00 rest: a pulse is
; high, low, rest), bit 2 the motor relay, bit 3 32-character video (the last
; byte sent is kept at 403DH); input bit 7 is a latch set by each pulse off the
; tape and cleared by any output to the port.
;
; A bit cell is about 2 ms and starts with a clock pulse; a 1 has a second pulse
; in the middle of the cell. Bytes go most significant bit first. A tape starts
; with a leader of 255 zero bytes and the sync byte A5H.
;
; Cell timing here (T-states at 1.77408 MHz): clock pulse at 0, the data pulse
; at about 1,781 (1.0 ms), the next clock at about 3,562 (2.0 ms); each half of
; a pulse lasts about 227 (128 us). The reader waits for a clock pulse, lets
; about 0.5 ms pass, clears the latch, waits about 0.9 ms more and looks again:
; a pulse seen then was the data pulse of a 1.
;
; Level II programs call these routines at fixed addresses; the short ones sit
; right at their addresses (main.asm includes this file once per piece,
; setting CASPART to the piece it wants there).

        IF      CASPART == 1
; 01D9H: one pulse on the tape output.
PULSE:  PUSH    BC
        LD      A, (PORTFF)
        AND     0FCH
        OR      01H             ; high
        OUT     (0FFH), A
        LD      B, 17
.hi:    DJNZ    .hi
        XOR     03H             ; low
        OUT     (0FFH), A
        LD      B, 17
.lo:    DJNZ    .lo
        AND     0FCH            ; rest
        OUT     (0FFH), A
        POP     BC
        RET
        ENDIF

        IF      CASPART == 2
; 01F8H: stop the cassette motor (the output level goes to rest as well).
CASOFF: LD      A, (PORTFF)
        AND     0F8H
CASPORT: LD     (PORTFF), A
        OUT     (0FFH), A
        RET
        ENDIF

        IF      CASPART == 3
; 0212H: select cassette A (0 = #1, 1 = #2) and start its motor.
CASON:  LD      A, (PORTFF)
        OR      04H
        JR      CASPORT
        ENDIF

        IF      CASPART == 4
; 022CH: blink the '*' at the top right while a tape is read.
BLINK:  LD      A, (3C3FH)
        XOR     '*' ^ ' '
        LD      (3C3FH), A
        RET
        ENDIF

        IF      CASPART == 5
; 0235H: read a byte from the tape -> A. Keeps BC, DE, HL.
CASIN:  PUSH    HL
        PUSH    BC
        LD      L, 8
.bit:   CALL    RDBIT
        RL      H
        DEC     L
        JR      NZ, .bit
CASEND: LD      A, H
        POP     BC
        POP     HL
        RET
        ENDIF

        IF      CASPART == 6
; 0296H: read the tape bit by bit until the sync byte A5H has passed, then show
; "**" at the top right. Returns A = '*'; keeps BC, DE, HL.
CASSYNC: PUSH   HL
        PUSH    BC
.bit:   CALL    RDBIT
        RL      H
        LD      A, H
        CP      0A5H
        JR      NZ, .bit
        LD      HL, '**'
        LD      (3C3EH), HL
        JR      CASEND          ; (A = '*', as Level II leaves it)
        ENDIF

        IF      CASPART == 7
; 0314H: two bytes from the tape into HL, low byte first.
CASWORD: CALL   CASIN
        LD      L, A
        CALL    CASIN
        LD      H, A
        RET
        ENDIF

        IF      CASPART == 8
; 0264H: write A to the tape. Keeps BC, DE, HL.
CASOUT: PUSH    HL
        PUSH    BC
        PUSH    AF
        LD      C, A
        LD      H, 8
.bit:   CALL    PULSE           ; the clock pulse
        LD      B, 90
.w1:    DJNZ    .w1
        RLC     C
        JR      NC, .zero
        CALL    PULSE           ; the data pulse: a 1
        LD      B, 89
.w2:    DJNZ    .w2
        JR      .next
.zero:  LD      B, 136          ; no data pulse: a 0
.w3:    DJNZ    .w3
.next:  DEC     H
        JR      NZ, .bit
        POP     AF
        POP     BC
        POP     HL
        RET

        ENDIF

        IF      CASPART == 10
; 0287H: write the leader: 255 zero bytes and the sync byte. Keeps BC, DE, HL.
CASLDR: PUSH    BC
        LD      B, 255
.zero:  XOR     A
        CALL    CASOUT
        DJNZ    .zero
        LD      A, 0A5H
        POP     BC
        JP      CASOUT
        ENDIF

        IF      CASPART == 9
; One bit from the tape -> carry. Changes A and B.
RDBIT:  IN      A, (0FFH)       ; wait for a clock pulse
        RLA
        JR      NC, RDBIT
        LD      B, 65           ; about 0.5 ms
.w1:    DJNZ    .w1
        CALL    CLRLAT
        LD      B, 118          ; about 0.9 ms
.w2:    DJNZ    .w2
        IN      A, (0FFH)       ; a data pulse since?
        RLA
; Clear the input latch (any output to port FFH does), keeping the port's bits
; and the carry.
CLRLAT: LD      A, (PORTFF)
        OUT     (0FFH), A
        RET
        ENDIF
