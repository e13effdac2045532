^FX Surge WMS shipping label, 4 x 6 in or 100 x 150 mm (^PW/^LL come from the size; keep fields inside 782 x 1196 dots). Edit freely; see labels/README.md for the two kinds of placeholder.
^FX #{n} = n dots at 203 dpi, scaled to the printer (300 dpi: n * 300 / 203). ${name} = label data, escaped for ^FH.
^FX A line whose ${name} has no value on this label (e.g. a third address line, no 2D code) is left out.
^XA
^CI28
^PW${labelWidthDots}
^LL${labelLengthDots}
^LH0,0
^FX Ship-from (left) and carrier (right)
^FO#{30},#{24}^A0N,#{22},#{22}^FDFROM^FS
^FO#{30},#{50}^A0N,#{26},#{26}^FB#{480},1,0,L,0^FH^FD${shipFromName}^FS
^FO#{30},#{80}^A0N,#{24},#{24}^FB#{480},1,0,L,0^FH^FD${shipFromLine1}^FS
^FO#{30},#{108}^A0N,#{24},#{24}^FB#{480},1,0,L,0^FH^FD${shipFromLine2}^FS
^FO#{30},#{136}^A0N,#{24},#{24}^FB#{480},1,0,L,0^FH^FD${shipFromCityLine}^FS
^FO#{530},#{30}^A0N,#{52},#{48}^FB#{252},1,0,R,0^FH^FD${carrier}^FS
^FO#{530},#{96}^A0N,#{30},#{28}^FB#{252},2,0,R,0^FH^FD${service}^FS
^FO#{0},#{176}^GB#{812},#{4},#{4}^FS
^FX Ship-to: name, company, three street lines (a long one wraps into a free one), city, country
^FO#{30},#{192}^A0N,#{24},#{24}^FDSHIP TO^FS
^FO#{30},#{224}^A0N,#{48},#{44}^FB#{752},1,0,L,0^FH^FD${shipToName}^FS
^FO#{30},#{276}^A0N,#{34},#{32}^FB#{752},1,0,L,0^FH^FD${shipToCompany}^FS
^FO#{30},#{314}^A0N,#{36},#{34}^FB#{752},1,0,L,0^FH^FD${shipToLine1}^FS
^FO#{30},#{352}^A0N,#{36},#{34}^FB#{752},1,0,L,0^FH^FD${shipToLine2}^FS
^FO#{30},#{390}^A0N,#{36},#{34}^FB#{752},1,0,L,0^FH^FD${shipToLine3}^FS
^FO#{30},#{430}^A0N,#{42},#{40}^FB#{752},1,0,L,0^FH^FD${shipToCityLine}^FS
^FO#{30},#{476}^A0N,#{36},#{34}^FB#{752},1,0,L,0^FH^FD${shipToCountry}^FS
^FO#{0},#{516}^GB#{812},#{4},#{4}^FS
^FX Order, shop, weight, parcel n of m; optional 2D code on the right
^FO#{30},#{536}^A0N,#{30},#{28}^FB#{520},1,0,L,0^FH^FD${orderLine}^FS
^FO#{30},#{576}^A0N,#{30},#{28}^FB#{520},1,0,L,0^FH^FD${shopLine}^FS
^FO#{30},#{616}^A0N,#{30},#{28}^FB#{520},1,0,L,0^FH^FD${weightLine}^FS
^FO#{30},#{656}^A0N,#{30},#{28}^FB#{520},1,0,L,0^FH^FD${parcelLine}^FS
^FO#{600},#{536}^BQN,2,#{4}^FH^FDQA,${qrPayload}^FS
^FO#{0},#{712}^GB#{812},#{4},#{4}^FS
^FX Carrier tracking number, Code 128 (automatic subsets)
^FO#{30},#{728}^A0N,#{22},#{22}^FDTRACKING^FS
^BY#{2},3,#{140}
^FO#{60},#{756}^BCN,#{140},N,N,N,A^FH^FD${trackingNumber}^FS
^FO#{60},#{904}^A0N,#{30},#{28}^FH^FD${trackingNumber}^FS
^FO#{0},#{944}^GB#{812},#{4},#{4}^FS
^FX SSCC as GS1-128: >; starts subset C, >8 is FNC1, then AI 00 and the 18 digits
^FO#{30},#{958}^A0N,#{22},#{22}^FDSSCC^FS
^BY#{4},3,#{170}
^FO#{90},#{986}^BCN,#{170},N,N,N,N^FD>;>800${sscc}^FS
^FO#{30},#{1162}^A0N,#{32},#{30}^FB#{752},1,0,C,0^FH^FD${ssccText}^FS
^PQ1
^XZ
