package io.surgewms.intake.channels;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import io.surgewms.platform.CredentialCipher;
import io.surgewms.platform.Tx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The channel accounts' secrets at rest: app secret, access token and refresh token, each sealed on its own
 * ({@link CredentialCipher}, associated data {@code channel_account:<id>:<column>}, so a value moved to another
 * row or column does not open). Rows written in clear before sealing existed are sealed when the service starts
 * with a key; without a key they stay readable as they are, and every start says so in the log.
 */
@ApplicationScoped
public class ChannelSecrets {

    private static final Logger LOG = Logger.getLogger(ChannelSecrets.class);
    static final String CLEAR_ROWS = """
            (secret not like 'sealed:%' or access_token not like 'sealed:%' or refresh_token not like 'sealed:%')""";

    @Inject AgroalDataSource db;
    @Inject CredentialCipher cipher;

    /** The key's fingerprint: a 503 problem before anything is written when no key is configured. */
    void requireKey() {
        cipher.keyId();
    }

    String seal(long accountId, String column, String clear) {
        return clear == null ? null : cipher.sealText(clear, context(accountId, column));
    }

    /** The clear value, or null (logged) when it does not open: a rotated key means entering it again. */
    String open(long accountId, String column, String stored) {
        try {
            return cipher.openText(stored, context(accountId, column));
        } catch (RuntimeException e) {
            LOG.warnf("Channel account %d: %s does not open (%s); register it again", accountId, column, e.getMessage());
            return null;
        }
    }

    private static String context(long accountId, String column) {
        return "channel_account:" + accountId + ":" + column;
    }

    void onStart(@Observes StartupEvent ev) {
        try {
            int sealed = sealClearRows();
            if (sealed > 0) LOG.infof("Sealed the secrets of %d channel account(s) written in clear before", sealed);
        } catch (RuntimeException e) {
            LOG.warn("Could not seal channel secrets left in clear; the next start tries again", e);
        }
    }

    /** Seals every secret still in clear; any number of instances may start at once (SKIP LOCKED). */
    public int sealClearRows() {
        if (!cipher.configured()) {
            long clear = count();
            if (clear > 0) LOG.warnf("%d channel account(s) hold secrets in clear: set SURGE_SHIPPING_KEY and restart to seal them", clear);
            return 0;
        }
        return Tx.retrying(() -> {
            int n = 0;
            try (Connection c = db.getConnection();
                 PreparedStatement read = c.prepareStatement("select id, secret, access_token, refresh_token from channel_account where "
                         + CLEAR_ROWS + " for update skip locked");
                 PreparedStatement write = c.prepareStatement("update channel_account set secret = ?, access_token = ?, refresh_token = ? where id = ?");
                 ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    write.setString(1, sealOnce(id, "secret", rs.getString(2)));
                    write.setString(2, sealOnce(id, "access_token", rs.getString(3)));
                    write.setString(3, sealOnce(id, "refresh_token", rs.getString(4)));
                    write.setLong(4, id);
                    n += write.executeUpdate();
                }
            } catch (SQLException e) {
                throw Tx.unchecked(e);
            }
            return n;
        });
    }

    private String sealOnce(long id, String column, String stored) {
        return stored == null || CredentialCipher.isSealed(stored) ? stored : seal(id, column, stored);
    }

    private long count() {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("select count(*) from channel_account where " + CLEAR_ROWS);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw Tx.unchecked(e);
        }
    }
}
