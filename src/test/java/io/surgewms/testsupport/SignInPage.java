package io.surgewms.testsupport;

import io.restassured.http.ContentType;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/**
 * Browser tests sign in as a person does: a user made through the admin API (the suite's admin key
 * signs that call), then the real /login page in Chromium — badge + PIN typed as a wedge scanner
 * types them, or username + password.
 */
public final class SignInPage {
    private SignInPage() {}

    public record Staff(String username, String password, String badge, String pin, List<String> roles) {}

    /** A new user with these roles, a password, a badge and a PIN; the name starts with the prefix and is unique. */
    public static Staff staff(String prefix, String... roles) {
        String tag = UUID.randomUUID().toString().replace("-", "");
        Staff s = new Staff((prefix + "-" + tag.substring(0, 6)).toLowerCase(), "pw-" + tag.substring(0, 14),
                "BDG-" + tag.substring(6, 16).toUpperCase(), String.valueOf(1000 + (int) (Math.random() * 9000)), List.of(roles));
        given().contentType(ContentType.JSON)
                .body(Map.of("username", s.username(), "displayName", s.username(), "password", s.password(), "roles", s.roles(),
                        "badge", s.badge(), "pin", s.pin()))
                .post("/api/users").then().statusCode(201);
        return s;
    }

    /** Opens the page; the server sends the browser to /login; badge + PIN there bring it back to the page. */
    public static void withBadge(WebDriver d, String page, Staff s) {
        open(d, page, "badge");
        type(d, s.badge(), Keys.ENTER);  // the scanner: badge + its Enter suffix
        type(d, s.pin(), Keys.ENTER);    // the keypad
        landed(d, page);
    }

    /** Opens the page; at /login the username and password bring the browser back to the page. */
    public static void withPassword(WebDriver d, String page, Staff s) {
        open(d, page, "password");
        type(d, s.username(), Keys.ENTER);
        type(d, s.password(), Keys.ENTER);
        landed(d, page);
    }

    /** Goes to the page and expects the sign-in page in its place, in the given mode. */
    public static void open(WebDriver d, String page, String mode) {
        d.get(page);
        wait(d, "the sign-in page", () -> "/login".equals(path(d)) && "1".equals(js(d, "return document.body.dataset.ready")));
        if (!mode.equals(js(d, "return document.body.dataset.mode"))) d.findElement(By.id("mode-" + mode)).click();
        wait(d, "mode " + mode, () -> mode.equals(js(d, "return document.body.dataset.mode")));
    }

    /** Types into whatever has focus, as a wedge scanner or a person does. */
    public static void type(WebDriver d, String text, Keys end) {
        new Actions(d).sendKeys(text).sendKeys(end).perform();
    }

    static void landed(WebDriver d, String page) {
        String want = URI.create(page).getRawPath();
        wait(d, "back at " + want + " signed in", () -> want.equals(path(d)));
    }

    public static String path(WebDriver d) {
        return URI.create(d.getCurrentUrl()).getRawPath();
    }

    static String js(WebDriver d, String script) {
        return String.valueOf(((JavascriptExecutor) d).executeScript(script));
    }

    static void wait(WebDriver d, String what, java.util.function.BooleanSupplier ok) {
        new WebDriverWait(d, Duration.ofSeconds(15)).withMessage("waiting for " + what).until(x -> ok.getAsBoolean());
    }
}
