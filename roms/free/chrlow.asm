; chrlow.asm - the end of RST 10H (CHRGET, basic1.asm) for the characters
; below ':'. Level II was seen to pass over tabs (09H) and line feeds (0AH)
; in a program line as it passes over spaces: lines typed with the down
; arrow hold line feeds (vintage programs, Bee Wary's among them, start lines
; with them), and a line feed inside a number or an expression changes
; nothing.

CHRLOW: CP      0BH             ; a tab or a line feed: the next character
        JR      NC, .n
        CP      09H
        JP      NC, CHRGET
.n:     CP      '0'             ; carry for a digit,
        CCF
        INC     A               ; Z for the end of the line (00H)
        DEC     A
        RET
