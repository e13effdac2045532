package io.surgewms.platform;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/** The warehouse's own address (surge.site.*): ship-from on labels and carrier purchases, ship-to on return labels. */
@ApplicationScoped
public class Site {

    @ConfigProperty(name = "surge.site.name", defaultValue = "Surge Fulfilment") String name;
    @ConfigProperty(name = "surge.site.street", defaultValue = "1 Dock Road") String street;
    @ConfigProperty(name = "surge.site.city", defaultValue = "Austin") String city;
    @ConfigProperty(name = "surge.site.region", defaultValue = "TX") String region;
    @ConfigProperty(name = "surge.site.postal-code", defaultValue = "78701") String postalCode;
    @ConfigProperty(name = "surge.site.country", defaultValue = "US") String country;
    @ConfigProperty(name = "surge.site.phone") Optional<String> phone;

    public String name() { return name; }
    public String street() { return street; }
    public String city() { return city; }
    public String region() { return region; }
    public String postalCode() { return postalCode; }
    public String country() { return country; }
    public String phone() { return phone.orElse(null); }
}
