^FX Picker badge, 2 x 1 in (406 x 203 dots at 203 dpi): picker's name large, badge code as Code 128. Names: code, caption.
^XA
^CI28
^PW#{406}
^LL#{203}
^FO#{20},#{12}^A0N,#{48},#{42}^FB#{366},1,0,L,0^FH^FD${caption}^FS
^BY#{2},3,#{80}
^FO#{20},#{68}^BCN,#{80},N,N,N,A^FH^FD${code}^FS
^FO#{20},#{156}^A0N,#{36},#{32}^FB#{366},1,0,L,0^FH^FD${code}^FS
^XZ
