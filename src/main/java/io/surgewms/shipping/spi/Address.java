package io.surgewms.shipping.spi;

import java.util.List;

/** A postal address as carriers take it: name, company, street lines, city, region, postal code, ISO country. */
public record Address(String name, String company, List<String> lines, String city, String region, String postalCode,
                      String country, String phone, String email) {

    public Address {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    /** The street line n (from 1), or null. */
    public String line(int n) {
        return lines.size() >= n ? lines.get(n - 1) : null;
    }
}
