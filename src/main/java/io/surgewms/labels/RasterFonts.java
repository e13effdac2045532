package io.surgewms.labels;

import org.jboss.logging.Logger;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Fonts for text drawn as a picture: the bundled DejaVu Sans Bold (Latin, Greek, Cyrillic), and for Chinese,
 * Japanese and Korean a font of the machine, too large to bundle (several MB): {@code surge.labels.cjk-font}
 * (SURGE_LABELS_CJK_FONT) names one, else the first found of Debian's {@code fonts-wqy-microhei} and
 * {@code fonts-droid-fallback}. Without one, a CJK field prints a message saying what to install, not boxes.
 */
final class RasterFonts {
    private static final Logger LOG = Logger.getLogger(RasterFonts.class);
    /** Where Debian's packages put them, in order of preference. */
    static final List<String> CJK_CANDIDATES = List.of(
            "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
            "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
            "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc");
    static final String CJK_PACKAGE = "fonts-wqy-microhei";

    final Font latin;
    /** Null when the machine has no CJK font. */
    final Font cjk;
    final String cjkMissing;

    private RasterFonts(Font latin, Font cjk, String cjkMissing) {
        this.latin = latin;
        this.cjk = cjk;
        this.cjkMissing = cjkMissing;
    }

    private static final class Holder {
        static final RasterFonts FONTS = load(configured());
    }

    static RasterFonts get() {
        return Holder.FONTS;
    }

    /** The fonts with this CJK font file (null: look in the usual places). */
    static RasterFonts load(String cjkFile) {
        Font latin;
        try {
            latin = Font.createFont(Font.TRUETYPE_FONT, new ByteArrayInputStream(LabelFonts.boldFile()));
        } catch (FontFormatException | IOException e) {
            throw new IllegalStateException("cannot load the bundled label font for Java2D", e);
        }
        List<String> tried = new ArrayList<>();
        for (String candidate : cjkFile != null ? List.of(cjkFile) : CJK_CANDIDATES) {
            tried.add(candidate);
            if (!Files.isReadable(Path.of(candidate))) continue;
            try {
                Font[] faces = Font.createFonts(new File(candidate));
                if (faces.length > 0 && faces[0].canDisplay('東')) return new RasterFonts(latin, faces[0], null);
            } catch (FontFormatException | IOException e) {
                LOG.warnf("CJK label font %s cannot be read: %s", candidate, e.getMessage());
            }
        }
        String missing = "NO CJK FONT: apt-get install " + CJK_PACKAGE;
        LOG.warnf("No CJK font for labels (tried %s): Chinese, Japanese and Korean addresses print '%s' on printers "
                + "without a Unicode font. Install %s or set SURGE_LABELS_CJK_FONT.", tried, missing, CJK_PACKAGE);
        return new RasterFonts(latin, null, missing);
    }

    private static String configured() {
        try {
            Optional<String> v = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                    .getOptionalValue("surge.labels.cjk-font", String.class);
            return v.filter(s -> !s.isBlank()).orElse(null);
        } catch (RuntimeException e) {
            return null; // no configuration outside the service (a tool, a test): the usual places
        }
    }
}
