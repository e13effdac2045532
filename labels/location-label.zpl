^FX Rack location label, 2 x 1 in (406 x 203 dots at 203 dpi). Names: code, caption.
^XA
^CI28
^PW#{406}
^LL#{203}
^BY#{2},3,#{100}
^FO#{20},#{16}^BCN,#{100},N,N,N,A^FH^FD${code}^FS
^FO#{20},#{126}^A0N,#{64},#{56}^FB#{366},1,0,L,0^FH^FD${code}^FS
^XZ
