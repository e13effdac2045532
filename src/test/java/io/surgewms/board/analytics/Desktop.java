package io.surgewms.board.analytics;

import io.surgewms.testsupport.SignInPage;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Debian's headless Chromium at a supervisor's desktop size, driven by the system chromedriver (as web.Handheld does). */
final class Desktop implements AutoCloseable {
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private final ChromeDriver driver;
    private final Path profile;
    private final WebDriverWait wait;

    Desktop(int width, int height) {
        try {
            profile = Files.createTempDirectory("surge-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions o = new ChromeOptions();
        if (Files.isExecutable(CHROMIUM)) o.setBinary(CHROMIUM.toFile());
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
        o.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics", Map.of("width", width, "height", height, "pixelRatio", 1.0)));
        driver = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build(), o);
        wait = new WebDriverWait(driver, Duration.ofSeconds(15));
    }

    /** Opens the page signed in: the server sends the browser to /login, where username + password bring it back. */
    void signIn(String url, SignInPage.Staff who) {
        SignInPage.withPassword(driver, url, who);
        open(url);
    }

    void open(String url) {
        driver.get(url);
        wait.withMessage("waiting for the page to load its figures").until(d -> "1".equals(js("return document.body.dataset.ready")));
    }

    /** Clicks and waits until the page has loaded its figures again. */
    void clickAndReload(String css) {
        long before = number("return Number(document.body.dataset.loads)");
        driver.findElement(By.cssSelector(css)).click();
        wait.withMessage("waiting for the page to reload").until(d -> number("return Number(document.body.dataset.loads)") > before);
    }

    String text(String id) { return driver.findElement(By.id(id)).getText(); }

    String value(String id) { return driver.findElement(By.id(id)).getAttribute("value"); }

    String attribute(String id, String name) { return driver.findElement(By.id(id)).getAttribute(name); }

    List<String> texts(String css) { return driver.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList(); }

    String url() { return driver.getCurrentUrl(); }

    long number(String script) { return ((Number) js(script)).longValue(); }

    Object js(String script) { return driver.executeScript(script); }

    Path screenshot(String name) {
        try {
            Path dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            Path file = dir.resolve(name);
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp profile left behind is harmless
            }
        }
    }
}
