package io.surgewms.labels;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds a label template by file name. A site's edited copy in a configured directory wins; otherwise
 * the copy built into the jar: the build packages the repository's {@code labels/} folder on the
 * classpath under {@code labels/}, so there is one source file and no second copy to drift.
 */
public final class LabelTemplates {
    private final Path directory;

    /** @param directory folder of site-edited templates, or null to use only the built-in ones */
    public LabelTemplates(Path directory) {
        this.directory = directory;
    }

    public static LabelTemplates builtIn() {
        return new LabelTemplates(null);
    }

    public ZplTemplate zpl(String fileName) {
        if (!fileName.matches("[A-Za-z0-9._-]+") || fileName.startsWith("."))
            throw new IllegalArgumentException("bad template name: " + fileName);
        try {
            if (directory != null) {
                Path p = directory.resolve(fileName);
                if (Files.isRegularFile(p)) return new ZplTemplate(p.toString(), Files.readString(p, StandardCharsets.UTF_8));
            }
            try (InputStream in = LabelTemplates.class.getResourceAsStream("/labels/" + fileName)) {
                if (in == null) throw new IllegalArgumentException("no label template " + fileName);
                return new ZplTemplate("classpath:labels/" + fileName, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read label template " + fileName, e);
        }
    }
}
