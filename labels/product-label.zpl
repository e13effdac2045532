^FX Product label, 2 x 1 in (406 x 203 dots at 203 dpi): GTIN as Code 128, digits, product name. Names: code, caption.
^XA
^CI28
^PW#{406}
^LL#{203}
^BY#{2},3,#{80}
^FO#{20},#{12}^BCN,#{80},N,N,N,A^FH^FD${code}^FS
^FO#{20},#{98}^A0N,#{48},#{42}^FB#{366},1,0,L,0^FH^FD${code}^FS
^FO#{20},#{152}^A0N,#{32},#{28}^FB#{366},1,0,L,0^FH^FD${caption}^FS
^XZ
