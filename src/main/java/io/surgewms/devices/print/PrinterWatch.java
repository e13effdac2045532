package io.surgewms.devices.print;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import io.surgewms.devices.PrintQueue;
import io.surgewms.devices.printer.PrinterStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.ConnectException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Asks every enabled TCP printer device that answers {@code ~HS} for its status every 10 s and writes
 * it to {@code device_status}. It takes the printer's queue lock first, so it never talks to a printer
 * while a label is being sent to it (many take one connection at a time), and any instance may poll.
 * A printer that answers after being away has its waiting labels' back-off ended, so they go at once.
 */
@ApplicationScoped
public class PrinterWatch {

    private static final Logger LOG = Logger.getLogger(PrinterWatch.class);
    private static final Set<String> AWAY = Set.of("UNKNOWN", "OFFLINE", "ERROR");

    @Inject AgroalDataSource db;
    @Inject PrintQueue queue;

    @Scheduled(every = "10s", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            poll();
        } catch (RuntimeException e) {
            LOG.warn("Printer status: " + e.getMessage());
        }
    }

    /** Polls every printer once; answers how many answered ~HS. */
    public int poll() {
        int answered = 0;
        for (String name : printers()) if (poll(name)) answered++;
        return answered;
    }

    /** Polls one printer device; true when it answered. Skipped (false) while another sender or poller holds it. */
    public boolean poll(String name) {
        boolean answered = false;
        String before = null;
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("select pg_try_advisory_xact_lock(?, hashtext(?))")) {
                    ps.setInt(1, PrintQueue.LOCK_SPACE);
                    ps.setString(2, PrinterTarget.deviceKey(name));
                    try (ResultSet rs = ps.executeQuery()) { rs.next(); if (!rs.getBoolean(1)) { c.rollback(); return false; } }
                }
                PrinterTarget printer = PrinterTarget.load(c, PrinterTarget.deviceKey(name));
                if (printer.unusable() != null || !printer.answersStatus()) { c.rollback(); return false; }
                before = PrinterBoard.state(c, name);
                try {
                    PrinterStatus s = printer.status();
                    PrinterBoard.answered(c, name, s);
                    answered = true;
                } catch (ConnectException e) {
                    PrinterBoard.offline(c, name, e.getMessage());
                } catch (IOException e) {
                    PrinterBoard.silent(c, name, "no status: " + e.getMessage());
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        if (answered && (before == null || AWAY.contains(before))) queue.printerBack(name);
        return answered;
    }

    private List<String> printers() {
        List<String> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select name from device where kind = 'PRINTER' and connection = 'TCP' and enabled
                   and coalesce(options->>'status', 'true') <> 'false' order by name""");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.add(rs.getString(1));
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return out;
    }
}
