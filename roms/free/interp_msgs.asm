; interp_msgs.asm - the error codes and the messages of READY and errors.

; The two-letter error codes, in error-number order.
ERRCODES: DB    "NFSNRGODFCOVOMULBSDD/0IDTMOSLSSTCNNRRWUEMOFDL3"
ERRCODES_END:
ERRMSG: DB      " Error", 0
INMSG:  DB      " in ", 0
READYMSG: DB    "READY", 0DH, 0
