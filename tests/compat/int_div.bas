10 A%=7:B%=2:PRINT A%/B%;A%*B%;A%-B%;A%+B%
20 C%=-7:PRINT C%/B%;INT(C%/B%);FIX(C%/B%)
RUN
