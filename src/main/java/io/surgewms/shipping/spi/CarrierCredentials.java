package io.surgewms.shipping.spi;

import java.util.Map;

/**
 * A shop's account at a provider, as the provider needs it to call: secrets decrypted for this call only,
 * never logged, never returned by the API.
 *
 * @param accountId carrier_account.id (the circuit breaker is per account)
 * @param baseUrl   the provider's API base URL (the production host by default, a local fake in tests)
 * @param secrets   e.g. apiKey (EasyPost), publicKey + secretKey (Sendcloud), appKey + appSecret + accessToken (TikTok)
 * @param options   non-secret settings, e.g. carrier account ids, contract ids, the sender address id
 */
public record CarrierCredentials(long accountId, String provider, String baseUrl, Map<String, String> secrets,
                                 Map<String, String> options) {

    public CarrierCredentials {
        secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    public String secret(String name) {
        return secrets.get(name);
    }

    public String option(String name, String otherwise) {
        return options.getOrDefault(name, otherwise);
    }

    @Override
    public String toString() { // never print the secrets
        return "CarrierCredentials[account=" + accountId + ", provider=" + provider + ", baseUrl=" + baseUrl + "]";
    }
}
