package io.surgewms.board;

import io.surgewms.testsupport.Chromium;
import io.surgewms.testsupport.SignInPage;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Debian's headless Chromium (system chromedriver) showing the board as a wall screen or a desk
 * monitor would: a desktop viewport of an exact size, set through the DevTools protocol so the
 * page sees precisely 1920×1080 or 1440×900 CSS pixels. (The floor pages' test browser lives in
 * io.surgewms.web and is shaped for handhelds.)
 */
final class WallScreen implements AutoCloseable {
    static final Path CHROMEDRIVER = Chromium.CHROMEDRIVER;

    final ChromeDriver driver;
    private final Chromium browser;

    WallScreen(int width, int height) {
        browser = new Chromium(width, height, false, "--hide-scrollbars", "--lang=en-US");
        driver = browser.driver;
        size(width, height);
    }

    /** The viewport, exactly, as a desktop (not a phone) of that size. */
    void size(int width, int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
    }

    /** Opens the page signed in: the server sends the browser to /login, where username + password bring it back. */
    void signIn(String url, SignInPage.Staff who) {
        SignInPage.withPassword(driver, url, who);
        open(url);
    }

    void open(String url) {
        driver.get(url);
        waitFor("the first board", Duration.ofSeconds(15), () -> "1".equals(body("ready")) && updates() > 0);
    }

    int updates() { return Integer.parseInt(body("updates")); }

    String body(String data) { return String.valueOf(js("return document.body.dataset." + data)); }

    /**
     * An attribute of the first element matching the selector; null when there is none. Read in one
     * script, since the page redraws its lists at every pushed board (an element found a moment ago may be gone).
     */
    String attr(String css, String attribute) {
        return (String) driver.executeScript("const e = document.querySelector(arguments[0]); return e ? e.getAttribute(arguments[1]) : null;", css, attribute);
    }

    /** The text shown by the first element matching the selector; null when there is none. */
    String text(String css) {
        return (String) driver.executeScript("const e = document.querySelector(arguments[0]); return e ? e.innerText.trim() : null;", css);
    }

    /** The text of every element matching the selector, in page order. */
    @SuppressWarnings("unchecked")
    java.util.List<String> texts(String css) {
        return (java.util.List<String>) driver.executeScript("return [...document.querySelectorAll(arguments[0])].map(e => e.innerText.trim());", css);
    }

    /**
     * Clicks the element; if a live update re-drew it between finding and clicking, finds it again and clicks that,
     * as a supervisor would (the board re-renders up to five times a second under load).
     */
    void click(String css) {
        for (int attempt = 1; ; attempt++) {
            try {
                driver.findElement(By.cssSelector(css)).click();
                return;
            } catch (org.openqa.selenium.StaleElementReferenceException redrawn) {
                if (attempt == 5) throw redrawn;
            }
        }
    }

    Object js(String script) { return driver.executeScript(script); }

    void waitFor(String what, Duration timeout, BooleanSupplier condition) {
        new WebDriverWait(driver, timeout).withMessage("waiting for " + what).until(d -> condition.getAsBoolean());
    }

    /** Elements whose content is wider or taller than their box and not meant to scroll: text that would be cut off unseen. */
    @SuppressWarnings("unchecked")
    java.util.List<String> overflowing() {
        return (java.util.List<String>) js("""
                const out = [];
                for (const e of document.querySelectorAll('#top *, .panel h2, .wave *, .row *, .dev *, .tbl td, .stat *, .tile *, .xlist *')) {
                  const s = getComputedStyle(e);
                  if (s.display === 'none' || e.children.length || !e.textContent.trim()) continue;
                  if (s.textOverflow === 'ellipsis' || s.webkitLineClamp !== 'none' && s.webkitLineClamp) continue;
                  if (e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0) out.push((e.id || e.className || e.tagName) + ': ' + e.textContent.trim());
                }
                const r = document.documentElement;
                if (r.scrollWidth > innerWidth) out.push('page wider than the screen: ' + r.scrollWidth);
                return out;""");
    }

    Path screenshot(String name) {
        return browser.screenshot(name);
    }

    @Override
    public void close() {
        browser.close();
    }
}
