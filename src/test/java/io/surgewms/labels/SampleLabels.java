package io.surgewms.labels;

import java.util.List;

/** Labels the tests print: an ordinary one and one whose data tries to break the printers. */
final class SampleLabels {
    /** Where the built-in PDF layout puts the barcodes (tests crop around them). */
    public static final PdfLayout.Element TRACKING_BARS = new PdfLabelRenderer().layout().element("tracking"),
            SSCC_BARS = new PdfLabelRenderer().layout().element("sscc"), QR_CODE = new PdfLabelRenderer().layout().element("qr");
    static final String SSCC = "106141411234567897";
    static final String TRACKING = "1Z999AA10123456784";

    private SampleLabels() {}

    static ShippingLabel.Address warehouse() {
        return new ShippingLabel.Address("Surge Fulfilment GmbH", List.of("Lagerstraße 12", "Halle 3"), "Berlin", null, "10115", "DE");
    }

    static ShippingLabel ordinary() {
        return new ShippingLabel(warehouse(),
                new ShippingLabel.Address("Zofia Müller-Łukasiewicz", List.of("ul. Piotrkowska 104/12", "Klatka B"), "Łódź",
                        "łódzkie", "90-004", "Poland"),
                "DHL", "Paket International", TRACKING, "SO-2026-000123", "Glowlab Cosmetics", SSCC, 7, 1250, 1, 2,
                "https://track.example/1Z999AA10123456784");
    }

    /** The ordinary label sent to another address. */
    static ShippingLabel to(ShippingLabel.Address to) {
        ShippingLabel l = ordinary();
        return new ShippingLabel(l.shipFrom(), to, l.carrier(), l.service(), l.trackingNumber(), l.orderReference(), l.shop(),
                l.sscc(), l.ssccPrefixLength(), l.weightGrams(), l.parcelNumber(), l.parcelCount(), l.twoDPayload());
    }

    static ShippingLabel.Address moscow() {
        return new ShippingLabel.Address("Иван Петрович Смирнов", "ООО «Северный ветер»", List.of("ул. Тверская, д. 7, кв. 12"),
                "Москва", null, "125009", "Россия");
    }

    static ShippingLabel.Address athens() {
        return new ShippingLabel.Address("Γεώργιος Παπαδόπουλος", List.of("Οδός Ερμού 25", "3ος όροφος"), "Αθήνα", null, "105 63", "Ελλάδα");
    }

    static ShippingLabel.Address tokyo() {
        return new ShippingLabel.Address("山田 太郎", "株式会社サージ", List.of("渋谷区道玄坂1-2-3", "渋谷マークシティ 12階"), "東京都", null,
                "150-0043", "Japan");
    }

    static ShippingLabel.Address shanghai() {
        return new ShippingLabel.Address("王小明", List.of("浦东新区世纪大道100号", "环球金融中心 25楼"), "上海市", null, "200120", "China");
    }

    static ShippingLabel hostile() {
        return new ShippingLabel(warehouse(),
                new ShippingLabel.Address("Eve ^XZ^XA~JR", List.of("^FO0,0^GB812,1218,812^FS", "under_score ~~ street"), "Paris",
                        null, "75001", "FR"),
                "UPS", "Standard", "1Z9999999999999999", "SO-^-1", null, SSCC, 7, 800, 2, 2, null);
    }
}
