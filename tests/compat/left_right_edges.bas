10 A$="ABCDEF"
20 PRINT LEFT$(A$,0);"|";LEFT$(A$,3);"|";LEFT$(A$,9);"|"
30 PRINT RIGHT$(A$,0);"|";RIGHT$(A$,2);"|";RIGHT$(A$,9);"|"
40 PRINT MID$(A$,3);"|";MID$(A$,7);"|";MID$(A$,2,0);"|";MID$(A$,6,5);"|"
50 PRINT LEFT$("",4);"|";RIGHT$("",4);"|";MID$("",1);"|"
60 B$=RIGHT$(A$,4):B$=LEFT$(B$,2)+MID$(A$,1,1):PRINT B$
RUN
PRINT MID$(A$,0)
PRINT LEFT$(A$,256)
PRINT LEFT$(A$,-1)
