package io.surgewms.shipping;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.surgewms.intake.channels.ChannelAccount;
import io.surgewms.intake.channels.ChannelAccounts;
import io.surgewms.platform.CredentialCipher;
import io.surgewms.platform.Jdbc;
import io.surgewms.platform.Problem;
import io.surgewms.platform.ProblemException;
import io.surgewms.platform.Tx;
import io.surgewms.shipping.spi.CarrierCredentials;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Shops' accounts at label providers (table carrier_account): created and re-keyed by an admin, the
 * credentials sealed by {@link CredentialCipher} and never returned. TikTok Shipping has no row: it runs on
 * the shop's TikTok channel account.
 */
@ApplicationScoped
public class CarrierAccounts {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The associated data of a sealed blob names its table and row (as it always has: carrier_account:id). */
    private static final String TABLE = "carrier_account";
    /** The secrets each provider needs to call. */
    static final Map<String, List<String>> REQUIRED = Map.of("own", List.of(), "easypost", List.of("apiKey"), "sendcloud", List.of("publicKey", "secretKey"));

    @Inject AgroalDataSource db;
    @Inject CredentialCipher cipher;
    @Inject ChannelAccounts channels;

    public record NewAccount(String shop, String provider, String name, String baseUrl, Map<String, String> credentials,
                             Map<String, String> options, Boolean active) {}

    /** An account as the API shows it: which secrets are set, never their values. */
    public record AccountView(long id, String shop, String provider, String name, String baseUrl, List<String> credentialsSet,
                              Map<String, String> options, boolean active) {}

