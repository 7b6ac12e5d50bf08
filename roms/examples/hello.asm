; hello.asm - writes a line to the Model I screen and waits.
;
; Load at 5200H (above the Level II work area) and jump to START. The text
; goes straight into video RAM at 3C00H (64 x 16 characters, top-left first).

VIDEO   EQU 3C00H               ; first character of the top screen line

        ORG 5200H
START:  LD HL,MSG               ; source: the message
        LD DE,VIDEO             ; destination: top-left of the screen
.copy   LD A,(HL)
        OR A                    ; a zero byte ends the message
        JR Z,.done
        LD (DE),A
        INC HL
        INC DE
        JR .copy
.done   JR .done                ; stay here; the text stays on screen

MSG:    DEFM "HELLO, WORLD FROM Z80ASM"
        DB 0
        END START
