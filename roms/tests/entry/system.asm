; entry/system.asm - SYSTEM (02B2H) entered from machine code: the test plays a
; SYSTEM tape and types the answers at its "*? " prompts; the loaded program
; shows that it ran.

        ORG     7000H
START:  CALL    01C9H
        JP      02B2H
RESULT:
RESULT_END:
        END     START
