package io.surgewms.shipping.spi;

import java.util.List;

/**
 * What a provider says of an address.
 *
 * @param checked     false when the provider cannot check addresses (the label is bought without a check)
 * @param deliverable false when the carrier will not deliver there as written
 * @param messages    the provider's reasons, in its words
 * @param suggested   a corrected address the provider proposes, or null
 */
public record AddressVerdict(boolean checked, boolean deliverable, List<String> messages, Address suggested) {

    public static AddressVerdict unchecked() {
        return new AddressVerdict(false, true, List.of(), null);
    }
}
