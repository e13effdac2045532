package io.surgewms.returns;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.surgewms.labels.LabelTemplates;
import io.surgewms.labels.PdfLayout;
import io.surgewms.testsupport.Floor;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.surgewms.returns.Shipped.create;
import static io.surgewms.returns.Shipped.rma;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The return label: the RMA code a scanner reads off the printed PDF is the one the returns station looks up. */
@QuarkusTest
class ReturnLabelTest {

    @Test
    void shall_print_the_rma_code_as_a_code_128_a_scanner_reads_back() throws Exception {
        Floor f = new Floor();
        String a = f.skuWithGtin("A", "404100000001");
        f.receive("A", f.bin("PICK_FACE", 1), 3);
        f.tote(1);
        long order = Shipped.order(f, Map.of("A", a), "rt-label", "A", 2);
        JsonPath r = create(rma(order, "A", 2, "DAMAGED"));
        long id = r.getLong("id");
        String code = r.getString("code");

        byte[] pdf = given().get("/api/returns/" + id + "/label").then().statusCode(200).contentType("application/pdf").extract().asByteArray();
        BufferedImage img;
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertEquals(1, doc.getNumberOfPages());
            assertEquals(288f, doc.getPage(0).getMediaBox().getWidth(), 0.5f);   // 4 in
            assertEquals(432f, doc.getPage(0).getMediaBox().getHeight(), 0.5f);  // 6 in
            img = new PDFRenderer(doc).renderImageWithDPI(0, 203, ImageType.GRAY);
        }
        PdfLayout.Element bars = LabelTemplates.builtIn().pdfLayout(ReturnLabels.LAYOUT).element("rma");
        assertEquals(code, read(img.getSubimage(0, bars.y() - 10, img.getWidth(), bars.height() + 20)));
        // The station finds the return by what it read.
        given().queryParam("code", code).get("/api/returns/lookup").then().statusCode(200).body("id", org.hamcrest.Matchers.equalTo((int) id));

        String zpl = given().queryParam("format", "zpl").get("/api/returns/" + id + "/label").then().statusCode(200).extract().asString();
        assertTrue(zpl.contains("^BCN,220,N,N,N,A^FH^FD" + code + "^FS"), zpl);
        assertTrue(zpl.contains("^FDOrder rt-label^FS") && zpl.contains("^FDAda Buyer^FS"), zpl);
        assertTrue(zpl.contains("^FD2 items: A x2^FS"), zpl);
        assertTrue(zpl.startsWith("^XA") && zpl.strip().endsWith("^XZ"));
        String zpl300 = given().queryParam("format", "zpl").queryParam("dpi", 300).get("/api/returns/" + id + "/label").then().statusCode(200).extract().asString();
        assertTrue(zpl300.contains("^PW1200"), zpl300);
        byte[] png = given().queryParam("format", "png").get("/api/returns/" + id + "/label").then().statusCode(200).contentType("image/png").extract().asByteArray();
        java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "screenshots"));
        java.nio.file.Files.write(java.nio.file.Path.of("target", "screenshots", "return-label.png"), png);  // to look at
        assertEquals(code, read(ImageIO.read(new ByteArrayInputStream(png)).getSubimage(0, bars.y() - 10, 812, bars.height() + 20)));
        given().queryParam("format", "gif").get("/api/returns/" + id + "/label").then().statusCode(400).body(containsString("format"));
        given().get("/api/returns/999999999/label").then().statusCode(404);
    }

    private static String read(BufferedImage region) throws Exception {
        Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
        hints.put(DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.CODE_128));
        hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
        return new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(region))), hints).getText();
    }
}
