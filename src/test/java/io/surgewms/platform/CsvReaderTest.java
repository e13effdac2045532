package io.surgewms.platform;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CsvReaderTest {

    private static List<List<String>> fields(String text) {
        return CsvReader.read(text).stream().map(CsvReader.Row::fields).toList();
    }

    @Test
    void shall_split_plain_rows_on_commas_and_line_breaks() {
        assertEquals(List.of(List.of("a", "b", "c"), List.of("1", "", "3")), fields("a,b,c\n1,,3\n"));
        assertEquals(List.of(List.of("a", "b"), List.of("1", "2")), fields("a,b\r\n1,2"));
    }

    @Test
    void shall_keep_commas_quotes_and_line_breaks_inside_quoted_fields() {
        List<CsvReader.Row> rows = CsvReader.read("name,note\n\"Serum, 30 ml\",\"say \"\"hi\"\"\nthen go\"\nx,y\n");
        assertEquals(List.of("Serum, 30 ml", "say \"hi\"\nthen go"), rows.get(1).fields());
        assertEquals(2, rows.get(1).line());
        assertEquals(4, rows.get(2).line());
    }

    @Test
    void shall_skip_a_byte_order_mark_and_blank_lines() {
        assertEquals(List.of(List.of("a"), List.of("1")), fields("\uFEFFa\n\n1\n\n"));
    }

    @Test
    void shall_keep_a_trailing_empty_field() {
        assertEquals(List.of(List.of("a", "")), fields("a,\n"));
        assertEquals(List.of(List.of("")), fields("\"\"\n"));
    }

    @Test
    void shall_refuse_an_unclosed_quote() {
        var e = assertThrows(IllegalArgumentException.class, () -> CsvReader.read("a,b\n\"open,2\n"));
        assertEquals("quoted field opened on line 2 is never closed", e.getMessage());
    }

    @Test
    void shall_find_columns_by_name_in_any_order_and_refuse_unknown_ones() {
        CsvReader.Row header = CsvReader.read("Sku,shop\n").get(0);
        assertEquals(Map.of("sku", 0, "shop", 1), CsvReader.columns(header, List.of("shop", "sku"), List.of("name")));
        var unknown = assertThrows(ProblemException.class,
                () -> CsvReader.columns(CsvReader.read("shop,sku,colour\n").get(0), List.of("shop", "sku"), List.of()));
        assertEquals("header", unknown.problem().errors().get(0).field());
        var missing = assertThrows(ProblemException.class,
                () -> CsvReader.columns(CsvReader.read("shop\n").get(0), List.of("shop", "sku"), List.of()));
        assertEquals("missing column 'sku'; expected shop,sku", missing.problem().errors().get(0).reason());
    }
}
