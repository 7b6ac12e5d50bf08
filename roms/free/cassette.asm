; cassette.asm - the cassette port (port FFH: bits 0-1 the output level, bit 2
; the motor relay, bit 3 32-character video, kept in 403DH; reading bit 7 is
; the pulse latch). Motor and RANDOM are complete; reading and writing bytes at
; 500 baud come with CSAVE/CLOAD and SYSTEM (part 4): until then the byte
; routines are present at their addresses, read 00H and write nothing.

; 0212H: select cassette A (0 = #1, 1 = #2) and start its motor.
CASON:  LD      A, (PORTFF)
        OR      04H
        JR      CASPORT
; 01F8H: stop the cassette motor (the output level goes to rest as well).
CASOFF: LD      A, (PORTFF)
        AND     0F8H
CASPORT: LD     (PORTFF), A
        OUT     (0FFH), A
        RET
; 022CH: blink the '*' at the top right while a tape is read.
BLINK:  LD      A, (3C3FH)
        XOR     '*' ^ ' '
        LD      (3C3FH), A
        RET
; 01D9H one pulse, 0235H read a byte, 0264H write a byte, 0287H write the leader, 0296H find the
; sync byte, 0314H read two bytes into HL: not yet (part 4).
PULSE:  RET
CASIN:  XOR     A
        RET
CASOUT: RET
CASLDR: RET
CASSYNC: RET
CASWORD: LD     HL, 0
        RET
