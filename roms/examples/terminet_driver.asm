; TermiNet 300 serial printer driver for TRS-80 Level II BASIC (our own code).
;
; Sends LPRINT and LLIST output out of the Radio Shack RS-232-C board (ports E8H-EBH)
; to a GE TermiNet 300 set to 300 baud, instead of the parallel port.
;
; Fixed at 7F00H (32512): answer MEMORY SIZE? with 32511 or less so BASIC leaves it alone.
;
; INIT (7F00H, the USR entry) resets the UART, sets 300/300 baud, 8 data bits, no parity,
; 1 stop bit, DTR and RTS on, and points the Level II printer device control block
; (DCB at 4025H; driver address at 4026H/4027H) at DRIVER. From BASIC:
;     POKE 16526,0:POKE 16527,127:X=USR(0)
; (the monitor's `basic 7F00 <end>` loader does exactly this after POKEing the bytes).
;
; DRIVER is called by the ROM for each character with the character in C. It waits until
; the UART's transmitter holding register is empty (EAH bit 6) and the printer is on line
; (CTS, E8H bit 7), then writes the character to EBH. A carriage return (0DH) goes out as
; CR, LF and FILLS fill characters (NUL): the TermiNet needs 300 ms from the last character
; of a line to the first of the next, and at 30 characters a second CR + LF + 6 fills are
; exactly 9 character times = 300 ms (GE GEK-36150 fill chart); the count is the byte at
; FILLN+1 (0 = no fills). A line feed (0AH) from BASIC is sent with two fills (67 ms between
; line feeds). All registers but AF are kept; A returns the character.

RS_MODEM    EQU 0E8H            ; IN: modem status (bit 7 CTS); OUT: UART reset
RS_BAUD     EQU 0E9H            ; OUT: baud rates, high nibble TX, low nibble RX
RS_STATUS   EQU 0EAH            ; IN: status (bit 6 THRE); OUT: control
RS_DATA     EQU 0EBH            ; OUT: transmit data
BAUD_300    EQU 55H             ; 300 baud transmit and receive
CONTROL_8N1 EQU 6FH             ; 8 bits, parity off, 1 stop, no BREAK, DTR, RTS
PRINTER_DCB EQU 4025H           ; Level II printer device control block
FILLS       EQU 6               ; NULs after CR LF at 30 characters a second

            ORG 7F00H

INIT:       XOR A
            OUT (RS_MODEM),A    ; UART master reset
            LD A,BAUD_300
            OUT (RS_BAUD),A
            LD A,CONTROL_8N1
            OUT (RS_STATUS),A
            LD HL,DRIVER
            LD (PRINTER_DCB+1),HL
            RET

DRIVER:     PUSH BC
            LD A,C
            CP 0DH
            JR Z,NEWLINE
            CP 0AH
            JR Z,LINEFEED
            CALL SEND
            JR DONE
NEWLINE:    CALL SEND           ; CR
            LD A,0AH
            CALL SEND           ; LF
FILLN:      LD B,FILLS          ; (FILLN+1 holds the count: POKE it to tune)
            JR FILL
LINEFEED:   CALL SEND
            LD B,2
FILL:       LD A,B
            OR A
            JR Z,DONE
            XOR A
            CALL SEND
            DEC B
            JR FILL
DONE:       POP BC
            LD A,C
            RET

; Sends A when the transmitter is free and the printer is on line.
SEND:       PUSH AF
WAIT:       IN A,(RS_STATUS)
            AND 40H             ; THRE
            JR Z,WAIT
            IN A,(RS_MODEM)
            AND 80H             ; CTS
            JR Z,WAIT
            POP AF
            OUT (RS_DATA),A
            RET
DRIVER_END:

            END INIT
