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

    /** The site's templates: {@code surge.labels.directory} (SURGE_LABELS_DIR) over the built-in ones. */
    public static LabelTemplates configured() {
        return from(org.eclipse.microprofile.config.ConfigProvider.getConfig().getOptionalValue("surge.labels.directory", String.class));
    }

    /** A directory from configuration (blank = built-in only); a directory that is not there is a start-up error. */
    public static LabelTemplates from(java.util.Optional<String> directory) {
        if (directory.isEmpty() || directory.get().isBlank()) return builtIn();
        Path p = Path.of(directory.get());
        if (!Files.isDirectory(p)) throw new IllegalStateException("label template directory " + p.toAbsolutePath() + " does not exist");
        return new LabelTemplates(p);
    }

    public ZplTemplate zpl(String fileName) {
        return read(fileName, ZplTemplate::new);
    }

    public PdfLayout pdfLayout(String fileName) {
        return read(fileName, PdfLayout::new);
    }

    private <T> T read(String fileName, java.util.function.BiFunction<String, String, T> parse) {
        if (!fileName.matches("[A-Za-z0-9._-]+") || fileName.startsWith("."))
            throw new IllegalArgumentException("bad template name: " + fileName);
        try {
            if (directory != null) {
                Path p = directory.resolve(fileName);
                if (Files.isRegularFile(p)) return parse.apply(p.toString(), Files.readString(p, StandardCharsets.UTF_8));
            }
            try (InputStream in = LabelTemplates.class.getResourceAsStream("/labels/" + fileName)) {
                if (in == null) throw new IllegalArgumentException("no label template " + fileName);
                return parse.apply("classpath:labels/" + fileName, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read label template " + fileName, e);
        }
    }
}
