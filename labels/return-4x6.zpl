^FX Surge WMS return label, 4 x 6 in: the customer sends the parcel back to the warehouse; the RMA code as Code 128 is what the returns station scans.
^FX Same placeholders as the shipping label where they mean the same; see labels/README.md (return label names).
^XA
^CI28
^PW${labelWidthDots}
^LL${labelLengthDots}
^LH0,0
^FX From: the customer (left); RETURN in large type (right)
^FO#{30},#{24}^A0N,#{22},#{22}^FDFROM^FS
^FO#{30},#{50}^A0N,#{26},#{26}^FB#{480},1,0,L,0^FH^FD${shipFromName}^FS
^FO#{30},#{80}^A0N,#{24},#{24}^FB#{480},1,0,L,0^FH^FD${shipFromLine1}^FS
^FO#{30},#{108}^A0N,#{24},#{24}^FB#{480},1,0,L,0^FH^FD${shipFromLine2}^FS
^FO#{30},#{136}^A0N,#{24},#{24}^FB#{480},1,0,L,0^FH^FD${shipFromCityLine}^FS
^FO#{530},#{30}^A0N,#{52},#{48}^FB#{252},1,0,R,0^FDRETURN^FS
^FO#{530},#{96}^A0N,#{30},#{28}^FB#{252},1,0,R,0^FH^FD${carrier}^FS
^FO#{0},#{176}^GB#{812},#{4},#{4}^FS
^FX Ship-to: the warehouse's returns desk
^FO#{30},#{192}^A0N,#{24},#{24}^FDSHIP TO^FS
^FO#{30},#{224}^A0N,#{48},#{44}^FB#{752},1,0,L,0^FH^FD${shipToName}^FS
^FO#{30},#{282}^A0N,#{38},#{36}^FB#{752},1,0,L,0^FH^FD${shipToLine1}^FS
^FO#{30},#{330}^A0N,#{44},#{42}^FB#{752},1,0,L,0^FH^FD${shipToCityLine}^FS
^FO#{30},#{384}^A0N,#{38},#{36}^FB#{752},1,0,L,0^FH^FD${shipToCountry}^FS
^FO#{0},#{476}^GB#{812},#{4},#{4}^FS
^FX Order, shop and what comes back
^FO#{30},#{496}^A0N,#{30},#{28}^FB#{752},1,0,L,0^FH^FD${orderLine}^FS
^FO#{30},#{536}^A0N,#{30},#{28}^FB#{752},1,0,L,0^FH^FD${shopLine}^FS
^FO#{30},#{576}^A0N,#{30},#{28}^FB#{752},1,0,L,0^FH^FD${itemsLine}^FS
^FO#{30},#{616}^A0N,#{30},#{28}^FB#{752},1,0,L,0^FH^FD${reasonLine}^FS
^FO#{0},#{672}^GB#{812},#{4},#{4}^FS
^FX The RMA code, Code 128: scanned at the returns station
^FO#{30},#{690}^A0N,#{22},#{22}^FDRMA^FS
^BY#{3},3,#{220}
^FO#{60},#{724}^BCN,#{220},N,N,N,A^FH^FD${rmaCode}^FS
^FO#{30},#{960}^A0N,#{64},#{60}^FB#{752},1,0,C,0^FH^FD${rmaCode}^FS
^FO#{0},#{1044}^GB#{812},#{4},#{4}^FS
^FO#{30},#{1064}^A0N,#{26},#{26}^FB#{752},2,0,L,0^FDStick this label on the parcel, over any old label.^FS
^FO#{30},#{1130}^A0N,#{24},#{24}^FB#{752},1,0,L,0^FH^FD${issuedLine}^FS
^PQ1
^XZ