    public AccountView create(NewAccount n) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (n == null) throw ProblemException.invalid("shop", "send shop, provider, name and credentials");
        if (n.shop() == null || n.shop().isBlank()) errors.add(new Problem.FieldError("shop", "required"));
        if (n.provider() == null || !REQUIRED.containsKey(n.provider()))
            errors.add(new Problem.FieldError("provider", "must be one of own, easypost, sendcloud (TikTok Shipping uses the shop's TikTok channel account)"));
        if (n.name() == null || !n.name().matches("[A-Za-z0-9 ._-]{1,40}")) errors.add(new Problem.FieldError("name", "1-40 letters, digits, space, . _ -"));
        if (n.baseUrl() != null && !n.baseUrl().matches("https?://[^\\s]+")) errors.add(new Problem.FieldError("baseUrl", "must be an http(s) URL"));
        if (n.provider() != null && REQUIRED.containsKey(n.provider()))
            for (String k : REQUIRED.get(n.provider()))
                if (n.credentials() == null || n.credentials().get(k) == null || n.credentials().get(k).isBlank())
                    errors.add(new Problem.FieldError("credentials." + k, "required for " + n.provider()));
        if (!errors.isEmpty()) throw ProblemException.invalid(errors);
        String keyId = cipher.keyId(); // no key configured: 503 before anything is written
        long id = Tx.retrying(() -> {
            try (Connection c = db.getConnection()) {
                Long shop = Jdbc.one(c, "select id from shop where code = ?", rs -> rs.getLong(1), n.shop());
                if (shop == null) throw ProblemException.invalid("shop", "no shop " + n.shop());
                if (Jdbc.one(c, "select 1 from carrier_account where shop_id = ? and name = ?", rs -> 1, shop, n.name()) != null)
                    throw ProblemException.conflict("name", "shop " + n.shop() + " already has a carrier account named " + n.name());
                long newId = Jdbc.one(c, """
                        insert into carrier_account (shop_id, provider, name, base_url, credentials, key_id, options, active)
                        values (?, ?, ?, ?, '\\x'::bytea, ?, cast(? as jsonb), ?) returning id""", rs -> rs.getLong(1),
                        shop, n.provider(), n.name(), trimUrl(n.baseUrl()), keyId, json(n.options()), n.active() == null || n.active());
                // sealed with its own id as associated data: the blob opens on this row only
                Jdbc.update(c, "update carrier_account set credentials = ? where id = ?", cipher.seal(n.credentials() == null ? Map.of() : n.credentials(), TABLE, newId), newId);
                return newId;
            } catch (SQLException e) {
                throw Tx.unchecked(e);
            }
        });
        return view(id);
    }

    /** New credentials (a rotated API key, an expired token replaced); answers the account without them. */
    public AccountView rekey(long id, Map<String, String> credentials) {
        AccountView a = view(id);
        for (String k : REQUIRED.get(a.provider()))
            if (credentials == null || credentials.get(k) == null || credentials.get(k).isBlank())
                throw ProblemException.invalid("credentials." + k, "required for " + a.provider());
        try (Connection c = db.getConnection()) {
            Jdbc.update(c, "update carrier_account set credentials = ?, key_id = ? where id = ?", cipher.seal(credentials, TABLE, id), cipher.keyId(), id);
        } catch (SQLException e) {
            throw Tx.unchecked(e);
        }
        return view(id);
    }

    public AccountView setActive(long id, boolean active) {
        view(id);
        try (Connection c = db.getConnection()) {
            Jdbc.update(c, "update carrier_account set active = ? where id = ?", active, id);
        } catch (SQLException e) {
            throw Tx.unchecked(e);
        }
        return view(id);
    }

    private static final String VIEW = """
            select a.id, s.code, a.provider, a.name, a.base_url, a.credentials, a.key_id, a.options::text, a.active
              from carrier_account a join shop s on s.id = a.shop_id""";

    public List<AccountView> list(String shop) {
        try (Connection c = db.getConnection()) {
            return Jdbc.list(c, VIEW + " where (cast(? as text) is null or s.code = ?) order by a.id", this::view, shop, shop);
        } catch (SQLException e) {
            throw Tx.unchecked(e);
        }
    }

    public AccountView view(long id) {
        try (Connection c = db.getConnection()) {
            AccountView v = Jdbc.one(c, VIEW + " where a.id = ?", this::view, id);
            if (v == null) throw ProblemException.notFound("No carrier account " + id);
            return v;
        } catch (SQLException e) {
            throw Tx.unchecked(e);
        }
    }

    private AccountView view(ResultSet rs) throws SQLException {
        List<String> set;
        try {
            set = new ArrayList<>(new TreeSet<>(cipher.open(rs.getBytes(6), TABLE, rs.getLong(1), rs.getString(7)).keySet()));
        } catch (RuntimeException e) { // a rotated key: the account shows that its credentials must be entered again
            set = List.of();
        }
        return new AccountView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), set,
                options(rs.getString(8)), rs.getBoolean(9));
    }

    /** The shop's active aggregator accounts, opened for a call. */
    public List<CarrierCredentials> activeFor(Connection c, long shopId) throws SQLException {
        return Jdbc.list(c, """
                select id, provider, base_url, credentials, key_id, options::text from carrier_account
                 where shop_id = ? and active order by id""",
                rs -> new CarrierCredentials(rs.getLong(1), rs.getString(2), rs.getString(3),
                        cipher.open(rs.getBytes(4), TABLE, rs.getLong(1), rs.getString(5)), options(rs.getString(6))), shopId);
    }

    /** One account (active or not: a label bought on it is voided on it), opened for a call. */
    public CarrierCredentials credentials(Connection c, long accountId) throws SQLException {
        CarrierCredentials a = Jdbc.one(c, "select id, provider, base_url, credentials, key_id, options::text from carrier_account where id = ?",
                rs -> new CarrierCredentials(rs.getLong(1), rs.getString(2), rs.getString(3),
                        cipher.open(rs.getBytes(4), TABLE, rs.getLong(1), rs.getString(5)), options(rs.getString(6))), accountId);
        if (a == null) throw new IllegalStateException("no carrier account " + accountId);
        return a;
    }

    /** TikTok Shipping's credentials: the shop's active TikTok channel account. */
    public CarrierCredentials tiktokFor(long shopId) {
        ChannelAccount a = channels.activeFor(shopId, "tiktok");
        if (a == null) throw new IllegalStateException("shop " + shopId + " has no active TikTok channel account to ship with");
        Map<String, String> secrets = new HashMap<>();
        if (a.appKey() != null) secrets.put("appKey", a.appKey());
        secrets.put("appSecret", a.secret());
        if (a.accessToken() != null) secrets.put("accessToken", a.accessToken());
        // accounts registered before the shop cipher had its own field named it as the account
        return new CarrierCredentials(a.id(), "tiktok", a.baseUrl(), secrets, Map.of("shopCipher", a.shopCipher() != null ? a.shopCipher() : a.account()));
    }

    private static String trimUrl(String url) {
        return url == null ? null : url.replaceAll("/+$", "");
    }

    private static String json(Map<String, String> m) {
        try {
            return JSON.writeValueAsString(m == null ? Map.of() : m);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ProblemException.invalid("options", "not a map of strings");
        }
    }

    static Map<String, String> options(String json) {
        try {
            return json == null ? Map.of() : JSON.readValue(json, new TypeReference<Map<String, String>>() {});
        } catch (java.io.IOException e) {
            return Map.of();
        }
    }
}
