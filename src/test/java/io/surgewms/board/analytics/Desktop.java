package io.surgewms.board.analytics;

import io.surgewms.testsupport.Chromium;
import io.surgewms.testsupport.SignInPage;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Debian's headless Chromium at a supervisor's desktop size, driven by the system chromedriver (as web.Handheld does). */
final class Desktop implements AutoCloseable {
    static final Path CHROMEDRIVER = Chromium.CHROMEDRIVER;

    private final ChromeDriver driver;
    private final Chromium browser;
    private final WebDriverWait wait;

    Desktop(int width, int height) {
        browser = new Chromium(width, height, true);
        driver = browser.driver;
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
        return browser.screenshot(name);
    }

    @Override
    public void close() {
        browser.close();
    }
}
