10 A$="APPLE":B$="APPLES":C$="BANANA"
20 PRINT A$<B$;B$<C$;A$=LEFT$(B$,5);A$>"";""<A$
30 IF A$<C$ THEN PRINT "ORDER OK"
40 PRINT "Z">"A";"a">"A";" "<"!"
RUN
