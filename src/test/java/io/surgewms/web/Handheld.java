package io.surgewms.web;

import io.surgewms.testsupport.Chromium;
import io.surgewms.testsupport.SignInPage;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Debian's headless Chromium driven by the system chromedriver, showing the pick page at the size
 * of a Zebra-style handheld (360×640). Typing goes to whatever has focus, as a wedge scanner's does.
 */
final class Handheld implements AutoCloseable {
    static final Path CHROMEDRIVER = Chromium.CHROMEDRIVER;

    final ChromeDriver driver;
    private final Chromium browser;
    private final WebDriverWait wait;

    Handheld() {
        this(360, 640);
    }

    /** A browser of another size: 1280×800 for a pack station's tablet or desktop. */
    Handheld(int width, int height) {
        // A handheld's viewport, whatever the headless window adds around it.
        browser = new Chromium(width, height, true, "--autoplay-policy=no-user-gesture-required");
        driver = browser.driver;
        wait = new WebDriverWait(driver, Duration.ofSeconds(15));
    }

    /** Opens the page signed in: the server sends the browser to /login, where badge + PIN bring it back. */
    void signIn(String url, SignInPage.Staff who) {
        SignInPage.withBadge(driver, url, who);
        waitFor("page script", () -> Boolean.TRUE.equals(js("return document.body.dataset.ready === '1'")));
    }

    void open(String url) {
        driver.get(url);
        waitFor("page script", () -> Boolean.TRUE.equals(js("return document.body.dataset.ready === '1'")));
    }

    /** Types a code and the scanner's suffix into the focused element, as a keyboard-wedge scanner does. */
    void scan(String code, Keys suffix) {
        new Actions(driver).sendKeys(code).sendKeys(suffix).perform();
    }

    /** Scans and waits until the page has shown the server's answer. */
    void scanAnswered(String code) {
        scanAnswered(code, Keys.ENTER);
    }

    void scanAnswered(String code, Keys suffix) {
        int before = answers();
        scan(code, suffix);
        waitFor("answer to scan " + code, () -> answers() > before);
    }

    int answers() { return Integer.parseInt(body("answers")); }

    String screen() { return body("screen"); }

    String expect() { return body("expect"); }

    private String body(String data) {
        return String.valueOf(js("return document.body.dataset." + data));
    }

    String text(String id) { return driver.findElement(By.id(id)).getText(); }

    boolean visible(String id) { return driver.findElement(By.id(id)).isDisplayed(); }

    String bannerClass() { return driver.findElement(By.id("banner")).getAttribute("class"); }

    /** All the text the page shows now (hidden elements give none). */
    String visibleText() { return driver.findElement(By.tagName("body")).getText(); }

    /** The pictures the page paints now: displayed, not invisible, with an address. */
    @SuppressWarnings("unchecked")
    java.util.List<String> paintedImages() {
        return (java.util.List<String>) js("return [...document.images].filter(i => i.offsetParent !== null"
                + " && getComputedStyle(i).visibility === 'visible' && i.getAttribute('src')).map(i => i.src)");
    }

    /**
     * True while the pack page paints its label preview before the new picture has loaded: the browser then
     * still paints the previous shipment's label under the new shipment's number.
     */
    boolean labelPreviewPaintedUnloaded() {
        return Boolean.TRUE.equals(js("const i = document.getElementById('label');"
                + " return i.offsetParent !== null && getComputedStyle(i).visibility === 'visible' && !i.complete"));
    }

    /** The shipment the pack page names for its label, once the label's preview has loaded and is painted. */
    long labelShown() {
        waitFor("label preview painted", () -> Boolean.TRUE.equals(js("const i = document.getElementById('label');"
                + " return i.offsetParent !== null && getComputedStyle(i).visibility === 'visible' && i.complete && i.naturalWidth > 0")));
        return Long.parseLong(text("shipment-id"));
    }

    void click(String id) { driver.findElement(By.id(id)).click(); }

    /** True when the scan field has focus: where a wedge scanner's next keystrokes will land. */
    boolean scanFieldFocused() {
        WebElement active = driver.switchTo().activeElement();
        return "scan".equals(active.getAttribute("id"));
    }

    void waitForScreen(String screen) {
        waitFor("screen " + screen, () -> screen.equals(screen()));
    }

    void waitFor(String what, java.util.function.BooleanSupplier condition) {
        wait.withMessage("waiting for " + what).until(d -> condition.getAsBoolean());
    }

    Object js(String script) { return driver.executeScript(script); }

    void offline(boolean off) {
        if (!off) { driver.deleteNetworkConditions(); return; }
        ChromiumNetworkConditions c = new ChromiumNetworkConditions();
        c.setOffline(true);
        driver.setNetworkConditions(c);
    }

    /** Saves what the picker sees, once the answer's flash has faded. */
    Path screenshot(String name) {
        waitFor("flash to fade", () -> "0".equals(String.valueOf(js("return document.getAnimations().length"))));
        return browser.screenshot(name);
    }

    @Override
    public void close() {
        browser.close();
    }
}
